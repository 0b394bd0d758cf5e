// DeregisterImage and deregistration protection. Facts: fact sheet §3.5.
#include <fmt/format.h>

#include "sim/copies/copies.hpp"
#include "sim/ebs/snapshot_locks.hpp"
#include "sim/ebs/snapshots.hpp"
#include "sim/images/detail.hpp"
#include "sim/images/images.hpp"
#include "sim/rbin/rbin.hpp"

namespace amisim::sim {
namespace {

// Protection keeps holding for 24 hours after it is disabled when enabled WithCooldown.
constexpr DurationMs kProtectionCooldownMs = 24 * kHourMs;

bool in_cooldown(const Image& image, TimeMs now) {
  return image.protection_cooldown_until && now < *image.protection_cooldown_until;
}

bool is_protected(const Image& image, TimeMs now) {
  return image.protection != DeregistrationProtection::kDisabled || in_cooldown(image, now);
}

// True when an image other than `except` that still holds its snapshots uses `id`.
bool used_by_other_image(const RegionState& region, const SnapshotId& id, const ImageId& except) {
  for (const auto& [image_id, image] : region.images) {
    if (image_id == except || image.state == ImageState::kDeregistered) continue;
    for (const auto& m : image.mappings) {
      if (m.ebs && m.ebs->snapshot_id == id) return true;
    }
  }
  return false;
}

// DeleteAssociatedSnapshots: each snapshot deleted unless another image uses it ("skipped") or
// its lock holds ("client-error");
// the image is deregistered whatever happens to them (fact sheet §3.5).
DeleteSnapshotResult delete_associated(World& world, const Caller& caller, const Image& image,
                                       const SnapshotId& id) {
  RegionState& region = world.region_of(caller);
  auto it = region.snapshots.find(id);
  if (it == region.snapshots.end()) return {id, "client-error"};
  if (it->second.owner != caller.account) return {id, "missing-permissions"};
  if (used_by_other_image(region, id, image.id)) return {id, "skipped"};
  // A locked snapshot stays and the image is deregistered all the same. "skipped" is documented
  // for snapshots other AMIs use only, so a lock reads client-error [?] (docs/aws-facts.md §L).
  if (!check_snapshot_deletable(it->second, world.now())) return {id, "client-error"};
  const Status deleted = delete_snapshot(world, caller, id);
  if (deleted) return {id, "success"};
  if (deleted.error().is(ErrorCode::kInvalidSnapshotInUse)) return {id, "skipped"};
  return {id, "client-error"};
}

}  // namespace

Result<DeregisterImageResult> deregister_image(World& world, const Caller& caller,
                                               const ImageId& image_id,
                                               bool delete_associated_snapshots, bool dry_run) {
  auto found = owned_image(world, caller, image_id);
  if (!found) return found.error();
  Image& image = **found;
  if (is_protected(image, world.now()))
    return errors::image_deregistration_protected(image_id.str());
  if (dry_run) return errors::dry_run();

  // The record stays (state deregistered) so that DescribeImages by ID can show it briefly and
  // launches answer InvalidAMIID.Unavailable; its name is free again at once.
  const bool pending_copy = is_pending_copy(image);
  RegionState& region = world.region_of(caller);
  unindex_name(region, image);
  // A retention rule keeps an available or disabled EBS-backed AMI in the Recycle Bin instead
  // ("Only Amazon EBS-backed AMIs are supported"; "Retention rules also apply to disabled AMIs",
  // facts §R): gone from Describe, restorable under its ID. A pending AMI is not kept [?].
  const bool binnable =
      image.traits.root_device_type == "ebs" &&
      (image.state == ImageState::kAvailable || image.state == ImageState::kDisabled);
  if (const RetentionRule* rule = binnable ? retaining_rule(world, region, caller.account,
                                                            RbinResourceType::kImage, image.tags)
                                           : nullptr) {
    bin_image(world, region, image_id, *rule);
    const Image& binned = region.bin.images.at(image_id).image;
    DeregisterImageResult result;
    if (delete_associated_snapshots) {
      for (const SnapshotId& id : image_snapshots(binned))
        result.deleted_snapshots.push_back(delete_associated(world, caller, binned, id));
    }
    return result;
  }
  image.state = ImageState::kDeregistered;
  image.deregistered_at = world.now();
  // Its record may leave memory once it is purged from view (sim/images/purge.cpp):
  // housekeeping, which a caller does not wait for.
  Event purge;
  purge.at = world.now() + kDeregisteredImageVisibleMs;
  purge.kind = EventKind::kImagePurged;
  purge.region = caller.region;
  purge.target = image_id.str();
  purge.settles = false;
  world.schedule(std::move(purge));
  DeregisterImageResult result;
  if (delete_associated_snapshots) {
    for (const SnapshotId& id : image_snapshots(image))
      result.deleted_snapshots.push_back(delete_associated(world, caller, image, id));
  }
  // Deregistering a pending copy stops it (fact sheet §4): sim/copies/copies.hpp.
  if (pending_copy) cancel_pending_copy(world, world.region_of(caller), image);
  return result;
}

std::string deregistration_protection_text(const Image& image, TimeMs now) {
  switch (image.protection) {
    case DeregistrationProtection::kEnabledWithoutCooldown:
      return "enabled-without-cooldown";
    case DeregistrationProtection::kEnabledWithCooldown:
      return "enabled-with-cooldown";
    case DeregistrationProtection::kDisabled:
      break;
  }
  if (in_cooldown(image, now))
    return "disabled after " + format_iso8601(*image.protection_cooldown_until);
  return "disabled";
}

Result<std::string> enable_image_deregistration_protection(World& world, const Caller& caller,
                                                           const ImageId& image_id,
                                                           bool with_cooldown, bool dry_run) {
  auto found = owned_image(world, caller, image_id);
  if (!found) return found.error();
  if (dry_run) return errors::dry_run();
  Image& image = **found;
  image.protection = with_cooldown ? DeregistrationProtection::kEnabledWithCooldown
                                   : DeregistrationProtection::kEnabledWithoutCooldown;
  image.protection_cooldown_until.reset();
  return deregistration_protection_text(image, world.now());
}

Result<std::string> disable_image_deregistration_protection(World& world, const Caller& caller,
                                                            const ImageId& image_id, bool dry_run) {
  auto found = owned_image(world, caller, image_id);
  if (!found) return found.error();
  if (dry_run) return errors::dry_run();
  Image& image = **found;
  if (image.protection == DeregistrationProtection::kEnabledWithCooldown)
    image.protection_cooldown_until = world.now() + kProtectionCooldownMs;
  image.protection = DeregistrationProtection::kDisabled;
  return deregistration_protection_text(image, world.now());
}

}  // namespace amisim::sim
