// Elastic IP addresses: allocate, associate, disassociate, release, describe.
#include "sim/network/addresses.hpp"

#include <algorithm>

#include "sim/billing/metering.hpp"
#include "sim/core/cidr.hpp"
#include "sim/instances/instances.hpp"
#include "sim/network/detail.hpp"

namespace amisim::sim {
namespace {

using namespace detail;
using Values = std::optional<std::vector<std::string>>;

Result<Address*> address_by(World& world, const Caller& caller, const std::string& allocation_id,
                            const std::string& public_ip) {
  RegionState& region = world.region_of(caller);
  if (!allocation_id.empty())
    return owned(region.addresses, caller, "eipalloc", allocation_id,
                 errors::allocation_id_malformed, errors::allocation_not_found);
  for (auto& [id, a] : region.addresses)
    if (a.owner == caller.account && a.public_ip == public_ip) return &a;
  return errors::address_not_found(public_ip);
}

// The interface an AssociateAddress names: an instance's primary one, or one by ID.
Result<NetworkInterface*> association_target(World& world, const Caller& caller,
                                             const AssociateAddressRequest& r) {
  RegionState& region = world.region_of(caller);
  if (!r.network_interface_id.empty())
    return owned(region.network_interfaces, caller, "eni", r.network_interface_id,
                 errors::interface_id_malformed, errors::interface_not_found);
  if (!is_well_formed_id("i", r.instance_id)) return errors::instance_id_malformed(r.instance_id);
  const Instance* instance = find_instance(world, caller, InstanceId(r.instance_id));
  if (instance == nullptr) return errors::instance_not_found(r.instance_id);
  auto it = region.network_interfaces.find(instance->network_interface);
  if (it == region.network_interfaces.end())
    return errors::instance_without_interface(r.instance_id);
  return &it->second;
}

// AssociateAddress's PrivateIpAddress must be one of the interface's addresses (API reference,
// AssociateAddress: "The primary or secondary private IP address to associate with the Elastic IP
// address"); the model gives an interface its primary address only.
Status check_private_ip(const NetworkInterface& eni, const std::string& text) {
  if (text.empty()) return ok_status();
  auto ip = parse_ipv4(text);
  if (!ip) return errors::private_ip_invalid(text);
  if (*ip != eni.private_ip) return errors::private_ip_not_on_interface(text, eni.id.str());
  return ok_status();
}

Instance* instance_of(RegionState& region, const NetworkInterface& eni) {
  if (!eni.instance) return nullptr;
  auto it = region.instances.find(*eni.instance);
  return it == region.instances.end() ? nullptr : &it->second;
}

// Takes the address off its interface; the interface gets its ephemeral address back only at
// its next start (as on AWS, where a running instance keeps none after disassociation [?]).
void unhook(World& world, RegionState& region, Address& address) {
  if (!address.interface) return;
  NetworkInterface& eni = region.network_interfaces.at(*address.interface);
  eni.elastic_ip.reset();
  eni.public_ip.clear();
  if (Instance* instance = instance_of(region, eni)) instance->public_ip.clear();
  address.interface.reset();
  address.association_id.clear();
  meter_public_ipv4(world, address.owner, address.region, address.id.str(), true, false);
}

Values address_values(const Address& a, const RegionState& region, const std::string& name);

}  // namespace

Result<const Address*> allocate_address(World& world, const Caller& caller,
                                        const std::string& domain,
                                        const std::vector<TagSpecification>& specs, bool dry_run) {
  if (!domain.empty() && domain != "vpc" && domain != "standard")
    return errors::domain_invalid(domain);
  if (auto s = check_tag_resource_types(specs, {"elastic-ip"}); !s) return s.error();
  const auto tags = tags_for(specs, "elastic-ip");
  if (auto s = validate_tags(tags); !s) return s.error();
  RegionState& region = world.region_of(caller);
  const auto held = std::count_if(region.addresses.begin(), region.addresses.end(),
                                  [&](const auto& e) { return e.second.owner == caller.account; });
  if (static_cast<std::size_t>(held) >= kMaxElasticIpsPerRegion)
    return errors::address_limit_exceeded();
  if (dry_run) return errors::dry_run();
  Address address;
  address.id = AllocationId(world.new_id("eipalloc"));
  address.owner = caller.account;
  address.region = caller.region;
  address.public_ip = next_public_ip(region);
  apply_tags(address.tags, tags);
  meter_public_ipv4(world, address.owner, address.region, address.id.str(), true, false);
  const AllocationId id = address.id;
  return &region.addresses.emplace(id, std::move(address)).first->second;
}

Result<std::string> associate_address(World& world, const Caller& caller,
                                      const AssociateAddressRequest& r) {
  if (r.allocation_id.empty() && r.public_ip.empty())
    return errors::missing_parameter("AllocationId");
  if (r.instance_id.empty() && r.network_interface_id.empty())
    return errors::address_target_missing();
  auto address = address_by(world, caller, r.allocation_id, r.public_ip);
  if (!address) return address.error();
  auto eni = association_target(world, caller, r);
  if (!eni) return eni.error();
  if (auto s = check_private_ip(**eni, r.private_ip_address); !s) return s.error();
  Address& a = **address;
  if (a.interface && a.interface != (*eni)->id && !r.allow_reassociation)
    return errors::address_already_associated(a.id.str(), a.association_id);
  if (r.dry_run) return errors::dry_run();
  RegionState& region = world.region_of(caller);
  NetworkInterface& target = **eni;
  if (target.elastic_ip && *target.elastic_ip != a.id)
    unhook(world, region, region.addresses.at(*target.elastic_ip));
  unhook(world, region, a);
  // The interface's ephemeral address goes: the Elastic IP replaces it.
  if (!target.public_ip.empty())
    meter_public_ipv4(world, target.owner, target.region, target.id.str(), false, true);
  target.elastic_ip = a.id;
  target.public_ip = a.public_ip;
  if (Instance* instance = instance_of(region, target)) instance->public_ip = a.public_ip;
  a.interface = target.id;
  a.association_id = world.new_id("eipassoc");
  meter_public_ipv4(world, a.owner, a.region, a.id.str(), true, true);
  return a.association_id;
}

Status disassociate_address(World& world, const Caller& caller, const std::string& association_id,
                            const std::string& public_ip, bool dry_run) {
  if (association_id.empty() && public_ip.empty())
    return errors::missing_parameter("AssociationId");
  RegionState& region = world.region_of(caller);
  Address* found = nullptr;
  for (auto& [id, a] : region.addresses) {
    if (a.owner != caller.account || !a.interface) continue;
    if (association_id.empty() ? a.public_ip == public_ip : a.association_id == association_id)
      found = &a;
  }
  if (found == nullptr)
    return association_id.empty() ? errors::address_not_found(public_ip)
                                  : errors::association_not_found(association_id);
  if (dry_run) return errors::dry_run();
  unhook(world, region, *found);
  return ok_status();
}

Status release_address(World& world, const Caller& caller, const std::string& allocation_id,
                       const std::string& public_ip, bool dry_run) {
  if (allocation_id.empty() && public_ip.empty()) return errors::missing_parameter("AllocationId");
  auto address = address_by(world, caller, allocation_id, public_ip);
  if (!address) return address.error();
  if ((*address)->interface) return errors::address_in_use((*address)->id.str());
  if (dry_run) return errors::dry_run();
  meter_public_ipv4(world, (*address)->owner, (*address)->region, (*address)->id.str(), false,
                    false);
  const AllocationId id = (*address)->id;
  world.region_of(caller).addresses.erase(id);
  return ok_status();
}

Result<std::vector<const Address*>> describe_addresses(const World& world, const Caller& caller,
                                                       const DescribeAddressesRequest& r) {
  if (auto s = check_filters(r.filters); !s) return s.error();
  const RegionState& region = world.region_of(caller);
  for (const auto& f : r.filters)
    if (!is_tag_filter(f.name) && !address_values(Address{}, region, f.name))
      return errors::invalid_filter(f.name);
  std::vector<const Address*> out;
  for (const auto& id : r.allocation_ids) {
    auto found = owned(const_cast<RegionState&>(region).addresses, caller, "eipalloc", id,
                       errors::allocation_id_malformed, errors::allocation_not_found);
    if (!found) return found.error();
    out.push_back(*found);
  }
  for (const auto& ip : r.public_ips) {
    auto found = address_by(const_cast<World&>(world), caller, "", ip);
    if (!found) return found.error();
    out.push_back(*found);
  }
  if (r.allocation_ids.empty() && r.public_ips.empty())
    for (const auto& [id, a] : region.addresses)
      if (a.owner == caller.account) out.push_back(&a);
  std::sort(out.begin(), out.end(),
            [](const Address* a, const Address* b) { return a->id < b->id; });
  out.erase(std::unique(out.begin(), out.end()), out.end());
  std::erase_if(out, [&](const Address* a) {
    for (const auto& f : r.filters) {
      auto v = is_tag_filter(f.name) ? tag_filter_values(a->tags, f.name)
                                     : address_values(*a, region, f.name);
      if (!any_match(f.values, *v)) return true;
    }
    return false;
  });
  return out;
}

namespace {

Values address_values(const Address& a, const RegionState& region, const std::string& name) {
  using V = std::vector<std::string>;
  const NetworkInterface* eni = nullptr;
  if (a.interface) eni = &region.network_interfaces.at(*a.interface);
  if (name == "allocation-id") return V{a.id.str()};
  if (name == "public-ip") return V{a.public_ip};
  if (name == "domain") return V{"vpc"};
  if (name == "association-id") return a.interface ? V{a.association_id} : V{};
  if (name == "network-interface-id") return eni ? V{eni->id.str()} : V{};
  if (name == "network-interface-owner-id") return eni ? V{eni->owner.str()} : V{};
  if (name == "private-ip-address") return eni ? V{ipv4_string(eni->private_ip)} : V{};
  if (name == "instance-id") return eni && eni->instance ? V{eni->instance->str()} : V{};
  return std::nullopt;
}

}  // namespace
}  // namespace amisim::sim
