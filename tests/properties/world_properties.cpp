// World-wide properties: determinism, and Region isolation of IDs.
#include <rapidcheck/catch.h>

#include <catch2/catch.hpp>

#include "driver.hpp"
#include "harness.hpp"
#include "sim/ebs/snapshots.hpp"
#include "sim/ebs/volumes.hpp"
#include "sim/images/images.hpp"
#include "sim/instances/instances.hpp"
#include "unity_id.hpp"

namespace AMISIM_UNITY_ID {

using namespace sim;

namespace {

// Every ID that lives in `r`, by kind.
struct RegionIds {
  std::vector<std::string> images, instances, volumes, snapshots;
};

RegionIds ids_in(const RegionState& r) {
  RegionIds out;
  for (const auto& [id, image] : r.images) {
    if (image.owner_alias.empty()) out.images.push_back(id.str());  // skip the big catalogue
  }
  for (const auto& [id, i] : r.instances) out.instances.push_back(id.str());
  for (const auto& [id, v] : r.volumes) out.volumes.push_back(id.str());
  for (const auto& [id, s] : r.snapshots) {
    if (s.pool_order != 0) out.snapshots.push_back(id.str());
  }
  return out;
}

// Two worlds with one seed, driven alike: each action must come out the same in both, and the
// worlds must have equal digests after every one.
struct Twins {
  explicit Twins(std::uint64_t seed) : a(seed), b(seed) { check(); }
  std::string apply(const test::Action& action) {
    const std::string what = a.apply(action);
    RC_ASSERT(b.apply(action) == what);
    return what;
  }
  void check() const { RC_ASSERT(a.world.digest() == b.world.digest()); }

  test::WorldDriver a, b;
};

}  // namespace

TEST_CASE("Same seed and same calls give the same world, step by step") {
  rc::prop("two worlds driven alike have equal digests after every step", [](std::uint64_t seed) {
    Twins twins(seed);
    test::props::run(twins, *test::actions());
  });
}

TEST_CASE("Different seeds give different IDs") {
  World a(test::fixtures(), WorldOptions{1});
  World b(test::fixtures(), WorldOptions{2});
  CHECK(a.new_id("ami") != b.new_id("ami"));
  CHECK(a.digest() != b.digest());
}

TEST_CASE("An ID from one Region is never found in another") {
  rc::prop("every resource ID is unknown outside its Region", [] {
    test::WorldDriver driver(7);
    test::props::run(driver, *test::actions());
    const World& world = driver.world;
    const auto& regions = driver.regions;
    for (const auto& home : regions) {
      const RegionIds ids = ids_in(*world.region(RegionName(home)));
      for (const auto& other : regions) {
        if (other == home) continue;
        for (const auto& account : test::props::kAccounts) {
          const Caller caller{AccountId(account), RegionName(other)};
          for (const auto& id : ids.images) {
            DescribeImagesRequest req;
            req.image_ids = {ImageId(id)};
            RC_ASSERT(!describe_images(world, caller, req).ok());
            RC_ASSERT(!find_launchable_image(world, caller, id).ok());
          }
          for (const auto& id : ids.instances) {
            DescribeInstancesRequest req;
            req.instance_ids = {id};
            RC_ASSERT(!describe_instances(world, caller, req).ok());
          }
          for (const auto& id : ids.volumes) {
            DescribeVolumesRequest req;
            req.volume_ids = {VolumeId(id)};
            RC_ASSERT(!describe_volumes(world, caller, req).ok());
          }
          for (const auto& id : ids.snapshots) {
            DescribeSnapshotsRequest req;
            req.snapshot_ids = {SnapshotId(id)};
            RC_ASSERT(!describe_snapshots(world, caller, req).ok());
          }
        }
      }
    }
  });
}

TEST_CASE("IDs are unique across every Region and kind") {
  rc::prop("no two resources share an ID", [] {
    test::WorldDriver driver(11);
    test::props::run(driver, *test::actions());
    std::set<std::string> seen;
    for (const auto& [name, r] : driver.world.regions()) {
      const RegionIds ids = ids_in(r);
      for (const auto* list : {&ids.images, &ids.instances, &ids.volumes, &ids.snapshots}) {
        for (const auto& id : *list) RC_ASSERT(seen.insert(id).second);
      }
    }
  });
}

// The properties above are only as strong as the driver: this fixed script must reach every kind
// of resource in both Regions, or the Region-isolation property would pass vacuously.
TEST_CASE("The property driver creates instances, images, volumes and snapshots") {
  World world(test::fixtures(), WorldOptions{3});
  const auto regions = test::driver_regions();
  using K = test::ActionKind;
  std::vector<std::string> outcomes;
  for (int region = 0; region < 2; ++region) {
    for (K kind : {K::kRun, K::kSettle, K::kCreateImage, K::kSettle, K::kCreateVolume, K::kSettle,
                   K::kSnapshot, K::kSettle, K::kRun}) {
      outcomes.push_back(
          test::apply(world, test::Action{.op = kind, .region = region, .amount = 2}, regions));
    }
  }
  INFO(Catch::Detail::stringify(outcomes));
  for (const auto& name : regions) {
    const RegionIds ids = ids_in(*world.region(RegionName(name)));
    CHECK(ids.instances.size() >= 2);
    CHECK(ids.images.size() >= 1);
    CHECK(ids.volumes.size() >= 3);
    CHECK(ids.snapshots.size() >= 2);
  }
}

}  // namespace AMISIM_UNITY_ID
