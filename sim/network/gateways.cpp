// Create/Attach/Detach/DeleteInternetGateway. A VPC has at most one internet gateway (VPC User
// Guide, "Internet gateways"); attaching one to a default-less VPC adds no route (routes are the
// caller's to add), but the default VPC's main table routes 0.0.0.0/0 to its own.
#include <utility>

#include "sim/network/detail.hpp"

namespace amisim::sim {

using namespace detail;

Result<const InternetGateway*> create_internet_gateway(World& world, const Caller& caller,
                                                       const std::vector<TagSpecification>& specs,
                                                       bool dry_run) {
  if (auto s = check_tag_resource_types(specs, {"internet-gateway"}); !s) return s.error();
  const auto tags = tags_for(specs, "internet-gateway");
  if (auto s = validate_tags(tags); !s) return s.error();
  if (dry_run) return errors::dry_run();
  InternetGateway gateway{
      InternetGatewayId(world.new_id("igw")), caller.account, caller.region, std::nullopt, {}};
  apply_tags(gateway.tags, tags);
  const InternetGatewayId id = gateway.id;
  return &world.region_of(caller).internet_gateways.emplace(id, std::move(gateway)).first->second;
}

namespace {

// Attach and Detach name a gateway and a VPC, both the caller's (MissingParameter, NotFound).
Result<std::pair<InternetGateway*, Vpc*>> gateway_and_vpc(World& world, const Caller& caller,
                                                          const std::string& gateway_id,
                                                          const std::string& vpc_id) {
  if (gateway_id.empty()) return errors::missing_parameter("InternetGatewayId");
  if (vpc_id.empty()) return errors::missing_parameter("VpcId");
  auto gateway = find_gateway(world, caller, gateway_id);
  if (!gateway) return gateway.error();
  auto vpc = find_vpc(world, caller, vpc_id);
  if (!vpc) return vpc.error();
  return std::make_pair(*gateway, *vpc);
}

}  // namespace

Status attach_internet_gateway(World& world, const Caller& caller, const std::string& gateway_id,
                               const std::string& vpc_id, bool dry_run) {
  auto both = gateway_and_vpc(world, caller, gateway_id, vpc_id);
  if (!both) return both.error();
  auto [gateway, vpc] = *both;
  if (gateway->attached_to)
    return errors::gateway_already_attached(gateway_id, gateway->attached_to->str());
  for (const auto& [id, other] : world.region_of(caller).internet_gateways)
    if (other.attached_to == vpc->id) return errors::vpc_has_gateway(vpc_id, id.str());
  if (dry_run) return errors::dry_run();
  gateway->attached_to = vpc->id;
  return ok_status();
}

Status detach_internet_gateway(World& world, const Caller& caller, const std::string& gateway_id,
                               const std::string& vpc_id, bool dry_run) {
  auto both = gateway_and_vpc(world, caller, gateway_id, vpc_id);
  if (!both) return both.error();
  auto [gateway, vpc] = *both;
  if (gateway->attached_to != vpc->id) return errors::gateway_not_attached(gateway_id, vpc_id);
  if (dry_run) return errors::dry_run();
  gateway->attached_to.reset();
  return ok_status();
}

Status delete_internet_gateway(World& world, const Caller& caller, const std::string& gateway_id,
                               bool dry_run) {
  if (gateway_id.empty()) return errors::missing_parameter("InternetGatewayId");
  auto gateway = find_gateway(world, caller, gateway_id);
  if (!gateway) return gateway.error();
  if ((*gateway)->attached_to) return errors::gateway_dependency(gateway_id);
  if (dry_run) return errors::dry_run();
  RegionState& region = world.region_of(caller);
  // Routes to a deleted gateway would dangle: AWS keeps them as "blackhole"; the model drops them
  // [?] so that no reference outlives its target.
  for (auto& [id, table] : region.route_tables)
    std::erase_if(table.routes, [&](const Route& r) { return r.gateway_id == gateway_id; });
  region.internet_gateways.erase((*gateway)->id);
  return ok_status();
}

}  // namespace amisim::sim
