// Elastic IP handlers: AllocateAddress, AssociateAddress, DisassociateAddress, ReleaseAddress,
// DescribeAddresses (sim/network/addresses.hpp).
#include "sim/network/addresses.hpp"

#include "api/ec2/input.hpp"
#include "api/ec2/network_json.hpp"

namespace amisim::ec2 {
namespace {

Json allocate_address(sim::World& world, const sim::Caller& caller, const Json& in) {
  const sim::Address* a =
      unwrap(sim::allocate_address(world, caller, string_or(in, "Domain"), tag_specifications(in),
                                   bool_or(in, "DryRun", false)));
  Json out = {{"AllocationId", a->id.str()},
              {"PublicIp", a->public_ip},
              {"Domain", "vpc"},
              {"PublicIpv4Pool", "amazon"},
              {"NetworkBorderGroup", a->region.str()}};
  return out;
}

Json associate_address(sim::World& world, const sim::Caller& caller, const Json& in) {
  sim::AssociateAddressRequest r;
  r.allocation_id = string_or(in, "AllocationId");
  r.public_ip = string_or(in, "PublicIp");
  r.instance_id = string_or(in, "InstanceId");
  r.network_interface_id = string_or(in, "NetworkInterfaceId");
  r.private_ip_address = string_or(in, "PrivateIpAddress");
  r.allow_reassociation = bool_or(in, "AllowReassociation", false);
  r.dry_run = bool_or(in, "DryRun", false);
  return {{"AssociationId", unwrap(sim::associate_address(world, caller, r))}};
}

Json disassociate_address(sim::World& world, const sim::Caller& caller, const Json& in) {
  unwrap(sim::disassociate_address(world, caller, string_or(in, "AssociationId"),
                                   string_or(in, "PublicIp"), bool_or(in, "DryRun", false)));
  return Json::object();
}

Json release_address(sim::World& world, const sim::Caller& caller, const Json& in) {
  unwrap(sim::release_address(world, caller, string_or(in, "AllocationId"),
                              string_or(in, "PublicIp"), bool_or(in, "DryRun", false)));
  return Json::object();
}

Json describe_addresses(sim::World& world, const sim::Caller& caller, const Json& in) {
  sim::DescribeAddressesRequest r{strings(in, "PublicIps"), strings(in, "AllocationIds"),
                                  filters(in)};
  Json out = Json::array();
  for (const sim::Address* a : unwrap(sim::describe_addresses(world, caller, r)))
    out.push_back(address_json(world, *a));
  return {{"Addresses", std::move(out)}};
}

constexpr HandlerEntry kAddressHandlers[] = {
    {"AllocateAddress", allocate_address, true},
    {"AssociateAddress", associate_address, true},
    {"DescribeAddresses", describe_addresses, false},
    {"DisassociateAddress", disassociate_address, true},
    {"ReleaseAddress", release_address, true},
};

}  // namespace

std::span<const HandlerEntry> address_handlers() { return kAddressHandlers; }

}  // namespace amisim::ec2
