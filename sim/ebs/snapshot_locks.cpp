#include "sim/ebs/snapshot_locks.hpp"

#include <algorithm>

#include "sim/ebs/snapshots.hpp"

namespace amisim::sim {
namespace {

constexpr DurationMs kMaxLockMs = static_cast<DurationMs>(kMaxLockDurationDays) * kDayMs;

Result<LockMode> parse_mode(const std::string& mode) {
  if (mode == "governance") return LockMode::kGovernance;
  if (mode == "compliance") return LockMode::kCompliance;
  return errors::lock_mode_invalid(mode);
}

// The request's own rules, before the snapshot is looked at.
Status check_lock_request(const LockSnapshotRequest& r, LockMode mode, TimeMs now) {
  if (r.lock_duration_days.has_value() == r.expiration_date.has_value())
    return errors::lock_duration_or_expiration_date();
  if (r.lock_duration_days &&
      (*r.lock_duration_days < 1 || *r.lock_duration_days > kMaxLockDurationDays))
    return errors::lock_duration_invalid(*r.lock_duration_days, kMaxLockDurationDays);
  if (r.cool_off_hours && mode == LockMode::kGovernance) return errors::cool_off_with_governance();
  if (r.cool_off_hours && (*r.cool_off_hours < 1 || *r.cool_off_hours > kMaxCoolOffHours))
    return errors::cool_off_period_invalid(*r.cool_off_hours, kMaxCoolOffHours);
  if (r.expiration_date && *r.expiration_date <= now)
    return errors::lock_expiration_date_invalid(format_iso8601(*r.expiration_date),
                                                "The expiration date must be in the future.");
  if (r.expiration_date && *r.expiration_date - now > kMaxLockMs)
    return errors::lock_expiration_date_invalid(format_iso8601(*r.expiration_date),
                                                "A snapshot can be locked for at most 36500 days.");
  return ok_status();
}

// When the lock expires, or for a pending snapshot locked for a period, when it will: the period
// counts from the snapshot's completion, which the model schedules when it takes the snapshot.
TimeMs projected_expiry(const Snapshot& s, const SnapshotLock& lock) {
  if (lock.expires_on != 0) return lock.expires_on;
  return s.completion_time + static_cast<DurationMs>(lock.duration_days) * kDayMs;
}

// The lock the request asks for. LockCreatedOn is kept across changes of a lock that holds;
// LockDurationStartTime is the time of this call (the snapshot's completion if it is pending),
// so a new LockDuration counts from now [?]; a CoolOffPeriod counts from now, and a change that
// omits it while the cooling-off period runs keeps the period [?].
SnapshotLock next_lock(const Snapshot& s, const std::optional<SnapshotLock>& held, LockMode mode,
                       const LockSnapshotRequest& r, TimeMs now) {
  SnapshotLock next;
  next.mode = mode;
  next.created_on = held ? held->created_on : now;
  const bool pending = s.state == SnapshotState::kPending;
  next.duration_start = pending ? 0 : now;
  if (r.lock_duration_days) {
    next.duration_days = *r.lock_duration_days;
    if (!pending) next.expires_on = now + static_cast<DurationMs>(next.duration_days) * kDayMs;
  } else {
    next.expires_on = *r.expiration_date;
  }
  if (mode == LockMode::kGovernance) return next;
  if (r.cool_off_hours) {
    next.cool_off_hours = *r.cool_off_hours;
    next.cool_off_expires_on = now + static_cast<DurationMs>(next.cool_off_hours) * kHourMs;
  } else if (held && snapshot_lock_state(*held, now) == LockState::kComplianceCooloff) {
    next.cool_off_hours = held->cool_off_hours;
    next.cool_off_expires_on = held->cool_off_expires_on;
  }
  return next;
}

// After the cooling-off period a compliance lock may only be extended (APIREF:LockSnapshot).
Status check_compliance_change(const Snapshot& s, const SnapshotLock& held,
                               const SnapshotLock& next, const LockSnapshotRequest& r) {
  const std::string& id = s.id.str();
  if (next.mode != LockMode::kCompliance)
    return errors::compliance_lock_change_refused(id, "its lock mode can't be changed.");
  if (r.cool_off_hours)
    return errors::compliance_lock_change_refused(id, "omit CoolOffPeriod to extend the lock.");
  if (projected_expiry(s, next) < projected_expiry(s, held))
    return errors::compliance_lock_change_refused(
        id, "the lock duration or expiration date can only be increased.");
  return ok_status();
}

}  // namespace

std::string_view to_string(LockState state) {
  switch (state) {
    case LockState::kGovernance:
      return "governance";
    case LockState::kComplianceCooloff:
      return "compliance-cooloff";
    case LockState::kCompliance:
      return "compliance";
    case LockState::kExpired:
      break;
  }
  return "expired";
}

std::string_view to_string(LockMode mode) {
  return mode == LockMode::kCompliance ? "compliance" : "governance";
}

LockState snapshot_lock_state(const SnapshotLock& lock, TimeMs now) {
  if (lock.expires_on != 0 && now >= lock.expires_on) return LockState::kExpired;
  if (lock.mode == LockMode::kGovernance) return LockState::kGovernance;
  if (lock.cool_off_expires_on != 0 && now < lock.cool_off_expires_on)
    return LockState::kComplianceCooloff;
  return LockState::kCompliance;
}

bool snapshot_locked(const Snapshot& snapshot, TimeMs now) {
  return snapshot.lock && snapshot_lock_state(*snapshot.lock, now) != LockState::kExpired;
}

Status check_snapshot_deletable(const Snapshot& snapshot, TimeMs now) {
  if (!snapshot_locked(snapshot, now)) return ok_status();
  return errors::snapshot_locked(snapshot.id.str(),
                                 to_string(snapshot_lock_state(*snapshot.lock, now)));
}

Result<const Snapshot*> lock_snapshot(World& world, const Caller& caller,
                                      const LockSnapshotRequest& request) {
  const std::string& id = request.snapshot_id.str();
  if (!is_well_formed_id("snap", id)) return errors::snapshot_id_malformed(id);
  auto mode = parse_mode(request.lock_mode);
  if (!mode) return mode.error();
  const TimeMs now = world.now();
  if (auto ok = check_lock_request(request, *mode, now); !ok) return ok.error();
  auto found = find_owned_snapshot(world, caller, request.snapshot_id);
  if (!found) return found.error();
  Snapshot& s = **found;
  if (s.state != SnapshotState::kPending && s.state != SnapshotState::kCompleted)
    return errors::snapshot_not_lockable(id, to_string(s.state));
  // An expired lock is gone in effect: locking again makes a new lock (LockCreatedOn now) [?].
  std::optional<SnapshotLock> held;
  if (snapshot_locked(s, now)) held = s.lock;
  SnapshotLock next = next_lock(s, held, *mode, request, now);
  if (held && snapshot_lock_state(*held, now) == LockState::kCompliance) {
    if (auto ok = check_compliance_change(s, *held, next, request); !ok) return ok.error();
    next.cool_off_hours = held->cool_off_hours;  // the spent cooling-off period stays on record
    next.cool_off_expires_on = held->cool_off_expires_on;
  }
  if (request.dry_run) return errors::dry_run();
  s.lock = next;
  return &s;
}

Status unlock_snapshot(World& world, const Caller& caller, const SnapshotId& snapshot_id,
                       bool dry_run) {
  auto found = find_owned_snapshot(world, caller, snapshot_id);
  if (!found) return found.error();
  Snapshot& s = **found;
  if (!s.lock) return errors::snapshot_not_locked(snapshot_id.str());
  if (snapshot_lock_state(*s.lock, world.now()) == LockState::kCompliance)
    return errors::compliance_lock_not_unlockable(snapshot_id.str());
  if (dry_run) return errors::dry_run();
  s.lock.reset();
  return ok_status();
}

namespace {

Status check_locked_request(const DescribeLockedSnapshotsRequest& request) {
  for (const SnapshotId& id : request.snapshot_ids) {
    if (!is_well_formed_id("snap", id.str())) return errors::snapshot_id_malformed(id.str());
  }
  if (auto ok = check_filters(request.filters); !ok) return ok;
  for (const Filter& f : request.filters) {
    if (f.name != "lock-state") return errors::invalid_filter(f.name);
  }
  return check_page_request(request.page, kDescribeLockedSnapshotsPages,
                            !request.snapshot_ids.empty());
}

bool lock_matches(const Snapshot& s, const std::vector<Filter>& filters, TimeMs now) {
  const std::vector<std::string> state{std::string(to_string(snapshot_lock_state(*s.lock, now)))};
  return std::all_of(filters.begin(), filters.end(),
                     [&](const Filter& f) { return any_match(f.values, state); });
}

// The snapshots a request names, each the caller's own, else InvalidSnapshot.NotFound.
Result<std::vector<const Snapshot*>> named_snapshots(const RegionState& region,
                                                     const Caller& caller,
                                                     const std::vector<SnapshotId>& ids) {
  std::vector<const Snapshot*> out;
  for (const SnapshotId& id : ids) {
    auto it = region.snapshots.find(id);
    if (it == region.snapshots.end() || it->second.owner != caller.account)
      return errors::snapshot_not_found(id.str());
    if (std::find(out.begin(), out.end(), &it->second) == out.end()) out.push_back(&it->second);
  }
  return out;
}

}  // namespace

Result<DescribeLockedSnapshotsResult> describe_locked_snapshots(
    const World& world, const Caller& caller, const DescribeLockedSnapshotsRequest& request) {
  if (auto ok = check_locked_request(request); !ok) return ok.error();
  const RegionState& region = world.region_of(caller);
  std::vector<const Snapshot*> candidates;
  if (request.snapshot_ids.empty()) {
    for (const auto& [id, s] : region.snapshots) {
      if (s.owner == caller.account) candidates.push_back(&s);
    }
  } else {
    auto named = named_snapshots(region, caller, request.snapshot_ids);
    if (!named) return named.error();
    candidates = std::move(*named);
  }
  std::vector<const Snapshot*> found;
  for (const Snapshot* s : candidates) {
    if (s->lock && lock_matches(*s, request.filters, world.now())) found.push_back(s);
  }
  std::sort(found.begin(), found.end(),
            [](const Snapshot* a, const Snapshot* b) { return a->id.str() < b->id.str(); });
  DescribeLockedSnapshotsResult result;
  auto page = paginate(
      std::move(found), request.page, kDescribeLockedSnapshotsPages,
      [](const Snapshot* s) { return s->id.str(); }, result.next_token);
  if (!page) return page.error();
  result.snapshots = std::move(*page);
  return result;
}

void start_lock_duration(Snapshot& snapshot, TimeMs at) {
  if (!snapshot.lock || snapshot.lock->duration_start != 0) return;
  snapshot.lock->duration_start = at;
  if (snapshot.lock->duration_days != 0)
    snapshot.lock->expires_on = at + static_cast<DurationMs>(snapshot.lock->duration_days) * kDayMs;
}

}  // namespace amisim::sim
