// The Recycle Bin of one Region (sim/rbin/rbin.hpp has its rules; facts §R in docs/aws-facts.md):
// retention rules, and the images, snapshots and volumes deleted while a rule matched them.
// A binned resource leaves its Region's map for the bin, whole, under its own ID: nothing that
// looks resources up sees it (it is "gone from Describe"), and a restore puts the same record
// back. Its data stays where it was: a binned snapshot keeps its blocks in its owner's
// StoragePool and is billed as before ("Resources in the Recycle Bin are billed at their standard
// rates", UG23:recycle-bin.md), a binned volume keeps its meter line, until the retention ends.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sim/core/ids.hpp"
#include "sim/core/tags.hpp"
#include "sim/core/time.hpp"
#include "sim/state/image.hpp"
#include "sim/state/snapshot.hpp"
#include "sim/state/volume.hpp"

namespace amisim::sim {

// The rbin API's ResourceType enum.
enum class RbinResourceType : std::uint8_t { kSnapshot, kImage, kVolume };
std::string_view to_string(RbinResourceType t);  // "EBS_SNAPSHOT" | "EC2_IMAGE" | "EBS_VOLUME"

// A ResourceTag of a rule: a key and, optionally, a value ([?] no value matches any value).
struct RbinResourceTag {
  std::string key;
  std::optional<std::string> value;
};

// A retention rule (RBIN:CreateRule). Tag-level when resource_tags is not empty, else
// Region-level (which may carry exclusion tags). Lock: never locked (lock_state "" = the API's
// null), locked, or unlocked at `unlock_requested_at` (pending_unlock until that plus the delay,
// then unlocked); sim/rbin/rbin.hpp computes the state from the clock.
struct RetentionRule {
  std::string id;  // 11 characters of [0-9a-zA-Z]
  AccountId owner;
  RegionName region;
  std::string description;
  RbinResourceType resource_type = RbinResourceType::kSnapshot;
  int retention_days = 1;
  std::vector<RbinResourceTag> resource_tags;
  std::vector<RbinResourceTag> exclude_resource_tags;
  std::vector<Tag> tags;  // the rule's own tags, in the order given
  TimeMs created = 0;
  TimeMs active_from = 0;                // Status "pending" before, "available" from then
  std::optional<int> unlock_delay_days;  // set by the first lock; kept once set
  bool locked = false;
  std::optional<TimeMs> unlock_requested_at;  // UnlockRule while locked
};

// When a resource entered the bin, when its retention ends, which rule kept it, and the
// expiry event that deletes it for good (stale once restored).
struct BinStay {
  TimeMs enter = 0;
  TimeMs exit = 0;
  std::string rule_id;
  std::uint64_t expiry_seq = 0;
};

struct BinnedImage {
  Image image;  // as it was when deregistered (state, sharing, protection), restored as is
  BinStay stay;
};
struct BinnedSnapshot {
  Snapshot snapshot;  // sharing kept: "all of the previous sharing permissions are restored"
  BinStay stay;
};
struct BinnedVolume {
  Volume volume;
  BinStay stay;
};

struct RecycleBin {
  std::map<std::string, RetentionRule> rules;  // every account's, by ID
  IdMap<ImageId, BinnedImage> images;
  IdMap<SnapshotId, BinnedSnapshot> snapshots;
  IdMap<VolumeId, BinnedVolume> volumes;
};

}  // namespace amisim::sim
