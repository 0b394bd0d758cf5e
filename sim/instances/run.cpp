// RunInstances: validation in AWS's order, ClientToken idempotency, and the launch itself (root
// and other EBS volumes from the image's snapshots, state pending, running after the instance
// type's boot time). Facts: fact sheet §2.4, §2.5.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "sim/core/hash.hpp"
#include "sim/core/text.hpp"
#include "sim/ebs/snapshot_tiers.hpp"
#include "sim/ebs/snapshots.hpp"
#include "sim/ebs/volumes.hpp"
#include "sim/images/images.hpp"
#include "sim/images/marketplace.hpp"
#include "sim/images/ssm.hpp"
#include "sim/images/usage.hpp"
#include "sim/instances/detail.hpp"
#include "sim/instances/instances.hpp"
#include "sim/instances/key_pairs.hpp"
#include "sim/instances/launch_templates.hpp"
#include "sim/instances/metadata_options.hpp"
#include "sim/instances/security_groups.hpp"
#include "sim/network/interfaces.hpp"
#include "sim/network/network.hpp"

namespace amisim::sim {
namespace {

using namespace detail;

// Everything validation found, for the launch to use.
struct LaunchPlan {
  const Image* image = nullptr;
  const InstanceTypeInfo* type = nullptr;
  std::vector<SecurityGroupId> groups;
  LaunchNetwork network;  // the subnet and addresses (sim/network/interfaces.hpp)
  std::vector<BlockDeviceMapping> mappings;  // the image's, with the request's overrides
  InstanceMetadataOptions metadata;          // sim/instances/metadata_options.hpp
};

// Resource types RunInstances accepts in TagSpecifications (APIREF:RunInstances lists more, e.g.
// spot-instances-request; those resources are not modelled).
const std::vector<std::string> kRunTagTypes = {"instance", "volume", "network-interface"};

Status check_counts(const RunInstancesRequest& r) {
  if (r.max_count < 1) return errors::max_count_too_small();
  if (r.min_count < 1) return errors::min_count_too_small();
  if (r.min_count > r.max_count) return errors::min_count_above_max();
  if (r.min_count > kMaxInstancesPerLaunch)
    return errors::instance_limit_exceeded(kMaxInstancesPerLaunch, r.min_count);
  return ok_status();
}

Result<const InstanceTypeInfo*> check_instance_type(const World& world, const Caller& caller,
                                                    const Image& image, const std::string& name) {
  const InstanceTypeInfo* type = world.fixtures().find_instance_type(name);
  if (!type) return errors::unknown_instance_type(name);
  const auto& archs = type->architectures;
  if (std::find(archs.begin(), archs.end(), image.traits.architecture) == archs.end())
    return errors::architecture_mismatch(archs, image.traits.architecture);
  // Offered in the Region? (DescribeInstanceTypeOfferings; the zone is checked with the subnet.)
  if (!world.region_of(caller).info->offers(name)) return errors::type_not_offered_in_region();
  return type;
}

// The image's mappings with the request's: same device = override (NoDevice removes it).
std::vector<BlockDeviceMapping> merge_mappings(const Image& image,
                                               const std::vector<BlockDeviceMapping>& request) {
  std::vector<BlockDeviceMapping> out = image.mappings;
  for (const auto& m : request) {
    auto same = std::find_if(out.begin(), out.end(), [&](const BlockDeviceMapping& o) {
      return o.device_name == m.device_name;
    });
    if (same == out.end()) {
      if (!m.no_device) out.push_back(m);
      continue;
    }
    if (m.no_device) {
      out.erase(same);
      continue;
    }
    if (m.ebs && same->ebs) {
      EbsBlockDevice merged = *same->ebs;  // the request refines the image's volume
      if (m.ebs->snapshot_id) merged.snapshot_id = m.ebs->snapshot_id;
      if (m.ebs->volume_size_gib) merged.volume_size_gib = m.ebs->volume_size_gib;
      merged.volume_type = m.ebs->volume_type;
      merged.delete_on_termination = m.ebs->delete_on_termination;
      merged.encrypted = m.ebs->encrypted || merged.encrypted;
      if (m.ebs->iops) merged.iops = m.ebs->iops;
      if (m.ebs->throughput) merged.throughput = m.ebs->throughput;
      same->ebs = merged;
    } else {
      *same = m;
    }
  }
  return out;
}

// True when the image's own mappings use the snapshot: launching the image may use it even if
// the snapshot itself is not shared with the caller (launch permission covers it).
bool image_uses_snapshot(const Image& image, const SnapshotId& id) {
  return std::any_of(
      image.mappings.begin(), image.mappings.end(),
      [&](const BlockDeviceMapping& m) { return m.ebs && m.ebs->snapshot_id == id; });
}

Status check_mapping(const RegionState& region, const AccountId& account, const Image& image,
                     const BlockDeviceMapping& m) {
  if (!m.ebs) return ok_status();
  const EbsBlockDevice& ebs = *m.ebs;
  if (!ebs.snapshot_id) {
    if (!ebs.volume_size_gib) return errors::missing_mapping_size();
    return ok_status();
  }
  auto it = region.snapshots.find(*ebs.snapshot_id);
  const bool usable =
      it != region.snapshots.end() &&
      (image_uses_snapshot(image, it->first) || snapshot_visible_to(region, it->second, account));
  if (!usable) return errors::snapshot_not_found(ebs.snapshot_id->str());
  if (auto ok = check_snapshot_usable(it->second); !ok) return ok;  // archived: restore first
  const int snapshot_gib = it->second.volume_size_gib;
  if (ebs.volume_size_gib && *ebs.volume_size_gib < snapshot_gib)
    return errors::block_device_too_small(*ebs.volume_size_gib, ebs.snapshot_id->str(),
                                          snapshot_gib);
  return ok_status();
}

Status check_tags(const std::vector<TagSpecification>& specs) {
  if (auto s = check_tag_resource_types(specs, kRunTagTypes); !s) return s;
  for (const auto& type : kRunTagTypes) {
    if (auto s = validate_tags(tags_for(specs, type)); !s) return s;
  }
  return ok_status();
}

// RunInstances' network: SubnetId and Placement at the top level, or NetworkInterfaces' device 0
// (only that one, a new interface: attaching an existing one is not modelled). Interfaces and an
// instance-level subnet or security groups together are InvalidParameterCombination, as AWS
// answers them (APIREF:RunInstances, "If you specify a network interface, you must specify any
// security groups and subnets as part of the network interface").
Result<LaunchNetworkRequest> network_request(const RunInstancesRequest& r,
                                             std::vector<std::string>& group_ids) {
  LaunchNetworkRequest out;
  out.subnet_id = r.subnet_id;
  out.zone = r.availability_zone;
  out.private_ip = r.private_ip;
  if (r.network_interfaces.empty()) return out;
  if (r.network_interfaces.size() > 1 || r.network_interfaces[0].device_index != 0)
    return errors::interface_spec_unsupported("interfaces other than device index 0");
  const LaunchInterfaceSpec& spec = r.network_interfaces[0];
  if (!spec.network_interface_id.empty())
    return errors::interface_spec_unsupported("an existing NetworkInterfaceId");
  if (!r.subnet_id.empty()) return errors::interface_with_instance_level("subnet ID");
  if (!r.security_group_ids.empty() || !r.security_groups.empty())
    return errors::interface_with_instance_level("security groups");
  if (!r.private_ip.empty()) return errors::interface_with_instance_level("private IP address");
  out.subnet_id = spec.subnet_id;
  out.has_interface = true;
  out.associate_public_ip = spec.associate_public_ip;
  out.delete_on_termination = spec.delete_on_termination;
  out.private_ip = spec.private_ip;
  group_ids = spec.group_ids;
  return out;
}

// CreditSpecification: a valid option, on a burstable type (instances.hpp).
Status check_credits(const std::string& cpu_credits, const InstanceTypeInfo& type) {
  if (cpu_credits.empty()) return ok_status();
  if (auto credits = parse_cpu_credits(cpu_credits); !credits) return credits.error();
  if (!type.burstable_performance) return errors::credits_not_supported(type.name);
  return ok_status();
}

// Every check but the image's, in AWS's order (fact sheet §2.4).
Status check_request(World& world, const Caller& caller, const RunInstancesRequest& r,
                     LaunchPlan& plan) {
  if (auto s = check_counts(r); !s) return s;
  if (auto s = check_client_token(r.client_token); !s) return s;
  if (auto s = check_mappings_text(r.block_device_mappings); !s) return s;
  auto type = check_instance_type(world, caller, *plan.image,
                                  r.instance_type.empty() ? kDefaultInstanceType : r.instance_type);
  if (!type) return type.error();
  plan.type = *type;
  if (auto s = check_credits(r.cpu_credits, *plan.type); !s) return s;
  if (auto s = check_metadata_request(r.metadata_options); !s) return s;
  const InstanceMetadataDefaults& account = instance_metadata_defaults(world, caller);
  plan.metadata =
      launch_metadata_options(r.metadata_options, account, plan.image->traits.imds_support);
  if (auto s = check_tokens_enforced(plan.metadata, account); !s) return s;
  if (!r.key_name.empty() && !find_key_pair(world, caller, r.key_name))
    return errors::key_pair_not_found(r.key_name);
  const RegionState& region = world.region_of(caller);
  if (r.availability_zone && !region.has_zone(*r.availability_zone))
    return errors::zone_not_found(r.availability_zone->str());
  std::vector<std::string> group_ids = r.security_group_ids;
  auto wanted = network_request(r, group_ids);
  if (!wanted) return wanted.error();
  wanted->instance_type = plan.type->name;
  auto network = plan_launch_network(world, caller, *wanted, r.min_count);
  if (!network) return network.error();
  plan.network = std::move(*network);
  auto groups =
      resolve_security_groups(world, caller, group_ids, r.security_groups, plan.network.vpc);
  if (!groups) return groups.error();
  plan.groups = std::move(*groups);
  if (r.user_data.size() > kMaxUserDataBytes) return errors::user_data_too_large(kMaxUserDataBytes);
  if (r.shutdown_behavior) {
    if (auto s = check_shutdown_behavior(*r.shutdown_behavior); !s) return s;
  }
  plan.mappings = merge_mappings(*plan.image, r.block_device_mappings);
  for (const auto& m : plan.mappings) {
    if (auto s = check_mapping(region, caller.account, *plan.image, m); !s) return s;
  }
  return check_tags(r.tag_specifications);
}

// A digest of everything that makes a request "the same request" for ClientToken purposes.
std::string request_digest(const RunInstancesRequest& r) {
  std::string out = fmt::format("{}|{}|{}|{}|{}|{}|{}|{}|", r.image_id, r.min_count, r.max_count,
                                r.instance_type, r.key_name, fmt::join(r.security_group_ids, ","),
                                fmt::join(r.security_groups, ","),
                                r.availability_zone ? r.availability_zone->str() : "");
  out += fmt::format("{}|{}|", r.user_data.size(), fnv1a(r.user_data));
  out += r.subnet_id + "|" + r.cpu_credits + "|" + r.private_ip + "|";
  out += fmt::format("{}{}{}|{}|", r.disable_api_termination.value_or(false),
                     r.disable_api_stop.value_or(false), r.ebs_optimized.value_or(false),
                     r.shutdown_behavior.value_or(""));
  const MetadataOptionsRequest& m = r.metadata_options;
  if (!m.empty() || r.monitoring)
    out += fmt::format("imds:{}:{}:{}:{}:{}:{}|", m.http_tokens.value_or(""),
                       m.hop_limit.value_or(0), m.http_endpoint.value_or(""),
                       m.http_protocol_ipv6.value_or(""), m.instance_metadata_tags.value_or(""),
                       r.monitoring ? (*r.monitoring ? 1 : 0) : 2);
  for (const auto& n : r.network_interfaces)
    out +=
        fmt::format("{}:{}:{}:{}:{}:{}|", n.device_index, n.subnet_id, fmt::join(n.group_ids, ","),
                    n.associate_public_ip ? (*n.associate_public_ip ? 1 : 0) : 2,
                    n.delete_on_termination, n.private_ip);
  for (const auto& m : r.block_device_mappings) {
    out += m.device_name + (m.no_device ? ":none" : "");
    if (m.ebs)
      out += fmt::format(":{}:{}:{}:{}", m.ebs->snapshot_id ? m.ebs->snapshot_id->str() : "",
                         m.ebs->volume_size_gib.value_or(0), m.ebs->volume_type,
                         m.ebs->delete_on_termination);
    out += ";";
  }
  for (const auto& spec : r.tag_specifications) {
    out += spec.resource_type + "{";
    for (const auto& tag : spec.tags) out += tag.key + "=" + tag.value + ",";
    out += "}";
  }
  return out;
}

// The answer a ClientToken already stands for, if any: the same reservation for the same request,
// IdempotentParameterMismatch for a different one, IdempotentInstanceTerminated when the
// reservation's instances are gone (ERRCODES). nullopt: the token is new.
std::optional<Result<RunInstancesResult>> replay_client_token(const World& world,
                                                              const Caller& caller,
                                                              const RunInstancesRequest& r) {
  if (r.client_token.empty()) return std::nullopt;
  const RegionState& region = world.region_of(caller);
  auto record = region.client_tokens.find({caller.account, r.client_token});
  if (record == region.client_tokens.end()) return std::nullopt;
  if (record->second.request_digest != request_digest(r))
    return Result<RunInstancesResult>(errors::idempotent_parameter_mismatch(r.client_token));
  // The reservation is purged with its last instance; the token outlives it (kClientTokenValidMs).
  auto found = region.reservations.find(record->second.reservation);
  if (found == region.reservations.end())
    return Result<RunInstancesResult>(errors::idempotent_instance_terminated(r.client_token));
  const Reservation& reservation = found->second;
  RunInstancesResult out{reservation.id, reservation.owner, {}};
  for (const auto& id : reservation.instances) {
    auto it = region.instances.find(id);
    // [?] for several instances: any one terminated (or purged) refuses the replay, since the
    // same answer can no longer be given.
    if (it == region.instances.end() || it->second.state == InstanceState::kShuttingDown ||
        it->second.state == InstanceState::kTerminated)
      return Result<RunInstancesResult>(errors::idempotent_instance_terminated(r.client_token));
    out.instances.push_back(&it->second);
  }
  return Result<RunInstancesResult>(std::move(out));
}

void attach_launch_volumes(World& world, RegionState& region, Instance& instance,
                           const LaunchPlan& plan, const std::vector<Tag>& volume_tags) {
  for (const auto& m : plan.mappings) {
    if (!m.ebs || m.no_device) continue;  // instance-store entries start empty: no EBS volume
    const EbsBlockDevice& spec = *m.ebs;
    std::shared_ptr<const VolumeData> data;
    if (spec.snapshot_id) data = region.snapshots.at(*spec.snapshot_id).data;
    VolumeId id = create_attached_volume(world, region, instance.owner, instance.zone, instance.id,
                                         m.device_name, spec, std::move(data), world.now());
    // Untagged launches (the common case) skip a lookup in the Region's volume map.
    if (!volume_tags.empty()) apply_tags(region.volumes.at(id).tags, volume_tags);
    instance.block_devices.push_back(
        InstanceBlockDevice{m.device_name, std::move(id), spec.delete_on_termination, world.now()});
  }
}

Instance& launch_one(World& world, const Caller& caller, const RunInstancesRequest& r,
                     const LaunchPlan& plan, const ReservationId& reservation, int index) {
  RegionState& region = world.region_of(caller);
  Instance instance;
  instance.id = InstanceId(world.new_id("i"));
  instance.reservation_id = reservation;
  instance.owner = caller.account;
  instance.region = caller.region;
  const Subnet& subnet = launch_subnet(world, caller, plan.network);
  instance.image_id = plan.image->id;
  instance.instance_type = plan.type->name;
  instance.cpu_credits =
      r.cpu_credits.empty() ? default_cpu_credits(*plan.type) : *parse_cpu_credits(r.cpu_credits);
  instance.traits = plan.image->traits;  // its AMI's (sim/state/instance.hpp)
  instance.image_name = plan.image->name;
  instance.image_owner = plan.image->owner;
  instance.image_owner_alias = plan.image->owner_alias;
  instance.image_creation = plan.image->creation;
  instance.key_name = r.key_name;
  instance.security_groups = plan.groups;
  instance.user_data = r.user_data;
  instance.launch_time = world.now();
  instance.last_state_change = world.now();
  apply_tags(instance.tags, tags_for(r.tag_specifications, "instance"));
  apply_tags(instance.tags, r.system_tags);  // a launch template's (RunInstancesRequest)
  instance.disable_api_termination = r.disable_api_termination.value_or(false);
  instance.disable_api_stop = r.disable_api_stop.value_or(false);
  instance.shutdown_terminates = r.shutdown_behavior == "terminate";
  instance.ebs_optimized = r.ebs_optimized.value_or(false);
  instance.metadata_options = plan.metadata;
  instance.detailed_monitoring = r.monitoring.value_or(false);
  instance.ami_launch_index = index;
  instance.client_token = r.client_token;
  attach_primary_interface(world, instance, subnet, plan.network);  // zone, VPC, subnet, IP
  Instance& placed = region.instances.emplace(instance.id, std::move(instance)).first->second;
  index_tags(region, placed);
  attach_launch_volumes(world, region, placed, plan, tags_for(r.tag_specifications, "volume"));
  schedule_transition(world, placed, EventKind::kInstanceRunning, plan.type->boot_ms);
  return placed;
}

RunInstancesResult launch(World& world, const Caller& caller, const RunInstancesRequest& r,
                          LaunchPlan& plan) {
  RegionState& region = world.region_of(caller);
  Reservation reservation{ReservationId(world.new_id("r")), caller.account, {}};
  RunInstancesResult out{reservation.id, caller.account, {}};
  // Capacity is unlimited here, so MaxCount instances launch (fact sheet §2.4), as far as the
  // subnet has addresses (MinCount of them was checked).
  const int count =
      launch_capacity(world, caller, plan.network, std::min(r.max_count, kMaxInstancesPerLaunch));
  for (int i = 0; i < count; ++i) {
    Instance& instance = launch_one(world, caller, r, plan, reservation.id, i);
    reservation.instances.push_back(instance.id);
    out.instances.push_back(&instance);
  }
  if (!r.client_token.empty())
    region.client_tokens[{caller.account, r.client_token}] =
        ClientTokenRecord{reservation.id, request_digest(r)};
  region.reservations.emplace(reservation.id, std::move(reservation));
  // Shows as the image's LastLaunchedTime after AWS's reporting delay (sim/images/usage.hpp).
  record_image_launch(world, region.images.at(plan.image->id));
  return out;
}

}  // namespace

Result<RunInstancesResult> run_instances(World& world, const Caller& caller,
                                         const RunInstancesRequest& request) {
  // LaunchTemplate: launch as if the version's parameters were given, the request's own values
  // winning; the merged request names no template (sim/instances/launch_templates.hpp).
  if (request.launch_template) {
    auto merged = apply_launch_template(world, caller, request);
    if (!merged) return merged.error();
    return run_instances(world, caller, *merged);
  }
  // ImageId "resolve:ssm:NAME": launch as if the parameter's image ID were given
  // (sim/images/ssm.hpp).
  if (request.image_id.starts_with(kResolveSsmPrefix)) {
    auto resolved = resolve_image_reference(world, caller, request.image_id);
    if (!resolved) return resolved.error();
    RunInstancesRequest with_id = request;
    with_id.image_id = resolved->str();
    return run_instances(world, caller, with_id);
  }
  if (auto replay = replay_client_token(world, caller, request)) {
    if (replay->ok() && request.dry_run) return errors::dry_run();  // the real call succeeds
    return std::move(*replay);
  }
  ensure_default_network(world, caller);  // first use of the Region (sim/network/network.hpp)
  LaunchPlan plan;
  auto image = find_launchable_image(world, caller, request.image_id);
  if (!image) return image.error();
  plan.image = *image;
  if (auto s = check_request(world, caller, request, plan); !s) return s.error();
  // Marketplace product codes: subscription, instance type, Region (sim/images/marketplace.hpp).
  if (auto s = check_marketplace_launch(world, caller, *plan.image, plan.type->name); !s)
    return s.error();
  if (request.dry_run) return errors::dry_run();
  return launch(world, caller, request, plan);
}

}  // namespace amisim::sim
