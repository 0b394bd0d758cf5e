// The network of each account in each Region (VPC User Guide, "Default VPCs"; EC2 User Guide,
// "Elastic IP addresses"): VPCs, subnets, internet gateways, route tables, network ACLs, network
// interfaces and Elastic IPs. Data: sim/state/network.hpp.
//
// The default network is made on the account's first use of a Region (ensure_default_network;
// the doors call it before every operation, and the gateway journals it): the default VPC
// 172.31.0.0/16, a default /20 subnet in every Availability Zone in zone order (DefaultForAz,
// MapPublicIpOnLaunch), an attached internet gateway, the main route table (local route and
// 0.0.0.0/0 to the gateway), the default network ACL and the VPC's "default" security group.
// IDs come from the world's allocator in that fixed order, so they replay.
//
// Every mutating operation takes `dry_run`: it runs every check, then answers DryRunOperation
// before changing anything (the pattern of sim/images/deregister.cpp).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sim/core/query.hpp"
#include "sim/state/world.hpp"

namespace amisim::sim {

inline constexpr const char* kDefaultVpcCidr = "172.31.0.0/16";
inline constexpr int kDefaultSubnetPrefix = 20;
// Quotas (VPC User Guide, "Amazon VPC quotas"; EC2 User Guide, "Elastic IP address quota").
inline constexpr std::size_t kMaxVpcsPerRegion = 5;
inline constexpr std::size_t kMaxElasticIpsPerRegion = 5;

// Makes the caller's default network in the caller's Region unless it exists. Idempotent.
void ensure_default_network(World& world, const Caller& caller);
bool has_network(const World& world, const Caller& caller);

// --- describe ----------------------------------------------------------------------------
struct DescribeNetworkRequest {
  std::vector<std::string> ids;  // VpcIds, SubnetIds, ... (all must exist: NotFound otherwise)
  std::vector<Filter> filters;
  PageRequest page;
};
template <class T>
struct Described {
  std::vector<const T*> items;
  std::string next_token;
};
// Filters per type: the ones the API reference lists that the model holds (vpc-id, cidr,
// cidr-block, is-default, state, owner-id, subnet-id, availability-zone, default-for-az,
// map-public-ip-on-launch, attachment.vpc-id, association.main, private-ip-address, ...), and
// tag:<key> / tag-key. Errors: <Type>ID.Malformed, <Type>ID.NotFound, InvalidFilter,
// MaxResults (5-1000; route tables 5-100, the model's ranges) and paging errors.
Result<Described<Vpc>> describe_vpcs(const World& world, const Caller& caller,
                                     const DescribeNetworkRequest& request);
Result<Described<Subnet>> describe_subnets(const World& world, const Caller& caller,
                                           const DescribeNetworkRequest& request);
Result<Described<InternetGateway>> describe_internet_gateways(
    const World& world, const Caller& caller, const DescribeNetworkRequest& request);
Result<Described<RouteTable>> describe_route_tables(const World& world, const Caller& caller,
                                                    const DescribeNetworkRequest& request);
Result<Described<NetworkAcl>> describe_network_acls(const World& world, const Caller& caller,
                                                    const DescribeNetworkRequest& request);
Result<Described<NetworkInterface>> describe_network_interfaces(
    const World& world, const Caller& caller, const DescribeNetworkRequest& request);

// The subnets of a route table's or ACL's VPC it is associated with (every ACL here is its VPC's
// default and every route table its main one, so: every subnet of the VPC), in ID order.
std::vector<const Subnet*> subnets_of(const RegionState& region, const VpcId& vpc);
// Free addresses of a subnet: its size less the 5 reserved and those in use.
std::uint64_t available_addresses(const Subnet& subnet);

// --- VPCs --------------------------------------------------------------------------------
struct CreateVpcRequest {
  std::string cidr_block;
  std::vector<TagSpecification> tag_specifications;
  bool dry_run = false;
};
// A VPC with its main route table (local route), default network ACL and "default" security
// group. Errors: MissingParameter, InvalidParameterValue (not a CIDR), InvalidVpc.Range (outside
// /16../28), VpcLimitExceeded (five per Region), tag errors.
Result<const Vpc*> create_vpc(World& world, const Caller& caller, const CreateVpcRequest& request);
// A new default VPC and network when the account has none in the Region. Errors:
// DefaultVpcAlreadyExists.
Result<const Vpc*> create_default_vpc(World& world, const Caller& caller, bool dry_run = false);
// Errors: InvalidVpcID.Malformed/NotFound, DependencyViolation while subnets, an attached
// gateway, security groups other than its default, or interfaces remain.
Status delete_vpc(World& world, const Caller& caller, const std::string& vpc_id,
                  bool dry_run = false);

// --- subnets -----------------------------------------------------------------------------
struct CreateSubnetRequest {
  std::string vpc_id;
  std::string cidr_block;
  std::string availability_zone;     // "" = not given
  std::string availability_zone_id;  // "" = not given
  std::vector<TagSpecification> tag_specifications;
  bool dry_run = false;
};
// Errors: MissingParameter, InvalidVpcID.*, InvalidParameterValue (CIDR, zone),
// InvalidSubnet.Range (not inside the VPC's block, or outside /16../28), InvalidSubnet.Conflict
// (overlaps a sibling), InvalidParameterCombination (zone and zone ID), tag errors. No zone given:
// the zone with the fewest of the VPC's subnets, first in zone order [?].
Result<const Subnet*> create_subnet(World& world, const Caller& caller,
                                    const CreateSubnetRequest& request);
// Errors: InvalidSubnetID.*, DependencyViolation while interfaces remain.
Status delete_subnet(World& world, const Caller& caller, const std::string& subnet_id,
                     bool dry_run = false);
// MapPublicIpOnLaunch. Errors: InvalidSubnetID.*, MissingParameter (no attribute).
Status modify_subnet_attribute(World& world, const Caller& caller, const std::string& subnet_id,
                               std::optional<bool> map_public_ip_on_launch, bool dry_run = false);

// --- internet gateways -------------------------------------------------------------------
Result<const InternetGateway*> create_internet_gateway(World& world, const Caller& caller,
                                                       const std::vector<TagSpecification>& tags,
                                                       bool dry_run = false);
// Errors: InvalidInternetGatewayID.*, InvalidVpcID.*, Resource.AlreadyAssociated (attached
// already), InvalidParameterValue (the VPC has another gateway).
Status attach_internet_gateway(World& world, const Caller& caller, const std::string& gateway_id,
                               const std::string& vpc_id, bool dry_run = false);
// Errors: InvalidInternetGatewayID.*, InvalidVpcID.*, Gateway.NotAttached.
Status detach_internet_gateway(World& world, const Caller& caller, const std::string& gateway_id,
                               const std::string& vpc_id, bool dry_run = false);
// Errors: InvalidInternetGatewayID.*, DependencyViolation while attached.
Status delete_internet_gateway(World& world, const Caller& caller, const std::string& gateway_id,
                               bool dry_run = false);

// --- account attributes ------------------------------------------------------------------
struct AccountAttribute {
  std::string name;
  std::vector<std::string> values;
};
// supported-platforms (VPC), default-vpc (its ID or "none"), max-instances,
// vpc-max-security-groups-per-interface, max-elastic-ips, vpc-max-elastic-ips, with AWS's
// default quotas; all of them, or those named. Errors: InvalidParameterValue (unknown name).
Result<std::vector<AccountAttribute>> describe_account_attributes(
    const World& world, const Caller& caller, const std::vector<std::string>& names);

// --- host names --------------------------------------------------------------------------
// EC2's IP-based names (EC2 User Guide, "Amazon EC2 instance hostname types"): us-east-1 uses
// ec2.internal / compute-1.amazonaws.com, every other Region <region>.compute.internal /
// <region>.compute.amazonaws.com.
std::string private_dns_name(const RegionName& region, const std::string& ip);
std::string public_dns_name(const RegionName& region, const std::string& ip);

}  // namespace amisim::sim
