// EBS volume operations (CreateVolume, AttachVolume, DetachVolume, DeleteVolume,
// DescribeVolumes) and the internal helpers instances and images use.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sim/core/query.hpp"
#include "sim/state/world.hpp"

namespace amisim::sim {

// Model time from CreateVolume to `available`, and from DeleteVolume (or termination) until the
// volume is gone. AWS publishes neither; "a few seconds" is what the console shows [?].
inline constexpr DurationMs kVolumeCreateMs = 5 * kSecondMs;
inline constexpr DurationMs kVolumeDeleteMs = 5 * kSecondMs;

struct CreateVolumeRequest {
  ZoneName zone;                // AvailabilityZone (required)
  std::optional<int> size_gib;  // Size; required unless snapshot_id
  std::optional<SnapshotId> snapshot_id;
  // standard | gp2 | gp3 | io1 | io2 | st1 | sc1; APIREF CreateVolume VolumeType: "Default: gp2"
  // (the EC2 service model's documentation, botocore 1.29 on this machine).
  std::string volume_type = "gp2";
  std::optional<int> iops;
  std::optional<int> throughput;
  bool encrypted = false;
  std::vector<TagSpecification> tag_specifications;
  bool dry_run = false;
};

// Returns the new volume (state creating -> available after kVolumeCreateMs). Errors:
// InvalidParameterValue (zone not in the caller's Region, volume type, size out of the type's
// range, size < snapshot size, tags), MissingParameter (AvailabilityZone; size/snapshot),
// InvalidSnapshot.Malformed, InvalidSnapshot.NotFound (also when the caller may not restore it),
// IncorrectState (snapshot not completed).
Result<const Volume*> create_volume(World& world, const Caller& caller,
                                    const CreateVolumeRequest& request);

struct AttachVolumeRequest {
  VolumeId volume_id;
  InstanceId instance_id;
  std::string device;
  bool dry_run = false;
};

// Returns the attachment (state "attaching" as AWS answers; stored "attached"). Errors:
// MissingParameter (device), InvalidVolume.Malformed/.NotFound, InvalidInstanceID.Malformed/
// .NotFound, VolumeInUse (already attached), IncorrectState (volume not available; instance not
// running or stopped), InvalidVolume.ZoneMismatch, InvalidParameterValue (device in use).
Result<VolumeAttachment> attach_volume(World& world, const Caller& caller,
                                       const AttachVolumeRequest& request);

struct DetachVolumeRequest {
  VolumeId volume_id;
  std::optional<InstanceId> instance_id;
  bool force = false;
  bool dry_run = false;
};
// Returns the attachment (state "detaching"); the volume is available at once. Errors:
// InvalidVolume.Malformed/.NotFound, IncorrectState (not attached; root volume of an instance
// that is not stopped), InvalidAttachment.NotFound (attached to another instance).
Result<VolumeAttachment> detach_volume(World& world, const Caller& caller,
                                       const DetachVolumeRequest& request);

// deleting, then gone after kVolumeDeleteMs. Errors: InvalidVolume.Malformed/.NotFound,
// VolumeInUse (attached), IncorrectState (creating or already deleting).
Status delete_volume(World& world, const Caller& caller, const VolumeId& volume_id,
                     bool dry_run = false);

struct DescribeVolumesRequest {
  std::vector<VolumeId> volume_ids;
  std::vector<Filter> filters;
  PageRequest page;
};
struct DescribeVolumesResult {
  std::vector<const Volume*> volumes;
  std::string next_token;
};
// The caller's volumes, ordered by ID. Errors: InvalidVolume.NotFound for a named ID the caller
// cannot see, InvalidVolume.Malformed, InvalidFilter, FilterLimitExceeded, paging errors.
Result<DescribeVolumesResult> describe_volumes(const World& world, const Caller& caller,
                                               const DescribeVolumesRequest& request);

// --- internal: used by instances and images ----------------------------------------------

// One of EBS's volume types (standard, gp2, gp3, io1, io2, st1, sc1); else InvalidParameterValue,
// as CreateVolume answers. RunInstances, CreateImage, RegisterImage and launch templates check
// their mappings' types with it.
Status check_volume_type(const std::string& type);

// A new volume holding `data` (e.g. an image's snapshot), already attached to `instance` at
// `device`, state in-use. Returns its ID.
VolumeId create_attached_volume(World& world, RegionState& region, const AccountId& owner,
                                const ZoneName& zone, const InstanceId& instance,
                                const std::string& device, const EbsBlockDevice& spec,
                                std::shared_ptr<const VolumeData> data, TimeMs attach_time);

// Writes `bytes` of new data to the volume (appending after its highest written block), as
// software installs do.
void write_to_volume(World& world, Volume& volume, std::uint64_t bytes);

// Overwrites `count` blocks from `first_block` with one new write (blocks past the volume's size
// are dropped), as a guest rewriting files in place does.
void write_blocks(World& world, Volume& volume, std::uint64_t first_block, std::uint64_t count);

// Records an installed package on the volume.
void add_package(Volume& volume, const std::string& package);

// Detaches and, if `delete_volume`, deletes the volume (instance termination).
void release_volume(World& world, RegionState& region, const VolumeId& id, bool delete_volume);

// Applies kVolumeAvailable / kVolumeDeleted.
void on_volume_event(World& world, const Event& event);

// The caller's volume with this ID in the caller's Region (not yet gone), or nullptr.
Volume* find_volume(World& world, const Caller& caller, const VolumeId& id);
const Volume* find_volume(const World& world, const Caller& caller, const VolumeId& id);

}  // namespace amisim::sim
