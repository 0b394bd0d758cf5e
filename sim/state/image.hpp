// An AMI: lives in one Region, owned by one account, backed by EBS snapshots through its block
// device mappings. States per the EC2 API's ImageState enum; only `available` launches (fact
// sheet §3).
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "sim/core/fixtures.hpp"
#include "sim/core/ids.hpp"
#include "sim/core/tags.hpp"
#include "sim/core/time.hpp"

namespace amisim::sim {

enum class ImageState {
  kPending,
  kAvailable,
  kInvalid,
  kDeregistered,
  kTransient,
  kFailed,
  kError,
  kDisabled
};
std::string_view to_string(ImageState s);

struct EbsBlockDevice {
  std::optional<SnapshotId> snapshot_id;
  std::optional<int> volume_size_gib;  // defaults to the snapshot's size
  std::string volume_type = "gp3";
  bool delete_on_termination = true;
  bool encrypted = false;
  std::optional<int> iops;
  std::optional<int> throughput;
};

// A BlockDeviceMappings entry (images, RunInstances, CreateImage, RegisterImage).
struct BlockDeviceMapping {
  std::string device_name;
  std::optional<EbsBlockDevice> ebs;
  std::string virtual_name;  // "ephemeral0" for instance store
  bool no_device = false;
};

enum class DeregistrationProtection { kDisabled, kEnabledWithoutCooldown, kEnabledWithCooldown };

struct Image {
  ImageId id;
  RegionName region;
  AccountId owner;
  std::string owner_alias;
  std::string name;
  std::string description;
  ImageState state = ImageState::kPending;
  std::string state_reason_code;
  std::string state_reason_message;
  TimeMs creation = 0;
  std::string architecture = "x86_64";
  std::string platform;  // "windows" or ""
  std::string platform_details = "Linux/UNIX";
  std::string usage_operation = "RunInstances";
  std::vector<std::string> billing_products;
  std::vector<ProductCode> product_codes;
  std::string root_device_name = "/dev/xvda";
  std::string root_device_type = "ebs";
  std::string virtualization_type = "hvm";
  std::string hypervisor = "xen";
  std::string image_type = "machine";
  std::string image_location;
  std::string boot_mode;
  std::string tpm_support;
  std::string imds_support;
  std::string sriov_net_support = "simple";
  bool ena_support = true;
  bool free_tier_eligible = false;  // Image.FreeTierEligible
  std::string public_ssm_parameter;
  std::vector<BlockDeviceMapping> mappings;
  bool is_public = false;
  std::set<AccountId> launch_permissions;
  Tags tags;
  std::optional<TimeMs> deprecation_time;
  DeregistrationProtection protection = DeregistrationProtection::kDisabled;
  std::optional<TimeMs> protection_cooldown_until;  // "disabled after <time>"
  bool restored_from_s3 = false;  // made by CreateRestoreImageTask (its in-progress quota)
  std::optional<TimeMs> last_launched_time;
  std::optional<TimeMs> deregistered_at;
  InstanceId source_instance_id;
  ImageId source_image_id;
  RegionName source_image_region;
  std::uint64_t pending_seq = 0;
};

}  // namespace amisim::sim
