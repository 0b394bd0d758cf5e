// EBS snapshot lock (sim/ebs/snapshot_locks.hpp). Facts: docs/aws-facts.md §L (APIREF:LockSnapshot,
// APIREF:UnlockSnapshot, EBSUG:snapshot-lock-concepts, EBSUG:update-snapshot-lock). Dates are
// worked by hand from the world's start, 2026-01-01T00:00:00Z: every lock below is taken at
// 01:00 that day.
#include "sim/ebs/snapshot_locks.hpp"

#include "harness.hpp"
#include "sim/ebs/snapshots.hpp"
#include "sim/ebs/volumes.hpp"
#include "sim/images/images.hpp"

using namespace sim;
using test::expect_error;
using test::expect_ok;

namespace {

using test::kOther;

TimeMs time_at(const std::string& iso) { return *parse_iso8601(iso); }
std::string iso(TimeMs t) { return format_iso8601(t); }

// A snapshot of a new volume with 8 written blocks; completed unless `pending`.
Snapshot& lockable_snapshot(test::Harness& h, bool pending = false) {
  CreateVolumeRequest v;
  v.zone = ZoneName("us-east-1a");
  v.size_gib = 10;
  const VolumeId vid = expect_ok(create_volume(h.world, h.caller, v))->id;
  h.advance(kVolumeCreateMs);
  write_to_volume(h.world, *find_volume(h.world, h.caller, vid), 8 * kBlockBytes);
  const SnapshotId id =
      expect_ok(create_snapshot(h.world, h.caller, CreateSnapshotRequest{vid, "", {}, false}))->id;
  if (!pending) h.settle();
  return h.world.region_of(h.caller).snapshots.at(id);
}

// Moves the clock to 2026-01-01T01:00:00Z, where the tests lock.
void one_am(test::Harness& h) { advance_to(h.world, time_at("2026-01-01T01:00:00.000Z")); }

LockSnapshotRequest lock_request(const Snapshot& s, std::string mode, std::optional<int> days,
                                 std::optional<int> cool_off = std::nullopt) {
  LockSnapshotRequest r;
  r.snapshot_id = s.id;
  r.lock_mode = std::move(mode);
  r.lock_duration_days = days;
  r.cool_off_hours = cool_off;
  return r;
}

std::string state(const test::Harness& h, const Snapshot& s) {
  return std::string(to_string(snapshot_lock_state(*s.lock, h.world.now())));
}

}  // namespace

TEST_CASE("A governance lock for 30 days taken at T expires at T+30d and blocks deletion until") {
  test::Harness h;
  Snapshot& s = lockable_snapshot(h);
  one_am(h);
  expect_ok(lock_snapshot(h.world, h.caller, lock_request(s, "governance", 30)));
  REQUIRE(s.lock);
  CHECK(iso(s.lock->created_on) == "2026-01-01T01:00:00.000Z");
  CHECK(iso(s.lock->duration_start) == "2026-01-01T01:00:00.000Z");
  CHECK(iso(s.lock->expires_on) == "2026-01-31T01:00:00.000Z");
  CHECK(s.lock->cool_off_expires_on == 0);
  CHECK(state(h, s) == "governance");
  Error e = expect_error(delete_snapshot(h.world, h.caller, s.id), "SnapshotLocked");
  CHECK(e.message.find(s.id.str()) != std::string::npos);
  advance_to(h.world, time_at("2026-01-31T00:59:59.999Z"));
  expect_error(delete_snapshot(h.world, h.caller, s.id), "SnapshotLocked");
  advance_to(h.world, time_at("2026-01-31T01:00:00.000Z"));
  CHECK(state(h, s) == "expired");
  const SnapshotId id = s.id;
  expect_ok(delete_snapshot(h.world, h.caller, id));
  CHECK(h.world.region_of(h.caller).snapshots.count(id) == 0);
}

TEST_CASE("A governance lock can be unlocked, shortened or made compliance at any time") {
  test::Harness h;
  Snapshot& s = lockable_snapshot(h);
  one_am(h);
  expect_ok(lock_snapshot(h.world, h.caller, lock_request(s, "governance", 30)));
  h.advance(kDayMs);  // 2026-01-02T01:00
  expect_ok(lock_snapshot(h.world, h.caller, lock_request(s, "governance", 1)));
  // The new duration counts from this call; the lock keeps its creation time.
  CHECK(iso(s.lock->expires_on) == "2026-01-03T01:00:00.000Z");
  CHECK(iso(s.lock->created_on) == "2026-01-01T01:00:00.000Z");
  expect_ok(lock_snapshot(h.world, h.caller, lock_request(s, "compliance", 1, 2)));
  CHECK(state(h, s) == "compliance-cooloff");
  CHECK(iso(s.lock->cool_off_expires_on) == "2026-01-02T03:00:00.000Z");
  expect_ok(unlock_snapshot(h.world, h.caller, s.id));
  CHECK_FALSE(s.lock);
  expect_ok(lock_snapshot(h.world, h.caller, lock_request(s, "governance", 5)));
  expect_ok(unlock_snapshot(h.world, h.caller, s.id));
  expect_ok(delete_snapshot(h.world, h.caller, s.id));
}

TEST_CASE(
    "A compliance lock with a 24 h cool-off is compliance-cooloff until T+24h, then compliance") {
  test::Harness h;
  Snapshot& s = lockable_snapshot(h);
  one_am(h);
  expect_ok(lock_snapshot(h.world, h.caller, lock_request(s, "compliance", 30, 24)));
  CHECK(s.lock->cool_off_hours == 24);
  CHECK(iso(s.lock->cool_off_expires_on) == "2026-01-02T01:00:00.000Z");
  CHECK(iso(s.lock->expires_on) == "2026-01-31T01:00:00.000Z");
  CHECK(state(h, s) == "compliance-cooloff");
  expect_error(delete_snapshot(h.world, h.caller, s.id), "SnapshotLocked");
  advance_to(h.world, time_at("2026-01-02T00:59:59.999Z"));
  CHECK(state(h, s) == "compliance-cooloff");
  advance_to(h.world, time_at("2026-01-02T01:00:00.000Z"));
  CHECK(state(h, s) == "compliance");
  const std::string before = h.world.digest();
  Error e = expect_error(unlock_snapshot(h.world, h.caller, s.id), "IncorrectState");
  CHECK(e.message.find("can't be unlocked") != std::string::npos);
  expect_error(delete_snapshot(h.world, h.caller, s.id), "SnapshotLocked");
  CHECK(h.world.digest() == before);
  advance_to(h.world, time_at("2026-01-31T01:00:00.000Z"));
  CHECK(state(h, s) == "expired");
  expect_ok(delete_snapshot(h.world, h.caller, s.id));
}

TEST_CASE("During the cool-off a compliance lock can be unlocked, shortened or made governance") {
  test::Harness h;
  Snapshot& s = lockable_snapshot(h);
  one_am(h);
  expect_ok(lock_snapshot(h.world, h.caller, lock_request(s, "compliance", 30, 24)));
  h.advance(kHourMs);  // 02:00
  // Omitting CoolOffPeriod keeps the running one; a shorter duration counts from now.
  expect_ok(lock_snapshot(h.world, h.caller, lock_request(s, "compliance", 2)));
  CHECK(state(h, s) == "compliance-cooloff");
  CHECK(iso(s.lock->cool_off_expires_on) == "2026-01-02T01:00:00.000Z");
  CHECK(iso(s.lock->expires_on) == "2026-01-03T02:00:00.000Z");
  expect_ok(
      lock_snapshot(h.world, h.caller, lock_request(s, "compliance", 2, 1)));  // cool-off to 03:00
  CHECK(iso(s.lock->cool_off_expires_on) == "2026-01-01T03:00:00.000Z");
  expect_ok(lock_snapshot(h.world, h.caller, lock_request(s, "governance", 2)));
  CHECK(state(h, s) == "governance");
  CHECK(s.lock->cool_off_hours == 0);
  expect_ok(lock_snapshot(h.world, h.caller, lock_request(s, "compliance", 2, 72)));
  expect_ok(unlock_snapshot(h.world, h.caller, s.id));
  CHECK_FALSE(s.lock);
}

TEST_CASE("After the cool-off a compliance lock can only be extended") {
  test::Harness h;
  Snapshot& s = lockable_snapshot(h);
  one_am(h);
  expect_ok(lock_snapshot(h.world, h.caller, lock_request(s, "compliance", 30)));  // no cool-off
  CHECK(state(h, s) == "compliance");
  h.advance(10 * kDayMs);  // 2026-01-11T01:00; the lock expires 2026-01-31T01:00
  const std::string before = h.world.digest();
  // 19 days from now ends before the 31st: shorter.
  expect_error(lock_snapshot(h.world, h.caller, lock_request(s, "compliance", 19)),
               "IncorrectState");
  expect_error(lock_snapshot(h.world, h.caller, lock_request(s, "governance", 60)),
               "IncorrectState");
  expect_error(lock_snapshot(h.world, h.caller, lock_request(s, "compliance", 60, 1)),
               "IncorrectState");
  LockSnapshotRequest earlier = lock_request(s, "compliance", std::nullopt);
  earlier.expiration_date = time_at("2026-01-30T00:00:00.000Z");
  expect_error(lock_snapshot(h.world, h.caller, earlier), "IncorrectState");
  CHECK(h.world.digest() == before);
  // 20 days from now is the same end; 21 days is a day later.
  expect_ok(lock_snapshot(h.world, h.caller, lock_request(s, "compliance", 20)));
  expect_ok(lock_snapshot(h.world, h.caller, lock_request(s, "compliance", 21)));
  CHECK(iso(s.lock->expires_on) == "2026-02-01T01:00:00.000Z");
  CHECK(iso(s.lock->created_on) == "2026-01-01T01:00:00.000Z");
  LockSnapshotRequest later = lock_request(s, "compliance", std::nullopt);
  later.expiration_date = time_at("2027-01-01T00:00:00.000Z");
  expect_ok(lock_snapshot(h.world, h.caller, later));
  CHECK(iso(s.lock->expires_on) == "2027-01-01T00:00:00.000Z");
  CHECK(s.lock->duration_days == 0);
  CHECK(state(h, s) == "compliance");
}

TEST_CASE("A lock on a pending snapshot starts its duration when the snapshot completes") {
  test::Harness h;
  Snapshot& s = lockable_snapshot(h, /*pending=*/true);
  REQUIRE(s.state == SnapshotState::kPending);
  const TimeMs locked_at = h.world.now();
  expect_ok(lock_snapshot(h.world, h.caller, lock_request(s, "governance", 7)));
  CHECK(s.lock->duration_start == 0);
  CHECK(s.lock->expires_on == 0);
  CHECK(s.lock->created_on == locked_at);
  CHECK(state(h, s) == "governance");
  expect_error(delete_snapshot(h.world, h.caller, s.id), "SnapshotLocked");
  h.settle();
  REQUIRE(s.state == SnapshotState::kCompleted);
  CHECK(s.lock->duration_start == s.completion_time);
  CHECK(s.lock->expires_on == s.completion_time + 7 * kDayMs);
}

TEST_CASE("An expired lock no longer holds, and locking again makes a new lock") {
  test::Harness h;
  Snapshot& s = lockable_snapshot(h);
  one_am(h);
  expect_ok(lock_snapshot(h.world, h.caller, lock_request(s, "compliance", 1)));
  h.advance(kDayMs);
  CHECK(state(h, s) == "expired");
  CHECK_FALSE(snapshot_locked(s, h.world.now()));
  expect_ok(check_snapshot_deletable(s, h.world.now()));
  expect_ok(lock_snapshot(h.world, h.caller, lock_request(s, "governance", 1)));
  CHECK(iso(s.lock->created_on) == "2026-01-02T01:00:00.000Z");
  CHECK(state(h, s) == "governance");
}

TEST_CASE(
    "UnlockSnapshot of a snapshot with no lock is IncorrectState, an expired lock is removed") {
  test::Harness h;
  Snapshot& s = lockable_snapshot(h);
  expect_error(unlock_snapshot(h.world, h.caller, s.id), "IncorrectState");
  expect_ok(lock_snapshot(h.world, h.caller, lock_request(s, "compliance", 1)));
  h.advance(kDayMs);
  expect_ok(unlock_snapshot(h.world, h.caller, s.id));
  CHECK_FALSE(s.lock);
}

TEST_CASE("ExpirationDate must be in the future and at most 36,500 days away") {
  test::Harness h;
  Snapshot& s = lockable_snapshot(h);
  one_am(h);
  const std::string before = h.world.digest();
  LockSnapshotRequest r = lock_request(s, "governance", std::nullopt);
  r.expiration_date = time_at("2026-01-01T01:00:00.000Z");  // now: not in the future
  expect_error(lock_snapshot(h.world, h.caller, r), "InvalidParameterValue");
  r.expiration_date = time_at("2025-12-31T00:00:00.000Z");
  expect_error(lock_snapshot(h.world, h.caller, r), "InvalidParameterValue");
  r.expiration_date = time_at("2026-01-01T01:00:00.000Z") + 36500 * kDayMs + 1;
  expect_error(lock_snapshot(h.world, h.caller, r), "InvalidParameterValue");
  CHECK(h.world.digest() == before);
  r.expiration_date = time_at("2026-01-01T01:00:00.000Z") + 36500 * kDayMs;
  expect_ok(lock_snapshot(h.world, h.caller, r));
  CHECK(s.lock->duration_days == 0);
  CHECK(iso(s.lock->duration_start) == "2026-01-01T01:00:00.000Z");
}

TEST_CASE("LockSnapshot refuses bad input with the AWS codes and leaves the world unchanged") {
  test::Harness h;
  Snapshot& s = lockable_snapshot(h);
  const std::string before = h.world.digest();
  const auto refused = [&](LockSnapshotRequest r, const std::string& code) {
    INFO(code);
    expect_error(lock_snapshot(h.world, h.caller, r), code);
    CHECK(h.world.digest() == before);
  };
  refused(lock_request(s, "governance", 0), "InvalidParameterValue");
  refused(lock_request(s, "governance", 36501), "InvalidParameterValue");
  refused(lock_request(s, "compliance", 1, 0), "InvalidParameterValue");
  refused(lock_request(s, "compliance", 1, 73), "InvalidParameterValue");
  refused(lock_request(s, "governance", 1, 1), "InvalidParameterCombination");
  refused(lock_request(s, "governance", std::nullopt), "InvalidParameterCombination");
  LockSnapshotRequest both = lock_request(s, "governance", 1);
  both.expiration_date = h.world.now() + kDayMs;
  refused(both, "InvalidParameterCombination");
  refused(lock_request(s, "Governance", 1), "InvalidParameterValue");
  refused(lock_request(s, "", 1), "InvalidParameterValue");
  LockSnapshotRequest bad_id = lock_request(s, "governance", 1);
  bad_id.snapshot_id = SnapshotId("snap-xyz");
  refused(bad_id, "InvalidSnapshot.Malformed");
  bad_id.snapshot_id = SnapshotId("snap-0123456789abcdef0");
  refused(bad_id, "InvalidSnapshot.NotFound");
  // Another account's snapshot: not found while unshared, not its to lock once shared.
  const Caller other = h.as(kOther);
  const std::string with_other = h.world.digest();
  expect_error(lock_snapshot(h.world, other, lock_request(s, "governance", 1)),
               "InvalidSnapshot.NotFound");
  s.create_volume_permissions.insert(other.account);
  expect_error(lock_snapshot(h.world, other, lock_request(s, "governance", 1)),
               "UnauthorizedOperation");
  expect_error(unlock_snapshot(h.world, other, s.id), "UnauthorizedOperation");
  s.create_volume_permissions.clear();
  CHECK(h.world.digest() == with_other);
  CHECK_FALSE(s.lock);
}

TEST_CASE("Only pending or completed snapshots can be locked") {
  test::Harness h;
  Snapshot& s = lockable_snapshot(h);
  s.state = SnapshotState::kError;
  expect_error(lock_snapshot(h.world, h.caller, lock_request(s, "governance", 1)),
               "IncorrectState");
}

TEST_CASE("DeregisterImage with DeleteAssociatedSnapshots keeps a locked snapshot: client-error") {
  test::Harness h;
  Snapshot& locked = lockable_snapshot(h);
  Snapshot& free = lockable_snapshot(h);
  Image& image = test::image_using(h, locked.id, ImageState::kAvailable);
  BlockDeviceMapping second;
  second.device_name = "/dev/sdb";
  second.ebs = EbsBlockDevice{};
  second.ebs->snapshot_id = free.id;
  image.mappings.push_back(second);
  expect_ok(lock_snapshot(h.world, h.caller, lock_request(locked, "governance", 1)));
  const SnapshotId locked_id = locked.id, free_id = free.id;
  auto out = expect_ok(deregister_image(h.world, h.caller, image.id, true, false));
  REQUIRE(out.deleted_snapshots.size() == 2);
  CHECK(out.deleted_snapshots[0].snapshot_id == locked_id);
  CHECK(out.deleted_snapshots[0].return_code == "client-error");
  CHECK(out.deleted_snapshots[1].return_code == "success");
  CHECK(image.state == ImageState::kDeregistered);
  const auto& snapshots = h.world.region_of(h.caller).snapshots;
  CHECK(snapshots.count(locked_id) == 1);
  CHECK(snapshots.count(free_id) == 0);
}

TEST_CASE(
    "DescribeLockedSnapshots lists the locked snapshots of the caller by state, IDs and pages") {
  test::Harness h;
  Snapshot& a = lockable_snapshot(h);
  Snapshot& b = lockable_snapshot(h);
  Snapshot& c = lockable_snapshot(h);
  lockable_snapshot(h);  // never locked: never listed
  expect_ok(lock_snapshot(h.world, h.caller, lock_request(a, "governance", 1)));
  expect_ok(lock_snapshot(h.world, h.caller, lock_request(b, "compliance", 3, 1)));
  expect_ok(lock_snapshot(h.world, h.caller, lock_request(c, "compliance", 3)));
  DescribeLockedSnapshotsRequest r;
  CHECK(expect_ok(describe_locked_snapshots(h.world, h.caller, r)).snapshots.size() == 3);
  r.filters = {Filter{"lock-state", {"compliance-cooloff"}}};
  auto cooling = expect_ok(describe_locked_snapshots(h.world, h.caller, r));
  REQUIRE(cooling.snapshots.size() == 1);
  CHECK(cooling.snapshots[0]->id == b.id);
  h.advance(kDayMs);  // a expired, b's cool-off over
  r.filters = {Filter{"lock-state", {"expired", "compliance"}}};
  CHECK(expect_ok(describe_locked_snapshots(h.world, h.caller, r)).snapshots.size() == 3);
  r.filters = {Filter{"lock-state", {"governance"}}};
  CHECK(expect_ok(describe_locked_snapshots(h.world, h.caller, r)).snapshots.empty());
  r.filters.clear();
  r.snapshot_ids = {c.id, a.id};
  CHECK(expect_ok(describe_locked_snapshots(h.world, h.caller, r)).snapshots.size() == 2);
  // Another account sees none of them, and a named one of them is not found.
  const Caller other = h.as(kOther);
  expect_error(describe_locked_snapshots(h.world, other, r), "InvalidSnapshot.NotFound");
  CHECK(expect_ok(describe_locked_snapshots(h.world, other, {})).snapshots.empty());
  r.snapshot_ids.clear();
  r.page.max_results = 5;
  CHECK(expect_ok(describe_locked_snapshots(h.world, h.caller, r)).next_token.empty());
  r.page.max_results = 4;
  expect_error(describe_locked_snapshots(h.world, h.caller, r), "InvalidParameterValue");
  r.page.max_results = 1001;
  expect_error(describe_locked_snapshots(h.world, h.caller, r), "InvalidParameterValue");
  r.page.max_results.reset();
  r.filters = {Filter{"lock-mode", {"governance"}}};
  expect_error(describe_locked_snapshots(h.world, h.caller, r), "InvalidFilter");
}
