#include "api/ec2/instance_json.hpp"

#include <algorithm>
#include <string>

#include "api/ec2/input.hpp"
#include "api/ec2/network_json.hpp"
#include "sim/network/network.hpp"

namespace amisim::ec2 {
namespace {

// The value under `key` in an ordered map of the Region, or nullptr (also when there is no Region).
template <class Map>
const typename Map::mapped_type* find_in(const sim::RegionState* region, Map sim::RegionState::*map,
                                         const typename Map::key_type& key) {
  if (region == nullptr) return nullptr;
  auto it = (region->*map).find(key);
  return it == (region->*map).end() ? nullptr : &it->second;
}

Json placement_json(const sim::World& world, const sim::Instance& i) {
  Json out = {{"AvailabilityZone", i.zone.str()}, {"Tenancy", "default"}};
  if (const sim::RegionInfo* info = world.fixtures().find_region(i.region)) {
    for (const auto& z : info->zones) {
      if (z.name == i.zone && !z.zone_id.empty()) out["AvailabilityZoneId"] = z.zone_id;
    }
  }
  return out;
}

void put_addresses(Json& out, const sim::Instance& i) {
  if (!i.private_ip.empty()) {
    out["PrivateIpAddress"] = i.private_ip;
    out["PrivateDnsName"] = sim::private_dns_name(i.region, i.private_ip);
  }
  // EC2 writes an empty public name for an instance without a public address [?: as the CLI
  // reference's describe-instances examples show "PublicDnsName": ""].
  out["PublicDnsName"] = "";
  if (!i.public_ip.empty()) {
    out["PublicIpAddress"] = i.public_ip;
    out["PublicDnsName"] = sim::public_dns_name(i.region, i.public_ip);
  }
}

// The instance's interfaces as InstanceNetworkInterface: its primary one (device index 0).
Json instance_interfaces_json(const sim::World& world, const sim::Instance& i) {
  Json out = Json::array();
  const sim::RegionState* region = world.region(i.region);
  const sim::NetworkInterface* eni =
      find_in(region, &sim::RegionState::network_interfaces, i.network_interface);
  if (eni == nullptr) return out;
  Json n = network_interface_json(world, *eni);
  Json attachment = n["Attachment"];
  attachment.erase("InstanceId");
  attachment.erase("InstanceOwnerId");
  n["Attachment"] = attachment;
  for (const char* key : {"AvailabilityZone", "RequesterManaged", "TagSet", "InterfaceType"})
    n.erase(key);
  n["InterfaceType"] = "interface";
  if (n.contains("Association")) n["Association"].erase("AllocationId");
  if (n.contains("Association")) n["Association"].erase("AssociationId");
  for (auto& p : n["PrivateIpAddresses"]) {
    if (p.contains("Association")) p["Association"].erase("AllocationId");
    if (p.contains("Association")) p["Association"].erase("AssociationId");
  }
  out.push_back(std::move(n));
  return out;
}

// Members an instance takes from its image at launch (sim::Instance::traits).
void put_image_traits(Json& out, const sim::Instance& i) {
  // HypervisorType has only ovm | xen: EC2 reports xen for Nitro instances too [?].
  out["Hypervisor"] = i.traits.hypervisor.empty() ? "xen" : i.traits.hypervisor;
  out["VirtualizationType"] = i.traits.virtualization_type;
  out["EnaSupport"] = i.traits.ena_support;
  put_nonempty(out, "BootMode", i.traits.boot_mode);
  put_nonempty(out, "UsageOperation", i.traits.usage_operation);
}

void put_state(Json& out, const sim::Instance& i) {
  out["State"] = instance_state_json(i.state);
  put_nonempty(out, "StateTransitionReason", i.state_transition_reason);
  if (!i.state_reason_code.empty()) {
    out["StateReason"] = {{"Code", i.state_reason_code}, {"Message", i.state_reason_message}};
  }
}

}  // namespace

Json instance_state_json(sim::InstanceState state) {
  return {{"Code", sim::state_code(state)}, {"Name", std::string(sim::to_string(state))}};
}

Json block_devices_json(const sim::World& world, const sim::RegionName& region,
                        const std::vector<sim::InstanceBlockDevice>& devices) {
  const sim::RegionState* r = world.region(region);
  Json out = Json::array();
  for (const auto& d : devices) {
    Json ebs = {{"VolumeId", d.volume_id.str()},
                {"AttachTime", time_json(d.attach_time)},
                {"DeleteOnTermination", d.delete_on_termination}};
    const sim::Volume* v = find_in(r, &sim::RegionState::volumes, d.volume_id);
    if (v != nullptr && v->attachment) ebs["Status"] = v->attachment->state;
    out.push_back({{"DeviceName", d.device_name}, {"Ebs", std::move(ebs)}});
  }
  return out;
}

Json group_identifiers_json(const sim::World& world, const sim::Instance& instance) {
  const sim::RegionState* region = world.region(instance.region);
  Json out = Json::array();
  for (const auto& id : instance.security_groups) {
    Json g = {{"GroupId", id.str()}};
    const sim::SecurityGroup* group = find_in(region, &sim::RegionState::security_groups, id);
    if (group != nullptr) g["GroupName"] = group->name;
    out.push_back(std::move(g));
  }
  return out;
}

Json instance_json(const sim::World& world, const sim::Instance& i) {
  Json out = {{"InstanceId", i.id.str()},
              {"ImageId", i.image_id.str()},
              {"InstanceType", i.instance_type},
              {"LaunchTime", time_json(i.launch_time)},
              {"AmiLaunchIndex", i.ami_launch_index},
              {"Placement", placement_json(world, i)},
              // Detailed monitoring is not modelled: every instance has basic monitoring only.
              {"Monitoring", {{"State", "disabled"}}},
              {"Architecture", i.traits.architecture},
              {"RootDeviceType", "ebs"},  // the model launches EBS-backed images only
              {"RootDeviceName", i.traits.root_device_name},
              {"BlockDeviceMappings", block_devices_json(world, i.region, i.block_devices)},
              {"SecurityGroups", group_identifiers_json(world, i)},
              // The image's product codes at launch; [] for most instances, as DescribeInstances
              // shows them (APIREF Instance.productCodes; the CLI reference's examples).
              {"ProductCodes", product_codes_json(i.traits.product_codes)},
              {"PlatformDetails", i.traits.platform_details}};
  put_state(out, i);
  put_addresses(out, i);
  put_nonempty(out, "KeyName", i.key_name);
  put_nonempty(out, "VpcId", i.vpc_id.str());
  put_nonempty(out, "SubnetId", i.subnet_id.str());
  out["NetworkInterfaces"] = instance_interfaces_json(world, i);
  if (!i.network_interface.empty()) out["SourceDestCheck"] = true;
  put_nonempty(out, "Platform", i.traits.platform);
  put_nonempty(out, "ClientToken", i.client_token);
  if (!i.tags.empty()) out["Tags"] = tags_json(i.tags);
  put_image_traits(out, i);
  return out;
}

Json reservation_json(const sim::World& world, const sim::ReservationId& id,
                      const sim::AccountId& owner, const std::vector<const sim::Instance*>& list) {
  Json instances = Json::array();
  for (const sim::Instance* i : list) instances.push_back(instance_json(world, *i));
  return {{"ReservationId", id.str()},
          {"OwnerId", owner.str()},
          {"Groups", Json::array()},
          {"Instances", std::move(instances)}};
}

}  // namespace amisim::ec2
