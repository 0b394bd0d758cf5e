// The instance state machine's moving parts: lookups, the one transition function, scheduling,
// and the handler for every instance event the World's clock applies.
#include <algorithm>
#include <cassert>
#include <set>
#include <utility>

#include "sim/billing/metering.hpp"
#include "sim/ebs/volumes.hpp"
#include "sim/images/images.hpp"
#include "sim/instances/detail.hpp"
#include "sim/instances/instances.hpp"
#include "sim/network/interfaces.hpp"

namespace amisim::sim {
namespace detail {

void transition(World& world, Instance& instance, InstanceState to) {
  assert(is_legal_transition(instance.state, to) && "illegal instance state transition");
  const TimeMs now = world.now();
  if (instance.state == InstanceState::kRunning && !instance.running_periods.empty())
    instance.running_periods.back().end = now;
  if (to == InstanceState::kRunning) instance.running_periods.push_back(RunningPeriod{now, {}});
  instance.state = to;
  instance.last_state_change = now;
  meter_instance(world, instance);
}

std::uint64_t schedule_transition(World& world, Instance& instance, EventKind kind,
                                  DurationMs delay, std::string detail, bool settles) {
  Event event;
  event.at = world.now() + delay;
  event.kind = kind;
  event.region = instance.region;
  event.target = instance.id.str();
  event.detail = std::move(detail);
  event.settles = settles;
  instance.pending_seq = world.schedule(std::move(event));
  return instance.pending_seq;
}

Result<std::vector<Instance*>> find_instances(World& world, const Caller& caller,
                                              const std::vector<std::string>& ids) {
  if (ids.empty()) return errors::missing_instance_ids();
  for (const auto& id : ids) {
    if (!is_well_formed_id("i", id)) return errors::instance_id_malformed(id);
  }
  std::vector<Instance*> found;
  std::vector<std::string> missing;
  std::set<std::string> seen;
  for (const auto& id : ids) {
    if (!seen.insert(id).second) continue;
    Instance* instance = find_instance(world, caller, InstanceId(id));
    if (instance)
      found.push_back(instance);
    else
      missing.push_back(id);
  }
  if (!missing.empty()) return errors::instances_not_found(missing);
  return found;
}

const Volume* root_volume(const RegionState& region, const Instance& instance) {
  for (const auto& device : instance.block_devices) {
    if (device.device_name != instance.traits.root_device_name) continue;
    auto it = region.volumes.find(device.volume_id);
    return it == region.volumes.end() ? nullptr : &it->second;
  }
  return nullptr;
}

Status check_shutdown_behavior(std::string_view value) {
  if (value != "stop" && value != "terminate") return errors::shutdown_behavior_invalid(value);
  return ok_status();
}

Volume* root_volume(RegionState& region, const Instance& instance) {
  return const_cast<Volume*>(root_volume(std::as_const(region), instance));
}

}  // namespace detail

namespace {

using namespace detail;

void on_running(World& world, RegionState& region, Instance& instance) {
  transition(world, instance, InstanceState::kRunning);
  instance.pending_seq = 0;
  on_instance_running(world, instance);  // a public address (sim/network/interfaces.hpp)
  if (instance.first_boot_done) {
    instance.ready_at = world.now();
    return;
  }
  // User data runs once per instance, at first boot (cloud-init's once-per-instance default).
  instance.first_boot_done = true;
  begin_first_boot_installs(world, region, instance);
}

void on_stopped(World& world, Instance& instance) {
  transition(world, instance, InstanceState::kStopped);
  instance.pending_seq = 0;
  on_instance_stopped(world, instance);  // the public address goes back, an Elastic IP stays
}

// Every EBS volume still attached to the instance. AttachVolume and DetachVolume keep
// block_devices in step with the volumes' attachments, so the instance's list is the whole truth.
std::vector<std::pair<VolumeId, bool>> attached_volumes(const RegionState& region,
                                                        const Instance& instance) {
  std::vector<std::pair<VolumeId, bool>> out;
  std::set<VolumeId> seen;
  for (const auto& device : instance.block_devices) {
    if (region.volumes.count(device.volume_id) && seen.insert(device.volume_id).second)
      out.emplace_back(device.volume_id, device.delete_on_termination);
  }
  return out;
}

void on_terminated(World& world, RegionState& region, Instance& instance) {
  transition(world, instance, InstanceState::kTerminated);
  instance.terminated_at = world.now();
  on_instance_terminated(world, instance);  // its interface and addresses go
  instance.ready_at.reset();
  // DeleteOnTermination volumes go; the others are detached and kept (fact sheet §2.5).
  for (const auto& [volume_id, delete_it] : attached_volumes(region, instance))
    release_volume(world, region, volume_id, delete_it);
  instance.block_devices.clear();
  // Terminated instances stay visible for about an hour (§2.2); the purge is housekeeping, not
  // work a caller waits for, so it does not settle.
  schedule_transition(world, instance, EventKind::kInstancePurged, kTerminatedVisibleMs, {},
                      /*settles=*/false);
}

// The reservation goes with its last instance. Its ClientToken is kept kClientTokenValidMs from
// that instance's termination (the last of the reservation's: purges follow terminations an hour
// on, in order), for a retry to be refused as AWS refuses it.
void forget_reservation(World& world, RegionState& region, const Instance& gone) {
  auto reservation = region.reservations.find(gone.reservation_id);
  if (reservation == region.reservations.end()) return;
  for (const InstanceId& id : reservation->second.instances) {
    if (region.instances.count(id)) return;
  }
  region.reservations.erase(reservation);
  auto token = region.client_tokens.find({gone.owner, gone.client_token});
  if (gone.client_token.empty() || token == region.client_tokens.end() ||
      token->second.reservation != gone.reservation_id)
    return;
  Event event;
  event.at = std::max(world.now(), gone.terminated_at.value_or(world.now()) + kClientTokenValidMs);
  event.kind = EventKind::kClientTokenExpired;
  event.region = gone.region;
  event.target = gone.reservation_id.str();
  event.detail = gone.owner.str() + ":" + gone.client_token;
  event.settles = false;
  world.schedule(std::move(event));
}

void purge(World& world, RegionState& region, IdMap<InstanceId, Instance>::iterator it) {
  unindex_tags(region, it->second);
  const Instance gone = std::move(it->second);
  region.instances.erase(it);
  forget_reservation(world, region, gone);
  forget_image_if_unused(world, region, gone.image_id);
}

}  // namespace

void on_client_token_event(World& world, const Event& event) {
  RegionState* region = world.region(event.region);
  const std::size_t colon = event.detail.find(':');
  if (region == nullptr || colon == std::string::npos) return;
  auto token = region->client_tokens.find(
      {AccountId(event.detail.substr(0, colon)), event.detail.substr(colon + 1)});
  if (token != region->client_tokens.end() && token->second.reservation.str() == event.target)
    region->client_tokens.erase(token);
}

Instance* find_instance(World& world, const Caller& caller, const InstanceId& id) {
  return const_cast<Instance*>(find_instance(std::as_const(world), caller, id));
}

const Instance* find_instance(const World& world, const Caller& caller, const InstanceId& id) {
  const RegionState* region = world.region(caller.region);
  if (!region) return nullptr;
  auto it = region->instances.find(id);
  if (it == region->instances.end() || it->second.owner != caller.account) return nullptr;
  return &it->second;
}

void begin_reboot(World& world, Instance& instance) {
  assert(instance.state == InstanceState::kRunning);
  Event event;
  event.at = world.now() + kRebootDurationMs;
  event.kind = EventKind::kInstanceRebooted;
  event.region = instance.region;
  event.target = instance.id.str();
  instance.reboot_seq = world.schedule(std::move(event));
  // Status checks report initializing until the OS is back (and any installs are done).
  const TimeMs back = world.now() + kRebootDurationMs;
  instance.ready_at = std::max(instance.ready_at.value_or(back), back);
}

void on_instance_event(World& world, const Event& event) {
  RegionState* region = world.region(event.region);
  if (!region) return;
  auto it = region->instances.find(InstanceId(event.target));
  if (it == region->instances.end()) return;
  Instance& instance = it->second;
  if (event.kind == EventKind::kInstanceRebooted) {
    if (event.seq == instance.reboot_seq) instance.reboot_seq = 0;
    return;
  }
  if (event.seq != instance.pending_seq) return;  // superseded by a later call: stale
  switch (event.kind) {
    case EventKind::kInstanceRunning:
      on_running(world, *region, instance);
      return;
    case EventKind::kInstanceStopped:
      on_stopped(world, instance);
      return;
    case EventKind::kInstanceTerminated:
      on_terminated(world, *region, instance);
      return;
    case EventKind::kPackageInstalled:
      finish_package_install(world, *region, instance, event.detail);
      return;
    case EventKind::kInstancePurged:
      purge(world, *region, it);
      return;
    default:
      return;
  }
}

}  // namespace amisim::sim
