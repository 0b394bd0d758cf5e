// EBS snapshot operations (CreateSnapshot, DeleteSnapshot, DescribeSnapshots,
// Modify/DescribeSnapshotAttribute createVolumePermission) and the stored-bytes figures billing
// reads. Storage is incremental per owner per Region (sim/state/storage_pool.hpp).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sim/core/query.hpp"
#include "sim/state/world.hpp"

namespace amisim::sim {

// Snapshot speed. AWS publishes no figure (snapshots "occur asynchronously"; time depends on the
// data changed since the last snapshot, UG23:EBSSnapshots.md), so this is a design choice [?]:
// a fixed base for the request plus the new data at 64 MiB/s (8 GiB of new data ~ 2 min 28 s).
inline constexpr DurationMs kSnapshotBaseMs = 20 * kSecondMs;
inline constexpr std::uint64_t kSnapshotBytesPerSecond = 64ULL * 1024 * 1024;

struct CreateSnapshotRequest {
  VolumeId volume_id;
  std::string description;
  std::vector<TagSpecification> tag_specifications;
  bool dry_run = false;
};

// CreateSnapshots: one crash-consistent snapshot of each EBS volume attached to an instance (APIREF
// CreateSnapshots; UG "Create multi-volume snapshots"), in device order.
struct CreateSnapshotsRequest {
  InstanceId instance_id;                    // InstanceSpecification.InstanceId
  bool exclude_boot_volume = false;          // InstanceSpecification.ExcludeBootVolume
  std::vector<VolumeId> exclude_volume_ids;  // InstanceSpecification.ExcludeDataVolumeIds
  std::string description;                   // every snapshot's
  std::vector<TagSpecification> tag_specifications;
  bool copy_tags_from_volume = false;  // CopyTagsFromSource "volume"
  bool dry_run = false;
};

// Files a pending snapshot in `region` and schedules its completion at s.completion_time (for
// CreateSnapshot and the copies; callers have set everything else).
Snapshot& add_pending_snapshot(World& world, RegionState& region, Snapshot s);

// Returns the new snapshot (pending, completed after snapshot_duration of the new data).
// Errors: InvalidVolume.Malformed, InvalidVolume.NotFound (not the caller's or not in this
// Region), IncorrectState (volume creating/deleting), InvalidParameterValue (tags, description).
Result<const Snapshot*> create_snapshot(World& world, const Caller& caller,
                                        const CreateSnapshotRequest& request);

// The instance's snapshot set, all or none. Errors: InvalidInstanceID.Malformed/.NotFound;
// IncorrectState unless running or stopped; InvalidVolume.Malformed for an excluded ID;
// InvalidParameterValue for an excluded volume not attached to the instance, the root volume in
// ExcludeDataVolumeIds (ExcludeBootVolume is its switch), nothing left to snapshot, and the
// description and tags as CreateSnapshot checks them [?] (texts).
Result<std::vector<const Snapshot*>> create_snapshots(World& world, const Caller& caller,
                                                      const CreateSnapshotsRequest& request);

// Frees the blocks no other snapshot of the owner holds. Errors: InvalidSnapshot.Malformed,
// InvalidSnapshot.NotFound (absent, or another account's snapshot the caller cannot see),
// UnauthorizedOperation (another account's snapshot the caller can see: public or shared),
// InvalidSnapshot.InUse (a registered image maps it; disabled images count), SnapshotLocked (its
// lock has not expired: sim/ebs/snapshot_locks.hpp).
Status delete_snapshot(World& world, const Caller& caller, const SnapshotId& snapshot_id,
                       bool dry_run = false);

struct DescribeSnapshotsRequest {
  std::vector<SnapshotId> snapshot_ids;
  std::vector<std::string> owner_ids;      // account IDs, "self", "amazon"
  std::vector<std::string> restorable_by;  // account IDs, "self", "all"
  std::vector<Filter> filters;
  PageRequest page;
};
struct DescribeSnapshotsResult {
  std::vector<const Snapshot*> snapshots;
  std::string next_token;
};
// Default scope: every snapshot the caller may restore (own, shared, public); named IDs the
// caller cannot see are left out. Errors: InvalidSnapshot.NotFound (named ID absent),
// InvalidSnapshot.Malformed, InvalidUserID.Malformed (owner/restorable-by), InvalidFilter, paging.
Result<DescribeSnapshotsResult> describe_snapshots(const World& world, const Caller& caller,
                                                   const DescribeSnapshotsRequest& request);

struct ModifySnapshotAttributeRequest {
  SnapshotId snapshot_id;
  std::string attribute = "createVolumePermission";
  std::string operation_type;  // "add" | "remove"
  std::vector<AccountId> user_ids;
  std::vector<std::string> groups;  // "all"
  bool dry_run = false;
};
// Adds/removes createVolumePermission accounts or the group "all". Errors: as DeleteSnapshot
// for the snapshot, InvalidParameterValue (attribute, operation, group), InvalidUserID.Malformed,
// OperationNotPermitted (adding group all while the owner's block public access for snapshots is
// on: sim/ebs/snapshot_block_public_access.hpp).
Status modify_snapshot_attribute(World& world, const Caller& caller,
                                 const ModifySnapshotAttributeRequest& request);

struct SnapshotAttribute {
  SnapshotId snapshot_id;
  std::vector<AccountId> user_ids;  // createVolumePermission accounts, ordered
  bool is_public = false;           // createVolumePermission group "all"
};
// attribute: createVolumePermission. Errors: InvalidSnapshot.NotFound/.Malformed,
// UnauthorizedOperation (another account's snapshot), InvalidParameterValue (attribute).
Result<SnapshotAttribute> describe_snapshot_attribute(const World& world, const Caller& caller,
                                                      const SnapshotId& snapshot_id,
                                                      const std::string& attribute);

// The Progress a snapshot shows ("100%" once completed): the share of its duration elapsed.
int snapshot_progress_percent(const Snapshot& snapshot, TimeMs now);

// True when `account` may see/restore the snapshot (owner, permission, or public in effect:
// block public access for snapshots in block-all-sharing mode hides a public snapshot).
bool snapshot_visible_to(const RegionState& region, const Snapshot& snapshot,
                         const AccountId& account);

// The caller's own snapshot in its Region, for calls that change it. Errors:
// InvalidSnapshot.Malformed, InvalidSnapshot.NotFound (absent, or another account's the caller
// cannot see), UnauthorizedOperation (another account's it can see).
Result<Snapshot*> find_owned_snapshot(World& world, const Caller& caller, const SnapshotId& id);

// --- internal --------------------------------------------------------------------------------

// Takes a snapshot of `volume` now (CreateImage uses this), owned by `owner`. The snapshot is
// pending until its data is stored. Returns it.
Snapshot& take_snapshot(World& world, RegionState& region, const Volume& volume,
                        const AccountId& owner, std::string description);

// The image using this snapshot, if any (registered images of any state but deregistered).
const Image* image_using_snapshot(const RegionState& region, const SnapshotId& id);

// Bytes attributed to one snapshot (its incremental size) and stored per owner per Region.
std::uint64_t snapshot_stored_bytes(const RegionState& region, const Snapshot& snapshot);
std::uint64_t region_stored_bytes(const RegionState& region, const AccountId& owner);

// Model time a snapshot takes to complete when it stores `new_bytes` of new data.
DurationMs snapshot_duration(std::uint64_t new_bytes);

// Applies kSnapshotCompleted.
void on_snapshot_event(World& world, const Event& event);

// The snapshot with this ID in the caller's Region if the caller may see it (owner, permission
// or public), else nullptr.
const Snapshot* find_visible_snapshot(const World& world, const Caller& caller,
                                      const SnapshotId& id);

}  // namespace amisim::sim
