#include "sim/core/time.hpp"

#include <fmt/format.h>
#include <rapidcheck/catch.h>

#include <catch2/catch.hpp>

using namespace amisim;

using namespace sim;

TEST_CASE("Model time prints as EC2's ISO-8601 with milliseconds") {
  CHECK(format_iso8601(0) == "1970-01-01T00:00:00.000Z");
  CHECK(format_iso8601(kDefaultWorldStartMs) == "2026-01-01T00:00:00.000Z");
  // 2024-02-29 exists (leap year): 19782 days after the epoch.
  CHECK(format_iso8601(19782 * kDayMs + 13 * kHourMs + 5 * kMinuteMs + 7 * kSecondMs + 9) ==
        "2024-02-29T13:05:07.009Z");
  CHECK(format_iso8601(kDayMs - 1) == "1970-01-01T23:59:59.999Z");
  CHECK(format_iso8601(-1) == "1969-12-31T23:59:59.999Z");
  // Years past four digits are written whole.
  CHECK(format_iso8601(253402300800000) == "10000-01-01T00:00:00.000Z");
  CHECK(format_iso8601(253402300799999) == "9999-12-31T23:59:59.999Z");
}

TEST_CASE("ISO-8601 parsing accepts EC2 and SDK forms and rejects garbage") {
  CHECK(parse_iso8601("2026-01-01T00:00:00Z") == kDefaultWorldStartMs);
  CHECK(parse_iso8601("2026-01-01T00:00:00.5Z") == kDefaultWorldStartMs + 500);
  CHECK(parse_iso8601("2026-01-01T00:00:00+00:00") == kDefaultWorldStartMs);
  CHECK_FALSE(parse_iso8601("2026-13-01T00:00:00Z"));
  CHECK_FALSE(parse_iso8601("yesterday"));
  CHECK_FALSE(parse_iso8601("2026-01-01 00:00:00Z"));
}

TEST_CASE("ISO-8601 parsing takes any offset, converting to UTC") {
  CHECK(parse_iso8601("2026-01-01T05:30:00+05:30") == kDefaultWorldStartMs);
  CHECK(parse_iso8601("2025-12-31T16:00:00-08:00") == kDefaultWorldStartMs);
  CHECK(parse_iso8601("2026-01-01T00:00:00-00:00") == kDefaultWorldStartMs);
  CHECK(parse_iso8601("2026-01-01T23:59:00+23:59") == kDefaultWorldStartMs);
  CHECK(parse_iso8601("2026-01-01t00:00:00z") == kDefaultWorldStartMs);
  CHECK_FALSE(parse_iso8601("2026-01-01T00:00:00+24:00"));
  CHECK_FALSE(parse_iso8601("2026-01-01T00:00:00+01:60"));
  CHECK_FALSE(parse_iso8601("2026-01-01T00:00:00+0100"));
  CHECK_FALSE(parse_iso8601("2026-01-01T00:00:00+01"));
  CHECK_FALSE(parse_iso8601("2026-01-01T00:00:00"));  // no zone: local time is not a time
  CHECK_FALSE(parse_iso8601("2026-01-01T00:00:00Z+01:00"));
}

TEST_CASE("ISO-8601 fractions are read to the millisecond, however many digits") {
  CHECK(parse_iso8601("2026-01-01T00:00:00.1Z") == kDefaultWorldStartMs + 100);
  CHECK(parse_iso8601("2026-01-01T00:00:00.12Z") == kDefaultWorldStartMs + 120);
  CHECK(parse_iso8601("2026-01-01T00:00:00.123456789Z") == kDefaultWorldStartMs + 123);
  CHECK(parse_iso8601("2026-01-01T00:00:00.999999999999Z") == kDefaultWorldStartMs + 999);
  CHECK(parse_iso8601("2026-01-01T01:00:00.250+01:00") == kDefaultWorldStartMs + 250);
  CHECK_FALSE(parse_iso8601("2026-01-01T00:00:00.Z"));
  CHECK_FALSE(parse_iso8601("2026-01-01T00:00:00,5Z"));
}

TEST_CASE("A bare ISO-8601 date is midnight UTC only where the caller allows it") {
  CHECK_FALSE(parse_iso8601("2026-01-01"));
  CHECK(parse_iso8601("2026-01-01", DateOnly::kMidnightUtc) == kDefaultWorldStartMs);
  CHECK_FALSE(parse_iso8601("2026-01-01Z", DateOnly::kMidnightUtc));
  CHECK_FALSE(parse_iso8601("2026-1-01", DateOnly::kMidnightUtc));
  CHECK_FALSE(parse_iso8601("2026-00-01", DateOnly::kMidnightUtc));
}

TEST_CASE("ISO-8601 fields are digits in range, signs and out-of-range values are refused") {
  for (const char* bad :
       {"-026-01-01T00:00:00Z", "2026-01-01T-1:00:00Z", "2026-01-01T00:-1:00Z",
        "2026-01-01T00:00:00+-1:00", "2026-01-01T24:00:00Z", "2026-01-01T00:60:00Z",
        "2026-01-01T00:00:61Z", "2026-01-00T00:00:00Z", "2026-01-32T00:00:00Z",
        "2026-00-01T00:00:00Z", "2026-01-01T00:00:00ZZ", "2026-01-01T00:00:00Z "}) {
    INFO(bad);
    CHECK_FALSE(parse_iso8601(bad));
  }
  // A leap second reads as the next minute's first; a day past the month's end rolls over.
  CHECK(parse_iso8601("2025-12-31T23:59:60Z") == kDefaultWorldStartMs);
  CHECK(parse_iso8601("2026-02-30T00:00:00Z") == parse_iso8601("2026-03-02T00:00:00Z"));
}

TEST_CASE("scan_iso8601 reports the parts as written") {
  auto t = scan_iso8601("2026-07-04t10:20:30.1234-08:30");
  REQUIRE(t);
  CHECK(t->year == 2026);
  CHECK(t->month == 7);
  CHECK(t->day == 4);
  CHECK(t->has_time);
  CHECK(t->hour == 10);
  CHECK(t->minute == 20);
  CHECK(t->second == 30);
  CHECK(t->millis == 123);
  CHECK(t->fraction_digits == 4);
  CHECK(t->lower_case);
  CHECK(t->offset_sign == -1);
  CHECK(t->offset_hours == 8);
  CHECK(t->offset_minutes == 30);
  auto date = scan_iso8601("2026-13-40");  // shape only: not range-checked
  REQUIRE(date);
  CHECK_FALSE(date->has_time);
  CHECK(date->month == 13);
}

TEST_CASE("Formatting then parsing is the identity") {
  rc::prop("parse(format(t)) == t", [](std::int64_t raw) {
    const TimeMs t = raw % (400LL * 365 * kDayMs);  // within +-400 years of the epoch
    const TimeMs positive = t < 0 ? -t : t;
    RC_ASSERT(parse_iso8601(format_iso8601(positive)) == positive);
  });
}

TEST_CASE("A time written in any offset parses to the same instant") {
  rc::prop("parse(local text + offset) == t", [](std::int64_t raw, int raw_offset) {
    const TimeMs t = (raw < 0 ? -(raw % (300LL * 365 * kDayMs)) : raw % (300LL * 365 * kDayMs)) +
                     kDayMs;                    // 1970-01-02 .. about 2270
    const int offset = raw_offset % (24 * 60);  // minutes, -23:59 .. +23:59
    const int magnitude = offset < 0 ? -offset : offset;
    std::string text = format_iso8601(t + offset * kMinuteMs);
    text.pop_back();  // the Z
    text += fmt::format("{}{:02}:{:02}", offset < 0 ? '-' : '+', magnitude / 60, magnitude % 60);
    RC_ASSERT(parse_iso8601(text) == t);
  });
}
