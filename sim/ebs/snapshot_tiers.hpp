// The EBS snapshot archive tier: ModifySnapshotTier (archive), RestoreSnapshotTier (temporary or
// permanent) and DescribeSnapshotTierStatus, per UG23:snapshot-archive.md and
// UG23:working-with-snapshot-archiving.md (fact sheet §5, "Archive tier").
//
// A snapshot's tier state lives in plain fields on Snapshot (sim/state/snapshot.hpp) so the billing
// meter can read it; charge-bearing moments are also appended to RegionState::tier_records,
// which outlive deleted snapshots. Invariants:
//  - storage_tier is "archive" exactly from archival completion until a restore completes (and
//    again when a temporary restore expires); only "standard" snapshots can be used (copied,
//    shared, restored to volumes, registered).
//  - archive_full_bytes != 0 exactly while an archive copy exists (archival completed, not yet
//    permanently restored or deleted); it is the snapshot's full written data.
//  - An archived snapshot's blocks have left its owner's StoragePool: AWS moves the snapshot's
//    unique data to the archive tier and keeps blocks other standard snapshots reference, which
//    the pool's attribution already passes to the next holder (UG23:snapshot-archive.md).
//  - At most one tier event is pending per snapshot (tiering_seq), so stale events are ignored.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sim/core/query.hpp"
#include "sim/state/world.hpp"

namespace amisim::sim {

// Model durations [?]: AWS gives none for archiving (the UG's example took 49 min for a small
// snapshot) and "up to 72 hours, depending on the size" for restores. Both grow with the full
// size: archive 30 min + 1 min per GiB; restore 2 h + 4 min per GiB, at most 72 h.
inline constexpr DurationMs kArchiveBaseMs = 30 * kMinuteMs;
inline constexpr DurationMs kArchivePerGibMs = kMinuteMs;
inline constexpr DurationMs kRestoreBaseMs = 2 * kHourMs;
inline constexpr DurationMs kRestorePerGibMs = 4 * kMinuteMs;
inline constexpr DurationMs kMaxRestoreMs = 72 * kHourMs;

// Quotas per account (UG23:snapshot-archive.md, "Quotas"); per Region here, as EBS quotas are.
inline constexpr int kMaxConcurrentArchives = 25;
inline constexpr int kMaxConcurrentRestores = 5;
inline constexpr int kMaxArchivedPerVolume = 25;
// TemporaryRestoreDays: 1-180, default 1 (UG23:working-with-snapshot-archiving.md).
inline constexpr int kMaxTemporaryRestoreDays = 180;
// The minimum archive period billing applies (UG23:snapshot-archive.md); the model only keeps
// the timestamps (TierRecord), the meter computes the charge.
inline constexpr int kMinimumArchiveDays = 90;

struct ModifySnapshotTierRequest {
  SnapshotId snapshot_id;
  std::string storage_tier = "archive";
  bool dry_run = false;
};
// Starts archiving; returns TieringStartTime (now). Errors: InvalidSnapshot.Malformed/.NotFound,
// UnauthorizedOperation (not the caller's), InvalidParameterValue (tier not "archive"),
// IncorrectState (not completed, already archived or being tiered, temporarily restored),
// InvalidSnapshot.InUse (an AMI that is not deregistered or disabled maps it),
// ResourceLimitExceeded (25 concurrent archives, 25 archived per volume).
Result<TimeMs> modify_snapshot_tier(World& world, const Caller& caller,
                                    const ModifySnapshotTierRequest& request);

struct RestoreSnapshotTierRequest {
  SnapshotId snapshot_id;
  std::optional<int> temporary_restore_days;
  std::optional<bool> permanent_restore;
  bool dry_run = false;
};
struct RestoreSnapshotTierResult {
  SnapshotId snapshot_id;
  TimeMs restore_start_time = 0;
  std::optional<int> restore_duration_days;  // temporary restores only
  bool is_permanent = false;
};
// Restores an archived snapshot, or changes a completed temporary restore (new period from now,
// or permanent). Errors: as ModifySnapshotTier for the snapshot, InvalidParameterCombination
// (both options), InvalidParameterValue (days outside 1-180), IncorrectState (not archived, or a
// tiering operation in progress), ResourceLimitExceeded (5 concurrent restores).
Result<RestoreSnapshotTierResult> restore_snapshot_tier(World& world, const Caller& caller,
                                                        const RestoreSnapshotTierRequest& request);

struct DescribeSnapshotTierStatusRequest {
  std::vector<Filter> filters;  // snapshot-id, volume-id, last-tiering-operation
  PageRequest page;
};
struct DescribeSnapshotTierStatusResult {
  std::vector<const Snapshot*> snapshots;  // by ID
  std::string next_token;
};
// The caller's snapshots in this Region that have been archived at least once [?] (the UG:
// "to view all archived snapshots, omit the filter"). Errors: InvalidFilter, paging.
Result<DescribeSnapshotTierStatusResult> describe_snapshot_tier_status(
    const World& world, const Caller& caller, const DescribeSnapshotTierStatusRequest& request);

// LastTieringProgress: the elapsed share of an operation in progress, else 100.
int tiering_progress_percent(const Snapshot& snapshot, TimeMs now);

// ok when the snapshot may be used (copied, shared, restored to a volume, registered): it is in
// the standard tier, which includes archival in progress and temporary restores. Else
// IncorrectState (errors::snapshot_archived).
Status check_snapshot_usable(const Snapshot& snapshot);

// The bytes an archive copy of the snapshot holds: all its written data (archived = full).
std::uint64_t snapshot_full_bytes(const Snapshot& snapshot);
DurationMs archive_duration(std::uint64_t full_bytes);
DurationMs restore_duration(std::uint64_t full_bytes);

// DeleteSnapshot calls this before erasing: an archive copy's end is recorded for billing.
void note_snapshot_deleted(World& world, RegionState& region, const Snapshot& snapshot);

// Applies kSnapshotTierChanged.
void on_snapshot_tier_event(World& world, const Event& event);

}  // namespace amisim::sim
