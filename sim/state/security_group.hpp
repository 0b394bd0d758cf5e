// A security group: Region-scoped, in one VPC, named uniquely per VPC, with its rules. Every
// account has a default VPC and its "default" group in each Region.
#pragma once

#include <string>
#include <vector>

#include "sim/core/ids.hpp"
#include "sim/core/tags.hpp"

namespace amisim::sim {

class World;

// One rule: a direction, a protocol with its ports, and exactly one peer (an IPv4 block, an IPv6
// block, a prefix list or a security group). The shape of the API's SecurityGroupRule.
struct SecurityGroupRule {
  SecurityGroupRuleId id;
  bool is_egress = false;
  // "tcp", "udp", "icmp", "icmpv6", "-1" (all) or another IP protocol number ("50"): names for
  // the numbers EC2 names (6, 17, 1, 58), as EC2 describes them.
  std::string protocol;
  int from_port = -1;  // tcp/udp: 0-65535; icmp/icmpv6: type and code, -1 = all; else -1
  int to_port = -1;
  std::string cidr_ipv4;  // canonical ("10.0.0.0/8"), or ""
  std::string cidr_ipv6;  // canonical ("2001:db8::/32"), or ""
  std::string prefix_list_id;
  SecurityGroupId referenced_group;  // a group of referenced_owner in this Region, or empty
  AccountId referenced_owner;
  std::string description;
  Tags tags;

  // The same rule whatever its ID, description and tags: what makes a second one a duplicate.
  bool same_as(const SecurityGroupRule& other) const;
};

struct SecurityGroup {
  SecurityGroupId id;
  RegionName region;
  AccountId owner;
  VpcId vpc_id;
  std::string name;
  std::string description;
  Tags tags;
  bool is_default = false;
  std::vector<SecurityGroupRule> rules;  // in the order they were authorized
};

// The rules EC2 gives a new group in a VPC: outbound "all traffic to 0.0.0.0/0", and for the
// VPC's default group also inbound "all traffic from members of this group" (VPC user guide,
// "Default security groups for your VPCs" and "Create a security group": "a new security group
// has no inbound rules and an outbound rule that allows all traffic"). Rule IDs come from the
// world's allocator. Every place that makes a group calls this once.
void add_default_rules(World& world, SecurityGroup& group);

}  // namespace amisim::sim
