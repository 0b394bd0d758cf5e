// AMI operations: CreateImage, RegisterImage, DeregisterImage, DescribeImages,
// Describe/Modify/ResetImageAttribute, CancelImageLaunchPermission, Enable/DisableImageDeprecation,
// Enable/DisableImage, Enable/DisableImageDeregistrationProtection. Facts: fact sheet §3.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sim/query.hpp"
#include "sim/world.hpp"

namespace sim {

struct CreateImageRequest {
  InstanceId instance_id;
  std::string name;
  std::string description;
  bool no_reboot = false;
  std::vector<BlockDeviceMapping> block_device_mappings;  // only DeleteOnTermination may change
  std::vector<TagSpecification> tag_specifications;      // "image" and/or "snapshot"
  bool dry_run = false;
};

// Returns the new image ID (pending -> available when its snapshots complete). Unless no_reboot,
// the instance goes through a reboot. Errors: InvalidInstanceID.NotFound, IncorrectInstanceState
// (not running or stopped), InvalidAMIName.Malformed, InvalidAMIName.Duplicate,
// InvalidParameterValue (tags).
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

// Registers an EBS-backed image from snapshots. Errors: InvalidAMIName.*, MissingParameter
// (RootDeviceName), InvalidBlockDeviceMapping, InvalidSnapshot.NotFound.
Result<ImageId> register_image(World& world, const Caller& caller,
                               const RegisterImageRequest& request);

struct DeleteSnapshotResult {
  SnapshotId snapshot_id;
  std::string return_code;  // success | skipped | missing-permissions | internal-error | client-error
};
struct DeregisterImageResult {
  std::vector<DeleteSnapshotResult> deleted_snapshots;  // only with delete_associated_snapshots
};

// Deregisters; snapshots stay unless asked. Errors: InvalidAMIID.NotFound/.Malformed,
// UnauthorizedOperation (not owner), and the protected-image refusal.
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
Result<DescribeImagesResult> describe_images(const World& world, const Caller& caller,
                                             const DescribeImagesRequest& request);

// The image the caller may launch, or AWS's refusal in AWS's order: InvalidAMIID.Malformed,
// InvalidAMIID.NotFound (unknown here), InvalidAMIID.Unavailable (not available), AuthFailure
// (no launch permission).
Result<const Image*> find_launchable_image(const World& world, const Caller& caller,
                                           const std::string& image_id);

// True when `account` may see/launch the image (owner, public, or explicit permission).
bool image_visible_to(const Image& image, const AccountId& account);

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
};
// attribute: description | launchPermission | productCodes | blockDeviceMapping | bootMode |
// imdsSupport | lastLaunchedTime | sriovNetSupport. Errors: InvalidAMIID.*, InvalidParameterValue.
Result<ImageAttribute> describe_image_attribute(const World& world, const Caller& caller,
                                                const ImageId& image_id,
                                                const std::string& attribute);

struct LaunchPermissionChange {
  std::vector<AccountId> add_users;
  std::vector<AccountId> remove_users;
  bool add_public = false;     // Group=all
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
// Owner only. Errors: InvalidAMIID.*, InvalidAMIAttributeItemValue (bad account ID),
// InvalidParameterCombination / MissingParameter for malformed combinations.
Status modify_image_attribute(World& world, const Caller& caller,
                              const ModifyImageAttributeRequest& request);
Status reset_image_attribute(World& world, const Caller& caller, const ImageId& image_id,
                             const std::string& attribute, bool dry_run = false);
// A grantee removes its own launch permission.
Status cancel_image_launch_permission(World& world, const Caller& caller, const ImageId& image_id,
                                      bool dry_run = false);

// EnableImageDeprecation: rounds to the minute; no past dates; at most 10 years ahead.
Status enable_image_deprecation(World& world, const Caller& caller, const ImageId& image_id,
                                TimeMs deprecate_at, bool dry_run = false);
Status disable_image_deprecation(World& world, const Caller& caller, const ImageId& image_id,
                                 bool dry_run = false);
// DisableImage: state disabled, launch permissions removed. EnableImage: back to available.
Status disable_image(World& world, const Caller& caller, const ImageId& image_id,
                     bool dry_run = false);
Status enable_image(World& world, const Caller& caller, const ImageId& image_id,
                    bool dry_run = false);
// Returns the new protection state as EC2 reports it ("enabled-with-cooldown", ...).
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

// Applies kImageAvailable.
void on_image_event(World& world, const Event& event);

// Name rules: 3-128 characters of letters, digits, ( ) [ ] space . / - ' @ _ (API model text,
// fact sheet §3.3). Returns InvalidAMIName.Malformed or InvalidAMIName.Duplicate.
Status check_image_name(const RegionState& region, const AccountId& owner,
                        const std::string& name);

}  // namespace sim
