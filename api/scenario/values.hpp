// The scalar values scenario steps spell as text: durations ("90s", "10m", "2h", "30d"), dollar
// amounts ("0.400000"), bill window times (ISO-8601, or "-30d" for "30 days before now"), and
// the `${var}` references inside strings. The loader checks them when the text has no `${`; the
// runner checks them again after substitution.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "sim/core/prices.hpp"
#include "sim/core/time.hpp"

namespace amisim::scenario {

// What a scenario's "account" must be (sim::is_account_id), as the loader and the runner say it.
inline constexpr std::string_view kAccountIdExpected = "a 12-digit account ID";

// A whole number followed by one unit: s, m, h or d ("90s", "10m", "2h", "30d"); at most
// 36,500 days. nullopt otherwise.
std::optional<sim::DurationMs> parse_duration(std::string_view text);

// "0.4", "12", "0.400000": a non-negative decimal with at most 6 decimals, as micro-dollars.
std::optional<sim::MicroUsd> parse_usd(std::string_view text);

// A bill window end: an ISO-8601 time ("2026-01-31T00:00:00Z"), or "-" and a duration
// ("-30d": that long before `now`). nullopt when neither.
std::optional<sim::TimeMs> parse_bill_time(std::string_view text, sim::TimeMs now);

// Whether `text` holds a `${...}` reference (then its value can only be checked at run time).
bool has_reference(std::string_view text);

// "1h 30m 5s", "30d", "0s": a duration for people.
std::string format_duration(sim::DurationMs duration);

}  // namespace amisim::scenario
