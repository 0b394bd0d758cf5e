#include "sim/core/time.hpp"

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
}

TEST_CASE("ISO-8601 parsing accepts EC2 and SDK forms and rejects garbage") {
  CHECK(parse_iso8601("2026-01-01T00:00:00Z") == kDefaultWorldStartMs);
  CHECK(parse_iso8601("2026-01-01T00:00:00.5Z") == kDefaultWorldStartMs + 500);
  CHECK(parse_iso8601("2026-01-01T00:00:00+00:00") == kDefaultWorldStartMs);
  CHECK_FALSE(parse_iso8601("2026-13-01T00:00:00Z"));
  CHECK_FALSE(parse_iso8601("yesterday"));
  CHECK_FALSE(parse_iso8601("2026-01-01 00:00:00Z"));
}

TEST_CASE("Formatting then parsing is the identity") {
  rc::prop("parse(format(t)) == t", [](std::int64_t raw) {
    const TimeMs t = raw % (400LL * 365 * kDayMs);  // within +-400 years of the epoch
    const TimeMs positive = t < 0 ? -t : t;
    RC_ASSERT(parse_iso8601(format_iso8601(positive)) == positive);
  });
}
