// CreateSubnet, DeleteSubnet, ModifySubnetAttribute.
#include "sim/network/detail.hpp"

namespace amisim::sim {
namespace {

using namespace detail;

// The zone a CreateSubnet names (by name or ID), or the zone with the fewest of the VPC's
// subnets, first in zone order [?] (AWS: "we choose one for you").
Result<ZoneName> subnet_zone(const RegionState& region, const CreateSubnetRequest& r,
                             const VpcId& vpc) {
  if (!r.availability_zone.empty() && !r.availability_zone_id.empty())
    return errors::subnet_zone_and_id();
  const auto& zones = region.info->zones;
  if (!r.availability_zone.empty()) {
    for (const auto& z : zones)
      if (z.name.str() == r.availability_zone) return z.name;
    return errors::subnet_zone_invalid(r.availability_zone, region.name().str());
  }
  if (!r.availability_zone_id.empty()) {
    for (const auto& z : zones)
      if (!z.zone_id.empty() && z.zone_id == r.availability_zone_id) return z.name;
    return errors::subnet_zone_id_invalid(r.availability_zone_id);
  }
  std::map<ZoneName, int> used;
  for (const auto& [id, s] : region.subnets)
    if (s.vpc == vpc) ++used[s.zone];
  const ZoneName* best = &zones.front().name;
  for (const auto& z : zones)
    if (used[z.name] < used[*best]) best = &z.name;
  return *best;
}

// The block checks: a CIDR, /16../28, inside the VPC, overlapping no sibling.
Status check_subnet_block(const RegionState& region, const Vpc& vpc, const std::string& text) {
  auto cidr = parse_cidr(text);
  if (!cidr) return errors::subnet_cidr_invalid(text);
  if (cidr->prefix < 16 || cidr->prefix > 28 || !vpc.cidr.contains(*cidr))
    return errors::subnet_range(text);
  for (const auto& [id, s] : region.subnets)
    if (s.vpc == vpc.id && s.cidr.overlaps(*cidr)) return errors::subnet_conflict(text);
  return ok_status();
}

}  // namespace

Result<const Subnet*> create_subnet(World& world, const Caller& caller,
                                    const CreateSubnetRequest& request) {
  if (request.vpc_id.empty()) return errors::missing_parameter("VpcId");
  if (request.cidr_block.empty()) return errors::missing_parameter("CidrBlock");
  auto vpc = find_vpc(world, caller, request.vpc_id);
  if (!vpc) return vpc.error();
  RegionState& region = world.region_of(caller);
  if (auto s = check_subnet_block(region, **vpc, request.cidr_block); !s) return s.error();
  auto zone = subnet_zone(region, request, (*vpc)->id);
  if (!zone) return zone.error();
  if (auto s = check_tag_resource_types(request.tag_specifications, {"subnet"}); !s)
    return s.error();
  const auto tags = tags_for(request.tag_specifications, "subnet");
  if (auto s = validate_tags(tags); !s) return s.error();
  if (request.dry_run) return errors::dry_run();
  Subnet& subnet = add_subnet(world, region, **vpc, *zone, *parse_cidr(request.cidr_block));
  apply_tags(subnet.tags, tags);
  return &subnet;
}

Status delete_subnet(World& world, const Caller& caller, const std::string& subnet_id,
                     bool dry_run) {
  if (subnet_id.empty()) return errors::missing_parameter("SubnetId");
  auto subnet = find_subnet(world, caller, subnet_id);
  if (!subnet) return subnet.error();
  RegionState& region = world.region_of(caller);
  for (const auto& [id, eni] : region.network_interfaces)
    if (eni.subnet == (*subnet)->id) return errors::subnet_dependency(subnet_id);
  if (dry_run) return errors::dry_run();
  region.subnets.erase((*subnet)->id);
  return ok_status();
}

Status modify_subnet_attribute(World& world, const Caller& caller, const std::string& subnet_id,
                               std::optional<bool> map_public_ip_on_launch, bool dry_run) {
  if (subnet_id.empty()) return errors::missing_parameter("SubnetId");
  auto subnet = find_subnet(world, caller, subnet_id);
  if (!subnet) return subnet.error();
  if (!map_public_ip_on_launch) return errors::subnet_attribute_missing();
  if (dry_run) return errors::dry_run();
  (*subnet)->map_public_ip_on_launch = *map_public_ip_on_launch;
  return ok_status();
}

}  // namespace amisim::sim
