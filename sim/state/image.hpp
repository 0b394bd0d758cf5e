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
#include "sim/core/image_traits.hpp"
#include "sim/core/rare.hpp"
#include "sim/core/symbol.hpp"
#include "sim/core/tags.hpp"
#include "sim/core/time.hpp"

namespace amisim::sim {

// One byte, like DeregistrationProtection: they sit with the flags at the end of Image.
enum class ImageState : std::uint8_t {
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

  friend bool operator==(const EbsBlockDevice&, const EbsBlockDevice&) = default;
};

// A BlockDeviceMappings entry (images, RunInstances, CreateImage, RegisterImage).
struct BlockDeviceMapping {
  std::string device_name;
  std::optional<EbsBlockDevice> ebs;
  Rare<std::string> virtual_name;  // "ephemeral0" for instance store (sim/core/rare.hpp)
  bool no_device = false;

  friend bool operator==(const BlockDeviceMapping&, const BlockDeviceMapping&) = default;
};

enum class DeregistrationProtection : std::uint8_t {
  kDisabled,
  kEnabledWithoutCooldown,
  kEnabledWithCooldown
};

// What an AMI made from another carries of it is `traits` (sim/core/image_traits.hpp), copied
// whole in one assignment by each path, which then states its exceptions in one line each:
//   world start-up  the catalogue row's (sim/state/world.cpp).
//   CopyImage       the source's, all of them: a copy is "an identical but distinct target AMI"
//                   (UG23:CopyingAMIs.md), Marketplace codes included (fact sheet §4).
//   CreateImage     those of the instance's AMI (the instance's own copy, taken at launch, if that
//                   AMI is gone): "the AMI inherits the enhanced networking attribute from the
//                   instance" (UG23:enhanced-networking-ena.md, sriov-networking.md), product
//                   codes are kept (fact sheet §3.3), and real images made so keep BootMode,
//                   ImdsSupport and FreeTierEligible [obs] (REAL:66504345414, REAL:31482156291);
//                   TpmSupport likewise [?].
//   restore         the stored AMI's, all of them: "all of the AMI metadata (excluding sharing
//                   information) is preserved" (UG23:ami-store-restore.md); product codes too
//                   [?] (fact sheet §6 leaves product-code AMIs open).
// RegisterImage and VM Import make an AMI from snapshots or disks, not from another AMI: their
// traits come from the request or the import task. Not in the traits, set by each path: identity,
// Region, owner, name and description (a restore keeps the stored description, and the name
// unless given one), location, state, dates, mappings, tags (a restore keeps the user tags,
// CopyImage copies them on request only), sharing, deprecation, protection, the public SSM
// parameter name. Lineage: CopyImage, CreateImage (the instance's AMI) and restore (the stored
// AMI) record their source as SourceImageId/SourceImageRegion (fact sheet §9; APIREF
// Image.SourceImageId: it "only appears if the AMI was created using CreateImage, CopyImage, or
// CreateRestoreImageTask"); CreateImage also its SourceInstanceId.
//
// Members most images leave at their default (most: a catalogue image has none of them) are
// Rare (sim/core/rare.hpp): a pointer each until set. The small members are together at the end.
struct Image {
  ImageId id;
  RegionName region;
  AccountId owner;
  Symbol owner_alias;  // "amazon", "aws-marketplace" or "": the fixtures' few (sim/core/symbol.hpp)
  std::string name;
  std::string description;
  Rare<std::string> state_reason_code;
  Rare<std::string> state_reason_message;
  TimeMs creation = 0;
  ImageTraits traits;
  // ImageLocation, read and set through image_location() and set_image_location(). Every image
  // amisim makes has "<prefix>/<name>" (its owner's ID; "amazon" or "aws-marketplace" in the
  // catalogue), kept as the prefix alone, short enough for the string's own buffer: no heap block
  // per image. A location not ending in "/<name>" (an image file may give any) is kept whole.
  std::string location_head;
  Rare<std::string> public_ssm_parameter;
  std::vector<BlockDeviceMapping> mappings;
  Rare<std::set<AccountId>> launch_permissions;
  Rare<Tags> tags;                 // the owner's
  Rare<GranteeTags> grantee_tags;  // other accounts' own (sim/core/tags.hpp: tags_seen_by)
  std::optional<TimeMs> deprecation_time;
  Rare<std::optional<TimeMs>> protection_cooldown_until;  // "disabled after <time>"
  Rare<std::optional<TimeMs>> last_launched_time;
  Rare<std::optional<TimeMs>> deregistered_at;
  Rare<InstanceId> source_instance_id;
  Rare<ImageId> source_image_id;
  Rare<RegionName> source_image_region;
  std::uint64_t pending_seq = 0;
  ImageState state = ImageState::kPending;
  DeregistrationProtection protection = DeregistrationProtection::kDisabled;
  bool is_public = false;
  bool restored_from_s3 = false;   // made by CreateRestoreImageTask (its in-progress quota)
  bool location_is_whole = false;  // location_head is the whole ImageLocation

  std::string image_location() const;
  // After `name` is set: the location is kept relative to it.
  void set_image_location(std::string_view location);

  // Every member: a state snapshot leaves out the catalogue images equal to a fresh world's.
  friend bool operator==(const Image&, const Image&) = default;
};

}  // namespace amisim::sim
