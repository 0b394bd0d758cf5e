// Security group rules on the wire (security_group_rules.cpp): the rule and permission shapes
// DescribeSecurityGroups shares with the rule actions, and the rule actions' handlers, which
// security_groups.cpp lists in the security group handler table.
#pragma once

#include <string>

#include "api/ec2/handler.hpp"
#include "sim/state/security_group.hpp"

namespace amisim::ec2 {

// arn:<partition>:ec2:<region>:<account>:<type>/<id>.
std::string ec2_arn(const sim::RegionName& region, const sim::AccountId& owner,
                    std::string_view type, const std::string& id);

// IpPermissions (inbound) or IpPermissionsEgress of a group as EC2 writes them: the rules of
// that direction grouped by protocol and ports, in the order each first appears, each with its
// IpRanges, Ipv6Ranges, PrefixListIds and UserIdGroupPairs; FromPort and ToPort only where the
// protocol has them (API reference, IpPermission).
Json permissions_json(const sim::SecurityGroup& group, bool egress);

Json authorize_security_group_ingress(sim::World& world, const sim::Caller& caller, const Json& in);
Json authorize_security_group_egress(sim::World& world, const sim::Caller& caller, const Json& in);
Json revoke_security_group_ingress(sim::World& world, const sim::Caller& caller, const Json& in);
Json revoke_security_group_egress(sim::World& world, const sim::Caller& caller, const Json& in);
Json describe_security_group_rules(sim::World& world, const sim::Caller& caller, const Json& in);
Json modify_security_group_rules(sim::World& world, const sim::Caller& caller, const Json& in);

}  // namespace amisim::ec2
