// An EBS volume: lives in one Availability Zone, holds data (VolumeData), may be attached to one
// instance. States per the EC2 API's VolumeState enum (fact sheet §5).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "sim/core/ids.hpp"
#include "sim/core/tags.hpp"
#include "sim/core/time.hpp"
#include "sim/state/volume_data.hpp"

namespace amisim::sim {

enum class VolumeState { kCreating, kAvailable, kInUse, kDeleting, kDeleted, kError };
std::string_view to_string(VolumeState s);

struct VolumeAttachment {
  InstanceId instance_id;
  std::string device;  // "/dev/xvda"
  TimeMs attach_time = 0;
  bool delete_on_termination = false;
  std::string state = "attached";  // "attaching" | "attached" | "detaching"
};

struct Volume {
  VolumeId id;
  RegionName region;
  ZoneName zone;
  AccountId owner;
  int size_gib = 8;
  std::string volume_type = "gp3";
  std::optional<int> iops;
  std::optional<int> throughput;
  bool encrypted = false;
  std::optional<SnapshotId> snapshot_id;  // the snapshot it was created from
  VolumeState state = VolumeState::kCreating;
  TimeMs create_time = 0;
  std::optional<VolumeAttachment> attachment;
  Tags tags;
  // Copy on write: shared with the snapshot it came from until the first write.
  std::shared_ptr<const VolumeData> data = std::make_shared<VolumeData>();
  std::uint64_t pending_seq = 0;  // the event this volume waits for; stale events are ignored
};

}  // namespace amisim::sim
