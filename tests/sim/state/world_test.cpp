#include "sim/state/world.hpp"

#include "harness.hpp"

using namespace sim;

TEST_CASE("A new world has every fixture Region with its zones") {
  test::Harness h;
  for (const char* name : {"us-east-1", "us-east-2", "us-west-2", "eu-west-1", "eu-central-1",
                           "ap-northeast-1", "ap-southeast-2", "sa-east-1"}) {
    const RegionState* r = h.world.region(RegionName(name));
    REQUIRE(r != nullptr);
    CHECK(r->info->zones.size() >= 3);
    CHECK(r->has_zone(ZoneName(std::string(name) + "a")));
  }
  CHECK(h.world.region(RegionName("us-east-9")) == nullptr);
}
