#include "sim/ebs/snapshots.hpp"

#include "harness.hpp"
#include "sim/ebs/volumes.hpp"

using namespace sim;
using test::expect_error;
using test::expect_ok;

namespace {

using test::kOther;

Volume& new_volume(test::Harness& h, const Caller& caller, int gib = 10) {
  CreateVolumeRequest r;
  r.zone = ZoneName(caller.region.str() + "a");
  r.size_gib = gib;
  const VolumeId id = expect_ok(create_volume(h.world, caller, r))->id;
  h.advance(kVolumeCreateMs);
  return *find_volume(h.world, caller, id);
}

Snapshot& snap(test::Harness& h, const Caller& caller, const Volume& v,
               const std::string& description = "") {
  const Snapshot* s = expect_ok(
      create_snapshot(h.world, caller, CreateSnapshotRequest{v.id, description, {}, false}));
  return h.world.region_of(caller).snapshots.at(s->id);
}

std::uint64_t stored(test::Harness& h, const Snapshot& s) {
  return snapshot_stored_bytes(h.world.region_of(h.caller), s);
}

std::vector<SnapshotId> ids_of(const DescribeSnapshotsResult& r) {
  std::vector<SnapshotId> out;
  for (const Snapshot* s : r.snapshots) out.push_back(s->id);
  return out;
}

bool contains(const std::vector<SnapshotId>& ids, const SnapshotId& id) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

}  // namespace

TEST_CASE("CreateSnapshot is pending until its data is stored, then completed") {
  test::Harness h;
  Volume& v = new_volume(h, h.caller, 50);
  write_to_volume(h.world, v, 64 * kBlockBytes);
  CreateSnapshotRequest r{v.id, "nightly", {{"snapshot", {{"Name", "n1"}}}}, false};
  const Snapshot* s = expect_ok(create_snapshot(h.world, h.caller, r));
  CHECK(s->id.str().rfind("snap-", 0) == 0);
  CHECK(s->state == SnapshotState::kPending);
  CHECK(s->owner == h.caller.account);
  CHECK(s->volume_id == v.id);
  CHECK(s->volume_size_gib == 50);
  CHECK(s->description == "nightly");
  CHECK(s->tags.at("Name") == "n1");
  CHECK(s->start_time == h.world.now());
  const DurationMs expected = snapshot_duration(64 * kBlockBytes);
  CHECK(s->completion_time == h.world.now() + expected);
  h.advance(expected - 1);
  CHECK(s->state == SnapshotState::kPending);
  CHECK(snapshot_progress_percent(*s, h.world.now()) < 100);
  h.advance(1);
  CHECK(s->state == SnapshotState::kCompleted);
  CHECK(snapshot_progress_percent(*s, h.world.now()) == 100);
}

TEST_CASE("Snapshot time grows with the new data: a base plus 64 MiB/s") {
  CHECK(snapshot_duration(0) == kSnapshotBaseMs);
  CHECK(snapshot_duration(64ULL * 1024 * 1024) == kSnapshotBaseMs + kSecondMs);
  CHECK(snapshot_duration(8 * kGiB) == kSnapshotBaseMs + 128 * kSecondMs);
}

TEST_CASE("CreateSnapshot needs the caller's volume in the caller's Region") {
  test::Harness h;
  Volume& v = new_volume(h, h.caller);
  auto e = expect_error(
      create_snapshot(h.world, h.as(kOther), CreateSnapshotRequest{v.id, "", {}, false}),
      "InvalidVolume.NotFound");
  CHECK(e.message == "The volume '" + v.id.str() + "' does not exist.");
  expect_error(
      create_snapshot(h.world, h.in("eu-west-1"), CreateSnapshotRequest{v.id, "", {}, false}),
      "InvalidVolume.NotFound");
  expect_error(
      create_snapshot(h.world, h.caller, CreateSnapshotRequest{VolumeId("vol-?"), "", {}, false}),
      "InvalidVolume.Malformed");
  CreateSnapshotRequest tagged{v.id, "", {{"image", {{"a", "b"}}}}, false};
  expect_error(create_snapshot(h.world, h.caller, tagged), "InvalidParameterValue");
  CreateSnapshotRequest dry{v.id, "", {}, true};
  expect_error(create_snapshot(h.world, h.caller, dry), "DryRunOperation");
  CHECK(region_stored_bytes(h.world.region_of(h.caller), h.caller.account) == 0);
}

TEST_CASE("The first snapshot stores the written blocks, not the volume size") {
  test::Harness h;
  Volume& v = new_volume(h, h.caller, 200);
  write_to_volume(h.world, v, 50 * kBlockBytes);
  Snapshot& s = snap(h, h.caller, v);
  CHECK(stored(h, s) == 50 * kBlockBytes);
  CHECK(region_stored_bytes(h.world.region_of(h.caller), h.caller.account) == 50 * kBlockBytes);
}

TEST_CASE("Later snapshots of a volume store only what changed since") {
  test::Harness h;
  Volume& v = new_volume(h, h.caller);
  write_to_volume(h.world, v, 10 * kBlockBytes);
  Snapshot& first = snap(h, h.caller, v);
  Snapshot& same = snap(h, h.caller, v);
  CHECK(stored(h, same) == 0);
  write_to_volume(h.world, v, 3 * kBlockBytes);
  Snapshot& third = snap(h, h.caller, v);
  CHECK(stored(h, first) == 10 * kBlockBytes);
  CHECK(stored(h, third) == 3 * kBlockBytes);
  CHECK(region_stored_bytes(h.world.region_of(h.caller), h.caller.account) == 13 * kBlockBytes);
  // An unchanged snapshot stores nothing, so it takes only the base time.
  CHECK(same.completion_time - same.start_time == kSnapshotBaseMs);
}

TEST_CASE("A snapshot of a volume restored from the owner's snapshot is incremental") {
  test::Harness h;
  Volume& v = new_volume(h, h.caller);
  write_to_volume(h.world, v, 8 * kBlockBytes);
  Snapshot& base = snap(h, h.caller, v);
  h.settle();
  CreateVolumeRequest r;
  r.zone = ZoneName("us-east-1c");
  r.snapshot_id = base.id;
  const VolumeId restored_id = expect_ok(create_volume(h.world, h.caller, r))->id;
  h.settle();
  Volume& restored = *find_volume(h.world, h.caller, restored_id);
  write_to_volume(h.world, restored, 2 * kBlockBytes);
  Snapshot& next = snap(h, h.caller, restored);
  CHECK(stored(h, next) == 2 * kBlockBytes);
}

TEST_CASE("A snapshot of a volume from another account's snapshot is a full copy") {
  test::Harness h;
  Volume& v = new_volume(h, h.caller);
  write_to_volume(h.world, v, 8 * kBlockBytes);
  Snapshot& shared = snap(h, h.caller, v);
  h.settle();
  expect_ok(modify_snapshot_attribute(
      h.world, h.caller,
      {shared.id, "createVolumePermission", "add", {AccountId(kOther)}, {}, false}));
  const Caller other = h.as(kOther);
  CreateVolumeRequest r;
  r.zone = ZoneName("us-east-1a");
  r.snapshot_id = shared.id;
  const VolumeId theirs_id = expect_ok(create_volume(h.world, other, r))->id;
  h.settle();
  Volume& theirs = *find_volume(h.world, other, theirs_id);
  write_to_volume(h.world, theirs, kBlockBytes);
  Snapshot& copy = snap(h, other, theirs);
  const RegionState& region = h.world.region_of(other);
  CHECK(snapshot_stored_bytes(region, copy) == 9 * kBlockBytes);
  CHECK(region_stored_bytes(region, AccountId(kOther)) == 9 * kBlockBytes);
  CHECK(region_stored_bytes(region, h.caller.account) == 8 * kBlockBytes);
}

TEST_CASE("A snapshot of a root volume launched from a catalogue image is a full copy") {
  test::Harness h;
  RegionState& region = h.world.region_of(h.caller);
  const Image& catalogue = region.images.at(h.catalogue_image("al2023-x86_64"));
  const EbsBlockDevice& root = *catalogue.mappings.at(0).ebs;
  const Snapshot& source = region.snapshots.at(*root.snapshot_id);
  CHECK(snapshot_stored_bytes(region, source) == 0);  // AWS's storage, not the caller's
  // The root volume as a launch makes it: the catalogue snapshot's data, same versions.
  const VolumeId id = create_attached_volume(
      h.world, region, h.caller.account, ZoneName("us-east-1a"), InstanceId("i-0123456789abcdef0"),
      "/dev/xvda", root, source.data, h.world.now());
  Snapshot& mine = snap(h, h.caller, region.volumes.at(id));
  CHECK(stored(h, mine) == source.data->blocks.written_bytes());
  CHECK(stored(h, mine) > 0);
}

TEST_CASE("DeleteSnapshot frees unshared blocks and re-attributes shared ones") {
  test::Harness h;
  Volume& v = new_volume(h, h.caller);
  write_to_volume(h.world, v, 10 * kBlockBytes);
  const SnapshotId first = snap(h, h.caller, v).id;
  write_to_volume(h.world, v, 4 * kBlockBytes);
  Snapshot& second = snap(h, h.caller, v);
  CHECK(stored(h, second) == 4 * kBlockBytes);
  expect_ok(delete_snapshot(h.world, h.caller, first));
  CHECK(h.world.region_of(h.caller).snapshots.count(first) == 0);
  CHECK(stored(h, second) == 14 * kBlockBytes);
  CHECK(region_stored_bytes(h.world.region_of(h.caller), h.caller.account) == 14 * kBlockBytes);
  expect_ok(delete_snapshot(h.world, h.caller, second.id));
  CHECK(region_stored_bytes(h.world.region_of(h.caller), h.caller.account) == 0);
}

TEST_CASE("DeleteSnapshot of a snapshot a registered image uses is InvalidSnapshot.InUse") {
  test::Harness h;
  Volume& v = new_volume(h, h.caller);
  Snapshot& s = snap(h, h.caller, v);
  Image& image = image_using(h, s.id, ImageState::kAvailable);
  auto e = expect_error(delete_snapshot(h.world, h.caller, s.id), "InvalidSnapshot.InUse");
  CHECK(e.message == "The snapshot " + s.id.str() + " is currently in use by " + image.id.str());
  image.state = ImageState::kDisabled;  // disabled images still hold their snapshots
  expect_error(delete_snapshot(h.world, h.caller, s.id), "InvalidSnapshot.InUse");
  image.state = ImageState::kDeregistered;
  expect_ok(delete_snapshot(h.world, h.caller, s.id));
}

TEST_CASE("DeleteSnapshot of another account's snapshot: NotFound if hidden, refused if visible") {
  test::Harness h;
  Volume& v = new_volume(h, h.caller);
  Snapshot& s = snap(h, h.caller, v);
  const Caller other = h.as(kOther);
  auto e = expect_error(delete_snapshot(h.world, other, s.id), "InvalidSnapshot.NotFound");
  CHECK(e.message == "The snapshot '" + s.id.str() + "' does not exist.");
  s.is_public = true;
  expect_error(delete_snapshot(h.world, other, s.id), "UnauthorizedOperation");
  expect_error(delete_snapshot(h.world, h.caller, SnapshotId("snap-0123456789abcdef0")),
               "InvalidSnapshot.NotFound");
  expect_error(delete_snapshot(h.world, h.caller, SnapshotId("snap-zz")),
               "InvalidSnapshot.Malformed");
  expect_error(delete_snapshot(h.world, h.caller, s.id, /*dry_run=*/true), "DryRunOperation");
  CHECK(h.world.region_of(h.caller).snapshots.count(s.id) == 1);
}

TEST_CASE("DescribeSnapshots by default lists own, shared and public snapshots") {
  test::Harness h;
  const Caller other = h.as(kOther);
  const SnapshotId mine = snap(h, h.caller, new_volume(h, h.caller)).id;
  Snapshot& shared = snap(h, other, new_volume(h, other));
  shared.create_volume_permissions.insert(h.caller.account);
  const SnapshotId hidden = snap(h, other, new_volume(h, other)).id;
  const Caller third = h.as("333344445555");
  Snapshot& pub = snap(h, third, new_volume(h, third));
  pub.is_public = true;
  auto all = ids_of(expect_ok(describe_snapshots(h.world, h.caller, {})));
  CHECK(contains(all, mine));
  CHECK(contains(all, shared.id));
  CHECK(contains(all, pub.id));
  CHECK_FALSE(contains(all, hidden));
  CHECK(std::is_sorted(all.begin(), all.end()));
}

TEST_CASE("DescribeSnapshots scopes by Owners and RestorableBy") {
  test::Harness h;
  const Caller other = h.as(kOther);
  Snapshot& mine = snap(h, h.caller, new_volume(h, h.caller));
  Snapshot& shared = snap(h, other, new_volume(h, other));
  shared.create_volume_permissions.insert(h.caller.account);
  DescribeSnapshotsRequest r;
  r.owner_ids = {"self"};
  CHECK(ids_of(expect_ok(describe_snapshots(h.world, h.caller, r))) ==
        std::vector<SnapshotId>{mine.id});
  r.owner_ids = {kOther};
  CHECK(ids_of(expect_ok(describe_snapshots(h.world, h.caller, r))) ==
        std::vector<SnapshotId>{shared.id});
  // An Amazon-owned public snapshot, matched by the owner alias.
  RegionState& region = h.world.region_of(h.caller);
  Snapshot& amazon_snap = region.snapshots.at(
      *region.images.at(h.catalogue_image("al2023-x86_64")).mappings.at(0).ebs->snapshot_id);
  amazon_snap.is_public = true;
  r.owner_ids = {"amazon"};
  auto amazon = expect_ok(describe_snapshots(h.world, h.caller, r));
  CHECK(contains(ids_of(amazon), amazon_snap.id));
  for (const Snapshot* s : amazon.snapshots) CHECK(s->owner_alias == "amazon");
  r.owner_ids = {};
  r.restorable_by = {"self"};
  auto restorable = ids_of(expect_ok(describe_snapshots(h.world, h.caller, r)));
  CHECK(restorable.size() == 2);
  CHECK(contains(restorable, shared.id));
  r.restorable_by = {"all"};
  auto pub = expect_ok(describe_snapshots(h.world, h.caller, r));
  CHECK(contains(ids_of(pub), amazon_snap.id));
  for (const Snapshot* s : pub.snapshots) CHECK(s->is_public);
  mine.create_volume_permissions.insert(AccountId("111122223333"));
  r.restorable_by = {"111122223333"};
  CHECK(ids_of(expect_ok(describe_snapshots(h.world, h.caller, r))) ==
        std::vector<SnapshotId>{mine.id});
  r.restorable_by = {"nobody"};
  expect_error(describe_snapshots(h.world, h.caller, r), "InvalidUserID.Malformed");
}

TEST_CASE("DescribeSnapshots by ID leaves out invisible ones and rejects unknown ones") {
  test::Harness h;
  const Caller other = h.as(kOther);
  const SnapshotId mine = snap(h, h.caller, new_volume(h, h.caller)).id;
  const SnapshotId hidden = snap(h, other, new_volume(h, other)).id;
  DescribeSnapshotsRequest r;
  r.snapshot_ids = {hidden, mine};
  CHECK(ids_of(expect_ok(describe_snapshots(h.world, h.caller, r))) ==
        std::vector<SnapshotId>{mine});
  r.snapshot_ids = {SnapshotId("snap-0123456789abcdef0")};
  auto e = expect_error(describe_snapshots(h.world, h.caller, r), "InvalidSnapshot.NotFound");
  CHECK(e.message == "The snapshot 'snap-0123456789abcdef0' does not exist.");
  // Snapshots are Regional: the same ID is unknown in another Region.
  r.snapshot_ids = {mine};
  expect_error(describe_snapshots(h.world, h.in("us-west-2"), r), "InvalidSnapshot.NotFound");
}

TEST_CASE("DescribeSnapshots filters by status, volume, description, size and tags") {
  test::Harness h;
  Volume& v = new_volume(h, h.caller, 30);
  Snapshot& a = snap(h, h.caller, v, "golden base");
  h.settle();
  Snapshot& b = snap(h, h.caller, v, "nightly");
  b.tags["team"] = "web";
  auto ids = [&](std::vector<Filter> filters) {
    DescribeSnapshotsRequest r;
    r.owner_ids = {"self"};
    r.filters = std::move(filters);
    return ids_of(expect_ok(describe_snapshots(h.world, h.caller, r)));
  };
  CHECK(ids({{"status", {"pending"}}}) == std::vector<SnapshotId>{b.id});
  CHECK(ids({{"status", {"completed"}}}) == std::vector<SnapshotId>{a.id});
  CHECK(ids({{"description", {"golden*"}}}) == std::vector<SnapshotId>{a.id});
  CHECK(ids({{"volume-id", {v.id.str()}}, {"volume-size", {"30"}}}).size() == 2);
  CHECK(ids({{"tag:team", {"web"}}}) == std::vector<SnapshotId>{b.id});
  CHECK(ids({{"tag-key", {"team"}}}) == std::vector<SnapshotId>{b.id});
  CHECK(ids({{"owner-id", {h.caller.account.str()}}, {"encrypted", {"false"}}}).size() == 2);
  CHECK(ids({{"storage-tier", {"archive"}}}).empty());
  CHECK(ids({{"progress", {"100%"}}}) == std::vector<SnapshotId>{a.id});
  DescribeSnapshotsRequest bad;
  bad.filters = {{"colour", {"red"}}};
  expect_error(describe_snapshots(h.world, h.caller, bad), "InvalidFilter");
}

TEST_CASE("DescribeSnapshots pages with MaxResults 5 to 1000") {
  test::Harness h;
  Volume& v = new_volume(h, h.caller);
  for (int n = 0; n < 6; ++n) snap(h, h.caller, v);
  DescribeSnapshotsRequest r;
  r.owner_ids = {"self"};
  r.page.max_results = 5;
  auto first = expect_ok(describe_snapshots(h.world, h.caller, r));
  CHECK(first.snapshots.size() == 5);
  REQUIRE_FALSE(first.next_token.empty());
  r.page.next_token = first.next_token;
  auto second = expect_ok(describe_snapshots(h.world, h.caller, r));
  CHECK(second.snapshots.size() == 1);
  CHECK(second.next_token.empty());
  r.page = {};
  r.page.max_results = 4;
  auto e = expect_error(describe_snapshots(h.world, h.caller, r), "InvalidParameterValue");
  CHECK(e.message ==
        "Value ( 4 ) for parameter maxResults is invalid. Expecting a value greater than 5.");
  r.page.max_results = 10;
  r.snapshot_ids = {first.snapshots[0]->id};
  expect_error(describe_snapshots(h.world, h.caller, r), "InvalidParameterCombination");
}

TEST_CASE("ModifySnapshotAttribute shares with accounts and with everyone, and takes it back") {
  test::Harness h;
  Snapshot& s = snap(h, h.caller, new_volume(h, h.caller));
  const Caller other = h.as(kOther);
  ModifySnapshotAttributeRequest r{s.id, "createVolumePermission", "add", {AccountId(kOther)}, {},
                                   false};
  expect_ok(modify_snapshot_attribute(h.world, h.caller, r));
  CHECK(snapshot_visible_to(h.world.region_of(h.caller), s, other.account));
  CHECK(find_visible_snapshot(h.world, other, s.id) == &s);
  auto attr =
      expect_ok(describe_snapshot_attribute(h.world, h.caller, s.id, "createVolumePermission"));
  CHECK(attr.user_ids == std::vector<AccountId>{AccountId(kOther)});
  CHECK_FALSE(attr.is_public);
  r.operation_type = "remove";
  expect_ok(modify_snapshot_attribute(h.world, h.caller, r));
  CHECK_FALSE(snapshot_visible_to(h.world.region_of(h.caller), s, other.account));
  r = {s.id, "createVolumePermission", "add", {}, {"all"}, false};
  expect_ok(modify_snapshot_attribute(h.world, h.caller, r));
  CHECK(s.is_public);
  CHECK(snapshot_visible_to(h.world.region_of(h.caller), s, AccountId("999999999999")));
  r.operation_type = "remove";
  expect_ok(modify_snapshot_attribute(h.world, h.caller, r));
  CHECK_FALSE(s.is_public);
}

TEST_CASE("ModifySnapshotAttribute checks its input and the owner") {
  test::Harness h;
  Snapshot& s = snap(h, h.caller, new_volume(h, h.caller));
  ModifySnapshotAttributeRequest r{s.id, "createVolumePermission", "add", {AccountId("12")}, {},
                                   false};
  expect_error(modify_snapshot_attribute(h.world, h.caller, r), "InvalidUserID.Malformed");
  r = {s.id, "createVolumePermission", "add", {}, {"friends"}, false};
  expect_error(modify_snapshot_attribute(h.world, h.caller, r), "InvalidParameterValue");
  r = {s.id, "createVolumePermission", "replace", {}, {"all"}, false};
  expect_error(modify_snapshot_attribute(h.world, h.caller, r), "InvalidParameterValue");
  r = {s.id, "productCodes", "add", {}, {"all"}, false};
  expect_error(modify_snapshot_attribute(h.world, h.caller, r), "InvalidParameterValue");
  r = {s.id, "createVolumePermission", "add", {}, {"all"}, false};
  expect_error(modify_snapshot_attribute(h.world, h.as(kOther), r), "InvalidSnapshot.NotFound");
  r.dry_run = true;
  expect_error(modify_snapshot_attribute(h.world, h.caller, r), "DryRunOperation");
  CHECK_FALSE(s.is_public);
}

TEST_CASE("A stale snapshot event is ignored") {
  test::Harness h;
  Snapshot& s = snap(h, h.caller, new_volume(h, h.caller));
  Event stale;
  stale.kind = EventKind::kSnapshotCompleted;
  stale.region = h.caller.region;
  stale.target = s.id.str();
  stale.seq = s.pending_seq + 1000;
  on_snapshot_event(h.world, stale);
  CHECK(s.state == SnapshotState::kPending);
}

TEST_CASE("image_using_snapshot finds registered images, ignoring deregistered ones") {
  test::Harness h;
  Snapshot& s = snap(h, h.caller, new_volume(h, h.caller));
  const RegionState& region = h.world.region_of(h.caller);
  CHECK(image_using_snapshot(region, s.id) == nullptr);
  Image& image = image_using(h, s.id, ImageState::kPending);
  CHECK(image_using_snapshot(region, s.id) == &image);
  image.state = ImageState::kDeregistered;
  CHECK(image_using_snapshot(region, s.id) == nullptr);
}

TEST_CASE("take_snapshot gives pool orders in creation order and creates the owner's account") {
  test::Harness h;
  Volume& v = new_volume(h, h.caller);
  RegionState& region = h.world.region_of(h.caller);
  const AccountId fresh("444455556666");
  REQUIRE_FALSE(h.world.has_account(fresh));
  Snapshot& a = take_snapshot(h.world, region, v, h.caller.account, "a");
  Snapshot& b = take_snapshot(h.world, region, v, fresh, "Created by CreateImage");
  CHECK(b.pool_order > a.pool_order);
  CHECK(h.world.has_account(fresh));
  CHECK(region.accounts.count(fresh) == 1);
  CHECK(b.description == "Created by CreateImage");
}

TEST_CASE("Snapshot and volume states read as the EC2 API writes them") {
  CHECK(to_string(SnapshotState::kPending) == "pending");
  CHECK(to_string(SnapshotState::kCompleted) == "completed");
  CHECK(to_string(SnapshotState::kError) == "error");
  CHECK(to_string(SnapshotState::kRecoverable) == "recoverable");
  CHECK(to_string(SnapshotState::kRecovering) == "recovering");
  CHECK(to_string(VolumeState::kCreating) == "creating");
  CHECK(to_string(VolumeState::kAvailable) == "available");
  CHECK(to_string(VolumeState::kInUse) == "in-use");
  CHECK(to_string(VolumeState::kDeleting) == "deleting");
  CHECK(to_string(VolumeState::kDeleted) == "deleted");
  CHECK(to_string(VolumeState::kError) == "error");
}
