// An EBS snapshot: lives in one Region, holds an immutable copy of a volume's data, and is
// accounted incrementally in its owner's StoragePool for that Region. States per the EC2 API's
// SnapshotState enum (fact sheet §5).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <string>

#include "sim/core/ids.hpp"
#include "sim/core/tags.hpp"
#include "sim/core/time.hpp"
#include "sim/state/volume_data.hpp"

namespace amisim::sim {

enum class SnapshotState { kPending, kCompleted, kError, kRecoverable, kRecovering };
std::string_view to_string(SnapshotState s);

// The archive tier's last operation on a snapshot (LastTieringOperationStatus, the EC2 API's
// TieringOperationStatus enum; sim/ebs/snapshot_tiers.hpp). kNone: never archived. The *Failed
// values exist in the API but the model never fails an operation.
enum class TieringState : std::uint8_t {
  kNone,
  kArchivalInProgress,
  kArchivalCompleted,
  kArchivalFailed,
  kTemporaryRestoreInProgress,
  kTemporaryRestoreCompleted,
  kTemporaryRestoreFailed,
  kPermanentRestoreInProgress,
  kPermanentRestoreCompleted,
  kPermanentRestoreFailed,
};
std::string_view to_string(TieringState s);  // "" for kNone

// A charge-bearing moment of the archive tier, kept per Region for the billing meter (the
// snapshot itself may be deleted later, so these outlive it). Append-only, in time order.
enum class TierRecordKind : std::uint8_t {
  kArchived,        // an archive copy of `bytes` exists from `at` (archival completed)
  kRetrieval,       // `bytes` retrieved from the archive at `at` (a restore started; one-time fee)
  kArchiveRemoved,  // the archive copy (archived at `archived_at`) is gone from `at`: permanent
                    // restore completed, or the snapshot was deleted. Before archived_at + 90
                    // days the remaining days are charged (SnapshotArchiveEarlyDelete).
};
struct TierRecord {
  TierRecordKind kind = TierRecordKind::kArchived;
  SnapshotId snapshot_id;
  AccountId owner;
  TimeMs at = 0;
  std::uint64_t bytes = 0;
  TimeMs archived_at = 0;  // kArchiveRemoved only
};

// An EBS snapshot lock (sim/ebs/snapshot_locks.hpp; docs/aws-facts.md §L). The lock state
// (governance, compliance-cooloff, compliance, expired) is not stored: it follows from these
// times and the model clock (snapshot_lock_state), so it moves with time and never with reads.
enum class LockMode : std::uint8_t { kGovernance, kCompliance };
struct SnapshotLock {
  LockMode mode = LockMode::kGovernance;
  TimeMs created_on = 0;      // LockCreatedOn: when the lock (not a later change of it) was made
  int duration_days = 0;      // LockDuration when locked for a period; 0 when locked until a date
  TimeMs duration_start = 0;  // LockDurationStartTime; 0 while the snapshot is still pending
  TimeMs expires_on = 0;      // LockExpiresOn; 0 while pending with a LockDuration (not known yet)
  int cool_off_hours = 0;     // CoolOffPeriod (compliance only); 0 = none
  TimeMs cool_off_expires_on = 0;  // CoolOffPeriodExpiresOn; 0 = none

  friend bool operator==(const SnapshotLock&, const SnapshotLock&) = default;
};

struct Snapshot {
  SnapshotId id;
  RegionName region;
  AccountId owner;
  std::string owner_alias;  // "amazon" for catalogue snapshots
  VolumeId volume_id;       // the source volume ("vol-ffffffff" when none)
  int volume_size_gib = 8;
  std::string description;
  SnapshotState state = SnapshotState::kPending;
  TimeMs start_time = 0;
  TimeMs completion_time = 0;  // when it becomes completed
  bool encrypted = false;
  std::string storage_tier = "standard";
  Tags tags;                 // the owner's
  GranteeTags grantee_tags;  // other accounts' own (sim/core/tags.hpp: tags_seen_by)
  std::shared_ptr<const VolumeData> data;
  std::uint64_t pool_order = 0;                   // creation order in the owner's StoragePool
  bool is_public = false;                         // createVolumePermission group all
  std::set<AccountId> create_volume_permissions;  // accounts that may restore it
  std::uint64_t pending_seq = 0;
  // Encryption key (a KMS key ARN) when encrypted; "" otherwise.
  std::string kms_key_id;
  // Copies (CopySnapshot, CopyImage): where the data came from, the bytes that crossed (the
  // blocks the destination owner's pool lacked), and the AMI copy this snapshot was made for
  // (empty for CopySnapshot). Empty/0 for snapshots that are not copies.
  SnapshotId source_snapshot_id;
  RegionName source_region;
  std::uint64_t copy_bytes = 0;
  ImageId copied_for_image;

  // Archive tier (sim/ebs/snapshot_tiers.hpp). Billing reads these; see TierRecord for history.
  // storage_tier is "archive" from archival completion until a restore completes, "standard"
  // otherwise (a temporarily restored snapshot is "standard" and also has an archive copy).
  TieringState tiering_state = TieringState::kNone;
  TimeMs tiering_start_time = 0;  // LastTieringStartTime: the last archive or restore began
  TimeMs tiering_done_time = 0;   // when that operation completes (planned) or completed
  std::uint64_t tiering_seq = 0;  // the pending tier event (completion or expiry); 0 = none
  // The archive copy: the snapshot's full written data (not incremental), from archived_at
  // (ArchivalCompleteTime). Both 0 when there is no archive copy.
  TimeMs archived_at = 0;
  std::uint64_t archive_full_bytes = 0;
  // A restored snapshot is a full snapshot in the standard tier, held outside the incremental
  // StoragePool: these bytes are billed at the standard rate on top of snapshot_stored_bytes.
  std::uint64_t restored_full_bytes = 0;
  TimeMs restore_expiry_time = 0;  // temporary restore: the standard copy goes then; 0 = none
  int temporary_restore_days = 0;  // RestoreDuration of the last temporary restore

  // The snapshot lock, while one exists (an expired lock stays until the snapshot is unlocked,
  // locked again or deleted: DescribeLockedSnapshots shows it as expired).
  std::optional<SnapshotLock> lock;

  // Every member, `data` by pointer: a state snapshot leaves out the catalogue snapshots equal to
  // a fresh world's (api/io/world_snapshot.cpp compares with the data pointer made the same).
  friend bool operator==(const Snapshot&, const Snapshot&) = default;
};

}  // namespace amisim::sim
