// Snapshot locks and block public access for snapshots (sim/ebs/snapshot_locks.hpp,
// sim/ebs/snapshot_block_public_access.hpp; docs/aws-facts.md §L, §B). Two suites:
//   "nothing locked is ever deleted": random locks (governance, compliance with and without a
//   cooling-off period, by duration or date), unlocks, DeleteSnapshot, DeregisterImage with
//   DeleteAssociatedSnapshots and clock moves; after every step (a) no snapshot whose lock had
//   not expired when a delete was asked for has gone, (b) a compliance lock past its cool-off
//   never ends sooner than it did and is never removed before it expires;
//   "public sharing never appears while blocked": random public and account shares, unshares
//   and block public access settings; after every step (c) under block-new-sharing or
//   block-all-sharing no snapshot of the owner became public, (d) under block-all-sharing no
//   other account sees any of the owner's public snapshots, (e) otherwise every public snapshot
//   is seen by the other account.
#include <rapidcheck/catch.h>

#include <catch2/catch.hpp>
#include <map>
#include <set>

#include "harness.hpp"
#include "sim/ebs/snapshot_block_public_access.hpp"
#include "sim/ebs/snapshot_locks.hpp"
#include "sim/ebs/snapshots.hpp"
#include "sim/ebs/volumes.hpp"
#include "sim/images/images.hpp"
#include "sim/timeline.hpp"
#include "steps.hpp"
#include "unity_id.hpp"

namespace AMISIM_UNITY_ID {

using namespace sim;
using test::props::nth;

namespace {

// --- shared: a volume per account to take snapshots of ----------------------------------------

struct World2 {
  test::Harness h{1};
  std::vector<Caller> callers;
  std::vector<VolumeId> volumes;  // one per account

  World2() {
    for (const auto& a : test::props::kAccounts) callers.push_back(h.as(a));
    for (const Caller& c : callers) {
      CreateVolumeRequest r;
      r.zone = ZoneName("us-east-1a");
      r.size_gib = 1;
      volumes.push_back(expect_volume(create_volume(h.world, c, r)));
    }
    h.advance(kVolumeCreateMs);
  }
  static VolumeId expect_volume(const Result<const Volume*>& v) {
    RC_ASSERT(v.ok());
    return (*v)->id;
  }
  RegionState& region() { return h.world.region_of(callers[0]); }
  const Caller& caller(int account) { return callers[static_cast<std::size_t>(account) % 2]; }
  // A new snapshot of `account`'s volume (pending until the clock moves 20 s).
  std::string snapshot(int account, std::vector<SnapshotId>& into) {
    const Caller& c = caller(account);
    auto s = create_snapshot(
        h.world, c,
        CreateSnapshotRequest{volumes[static_cast<std::size_t>(account) % 2], "", {}, false});
    RC_ASSERT(s.ok());
    into.push_back((*s)->id);
    return "snapshot " + (*s)->id.str();
  }
};

// --- nothing locked is ever deleted ----------------------------------------------------------

enum class LockOp : int { kSnapshot, kLock, kUnlock, kDelete, kDeregister, kAdvance };
constexpr int kLockOps = 6;

std::string_view op_name(LockOp op) {
  static constexpr std::string_view kNames[] = {"snapshot", "lock",       "unlock",
                                                "delete",   "deregister", "advance"};
  static_assert(std::size(kNames) == kLockOps);
  return kNames[static_cast<std::size_t>(op)];
}

class LockDriver {
 public:
  std::string apply(const test::props::Step<LockOp>& s);
  void check();

 private:
  Snapshot* pick(int n) {
    const SnapshotId* id = nth(ids_, n);
    if (!id) return nullptr;
    auto it = w_.region().snapshots.find(*id);
    return it == w_.region().snapshots.end() ? nullptr : &it->second;
  }
  std::string lock_op(const test::props::Step<LockOp>& s);
  std::string deregister_op(const test::props::Step<LockOp>& s);
  // The snapshots locked now: a delete asked for now must leave them all.
  std::set<SnapshotId> locked_now() const;
  void expect_all_remain(const std::set<SnapshotId>& locked) const;

  World2 w_;
  std::vector<SnapshotId> ids_;
  std::map<SnapshotId, TimeMs> compliance_ends_;  // past their cool-off: the end seen last
};

std::set<SnapshotId> LockDriver::locked_now() const {
  std::set<SnapshotId> out;
  for (const auto& [id, s] : w_.h.world.region_of(w_.callers[0]).snapshots) {
    if (snapshot_locked(s, w_.h.world.now())) out.insert(s.id);
  }
  return out;
}

void LockDriver::expect_all_remain(const std::set<SnapshotId>& locked) const {
  const auto& snapshots = w_.h.world.region_of(w_.callers[0]).snapshots;
  for (const SnapshotId& id : locked) RC_ASSERT(snapshots.count(id) == 1);  // (a)
}

// amount: days (1-3) or, odd variant, an expiration date that many days ahead; variant: the mode
// (bit 0: compliance), the cool-off (bits 1-2: none, 1 h, 24 h, 72 h).
std::string LockDriver::lock_op(const test::props::Step<LockOp>& s) {
  Snapshot* snap = pick(s.pick);
  if (!snap) return "no snapshot";
  LockSnapshotRequest r;
  r.snapshot_id = snap->id;
  r.lock_mode = (s.variant & 1) ? "compliance" : "governance";
  if (s.variant & 8) {
    r.expiration_date = w_.h.world.now() + s.amount * kDayMs + kHourMs;
  } else {
    r.lock_duration_days = s.amount;
  }
  static constexpr int kCoolOff[] = {0, 1, 24, 72};
  if (const int hours = kCoolOff[(s.variant >> 1) & 3]; hours) r.cool_off_hours = hours;
  return "lock " + test::props::outcome(lock_snapshot(w_.h.world, w_.caller(s.account), r));
}

std::string LockDriver::deregister_op(const test::props::Step<LockOp>& s) {
  Snapshot* snap = pick(s.pick);
  if (!snap || snap->owner != w_.callers[0].account) return "no own snapshot";
  Image& image = test::image_using(w_.h, snap->id, ImageState::kAvailable);
  const std::set<SnapshotId> locked = locked_now();
  auto out = deregister_image(w_.h.world, w_.callers[0], image.id, true, false);
  RC_ASSERT(out.ok());  // a lock never stops the AMI's deregistration
  expect_all_remain(locked);
  return "deregister " + (out->deleted_snapshots.empty() ? std::string("-")
                                                         : out->deleted_snapshots[0].return_code);
}

std::string LockDriver::apply(const test::props::Step<LockOp>& s) {
  switch (s.op) {
    case LockOp::kSnapshot:
      return w_.snapshot(s.account, ids_);
    case LockOp::kLock:
      return lock_op(s);
    case LockOp::kUnlock: {
      Snapshot* snap = pick(s.pick);
      if (!snap) return "no snapshot";
      return "unlock " +
             test::props::outcome(unlock_snapshot(w_.h.world, w_.caller(s.account), snap->id));
    }
    case LockOp::kDelete: {
      Snapshot* snap = pick(s.pick);
      if (!snap) return "no snapshot";
      const std::set<SnapshotId> locked = locked_now();
      const std::string out =
          test::props::outcome(delete_snapshot(w_.h.world, w_.caller(s.account), snap->id));
      expect_all_remain(locked);
      return "delete " + out;
    }
    case LockOp::kDeregister:
      return deregister_op(s);
    case LockOp::kAdvance:
      advance_by(w_.h.world, s.amount * 11 * kHourMs);
      return "advance";
  }
  return "?";
}

void LockDriver::check() {
  const TimeMs now = w_.h.world.now();
  for (const auto& [id, s] : w_.region().snapshots) {
    auto seen = compliance_ends_.find(id);
    if (seen != compliance_ends_.end() && seen->second > now) {
      RC_ASSERT(s.lock.has_value());  // (b) never removed before it ends
      RC_ASSERT(s.lock->mode == LockMode::kCompliance);
      RC_ASSERT(s.lock->expires_on >= seen->second);  // (b) never sooner
    }
    if (s.lock && s.lock->expires_on != 0 &&
        snapshot_lock_state(*s.lock, now) == LockState::kCompliance)
      compliance_ends_[id] = s.lock->expires_on;
  }
  for (const auto& [id, end] : compliance_ends_) {
    if (end > now) RC_ASSERT(w_.region().snapshots.count(id) == 1);  // (a) again
  }
}

// --- public sharing never appears while blocked ---------------------------------------------

enum class ShareOp : int { kSnapshot, kSharePublic, kUnshare, kShareAccount, kSetting, kAdvance };
constexpr int kShareOps = 6;

std::string_view op_name(ShareOp op) {
  static constexpr std::string_view kNames[] = {"snapshot",      "share-public", "unshare",
                                                "share-account", "setting",      "advance"};
  static_assert(std::size(kNames) == kShareOps);
  return kNames[static_cast<std::size_t>(op)];
}

class ShareDriver {
 public:
  std::string apply(const test::props::Step<ShareOp>& s);
  void check();

 private:
  std::string modify(const test::props::Step<ShareOp>& s, std::string operation,
                     std::vector<std::string> groups, std::vector<AccountId> users);
  std::string setting_op(const test::props::Step<ShareOp>& s);

  World2 w_;
  std::vector<SnapshotId> ids_;
};

std::string ShareDriver::modify(const test::props::Step<ShareOp>& s, std::string operation,
                                std::vector<std::string> groups, std::vector<AccountId> users) {
  const SnapshotId* id = nth(ids_, s.pick);
  if (!id) return "no snapshot";
  const Snapshot& snap = w_.region().snapshots.at(*id);
  const bool was_public = snap.is_public;
  const bool blocked = snapshot_block_public_access(w_.region(), snap.owner) !=
                       SnapshotBlockPublicAccess::kUnblocked;
  ModifySnapshotAttributeRequest r{
      *id,  "createVolumePermission", std::move(operation), std::move(users), std::move(groups),
      false};
  const std::string out =
      test::props::outcome(modify_snapshot_attribute(w_.h.world, w_.caller(s.account), r));
  if (blocked && !was_public) RC_ASSERT(!snap.is_public);  // (c)
  return out;
}

std::string ShareDriver::setting_op(const test::props::Step<ShareOp>& s) {
  const Caller& c = w_.caller(s.account);
  switch (s.variant % 3) {
    case 0:
      return test::props::outcome(disable_snapshot_block_public_access(w_.h.world, c));
    case 1:
      return test::props::outcome(
          enable_snapshot_block_public_access(w_.h.world, c, "block-new-sharing"));
    default:
      return test::props::outcome(
          enable_snapshot_block_public_access(w_.h.world, c, "block-all-sharing"));
  }
}

std::string ShareDriver::apply(const test::props::Step<ShareOp>& s) {
  switch (s.op) {
    case ShareOp::kSnapshot:
      return w_.snapshot(s.account, ids_);
    case ShareOp::kSharePublic:
      return "share " + modify(s, "add", {"all"}, {});
    case ShareOp::kUnshare:
      return "unshare " + modify(s, "remove", {"all"}, {test::props::account(s.account + 1)});
    case ShareOp::kShareAccount:
      return "share-account " + modify(s, "add", {}, {test::props::account(s.account + 1)});
    case ShareOp::kSetting:
      return "setting " + setting_op(s);
    case ShareOp::kAdvance:
      advance_by(w_.h.world, s.amount * kMinuteMs);
      return "advance";
  }
  return "?";
}

void ShareDriver::check() {
  const RegionState& region = w_.region();
  for (int owner = 0; owner < 2; ++owner) {
    const Caller& stranger = w_.caller(owner + 1);
    const AccountId& owner_id = w_.caller(owner).account;
    const bool all_blocked = snapshot_block_public_access(region, owner_id) ==
                             SnapshotBlockPublicAccess::kBlockAllSharing;
    DescribeSnapshotsRequest r;
    r.owner_ids = {owner_id.str()};
    r.restorable_by = {"all"};
    auto seen = describe_snapshots(w_.h.world, stranger, r);
    RC_ASSERT(seen.ok());
    std::size_t public_count = 0;
    for (const auto& [id, s] : region.snapshots) {
      if (s.owner != owner_id || !s.is_public) continue;
      ++public_count;
      const bool shared = s.create_volume_permissions.count(stranger.account) != 0;
      const bool visible = find_visible_snapshot(w_.h.world, stranger, s.id) != nullptr;
      if (all_blocked) RC_ASSERT(visible == shared);  // (d)
      if (!all_blocked) RC_ASSERT(visible);           // (e)
    }
    RC_ASSERT(seen->snapshots.size() == (all_blocked ? 0 : public_count));  // (d), (e)
  }
}

}  // namespace

TEST_CASE("Snapshot locks: nothing locked is ever deleted") {
  rc::prop("locks, unlocks, deletes, deregistrations and time never delete a locked snapshot", [] {
    LockDriver d;
    test::props::run(d, *test::props::steps<LockOp>({.op = test::props::any_of<LockOp>(kLockOps),
                                                     .accounts = 2,
                                                     .picks = 8,
                                                     .amount = rc::gen::inRange(1, 4),
                                                     .variant = rc::gen::inRange(0, 16)}));
  });
}

TEST_CASE("Snapshot block public access: public sharing never appears while blocked") {
  rc::prop("shares and settings never make a snapshot public while blocked", [] {
    ShareDriver d;
    test::props::run(d, *test::props::steps<ShareOp>({.op = test::props::any_of<ShareOp>(kShareOps),
                                                      .accounts = 2,
                                                      .picks = 8,
                                                      .amount = rc::gen::inRange(0, 60),
                                                      .variant = rc::gen::inRange(0, 3)}));
  });
}

}  // namespace AMISIM_UNITY_ID
