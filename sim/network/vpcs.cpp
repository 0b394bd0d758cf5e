// CreateVpc, CreateDefaultVpc, DeleteVpc.
#include <algorithm>

#include "sim/network/detail.hpp"

namespace amisim::sim {
namespace {

using namespace detail;

// VPC and subnet blocks are /16 to /28 (VPC User Guide, "VPC CIDR blocks").
bool size_allowed(const Cidr& cidr) { return cidr.prefix >= 16 && cidr.prefix <= 28; }

std::size_t vpc_count(const RegionState& region, const AccountId& owner) {
  return static_cast<std::size_t>(
      std::count_if(region.vpcs.begin(), region.vpcs.end(),
                    [&](const auto& e) { return e.second.owner == owner; }));
}

// Why `vpc` cannot be deleted, if anything still depends on it.
bool has_dependents(const RegionState& region, const Vpc& vpc) {
  for (const auto& [id, subnet] : region.subnets)
    if (subnet.vpc == vpc.id) return true;
  for (const auto& [id, gateway] : region.internet_gateways)
    if (gateway.attached_to == vpc.id) return true;
  for (const auto& [id, group] : region.security_groups)
    if (group.vpc_id == vpc.id && id != vpc.default_group) return true;
  for (const auto& [id, eni] : region.network_interfaces)
    if (eni.vpc == vpc.id) return true;
  return false;
}

}  // namespace

Result<const Vpc*> create_vpc(World& world, const Caller& caller, const CreateVpcRequest& request) {
  if (request.cidr_block.empty()) return errors::missing_parameter("CidrBlock");
  auto cidr = parse_cidr(request.cidr_block);
  if (!cidr) return errors::vpc_cidr_invalid(request.cidr_block);
  if (!size_allowed(*cidr)) return errors::vpc_range(request.cidr_block);
  if (auto s = check_tag_resource_types(request.tag_specifications, {"vpc"}); !s) return s.error();
  const auto tags = tags_for(request.tag_specifications, "vpc");
  if (auto s = validate_tags(tags); !s) return s.error();
  RegionState& region = world.region_of(caller);
  if (vpc_count(region, caller.account) >= kMaxVpcsPerRegion) return errors::vpc_limit_exceeded();
  if (request.dry_run) return errors::dry_run();
  ensure_default_network(world, caller);  // for the account's DHCP options set
  Vpc vpc;
  vpc.id = VpcId(world.new_id("vpc"));
  vpc.owner = caller.account;
  vpc.region = caller.region;
  vpc.cidr = *cidr;
  vpc.dhcp_options_id = region.accounts.at(caller.account).dhcp_options_id;
  vpc.cidr_association = world.new_id("vpc-cidr-assoc");
  apply_tags(vpc.tags, tags);
  add_vpc_companions(world, region, vpc);
  const VpcId id = vpc.id;
  return &region.vpcs.emplace(id, std::move(vpc)).first->second;
}

Result<const Vpc*> create_default_vpc(World& world, const Caller& caller, bool dry_run) {
  const RegionState& region = world.region_of(caller);
  auto home = region.accounts.find(caller.account);
  if (home != region.accounts.end() && !home->second.default_vpc.empty())
    return errors::default_vpc_exists();
  if (dry_run) return errors::dry_run();
  if (!has_network(world, caller)) {
    ensure_default_network(world, caller);
    return &world.region_of(caller).vpcs.at(
        world.region_of(caller).accounts.at(caller.account).default_vpc);
  }
  return &add_default_vpc(world, caller);
}

Status delete_vpc(World& world, const Caller& caller, const std::string& vpc_id, bool dry_run) {
  if (vpc_id.empty()) return errors::missing_parameter("VpcId");
  auto found = find_vpc(world, caller, vpc_id);
  if (!found) return found.error();
  const Vpc& vpc = **found;
  RegionState& region = world.region_of(caller);
  if (has_dependents(region, vpc)) return errors::vpc_dependency(vpc_id);
  if (dry_run) return errors::dry_run();
  region.route_tables.erase(vpc.main_route_table);
  region.network_acls.erase(vpc.default_acl);
  region.security_groups.erase(vpc.default_group);
  AccountRegion& home = region.accounts.at(caller.account);
  if (home.default_vpc == vpc.id) {
    home.default_vpc = VpcId();
    home.default_group = SecurityGroupId();
  }
  region.vpcs.erase(vpc.id);
  return ok_status();
}

}  // namespace amisim::sim
