#include "sim/ebs/snapshot_block_public_access.hpp"

namespace amisim::sim {
namespace {

AccountRegion& account_region(World& world, const Caller& caller) {
  return world.region_of(caller).accounts[caller.account];
}

}  // namespace

std::string_view to_string(SnapshotBlockPublicAccess state) {
  switch (state) {
    case SnapshotBlockPublicAccess::kBlockNewSharing:
      return "block-new-sharing";
    case SnapshotBlockPublicAccess::kBlockAllSharing:
      return "block-all-sharing";
    case SnapshotBlockPublicAccess::kUnblocked:
      break;
  }
  return "unblocked";
}

Result<SnapshotBlockPublicAccess> enable_snapshot_block_public_access(World& world,
                                                                      const Caller& caller,
                                                                      std::string_view state,
                                                                      bool dry_run) {
  SnapshotBlockPublicAccess wanted;
  if (state == "block-all-sharing") {
    wanted = SnapshotBlockPublicAccess::kBlockAllSharing;
  } else if (state == "block-new-sharing") {
    wanted = SnapshotBlockPublicAccess::kBlockNewSharing;
  } else {
    return errors::snapshot_block_public_access_state_invalid(state);
  }
  if (dry_run) return errors::dry_run();
  account_region(world, caller).snapshot_block_public_access = wanted;
  return wanted;
}

Result<SnapshotBlockPublicAccess> disable_snapshot_block_public_access(World& world,
                                                                       const Caller& caller,
                                                                       bool dry_run) {
  if (dry_run) return errors::dry_run();
  account_region(world, caller).snapshot_block_public_access =
      SnapshotBlockPublicAccess::kUnblocked;
  return SnapshotBlockPublicAccess::kUnblocked;
}

SnapshotBlockPublicAccess snapshot_block_public_access(const World& world, const Caller& caller) {
  return snapshot_block_public_access(world.region_of(caller), caller.account);
}

SnapshotBlockPublicAccess snapshot_block_public_access(const RegionState& region,
                                                       const AccountId& owner) {
  auto it = region.accounts.find(owner);
  return it == region.accounts.end() ? SnapshotBlockPublicAccess::kUnblocked
                                     : it->second.snapshot_block_public_access;
}

bool snapshot_publicly_available(const RegionState& region, const Snapshot& snapshot) {
  return snapshot.is_public && snapshot_block_public_access(region, snapshot.owner) !=
                                   SnapshotBlockPublicAccess::kBlockAllSharing;
}

Status check_public_sharing_allowed(const RegionState& region, const Snapshot& snapshot) {
  const SnapshotBlockPublicAccess state = snapshot_block_public_access(region, snapshot.owner);
  if (state == SnapshotBlockPublicAccess::kUnblocked) return ok_status();
  return errors::snapshot_public_sharing_blocked(snapshot.id.str(), to_string(state));
}

}  // namespace amisim::sim
