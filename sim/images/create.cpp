// CreateImage (from an instance) and RegisterImage (from snapshots). Facts: fact sheet §3.3, §3.4.
#include <fmt/format.h>

#include <algorithm>

#include "sim/core/text.hpp"
#include "sim/ebs/snapshot_tiers.hpp"
#include "sim/ebs/snapshots.hpp"
#include "sim/images/detail.hpp"
#include "sim/images/images.hpp"
#include "sim/instances/instances.hpp"

namespace amisim::sim {
namespace {

// A new image owned by the caller, with what every image starts with.
Image new_image(World& world, const Caller& caller, const std::string& name,
                const std::string& description) {
  Image image;
  image.id = ImageId(world.new_id("ami"));
  image.region = caller.region;
  image.owner = caller.account;
  image.owner_alias = world.owner_alias(caller.account);
  image.name = name;
  image.description = description;
  image.creation = world.now();
  // EBS-backed AMIs report "<owner>/<name>" as their location.
  image.set_image_location(caller.account.str() + "/" + name);
  return image;
}

// The traits an image made from `instance` carries (sim/state/image.hpp): its AMI's; the
// instance's own copy of them, taken at launch, when that AMI is no longer in the Region.
const ImageTraits& instance_traits(const RegionState& region, const Instance& instance) {
  auto it = region.images.find(instance.image_id);
  return it == region.images.end() ? instance.traits : it->second.traits;
}

const BlockDeviceMapping* requested_mapping(const CreateImageRequest& request,
                                            const std::string& device) {
  for (const auto& m : request.block_device_mappings) {
    if (m.device_name == device) return &m;
  }
  return nullptr;
}

// CreateImage's mappings may change only DeleteOnTermination of the instance's volumes (fact
// sheet §3.3), may leave a volume out (NoDevice) and may add instance-store devices.
Status check_create_mappings(const RegionState& region, const Instance& instance,
                             const CreateImageRequest& request) {
  for (const auto& m : request.block_device_mappings) {
    if (!m.ebs) continue;
    auto bd =
        std::find_if(instance.block_devices.begin(), instance.block_devices.end(),
                     [&](const InstanceBlockDevice& b) { return b.device_name == m.device_name; });
    if (bd == instance.block_devices.end()) continue;  // a new empty volume: allowed
    const Volume& v = region.volumes.at(bd->volume_id);
    const EbsBlockDevice& e = *m.ebs;
    const bool changed = e.snapshot_id || (e.volume_size_gib && *e.volume_size_gib != v.size_gib) ||
                         (e.encrypted && !v.encrypted) || (e.iops && e.iops != v.iops) ||
                         (e.throughput && e.throughput != v.throughput);
    if (changed) return errors::create_image_mapping_changed(m.device_name);
  }
  return ok_status();
}

Status check_create_request(const World& world, const Caller& caller, const Instance& instance,
                            const CreateImageRequest& request) {
  if (request.name.empty()) return errors::missing_image_name();
  const RegionState& region = world.region_of(caller);
  if (auto s = check_image_name(region, caller.account, request.name); !s) return s;
  if (auto s = check_description("Description", request.description); !s) return s;
  if (auto s = check_mappings_text(request.block_device_mappings); !s) return s;
  // Running or stopped only (fact sheet §3.3).
  if (instance.state != InstanceState::kRunning && instance.state != InstanceState::kStopped)
    return errors::cannot_create_image(instance.id.str());
  if (auto s = check_tag_resource_types(request.tag_specifications, {"image", "snapshot"}); !s)
    return s;
  if (auto s = validate_tags(tags_for(request.tag_specifications, "image")); !s) return s;
  if (auto s = validate_tags(tags_for(request.tag_specifications, "snapshot")); !s) return s;
  return check_create_mappings(region, instance, request);
}

// Snapshots one attached volume for the image and returns the image's mapping for it.
BlockDeviceMapping snapshot_device(World& world, RegionState& region, const Image& image,
                                   const InstanceBlockDevice& bd, const BlockDeviceMapping* asked,
                                   const std::vector<Tag>& snapshot_tags) {
  const Volume& volume = region.volumes.at(bd.volume_id);
  Snapshot& snap = take_snapshot(world, region, volume, image.owner,
                                 fmt::format("Created by CreateImage({}) for {}",
                                             image.source_instance_id->str(), image.id.str()));
  apply_tags(snap.tags, snapshot_tags);
  EbsBlockDevice ebs;
  ebs.snapshot_id = snap.id;
  ebs.volume_size_gib = volume.size_gib;
  ebs.volume_type = volume.volume_type;
  ebs.iops = volume.iops;
  ebs.throughput = volume.throughput;
  ebs.encrypted = volume.encrypted;
  ebs.delete_on_termination =
      asked && asked->ebs ? asked->ebs->delete_on_termination : bd.delete_on_termination;
  return BlockDeviceMapping{bd.device_name, ebs, "", false};
}

// Snapshots every attached EBS volume not left out; records the other requested mappings.
// Returns the latest completion time of the snapshots taken.
TimeMs build_mappings(World& world, RegionState& region, const Instance& instance, Image& image,
                      const CreateImageRequest& request) {
  TimeMs ready = world.now();
  const auto snapshot_tags = tags_for(request.tag_specifications, "snapshot");
  for (const auto& bd : instance.block_devices) {
    const BlockDeviceMapping* asked = requested_mapping(request, bd.device_name);
    if (asked && asked->no_device) continue;
    image.mappings.push_back(snapshot_device(world, region, image, bd, asked, snapshot_tags));
    const SnapshotId& id = *image.mappings.back().ebs->snapshot_id;
    ready = std::max(ready, region.snapshots.at(id).completion_time);
  }
  for (const auto& m : request.block_device_mappings) {
    const bool attached =
        std::any_of(instance.block_devices.begin(), instance.block_devices.end(),
                    [&](const auto& b) { return b.device_name == m.device_name; });
    if (!attached && !m.no_device) image.mappings.push_back(m);
  }
  return ready;
}

}  // namespace

Result<ImageId> create_image(World& world, const Caller& caller,
                             const CreateImageRequest& request) {
  if (!is_well_formed_id("i", request.instance_id.str()))
    return errors::instance_id_malformed(request.instance_id.str());
  Instance* instance = find_instance(world, caller, request.instance_id);
  if (!instance) return errors::instance_not_found(request.instance_id.str());
  if (auto s = check_create_request(world, caller, *instance, request); !s) return s.error();
  if (request.dry_run) return errors::dry_run();

  RegionState& region = world.region_of(caller);
  Image image = new_image(world, caller, request.name, request.description);
  image.traits = instance_traits(region, *instance);  // all of them (sim/state/image.hpp)
  image.source_instance_id = instance->id;
  image.source_image_id = instance->image_id;  // its lineage: the instance's AMI (fact sheet §9)
  image.source_image_region = instance->region;
  image.tags.change([&](Tags& t) { apply_tags(t, tags_for(request.tag_specifications, "image")); });
  // The reboot happens around the snapshot; the model takes the data as it is at the call.
  if (!request.no_reboot && instance->state == InstanceState::kRunning)
    begin_reboot(world, *instance);
  const TimeMs ready = build_mappings(world, region, *instance, image, request);
  const ImageId id = image.id;
  Image& stored = region.images.emplace(id, std::move(image)).first->second;
  index_name(region, stored);
  schedule_available(world, stored, ready);
  return id;
}

namespace {

// RegisterImage's mappings: snapshots must exist here and be visible to the caller, sizes must
// hold them, and the root device must be one of them with a snapshot.
Status check_register_mappings(const World& world, const Caller& caller,
                               const RegisterImageRequest& request) {
  bool root_found = false;
  for (const auto& m : request.block_device_mappings) {
    if (!m.ebs || !m.ebs->snapshot_id) continue;
    const std::string& sid = m.ebs->snapshot_id->str();
    if (!is_well_formed_id("snap", sid)) return errors::snapshot_id_malformed(sid);
    const Snapshot* snap = find_visible_snapshot(world, caller, *m.ebs->snapshot_id);
    if (!snap) return errors::snapshot_not_found(sid);
    if (auto ok = check_snapshot_usable(*snap); !ok) return ok;  // archived: restore first
    if (m.ebs->volume_size_gib && *m.ebs->volume_size_gib < snap->volume_size_gib)
      return errors::block_device_too_small(*m.ebs->volume_size_gib, sid, snap->volume_size_gib);
    if (m.device_name == request.root_device_name) root_found = true;
  }
  // AWS requires the root device among the mappings.
  if (!root_found) return errors::root_device_without_snapshot(request.root_device_name);
  return ok_status();
}

// The free text RegisterImage keeps as given (sim/core/text.hpp).
Status check_register_text(const RegisterImageRequest& r) {
  if (auto s = check_description("Description", r.description); !s) return s;
  for (const auto& [parameter, value] :
       {std::pair<std::string_view, const std::string&>{"RootDeviceName", r.root_device_name},
        {"Architecture", r.architecture},
        {"VirtualizationType", r.virtualization_type},
        {"SriovNetSupport", r.sriov_net_support},
        {"BootMode", r.boot_mode},
        {"TpmSupport", r.tpm_support},
        {"ImdsSupport", r.imds_support}}) {
    if (auto s = check_text(parameter, value); !s) return s;
  }
  for (const auto& code : r.billing_products) {
    if (auto s = check_text("BillingProduct", code); !s) return s;
  }
  return check_mappings_text(r.block_device_mappings);
}

Status check_register_request(const World& world, const Caller& caller,
                              const RegisterImageRequest& request) {
  if (request.name.empty()) return errors::missing_image_name();
  if (auto s = check_image_name(world.region_of(caller), caller.account, request.name); !s)
    return s;
  if (auto s = check_register_text(request); !s) return s;
  // Instance-store AMIs from an S3 manifest are outside the model (DESIGN.md: nothing launches
  // straight from S3).
  if (request.block_device_mappings.empty()) return errors::s3_manifest_registration_unsupported();
  if (request.root_device_name.empty()) return errors::missing_root_device_name();
  if (auto s = check_tag_resource_types(request.tag_specifications, {"image"}); !s) return s;
  if (auto s = validate_tags(tags_for(request.tag_specifications, "image")); !s) return s;
  return check_register_mappings(world, caller, request);
}

void fill_registered(const RegisterImageRequest& request, Image& image) {
  // AWS's defaults for RegisterImage: i386 and paravirtual (fact sheet §3.4).
  image.traits.architecture = request.architecture.empty() ? "i386" : request.architecture;
  image.traits.virtualization_type =
      request.virtualization_type.empty() ? "paravirtual" : request.virtualization_type;
  image.traits.root_device_name = request.root_device_name;
  image.traits.ena_support = request.ena_support;
  image.traits.sriov_net_support = request.sriov_net_support;
  image.traits.boot_mode = request.boot_mode;
  image.traits.tpm_support = request.tpm_support;
  image.traits.imds_support = request.imds_support;
  image.traits.billing_products = request.billing_products;
  image.mappings = request.block_device_mappings;
  image.tags.change([&](Tags& t) { apply_tags(t, tags_for(request.tag_specifications, "image")); });
}

}  // namespace

// RegisterImage only records metadata over snapshots that already exist, so the image is
// available at once when they are complete [?: no source states the registration delay]; with a
// snapshot still pending it stays pending until that snapshot completes.
Result<ImageId> register_image(World& world, const Caller& caller,
                               const RegisterImageRequest& request) {
  if (auto s = check_register_request(world, caller, request); !s) return s.error();
  if (request.dry_run) return errors::dry_run();
  RegionState& region = world.region_of(caller);
  Image image = new_image(world, caller, request.name, request.description);
  fill_registered(request, image);
  for (auto& m : image.mappings) {
    if (!m.ebs || !m.ebs->snapshot_id) continue;
    const Snapshot& snap = region.snapshots.at(*m.ebs->snapshot_id);
    if (!m.ebs->volume_size_gib) m.ebs->volume_size_gib = snap.volume_size_gib;
    m.ebs->encrypted = snap.encrypted;  // the snapshot decides (fact sheet §3.4)
  }
  const ImageId id = image.id;
  Image& stored = region.images.emplace(id, std::move(image)).first->second;
  index_name(region, stored);
  stored.state = ImageState::kAvailable;
  for (const SnapshotId& sid : image_snapshots(stored)) {
    const Snapshot& snap = region.snapshots.at(sid);
    if (snap.state == SnapshotState::kPending) stored.state = ImageState::kPending;
  }
  if (stored.state == ImageState::kPending) schedule_available(world, stored, world.now());
  return id;
}

}  // namespace amisim::sim
