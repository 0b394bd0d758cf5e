// An EBS snapshot: lives in one Region, holds an immutable copy of a volume's data, and is
// accounted incrementally in its owner's StoragePool for that Region. States per the EC2 API's
// SnapshotState enum (fact sheet §5).
#pragma once

#include <cstdint>
#include <memory>
#include <set>
#include <string>

#include "sim/ids.hpp"
#include "sim/tags.hpp"
#include "sim/time.hpp"
#include "sim/volume_data.hpp"

namespace sim {

enum class SnapshotState { kPending, kCompleted, kError, kRecoverable, kRecovering };
std::string_view to_string(SnapshotState s);

struct Snapshot {
  SnapshotId id;
  RegionName region;
  AccountId owner;
  std::string owner_alias;  // "amazon" for catalogue snapshots
  VolumeId volume_id;       // the source volume ("vol-ffffffff" when none)
  int volume_size_gib = 8;
  std::string description;
  SnapshotState state = SnapshotState::kPending;
  TimeMs start_time = 0;
  TimeMs completion_time = 0;  // when it becomes completed
  bool encrypted = false;
  std::string storage_tier = "standard";
  Tags tags;
  std::shared_ptr<const VolumeData> data;
  std::uint64_t pool_order = 0;  // creation order in the owner's StoragePool
  bool is_public = false;                          // createVolumePermission group all
  std::set<AccountId> create_volume_permissions;   // accounts that may restore it
  std::uint64_t pending_seq = 0;
  // Encryption key (a KMS key ARN) when encrypted; "" otherwise.
  std::string kms_key_id;
  // Copies (CopySnapshot, CopyImage): where the data came from, the bytes that crossed (the
  // blocks the destination owner's pool lacked), and the AMI copy this snapshot was made for
  // (empty for CopySnapshot). Empty/0 for snapshots that are not copies.
  SnapshotId source_snapshot_id;
  RegionName source_region;
  std::uint64_t copy_bytes = 0;
  ImageId copied_for_image;
};

}  // namespace sim
