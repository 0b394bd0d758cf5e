// EBS volume operations (CreateVolume, AttachVolume, DetachVolume, DeleteVolume,
// DescribeVolumes) and the internal helpers instances and images use.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sim/query.hpp"
#include "sim/world.hpp"

namespace sim {

struct CreateVolumeRequest {
  ZoneName zone;                        // AvailabilityZone (required)
  std::optional<int> size_gib;          // Size; required unless snapshot_id
  std::optional<SnapshotId> snapshot_id;
  std::string volume_type = "gp3";      // standard | gp2 | gp3 | io1 | io2 | st1 | sc1
  std::optional<int> iops;
  std::optional<int> throughput;
  bool encrypted = false;
  std::vector<TagSpecification> tag_specifications;
  bool dry_run = false;
};

// Returns the new volume (state creating -> available). Errors: InvalidParameterValue (zone not
// in the Region, size out of range, size < snapshot size), MissingParameter,
// InvalidSnapshot.NotFound (also when the caller may not restore it).
Result<const Volume*> create_volume(World& world, const Caller& caller,
                                    const CreateVolumeRequest& request);

struct AttachVolumeRequest {
  VolumeId volume_id;
  InstanceId instance_id;
  std::string device;
  bool dry_run = false;
};

// Returns the attachment. Errors: InvalidVolume.NotFound, InvalidInstanceID.NotFound,
// InvalidVolume.ZoneMismatch, VolumeInUse, IncorrectState, IncorrectInstanceState.
Result<VolumeAttachment> attach_volume(World& world, const Caller& caller,
                                       const AttachVolumeRequest& request);

struct DetachVolumeRequest {
  VolumeId volume_id;
  std::optional<InstanceId> instance_id;
  bool force = false;
  bool dry_run = false;
};
Result<VolumeAttachment> detach_volume(World& world, const Caller& caller,
                                       const DetachVolumeRequest& request);

// Errors: InvalidVolume.NotFound, VolumeInUse (attached).
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
// Errors: InvalidVolume.NotFound for a named ID the caller cannot see, InvalidFilter, paging.
Result<DescribeVolumesResult> describe_volumes(const World& world, const Caller& caller,
                                               const DescribeVolumesRequest& request);

// --- internal: used by instances and images ----------------------------------------------

// A new volume holding `data` (e.g. an image's snapshot), already attached to `instance` at
// `device`, state in-use. Returns its ID.
VolumeId create_attached_volume(World& world, RegionState& region, const AccountId& owner,
                                const ZoneName& zone, const InstanceId& instance,
                                const std::string& device, const EbsBlockDevice& spec,
                                std::shared_ptr<const VolumeData> data, TimeMs attach_time);

// Writes `bytes` of new data to the volume (appending after its highest written block), as
// software installs do.
void write_to_volume(World& world, Volume& volume, std::uint64_t bytes);

// Records an installed package on the volume.
void add_package(Volume& volume, const std::string& package);

// Detaches and, if `delete_volume`, deletes the volume (instance termination).
void release_volume(World& world, RegionState& region, const VolumeId& id, bool delete_volume);

// Applies kVolumeAvailable / kVolumeDeleted.
void on_volume_event(World& world, const Event& event);

}  // namespace sim
