// Model time: milliseconds since the Unix epoch, virtual. Nothing in sim/ reads a real clock;
// the World's Clock is the only source of "now" (DESIGN.md, Time).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace amisim::sim {

using TimeMs = std::int64_t;
using DurationMs = std::int64_t;

inline constexpr DurationMs kSecondMs = 1000;
inline constexpr DurationMs kMinuteMs = 60 * kSecondMs;
inline constexpr DurationMs kHourMs = 60 * kMinuteMs;
inline constexpr DurationMs kDayMs = 24 * kHourMs;

// 2026-01-01T00:00:00Z: where a new world's clock starts unless told otherwise.
inline constexpr TimeMs kDefaultWorldStartMs = 1767225600000;

// "2026-01-01T00:00:00.000Z", the form EC2 uses for launchTime, creationDate and startTime.
std::string format_iso8601(TimeMs t);

// Parses "YYYY-MM-DDTHH:MM:SS[.fff]Z" (or "+00:00"); nullopt when malformed.
std::optional<TimeMs> parse_iso8601(std::string_view text);

}  // namespace amisim::sim
