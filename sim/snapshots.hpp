// EBS snapshot operations (CreateSnapshot, DeleteSnapshot, DescribeSnapshots,
// Modify/DescribeSnapshotAttribute createVolumePermission) and the stored-bytes figures billing
// reads. Storage is incremental per owner per Region (storage_pool.hpp).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sim/query.hpp"
#include "sim/world.hpp"

namespace sim {

struct CreateSnapshotRequest {
  VolumeId volume_id;
  std::string description;
  std::vector<TagSpecification> tag_specifications;
  bool dry_run = false;
};

// Returns the new snapshot (pending, completed after model time proportional to the new data).
// Errors: InvalidVolume.NotFound.
Result<const Snapshot*> create_snapshot(World& world, const Caller& caller,
                                        const CreateSnapshotRequest& request);

// Errors: InvalidSnapshot.NotFound, InvalidSnapshot.InUse (an image uses it; also disabled
// images), UnauthorizedOperation-like refusal for snapshots of other accounts (NotFound).
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
Status modify_snapshot_attribute(World& world, const Caller& caller,
                                 const ModifySnapshotAttributeRequest& request);

// True when `account` may see/restore the snapshot (owner, permission, or public).
bool snapshot_visible_to(const Snapshot& snapshot, const AccountId& account);

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

}  // namespace sim
