// EBS snapshot lock: LockSnapshot, UnlockSnapshot and DescribeLockedSnapshots — SDK-shaped JSON
// to sim/ebs/snapshot_locks.hpp and back, in the service model's result shapes
// (LockSnapshotResult, UnlockSnapshotResult, LockedSnapshotsInfo).
#include "sim/ebs/snapshot_locks.hpp"

#include "api/ec2/input.hpp"

namespace amisim::ec2 {
namespace {

std::optional<sim::TimeMs> opt_time(const Json& in, std::string_view key) {
  auto text = opt_string(in, key);
  if (!text) return std::nullopt;
  auto t = sim::parse_iso8601(*text);
  if (!t) fail(protocol::wire_errors::invalid_date_time(key, *text));
  return t;
}

// The lock's fields as LockSnapshotResult and LockedSnapshotsInfo write them: each time only
// once it is known, CoolOffPeriod only for a compliance lock that had one, LockDuration only for
// a lock made for a period [?] (a lock made until a date shows LockExpiresOn alone).
void put_lock(Json& out, const sim::Snapshot& s, sim::TimeMs now) {
  const sim::SnapshotLock& lock = *s.lock;
  out["LockState"] = std::string(sim::to_string(sim::snapshot_lock_state(lock, now)));
  if (lock.duration_days != 0) out["LockDuration"] = lock.duration_days;
  if (lock.cool_off_hours != 0) {
    out["CoolOffPeriod"] = lock.cool_off_hours;
    out["CoolOffPeriodExpiresOn"] = time_json(lock.cool_off_expires_on);
  }
  out["LockCreatedOn"] = time_json(lock.created_on);
  if (lock.duration_start != 0) out["LockDurationStartTime"] = time_json(lock.duration_start);
  if (lock.expires_on != 0) out["LockExpiresOn"] = time_json(lock.expires_on);
}

Json lock_snapshot(sim::World& world, const sim::Caller& caller, const Json& in) {
  sim::LockSnapshotRequest r;
  r.snapshot_id = sim::SnapshotId(required_string(in, "SnapshotId"));
  r.lock_mode = required_string(in, "LockMode");
  r.cool_off_hours = opt_int32(in, "CoolOffPeriod");
  r.lock_duration_days = opt_int32(in, "LockDuration");
  r.expiration_date = opt_time(in, "ExpirationDate");
  r.dry_run = dry_run(in);
  const sim::Snapshot* s = unwrap(sim::lock_snapshot(world, caller, r));
  Json out = {{"SnapshotId", s->id.str()}};
  put_lock(out, *s, world.now());
  return out;
}

Json unlock_snapshot(sim::World& world, const sim::Caller& caller, const Json& in) {
  const sim::SnapshotId id(required_string(in, "SnapshotId"));
  unwrap(sim::unlock_snapshot(world, caller, id, dry_run(in)));
  return {{"SnapshotId", id.str()}};
}

Json describe_locked_snapshots(sim::World& world, const sim::Caller& caller, const Json& in) {
  sim::DescribeLockedSnapshotsRequest r;
  for (const auto& id : strings(in, "SnapshotIds")) r.snapshot_ids.emplace_back(id);
  r.filters = filters(in);
  r.page = page(in);
  const sim::World& view = world;
  auto found = unwrap(sim::describe_locked_snapshots(view, caller, r));
  Json list = Json::array();
  for (const sim::Snapshot* s : found.snapshots) {
    Json item = {{"OwnerId", s->owner.str()}, {"SnapshotId", s->id.str()}};
    put_lock(item, *s, view.now());
    list.push_back(std::move(item));
  }
  Json out = {{"Snapshots", std::move(list)}};
  put_nonempty(out, "NextToken", found.next_token);
  return out;
}

constexpr HandlerEntry kSnapshotLockHandlers[] = {
    {"DescribeLockedSnapshots", describe_locked_snapshots, false},
    {"LockSnapshot", lock_snapshot, true},
    {"UnlockSnapshot", unlock_snapshot, true},
};

}  // namespace

std::span<const HandlerEntry> snapshot_lock_handlers() { return kSnapshotLockHandlers; }

}  // namespace amisim::ec2
