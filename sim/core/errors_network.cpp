// Errors of the network: VPCs, subnets, internet gateways, route tables, network ACLs, network
// interfaces and Elastic IP addresses (errors.hpp). Codes: ERRCODES (the EC2 API's error code
// list). Texts marked [obs] are quoted in public logs of real AWS replies (Terraform, the CLI);
// [?] marks texts no source confirms, written in the style of the others.
#include <fmt/format.h>

#include "sim/core/errors.hpp"

namespace amisim::sim::errors {
namespace {

using C = ErrorCode;

Error malformed(ErrorCode code, std::string_view id) {
  return {code, fmt::format("Invalid id: \"{}\"", id)};  // as InvalidInstanceID.Malformed
}

}  // namespace

Error vpc_id_malformed(std::string_view id) { return malformed(C::kInvalidVpcIdMalformed, id); }
// [?] the EC2 wording for a malformed CIDR parameter.
Error vpc_cidr_invalid(std::string_view cidr) {
  return {C::kInvalidParameterValue,
          fmt::format("Value ({}) for parameter cidrBlock is invalid. This is not a valid CIDR "
                      "block.",
                      cidr)};
}
// A block larger than /16 or smaller than /28 (VPC User Guide, "VPC CIDR blocks") [?] text.
Error vpc_range(std::string_view cidr) {
  return {C::kInvalidVpcRange, fmt::format("The CIDR '{}' is invalid.", cidr)};
}
// [obs] "The vpc 'vpc-0d58...' has dependencies and cannot be deleted."
Error vpc_dependency(std::string_view vpc_id) {
  return {C::kDependencyViolation,
          fmt::format("The vpc '{}' has dependencies and cannot be deleted.", vpc_id)};
}
// Five VPCs per Region by default (VPC User Guide, "Amazon VPC quotas") [?] text.
Error vpc_limit_exceeded() {
  return {C::kVpcLimitExceeded, "The maximum number of VPCs has been reached."};
}
// [obs] the CLI's reply quoted in AWS workshop READMEs.
Error default_vpc_exists() {
  return {C::kDefaultVpcAlreadyExists,
          "A Default VPC already exists for this account in this region."};
}

Error subnet_id_malformed(std::string_view id) {
  return malformed(C::kInvalidSubnetIdMalformed, id);
}
// [obs] "The subnet ID 'subnet-…' does not exist": RunInstances (boto/boto3#2398) and
// DescribeSubnets (ansible/ansible#25673) quote it; an ID of another Region gets it too.
Error subnet_not_found(std::string_view id) {
  return {C::kInvalidSubnetIdNotFound, fmt::format("The subnet ID '{}' does not exist", id)};
}
Error subnet_cidr_invalid(std::string_view cidr) { return vpc_cidr_invalid(cidr); }
// [obs] "The CIDR '10.1.0.0/24' is invalid." for a block outside the VPC's.
Error subnet_range(std::string_view cidr) {
  return {C::kInvalidSubnetRange, fmt::format("The CIDR '{}' is invalid.", cidr)};
}
// [obs] "The CIDR '10.0.1.0/24' conflicts with another subnet".
Error subnet_conflict(std::string_view cidr) {
  return {C::kInvalidSubnetConflict,
          fmt::format("The CIDR '{}' conflicts with another subnet", cidr)};
}
// [obs] "The subnet 'subnet-...' has dependencies and cannot be deleted."
Error subnet_dependency(std::string_view subnet_id) {
  return {C::kDependencyViolation,
          fmt::format("The subnet '{}' has dependencies and cannot be deleted.", subnet_id)};
}
// [?] text.
Error subnet_zone_invalid(std::string_view zone, std::string_view region) {
  return {C::kInvalidParameterValue,
          fmt::format("Value ({}) for parameter availabilityZone is invalid. Subnets can currently "
                      "only be created in the availability zones of {}.",
                      zone, region)};
}
Error subnet_zone_id_invalid(std::string_view zone_id) {
  return {C::kInvalidParameterValue,
          fmt::format("Value ({}) for parameter availabilityZoneId is invalid.", zone_id)};
}
Error subnet_zone_and_id() {
  return {C::kInvalidParameterCombination,
          "Only one of availabilityZone or availabilityZoneId may be specified."};
}
// RunInstances with a subnet and a Placement zone that differ [?] text.
Error subnet_not_in_zone(std::string_view subnet_id, std::string_view zone) {
  return {C::kInvalidParameterValue,
          fmt::format("The subnet '{}' is not in availability zone '{}'.", subnet_id, zone)};
}
Error subnet_attribute_missing() {
  return {C::kMissingParameter, "The request must contain exactly one attribute to modify."};
}

Error gateway_id_malformed(std::string_view id) {
  return malformed(C::kInvalidInternetGatewayIdMalformed, id);
}
Error gateway_not_found(std::string_view id) {
  return {C::kInvalidInternetGatewayIdNotFound,
          fmt::format("The internetGateway ID '{}' does not exist", id)};
}
// The wording the NAT gateway API documents for Resource.AlreadyAssociated and
// Gateway.NotAttached (APIREF NatGateway.FailureMessage), applied here [?].
Error gateway_already_attached(std::string_view gateway_id, std::string_view vpc_id) {
  return {C::kResourceAlreadyAssociated,
          fmt::format("resource {} is already attached to network {}", gateway_id, vpc_id)};
}
Error vpc_has_gateway(std::string_view vpc_id, std::string_view gateway_id) {
  return {
      C::kInvalidParameterValue,
      fmt::format("Network {} already has an internet gateway attached ({})", vpc_id, gateway_id)};
}
Error gateway_not_attached(std::string_view gateway_id, std::string_view vpc_id) {
  return {C::kGatewayNotAttached,
          fmt::format("resource {} is not attached to network {}", gateway_id, vpc_id)};
}
Error gateway_dependency(std::string_view gateway_id) {
  return {
      C::kDependencyViolation,
      fmt::format("The internetGateway '{}' has dependencies and cannot be deleted.", gateway_id)};
}

Error route_table_id_malformed(std::string_view id) {
  return malformed(C::kInvalidRouteTableIdMalformed, id);
}
Error route_table_not_found(std::string_view id) {
  return {C::kInvalidRouteTableIdNotFound,
          fmt::format("The routeTable ID '{}' does not exist", id)};
}
Error network_acl_id_malformed(std::string_view id) {
  return malformed(C::kInvalidNetworkAclIdMalformed, id);
}
Error network_acl_not_found(std::string_view id) {
  return {C::kInvalidNetworkAclIdNotFound,
          fmt::format("The networkAcl ID '{}' does not exist", id)};
}

Error interface_id_malformed(std::string_view id) {
  return malformed(C::kInvalidNetworkInterfaceIdMalformed, id);
}
Error interface_not_found(std::string_view id) {
  return {C::kInvalidNetworkInterfaceIdNotFound,
          fmt::format("The networkInterface ID '{}' does not exist", id)};
}
Error interface_spec_unsupported(std::string_view what) {
  return {C::kUnsupportedOperation,
          fmt::format("amisim does not simulate {} in NetworkInterfaces.", what)};
}
// RunInstances: groups or a subnet both at the top level and in a network interface [?] text.
Error interface_with_instance_level(std::string_view what) {
  return {C::kInvalidParameterCombination,
          fmt::format("Network interfaces and an instance-level {} may not be specified on the "
                      "same request",
                      what)};
}
Error private_ip_invalid(std::string_view ip) {
  return {C::kInvalidParameterValue,
          fmt::format("Value ({}) for parameter privateIpAddress is invalid.", ip)};
}
Error private_ip_not_in_subnet(std::string_view ip, std::string_view subnet_id) {
  return {C::kInvalidParameterValue,
          fmt::format("Address {} does not fall within the subnet's address range ({})", ip,
                      subnet_id)};
}
// AssociateAddress with a PrivateIpAddress the interface does not have [?] text.
Error private_ip_not_on_interface(std::string_view ip, std::string_view interface_id) {
  return {C::kInvalidParameterValue,
          fmt::format("The private IP address {} is not assigned to network interface {}.", ip,
                      interface_id)};
}
Error private_ip_in_use(std::string_view ip) {
  return {C::kInvalidIpAddressInUse, fmt::format("Address {} is in use.", ip)};
}
Error insufficient_free_addresses(std::string_view subnet_id) {
  return {C::kInsufficientFreeAddressesInSubnet,
          fmt::format("There are not enough free addresses in subnet '{}' to satisfy the "
                      "requested number of instances.",
                      subnet_id)};
}

Error allocation_id_malformed(std::string_view id) {
  return malformed(C::kInvalidAllocationIdMalformed, id);
}
Error allocation_not_found(std::string_view id) {
  return {C::kInvalidAllocationIdNotFound,
          fmt::format("The allocation ID '{}' does not exist", id)};
}
Error association_not_found(std::string_view id) {
  return {C::kInvalidAssociationIdNotFound,
          fmt::format("The association ID '{}' does not exist", id)};
}
Error address_not_found(std::string_view ip) {
  return {C::kInvalidAddressNotFound, fmt::format("Address '{}' not found.", ip)};
}
Error address_in_use(std::string_view allocation_id) {
  return {C::kInvalidIpAddressInUse,
          fmt::format("The address with allocation id [{}] is in use.", allocation_id)};
}
Error address_already_associated(std::string_view allocation_id, std::string_view association_id) {
  return {C::kResourceAlreadyAssociated,
          fmt::format("resource {} is already associated with associate-id {}", allocation_id,
                      association_id)};
}
Error address_target_missing() {
  return {C::kMissingParameter, "Either instance ID or network interface ID must be specified."};
}
// Five Elastic IPs per Region (EC2 User Guide, "Elastic IP address quota") [?] text.
Error address_limit_exceeded() {
  return {C::kAddressLimitExceeded, "The maximum number of addresses has been reached."};
}
Error domain_invalid(std::string_view domain) {
  return {C::kInvalidParameterValue,
          fmt::format("Value ({}) for parameter domain is invalid.", domain)};
}
Error account_attribute_invalid(std::string_view name) {
  return {C::kInvalidParameterValue,
          fmt::format("Value ({}) for parameter attributeName is invalid.", name)};
}

// [obs] "No default VPC for this user" (RunInstances without a subnet after DeleteVpc of the
// default VPC, quoted in Terraform and Packer issues).
Error no_default_vpc() { return {C::kVpcIdNotSpecified, "No default VPC for this user"}; }
// AssociateAddress to a terminated instance [?] text.
Error instance_without_interface(std::string_view instance_id) {
  return {
      C::kIncorrectInstanceState,
      fmt::format("The instance '{}' is not in a valid state for this operation.", instance_id)};
}
// [obs] "Security group sg-... and subnet subnet-... belong to different networks." names the
// subnet; the model checks against the VPC, so the VPC is named [?].
Error group_in_other_network(std::string_view group_id, std::string_view vpc_id) {
  return {
      C::kInvalidParameter,
      fmt::format("Security group {} and VPC {} belong to different networks.", group_id, vpc_id)};
}

}  // namespace amisim::sim::errors
