// EBS snapshot lock: LockSnapshot (lock, or change a lock), UnlockSnapshot and
// DescribeLockedSnapshots (docs/aws-facts.md §L: APIREF:LockSnapshot, APIREF:UnlockSnapshot,
// APIREF:DescribeLockedSnapshots, EBSUG:snapshot-lock-concepts, EBSUG:update-snapshot-lock).
//
// A lock lives in Snapshot::lock (sim/state/snapshot.hpp). Its state is a function of the lock's
// times and the model clock (snapshot_lock_state): governance; compliance-cooloff until
// CoolOffPeriodExpiresOn, then compliance; expired from LockExpiresOn. Invariants:
//  - a snapshot whose lock is not expired is never deleted: DeleteSnapshot answers SnapshotLocked
//    and DeregisterImage's DeleteAssociatedSnapshots reports it client-error
//    (check_snapshot_deletable is the one test; the Recycle Bin calls it too);
//  - a compliance lock past its cooling-off period is never removed, never turned to governance
//    and its LockExpiresOn never moves earlier;
//  - a lock on a pending snapshot with a LockDuration starts counting when the snapshot completes
//    (LockDurationStartTime, LockExpiresOn set then; until then the lock holds).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/core/query.hpp"
#include "sim/state/world.hpp"

namespace amisim::sim {

// LockDuration 1-36,500 days; CoolOffPeriod 1-72 hours (MODEL RetentionPeriodRequestDays,
// CoolOffPeriodRequestHours).
inline constexpr int kMaxLockDurationDays = 36500;
inline constexpr int kMaxCoolOffHours = 72;
// DescribeLockedSnapshots: MaxResults 5-1000 (MODEL DescribeLockedSnapshotsMaxResults), refused
// outside it; MaxResults with SnapshotIds is accepted [?].
inline constexpr PageRule kDescribeLockedSnapshotsPages{5, 1000, AboveMaximum::kRefuse,
                                                        RangeWording::kValueGreaterThan, ""};

// The EC2 API's LockState.
enum class LockState : std::uint8_t { kGovernance, kComplianceCooloff, kCompliance, kExpired };
std::string_view to_string(LockState state);
std::string_view to_string(LockMode mode);

LockState snapshot_lock_state(const SnapshotLock& lock, TimeMs now);
// True when the snapshot has a lock that has not expired at `now`.
bool snapshot_locked(const Snapshot& snapshot, TimeMs now);
// ok when nothing keeps the snapshot from being deleted by its lock; else SnapshotLocked. The
// hook for everything that deletes snapshots (DeleteSnapshot, DeleteAssociatedSnapshots, the
// Recycle Bin).
Status check_snapshot_deletable(const Snapshot& snapshot, TimeMs now);

struct LockSnapshotRequest {
  SnapshotId snapshot_id;
  std::string lock_mode;                  // "governance" | "compliance"
  std::optional<int> cool_off_hours;      // CoolOffPeriod
  std::optional<int> lock_duration_days;  // LockDuration
  std::optional<TimeMs> expiration_date;  // ExpirationDate
  bool dry_run = false;
};
// Locks the caller's snapshot, or changes its lock as the lock's state allows. Returns the
// snapshot (its lock set). Errors: InvalidSnapshot.Malformed; InvalidParameterValue (LockMode,
// LockDuration, CoolOffPeriod out of range, ExpirationDate not in the future or beyond 36,500
// days); InvalidParameterCombination (both or neither of LockDuration and ExpirationDate,
// CoolOffPeriod with governance); InvalidSnapshot.NotFound (absent, or another account's the
// caller cannot see); UnauthorizedOperation (another account's it can see); IncorrectState (not
// pending or completed; a compliance lock past its cooling-off period asked to change mode,
// take a cooling-off period or expire sooner).
Result<const Snapshot*> lock_snapshot(World& world, const Caller& caller,
                                      const LockSnapshotRequest& request);

// Removes a governance lock, a compliance lock in its cooling-off period, or an expired lock.
// Errors: as LockSnapshot for the snapshot; IncorrectState (not locked; compliance after the
// cooling-off period).
Status unlock_snapshot(World& world, const Caller& caller, const SnapshotId& snapshot_id,
                       bool dry_run = false);

struct DescribeLockedSnapshotsRequest {
  std::vector<SnapshotId> snapshot_ids;
  std::vector<Filter> filters;  // lock-state
  PageRequest page;
};
struct DescribeLockedSnapshotsResult {
  std::vector<const Snapshot*> snapshots;  // by ID, each with a lock
  std::string next_token;
};
// The caller's snapshots in its Region that have a lock (expired ones included). A named
// snapshot that is not locked is left out [?]. Errors: InvalidSnapshot.Malformed,
// InvalidSnapshot.NotFound (named ID absent or another account's [?]), InvalidFilter,
// InvalidParameterValue (MaxResults), InvalidPaginationToken.
Result<DescribeLockedSnapshotsResult> describe_locked_snapshots(
    const World& world, const Caller& caller, const DescribeLockedSnapshotsRequest& request);

// The snapshot completed at `at`: a lock taken while it was pending starts its duration now.
void start_lock_duration(Snapshot& snapshot, TimeMs at);

}  // namespace amisim::sim
