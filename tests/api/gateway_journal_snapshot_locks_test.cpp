// Snapshot locks and block public access for snapshots in the state document
// (api/gateway/journal.hpp): LockSnapshot, UnlockSnapshot and
// Enable/DisableSnapshotBlockPublicAccess are journaled, the describe calls are not, and a document
// rebuilds the same world (digest included: sim/state/digest.cpp writes the lock and the setting).
#include <catch2/catch.hpp>

#include "api/ec2/dispatch.hpp"
#include "api/gateway/journal.hpp"
#include "tests/harness.hpp"

namespace gw = amisim::gateway;
using Json = nlohmann::json;

namespace {

constexpr std::uint64_t kSeed = 17;

struct Recorded {
  sim::World world{test::fixtures(), sim::WorldOptions{.seed = kSeed}};
  gw::Journal journal;

  Json call(const std::string& action, const Json& input) {
    const sim::Caller us;
    const sim::TimeMs at = world.now();
    auto out = ec2::call(world, us, action, input);
    if (ec2::mutates(action)) journal.call(at, us, action, input);
    INFO(action << ": " << (out.ok() ? "" : out.error().code));
    REQUIRE(out.ok());
    return out.value();
  }
  void advance(sim::DurationMs by) {
    sim::advance_by(world, by);
    journal.advance_to(world.now());
  }
};

}  // namespace

TEST_CASE("The journal replays snapshot locks and block public access to the same world") {
  CHECK(ec2::mutates("LockSnapshot"));
  CHECK(ec2::mutates("UnlockSnapshot"));
  CHECK(ec2::mutates("EnableSnapshotBlockPublicAccess"));
  CHECK(ec2::mutates("DisableSnapshotBlockPublicAccess"));
  CHECK_FALSE(ec2::mutates("DescribeLockedSnapshots"));
  CHECK_FALSE(ec2::mutates("GetSnapshotBlockPublicAccessState"));

  Recorded r;
  const std::string volume =
      r.call("CreateVolume", {{"AvailabilityZone", "us-east-1a"}, {"Size", 8}})["VolumeId"];
  r.advance(sim::kMinuteMs);
  const std::string a = r.call("CreateSnapshot", {{"VolumeId", volume}})["SnapshotId"];
  const std::string b = r.call("CreateSnapshot", {{"VolumeId", volume}})["SnapshotId"];
  // Locked while pending: the duration starts at completion, during the advance below.
  r.call(
      "LockSnapshot",
      {{"SnapshotId", a}, {"LockMode", "compliance"}, {"LockDuration", 3}, {"CoolOffPeriod", 2}});
  r.call("LockSnapshot", {{"SnapshotId", b}, {"LockMode", "governance"}, {"LockDuration", 1}});
  r.advance(sim::kHourMs);
  r.call("UnlockSnapshot", {{"SnapshotId", b}});
  r.call("EnableSnapshotBlockPublicAccess", {{"State", "block-all-sharing"}});
  r.call("DescribeLockedSnapshots", Json::object());

  const Json doc = r.journal.document(r.world, kSeed, {gw::ClockMode::kManual, 1});
  auto rebuilt = gw::Journal::rebuild(test::fixtures(), doc);
  INFO((rebuilt.ok() ? "" : rebuilt.error().message));
  REQUIRE(rebuilt.ok());
  CHECK(rebuilt->world->digest() == r.world.digest());
  const sim::Snapshot& locked =
      rebuilt->world->region(sim::RegionName{"us-east-1"})->snapshots.at(sim::SnapshotId(a));
  REQUIRE(locked.lock);
  CHECK(locked.lock->duration_start == locked.completion_time);
  // The digest differs once the lock or the setting differs.
  sim::World& w = *rebuilt->world;
  w.region(sim::RegionName{"us-east-1"})->snapshots.at(sim::SnapshotId(a)).lock->expires_on += 1;
  CHECK(w.digest() != r.world.digest());
}
