// sim/regions/opt_in: default and opt-in Regions, EnableRegion/DisableRegion over model time.
#include "sim/regions/opt_in.hpp"

#include "tests/harness.hpp"

using sim::RegionName;
using sim::RegionOptStatus;
using test::Harness;

namespace {
const RegionName kCapeTown{"af-south-1"};
const RegionName kVirginia{"us-east-1"};
const RegionName kStockholm{"eu-north-1"};
}  // namespace

TEST_CASE("Regions launched before 2019-03-20 are ENABLED_BY_DEFAULT, opt-in ones DISABLED") {
  Harness h;
  CHECK(sim::region_opt_status(h.world, h.caller.account, kVirginia) ==
        RegionOptStatus::kEnabledByDefault);
  CHECK(sim::region_opt_status(h.world, h.caller.account, kStockholm) ==
        RegionOptStatus::kEnabledByDefault);
  CHECK(sim::region_opt_status(h.world, h.caller.account, kCapeTown) == RegionOptStatus::kDisabled);
  CHECK(sim::region_enabled(h.world, h.caller.account, kVirginia));
  CHECK_FALSE(sim::region_enabled(h.world, h.caller.account, kCapeTown));
  CHECK(sim::ec2_opt_in_status(h.world, h.caller.account, kCapeTown) == "not-opted-in");
  CHECK(sim::ec2_opt_in_status(h.world, h.caller.account, kVirginia) == "opt-in-not-required");
}

TEST_CASE("EnableRegion takes model time: ENABLING, then ENABLED after five minutes") {
  Harness h;
  test::expect_ok(sim::enable_region(h.world, h.caller.account, kCapeTown));
  CHECK(sim::region_opt_status(h.world, h.caller.account, kCapeTown) == RegionOptStatus::kEnabling);
  CHECK_FALSE(sim::region_enabled(h.world, h.caller.account, kCapeTown));
  h.advance(sim::kRegionOptChangeMs - 1);
  CHECK(sim::region_opt_status(h.world, h.caller.account, kCapeTown) == RegionOptStatus::kEnabling);
  h.advance(1);
  CHECK(sim::region_opt_status(h.world, h.caller.account, kCapeTown) == RegionOptStatus::kEnabled);
  CHECK(sim::ec2_opt_in_status(h.world, h.caller.account, kCapeTown) == "opted-in");
}

TEST_CASE("Enabling a Region is per account: accounts are walls") {
  Harness h;
  sim::Caller other = h.as("210987654321");
  test::expect_ok(sim::enable_region(h.world, h.caller.account, kCapeTown));
  h.settle();
  CHECK(sim::region_enabled(h.world, h.caller.account, kCapeTown));
  CHECK_FALSE(sim::region_enabled(h.world, other.account, kCapeTown));
}

TEST_CASE("DisableRegion moves an ENABLED Region through DISABLING to DISABLED") {
  Harness h;
  test::expect_ok(sim::enable_region(h.world, h.caller.account, kCapeTown));
  h.settle();
  test::expect_ok(sim::disable_region(h.world, h.caller.account, kCapeTown));
  CHECK(sim::region_opt_status(h.world, h.caller.account, kCapeTown) ==
        RegionOptStatus::kDisabling);
  CHECK_FALSE(sim::region_enabled(h.world, h.caller.account, kCapeTown));
  h.settle();
  CHECK(sim::region_opt_status(h.world, h.caller.account, kCapeTown) == RegionOptStatus::kDisabled);
}

TEST_CASE("A transition the status does not allow is refused as the Account API refuses it") {
  Harness h;
  // Default Regions can be neither enabled nor disabled.
  test::expect_error(sim::enable_region(h.world, h.caller.account, kVirginia),
                     "ValidationException");
  test::expect_error(sim::disable_region(h.world, h.caller.account, kVirginia),
                     "ValidationException");
  // Disabling a disabled Region; enabling twice (terraform-provider-aws#41430's message).
  test::expect_error(sim::disable_region(h.world, h.caller.account, kCapeTown),
                     "ValidationException");
  test::expect_ok(sim::enable_region(h.world, h.caller.account, kCapeTown));
  auto e = test::expect_error(sim::enable_region(h.world, h.caller.account, kCapeTown),
                              "ValidationException");
  CHECK(e.message == "Unable to switch region status because of its current opt-in status.");
  // Disabling while ENABLING is refused; enabling while DISABLING is a ConflictException.
  test::expect_error(sim::disable_region(h.world, h.caller.account, kCapeTown),
                     "ValidationException");
  h.settle();
  test::expect_ok(sim::disable_region(h.world, h.caller.account, kCapeTown));
  auto c = test::expect_error(sim::enable_region(h.world, h.caller.account, kCapeTown),
                              "ConflictException");
  CHECK(c.http_status() == 409);
}

TEST_CASE("Every Region of the fixtures has zones with distinct zone IDs of its own prefix") {
  Harness h;
  CHECK(h.world.fixtures().regions.size() == 34);
  for (const auto& r : h.world.fixtures().regions) {
    INFO(r.name.str());
    CHECK(r.zones.size() >= 2);
    std::set<std::string> ids;
    for (const auto& z : r.zones) {
      CHECK(z.name.str().rfind(r.name.str(), 0) == 0);
      ids.insert(z.zone_id);
    }
    CHECK(ids.size() == r.zones.size());
  }
}
