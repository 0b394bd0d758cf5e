// ModifyInstanceAttribute and DescribeInstanceAttribute (fact sheet §2.3): instance type, user
// data and EBS optimization change only while stopped (UG "Modify a stopped instance");
// DeleteOnTermination of a mapped volume, termination and stop protection, the shutdown
// behaviour and the source/destination check change any time.
#include <algorithm>

#include "sim/instances/detail.hpp"
#include "sim/instances/instances.hpp"
#include "sim/instances/security_groups.hpp"

namespace amisim::sim {
namespace {

Result<Instance*> find_one(World& world, const Caller& caller, const InstanceId& id) {
  auto found = detail::find_instances(world, caller, {id.str()});
  if (!found) return found.error();
  return found->front();
}

Status check_new_type(const World& world, const Instance& instance, const std::string& name) {
  const InstanceTypeInfo* type = world.fixtures().find_instance_type(name);
  if (!type) return errors::unknown_instance_type_attribute(name);
  const auto& archs = type->architectures;
  if (std::find(archs.begin(), archs.end(), instance.traits.architecture) == archs.end())
    return errors::type_lacks_architecture(name, instance.traits.architecture, instance.id.str());
  return ok_status();
}

// The groups a Groups change names, all of the caller's and in the instance's VPC.
Result<std::vector<SecurityGroupId>> new_groups(const World& world, const Caller& caller,
                                                const Instance& instance,
                                                const ModifyInstanceAttributeRequest& r) {
  if (instance.state == InstanceState::kShuttingDown ||
      instance.state == InstanceState::kTerminated)
    return errors::groups_incorrect_state(instance.id.str(), to_string(instance.state));
  return resolve_security_groups(world, caller, r.groups, {}, instance.vpc_id);
}

Status check_modify(const World& world, const Instance& instance,
                    const ModifyInstanceAttributeRequest& r) {
  if (!r.instance_type && !r.user_data && r.delete_on_termination.empty() &&
      !r.disable_api_termination && !r.disable_api_stop && !r.shutdown_behavior &&
      !r.ebs_optimized && !r.source_dest_check && r.groups.empty())
    return errors::no_attributes_specified();
  if ((r.instance_type || r.user_data || r.ebs_optimized) &&
      instance.state != InstanceState::kStopped)
    return errors::not_stopped_for_modify(instance.id.str());
  if (r.shutdown_behavior) {
    if (auto s = detail::check_shutdown_behavior(*r.shutdown_behavior); !s) return s;
  }
  if (r.instance_type) {
    if (auto s = check_new_type(world, instance, *r.instance_type); !s) return s;
  }
  if (r.user_data && r.user_data->size() > kMaxUserDataBytes)
    return errors::user_data_too_large(kMaxUserDataBytes);
  for (const auto& entry : r.delete_on_termination) {
    const std::string& device = entry.first;  // not a structured binding: clang 14's lambdas
    const bool mapped =
        std::any_of(instance.block_devices.begin(), instance.block_devices.end(),
                    [&](const InstanceBlockDevice& d) { return d.device_name == device; });
    if (!mapped) return errors::device_not_mapped(device);
  }
  return ok_status();
}

void set_delete_on_termination(RegionState& region, Instance& instance, const std::string& device,
                               bool value) {
  for (auto& d : instance.block_devices) {
    if (d.device_name != device) continue;
    d.delete_on_termination = value;
    auto v = region.volumes.find(d.volume_id);
    if (v != region.volumes.end() && v->second.attachment)
      v->second.attachment->delete_on_termination = value;
  }
}

}  // namespace

Status modify_instance_attribute(World& world, const Caller& caller,
                                 const ModifyInstanceAttributeRequest& request) {
  auto found = find_one(world, caller, request.instance_id);
  if (!found) return found.error();
  Instance& instance = **found;
  if (auto s = check_modify(world, instance, request); !s) return s;
  std::vector<SecurityGroupId> groups;
  if (!request.groups.empty()) {
    auto resolved = new_groups(world, caller, instance, request);
    if (!resolved) return resolved.error();
    groups = std::move(*resolved);
  }
  if (request.dry_run) return errors::dry_run();
  if (request.instance_type) {
    instance.instance_type = *request.instance_type;
    // A type change keeps the credit option (AWS still lists a resized unlimited T2 as an M4's,
    // API reference DescribeInstanceCreditSpecifications); [?] an instance that had none takes
    // the new type's default.
    const InstanceTypeInfo* type = world.fixtures().find_instance_type(instance.instance_type);
    if (instance.cpu_credits == CpuCredits::kNone && type)
      instance.cpu_credits = default_cpu_credits(*type);
  }
  if (request.user_data) instance.user_data = *request.user_data;
  if (request.disable_api_termination)
    instance.disable_api_termination = *request.disable_api_termination;
  if (request.disable_api_stop) instance.disable_api_stop = *request.disable_api_stop;
  if (request.shutdown_behavior)
    instance.shutdown_terminates = *request.shutdown_behavior == "terminate";
  if (request.ebs_optimized) instance.ebs_optimized = *request.ebs_optimized;
  if (request.source_dest_check) instance.source_dest_check = *request.source_dest_check;
  RegionState& region = world.region_of(caller);
  if (!groups.empty()) {
    instance.security_groups = groups;
    auto eni = region.network_interfaces.find(instance.network_interface);
    if (eni != region.network_interfaces.end()) eni->second.groups = groups;
  }
  for (const auto& [device, value] : request.delete_on_termination)
    set_delete_on_termination(region, instance, device, value);
  return ok_status();
}

Result<InstanceAttribute> describe_instance_attribute(const World& world, const Caller& caller,
                                                      const InstanceId& instance_id,
                                                      const std::string& attribute) {
  if (!is_well_formed_id("i", instance_id.str()))
    return errors::instance_id_malformed(instance_id.str());
  const Instance* instance = find_instance(world, caller, instance_id);
  if (!instance) return errors::instance_not_found(instance_id.str());
  InstanceAttribute out;
  out.instance_id = instance->id;
  if (attribute == "instanceType")
    out.instance_type = instance->instance_type;
  else if (attribute == "userData")
    out.user_data = instance->user_data;
  else if (attribute == "blockDeviceMapping")
    out.block_devices = instance->block_devices;
  else if (attribute == "rootDeviceName")
    out.root_device_name = instance->traits.root_device_name;
  else if (attribute == "disableApiTermination")
    out.flag = instance->disable_api_termination;
  else if (attribute == "disableApiStop")
    out.flag = instance->disable_api_stop;
  else if (attribute == "ebsOptimized")
    out.flag = instance->ebs_optimized;
  else if (attribute == "sourceDestCheck")
    out.flag = instance->source_dest_check;
  else if (attribute == "instanceInitiatedShutdownBehavior")
    out.value = instance->shutdown_terminates ? "terminate" : "stop";
  else  // other real attributes (kernel, ...) are not modelled
    return errors::unknown_attribute(attribute);
  return out;
}

}  // namespace amisim::sim
