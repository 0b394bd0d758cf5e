// Block public access for snapshots (sim/ebs/snapshot_block_public_access.hpp). Facts:
// docs/aws-facts.md §B "Snapshots" (APIREF:EnableSnapshotBlockPublicAccess,
// EBSUG:block-public-access-snapshots).
#include "sim/ebs/snapshot_block_public_access.hpp"

#include "harness.hpp"
#include "sim/copies/copies.hpp"
#include "sim/ebs/snapshots.hpp"
#include "sim/ebs/volumes.hpp"

using namespace sim;
using test::expect_error;
using test::expect_ok;

namespace {

using test::kOther;

Snapshot& completed_snap(test::Harness& h) {
  CreateVolumeRequest v;
  v.zone = ZoneName("us-east-1a");
  v.size_gib = 10;
  const VolumeId vid = expect_ok(create_volume(h.world, h.caller, v))->id;
  h.advance(kVolumeCreateMs);
  const SnapshotId id =
      expect_ok(create_snapshot(h.world, h.caller, CreateSnapshotRequest{vid, "", {}, false}))->id;
  h.settle();
  return h.world.region_of(h.caller).snapshots.at(id);
}

ModifySnapshotAttributeRequest share_public(const Snapshot& s) {
  return {s.id, "createVolumePermission", "add", {}, {"all"}, false};
}

std::size_t restorable_by_all(test::Harness& h, const Caller& who) {
  DescribeSnapshotsRequest r;
  r.restorable_by = {"all"};
  r.owner_ids = {h.caller.account.str()};
  return expect_ok(describe_snapshots(h.world, who, r)).snapshots.size();
}

Result<const Volume*> volume_from(test::Harness& h, const Caller& who, const Snapshot& s) {
  CreateVolumeRequest r;
  r.zone = ZoneName("us-east-1a");
  r.snapshot_id = s.id;
  return create_volume(h.world, who, r);
}

}  // namespace

TEST_CASE("Snapshot block public access is unblocked by default and set per account and Region") {
  test::Harness h;
  CHECK(snapshot_block_public_access(h.world, h.caller) == SnapshotBlockPublicAccess::kUnblocked);
  CHECK(expect_ok(enable_snapshot_block_public_access(h.world, h.caller, "block-new-sharing")) ==
        SnapshotBlockPublicAccess::kBlockNewSharing);
  CHECK(snapshot_block_public_access(h.world, h.caller) ==
        SnapshotBlockPublicAccess::kBlockNewSharing);
  CHECK(snapshot_block_public_access(h.world, h.in("eu-west-1")) ==
        SnapshotBlockPublicAccess::kUnblocked);
  CHECK(snapshot_block_public_access(h.world, h.as(kOther)) ==
        SnapshotBlockPublicAccess::kUnblocked);
  CHECK(expect_ok(enable_snapshot_block_public_access(h.world, h.caller, "block-all-sharing")) ==
        SnapshotBlockPublicAccess::kBlockAllSharing);
  CHECK(expect_ok(disable_snapshot_block_public_access(h.world, h.caller)) ==
        SnapshotBlockPublicAccess::kUnblocked);
  CHECK(to_string(SnapshotBlockPublicAccess::kBlockAllSharing) == "block-all-sharing");
}

TEST_CASE(
    "EnableSnapshotBlockPublicAccess refuses unblocked and unknown states, changing nothing") {
  test::Harness h;
  const std::string before = h.world.digest();
  for (const char* bad : {"unblocked", "block-all", "", "BLOCK-NEW-SHARING"}) {
    INFO(bad);
    expect_error(enable_snapshot_block_public_access(h.world, h.caller, bad),
                 "InvalidParameterValue");
  }
  expect_error(enable_snapshot_block_public_access(h.world, h.caller, "block-all-sharing", true),
               "DryRunOperation");
  CHECK(h.world.digest() == before);
}

TEST_CASE("Under block-new-sharing no snapshot becomes public, and public ones stay public") {
  test::Harness h;
  Snapshot& was_public = completed_snap(h);
  Snapshot& s = completed_snap(h);
  expect_ok(modify_snapshot_attribute(h.world, h.caller, share_public(was_public)));
  expect_ok(enable_snapshot_block_public_access(h.world, h.caller, "block-new-sharing"));
  const std::string before = h.world.digest();
  Error e = expect_error(modify_snapshot_attribute(h.world, h.caller, share_public(s)),
                         "OperationNotPermitted");
  CHECK(e.message.find("block-new-sharing") != std::string::npos);
  CHECK(h.world.digest() == before);
  CHECK_FALSE(s.is_public);
  // Sharing with an account is not public sharing; taking "all" away is allowed.
  expect_ok(modify_snapshot_attribute(
      h.world, h.caller, {s.id, "createVolumePermission", "add", {AccountId(kOther)}, {}, false}));
  const Caller other = h.as(kOther);
  CHECK(restorable_by_all(h, other) == 1);
  expect_ok(volume_from(h, other, was_public));
  ModifySnapshotAttributeRequest unshare = share_public(was_public);
  unshare.operation_type = "remove";
  expect_ok(modify_snapshot_attribute(h.world, h.caller, unshare));
  CHECK(restorable_by_all(h, other) == 0);
}

TEST_CASE("Under block-all-sharing public snapshots are private in effect until it is lifted") {
  test::Harness h;
  Snapshot& s = completed_snap(h);
  expect_ok(modify_snapshot_attribute(h.world, h.caller, share_public(s)));
  const Caller other = h.as(kOther);
  CHECK(restorable_by_all(h, other) == 1);
  expect_ok(enable_snapshot_block_public_access(h.world, h.caller, "block-all-sharing"));
  // The attribute still says public (APIREF:EnableSnapshotBlockPublicAccess) ...
  CHECK(expect_ok(describe_snapshot_attribute(h.world, h.caller, s.id, "createVolumePermission"))
            .is_public);
  // ... but no other account sees or uses it, and the owner does not find it public either.
  CHECK(restorable_by_all(h, other) == 0);
  CHECK(restorable_by_all(h, h.caller) == 0);
  CHECK(find_visible_snapshot(h.world, other, s.id) == nullptr);
  expect_error(volume_from(h, other, s), "InvalidSnapshot.NotFound");
  CopySnapshotRequest copy;
  copy.source_region = h.caller.region;
  copy.source_snapshot_id = s.id;
  expect_error(copy_snapshot(h.world, other, copy), "InvalidSnapshot.NotFound");
  expect_error(modify_snapshot_attribute(h.world, h.caller, share_public(s)),
               "OperationNotPermitted");
  // Explicit shares still work (block public access "does not prevent private sharing").
  expect_ok(modify_snapshot_attribute(
      h.world, h.caller, {s.id, "createVolumePermission", "add", {AccountId(kOther)}, {}, false}));
  CHECK(find_visible_snapshot(h.world, other, s.id) == &s);
  s.create_volume_permissions.clear();
  // Back to block-new-sharing: public again.
  expect_ok(enable_snapshot_block_public_access(h.world, h.caller, "block-new-sharing"));
  CHECK(restorable_by_all(h, other) == 1);
  expect_ok(enable_snapshot_block_public_access(h.world, h.caller, "block-all-sharing"));
  CHECK(restorable_by_all(h, other) == 0);
  expect_ok(disable_snapshot_block_public_access(h.world, h.caller));
  CHECK(restorable_by_all(h, other) == 1);
  expect_ok(volume_from(h, other, s));
}
