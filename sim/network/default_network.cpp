// The default network, made on an account's first use of a Region, and the pieces every VPC is
// made of (VPC User Guide, "Default VPCs" and "Default subnets").
#include <fmt/format.h>

#include <cassert>

#include "sim/core/hash.hpp"
#include "sim/instances/security_groups.hpp"
#include "sim/network/detail.hpp"

namespace amisim::sim {
namespace detail {

Result<Vpc*> find_vpc(World& world, const Caller& caller, const std::string& id) {
  return owned(world.region_of(caller).vpcs, caller, "vpc", id, errors::vpc_id_malformed,
               errors::vpc_not_found);
}

Result<Subnet*> find_subnet(World& world, const Caller& caller, const std::string& id) {
  return owned(world.region_of(caller).subnets, caller, "subnet", id, errors::subnet_id_malformed,
               errors::subnet_not_found);
}

Result<const Subnet*> find_subnet(const World& world, const Caller& caller, const std::string& id) {
  auto found = find_subnet(const_cast<World&>(world), caller, id);
  if (!found) return found.error();
  return static_cast<const Subnet*>(*found);
}

Result<InternetGateway*> find_gateway(World& world, const Caller& caller, const std::string& id) {
  return owned(world.region_of(caller).internet_gateways, caller, "igw", id,
               errors::gateway_id_malformed, errors::gateway_not_found);
}

void add_vpc_companions(World& world, RegionState& region, Vpc& vpc) {
  RouteTable table;
  table.id = RouteTableId(world.new_id("rtb"));
  table.owner = vpc.owner;
  table.region = vpc.region;
  table.vpc = vpc.id;
  table.main = true;
  table.main_association = world.new_id("rtbassoc");
  table.routes.push_back(Route{vpc.cidr, "local"});
  vpc.main_route_table = table.id;
  region.route_tables.emplace(table.id, std::move(table));
  NetworkAcl acl{NetworkAclId(world.new_id("acl")), vpc.owner, vpc.region, vpc.id, true, {}};
  vpc.default_acl = acl.id;
  region.network_acls.emplace(acl.id, std::move(acl));
  vpc.default_group = create_default_security_group(world, vpc.owner, vpc.region, vpc.id).id;
}

Subnet& add_subnet(World& world, RegionState& region, const Vpc& vpc, const ZoneName& zone,
                   const Cidr& cidr) {
  Subnet subnet;
  subnet.id = SubnetId(world.new_id("subnet"));
  subnet.owner = vpc.owner;
  subnet.region = vpc.region;
  subnet.vpc = vpc.id;
  subnet.zone = zone;
  subnet.cidr = cidr;
  subnet.acl_association = world.new_id("aclassoc");
  const SubnetId id = subnet.id;
  return region.subnets.emplace(id, std::move(subnet)).first->second;
}

Vpc& add_default_vpc(World& world, const Caller& caller) {
  RegionState& region = world.region_of(caller);
  AccountRegion& home = region.accounts.at(caller.account);
  Vpc vpc;
  vpc.id = VpcId(world.new_id("vpc"));
  vpc.owner = caller.account;
  vpc.region = caller.region;
  vpc.cidr = *parse_cidr(kDefaultVpcCidr);
  vpc.is_default = true;
  vpc.dhcp_options_id = home.dhcp_options_id;
  vpc.cidr_association = world.new_id("vpc-cidr-assoc");
  add_vpc_companions(world, region, vpc);
  Vpc& placed = region.vpcs.emplace(vpc.id, std::move(vpc)).first->second;
  home.default_vpc = placed.id;
  home.default_group = placed.default_group;
  InternetGateway gateway{
      InternetGatewayId(world.new_id("igw")), caller.account, caller.region, placed.id, {}};
  region.route_tables.at(placed.main_route_table)
      .routes.push_back(Route{*parse_cidr("0.0.0.0/0"), gateway.id.str()});
  region.internet_gateways.emplace(gateway.id, std::move(gateway));
  // One /20 per zone, in zone order: 172.31.0.0/20, 172.31.16.0/20, ...
  const auto& zones = region.info->zones;
  for (std::size_t i = 0; i < zones.size() && i < 16; ++i) {
    const Cidr block{placed.cidr.base + static_cast<std::uint32_t>(i << 12), kDefaultSubnetPrefix};
    Subnet& subnet = add_subnet(world, region, placed, zones[i].name, block);
    subnet.default_for_az = true;
    subnet.map_public_ip_on_launch = true;
  }
  return placed;
}

std::optional<std::uint32_t> next_free_offset(const Subnet& subnet) {
  const std::uint32_t last = static_cast<std::uint32_t>(subnet.cidr.size() - 2);
  std::uint32_t candidate = subnet.free_from;
  for (auto it = subnet.used.lower_bound(candidate); it != subnet.used.end() && *it == candidate;
       ++it)
    ++candidate;
  if (candidate > last) return std::nullopt;
  return candidate;
}

// [?] A deterministic pool per Region: a /16 of 3.0.0.0/8 (an AWS range) chosen by the Region's
// name, handed out in order from .0.1, never twice.
std::string next_public_ip(RegionState& region) {
  const std::uint32_t second = static_cast<std::uint32_t>(fnv1a(region.name().str()) % 256);
  const std::uint64_t n = ++region.public_ips_issued;
  const std::uint32_t address = (3u << 24) | (second << 16) | static_cast<std::uint32_t>(n % 65536);
  return ipv4_string(address);
}

std::vector<std::string> bool_value(bool b) { return {b ? "true" : "false"}; }

}  // namespace detail

bool has_network(const World& world, const Caller& caller) {
  const RegionState* region = world.region(caller.region);
  if (region == nullptr) return false;
  auto it = region->accounts.find(caller.account);
  return it != region->accounts.end() && it->second.network_created;
}

void ensure_default_network(World& world, const Caller& caller) {
  RegionState& region = world.region_of(caller);
  AccountRegion& home = region.accounts[caller.account];
  if (home.network_created) return;
  home.network_created = true;
  home.dhcp_options_id = world.new_id("dopt");
  detail::add_default_vpc(world, caller);
}

std::string private_dns_name(const RegionName& region, const std::string& ip) {
  std::string dashed = ip;
  for (char& c : dashed)
    if (c == '.') c = '-';
  return "ip-" + dashed +
         (region.str() == "us-east-1" ? ".ec2.internal" : "." + region.str() + ".compute.internal");
}

std::string public_dns_name(const RegionName& region, const std::string& ip) {
  std::string dashed = ip;
  for (char& c : dashed)
    if (c == '.') c = '-';
  return "ec2-" + dashed +
         (region.str() == "us-east-1" ? ".compute-1.amazonaws.com"
                                      : "." + region.str() + ".compute.amazonaws.com");
}

}  // namespace amisim::sim
