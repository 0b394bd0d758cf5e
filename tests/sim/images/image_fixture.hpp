// Helpers for the image tests: an instance to image, a snapshot to register, an image of one's own.
#pragma once

#include "harness.hpp"
#include "sim/ebs/snapshots.hpp"
#include "sim/ebs/volumes.hpp"
#include "sim/images/images.hpp"
#include "sim/instances/instances.hpp"

namespace test {

// A running (settled) t3.micro of `caller` from a catalogue family.
inline sim::InstanceId launch(Harness& h, const sim::Caller& caller,
                              const std::string& family = "al2023-x86_64") {
  sim::RunInstancesRequest r;
  r.image_id = h.catalogue_image(family, caller.region.str()).str();
  r.instance_type = "t3.micro";
  auto result = expect_ok(sim::run_instances(h.world, caller, r));
  const sim::InstanceId id = result.instances.at(0)->id;
  h.settle();
  return id;
}

inline sim::CreateImageRequest create_request(const sim::InstanceId& instance,
                                              const std::string& name, bool no_reboot = true) {
  sim::CreateImageRequest r;
  r.instance_id = instance;
  r.name = name;
  r.no_reboot = no_reboot;
  return r;
}

// An available image of `caller`'s, made from a new instance.
inline sim::ImageId own_image(Harness& h, const sim::Caller& caller, const std::string& name) {
  const sim::InstanceId instance = launch(h, caller);
  const sim::ImageId id =
      expect_ok(sim::create_image(h.world, caller, create_request(instance, name)));
  h.settle();
  return id;
}

// A completed snapshot of `caller`'s, of a new 8 GiB volume.
inline sim::SnapshotId own_snapshot(Harness& h, const sim::Caller& caller) {
  sim::CreateVolumeRequest v;
  v.zone = sim::ZoneName(caller.region.str() + "a");
  v.size_gib = 8;
  const sim::VolumeId volume = expect_ok(sim::create_volume(h.world, caller, v))->id;
  h.settle();
  sim::CreateSnapshotRequest s;
  s.volume_id = volume;
  const sim::SnapshotId id = expect_ok(sim::create_snapshot(h.world, caller, s))->id;
  h.settle();
  return id;
}

inline sim::RegisterImageRequest register_request(const std::string& name,
                                                  const sim::SnapshotId& snapshot) {
  sim::RegisterImageRequest r;
  r.name = name;
  r.root_device_name = "/dev/xvda";
  r.architecture = "x86_64";
  r.virtualization_type = "hvm";
  sim::EbsBlockDevice ebs;
  ebs.snapshot_id = snapshot;
  r.block_device_mappings.push_back(sim::BlockDeviceMapping{"/dev/xvda", ebs, "", false});
  return r;
}

// An image registered from a new snapshot: cheaper than own_image when no instance is needed.
inline sim::ImageId registered_image(Harness& h, const sim::Caller& caller,
                                     const std::string& name) {
  return expect_ok(
      sim::register_image(h.world, caller, register_request(name, own_snapshot(h, caller))));
}

inline const sim::Image& image_of(Harness& h, const sim::Caller& caller, const sim::ImageId& id) {
  const sim::Image* image = sim::find_image(h.world, caller, id);
  REQUIRE(image != nullptr);
  return *image;
}

inline sim::Status share(Harness& h, const sim::Caller& owner, const sim::ImageId& id,
                         const std::string& account) {
  sim::ModifyImageAttributeRequest r;
  r.image_id = id;
  r.attribute = "launchPermission";
  r.launch_permission.add_users.push_back(sim::AccountId(account));
  return sim::modify_image_attribute(h.world, owner, r);
}

inline sim::Status make_public(Harness& h, const sim::Caller& owner, const sim::ImageId& id,
                               bool on = true) {
  sim::ModifyImageAttributeRequest r;
  r.image_id = id;
  r.attribute = "launchPermission";
  (on ? r.launch_permission.add_public : r.launch_permission.remove_public) = true;
  return sim::modify_image_attribute(h.world, owner, r);
}

}  // namespace test
