// AMI operations: CreateImage, RegisterImage, DeregisterImage, DescribeImages,
// Describe/Modify/ResetImageAttribute, CancelImageLaunchPermission, Enable/DisableImageDeprecation,
// Enable/DisableImage, Enable/DisableImageDeregistrationProtection. Facts: fact sheet §3.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sim/core/query.hpp"
#include "sim/state/world.hpp"

namespace amisim::sim {

struct CreateImageRequest {
  InstanceId instance_id;
  std::string name;
  std::string description;
  bool no_reboot = false;
  std::vector<BlockDeviceMapping> block_device_mappings;  // only DeleteOnTermination may change
  std::vector<TagSpecification> tag_specifications;       // "image" and/or "snapshot"
  bool dry_run = false;
};

// Returns the new image ID (pending -> available when its snapshots complete). Unless no_reboot,
// a running instance goes through a reboot. Every attached EBS volume not left out by NoDevice is
// snapshotted ("Created by CreateImage(i-...) for ami-..."); billing, product codes, boot mode etc.
// come from the instance's source image. Errors: InvalidInstanceID.Malformed/.NotFound,
// MissingParameter (name), InvalidAMIName.Malformed/.Duplicate, IncorrectInstanceState (not
// running or stopped), InvalidParameterValue (tags), InvalidBlockDeviceMapping (a change other
// than DeleteOnTermination), DryRunOperation. The new image records the instance's AMI as its
// SourceImageId/SourceImageRegion (fact sheet §9), the instance as its SourceInstanceId.
Result<ImageId> create_image(World& world, const Caller& caller, const CreateImageRequest& request);

struct RegisterImageRequest {
  std::string name;
  std::string description;
  std::string image_location;
  std::string architecture;         // default i386 (AWS's default for EBS-backed)
  std::string virtualization_type;  // default paravirtual (AWS's default)
  std::string root_device_name;
  std::vector<BlockDeviceMapping> block_device_mappings;
  bool ena_support = false;
  std::string sriov_net_support;
  std::string boot_mode;
  std::string tpm_support;
  std::string imds_support;
  std::vector<std::string> billing_products;
  std::vector<TagSpecification> tag_specifications;
  bool dry_run = false;
};

// Registers an EBS-backed image from snapshots: available at once when they are completed, else
// pending until they are. Errors: MissingParameter (name, rootDeviceName), InvalidAMIName.*,
// UnsupportedOperation (no mappings: S3 manifests are not modelled), InvalidParameterValue
// (tags), InvalidSnapshot.Malformed/.NotFound (also another account's private snapshot),
// InvalidBlockDeviceMapping (size below the snapshot's, root device without a snapshot).
Result<ImageId> register_image(World& world, const Caller& caller,
                               const RegisterImageRequest& request);

struct DeleteSnapshotResult {
  SnapshotId snapshot_id;
  std::string
      return_code;  // success | skipped | missing-permissions | internal-error | client-error
};
struct DeregisterImageResult {
  std::vector<DeleteSnapshotResult> deleted_snapshots;  // only with delete_associated_snapshots
};

// Deregisters; snapshots stay unless asked, and then only those no other image uses are deleted.
// The image's name is free again at once. Errors: InvalidAMIID.Malformed/.NotFound,
// AuthFailure "Not authorized for image:<id>" (not the owner), InvalidAMIID.Unavailable
// (already deregistered), OperationNotPermitted (deregistration protection, also during its
// cooldown; code [?]).
Result<DeregisterImageResult> deregister_image(World& world, const Caller& caller,
                                               const ImageId& image_id,
                                               bool delete_associated_snapshots = false,
                                               bool dry_run = false);

struct DescribeImagesRequest {
  std::vector<ImageId> image_ids;
  std::vector<std::string> owners;            // account IDs, self, amazon, aws-marketplace
  std::vector<std::string> executable_users;  // account IDs, self, all
  std::vector<Filter> filters;
  bool include_deprecated = false;
  bool include_disabled = false;
  PageRequest page;
};
struct DescribeImagesResult {
  std::vector<const Image*> images;
  std::string next_token;
};
// Images ordered by ID (the NextToken key). Default scope: what the caller can launch (public,
// own, shared); Owners and ExecutableUsers narrow it. Deregistered images are listed never, and
// answer by ID for kDeregisteredImageVisibleMs; disabled ones need IncludeDisabled; other owners'
// deprecated ones need IncludeDeprecated unless named. Errors: InvalidAMIID.Malformed,
// InvalidAMIID.NotFound (a named ID unknown or invisible), InvalidUserID.Malformed,
// InvalidFilter, FilterLimitExceeded, InvalidParameterCombination (MaxResults with ImageIds),
// InvalidParameterValue (MaxResults < 5), InvalidPaginationToken.
Result<DescribeImagesResult> describe_images(const World& world, const Caller& caller,
                                             const DescribeImagesRequest& request);

// The image the caller may launch, or AWS's refusal in this order: InvalidAMIID.Malformed
// (not "ami-" + 8 or 17 hex), InvalidAMIID.NotFound (no such image in the caller's Region, or
// deregistered and purged), AuthFailure "Not authorized for images: [ami-...]" (the image exists
// but the caller has no launch permission: fact sheet §2.4 [obs] REAL:4600354793), then
// InvalidAMIID.Unavailable "AMI ami-... is <state>, and cannot be run." (pending, disabled,
// deregistered, failed ...). Permission is checked before state so that an account without
// permission learns nothing about the image's state. An image Allowed AMIs keeps from the caller
// (sim/images/allowed_images.hpp) is InvalidAMIID.NotFound, after the permission check.
Result<const Image*> find_launchable_image(const World& world, const Caller& caller,
                                           const std::string& image_id);

// True when `account` may see/launch the image (owner, public, or explicit permission).
bool image_visible_to(const Image& image, const AccountId& account);

// How long a deregistered image still answers DescribeImages by ID (state "deregistered").
// AWS: "shows it briefly, then returns empty for that ID" (fact sheet §3.5); the length is [?].
inline constexpr DurationMs kDeregisteredImageVisibleMs = kHourMs;

// The image with this ID in the caller's Region whatever its owner or state, or nullptr.
const Image* find_image(const World& world, const Caller& caller, const ImageId& id);
Image* find_image(World& world, const Caller& caller, const ImageId& id);

struct ImageAttribute {
  ImageId image_id;
  std::string description;
  std::vector<AccountId> launch_permission_users;
  bool launch_permission_public = false;
  std::vector<ProductCode> product_codes;
  std::vector<BlockDeviceMapping> block_device_mappings;
  std::string boot_mode;
  std::string imds_support;
  std::optional<TimeMs> last_launched_time;
  std::string sriov_net_support;
  std::string tpm_support;
  std::string deregistration_protection;  // as deregistration_protection_text
};
// attribute: description | kernel | ramdisk | launchPermission | productCodes |
// blockDeviceMapping | sriovNetSupport | bootMode | tpmSupport | uefiData | lastLaunchedTime |
// imdsSupport | deregistrationProtection (the EC2 ImageAttributeName enum). Only the attribute
// asked for is filled in. launchPermission is the owner's (AuthFailure for others); the rest can be
// read by anyone who can see the image. Errors: InvalidAMIID.*, InvalidParameterValue (attribute).
Result<ImageAttribute> describe_image_attribute(const World& world, const Caller& caller,
                                                const ImageId& image_id,
                                                const std::string& attribute);

struct LaunchPermissionChange {
  std::vector<AccountId> add_users;
  std::vector<AccountId> remove_users;
  bool add_public = false;  // Group=all
  bool remove_public = false;
};
struct ModifyImageAttributeRequest {
  ImageId image_id;
  std::string attribute;  // description | launchPermission | imdsSupport
  std::optional<std::string> description;
  LaunchPermissionChange launch_permission;
  std::string imds_support;
  bool dry_run = false;
};
// Owner only (AuthFailure "Not authorized for image:<id>" for others). `attribute` may be empty:
// it is then taken from which of description / launch_permission / imds_support is given.
// Errors: InvalidAMIID.*, InvalidAMIAttributeItemValue (bad account ID), InvalidParameterValue
// (unknown attribute, imdsSupport not v2.0, making public an image with product codes or
// encrypted snapshots), MissingParameter (nothing to change).
Status modify_image_attribute(World& world, const Caller& caller,
                              const ModifyImageAttributeRequest& request);
// Only launchPermission can be reset (EC2 API reference): the image becomes private and unshared.
Status reset_image_attribute(World& world, const Caller& caller, const ImageId& image_id,
                             const std::string& attribute, bool dry_run = false);
// A grantee removes its own launch permission; a no-op for an image not shared with the caller
// explicitly. Errors: InvalidAMIID.*, AuthFailure (the caller cannot see the image).
Status cancel_image_launch_permission(World& world, const Caller& caller, const ImageId& image_id,
                                      bool dry_run = false);

// EnableImageDeprecation: rounds to the nearest minute; no past dates; at most 10 years ahead;
// public images at most 2 years after creation (fact sheet §3.6). Owner only. Errors:
// InvalidAMIID.*, AuthFailure, InvalidParameterValue.
Status enable_image_deprecation(World& world, const Caller& caller, const ImageId& image_id,
                                TimeMs deprecate_at, bool dry_run = false);
Status disable_image_deprecation(World& world, const Caller& caller, const ImageId& image_id,
                                 bool dry_run = false);
// DisableImage: state disabled, launch permissions (and public) removed. EnableImage: back to
// available, shares not restored (fact sheet §3.7). Both idempotent. Owner only. Errors:
// InvalidAMIID.*, AuthFailure, IncorrectState (image neither available nor disabled [?]).
Status disable_image(World& world, const Caller& caller, const ImageId& image_id,
                     bool dry_run = false);
Status enable_image(World& world, const Caller& caller, const ImageId& image_id,
                    bool dry_run = false);
// Returns the new protection state as EC2 reports it ("enabled-with-cooldown", ...). Disabling
// protection that was enabled WithCooldown keeps it for 24 hours ("disabled after <time>").
// Owner only. Errors: InvalidAMIID.*, AuthFailure.
Result<std::string> enable_image_deregistration_protection(World& world, const Caller& caller,
                                                           const ImageId& image_id,
                                                           bool with_cooldown,
                                                           bool dry_run = false);
Result<std::string> disable_image_deregistration_protection(World& world, const Caller& caller,
                                                            const ImageId& image_id,
                                                            bool dry_run = false);
// "disabled", "enabled-without-cooldown", "enabled-with-cooldown", "disabled after <time>".
std::string deregistration_protection_text(const Image& image, TimeMs now);

// True when the image is deprecated at `now`.
bool is_deprecated(const Image& image, TimeMs now);

// Applies kImageAvailable: a pending image becomes available once all its snapshots are
// completed (a late snapshot reschedules the event). Stale events change nothing.
void on_image_event(World& world, const Event& event);

// Name rules: 3-128 characters of letters, digits, ( ) [ ] space . / - ' @ _ (API model text,
// fact sheet §3.3; sim/core/text.hpp). Returns InvalidAMIName.Malformed or
// InvalidAMIName.Duplicate.
Status check_image_name(const RegionState& region, const AccountId& owner, const std::string& name);

// The text of block device mappings (CreateImage, RegisterImage, RunInstances, launch templates):
// device and virtual names, volume types and snapshot IDs as given, each XML text
// (sim/core/text.hpp check_text), and each volume type one EBS has (sim/ebs/volumes.hpp
// check_volume_type). InvalidParameterValue.
Status check_mappings_text(const std::vector<BlockDeviceMapping>& mappings);

// --- for the families that make or manage images (copies, s3, tagging) -----------------------

// The caller's own image for an owner-only action: InvalidAMIID.Malformed, InvalidAMIID.NotFound
// (no such image here, or deregistered and gone), AuthFailure "Not authorized for image:<id>"
// (another account's image), InvalidAMIID.Unavailable (deregistered, still remembered).
Result<Image*> owned_image(World& world, const Caller& caller, const ImageId& id);

// True when a deregistered image has outlived kDeregisteredImageVisibleMs.
bool is_purged(const Image& image, TimeMs now);

// A deregistered image's record leaves memory (issue 19) once it is purged (above) and nothing
// still needs it: no instance of its Region uses it (DescribeImages names it with an empty answer
// until then, APIREF DescribeImages: "After all instances that reference a deregistered AMI are
// terminated, specifying the ID of the image will eventually return an error") and no image record
// names it as its source (GetImageAncestry traces through deregistered generations [?], facts §U).
// Its CopyImage ClientTokens go with it, and its own source is then considered in turn. Called by
// the kImagePurged event DeregisterImage schedules and by an instance's purge.
void forget_image_if_unused(World& world, RegionState& region, const ImageId& id);
// Applies kImagePurged (target = image ID).
void on_image_purge_event(World& world, const Event& event);

// Keeps RegionState::image_names in step with the images that hold their name.
void index_name(RegionState& region, const Image& image);
void unindex_name(RegionState& region, const Image& image);

// The snapshot IDs an image's mappings use, in mapping order, without duplicates.
std::vector<SnapshotId> image_snapshots(const Image& image);

// Schedules kImageAvailable for a pending image at `at`.
void schedule_available(World& world, Image& image, TimeMs at);

}  // namespace amisim::sim
