// DescribeVpcs, DescribeSubnets, DescribeInternetGateways, DescribeRouteTables,
// DescribeNetworkAcls, DescribeNetworkInterfaces: one shape each (IDs all-or-nothing, filters
// ANDed, values ORed with AWS's wildcards, pages in ID order) over the caller's resources in the
// caller's Region.
#include <algorithm>

#include "sim/network/detail.hpp"

namespace amisim::sim {
namespace {

using namespace detail;
using V = std::vector<std::string>;
using Values = std::optional<V>;

// One Describe over `map`: `values(item, name)` gives a filter's values, nullopt for a name the
// type does not know (InvalidFilter).
template <class IdT, class T, class ValuesFn>
Result<Described<T>> describe_in(const IdMap<IdT, T>& map, const Caller& caller,
                                 const DescribeNetworkRequest& r, const PageRule& rule,
                                 std::string_view prefix, Error (*malformed)(std::string_view),
                                 Error (*not_found)(std::string_view), ValuesFn values) {
  if (auto s = check_filters(r.filters); !s) return s.error();
  for (const auto& f : r.filters)
    if (!is_tag_filter(f.name) && !values(T{}, f.name)) return errors::invalid_filter(f.name);
  if (auto s = check_page_request(r.page, rule, !r.ids.empty()); !s) return s.error();
  std::vector<const T*> selected;
  for (const auto& id : r.ids) {
    auto found = owned(const_cast<IdMap<IdT, T>&>(map), caller, prefix, id, malformed, not_found);
    if (!found) return found.error();
    if (std::find(selected.begin(), selected.end(), *found) == selected.end())
      selected.push_back(*found);
  }
  if (r.ids.empty()) {
    for (const auto& [id, item] : map)
      if (item.owner == caller.account) selected.push_back(&item);
  }
  std::sort(selected.begin(), selected.end(), [](const T* a, const T* b) { return a->id < b->id; });
  std::vector<const T*> matching;
  for (const T* item : selected) {
    bool pass = true;
    for (const auto& f : r.filters) {
      auto v =
          is_tag_filter(f.name) ? tag_filter_values(item->tags, f.name) : values(*item, f.name);
      pass = pass && any_match(f.values, *v);
    }
    if (pass) matching.push_back(item);
  }
  Described<T> out;
  auto page = paginate(
      std::move(matching), r.page, rule, [](const T* item) { return item->id.str(); },
      out.next_token);
  if (!page) return page.error();
  out.items = std::move(*page);
  return out;
}

Values vpc_values(const Vpc& v, const std::string& name) {
  if (name == "vpc-id") return V{v.id.str()};
  if (name == "cidr" || name == "cidr-block-association.cidr-block") return V{v.cidr.str()};
  if (name == "is-default" || name == "isDefault") return bool_value(v.is_default);
  if (name == "state") return V{"available"};
  if (name == "owner-id") return V{v.owner.str()};
  if (name == "dhcp-options-id") return V{v.dhcp_options_id};
  return std::nullopt;
}

Values subnet_values(const RegionState& region, const Subnet& s, const std::string& name) {
  if (name == "subnet-id") return V{s.id.str()};
  if (name == "vpc-id") return V{s.vpc.str()};
  if (name == "cidr-block" || name == "cidr" || name == "cidrBlock") return V{s.cidr.str()};
  if (name == "availability-zone" || name == "availabilityZone") return V{s.zone.str()};
  if (name == "availability-zone-id") {
    for (const auto& z : region.info->zones)
      if (z.name == s.zone) return V{z.zone_id};
    return V{};
  }
  if (name == "default-for-az" || name == "defaultForAz") return bool_value(s.default_for_az);
  if (name == "map-public-ip-on-launch") return bool_value(s.map_public_ip_on_launch);
  if (name == "state") return V{"available"};
  if (name == "owner-id") return V{s.owner.str()};
  if (name == "available-ip-address-count") return V{std::to_string(available_addresses(s))};
  return std::nullopt;
}

Values gateway_values(const InternetGateway& g, const std::string& name) {
  if (name == "internet-gateway-id") return V{g.id.str()};
  if (name == "owner-id") return V{g.owner.str()};
  if (name == "attachment.vpc-id") return g.attached_to ? V{g.attached_to->str()} : V{};
  if (name == "attachment.state") return g.attached_to ? V{"available"} : V{};
  return std::nullopt;
}

Values table_values(const RegionState& region, const RouteTable& t, const std::string& name) {
  if (name == "route-table-id") return V{t.id.str()};
  if (name == "vpc-id") return V{t.vpc.str()};
  if (name == "owner-id") return V{t.owner.str()};
  if (name == "association.main") return bool_value(t.main);
  if (name == "association.route-table-association-id") return V{t.main_association};
  if (name == "association.subnet-id") return V{};  // only main associations are modelled
  if (name == "route.destination-cidr-block" || name == "route.gateway-id") {
    V out;
    for (const auto& r : t.routes)
      out.push_back(name == "route.gateway-id" ? r.gateway_id : r.destination.str());
    return out;
  }
  (void)region;
  return std::nullopt;
}

Values acl_values(const RegionState& region, const NetworkAcl& a, const std::string& name) {
  if (name == "network-acl-id") return V{a.id.str()};
  if (name == "vpc-id") return V{a.vpc.str()};
  if (name == "owner-id") return V{a.owner.str()};
  if (name == "default") return bool_value(a.is_default);
  if (name == "association.subnet-id" || name == "association.association-id") {
    V out;
    for (const Subnet* s : subnets_of(region, a.vpc))
      out.push_back(name == "association.subnet-id" ? s->id.str() : s->acl_association);
    return out;
  }
  return std::nullopt;
}

Values interface_values(const NetworkInterface& n, const std::string& name) {
  if (name == "network-interface-id") return V{n.id.str()};
  if (name == "subnet-id") return V{n.subnet.str()};
  if (name == "vpc-id") return V{n.vpc.str()};
  if (name == "availability-zone") return V{n.zone.str()};
  if (name == "owner-id") return V{n.owner.str()};
  if (name == "private-ip-address" || name == "addresses.private-ip-address")
    return V{ipv4_string(n.private_ip)};
  if (name == "association.public-ip") return n.public_ip.empty() ? V{} : V{n.public_ip};
  if (name == "attachment.instance-id") return n.instance ? V{n.instance->str()} : V{};
  if (name == "attachment.attachment-id") return n.instance ? V{n.attachment_id} : V{};
  if (name == "status") return V{n.instance ? "in-use" : "available"};
  if (name == "mac-address") return V{n.mac_address};
  if (name == "description") return V{n.description};
  if (name == "group-id") {
    V out;
    for (const auto& g : n.groups) out.push_back(g.str());
    return out;
  }
  return std::nullopt;
}

}  // namespace

std::vector<const Subnet*> subnets_of(const RegionState& region, const VpcId& vpc) {
  std::vector<const Subnet*> out;
  for (const auto& [id, s] : region.subnets)
    if (s.vpc == vpc) out.push_back(&s);
  return out;
}

std::uint64_t available_addresses(const Subnet& subnet) {
  return subnet.cidr.size() - 5 - subnet.used.size();
}

Result<Described<Vpc>> describe_vpcs(const World& world, const Caller& caller,
                                     const DescribeNetworkRequest& r) {
  return describe_in(world.region_of(caller).vpcs, caller, r, kDescribeVpcsPages, "vpc",
                     errors::vpc_id_malformed, errors::vpc_not_found, vpc_values);
}

Result<Described<Subnet>> describe_subnets(const World& world, const Caller& caller,
                                           const DescribeNetworkRequest& r) {
  const RegionState& region = world.region_of(caller);
  return describe_in(
      region.subnets, caller, r, kDescribeSubnetsPages, "subnet", errors::subnet_id_malformed,
      errors::subnet_not_found,
      [&](const Subnet& s, const std::string& n) { return subnet_values(region, s, n); });
}

Result<Described<InternetGateway>> describe_internet_gateways(const World& world,
                                                              const Caller& caller,
                                                              const DescribeNetworkRequest& r) {
  return describe_in(world.region_of(caller).internet_gateways, caller, r,
                     kDescribeInternetGatewaysPages, "igw", errors::gateway_id_malformed,
                     errors::gateway_not_found, gateway_values);
}

Result<Described<RouteTable>> describe_route_tables(const World& world, const Caller& caller,
                                                    const DescribeNetworkRequest& r) {
  const RegionState& region = world.region_of(caller);
  return describe_in(
      region.route_tables, caller, r, kDescribeRouteTablesPages, "rtb",
      errors::route_table_id_malformed, errors::route_table_not_found,
      [&](const RouteTable& t, const std::string& n) { return table_values(region, t, n); });
}

Result<Described<NetworkAcl>> describe_network_acls(const World& world, const Caller& caller,
                                                    const DescribeNetworkRequest& r) {
  const RegionState& region = world.region_of(caller);
  return describe_in(
      region.network_acls, caller, r, kDescribeNetworkAclsPages, "acl",
      errors::network_acl_id_malformed, errors::network_acl_not_found,
      [&](const NetworkAcl& a, const std::string& n) { return acl_values(region, a, n); });
}

Result<Described<NetworkInterface>> describe_network_interfaces(const World& world,
                                                                const Caller& caller,
                                                                const DescribeNetworkRequest& r) {
  return describe_in(world.region_of(caller).network_interfaces, caller, r,
                     kDescribeNetworkInterfacesPages, "eni", errors::interface_id_malformed,
                     errors::interface_not_found, interface_values);
}

// Defaults from the EC2 User Guide ("Amazon EC2 service quotas", "Elastic IP address quota") and
// the API reference's DescribeAccountAttributes: max-instances 20 [?] (vCPU-based quotas replaced
// it; the API still answers a number), five security groups per interface, five Elastic IPs.
Result<std::vector<AccountAttribute>> describe_account_attributes(
    const World& world, const Caller& caller, const std::vector<std::string>& names) {
  const RegionState& region = world.region_of(caller);
  auto home = region.accounts.find(caller.account);
  const std::string default_vpc = home == region.accounts.end() || home->second.default_vpc.empty()
                                      ? "none"
                                      : home->second.default_vpc.str();
  const std::vector<AccountAttribute> all = {
      {"supported-platforms", {"VPC"}},
      {"vpc-max-security-groups-per-interface", {"5"}},
      {"max-elastic-ips", {std::to_string(kMaxElasticIpsPerRegion)}},
      {"max-instances", {"20"}},
      {"vpc-max-elastic-ips", {std::to_string(kMaxElasticIpsPerRegion)}},
      {"default-vpc", {default_vpc}}};
  if (names.empty()) return all;
  std::vector<AccountAttribute> out;
  for (const auto& name : names) {
    auto it = std::find_if(all.begin(), all.end(), [&](const auto& a) { return a.name == name; });
    if (it == all.end()) return errors::account_attribute_invalid(name);
    out.push_back(*it);
  }
  return out;
}

}  // namespace amisim::sim
