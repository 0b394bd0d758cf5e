#include "sim/ebs/volumes.hpp"

#include <algorithm>
#include <array>

#include "sim/billing/metering.hpp"
#include "sim/ebs/snapshot_tiers.hpp"
#include "sim/ebs/snapshots.hpp"
#include "sim/rbin/rbin.hpp"

namespace amisim::sim {
namespace {

std::uint64_t capacity_blocks(const Volume& volume) {
  return static_cast<std::uint64_t>(volume.size_gib) * kGiB / kBlockBytes;
}

// Copy on write: a snapshot (or a sibling volume) may share the current data.
VolumeData& writable_data(Volume& volume) {
  auto copy = std::make_shared<VolumeData>(*volume.data);
  VolumeData& out = *copy;
  volume.data = std::move(copy);
  return out;
}

void schedule_volume_event(World& world, Volume& volume, EventKind kind, DurationMs after) {
  Event e;
  e.at = world.now() + after;
  e.kind = kind;
  e.region = volume.region;
  e.target = volume.id.str();
  volume.pending_seq = world.schedule(e);
}

struct SizeRange {
  std::string_view type;
  int min_gib;
  int max_gib;
};

// Sizes per volume type (EC2 API reference, LaunchTemplateEbsBlockDeviceRequest.VolumeSize and
// the newer ModifyVolume.Size text, which raises gp3 to 64 TiB) [doc].
constexpr std::array<SizeRange, 7> kSizeRanges{{{"standard", 1, 1024},
                                                {"gp2", 1, 16384},
                                                {"gp3", 1, 65536},
                                                {"io1", 4, 16384},
                                                {"io2", 4, 65536},
                                                {"st1", 125, 16384},
                                                {"sc1", 125, 16384}}};

const SizeRange* size_range(const std::string& type) {
  for (const auto& r : kSizeRanges) {
    if (r.type == type) return &r;
  }
  return nullptr;
}

}  // namespace

Status check_volume_type(const std::string& type) {
  if (!size_range(type)) return errors::volume_type_invalid(type);
  return ok_status();
}

namespace {

Status check_size(const std::string& type, int size_gib) {
  const SizeRange* range = size_range(type);
  if (size_gib < range->min_gib)
    return errors::volume_size_invalid(type, size_gib, range->min_gib, true);
  if (size_gib > range->max_gib)
    return errors::volume_size_invalid(type, size_gib, range->max_gib, false);
  return ok_status();
}

// The snapshot a CreateVolume names, if the caller may restore it. Invisible snapshots are
// "not found", as EC2 hides other accounts' private snapshots.
Result<const Snapshot*> source_snapshot(const World& world, const Caller& caller,
                                        const SnapshotId& id) {
  if (!is_well_formed_id("snap", id.str())) return errors::snapshot_id_malformed(id.str());
  const Snapshot* snap = find_visible_snapshot(world, caller, id);
  if (!snap) return errors::snapshot_not_found(id.str());
  // [?] AWS restores only completed snapshots.
  if (snap->state != SnapshotState::kCompleted)
    return errors::snapshot_not_restorable(id.str(), to_string(snap->state));
  if (auto ok = check_snapshot_usable(*snap); !ok) return ok.error();  // archived: restore first
  return snap;
}

// Checks a CreateVolume request: zone, type, snapshot, size, tags (AWS does not document its
// order of checks). Returns the size the volume gets.
Result<int> check_create(const World& world, const Caller& caller, const CreateVolumeRequest& r,
                         const Snapshot** snapshot) {
  if (r.zone.empty()) return errors::missing_zone();
  if (!world.region_of(caller).has_zone(r.zone)) return errors::zone_not_found(r.zone.str());
  if (auto ok = check_volume_type(r.volume_type); !ok) return ok.error();
  // IOPS are provisioned for gp3, io1 and io2, throughput for gp3 only (APIREF CreateVolume Iops;
  // Throughput: "This parameter is valid only for gp3 volumes").
  const std::string& type = r.volume_type;
  if (r.iops && type != "gp3" && type != "io1" && type != "io2")
    return errors::volume_parameter_not_supported("iops", type);
  if (r.throughput && type != "gp3")
    return errors::volume_parameter_not_supported("throughput", type);
  *snapshot = nullptr;
  if (r.snapshot_id) {
    auto snap = source_snapshot(world, caller, *r.snapshot_id);
    if (!snap) return snap.error();
    *snapshot = *snap;
  }
  if (!r.size_gib && !*snapshot) return errors::missing_volume_size();
  const int size = r.size_gib.value_or(*snapshot ? (*snapshot)->volume_size_gib : 0);
  if (auto ok = check_size(r.volume_type, size); !ok) return ok.error();
  if (*snapshot && size < (*snapshot)->volume_size_gib)
    return errors::volume_smaller_than_snapshot(size, r.snapshot_id->str(),
                                                (*snapshot)->volume_size_gib);
  if (auto ok = check_tag_resource_types(r.tag_specifications, {"volume"}); !ok) return ok.error();
  if (auto ok = validate_tags(tags_for(r.tag_specifications, "volume")); !ok) return ok.error();
  return size;
}

}  // namespace

Result<const Volume*> create_volume(World& world, const Caller& caller,
                                    const CreateVolumeRequest& request) {
  const Snapshot* snapshot = nullptr;
  auto size = check_create(world, caller, request, &snapshot);
  if (!size) return size.error();
  if (request.dry_run) return errors::dry_run();
  RegionState& region = world.region_of(caller);
  Volume v;
  v.id = VolumeId(world.new_id("vol"));
  v.region = caller.region;
  v.zone = request.zone;
  v.owner = caller.account;
  v.size_gib = *size;
  v.volume_type = request.volume_type;
  v.iops = request.iops;
  v.throughput = request.throughput;
  // A volume restored from an encrypted snapshot is encrypted (fact sheet §5).
  v.encrypted = request.encrypted || (snapshot && snapshot->encrypted);
  v.create_time = world.now();
  apply_tags(v.tags, tags_for(request.tag_specifications, "volume"));
  if (snapshot) {
    v.snapshot_id = snapshot->id;
    v.data = snapshot->data;  // same (block, version) pairs: later snapshots are incremental
  }
  schedule_volume_event(world, v, EventKind::kVolumeAvailable, kVolumeCreateMs);
  const VolumeId id = v.id;
  Volume* added = &region.volumes.emplace(id, std::move(v)).first->second;
  meter_volume(world, *added, true);
  return added;
}

Status delete_volume(World& world, const Caller& caller, const VolumeId& volume_id, bool dry_run) {
  if (!is_well_formed_id("vol", volume_id.str()))
    return errors::volume_id_malformed(volume_id.str());
  Volume* volume = find_volume(world, caller, volume_id);
  if (!volume) return errors::volume_not_found(volume_id.str());
  if (volume->attachment)
    return errors::volume_in_use(volume_id.str(), volume->attachment->instance_id.str());
  if (volume->state != VolumeState::kAvailable && volume->state != VolumeState::kError)
    return errors::volume_incorrect_state(volume_id.str(), to_string(volume->state));
  if (dry_run) return errors::dry_run();
  // A retention rule keeps an available volume in the Recycle Bin, still billed as provisioned
  // ("billed at their standard rates", facts §R) until its retention ends.
  RegionState& region = world.region_of(caller);
  if (volume->state == VolumeState::kAvailable) {
    if (const RetentionRule* rule = retaining_rule(world, region, caller.account,
                                                   RbinResourceType::kVolume, volume->tags)) {
      bin_volume(world, region, volume_id, *rule);
      return ok_status();
    }
  }
  volume->state = VolumeState::kDeleting;
  schedule_volume_event(world, *volume, EventKind::kVolumeDeleted, kVolumeDeleteMs);
  return ok_status();
}

Volume* find_volume(World& world, const Caller& caller, const VolumeId& id) {
  RegionState& region = world.region_of(caller);
  auto it = region.volumes.find(id);
  if (it == region.volumes.end() || it->second.owner != caller.account) return nullptr;
  if (it->second.state == VolumeState::kDeleted) return nullptr;
  return &it->second;
}

const Volume* find_volume(const World& world, const Caller& caller, const VolumeId& id) {
  const RegionState& region = world.region_of(caller);
  auto it = region.volumes.find(id);
  if (it == region.volumes.end() || it->second.owner != caller.account) return nullptr;
  if (it->second.state == VolumeState::kDeleted) return nullptr;
  return &it->second;
}

VolumeId create_attached_volume(World& world, RegionState& region, const AccountId& owner,
                                const ZoneName& zone, const InstanceId& instance,
                                const std::string& device, const EbsBlockDevice& spec,
                                std::shared_ptr<const VolumeData> data, TimeMs attach_time) {
  Volume v;
  v.id = VolumeId(world.new_id("vol"));
  v.region = region.name();
  v.zone = zone;
  v.owner = owner;
  int size = 8;
  if (spec.snapshot_id) {
    auto snap = region.snapshots.find(*spec.snapshot_id);
    if (snap != region.snapshots.end()) size = snap->second.volume_size_gib;
  }
  v.size_gib = spec.volume_size_gib.value_or(size);
  v.volume_type = spec.volume_type;
  v.iops = spec.iops;
  v.throughput = spec.throughput;
  v.encrypted = spec.encrypted;
  v.snapshot_id = spec.snapshot_id;
  v.state = VolumeState::kInUse;
  v.create_time = world.now();
  v.attachment =
      VolumeAttachment{instance, device, attach_time, spec.delete_on_termination, "attached"};
  if (data) v.data = std::move(data);
  VolumeId id = v.id;
  meter_volume(world, region.volumes.emplace(id, std::move(v)).first->second, true);
  return id;
}

void write_to_volume(World& world, Volume& volume, std::uint64_t bytes) {
  std::uint64_t blocks = (bytes + kBlockBytes - 1) / kBlockBytes;
  if (blocks == 0) return;
  VolumeData& data = writable_data(volume);
  const std::uint64_t capacity = capacity_blocks(volume);
  std::uint64_t first = data.blocks.end_block();
  // A full disk reuses space: the write lands on the last blocks instead of growing past the
  // volume's size, so stored bytes never exceed what the volume can hold.
  if (first + blocks > capacity) {
    blocks = std::min(blocks, capacity);
    first = capacity - blocks;
  }
  if (blocks > 0) data.blocks.write(first, blocks, world.next_write_version());
}

void write_blocks(World& world, Volume& volume, std::uint64_t first_block, std::uint64_t count) {
  const std::uint64_t capacity = capacity_blocks(volume);
  if (first_block >= capacity) return;
  count = std::min(count, capacity - first_block);
  if (count == 0) return;
  writable_data(volume).blocks.write(first_block, count, world.next_write_version());
}

void add_package(Volume& volume, const std::string& package) {
  if (volume.data->packages.count(package)) return;
  writable_data(volume).packages.insert(package);
}

void release_volume(World& world, RegionState& region, const VolumeId& id, bool delete_volume) {
  auto it = region.volumes.find(id);
  if (it == region.volumes.end()) return;
  Volume& volume = it->second;
  volume.attachment.reset();
  if (!delete_volume) {
    volume.state = VolumeState::kAvailable;
    volume.pending_seq = 0;
    return;
  }
  volume.state = VolumeState::kDeleting;
  schedule_volume_event(world, volume, EventKind::kVolumeDeleted, kVolumeDeleteMs);
}

void on_volume_event(World& world, const Event& event) {
  RegionState* region = world.region(event.region);
  if (!region) return;
  auto it = region->volumes.find(VolumeId(event.target));
  if (it == region->volumes.end() || it->second.pending_seq != event.seq) return;
  Volume& volume = it->second;
  volume.pending_seq = 0;
  if (event.kind == EventKind::kVolumeAvailable && volume.state == VolumeState::kCreating) {
    volume.state = VolumeState::kAvailable;
  } else if (event.kind == EventKind::kVolumeDeleted && volume.state == VolumeState::kDeleting) {
    meter_volume(world, volume, false);
    region->volumes.erase(it);  // deleted volumes leave DescribeVolumes at once
  }
}

}  // namespace amisim::sim
