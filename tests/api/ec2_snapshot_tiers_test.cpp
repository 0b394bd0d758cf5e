// The archive tier through ec2::call (api/ec2/snapshot_tiers.cpp over sim/ebs/snapshot_tiers.hpp):
// SDK input, outputs checked against the service model and the XML round trip
// (ec2_support.hpp). Facts: aws-facts.md §5 "Archive tier".
#include <catch2/catch.hpp>
#include <string>

#include "sim/ebs/snapshot_tiers.hpp"
#include "sim/ebs/volumes.hpp"
#include "tests/api/ec2_support.hpp"

using test::Ec2;
using test::Json;

namespace {

// A completed snapshot of a new empty 8 GiB volume.
using test::completed_snapshot;

Json describe_snapshot(Ec2& ec2, const std::string& id) {
  Json out = ec2.ok("DescribeSnapshots", {{"SnapshotIds", {id}}});
  REQUIRE(out["Snapshots"].size() == 1);
  return out["Snapshots"][0];
}

Json tier_status(Ec2& ec2, const std::string& id) {
  Json out = ec2.ok("DescribeSnapshotTierStatus",
                    {{"Filters", {{{"Name", "snapshot-id"}, {"Values", {id}}}}}});
  REQUIRE(out["SnapshotTierStatuses"].size() == 1);
  return out["SnapshotTierStatuses"][0];
}

}  // namespace

TEST_CASE("ModifySnapshotTier answers SnapshotId and TieringStartTime, the status follows") {
  Ec2 ec2;
  const std::string id = completed_snapshot(ec2);
  const std::string start = sim::format_iso8601(ec2.world.now());
  Json out = ec2.ok("ModifySnapshotTier", {{"SnapshotId", id}, {"StorageTier", "archive"}});
  CHECK(out["SnapshotId"] == id);
  CHECK(out["TieringStartTime"] == start);
  Json status = tier_status(ec2, id);
  CHECK(status["LastTieringOperationStatus"] == "archival-in-progress");
  CHECK(status["StorageTier"] == "standard");
  CHECK(status["Status"] == "completed");
  CHECK(status["LastTieringProgress"] == 0);
  CHECK_FALSE(status.contains("ArchivalCompleteTime"));
  ec2.settle();
  status = tier_status(ec2, id);
  CHECK(status["LastTieringOperationStatus"] == "archival-completed");
  CHECK(status["StorageTier"] == "archive");
  CHECK(status["LastTieringProgress"] == 100);
  CHECK(status["ArchivalCompleteTime"] == sim::format_iso8601(ec2.world.now()));
  CHECK(describe_snapshot(ec2, id)["StorageTier"] == "archive");
  CHECK(ec2.error("CreateVolume", {{"AvailabilityZone", "us-east-1a"}, {"SnapshotId", id}}).code ==
        "IncorrectState");
}

TEST_CASE("RestoreSnapshotTier answers the restore, DescribeSnapshots shows RestoreExpiryTime") {
  Ec2 ec2;
  const std::string id = completed_snapshot(ec2);
  ec2.ok("ModifySnapshotTier", {{"SnapshotId", id}});  // StorageTier defaults to archive
  ec2.settle();
  const std::string start = sim::format_iso8601(ec2.world.now());
  Json out = ec2.ok("RestoreSnapshotTier", {{"SnapshotId", id}, {"TemporaryRestoreDays", 7}});
  CHECK(out == Json{{"SnapshotId", id},
                    {"RestoreStartTime", start},
                    {"RestoreDuration", 7},
                    {"IsPermanentRestore", false}});
  CHECK(tier_status(ec2, id)["LastTieringOperationStatus"] == "temporary-restore-in-progress");
  ec2.settle();
  const std::string expiry = sim::format_iso8601(ec2.world.now() + 7 * sim::kDayMs);
  Json snapshot = describe_snapshot(ec2, id);
  CHECK(snapshot["StorageTier"] == "standard");
  CHECK(snapshot["RestoreExpiryTime"] == expiry);
  CHECK(tier_status(ec2, id)["RestoreExpiryTime"] == expiry);
  ec2.advance(7 * sim::kDayMs);
  snapshot = describe_snapshot(ec2, id);
  CHECK(snapshot["StorageTier"] == "archive");
  CHECK_FALSE(snapshot.contains("RestoreExpiryTime"));
  out = ec2.ok("RestoreSnapshotTier", {{"SnapshotId", id}, {"PermanentRestore", true}});
  CHECK(out["IsPermanentRestore"] == true);
  CHECK_FALSE(out.contains("RestoreDuration"));
}

TEST_CASE("The tier actions refuse with EC2's errors over the wire") {
  Ec2 ec2;
  const std::string id = completed_snapshot(ec2);
  CHECK(ec2.error("ModifySnapshotTier", {{"SnapshotId", "snap-nope"}}).code ==
        "InvalidSnapshot.Malformed");
  CHECK(ec2.error("ModifySnapshotTier", {}).code == "MissingParameter");
  CHECK(ec2.error("RestoreSnapshotTier", {{"SnapshotId", id}}).code == "IncorrectState");
  CHECK(ec2.error("RestoreSnapshotTier",
                  {{"SnapshotId", id}, {"TemporaryRestoreDays", 2}, {"PermanentRestore", true}})
            .code == "InvalidParameterCombination");
  CHECK(ec2.error("ModifySnapshotTier", {{"SnapshotId", id}, {"DryRun", true}}).code ==
        "DryRunOperation");
  CHECK(ec2.error("DescribeSnapshotTierStatus",
                  {{"Filters", {{{"Name", "owner-id"}, {"Values", {"x"}}}}}})
            .code == "InvalidFilter");
  ec2.ok("ModifySnapshotTier", {{"SnapshotId", id}});
  ec2.settle();
  CHECK(ec2.error("CopySnapshot", {{"SourceRegion", "us-east-1"}, {"SourceSnapshotId", id}}).code ==
        "IncorrectState");
  CHECK(ec2.error("ModifySnapshotAttribute",
                  {{"SnapshotId", id},
                   {"Attribute", "createVolumePermission"},
                   {"CreateVolumePermission", {{"Add", {{{"UserId", "210987654321"}}}}}}})
            .code == "IncorrectState");
}

TEST_CASE("DescribeSnapshotTierStatus pages with MaxResults and NextToken") {
  Ec2 ec2;
  for (int i = 0; i < 6; ++i) {
    ec2.ok("ModifySnapshotTier", {{"SnapshotId", completed_snapshot(ec2)}});
  }
  Json first = ec2.ok("DescribeSnapshotTierStatus", {{"MaxResults", 5}});
  CHECK(first["SnapshotTierStatuses"].size() == 5);
  REQUIRE(first.contains("NextToken"));
  Json rest = ec2.ok("DescribeSnapshotTierStatus", {{"NextToken", first["NextToken"]}});
  CHECK(rest["SnapshotTierStatuses"].size() == 1);
  CHECK_FALSE(rest.contains("NextToken"));
}
