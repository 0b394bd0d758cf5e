// Elastic IP addresses (EC2 User Guide, "Elastic IP addresses"): AllocateAddress (domain vpc),
// AssociateAddress (to an instance's primary interface or an interface), DisassociateAddress,
// ReleaseAddress, DescribeAddresses. An associated Elastic IP is the interface's public address
// and stays across stop and start. Every address held is billed (sim/billing/metering.hpp).
#pragma once

#include <string>
#include <vector>

#include "sim/core/query.hpp"
#include "sim/state/world.hpp"

namespace amisim::sim {

// Errors: InvalidParameterValue (Domain other than vpc/standard), AddressLimitExceeded (five per
// Region), tag errors.
Result<const Address*> allocate_address(World& world, const Caller& caller,
                                        const std::string& domain,
                                        const std::vector<TagSpecification>& tags,
                                        bool dry_run = false);

struct AssociateAddressRequest {
  std::string allocation_id;  // or public_ip
  std::string public_ip;
  std::string instance_id;           // or network_interface_id
  std::string network_interface_id;  //
  std::string private_ip_address;    // "" = the interface's primary address
  bool allow_reassociation = false;
  bool dry_run = false;
};
// Returns the association ID. Errors: MissingParameter, InvalidAllocationID.*,
// InvalidAddress.NotFound, InvalidInstanceID.*, InvalidNetworkInterfaceID.*,
// IncorrectInstanceState (terminated), InvalidParameterValue (a PrivateIpAddress that is not the
// interface's), Resource.AlreadyAssociated (associated and AllowReassociation false).
Result<std::string> associate_address(World& world, const Caller& caller,
                                      const AssociateAddressRequest& request);
// By AssociationId or PublicIp. Errors: InvalidAssociationID.NotFound, InvalidAddress.NotFound.
Status disassociate_address(World& world, const Caller& caller, const std::string& association_id,
                            const std::string& public_ip, bool dry_run = false);
// By AllocationId or PublicIp. Errors: InvalidAllocationID.*, InvalidAddress.NotFound,
// InvalidIPAddress.InUse (still associated).
Status release_address(World& world, const Caller& caller, const std::string& allocation_id,
                       const std::string& public_ip, bool dry_run = false);

struct DescribeAddressesRequest {
  std::vector<std::string> public_ips;
  std::vector<std::string> allocation_ids;
  std::vector<Filter> filters;  // allocation-id, association-id, domain, instance-id,
                                // network-interface-id, private-ip-address, public-ip, tag:...
};
// Errors: InvalidAllocationID.*, InvalidAddress.NotFound, InvalidFilter.
Result<std::vector<const Address*>> describe_addresses(const World& world, const Caller& caller,
                                                       const DescribeAddressesRequest& request);

}  // namespace amisim::sim
