// Block public access for EBS snapshots: EnableSnapshotBlockPublicAccess,
// DisableSnapshotBlockPublicAccess and GetSnapshotBlockPublicAccessState, per account per Region
// (docs/aws-facts.md §B "Snapshots"; EBSUG:block-public-access-snapshots).
//
// The setting lives in AccountRegion::snapshot_block_public_access. Invariants:
//  - while it is block-new-sharing or block-all-sharing, no snapshot of that account in that
//    Region becomes public (ModifySnapshotAttribute add group all is refused);
//  - while it is block-all-sharing, the account's snapshots that were public keep their
//    createVolumePermission group all (DescribeSnapshotAttribute still shows it) but are public
//    to no one: snapshot_publicly_available is false, so other accounts neither see nor use
//    them; they are public again once the setting is block-new-sharing or unblocked.
//  - the setting applies at once: AWS documents no delay for snapshots (the image setting's
//    "up to 10 minutes" is documented for AMIs only) [?].
#pragma once

#include <string>
#include <string_view>

#include "sim/state/world.hpp"

namespace amisim::sim {

std::string_view to_string(SnapshotBlockPublicAccess state);

// Enables or changes the setting for the caller's account in the caller's Region and returns
// the new state. `state` is "block-all-sharing" or "block-new-sharing"; anything else
// ("unblocked" included) is InvalidParameterValue.
Result<SnapshotBlockPublicAccess> enable_snapshot_block_public_access(World& world,
                                                                      const Caller& caller,
                                                                      std::string_view state,
                                                                      bool dry_run = false);
// Sets the caller's setting to unblocked and returns it.
Result<SnapshotBlockPublicAccess> disable_snapshot_block_public_access(World& world,
                                                                       const Caller& caller,
                                                                       bool dry_run = false);
// The caller's setting in its Region (ManagedBy is always "account": amisim has no
// declarative policies).
SnapshotBlockPublicAccess snapshot_block_public_access(const World& world, const Caller& caller);

// The setting of `owner` in `region` (unblocked for an account the Region has never seen).
SnapshotBlockPublicAccess snapshot_block_public_access(const RegionState& region,
                                                       const AccountId& owner);

// True when the snapshot is public in effect: its createVolumePermission has group all and its
// owner's setting in its Region is not block-all-sharing.
bool snapshot_publicly_available(const RegionState& region, const Snapshot& snapshot);

// ok unless the owner's setting blocks new public sharing of `snapshot` (OperationNotPermitted).
Status check_public_sharing_allowed(const RegionState& region, const Snapshot& snapshot);

}  // namespace amisim::sim
