#include "sim/ebs/snapshots.hpp"

#include <algorithm>

#include "sim/billing/metering.hpp"
#include "sim/core/text.hpp"
#include "sim/ebs/snapshot_block_public_access.hpp"
#include "sim/ebs/snapshot_locks.hpp"
#include "sim/ebs/snapshot_tiers.hpp"
#include "sim/ebs/volumes.hpp"
#include "sim/rbin/rbin.hpp"

namespace amisim::sim {
namespace {

// The snapshot a call means to change: it must exist in the caller's Region and be the
// caller's. Another account's snapshot is "not found" unless the caller can see it, in which
// case EC2's owner refusal applies [?] (no source gives DeleteSnapshot's answer here).
Status check_owned(const World& world, const Caller& caller, const SnapshotId& id) {
  if (!is_well_formed_id("snap", id.str())) return errors::snapshot_id_malformed(id.str());
  const RegionState& region = world.region_of(caller);
  auto it = region.snapshots.find(id);
  if (it == region.snapshots.end() || !snapshot_visible_to(region, it->second, caller.account))
    return errors::snapshot_not_found(id.str());
  if (it->second.owner != caller.account) return errors::snapshot_not_owned();
  return ok_status();
}

Result<Snapshot*> owned_snapshot(World& world, const Caller& caller, const SnapshotId& id) {
  if (auto ok = check_owned(world, caller, id); !ok) return ok.error();
  return &world.region_of(caller).snapshots.at(id);
}

// A new snapshot's description and tags (CreateSnapshot, CreateSnapshots).
Status check_labels(const std::string& description, const std::vector<TagSpecification>& specs) {
  if (auto ok = check_description("Description", description); !ok) return ok;
  if (auto ok = check_tag_resource_types(specs, {"snapshot"}); !ok) return ok;
  return validate_tags(tags_for(specs, "snapshot"));
}

Status check_create(const Volume* volume, const CreateSnapshotRequest& request) {
  if (!volume) return errors::volume_not_found(request.volume_id.str());
  if (volume->state != VolumeState::kAvailable && volume->state != VolumeState::kInUse)
    return errors::volume_incorrect_state(volume->id.str(), to_string(volume->state));
  return check_labels(request.description, request.tag_specifications);
}

}  // namespace

Result<const Snapshot*> create_snapshot(World& world, const Caller& caller,
                                        const CreateSnapshotRequest& request) {
  if (!is_well_formed_id("vol", request.volume_id.str()))
    return errors::volume_id_malformed(request.volume_id.str());
  const Volume* volume = find_volume(world, caller, request.volume_id);
  if (auto ok = check_create(volume, request); !ok) return ok.error();
  if (request.dry_run) return errors::dry_run();
  Snapshot& s =
      take_snapshot(world, world.region_of(caller), *volume, caller.account, request.description);
  apply_tags(s.tags, tags_for(request.tag_specifications, "snapshot"));
  return &s;
}

namespace {

// The volumes CreateSnapshots takes, in the instance's device order, or why not.
Result<std::vector<const Volume*>> snapshot_set(const RegionState& region, const Instance& instance,
                                                const CreateSnapshotsRequest& request) {
  for (const VolumeId& id : request.exclude_volume_ids) {
    if (!is_well_formed_id("vol", id.str())) return errors::volume_id_malformed(id.str());
    auto device = std::find_if(instance.block_devices.begin(), instance.block_devices.end(),
                               [&](const InstanceBlockDevice& d) { return d.volume_id == id; });
    if (device == instance.block_devices.end())
      return errors::snapshot_set_volume_not_attached(id.str(), instance.id.str());
    if (device->device_name == instance.traits.root_device_name)
      return errors::snapshot_set_root_excluded(id.str());
  }
  std::vector<const Volume*> out;
  for (const InstanceBlockDevice& d : instance.block_devices) {
    if (request.exclude_boot_volume && d.device_name == instance.traits.root_device_name) continue;
    if (std::find(request.exclude_volume_ids.begin(), request.exclude_volume_ids.end(),
                  d.volume_id) != request.exclude_volume_ids.end())
      continue;
    auto v = region.volumes.find(d.volume_id);
    if (v != region.volumes.end()) out.push_back(&v->second);
  }
  if (out.empty()) return errors::snapshot_set_empty(instance.id.str());
  return out;
}

}  // namespace

Result<std::vector<const Snapshot*>> create_snapshots(World& world, const Caller& caller,
                                                      const CreateSnapshotsRequest& request) {
  const std::string& id = request.instance_id.str();
  if (!is_well_formed_id("i", id)) return errors::instance_id_malformed(id);
  RegionState& region = world.region_of(caller);
  auto it = region.instances.find(request.instance_id);
  if (it == region.instances.end() || it->second.owner != caller.account)
    return errors::instance_not_found(id);
  const Instance& instance = it->second;
  if (instance.state != InstanceState::kRunning && instance.state != InstanceState::kStopped)
    return errors::instance_not_running_or_stopped(id);
  auto volumes = snapshot_set(region, instance, request);
  if (!volumes) return volumes.error();
  if (auto ok = check_labels(request.description, request.tag_specifications); !ok)
    return ok.error();
  if (request.dry_run) return errors::dry_run();
  const std::vector<Tag> tags = tags_for(request.tag_specifications, "snapshot");
  std::vector<const Snapshot*> out;
  for (const Volume* volume : *volumes) {
    Snapshot& s = take_snapshot(world, region, *volume, caller.account, request.description);
    if (request.copy_tags_from_volume) copy_user_tags(s.tags, volume->tags);
    apply_tags(s.tags, tags);  // the request's win over the volume's [?]
    out.push_back(&s);
  }
  return out;
}

Status delete_snapshot(World& world, const Caller& caller, const SnapshotId& snapshot_id,
                       bool dry_run) {
  auto snapshot = owned_snapshot(world, caller, snapshot_id);
  if (!snapshot) return snapshot.error();
  RegionState& region = world.region_of(caller);
  if (const Image* image = image_using_snapshot(region, snapshot_id))
    return errors::snapshot_in_use(snapshot_id.str(), image->id.str());
  if (auto ok = check_snapshot_deletable(**snapshot, world.now()); !ok) return ok;
  if (dry_run) return errors::dry_run();
  const Snapshot& s = **snapshot;
  // A retention rule keeps a completed snapshot in the Recycle Bin with its blocks and its bill,
  // archived or not (facts §R); one still pending or changing tier is deleted as before [?].
  if (s.state == SnapshotState::kCompleted && s.tiering_seq == 0) {
    if (const RetentionRule* rule =
            retaining_rule(world, region, caller.account, RbinResourceType::kSnapshot, s.tags)) {
      bin_snapshot(world, region, snapshot_id, *rule);
      return ok_status();
    }
  }
  note_snapshot_deleted(world, region, s);  // an archive copy's end, for billing
  // Blocks other snapshots still hold stay stored and pass to the next holder (fact sheet §5).
  // An archived snapshot's blocks already left the pool: removing them again changes nothing.
  const AccountId owner = s.owner;
  if (s.pool_order != 0) region.accounts.at(s.owner).pool.remove(s.pool_order, s.data->blocks);
  region.snapshots.erase(snapshot_id);
  meter_snapshots(world, region, owner);
  return ok_status();
}

Status modify_snapshot_attribute(World& world, const Caller& caller,
                                 const ModifySnapshotAttributeRequest& request) {
  auto snapshot = owned_snapshot(world, caller, request.snapshot_id);
  if (!snapshot) return snapshot.error();
  if (request.attribute != "createVolumePermission")
    return errors::unknown_attribute(request.attribute);
  if (request.operation_type != "add" && request.operation_type != "remove")
    return errors::operation_type_invalid(request.operation_type);
  for (const auto& group : request.groups) {
    if (group != "all")  // "all" is the only group (EC2 API reference, CreateVolumePermission)
      return errors::volume_permission_group_invalid(group);
  }
  for (const auto& user : request.user_ids) {
    if (!is_account_id(user.str())) return errors::invalid_user_id_malformed(user.str());
  }
  // Archived snapshots cannot be shared (UG23:snapshot-archive.md); removing stays allowed.
  if (request.operation_type == "add") {
    if (auto ok = check_snapshot_usable(**snapshot); !ok) return ok;
    if (!request.groups.empty()) {
      if (auto ok = check_public_sharing_allowed(world.region_of(caller), **snapshot); !ok)
        return ok;
    }
  }
  if (request.dry_run) return errors::dry_run();
  Snapshot& s = **snapshot;
  const bool add = request.operation_type == "add";
  if (!request.groups.empty()) s.is_public = add;
  for (const auto& user : request.user_ids) {
    if (add)
      s.create_volume_permissions.insert(user);
    else
      s.create_volume_permissions.erase(user);
  }
  return ok_status();
}

Result<SnapshotAttribute> describe_snapshot_attribute(const World& world, const Caller& caller,
                                                      const SnapshotId& snapshot_id,
                                                      const std::string& attribute) {
  if (auto ok = check_owned(world, caller, snapshot_id); !ok) return ok.error();
  if (attribute != "createVolumePermission") return errors::unknown_attribute(attribute);
  const Snapshot& s = world.region_of(caller).snapshots.at(snapshot_id);
  SnapshotAttribute out;
  out.snapshot_id = s.id;
  out.user_ids.assign(s.create_volume_permissions.begin(), s.create_volume_permissions.end());
  out.is_public = s.is_public;
  return out;
}

int snapshot_progress_percent(const Snapshot& snapshot, TimeMs now) {
  if (snapshot.state != SnapshotState::kPending) return 100;
  const DurationMs total = snapshot.completion_time - snapshot.start_time;
  if (total <= 0 || now >= snapshot.completion_time) return 99;  // completes on its event
  return static_cast<int>((now - snapshot.start_time) * 100 / total);
}

bool snapshot_visible_to(const RegionState& region, const Snapshot& snapshot,
                         const AccountId& account) {
  return snapshot.owner == account || snapshot_publicly_available(region, snapshot) ||
         snapshot.create_volume_permissions.count(account) != 0;
}

Result<Snapshot*> find_owned_snapshot(World& world, const Caller& caller, const SnapshotId& id) {
  return owned_snapshot(world, caller, id);
}

const Snapshot* find_visible_snapshot(const World& world, const Caller& caller,
                                      const SnapshotId& id) {
  const RegionState& region = world.region_of(caller);
  auto it = region.snapshots.find(id);
  if (it == region.snapshots.end() || !snapshot_visible_to(region, it->second, caller.account))
    return nullptr;
  return &it->second;
}

Snapshot& add_pending_snapshot(World& world, RegionState& region, Snapshot s) {
  Event e;
  e.at = s.completion_time;
  e.kind = EventKind::kSnapshotCompleted;
  e.region = s.region;
  e.target = s.id.str();
  s.pending_seq = world.schedule(e);
  const SnapshotId id = s.id;
  const AccountId owner = s.owner;
  Snapshot& added = region.snapshots.emplace(id, std::move(s)).first->second;
  meter_snapshots(world, region, owner);
  return added;
}

DurationMs snapshot_duration(std::uint64_t new_bytes) {
  const std::uint64_t per_second = kSnapshotBytesPerSecond;
  const auto transfer_ms =
      static_cast<DurationMs>((new_bytes * 1000 + per_second - 1) / per_second);
  return kSnapshotBaseMs + transfer_ms;
}

Snapshot& take_snapshot(World& world, RegionState& region, const Volume& volume,
                        const AccountId& owner, std::string description) {
  world.ensure_account(owner);
  Snapshot s;
  s.id = SnapshotId(world.new_id("snap"));
  s.region = region.name();
  s.owner = owner;
  s.owner_alias = world.owner_alias(owner);
  s.volume_id = volume.id;
  s.volume_size_gib = volume.size_gib;
  s.description = std::move(description);
  s.state = SnapshotState::kPending;
  s.start_time = world.now();
  s.encrypted = volume.encrypted;
  s.data = volume.data;  // immutable: volumes copy on write
  s.pool_order = region.next_pool_order++;
  // Incremental: only (block, version) pairs the owner's pool does not hold yet are new. Data
  // from another account's or a catalogue snapshot is not in this pool, so it is stored in full
  // (UG23:EBSSnapshots.md; fact sheet §5).
  const std::uint64_t new_bytes = region.accounts.at(owner).pool.add(s.pool_order, s.data->blocks);
  s.completion_time = s.start_time + snapshot_duration(new_bytes);
  return add_pending_snapshot(world, region, std::move(s));
}

void on_snapshot_event(World& world, const Event& event) {
  RegionState* region = world.region(event.region);
  if (!region) return;
  auto it = region->snapshots.find(SnapshotId(event.target));
  if (it == region->snapshots.end() || it->second.pending_seq != event.seq) return;
  Snapshot& snapshot = it->second;
  snapshot.pending_seq = 0;
  if (snapshot.state == SnapshotState::kPending) {
    snapshot.state = SnapshotState::kCompleted;
    snapshot.completion_time = event.at;
    // A copy's inter-Region transfer is metered when the data has moved: at its completion, all
    // at once (facts §T). A copy stopped before it completes (its AMI deregistered) moved nothing
    // billable [?]. Same-Region copies move nothing between Regions (meter_transfer skips them).
    if (snapshot.copy_bytes != 0 && !snapshot.source_region.empty())
      meter_transfer(world, snapshot.owner, snapshot.source_region, snapshot.region,
                     snapshot.copy_bytes, snapshot.id.str());
    start_lock_duration(snapshot, event.at);  // a lock taken while pending counts from now
  }
}

const Image* image_using_snapshot(const RegionState& region, const SnapshotId& id) {
  for (const auto& [image_id, image] : region.images) {
    if (image.state == ImageState::kDeregistered) continue;
    for (const auto& m : image.mappings) {
      if (m.ebs && m.ebs->snapshot_id == id) return &image;
    }
  }
  return nullptr;
}

std::uint64_t snapshot_stored_bytes(const RegionState& region, const Snapshot& snapshot) {
  if (snapshot.pool_order == 0) return 0;  // catalogue storage is AWS's, not accounted
  auto it = region.accounts.find(snapshot.owner);
  if (it == region.accounts.end()) return 0;
  return it->second.pool.attributed_bytes(snapshot.pool_order, snapshot.data->blocks);
}

std::uint64_t region_stored_bytes(const RegionState& region, const AccountId& owner) {
  auto it = region.accounts.find(owner);
  return it == region.accounts.end() ? 0 : it->second.pool.stored_bytes();
}

}  // namespace amisim::sim
