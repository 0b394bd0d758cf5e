#include "api/ec2/network_json.hpp"

#include "api/ec2/input.hpp"
#include "sim/network/network.hpp"

namespace amisim::ec2 {
namespace {

// arn:aws:ec2:<region>:<account>:subnet/<id> (the partition of commercial Regions).
std::string arn(const sim::RegionName& region, const sim::AccountId& owner, const char* type,
                const std::string& id) {
  return "arn:aws:ec2:" + region.str() + ":" + owner.str() + ":" + type + "/" + id;
}

std::string zone_id_of(const sim::World& world, const sim::RegionName& region,
                       const sim::ZoneName& zone) {
  if (const sim::RegionInfo* info = world.fixtures().find_region(region)) {
    for (const auto& z : info->zones)
      if (z.name == zone) return z.zone_id;
  }
  return {};
}

// The default ACL's four entries: rule 100 allows all, the "*" rule (32767) denies, each way
// (VPC User Guide, "Default network ACL").
Json acl_entries_json() {
  Json out = Json::array();
  for (bool egress : {true, false}) {
    out.push_back({{"CidrBlock", "0.0.0.0/0"},
                   {"Egress", egress},
                   {"Protocol", "-1"},
                   {"RuleAction", "allow"},
                   {"RuleNumber", 100}});
    out.push_back({{"CidrBlock", "0.0.0.0/0"},
                   {"Egress", egress},
                   {"Protocol", "-1"},
                   {"RuleAction", "deny"},
                   {"RuleNumber", 32767}});
  }
  return out;
}

void put_tags(Json& out, const sim::Tags& tags, const char* key = "Tags") {
  if (!tags.empty()) out[key] = tags_json(tags);
}

}  // namespace

Json vpc_json(const sim::Vpc& v) {
  Json out = {
      {"VpcId", v.id.str()},
      {"OwnerId", v.owner.str()},
      {"State", "available"},
      {"CidrBlock", v.cidr.str()},
      {"DhcpOptionsId", v.dhcp_options_id},
      {"InstanceTenancy", "default"},
      {"IsDefault", v.is_default},
      {"CidrBlockAssociationSet", Json::array({{{"AssociationId", v.cidr_association},
                                                {"CidrBlock", v.cidr.str()},
                                                {"CidrBlockState", {{"State", "associated"}}}}})}};
  put_tags(out, v.tags);
  return out;
}

Json subnet_json(const sim::World& world, const sim::Subnet& s) {
  Json out = {{"SubnetId", s.id.str()},
              {"SubnetArn", arn(s.region, s.owner, "subnet", s.id.str())},
              {"VpcId", s.vpc.str()},
              {"OwnerId", s.owner.str()},
              {"State", "available"},
              {"CidrBlock", s.cidr.str()},
              {"AvailabilityZone", s.zone.str()},
              {"AvailableIpAddressCount", sim::available_addresses(s)},
              {"DefaultForAz", s.default_for_az},
              {"MapPublicIpOnLaunch", s.map_public_ip_on_launch},
              {"MapCustomerOwnedIpOnLaunch", false},
              {"AssignIpv6AddressOnCreation", false},
              {"Ipv6CidrBlockAssociationSet", Json::array()},
              {"EnableDns64", false},
              {"Ipv6Native", false},
              {"PrivateDnsNameOptionsOnLaunch",
               {{"HostnameType", "ip-name"},
                {"EnableResourceNameDnsARecord", false},
                {"EnableResourceNameDnsAAAARecord", false}}}};
  put_nonempty(out, "AvailabilityZoneId", zone_id_of(world, s.region, s.zone));
  put_tags(out, s.tags);
  return out;
}

Json internet_gateway_json(const sim::InternetGateway& g) {
  Json attachments = Json::array();
  if (g.attached_to)
    attachments.push_back({{"State", "available"}, {"VpcId", g.attached_to->str()}});
  Json out = {{"InternetGatewayId", g.id.str()},
              {"OwnerId", g.owner.str()},
              {"Attachments", std::move(attachments)}};
  put_tags(out, g.tags);
  return out;
}

Json route_table_json(const sim::World& world, const sim::RouteTable& t) {
  (void)world;
  Json routes = Json::array();
  for (const auto& r : t.routes) {
    routes.push_back({{"DestinationCidrBlock", r.destination.str()},
                      {"GatewayId", r.gateway_id},
                      {"Origin", r.gateway_id == "local" ? "CreateRouteTable" : "CreateRoute"},
                      {"State", "active"}});
  }
  Json associations = Json::array();
  if (t.main) {
    associations.push_back({{"Main", true},
                            {"RouteTableAssociationId", t.main_association},
                            {"RouteTableId", t.id.str()},
                            {"AssociationState", {{"State", "associated"}}}});
  }
  Json out = {{"RouteTableId", t.id.str()},
              {"VpcId", t.vpc.str()},
              {"OwnerId", t.owner.str()},
              {"Routes", std::move(routes)},
              {"Associations", std::move(associations)},
              {"PropagatingVgws", Json::array()}};
  put_tags(out, t.tags);
  return out;
}

Json network_acl_json(const sim::World& world, const sim::NetworkAcl& a) {
  Json associations = Json::array();
  for (const sim::Subnet* s : sim::subnets_of(*world.region(a.region), a.vpc)) {
    associations.push_back({{"NetworkAclAssociationId", s->acl_association},
                            {"NetworkAclId", a.id.str()},
                            {"SubnetId", s->id.str()}});
  }
  Json out = {{"NetworkAclId", a.id.str()},    {"VpcId", a.vpc.str()},
              {"OwnerId", a.owner.str()},      {"IsDefault", a.is_default},
              {"Entries", acl_entries_json()}, {"Associations", std::move(associations)}};
  put_tags(out, a.tags);
  return out;
}

namespace {

// NetworkInterface (DescribeNetworkInterfaces) or, for `of_instance`, InstanceNetworkInterface:
// built once in the shape asked for, as a launch's reply writes one per instance.
// `source_dest_check`: the instance's attribute for its primary interface (ModifyInstanceAttribute
// SourceDestCheck), true for any other.
Json interface_json(const sim::World& world, const sim::NetworkInterface& n, bool of_instance,
                    bool source_dest_check) {
  // Built member by member: a launch writes one per instance, and nlohmann's initializer lists
  // cost twice as much (each pair is an array first).
  const std::string ip = sim::ipv4_string(n.private_ip);
  const std::string dns = sim::private_dns_name(n.region, ip);
  const sim::RegionState* region = world.region(n.region);
  Json out = Json::object();
  out["NetworkInterfaceId"] = n.id.str();
  out["OwnerId"] = n.owner.str();
  out["SubnetId"] = n.subnet.str();
  out["VpcId"] = n.vpc.str();
  out["Description"] = n.description;
  Json& groups = out["Groups"] = Json::array();
  for (const auto& id : n.groups) {
    Json& g = groups.emplace_back(Json::object());
    g["GroupId"] = id.str();
    auto it = region->security_groups.find(id);
    if (it != region->security_groups.end()) g["GroupName"] = it->second.name;
  }
  out["InterfaceType"] = "interface";
  out["MacAddress"] = n.mac_address;
  out["PrivateIpAddress"] = ip;
  out["PrivateDnsName"] = dns;
  out["SourceDestCheck"] = source_dest_check;
  out["Status"] = n.instance ? "in-use" : "available";
  out["Ipv6Addresses"] = Json::array();
  if (!of_instance) {
    out["AvailabilityZone"] = n.zone.str();
    out["RequesterManaged"] = false;
    out["TagSet"] = tags_json(n.tags);
  }
  Json& private_ip = out["PrivateIpAddresses"].emplace_back(Json::object());
  private_ip["Primary"] = true;
  private_ip["PrivateIpAddress"] = ip;
  private_ip["PrivateDnsName"] = dns;
  if (!n.public_ip.empty()) {
    Json& association = out["Association"] = Json::object();
    association["PublicIp"] = n.public_ip;
    association["PublicDnsName"] = sim::public_dns_name(n.region, n.public_ip);
    association["IpOwnerId"] = n.elastic_ip ? n.owner.str() : "amazon";
    if (n.elastic_ip && !of_instance) {
      association["AllocationId"] = n.elastic_ip->str();
      association["AssociationId"] = region->addresses.at(*n.elastic_ip).association_id;
    }
    private_ip["Association"] = association;
  }
  if (n.instance) {
    Json& attachment = out["Attachment"] = Json::object();
    attachment["AttachTime"] = time_json(n.attach_time);
    attachment["AttachmentId"] = n.attachment_id;
    attachment["DeleteOnTermination"] = n.delete_on_termination;
    attachment["DeviceIndex"] = 0;
    attachment["NetworkCardIndex"] = 0;
    attachment["Status"] = "attached";
    if (!of_instance) {
      attachment["InstanceId"] = n.instance->str();
      attachment["InstanceOwnerId"] = n.owner.str();
    }
  }
  return out;
}

}  // namespace

Json network_interface_json(const sim::World& world, const sim::NetworkInterface& n) {
  bool source_dest_check = true;
  if (const sim::RegionState* region = world.region(n.region); region && n.instance) {
    auto it = region->instances.find(*n.instance);
    if (it != region->instances.end()) source_dest_check = it->second.source_dest_check;
  }
  return interface_json(world, n, false, source_dest_check);
}

Json instance_network_interface_json(const sim::World& world, const sim::NetworkInterface& n,
                                     bool source_dest_check) {
  return interface_json(world, n, true, source_dest_check);
}

Json address_json(const sim::World& world, const sim::Address& a) {
  Json out = {{"AllocationId", a.id.str()},
              {"PublicIp", a.public_ip},
              {"Domain", "vpc"},
              {"PublicIpv4Pool", "amazon"},
              {"NetworkBorderGroup", a.region.str()}};
  if (a.interface) {
    const sim::NetworkInterface& eni = world.region(a.region)->network_interfaces.at(*a.interface);
    out["AssociationId"] = a.association_id;
    out["NetworkInterfaceId"] = eni.id.str();
    out["NetworkInterfaceOwnerId"] = eni.owner.str();
    out["PrivateIpAddress"] = sim::ipv4_string(eni.private_ip);
    if (eni.instance) out["InstanceId"] = eni.instance->str();
  }
  put_tags(out, a.tags);
  return out;
}

}  // namespace amisim::ec2
