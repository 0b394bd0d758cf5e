#include "sim/core/clock.hpp"

#include <catch2/catch.hpp>

using namespace amisim;

using namespace sim;

namespace {
Event at(TimeMs t, bool settles = true) {
  Event e;
  e.at = t;
  e.settles = settles;
  return e;
}
}  // namespace

TEST_CASE("Events come out in time order, ties in scheduling order") {
  Clock clock(1000);
  const auto late = clock.schedule(at(5000));
  const auto first = clock.schedule(at(2000));
  const auto second = clock.schedule(at(2000));
  auto e1 = clock.pop_due(10000);
  auto e2 = clock.pop_due(10000);
  auto e3 = clock.pop_due(10000);
  REQUIRE((e1 && e2 && e3));
  CHECK(e1->seq == first);
  CHECK(e2->seq == second);
  CHECK(e3->seq == late);
  CHECK_FALSE(clock.pop_due(10000));
}

TEST_CASE("An event is not due before its time, and popping moves now to it") {
  Clock clock(0);
  clock.schedule(at(500));
  CHECK_FALSE(clock.pop_due(499));
  CHECK(clock.now() == 0);
  auto e = clock.pop_due(500);
  REQUIRE(e);
  CHECK(clock.now() == 500);
}

TEST_CASE("Scheduling in the past is clamped to now, and the clock never goes back") {
  Clock clock(1000);
  clock.schedule(at(10));
  auto e = clock.pop_due(1000);
  REQUIRE(e);
  CHECK(e->at == 1000);
  clock.move_to(500);
  CHECK(clock.now() == 1000);
}

TEST_CASE("The last settling time ignores housekeeping events") {
  Clock clock(0);
  CHECK_FALSE(clock.last_settling_time());
  clock.schedule(at(100));
  clock.schedule(at(3600000, false));
  clock.schedule(at(300));
  REQUIRE(clock.last_settling_time());
  CHECK(*clock.last_settling_time() == 300);
  clock.pop_due(300);
  clock.pop_due(300);
  CHECK_FALSE(clock.last_settling_time());
}
