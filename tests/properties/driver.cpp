#include "driver.hpp"

#include <fmt/format.h>

#include "sim/ebs/snapshots.hpp"
#include "sim/ebs/volumes.hpp"
#include "sim/images/images.hpp"
#include "sim/instances/instances.hpp"
#include "sim/timeline.hpp"

namespace test {
namespace {

using namespace sim;

// The pick-th element of a map's keys owned by `owner` (nullptr when there is none).
template <class Map, class Pred>
auto* nth(Map& map, int pick, Pred pred) {
  std::vector<typename Map::mapped_type*> matching;
  for (auto& [id, value] : map) {
    if (pred(value)) matching.push_back(&value);
  }
  return matching.empty() ? nullptr : matching[static_cast<std::size_t>(pick) % matching.size()];
}

// An x86_64 public catalogue image in the caller's Region.
std::string catalogue_image(const World& world, const Caller& caller, int pick) {
  std::vector<std::string> ids;
  for (const auto& c : world.fixtures().images) {
    if (c.region == caller.region && c.architecture == "x86_64" && c.platform.empty())
      ids.push_back(c.id.str());
  }
  return ids.empty() ? "ami-00000000" : ids[static_cast<std::size_t>(pick) % ids.size()];
}

std::string outcome(const Status& s) { return s.ok() ? "ok" : std::string(s.error().name()); }
template <class T>
std::string outcome(const Result<T>& r) {
  return r.ok() ? "ok" : std::string(r.error().name());
}

std::string run(World& world, const Caller& caller, const Action& a) {
  RunInstancesRequest req;
  // Own images sometimes, catalogue otherwise, so launches from baked images happen.
  auto& region = world.region_of(caller);
  const Image* own = nth(region.images, a.pick, [&](const Image& i) {
    return i.owner == caller.account && i.state == ImageState::kAvailable;
  });
  req.image_id = (own && a.amount % 2) ? own->id.str() : catalogue_image(world, caller, a.pick);
  req.instance_type = "t3.micro";
  req.max_count = 1 + a.amount % 2;
  if (a.amount % 3 == 0) req.user_data = "#!/bin/bash\n#amisim install nginx\n";
  return "run " + outcome(run_instances(world, caller, req));
}

Instance* pick_instance(World& world, const Caller& caller, int pick) {
  return nth(world.region_of(caller).instances, pick,
             [&](const Instance& i) { return i.owner == caller.account; });
}

std::string on_instance(World& world, const Caller& caller, const Action& a) {
  Instance* i = pick_instance(world, caller, a.pick);
  if (!i) return "no instance";
  const std::vector<std::string> ids = {i->id.str()};
  const InstanceId id = i->id;
  switch (a.kind) {
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
  req.no_reboot = a.kind == ActionKind::kCreateImageNoReboot;
  return "create-image " + outcome(create_image(world, caller, req));
}

std::string on_volume(World& world, const Caller& caller, const Action& a) {
  auto& region = world.region_of(caller);
  if (a.kind == ActionKind::kCreateVolume) {
    CreateVolumeRequest req;
    req.zone = region.info->zones.front().name;
    req.size_gib = 1 + a.amount % 20;
    return "create-volume " + outcome(create_volume(world, caller, req));
  }
  Volume* v =
      nth(region.volumes, a.pick, [&](const Volume& v) { return v.owner == caller.account; });
  if (!v) return "no volume";
  if (a.kind == ActionKind::kSnapshot) {
    CreateSnapshotRequest req;
    req.volume_id = v->id;
    return "snapshot " + outcome(create_snapshot(world, caller, req));
  }
  Instance* i = pick_instance(world, caller, a.pick);
  if (!i) return "no instance";
  AttachVolumeRequest req{v->id, i->id, "/dev/sdf", false};
  return "attach " + outcome(attach_volume(world, caller, req));
}

std::string on_image(World& world, const Caller& caller, const Action& a,
                     const std::vector<std::string>& regions) {
  auto& region = world.region_of(caller);
  if (a.kind == ActionKind::kDeleteSnapshot) {
    Snapshot* s =
        nth(region.snapshots, a.pick, [&](const Snapshot& s) { return s.owner == caller.account; });
    if (!s) return "no snapshot";
    return "delete-snapshot " + outcome(delete_snapshot(world, caller, s->id));
  }
  Image* img =
      nth(region.images, a.pick, [&](const Image& i) { return i.owner == caller.account; });
  if (!img) return "no image";
  if (a.kind == ActionKind::kDeregister)
    return "deregister " + outcome(deregister_image(world, caller, img->id, a.amount % 2 == 0));
  ModifyImageAttributeRequest req;
  req.image_id = img->id;
  req.attribute = "launchPermission";
  const std::string other = kAccounts[static_cast<std::size_t>(a.account + 1) % kAccounts.size()];
  (a.amount % 2 ? req.launch_permission.add_users : req.launch_permission.remove_users)
      .push_back(AccountId(other));
  (void)regions;
  return "share " + outcome(modify_image_attribute(world, caller, req));
}

}  // namespace

std::vector<std::string> driver_regions() { return {"us-east-1", "eu-west-1"}; }

std::string apply(World& world, const Action& a, const std::vector<std::string>& regions) {
  const Caller caller{AccountId(kAccounts[static_cast<std::size_t>(a.account) % kAccounts.size()]),
                      RegionName(regions[static_cast<std::size_t>(a.region) % regions.size()])};
  world.ensure_account(caller.account);
  switch (a.kind) {
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
      return on_image(world, caller, a, regions);
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
