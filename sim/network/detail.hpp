// The network family's private helpers (sim/network/*.cpp only).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/network/network.hpp"

namespace amisim::sim::detail {

// The caller's resource `id` of `map`, checked for form and owner: `malformed` when the ID is not
// "<prefix>-<hex>", `not_found` when no such resource of the caller is in its Region (another
// Region's or another account's IDs are not found, as on AWS).
template <class IdT, class T>
Result<T*> owned(IdMap<IdT, T>& map, const Caller& caller, std::string_view prefix,
                 const std::string& id, Error (*malformed)(std::string_view),
                 Error (*not_found)(std::string_view)) {
  if (!is_well_formed_id(prefix, id)) return malformed(id);
  auto it = map.find(std::string_view(id));
  if (it == map.end() || it->second.owner != caller.account) return not_found(id);
  return &it->second;
}

Result<Vpc*> find_vpc(World& world, const Caller& caller, const std::string& id);
Result<Subnet*> find_subnet(World& world, const Caller& caller, const std::string& id);
Result<const Subnet*> find_subnet(const World& world, const Caller& caller, const std::string& id);
Result<InternetGateway*> find_gateway(World& world, const Caller& caller, const std::string& id);

// A VPC's companions, made with it: the main route table (local route), the default network ACL
// and the default security group, in that order of IDs.
void add_vpc_companions(World& world, RegionState& region, Vpc& vpc);
// A subnet of `vpc` in `zone`, associated with the VPC's default ACL.
Subnet& add_subnet(World& world, RegionState& region, const Vpc& vpc, const ZoneName& zone,
                   const Cidr& cidr);
// The default VPC and everything in it, for the caller's Region (the default network).
Vpc& add_default_vpc(World& world, const Caller& caller);

// The lowest free address offset of a subnet (4 .. size-2), or nullopt when it is full.
std::optional<std::uint32_t> next_free_offset(const Subnet& subnet);
// The next address of the Region's public IPv4 pool (never handed out twice).
std::string next_public_ip(RegionState& region);

// "true" / "false", as filters compare booleans.
std::vector<std::string> bool_value(bool b);

}  // namespace amisim::sim::detail
