// Security group operations: CreateSecurityGroup, DescribeSecurityGroups, DeleteSecurityGroup.
// Region-scoped, in the account's default VPC unless a VPC is given; every account has a
// "default" group per Region that cannot be deleted.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sim/core/query.hpp"
#include "sim/state/world.hpp"

namespace amisim::sim {

struct CreateSecurityGroupRequest {
  std::string group_name;
  std::string description;
  std::optional<VpcId> vpc_id;
  std::vector<TagSpecification> tag_specifications;
  bool dry_run = false;
};
// Errors: MissingParameter (GroupName, GroupDescription), InvalidParameterValue (over 255
// characters, or a name "sg-*"), InvalidVpcID.NotFound (only the default VPC exists here),
// InvalidGroup.Reserved ("default"), InvalidGroup.Duplicate (name taken in the VPC), tag errors.
Result<const SecurityGroup*> create_security_group(World& world, const Caller& caller,
                                                   const CreateSecurityGroupRequest& request);

struct DescribeSecurityGroupsRequest {
  std::vector<std::string> group_ids;
  std::vector<std::string> group_names;
  // group-id, group-name, vpc-id, description, owner-id, tag:<key>, tag-key, and on the rules
  // ip-permission.<field> and egress.ip-permission.<field>, <field> one of protocol, from-port,
  // to-port, cidr, ipv6-cidr, prefix-list-id, group-id, group-name, user-id.
  std::vector<Filter> filters;
  PageRequest page;
};
struct DescribeSecurityGroupsResult {
  std::vector<const SecurityGroup*> groups;
  std::string next_token;
};
// Errors: InvalidGroupId.Malformed, InvalidGroup.NotFound (IDs; names in the default VPC),
// InvalidFilter, MaxResults with IDs/names (InvalidParameterCombination), paging errors.
Result<DescribeSecurityGroupsResult> describe_security_groups(
    const World& world, const Caller& caller, const DescribeSecurityGroupsRequest& request);

// By ID or name. Errors: InvalidGroup.NotFound, CannotDelete (default group),
// DependencyViolation (used by an instance that is not terminated, or referenced by a rule of
// another of the account's groups).
Status delete_security_group(World& world, const Caller& caller, const std::string& group_id,
                             const std::string& group_name, bool dry_run = false);

// Resolves RunInstances' SecurityGroupIds and SecurityGroups (names, in `vpc`: the launch
// subnet's VPC) to IDs; none given -> the VPC's default group. Errors: InvalidGroup.NotFound,
// InvalidGroupId.Malformed, InvalidParameter (a group of another VPC).
Result<std::vector<SecurityGroupId>> resolve_security_groups(const World& world,
                                                             const Caller& caller,
                                                             const std::vector<std::string>& ids,
                                                             const std::vector<std::string>& names,
                                                             const VpcId& vpc);

// Makes the "default" group of a new VPC (the default network's and CreateVpc's): the one place
// a VPC's default group is created (User Guide, "Default security groups").
const SecurityGroup& create_default_security_group(World& world, const AccountId& owner,
                                                   const RegionName& region, const VpcId& vpc);

}  // namespace amisim::sim
