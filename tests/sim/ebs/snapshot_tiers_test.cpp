// The snapshot archive tier (sim/ebs/snapshot_tiers.hpp). Facts: aws-facts.md §5 "Archive tier"
// (UG23:snapshot-archive.md, UG23:working-with-snapshot-archiving.md); durations are the model's.
#include "sim/ebs/snapshot_tiers.hpp"

#include "harness.hpp"
#include "sim/copies/copies.hpp"
#include "sim/ebs/snapshots.hpp"
#include "sim/ebs/volumes.hpp"
#include "sim/images/images.hpp"

using namespace sim;
using test::expect_error;
using test::expect_ok;

namespace {

using test::kOther;

Volume& new_volume(test::Harness& h, std::uint64_t written_blocks) {
  CreateVolumeRequest r;
  r.zone = ZoneName(h.caller.region.str() + "a");
  r.size_gib = 10;
  const VolumeId id = expect_ok(create_volume(h.world, h.caller, r))->id;
  h.advance(kVolumeCreateMs);
  Volume& v = *find_volume(h.world, h.caller, id);
  if (written_blocks > 0) write_to_volume(h.world, v, written_blocks * kBlockBytes);
  return v;
}

// A completed snapshot of `v`.
Snapshot& snap(test::Harness& h, const Volume& v) {
  const SnapshotId id =
      expect_ok(create_snapshot(h.world, h.caller, CreateSnapshotRequest{v.id, "", {}, false}))->id;
  h.settle();
  return h.world.region_of(h.caller).snapshots.at(id);
}

Result<TimeMs> archive(test::Harness& h, const Snapshot& s, const Caller* who = nullptr) {
  return modify_snapshot_tier(h.world, who ? *who : h.caller,
                              ModifySnapshotTierRequest{s.id, "archive", false});
}

Result<RestoreSnapshotTierResult> restore(test::Harness& h, const Snapshot& s,
                                          std::optional<int> days, bool permanent = false) {
  RestoreSnapshotTierRequest r;
  r.snapshot_id = s.id;
  r.temporary_restore_days = days;
  if (permanent) r.permanent_restore = true;
  return restore_snapshot_tier(h.world, h.caller, r);
}

// An archived snapshot of 8 written blocks.
Snapshot& archived(test::Harness& h) {
  Snapshot& s = snap(h, new_volume(h, 8));
  expect_ok(archive(h, s));
  h.settle();
  REQUIRE(s.storage_tier == "archive");
  return s;
}

const std::vector<TierRecord>& records(test::Harness& h) {
  return h.world.region_of(h.caller).tier_records;
}

std::uint64_t pool_bytes(test::Harness& h) {
  return region_stored_bytes(h.world.region_of(h.caller), h.caller.account);
}

}  // namespace

TEST_CASE("ModifySnapshotTier archives in the background, then holds the full snapshot") {
  test::Harness h;
  Volume& v = new_volume(h, 10);
  snap(h, v);
  write_to_volume(h.world, v, 4 * kBlockBytes);
  Snapshot& second = snap(h, v);  // incremental: 4 new blocks, 14 written
  const TimeMs start = expect_ok(archive(h, second));
  CHECK(start == h.world.now());
  CHECK(second.tiering_state == TieringState::kArchivalInProgress);
  CHECK(second.storage_tier == "standard");
  expect_ok(check_snapshot_usable(second));  // usable while the archive is in process (UG)
  // 14 blocks of 512 KiB round up to 1 GiB: 30 min + 1 min.
  h.advance(30 * kMinuteMs);
  CHECK(second.storage_tier == "standard");
  CHECK(tiering_progress_percent(second, h.world.now()) == 96);  // 30 of 31 minutes
  h.advance(kMinuteMs);
  CHECK(second.storage_tier == "archive");
  CHECK(second.tiering_state == TieringState::kArchivalCompleted);
  CHECK(second.archived_at == start + 31 * kMinuteMs);
  CHECK(second.archive_full_bytes == 14 * kBlockBytes);  // full, not the 4 incremental blocks
  // Its unique blocks left the standard tier; the first snapshot's 10 stay.
  CHECK(pool_bytes(h) == 10 * kBlockBytes);
  REQUIRE(records(h).size() == 1);
  CHECK(records(h)[0].kind == TierRecordKind::kArchived);
  CHECK(records(h)[0].bytes == 14 * kBlockBytes);
}

TEST_CASE("Archiving an earlier snapshot keeps the blocks a later one references") {
  test::Harness h;
  Volume& v = new_volume(h, 10);
  Snapshot& first = snap(h, v);
  write_to_volume(h.world, v, 4 * kBlockBytes);
  Snapshot& second = snap(h, v);
  expect_ok(archive(h, first));
  h.settle();
  CHECK(first.archive_full_bytes == 10 * kBlockBytes);
  CHECK(pool_bytes(h) == 14 * kBlockBytes);
  CHECK(snapshot_stored_bytes(h.world.region_of(h.caller), second) == 14 * kBlockBytes);
  CHECK(snapshot_stored_bytes(h.world.region_of(h.caller), first) == 0);
}

TEST_CASE("ModifySnapshotTier refuses what AWS cannot archive") {
  test::Harness h;
  Volume& v = new_volume(h, 2);
  SECTION("a pending snapshot") {
    const Snapshot* s =
        expect_ok(create_snapshot(h.world, h.caller, CreateSnapshotRequest{v.id, "", {}, false}));
    expect_error(archive(h, *s), "IncorrectState");
  }
  SECTION("another account's snapshot shared with the caller") {
    Snapshot& s = snap(h, v);
    s.create_volume_permissions.insert(AccountId(kOther));
    const Caller other = h.as(kOther);
    expect_error(archive(h, s, &other), "UnauthorizedOperation");
  }
  SECTION("a tier other than archive") {
    Snapshot& s = snap(h, v);
    auto r =
        modify_snapshot_tier(h.world, h.caller, ModifySnapshotTierRequest{s.id, "standard", false});
    expect_error(r, "InvalidParameterValue");
  }
  SECTION("a snapshot a registered image maps; a disabled image does not block [?]") {
    Snapshot& s = snap(h, v);
    Image& image = image_using(h, s.id, ImageState::kAvailable);
    auto e = expect_error(archive(h, s), "InvalidSnapshot.InUse");
    CHECK(e.message.find(image.id.str()) != std::string::npos);
    image.state = ImageState::kDisabled;
    expect_ok(archive(h, s));
  }
  SECTION("a snapshot being archived or archived") {
    Snapshot& s = snap(h, v);
    expect_ok(archive(h, s));
    expect_error(archive(h, s), "IncorrectState");
    h.settle();
    expect_error(archive(h, s), "IncorrectState");
  }
  SECTION("a dry run changes nothing") {
    Snapshot& s = snap(h, v);
    expect_error(
        modify_snapshot_tier(h.world, h.caller, ModifySnapshotTierRequest{s.id, "archive", true}),
        "DryRunOperation");
    CHECK(s.tiering_state == TieringState::kNone);
  }
}

TEST_CASE("An archived snapshot cannot be used, copied or shared until restored") {
  test::Harness h;
  Snapshot& s = archived(h);
  CreateVolumeRequest cv;
  cv.zone = ZoneName("us-east-1a");
  cv.snapshot_id = s.id;
  expect_error(create_volume(h.world, h.caller, cv), "IncorrectState");
  CopySnapshotRequest copy;
  copy.source_region = h.caller.region;
  copy.source_snapshot_id = s.id;
  expect_error(copy_snapshot(h.world, h.caller, copy), "IncorrectState");
  ModifySnapshotAttributeRequest share;
  share.snapshot_id = s.id;
  share.operation_type = "add";
  share.user_ids = {AccountId(kOther)};
  expect_error(modify_snapshot_attribute(h.world, h.caller, share), "IncorrectState");
  RegisterImageRequest reg;
  reg.name = "from-archive";
  reg.root_device_name = "/dev/xvda";
  EbsBlockDevice ebs;
  ebs.snapshot_id = s.id;
  reg.block_device_mappings.push_back(BlockDeviceMapping{"/dev/xvda", ebs, "", false});
  expect_error(register_image(h.world, h.caller, reg), "IncorrectState");
}

TEST_CASE("Archiving ends the snapshot's sharing") {
  test::Harness h;
  Snapshot& s = snap(h, new_volume(h, 1));
  s.is_public = true;
  s.create_volume_permissions.insert(AccountId(kOther));
  expect_ok(archive(h, s));
  CHECK(snapshot_visible_to(h.world.region_of(h.caller), s,
                            AccountId(kOther)));  // still shared while archiving
  h.settle();
  CHECK_FALSE(s.is_public);
  CHECK_FALSE(snapshot_visible_to(h.world.region_of(h.caller), s, AccountId(kOther)));
}

TEST_CASE("A temporary restore brings the snapshot back for N days, then it is archived again") {
  test::Harness h;
  Snapshot& s = archived(h);
  const TimeMs start = h.world.now();
  auto r = expect_ok(restore(h, s, 3));
  CHECK(r.restore_start_time == start);
  CHECK(r.restore_duration_days == std::optional<int>(3));
  CHECK_FALSE(r.is_permanent);
  CHECK(s.tiering_state == TieringState::kTemporaryRestoreInProgress);
  expect_error(restore(h, s, 3), "IncorrectState");  // one operation at a time
  REQUIRE(records(h).back().kind == TierRecordKind::kRetrieval);
  CHECK(records(h).back().bytes == 8 * kBlockBytes);
  CHECK(records(h).back().at == start);
  h.advance(2 * kHourMs + 3 * kMinuteMs);  // 2 h + 4 min for the 1 GiB rounded up
  CHECK(s.storage_tier == "archive");
  h.advance(kMinuteMs);
  CHECK(s.storage_tier == "standard");
  CHECK(s.tiering_state == TieringState::kTemporaryRestoreCompleted);
  CHECK(s.restore_expiry_time == start + 2 * kHourMs + 4 * kMinuteMs + 3 * kDayMs);
  CHECK(s.restored_full_bytes == 8 * kBlockBytes);
  CHECK(s.archive_full_bytes == 8 * kBlockBytes);  // a copy stays in the archive tier
  expect_ok(check_snapshot_usable(s));
  h.settle();  // expiry is housekeeping: settling does not jump three days ahead
  CHECK(s.storage_tier == "standard");
  h.advance(3 * kDayMs);
  CHECK(s.storage_tier == "archive");
  CHECK(s.restore_expiry_time == 0);
  CHECK(s.restored_full_bytes == 0);
  CHECK(s.archive_full_bytes == 8 * kBlockBytes);
  expect_error(check_snapshot_usable(s), "IncorrectState");
}

TEST_CASE("A permanent restore returns the snapshot to standard and ends its archive copy") {
  test::Harness h;
  Snapshot& s = archived(h);
  const TimeMs archived_at = s.archived_at;
  auto r = expect_ok(restore(h, s, std::nullopt, true));
  CHECK(r.is_permanent);
  CHECK_FALSE(r.restore_duration_days);
  h.settle();
  CHECK(s.storage_tier == "standard");
  CHECK(s.tiering_state == TieringState::kPermanentRestoreCompleted);
  CHECK(s.archive_full_bytes == 0);
  CHECK(s.restore_expiry_time == 0);
  const TierRecord& removed = records(h).back();
  CHECK(removed.kind == TierRecordKind::kArchiveRemoved);
  CHECK(removed.archived_at == archived_at);
  CHECK(removed.at == h.world.now());
  // It can be archived again.
  expect_ok(archive(h, s));
  h.settle();
  CHECK(s.storage_tier == "archive");
  CHECK(s.restored_full_bytes == 0);
}

TEST_CASE("RestoreSnapshotTier checks its options and the snapshot's tier") {
  test::Harness h;
  Snapshot& s = archived(h);
  expect_error(restore(h, s, 2, true), "InvalidParameterCombination");
  expect_error(restore(h, s, 0), "InvalidParameterValue");
  expect_error(restore(h, s, kMaxTemporaryRestoreDays + 1), "InvalidParameterValue");
  Snapshot& standard = snap(h, new_volume(h, 1));
  expect_error(restore(h, standard, 1), "IncorrectState");
  auto r = expect_ok(restore(h, s, std::nullopt));  // a temporary restore of 1 day by default
  CHECK(r.restore_duration_days == std::optional<int>(1));
}

TEST_CASE("A completed temporary restore can get a new period or become permanent") {
  test::Harness h;
  Snapshot& s = archived(h);
  expect_ok(restore(h, s, 10));
  h.settle();
  const std::size_t retrievals = records(h).size();
  h.advance(kDayMs);
  expect_ok(restore(h, s, 2));  // counted from now
  CHECK(s.restore_expiry_time == h.world.now() + 2 * kDayMs);
  CHECK(records(h).size() == retrievals);  // no data moves, no new retrieval
  h.advance(2 * kDayMs);
  CHECK(s.storage_tier == "archive");
  expect_ok(restore(h, s, 5));
  h.settle();
  expect_ok(restore(h, s, std::nullopt, true));
  CHECK(s.tiering_state == TieringState::kPermanentRestoreCompleted);
  CHECK(s.archive_full_bytes == 0);
  h.advance(10 * kDayMs);  // the old expiry no longer applies
  CHECK(s.storage_tier == "standard");
}

TEST_CASE("Deleting an archived snapshot records the end of its archive copy") {
  test::Harness h;
  Snapshot& s = archived(h);
  const SnapshotId id = s.id;
  const TimeMs archived_at = s.archived_at;
  h.advance(40 * kDayMs);
  expect_ok(delete_snapshot(h.world, h.caller, id));
  const TierRecord& removed = records(h).back();
  CHECK(removed.kind == TierRecordKind::kArchiveRemoved);
  CHECK(removed.snapshot_id == id);
  CHECK(removed.at - removed.archived_at == 40 * kDayMs);
  CHECK(removed.archived_at == archived_at);
  CHECK(pool_bytes(h) == 0);
}

TEST_CASE("At most 25 archives and 5 restores run at once per account") {
  test::Harness h;
  Volume& v = new_volume(h, 1);
  std::vector<SnapshotId> ids;
  for (int i = 0; i < kMaxConcurrentArchives + 1; ++i) ids.push_back(snap(h, v).id);
  auto& snapshots = h.world.region_of(h.caller).snapshots;
  for (int i = 0; i < kMaxConcurrentArchives; ++i) expect_ok(archive(h, snapshots.at(ids[i])));
  auto e = expect_error(archive(h, snapshots.at(ids.back())), "ResourceLimitExceeded");
  CHECK(e.message.find("concurrent snapshot archives") != std::string::npos);
  h.settle();
  // 25 archived snapshots of one volume is the other quota.
  e = expect_error(archive(h, snapshots.at(ids.back())), "ResourceLimitExceeded");
  CHECK(e.message.find("per volume") != std::string::npos);
  for (int i = 0; i < kMaxConcurrentRestores; ++i) expect_ok(restore(h, snapshots.at(ids[i]), 1));
  expect_error(restore(h, snapshots.at(ids[kMaxConcurrentRestores]), 1), "ResourceLimitExceeded");
}

TEST_CASE("DescribeSnapshotTierStatus lists the caller's tiered snapshots, filtered") {
  test::Harness h;
  Snapshot& a = archived(h);
  Snapshot& b = snap(h, new_volume(h, 1));
  snap(h, new_volume(h, 1));  // never tiered: not listed
  expect_ok(archive(h, b));
  auto all = expect_ok(describe_snapshot_tier_status(h.world, h.caller, {}));
  REQUIRE(all.snapshots.size() == 2);
  DescribeSnapshotTierStatusRequest r;
  r.filters = {Filter{"last-tiering-operation", {"archival-in-progress"}}};
  auto found = expect_ok(describe_snapshot_tier_status(h.world, h.caller, r));
  REQUIRE(found.snapshots.size() == 1);
  CHECK(found.snapshots[0]->id == b.id);
  r.filters = {Filter{"volume-id", {a.volume_id.str()}}};
  found = expect_ok(describe_snapshot_tier_status(h.world, h.caller, r));
  REQUIRE(found.snapshots.size() == 1);
  CHECK(found.snapshots[0]->id == a.id);
  const Caller other = h.as(kOther);
  CHECK(expect_ok(describe_snapshot_tier_status(h.world, other, {})).snapshots.empty());
  r.filters = {Filter{"storage-tier", {"archive"}}};
  expect_error(describe_snapshot_tier_status(h.world, h.caller, r), "InvalidFilter");
}

TEST_CASE("DescribeSnapshots filters on storage-tier") {
  test::Harness h;
  Snapshot& a = archived(h);
  snap(h, new_volume(h, 1));
  DescribeSnapshotsRequest r;
  r.owner_ids = {"self"};
  r.filters = {Filter{"storage-tier", {"archive"}}};
  auto found = expect_ok(describe_snapshots(h.world, h.caller, r));
  REQUIRE(found.snapshots.size() == 1);
  CHECK(found.snapshots[0]->id == a.id);
}

TEST_CASE("The digest sees the archive tier") {
  test::Harness one;
  test::Harness two;
  Snapshot& a = snap(one, new_volume(one, 1));
  snap(two, new_volume(two, 1));
  CHECK(one.world.digest() == two.world.digest());
  expect_ok(archive(one, a));
  one.settle();
  two.advance(one.world.now() - two.world.now());
  CHECK(one.world.digest() != two.world.digest());
}
