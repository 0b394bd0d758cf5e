// The clock mode (api/gateway/clock_mode.hpp): parsing "instant | manual | scaled:N", and where
// scaled mode says model time should be, against a fake wall clock.
#include <catch2/catch.hpp>
#include <memory>

#include "api/gateway/clock_mode.hpp"

namespace gw = amisim::gateway;
using gw::ClockMode;
using gw::ClockSetting;

namespace {

constexpr amisim::sim::TimeMs kT0 = 1'000'000;

struct FakeWall {
  std::shared_ptr<std::int64_t> ms = std::make_shared<std::int64_t>(5'000);
  gw::WallClock clock() const {
    return [ms = ms] { return *ms; };
  }
};

}  // namespace

TEST_CASE("Clock settings parse from instant, manual and scaled:N with 1 <= N <= 1,000,000") {
  CHECK(gw::parse_clock_setting("instant") == ClockSetting{ClockMode::kInstant, 1});
  CHECK(gw::parse_clock_setting("manual") == ClockSetting{ClockMode::kManual, 1});
  CHECK(gw::parse_clock_setting("scaled:1") == ClockSetting{ClockMode::kScaled, 1});
  CHECK(gw::parse_clock_setting("scaled:1000000") == ClockSetting{ClockMode::kScaled, 1'000'000});
  for (const char* bad : {"", "Instant", "scaled", "scaled:", "scaled:0", "scaled:1000001",
                          "scaled:-3", "scaled:2x", "scaled: 2", "manual "}) {
    INFO('"' << bad << '"');
    CHECK_FALSE(gw::parse_clock_setting(bad).has_value());
  }
  for (const char* text : {"instant", "manual", "scaled:60"}) {
    CHECK(gw::parse_clock_setting(text)->str() == text);
  }
}

TEST_CASE("Scaled mode catches model time up to N times the wall time since the anchor") {
  FakeWall wall;
  gw::ClockControl clock({ClockMode::kScaled, 60}, wall.clock(), kT0);
  CHECK_FALSE(clock.catch_up_target(kT0).has_value());  // the wall has not moved
  *wall.ms += 1'500;
  CHECK(clock.catch_up_target(kT0) == kT0 + 90'000);
  // Counted from the anchor, not from the last catch-up; never backwards.
  *wall.ms += 500;
  CHECK(clock.catch_up_target(kT0 + 90'000) == kT0 + 120'000);
  CHECK_FALSE(clock.catch_up_target(kT0 + 500'000).has_value());
  // Re-anchoring (after advance, reset or a mode change) starts counting again from there.
  clock.anchor(kT0 + 500'000);
  *wall.ms += 10;
  CHECK(clock.catch_up_target(kT0 + 500'000) == kT0 + 500'600);
  CHECK_FALSE(clock.settles_after_calls());
}

TEST_CASE("Instant and manual modes never catch up, only instant settles after calls") {
  FakeWall wall;
  gw::ClockControl clock({ClockMode::kInstant, 1}, wall.clock(), kT0);
  *wall.ms += 60'000;
  CHECK_FALSE(clock.catch_up_target(kT0).has_value());
  CHECK(clock.settles_after_calls());
  REQUIRE(clock.set({ClockMode::kManual, 1}, kT0));
  *wall.ms += 60'000;
  CHECK_FALSE(clock.catch_up_target(kT0).has_value());
  CHECK_FALSE(clock.settles_after_calls());
  // Switching to scaled anchors at the switch: wall time before it does not count.
  REQUIRE(clock.set({ClockMode::kScaled, 2}, kT0));
  CHECK_FALSE(clock.catch_up_target(kT0).has_value());
  *wall.ms += 1'000;
  CHECK(clock.catch_up_target(kT0) == kT0 + 2'000);
}

TEST_CASE("Without a wall clock, scaled mode is refused: instant at start, unchanged later") {
  gw::ClockControl clock({ClockMode::kScaled, 10}, gw::WallClock(), kT0);
  CHECK(clock.setting() == ClockSetting{});
  CHECK_FALSE(clock.catch_up_target(kT0).has_value());
  REQUIRE(clock.set({ClockMode::kManual, 1}, kT0));
  CHECK_FALSE(clock.set({ClockMode::kScaled, 10}, kT0));
  CHECK(clock.setting() == ClockSetting{ClockMode::kManual, 1});
}
