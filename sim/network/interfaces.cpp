// Instances in subnets: the launch's subnet, the primary interface, private and public addresses.
#include "sim/network/interfaces.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cassert>

#include "sim/billing/metering.hpp"
#include "sim/core/hash.hpp"
#include "sim/network/detail.hpp"

namespace amisim::sim {
namespace {

using namespace detail;

// The default subnet a launch without a subnet goes to: the one in `zone` if given, else the one
// with the most free addresses, first in zone order on a tie [?], which spreads launches over
// the zones as AWS does without a rule it documents.
const Subnet* default_subnet(const RegionState& region, const AccountRegion& home,
                             const std::optional<ZoneName>& zone, const std::string& type) {
  const Subnet* best = nullptr;
  std::size_t best_zone = 0;
  for (const auto& [id, s] : region.subnets) {
    if (s.vpc != home.default_vpc || !s.default_for_az) continue;
    if (zone && s.zone != *zone) continue;
    std::size_t z = 0;
    while (z < region.info->zones.size() && region.info->zones[z].name != s.zone) ++z;
    // Not a zone that does not offer the type (us-east-1e has no t3): AWS picks among the others.
    if (!zone && !type.empty() && z < region.info->zones.size() &&
        !region.info->offers(type, &region.info->zones[z]))
      continue;
    const auto free = available_addresses(s);
    if (!best || free > available_addresses(*best) ||
        (free == available_addresses(*best) && z < best_zone)) {
      best = &s;
      best_zone = z;
    }
  }
  return best;
}

Result<const Subnet*> launch_subnet_of(const World& world, const Caller& caller,
                                       const LaunchNetworkRequest& r) {
  if (!r.subnet_id.empty()) {
    auto subnet = find_subnet(world, caller, r.subnet_id);
    if (!subnet) return subnet.error();
    if (r.zone && (*subnet)->zone != *r.zone)
      return errors::subnet_not_in_zone(r.subnet_id, r.zone->str());
    return *subnet;
  }
  const RegionState& region = world.region_of(caller);
  auto home = region.accounts.find(caller.account);
  if (home == region.accounts.end() || home->second.default_vpc.empty())
    return errors::no_default_vpc();
  const Subnet* subnet = default_subnet(region, home->second, r.zone, r.instance_type);
  if (subnet == nullptr) return errors::no_default_vpc();  // [?] a default VPC without subnets
  return subnet;
}

// The launch's zone must offer its instance type; the error lists the zones that do.
Status check_zone_offers(const RegionInfo& region, const ZoneName& zone, const std::string& type) {
  if (type.empty()) return ok_status();
  auto here = std::find_if(region.zones.begin(), region.zones.end(),
                           [&](const ZoneInfo& z) { return z.name == zone; });
  if (here == region.zones.end() || region.offers(type, &*here)) return ok_status();
  std::vector<std::string> offering;  // only for the refusal: launches are the hot path
  for (const ZoneInfo& z : region.zones)
    if (region.offers(type, &z)) offering.push_back(z.name.str());
  return errors::type_not_offered_in_zone(type, zone.str(), offering);
}

void set_public_ip(World& world, Instance& instance, NetworkInterface& eni, std::string ip) {
  eni.public_ip = std::move(ip);
  instance.public_ip = eni.public_ip;
  if (!eni.elastic_ip)
    meter_public_ipv4(world, eni.owner, eni.region, eni.id.str(), !eni.public_ip.empty(), true);
}

NetworkInterface* primary_interface(World& world, const Instance& instance) {
  RegionState* region = world.region(instance.region);
  if (region == nullptr || instance.network_interface.empty()) return nullptr;
  auto it = region->network_interfaces.find(instance.network_interface);
  return it == region->network_interfaces.end() ? nullptr : &it->second;
}

// A locally administered MAC address derived from the interface ID [?].
std::string mac_of(const NetworkInterfaceId& id) {
  const std::uint64_t h = fnv1a(id.str());
  return fmt::format("0e:{:02x}:{:02x}:{:02x}:{:02x}:{:02x}", (h >> 32) & 255, (h >> 24) & 255,
                     (h >> 16) & 255, (h >> 8) & 255, h & 255);
}

}  // namespace

Result<LaunchNetwork> plan_launch_network(const World& world, const Caller& caller,
                                          const LaunchNetworkRequest& request, int min_count) {
  auto subnet = launch_subnet_of(world, caller, request);
  if (!subnet) return subnet.error();
  const Subnet& s = **subnet;
  if (auto ok = check_zone_offers(*world.region_of(caller).info, s.zone, request.instance_type);
      !ok)
    return ok.error();
  LaunchNetwork plan{s.vpc,
                     s.id,
                     s.map_public_ip_on_launch,
                     request.associate_public_ip,
                     request.delete_on_termination,
                     std::nullopt};
  if (!request.private_ip.empty()) {
    auto ip = parse_ipv4(request.private_ip);
    if (!ip) return errors::private_ip_invalid(request.private_ip);
    const std::uint32_t offset = *ip - s.cidr.base;
    if (!s.cidr.contains(*ip) || offset < 4 || offset > s.cidr.size() - 2)
      return errors::private_ip_not_in_subnet(request.private_ip, s.id.str());
    if (s.used.count(offset)) return errors::private_ip_in_use(request.private_ip);
    if (min_count > 1) return errors::private_ip_invalid(request.private_ip);  // one address
    plan.private_ip = *ip;
  }
  if (available_addresses(s) < static_cast<std::uint64_t>(std::max(min_count, 1)))
    return errors::insufficient_free_addresses(s.id.str());
  return plan;
}

int launch_capacity(const World& world, const Caller& caller, const LaunchNetwork& plan,
                    int wanted) {
  if (plan.private_ip) return 1;
  const Subnet& s = world.region_of(caller).subnets.at(*plan.subnet);
  return static_cast<int>(std::min<std::uint64_t>(wanted, available_addresses(s)));
}

const Subnet& launch_subnet(const World& world, const Caller& caller, const LaunchNetwork& plan) {
  return world.region_of(caller).subnets.at(*plan.subnet);
}

void attach_primary_interface(World& world, Instance& instance, const Subnet& subnet_ref,
                              const LaunchNetwork& plan) {
  RegionState& region = world.region_of(Caller{instance.owner, instance.region});
  Subnet& subnet = region.subnets.at(subnet_ref.id);
  auto offset = plan.private_ip ? std::optional<std::uint32_t>(*plan.private_ip - subnet.cidr.base)
                                : next_free_offset(subnet);
  assert(offset && "launch_capacity bounds the launch by the subnet's free addresses");
  subnet.used.insert(*offset);
  if (*offset == subnet.free_from) ++subnet.free_from;
  NetworkInterface eni;
  eni.id = NetworkInterfaceId(world.new_id("eni"));
  eni.owner = instance.owner;
  eni.region = instance.region;
  eni.subnet = subnet.id;
  eni.vpc = subnet.vpc;
  eni.zone = subnet.zone;
  eni.private_ip = subnet.cidr.base + *offset;
  eni.mac_address = mac_of(eni.id);
  eni.groups = instance.security_groups;
  eni.wants_public_ip = plan.associate_public_ip.value_or(subnet.map_public_ip_on_launch);
  eni.instance = instance.id;
  eni.attachment_id = world.new_id("eni-attach");
  eni.attach_time = world.now();
  eni.delete_on_termination = plan.delete_on_termination;
  instance.vpc_id = subnet.vpc;
  instance.subnet_id = subnet.id;
  instance.zone = subnet.zone;
  instance.network_interface = eni.id;
  instance.private_ip = ipv4_string(eni.private_ip);
  region.network_interfaces.emplace(eni.id, std::move(eni));
}

void on_instance_running(World& world, Instance& instance) {
  NetworkInterface* eni = primary_interface(world, instance);
  if (eni == nullptr || !eni->wants_public_ip || eni->elastic_ip || !eni->public_ip.empty()) return;
  set_public_ip(world, instance, *eni, next_public_ip(*world.region(instance.region)));
}

void on_instance_stopped(World& world, Instance& instance) {
  NetworkInterface* eni = primary_interface(world, instance);
  if (eni == nullptr || eni->elastic_ip) return;  // an Elastic IP stays across stop and start
  set_public_ip(world, instance, *eni, "");
}

void on_instance_terminated(World& world, Instance& instance) {
  NetworkInterface* eni = primary_interface(world, instance);
  if (eni == nullptr) return;
  RegionState& region = *world.region(instance.region);
  if (eni->elastic_ip) {
    Address& address = region.addresses.at(*eni->elastic_ip);
    address.interface.reset();
    address.association_id.clear();
    meter_public_ipv4(world, address.owner, address.region, address.id.str(), true, false);
    eni->elastic_ip.reset();
  }
  set_public_ip(world, instance, *eni, "");
  eni->wants_public_ip = false;
  // A terminated instance shows no network (its interface is gone or detached).
  instance.network_interface = NetworkInterfaceId();
  instance.private_ip.clear();
  instance.subnet_id = SubnetId();
  instance.vpc_id = VpcId();
  if (!eni->delete_on_termination) {  // detached, kept "available" with its address
    eni->instance.reset();
    eni->attachment_id.clear();
    return;
  }
  Subnet& subnet = region.subnets.at(eni->subnet);
  const std::uint32_t freed = eni->private_ip - subnet.cidr.base;
  subnet.used.erase(freed);
  subnet.free_from = std::min(subnet.free_from, freed);
  const NetworkInterfaceId id = eni->id;
  region.network_interfaces.erase(id);
}

}  // namespace amisim::sim
