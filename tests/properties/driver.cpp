#include "driver.hpp"

#include <fmt/format.h>

#include "harness.hpp"
#include "sim/ebs/snapshots.hpp"
#include "sim/ebs/volumes.hpp"
#include "sim/images/images.hpp"
#include "sim/instances/instances.hpp"
#include "sim/timeline.hpp"

namespace test {
namespace {

using namespace sim;

using props::nth_where;
using props::outcome;

// An x86_64 public catalogue image in the caller's Region.
std::string catalogue_image(const World& world, const Caller& caller, int pick) {
  std::vector<std::string> ids;
  for (const auto& c : world.fixtures().images) {
    if (c.region == caller.region && c.traits.architecture == "x86_64" && c.traits.platform.empty())
      ids.push_back(c.id.str());
  }
  const std::string* id = props::nth(ids, pick);
  return id ? *id : "ami-00000000";
}

std::string run(World& world, const Caller& caller, const Action& a) {
  RunInstancesRequest req;
  // Own images sometimes, catalogue otherwise, so launches from baked images happen.
  auto& region = world.region_of(caller);
  const Image* own = nth_where(region.images, a.pick, [&](const Image& i) {
    return i.owner == caller.account && i.state == ImageState::kAvailable;
  });
  req.image_id = (own && a.amount % 2) ? own->id.str() : catalogue_image(world, caller, a.pick);
  req.instance_type = "t3.micro";
  req.max_count = 1 + a.amount % 2;
  if (a.amount % 3 == 0) req.user_data = "#!/bin/bash\n#amisim install nginx\n";
  return "run " + outcome(run_instances(world, caller, req));
}

Instance* pick_instance(World& world, const Caller& caller, int pick) {
  return nth_where(world.region_of(caller).instances, pick,
                   [&](const Instance& i) { return i.owner == caller.account; });
}

std::string on_instance(World& world, const Caller& caller, const Action& a) {
  Instance* i = pick_instance(world, caller, a.pick);
  if (!i) return "no instance";
  const std::vector<std::string> ids = {i->id.str()};
  const InstanceId id = i->id;
  switch (a.op) {
    case ActionKind::kStop:
      return "stop " + outcome(stop_instances(world, caller, ids));
    case ActionKind::kStart:
      return "start " + outcome(start_instances(world, caller, ids));
    case ActionKind::kReboot:
      return "reboot " + outcome(reboot_instances(world, caller, ids));
    case ActionKind::kTerminate:
      return "terminate " + outcome(terminate_instances(world, caller, ids));
    default:
      break;
  }
  CreateImageRequest req;
  req.instance_id = id;
  req.name = fmt::format("img-{}-{}", a.amount, world.now());
  req.no_reboot = a.op == ActionKind::kCreateImageNoReboot;
  return "create-image " + outcome(create_image(world, caller, req));
}

std::string on_volume(World& world, const Caller& caller, const Action& a) {
  auto& region = world.region_of(caller);
  if (a.op == ActionKind::kCreateVolume) {
    CreateVolumeRequest req;
    req.zone = region.info->zones.front().name;
    req.size_gib = 1 + a.amount % 20;
    return "create-volume " + outcome(create_volume(world, caller, req));
  }
  Volume* v =
      nth_where(region.volumes, a.pick, [&](const Volume& v) { return v.owner == caller.account; });
  if (!v) return "no volume";
  if (a.op == ActionKind::kSnapshot) {
    CreateSnapshotRequest req;
    req.volume_id = v->id;
    return "snapshot " + outcome(create_snapshot(world, caller, req));
  }
  Instance* i = pick_instance(world, caller, a.pick);
  if (!i) return "no instance";
  AttachVolumeRequest req{v->id, i->id, "/dev/sdf", false};
  return "attach " + outcome(attach_volume(world, caller, req));
}

std::string on_image(World& world, const Caller& caller, const Action& a) {
  auto& region = world.region_of(caller);
  if (a.op == ActionKind::kDeleteSnapshot) {
    Snapshot* s = nth_where(region.snapshots, a.pick,
                            [&](const Snapshot& s) { return s.owner == caller.account; });
    if (!s) return "no snapshot";
    return "delete-snapshot " + outcome(delete_snapshot(world, caller, s->id));
  }
  Image* img =
      nth_where(region.images, a.pick, [&](const Image& i) { return i.owner == caller.account; });
  if (!img) return "no image";
  if (a.op == ActionKind::kDeregister)
    return "deregister " + outcome(deregister_image(world, caller, img->id, a.amount % 2 == 0));
  ModifyImageAttributeRequest req;
  req.image_id = img->id;
  req.attribute = "launchPermission";
  const AccountId other = props::account(a.account + 1);
  (a.amount % 2 ? req.launch_permission.add_users : req.launch_permission.remove_users)
      .push_back(other);
  return "share " + outcome(modify_image_attribute(world, caller, req));
}

}  // namespace

std::string_view op_name(ActionKind kind) {
  static constexpr std::string_view kNames[] = {"run",
                                                "stop",
                                                "start",
                                                "reboot",
                                                "terminate",
                                                "create-image",
                                                "create-image-no-reboot",
                                                "create-volume",
                                                "attach",
                                                "snapshot",
                                                "delete-snapshot",
                                                "deregister",
                                                "share-image",
                                                "advance",
                                                "settle"};
  static_assert(std::size(kNames) == kActionKinds);
  return kNames[static_cast<std::size_t>(kind)];
}

rc::Gen<std::vector<Action>> actions() {
  return props::steps<ActionKind>({.op = props::any_of<ActionKind>(kActionKinds),
                                   .accounts = 2,
                                   .regions = 2,
                                   .picks = 8,
                                   .amount = rc::gen::inRange(1, 600)});
}

std::vector<std::string> driver_regions() { return {"us-east-1", "eu-west-1"}; }

WorldDriver::WorldDriver(std::uint64_t seed) : world(fixtures(), sim::WorldOptions{seed}) {}

std::string apply(World& world, const Action& a, const std::vector<std::string>& regions) {
  const Caller caller = props::caller(a.account, a.region, regions);
  world.ensure_account(caller.account);
  switch (a.op) {
    case ActionKind::kRun:
      return run(world, caller, a);
    case ActionKind::kStop:
    case ActionKind::kStart:
    case ActionKind::kReboot:
    case ActionKind::kTerminate:
    case ActionKind::kCreateImage:
    case ActionKind::kCreateImageNoReboot:
      return on_instance(world, caller, a);
    case ActionKind::kCreateVolume:
    case ActionKind::kAttach:
    case ActionKind::kSnapshot:
      return on_volume(world, caller, a);
    case ActionKind::kDeleteSnapshot:
    case ActionKind::kDeregister:
    case ActionKind::kShareImage:
      return on_image(world, caller, a);
    case ActionKind::kAdvance:
      sim::advance_by(world, static_cast<DurationMs>(a.amount) * kSecondMs);
      return "advance";
    case ActionKind::kSettle:
      sim::settle(world);
      return "settle";
  }
  return "?";
}

}  // namespace test
