// Snapshot lock and block public access for snapshots through ec2::call
// (api/ec2/snapshot_locks.cpp, api/ec2/snapshot_block_public_access.cpp): SDK input, outputs
// checked against the service model and the XML round trip (ec2_support.hpp). Facts:
// docs/aws-facts.md §L, §B.
#include <catch2/catch.hpp>
#include <string>

#include "sim/ebs/volumes.hpp"
#include "tests/api/ec2_support.hpp"

using test::Ec2;
using test::Json;

namespace {

using test::kOther;

using test::completed_snapshot;

// 2026-01-01T01:00:00Z, where the locks below are taken.
void one_am(Ec2& ec2) { sim::advance_to(ec2.world, *sim::parse_iso8601("2026-01-01T01:00:00Z")); }

}  // namespace

TEST_CASE("LockSnapshot answers the lock in the shape of LockSnapshotResult") {
  Ec2 ec2;
  const std::string id = completed_snapshot(ec2);
  one_am(ec2);
  Json out = ec2.ok("LockSnapshot", {{"SnapshotId", id},
                                     {"LockMode", "compliance"},
                                     {"LockDuration", 30},
                                     {"CoolOffPeriod", 24}});
  CHECK(out == Json{{"SnapshotId", id},
                    {"LockState", "compliance-cooloff"},
                    {"LockDuration", 30},
                    {"CoolOffPeriod", 24},
                    {"CoolOffPeriodExpiresOn", "2026-01-02T01:00:00.000Z"},
                    {"LockCreatedOn", "2026-01-01T01:00:00.000Z"},
                    {"LockDurationStartTime", "2026-01-01T01:00:00.000Z"},
                    {"LockExpiresOn", "2026-01-31T01:00:00.000Z"}});
  ec2.advance(sim::kDayMs);
  Json locked = ec2.ok("DescribeLockedSnapshots", {{"SnapshotIds", {id}}});
  REQUIRE(locked["Snapshots"].size() == 1);
  CHECK(locked["Snapshots"][0]["OwnerId"] == ec2.caller.account.str());
  CHECK(locked["Snapshots"][0]["LockState"] == "compliance");
  CHECK(ec2.error("UnlockSnapshot", {{"SnapshotId", id}}).code == "IncorrectState");
  CHECK(ec2.error("DeleteSnapshot", {{"SnapshotId", id}}).code == "SnapshotLocked");
}

TEST_CASE("LockSnapshot until a date, UnlockSnapshot, and DryRun on both") {
  Ec2 ec2;
  const std::string id = completed_snapshot(ec2);
  one_am(ec2);
  const std::string before = ec2.world.digest();
  const Json until = {{"SnapshotId", id},
                      {"LockMode", "governance"},
                      {"ExpirationDate", "2026-03-01T00:00:00.000Z"}};
  Json dry = until;
  dry["DryRun"] = true;
  CHECK(ec2.error("LockSnapshot", dry).code == "DryRunOperation");
  CHECK(ec2.world.digest() == before);
  Json out = ec2.ok("LockSnapshot", until);
  CHECK(out["LockState"] == "governance");
  CHECK(out["LockExpiresOn"] == "2026-03-01T00:00:00.000Z");
  CHECK_FALSE(out.contains("LockDuration"));
  CHECK_FALSE(out.contains("CoolOffPeriod"));
  CHECK(ec2.error("UnlockSnapshot", {{"SnapshotId", id}, {"DryRun", true}}).code ==
        "DryRunOperation");
  CHECK(ec2.ok("UnlockSnapshot", {{"SnapshotId", id}}) == Json{{"SnapshotId", id}});
  CHECK(ec2.ok("DescribeLockedSnapshots")["Snapshots"].empty());
  ec2.ok("DeleteSnapshot", {{"SnapshotId", id}});
}

TEST_CASE("Bad LockSnapshot input answers the AWS codes and changes nothing") {
  Ec2 ec2;
  const std::string id = completed_snapshot(ec2);
  const std::string before = ec2.world.digest();
  const auto code = [&](Json in) { return ec2.error("LockSnapshot", in).code; };
  const Json base = {{"SnapshotId", id}, {"LockMode", "governance"}};
  const auto with = [&](Json extra) {
    Json in = base;
    in.update(extra);
    return in;
  };
  CHECK(code(with({{"LockDuration", 0}})) == "InvalidParameterValue");
  CHECK(code(with({{"LockDuration", 36501}})) == "InvalidParameterValue");
  CHECK(code(with({{"LockDuration", 1}, {"LockMode", "compliance"}, {"CoolOffPeriod", 0}})) ==
        "InvalidParameterValue");
  CHECK(code(with({{"LockDuration", 1}, {"LockMode", "compliance"}, {"CoolOffPeriod", 73}})) ==
        "InvalidParameterValue");
  CHECK(code(with({{"LockDuration", 1}, {"CoolOffPeriod", 1}})) == "InvalidParameterCombination");
  CHECK(code(base) == "InvalidParameterCombination");
  CHECK(code(with({{"LockDuration", 1}, {"ExpirationDate", "2027-01-01T00:00:00Z"}})) ==
        "InvalidParameterCombination");
  CHECK(code(with({{"ExpirationDate", "2025-01-01T00:00:00Z"}})) == "InvalidParameterValue");
  CHECK(code(with({{"ExpirationDate", "2300-01-01T00:00:00Z"}})) == "InvalidParameterValue");
  CHECK(code(with({{"ExpirationDate", "next tuesday"}})) == "InvalidParameterValue");
  CHECK(code(with({{"LockDuration", 1}, {"LockMode", "forever"}})) == "InvalidParameterValue");
  CHECK(code({{"SnapshotId", id}, {"LockDuration", 1}}) == "MissingParameter");
  CHECK(code({{"SnapshotId", "snap-nope"}, {"LockMode", "governance"}, {"LockDuration", 1}}) ==
        "InvalidSnapshot.Malformed");
  CHECK(code({{"SnapshotId", "snap-0123456789abcdef0"},
              {"LockMode", "governance"},
              {"LockDuration", 1}}) == "InvalidSnapshot.NotFound");
  CHECK(ec2.world.digest() == before);
  const sim::Caller other = ec2.as(kOther);
  const std::string with_other = ec2.world.digest();
  CHECK(ec2.error("LockSnapshot", with({{"LockDuration", 1}}), &other).code ==
        "InvalidSnapshot.NotFound");
  CHECK(ec2.error("UnlockSnapshot", {{"SnapshotId", id}}).code == "IncorrectState");
  CHECK(ec2.error("DescribeLockedSnapshots", {{"MaxResults", 4}}).code == "InvalidParameterValue");
  CHECK(ec2.error("DescribeLockedSnapshots",
                  {{"Filters", {{{"Name", "snapshot-id"}, {"Values", {id}}}}}})
            .code == "InvalidFilter");
  CHECK(ec2.world.digest() == with_other);
}

TEST_CASE("Snapshot block public access: Enable, Get and Disable, and a refused public share") {
  Ec2 ec2;
  const std::string id = completed_snapshot(ec2);
  CHECK(ec2.ok("GetSnapshotBlockPublicAccessState") ==
        Json{{"State", "unblocked"}, {"ManagedBy", "account"}});
  const std::string before = ec2.world.digest();
  CHECK(ec2.error("EnableSnapshotBlockPublicAccess", {{"State", "unblocked"}}).code ==
        "InvalidParameterValue");
  CHECK(ec2.error("EnableSnapshotBlockPublicAccess", {}).code == "MissingParameter");
  CHECK(ec2.error("EnableSnapshotBlockPublicAccess",
                  {{"State", "block-all-sharing"}, {"DryRun", true}})
            .code == "DryRunOperation");
  CHECK(ec2.world.digest() == before);
  CHECK(ec2.ok("EnableSnapshotBlockPublicAccess", {{"State", "block-new-sharing"}}) ==
        Json{{"State", "block-new-sharing"}});
  CHECK(ec2.ok("GetSnapshotBlockPublicAccessState")["State"] == "block-new-sharing");
  const std::string blocked = ec2.world.digest();
  CHECK(ec2.error("ModifySnapshotAttribute", {{"SnapshotId", id},
                                              {"Attribute", "createVolumePermission"},
                                              {"OperationType", "add"},
                                              {"GroupNames", {"all"}}})
            .code == "OperationNotPermitted");
  CHECK(ec2.error("ModifySnapshotAttribute",
                  {{"SnapshotId", id}, {"CreateVolumePermission", {{"Add", {{{"Group", "all"}}}}}}})
            .code == "OperationNotPermitted");
  CHECK(ec2.world.digest() == blocked);
  CHECK(ec2.error("DisableSnapshotBlockPublicAccess", {{"DryRun", true}}).code ==
        "DryRunOperation");
  CHECK(ec2.ok("DisableSnapshotBlockPublicAccess") == Json{{"State", "unblocked"}});
  ec2.ok("ModifySnapshotAttribute", {{"SnapshotId", id},
                                     {"Attribute", "createVolumePermission"},
                                     {"OperationType", "add"},
                                     {"GroupNames", {"all"}}});
  ec2.ok("EnableSnapshotBlockPublicAccess", {{"State", "block-all-sharing"}});
  const sim::Caller other = ec2.as(kOther);
  CHECK(ec2.ok("DescribeSnapshots",
               {{"RestorableByUserIds", {"all"}}, {"OwnerIds", {ec2.caller.account.str()}}},
               &other)["Snapshots"]
            .empty());
  CHECK(ec2.ok("DescribeSnapshotAttribute",
               {{"SnapshotId", id},
                {"Attribute", "createVolumePermission"}})["CreateVolumePermissions"]
            .size() == 1);
  CHECK(ec2.ok("GetSnapshotBlockPublicAccessState", {}, &other)["State"] == "unblocked");
}
