// AttachVolume and DetachVolume: a volume joins or leaves an instance in its own Availability
// Zone. Facts: fact sheet §5 (ZoneMismatch, VolumeInUse, IncorrectState).
#include <algorithm>

#include "sim/core/text.hpp"
#include "sim/ebs/volumes.hpp"
#include "sim/instances/instances.hpp"

namespace amisim::sim {
namespace {

// The volume a call names: malformed or someone else's is an error, as EC2 answers.
Result<Volume*> named_volume(World& world, const Caller& caller, const VolumeId& id) {
  if (!is_well_formed_id("vol", id.str())) return errors::volume_id_malformed(id.str());
  Volume* volume = find_volume(world, caller, id);
  if (!volume) return errors::volume_not_found(id.str());
  return volume;
}

Status check_attachable(const Volume& volume, const Instance& instance, const std::string& device) {
  if (volume.state == VolumeState::kInUse) return errors::volume_not_available(volume.id.str());
  if (volume.state != VolumeState::kAvailable)
    return errors::volume_incorrect_state(volume.id.str(), to_string(volume.state));
  if (volume.zone != instance.zone)
    return errors::volume_zone_mismatch(volume.id.str(), instance.id.str());
  if (instance.state != InstanceState::kRunning && instance.state != InstanceState::kStopped)
    return errors::instance_not_running_or_stopped(instance.id.str());
  for (const auto& bd : instance.block_devices) {
    if (bd.device_name == device) return errors::device_in_use(device);
  }
  return ok_status();
}

}  // namespace

Result<VolumeAttachment> attach_volume(World& world, const Caller& caller,
                                       const AttachVolumeRequest& request) {
  if (request.device.empty()) return errors::missing_device();
  if (auto ok = check_device_name(request.device); !ok) return ok.error();
  auto volume = named_volume(world, caller, request.volume_id);
  if (!volume) return volume.error();
  if (!is_well_formed_id("i", request.instance_id.str()))
    return errors::instance_id_malformed(request.instance_id.str());
  Instance* instance = find_instance(world, caller, request.instance_id);
  if (!instance) return errors::instance_not_found(request.instance_id.str());
  if (auto ok = check_attachable(**volume, *instance, request.device); !ok) return ok.error();
  if (request.dry_run) return errors::dry_run();
  const TimeMs now = world.now();
  // Volumes attached after launch persist on termination unless told otherwise (AWS default).
  (*volume)->attachment = VolumeAttachment{instance->id, request.device, now, false, "attached"};
  (*volume)->state = VolumeState::kInUse;
  instance->block_devices.push_back(
      InstanceBlockDevice{request.device, request.volume_id, false, now});
  VolumeAttachment shown = *(*volume)->attachment;
  shown.state = "attaching";  // what the AttachVolume response reports
  return shown;
}

Result<VolumeAttachment> detach_volume(World& world, const Caller& caller,
                                       const DetachVolumeRequest& request) {
  auto volume = named_volume(world, caller, request.volume_id);
  if (!volume) return volume.error();
  Volume& v = **volume;
  if (!v.attachment) return errors::volume_detach_incorrect_state(v.id.str(), to_string(v.state));
  if (request.instance_id && *request.instance_id != v.attachment->instance_id)
    return errors::attachment_not_found(v.id.str());
  Instance* instance = find_instance(world, caller, v.attachment->instance_id);
  if (instance && v.attachment->device == instance->traits.root_device_name &&
      instance->state != InstanceState::kStopped)
    return errors::root_volume_detach(v.id.str(), instance->id.str());
  if (request.dry_run) return errors::dry_run();
  VolumeAttachment shown = *v.attachment;
  shown.state = "detaching";  // what the DetachVolume response reports
  if (instance) {
    auto& bds = instance->block_devices;
    bds.erase(std::remove_if(bds.begin(), bds.end(),
                             [&](const InstanceBlockDevice& b) { return b.volume_id == v.id; }),
              bds.end());
  }
  v.attachment.reset();
  v.state = VolumeState::kAvailable;
  return shown;
}

}  // namespace amisim::sim
