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

// The proleptic Gregorian calendar: days since 1970-01-01 (negative before) for a date (month
// 1-12, day 1-31; a day past the month's end rolls over), and the date of such a day.
struct CivilDate {
  std::int64_t year;
  unsigned month;
  unsigned day;
};
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d);
CivilDate civil_from_days(std::int64_t days);

// "2026-01-01T00:00:00.000Z", the form EC2 uses for launchTime, creationDate and startTime.
std::string format_iso8601(TimeMs t);

// An ISO-8601 date or date-time as written, before any range check:
//   YYYY-MM-DD                                           a bare date
//   YYYY-MM-DD(T|t)hh:mm:ss[.f...](Z|z|+hh:mm|-hh:mm)    a date-time (any number of fraction
//   digits)
struct Iso8601Text {
  int year = 0;
  int month = 0;
  int day = 0;
  bool has_time = false;  // false for a bare date
  int hour = 0;
  int minute = 0;
  int second = 0;
  int millis = 0;                   // the fraction's first three digits, zero-filled
  std::size_t fraction_digits = 0;  // as written; 0 without a fraction
  bool lower_case = false;          // written with 't' or 'z'
  int offset_sign = 0;              // 0 for Z; +1 east of UTC ("+05:30"), -1 west ("-08:00")
  int offset_hours = 0;
  int offset_minutes = 0;
};

// The one ISO-8601 grammar (api/protocol's timestamp check reads it too): the parts of `text`,
// or nullopt when it is not of that shape. Only digits stand where digits go (no signs);
// values are not range-checked.
std::optional<Iso8601Text> scan_iso8601(std::string_view text);

// Whether a caller takes a bare date "YYYY-MM-DD" (as its midnight, UTC).
enum class DateOnly { kRefused, kMidnightUtc };

// The time `text` names: a date-time with "Z" or any "+hh:mm" / "-hh:mm" offset, or a bare date
// where the caller allows one; nullopt when malformed or out of range (month 1-12, day 1-31, hour
// 0-23, minute 0-59, second 0-60, offset up to 23:59). A day past its month's end rolls over
// (2026-02-30 is March 2): callers that must refuse it compare with format_iso8601.
std::optional<TimeMs> parse_iso8601(std::string_view text, DateOnly date_only = DateOnly::kRefused);

// "20260101T000000Z": ISO-8601's basic format to the second, as Signature Version 4 writes
// X-Amz-Date; and the time such a text names (nullopt for any other shape, or a date that does
// not exist: no rollover, no leap second).
std::string format_iso8601_basic(TimeMs t);
std::optional<TimeMs> parse_iso8601_basic(std::string_view text);

}  // namespace amisim::sim
