// The VPC network of one account in one Region (EC2 User Guide / VPC User Guide, "Default VPCs"):
// VPCs, subnets, internet gateways, route tables, network ACLs, network interfaces and Elastic IP
// addresses. Data only; the rules live in sim/network/.
//
// Invariants the family keeps (tests/properties/network_properties.cpp checks them):
//  - a subnet's block lies inside its VPC's and overlaps no sibling's;
//  - every private address a subnet marks used is held by exactly one interface of that subnet,
//    and lies inside the subnet's block past its 4 reserved addresses and before its last;
//  - every reference (an interface's subnet and instance, an address's interface, a route's
//    gateway, a VPC's main route table, ACL and default group) names something that exists.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "sim/core/cidr.hpp"
#include "sim/core/ids.hpp"
#include "sim/core/tags.hpp"
#include "sim/core/time.hpp"

namespace amisim::sim {

struct Vpc {
  VpcId id;
  AccountId owner;
  RegionName region;
  Cidr cidr;
  bool is_default = false;
  std::string dhcp_options_id;   // "dopt-...": the account's default set in the Region
  std::string cidr_association;  // "vpc-cidr-assoc-..."
  RouteTableId main_route_table;
  NetworkAclId default_acl;
  SecurityGroupId default_group;
  Tags tags;
};

struct Subnet {
  SubnetId id;
  AccountId owner;
  RegionName region;
  VpcId vpc;
  ZoneName zone;
  Cidr cidr;
  bool default_for_az = false;
  bool map_public_ip_on_launch = false;
  std::string acl_association;  // "aclassoc-...": its association with the VPC's default ACL
  // Addresses held by interfaces, as offsets from cidr.base. AWS reserves the first four and the
  // last of every subnet (VPC User Guide, "Subnet CIDR blocks"), so offsets run 4..size-2.
  std::set<std::uint32_t> used;
  // Every offset from 4 up to (not including) this one is used: where the search for the lowest
  // free address starts, so a launch does not walk every address taken before it. Derived from
  // `used` (the digest leaves it out); kept by sim/network/interfaces.cpp.
  std::uint32_t free_from = 4;
  Tags tags;
};

struct InternetGateway {
  InternetGatewayId id;
  AccountId owner;
  RegionName region;
  std::optional<VpcId> attached_to;
  Tags tags;
};

// Routes of a route table: the VPC's local route and, in a default VPC, 0.0.0.0/0 to its gateway.
struct Route {
  Cidr destination;
  std::string gateway_id;  // "local" or "igw-..."
};

struct RouteTable {
  RouteTableId id;
  AccountId owner;
  RegionName region;
  VpcId vpc;
  bool main = false;
  std::string main_association;  // "rtbassoc-..." (the main one)
  std::vector<Route> routes;
  Tags tags;
};

// Entries are not modelled: every ACL here is a default ACL, allowing all traffic both ways
// (rule 100) before the "*" deny (VPC User Guide, "Default network ACL").
struct NetworkAcl {
  NetworkAclId id;
  AccountId owner;
  RegionName region;
  VpcId vpc;
  bool is_default = true;
  Tags tags;
};

// A network interface. Every instance has one (device index 0), created with it.
struct NetworkInterface {
  NetworkInterfaceId id;
  AccountId owner;
  RegionName region;
  SubnetId subnet;
  VpcId vpc;
  ZoneName zone;
  std::uint32_t private_ip = 0;
  std::string mac_address;
  std::string description;
  std::vector<SecurityGroupId> groups;
  // Its public IPv4: an Elastic IP's while one is associated, else the ephemeral address the
  // instance holds while running ("" when none).
  std::string public_ip;
  std::optional<AllocationId> elastic_ip;
  // The instance asked for (or its subnet maps) a public address: given on each start.
  bool wants_public_ip = false;
  std::optional<InstanceId> instance;  // attached to, at device index 0
  std::string attachment_id;           // "eni-attach-..."
  TimeMs attach_time = 0;
  bool delete_on_termination = true;
  Tags tags;
};

// An Elastic IP address (domain vpc).
struct Address {
  AllocationId id;
  AccountId owner;
  RegionName region;
  std::string public_ip;
  std::optional<NetworkInterfaceId> interface;  // associated with
  std::string association_id;                   // "eipassoc-..." while associated
  Tags tags;
};

}  // namespace amisim::sim
