// Network handlers: VPCs, subnets, internet gateways, route tables, network ACLs, network
// interfaces and DescribeAccountAttributes (sim/network/network.hpp).
#include "api/ec2/input.hpp"
#include "api/ec2/network_json.hpp"
#include "sim/network/network.hpp"

namespace amisim::ec2 {
namespace {

sim::DescribeNetworkRequest describe_request(const Json& in, std::string_view ids) {
  return {strings(in, ids), filters(in), page(in)};
}

// One Describe's output: `key` holds each item's JSON, plus NextToken.
template <class T, class ToJson>
Json described(const sim::Described<T>& result, const char* key, ToJson to_json) {
  Json items = Json::array();
  for (const T* item : result.items) items.push_back(to_json(*item));
  Json out = {{key, std::move(items)}};
  put_nonempty(out, "NextToken", result.next_token);
  return out;
}

Json describe_vpcs(sim::World& world, const sim::Caller& caller, const Json& in) {
  auto result = unwrap(sim::describe_vpcs(world, caller, describe_request(in, "VpcIds")));
  return described(result, "Vpcs", vpc_json);
}

Json create_vpc(sim::World& world, const sim::Caller& caller, const Json& in) {
  sim::CreateVpcRequest request{string_or(in, "CidrBlock"), tag_specifications(in), dry_run(in)};
  return {{"Vpc", vpc_json(*unwrap(sim::create_vpc(world, caller, request)))}};
}

Json create_default_vpc(sim::World& world, const sim::Caller& caller, const Json& in) {
  return {{"Vpc", vpc_json(*unwrap(sim::create_default_vpc(world, caller, dry_run(in))))}};
}

Json delete_vpc(sim::World& world, const sim::Caller& caller, const Json& in) {
  unwrap(sim::delete_vpc(world, caller, string_or(in, "VpcId"), dry_run(in)));
  return Json::object();
}

Json describe_subnets(sim::World& world, const sim::Caller& caller, const Json& in) {
  auto result = unwrap(sim::describe_subnets(world, caller, describe_request(in, "SubnetIds")));
  return described(result, "Subnets", [&](const sim::Subnet& s) { return subnet_json(world, s); });
}

Json create_subnet(sim::World& world, const sim::Caller& caller, const Json& in) {
  sim::CreateSubnetRequest request{string_or(in, "VpcId"),
                                   string_or(in, "CidrBlock"),
                                   string_or(in, "AvailabilityZone"),
                                   string_or(in, "AvailabilityZoneId"),
                                   tag_specifications(in),
                                   dry_run(in)};
  return {{"Subnet", subnet_json(world, *unwrap(sim::create_subnet(world, caller, request)))}};
}

Json delete_subnet(sim::World& world, const sim::Caller& caller, const Json& in) {
  unwrap(sim::delete_subnet(world, caller, string_or(in, "SubnetId"), dry_run(in)));
  return Json::object();
}

Json modify_subnet_attribute(sim::World& world, const sim::Caller& caller, const Json& in) {
  std::optional<bool> map_public;
  if (const Json* attribute = object(in, "MapPublicIpOnLaunch"))
    map_public = opt_bool(*attribute, "Value");
  unwrap(sim::modify_subnet_attribute(world, caller, string_or(in, "SubnetId"), map_public,
                                      dry_run(in)));
  return Json::object();
}

Json describe_internet_gateways(sim::World& world, const sim::Caller& caller, const Json& in) {
  auto result = unwrap(
      sim::describe_internet_gateways(world, caller, describe_request(in, "InternetGatewayIds")));
  return described(result, "InternetGateways", internet_gateway_json);
}

Json create_internet_gateway(sim::World& world, const sim::Caller& caller, const Json& in) {
  const sim::InternetGateway* g =
      unwrap(sim::create_internet_gateway(world, caller, tag_specifications(in), dry_run(in)));
  return {{"InternetGateway", internet_gateway_json(*g)}};
}

Json attach_internet_gateway(sim::World& world, const sim::Caller& caller, const Json& in) {
  unwrap(sim::attach_internet_gateway(world, caller, string_or(in, "InternetGatewayId"),
                                      string_or(in, "VpcId"), dry_run(in)));
  return Json::object();
}

Json detach_internet_gateway(sim::World& world, const sim::Caller& caller, const Json& in) {
  unwrap(sim::detach_internet_gateway(world, caller, string_or(in, "InternetGatewayId"),
                                      string_or(in, "VpcId"), dry_run(in)));
  return Json::object();
}

Json delete_internet_gateway(sim::World& world, const sim::Caller& caller, const Json& in) {
  unwrap(
      sim::delete_internet_gateway(world, caller, string_or(in, "InternetGatewayId"), dry_run(in)));
  return Json::object();
}

Json describe_route_tables(sim::World& world, const sim::Caller& caller, const Json& in) {
  auto result =
      unwrap(sim::describe_route_tables(world, caller, describe_request(in, "RouteTableIds")));
  return described(result, "RouteTables",
                   [&](const sim::RouteTable& t) { return route_table_json(world, t); });
}

Json describe_network_acls(sim::World& world, const sim::Caller& caller, const Json& in) {
  auto result =
      unwrap(sim::describe_network_acls(world, caller, describe_request(in, "NetworkAclIds")));
  return described(result, "NetworkAcls",
                   [&](const sim::NetworkAcl& a) { return network_acl_json(world, a); });
}

Json describe_network_interfaces(sim::World& world, const sim::Caller& caller, const Json& in) {
  auto result = unwrap(
      sim::describe_network_interfaces(world, caller, describe_request(in, "NetworkInterfaceIds")));
  return described(result, "NetworkInterfaces", [&](const sim::NetworkInterface& n) {
    return network_interface_json(world, n);
  });
}

Json describe_account_attributes(sim::World& world, const sim::Caller& caller, const Json& in) {
  auto attributes =
      unwrap(sim::describe_account_attributes(world, caller, strings(in, "AttributeNames")));
  Json out = Json::array();
  for (const auto& a : attributes) {
    Json values = Json::array();
    for (const auto& v : a.values) values.push_back({{"AttributeValue", v}});
    out.push_back({{"AttributeName", a.name}, {"AttributeValues", std::move(values)}});
  }
  return {{"AccountAttributes", std::move(out)}};
}

constexpr HandlerEntry kNetworkHandlers[] = {
    {"AttachInternetGateway", attach_internet_gateway, true},
    {"CreateDefaultVpc", create_default_vpc, true},
    {"CreateInternetGateway", create_internet_gateway, true},
    {"CreateSubnet", create_subnet, true},
    {"CreateVpc", create_vpc, true},
    {"DeleteInternetGateway", delete_internet_gateway, true},
    {"DeleteSubnet", delete_subnet, true},
    {"DeleteVpc", delete_vpc, true},
    {"DescribeAccountAttributes", describe_account_attributes, false},
    {"DescribeInternetGateways", describe_internet_gateways, false},
    {"DescribeNetworkAcls", describe_network_acls, false},
    {"DescribeNetworkInterfaces", describe_network_interfaces, false},
    {"DescribeRouteTables", describe_route_tables, false},
    {"DescribeSubnets", describe_subnets, false},
    {"DescribeVpcs", describe_vpcs, false},
    {"DetachInternetGateway", detach_internet_gateway, true},
    {"ModifySubnetAttribute", modify_subnet_attribute, true},
};

}  // namespace

std::span<const HandlerEntry> network_handlers() { return kNetworkHandlers; }

}  // namespace amisim::ec2
