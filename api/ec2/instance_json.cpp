#include "api/ec2/instance_json.hpp"

#include <algorithm>
#include <string>

#include "api/ec2/input.hpp"
#include "api/ec2/network_json.hpp"
#include "sim/instances/metadata_options.hpp"
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
  Json out = Json::object();
  out["AvailabilityZone"] = i.zone.str();
  out["Tenancy"] = "default";
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
  out.push_back(instance_network_interface_json(world, *eni, i.source_dest_check));
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
    Json& reason = out["StateReason"] = Json::object();
    reason["Code"] = i.state_reason_code;
    reason["Message"] = i.state_reason_message;
  }
}

}  // namespace

Json metadata_options_json(const sim::Instance& i) {
  const sim::InstanceMetadataOptions& m = i.metadata_options;
  Json out = Json::object();
  out["State"] = std::string(sim::metadata_options_state(i));
  out["HttpTokens"] = m.tokens_required ? "required" : "optional";
  out["HttpPutResponseHopLimit"] = m.hop_limit;
  out["HttpEndpoint"] = m.endpoint_enabled ? "enabled" : "disabled";
  out["HttpProtocolIpv6"] = m.ipv6_endpoint ? "enabled" : "disabled";
  out["InstanceMetadataTags"] = m.tags_enabled ? "enabled" : "disabled";
  return out;
}

Json instance_state_json(sim::InstanceState state) {
  Json out = Json::object();
  out["Code"] = sim::state_code(state);
  out["Name"] = std::string(sim::to_string(state));
  return out;
}

Json block_devices_json(const sim::World& world, const sim::RegionName& region,
                        const std::vector<sim::InstanceBlockDevice>& devices) {
  const sim::RegionState* r = world.region(region);
  Json out = Json::array();
  for (const auto& d : devices) {
    Json& device = out.emplace_back(Json::object());
    device["DeviceName"] = d.device_name;
    Json& ebs = device["Ebs"] = Json::object();
    ebs["VolumeId"] = d.volume_id.str();
    ebs["AttachTime"] = time_json(d.attach_time);
    ebs["DeleteOnTermination"] = d.delete_on_termination;
    const sim::Volume* v = find_in(r, &sim::RegionState::volumes, d.volume_id);
    if (v != nullptr && v->attachment) ebs["Status"] = v->attachment->state;
  }
  return out;
}

Json group_identifiers_json(const sim::World& world, const sim::Instance& instance) {
  const sim::RegionState* region = world.region(instance.region);
  Json out = Json::array();
  for (const auto& id : instance.security_groups) {
    Json& g = out.emplace_back(Json::object());
    g["GroupId"] = id.str();
    const sim::SecurityGroup* group = find_in(region, &sim::RegionState::security_groups, id);
    if (group != nullptr) g["GroupName"] = group->name;
  }
  return out;
}

// Member by member rather than by initializer list, which costs twice as much in nlohmann (each
// pair is built as an array first): a launch's reply is mostly this.
Json instance_json(const sim::World& world, const sim::Instance& i) {
  Json out = Json::object();
  out["InstanceId"] = i.id.str();
  out["ImageId"] = i.image_id.str();
  out["InstanceType"] = i.instance_type;
  out["LaunchTime"] = time_json(i.launch_time);
  out["AmiLaunchIndex"] = i.ami_launch_index;
  out["Placement"] = placement_json(world, i);
  out["Monitoring"] = Json::object();
  out["Monitoring"]["State"] = i.detailed_monitoring ? "enabled" : "disabled";
  out["Architecture"] = i.traits.architecture;
  out["RootDeviceType"] = "ebs";  // the model launches EBS-backed images only
  out["RootDeviceName"] = i.traits.root_device_name;
  out["BlockDeviceMappings"] = block_devices_json(world, i.region, i.block_devices);
  out["SecurityGroups"] = group_identifiers_json(world, i);
  // The image's product codes at launch; [] for most instances, as DescribeInstances shows them
  // (APIREF Instance.productCodes; the CLI reference's examples).
  out["ProductCodes"] = product_codes_json(i.traits.product_codes);
  out["PlatformDetails"] = i.traits.platform_details;
  put_state(out, i);
  put_addresses(out, i);
  put_nonempty(out, "KeyName", i.key_name);
  put_nonempty(out, "VpcId", i.vpc_id.str());
  put_nonempty(out, "SubnetId", i.subnet_id.str());
  out["NetworkInterfaces"] = instance_interfaces_json(world, i);
  if (!i.network_interface.empty()) out["SourceDestCheck"] = i.source_dest_check;
  out["EbsOptimized"] = i.ebs_optimized;
  put_nonempty(out, "Platform", i.traits.platform);
  put_nonempty(out, "ClientToken", i.client_token);
  if (!i.tags.empty()) out["Tags"] = tags_json(i.tags);
  put_image_traits(out, i);
  out["MetadataOptions"] = metadata_options_json(i);
  return out;
}

Json reservation_json(const sim::World& world, const sim::ReservationId& id,
                      const sim::AccountId& owner, const std::vector<const sim::Instance*>& list) {
  Json out = Json::object();
  out["ReservationId"] = id.str();
  out["OwnerId"] = owner.str();
  out["Groups"] = Json::array();
  Json& instances = out["Instances"] = Json::array();
  for (const sim::Instance* i : list) instances.push_back(instance_json(world, *i));
  return out;
}

}  // namespace amisim::ec2
