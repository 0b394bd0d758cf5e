// Security group rules: AuthorizeSecurityGroupIngress/Egress, RevokeSecurityGroupIngress/Egress,
// DescribeSecurityGroupRules, ModifySecurityGroupRules.
//
// A group's rules (sim/state/security_group.hpp) are single rules, each with an ID "sgr-...": one
// direction, one protocol and port range, one peer. Callers give them as IpPermissions, each of
// which may name several peers and so stand for several rules; DescribeSecurityGroups groups them
// back by protocol and ports (api/ec2). Invariants: no two rules of a group are the same
// (SecurityGroupRule::same_as); each is valid as authorize checks it; at most 60 inbound and 60
// outbound rules per group, counted for IPv4 and IPv6 apart (a group or prefix-list peer counts
// for both) as the VPC quotas page says; a group a rule references exists when it is written.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sim/core/query.hpp"
#include "sim/state/world.hpp"

namespace amisim::sim {

// The default quota "Inbound or outbound rules per security group" (VPC user guide, "Amazon VPC
// quotas"), for each direction and each of IPv4 and IPv6.
inline constexpr std::size_t kRulesPerSecurityGroup = 60;

// One peer of an IpPermission as given, with its rule description.
struct PeerSpec {
  std::string value;  // CidrIp, CidrIpv6 or PrefixListId
  std::string description;
};
struct GroupPairSpec {
  std::string group_id;
  std::string group_name;  // resolved in the caller's default VPC
  std::string user_id;     // the group's account, when it is another's
  std::string description;
};

// An IpPermission as given (API reference, IpPermission). Every peer becomes one rule.
struct IpPermissionSpec {
  std::string protocol;  // "" = not given
  std::optional<int> from_port;
  std::optional<int> to_port;
  std::vector<PeerSpec> ipv4_ranges;
  std::vector<PeerSpec> ipv6_ranges;
  std::vector<PeerSpec> prefix_lists;
  std::vector<GroupPairSpec> group_pairs;
};

// The request's older top-level form (CidrIp, IpProtocol, FromPort, ToPort,
// SourceSecurityGroupName, SourceSecurityGroupOwnerId), which Packer and Ansible may send.
struct LegacyPermission {
  std::optional<std::string> cidr_ip;
  std::optional<std::string> ip_protocol;
  std::optional<int> from_port;
  std::optional<int> to_port;
  std::optional<std::string> source_group_name;
  std::optional<std::string> source_group_owner_id;
  bool given() const;
};

struct AuthorizeSecurityGroupRequest {
  bool egress = false;
  std::string group_id;
  std::string group_name;  // ingress only: a group of the default VPC
  std::vector<IpPermissionSpec> permissions;
  LegacyPermission legacy;
  std::vector<TagSpecification> tag_specifications;  // "security-group-rule"
  bool dry_run = false;
};
struct AuthorizeSecurityGroupResult {
  std::vector<SecurityGroupRule> rules;  // as added, in request order
};
// Adds the rules, all or none. Errors: MissingParameter (no group; no source), InvalidGroupId.
// Malformed, InvalidGroup.NotFound (the group; a referenced group; "two resources that belong to
// different networks"), InvalidParameterValue (protocol, ports, ICMP type/code, CIDR, rule
// description, tags, a permission given twice), InvalidPermission.Malformed (TCP/UDP port),
// InvalidPrefixListId.Malformed, InvalidParameterCombination, InvalidPermission.Duplicate,
// RulesPerSecurityGroupLimitExceeded, DryRunOperation.
Result<AuthorizeSecurityGroupResult> authorize_security_group(
    World& world, const Caller& caller, const AuthorizeSecurityGroupRequest& request);

struct RevokeSecurityGroupRequest {
  bool egress = false;
  std::string group_id;
  std::string group_name;
  std::vector<IpPermissionSpec> permissions;
  LegacyPermission legacy;
  std::vector<std::string> rule_ids;  // instead of permissions
  bool dry_run = false;
};
struct RevokeSecurityGroupResult {
  std::vector<SecurityGroupRule> revoked;
  // One single-peer permission for each rule named that the group does not have (groups of a
  // default VPC only: elsewhere that is InvalidPermission.NotFound).
  std::vector<IpPermissionSpec> unknown;
};
// Removes the rules named by permission (matched exactly, descriptions ignored) or by ID.
// As the API reference says: in a default VPC, rules that do not match are listed back and the
// rest revoked; in any other VPC one that does not match is InvalidPermission.NotFound and nothing
// is revoked. Errors: as authorize for the permissions, InvalidSecurityGroupRuleId.Malformed /
// NotFound, InvalidParameterCombination (IDs with permissions), DryRunOperation.
Result<RevokeSecurityGroupResult> revoke_security_group(World& world, const Caller& caller,
                                                        const RevokeSecurityGroupRequest& request);

struct DescribeSecurityGroupRulesRequest {
  std::vector<std::string> rule_ids;
  std::vector<Filter> filters;  // group-id, security-group-rule-id, tag:<key>, tag-key
  PageRequest page;
};
struct SecurityGroupRuleView {
  const SecurityGroup* group;
  const SecurityGroupRule* rule;
};
struct DescribeSecurityGroupRulesResult {
  std::vector<SecurityGroupRuleView> rules;  // by rule ID
  std::string next_token;
};
// The caller's rules. Errors: InvalidSecurityGroupRuleId.Malformed / NotFound, InvalidFilter,
// MaxResults outside 5-1000 (the model's range), paging errors.
Result<DescribeSecurityGroupRulesResult> describe_security_group_rules(
    const World& world, const Caller& caller, const DescribeSecurityGroupRulesRequest& request);

// One SecurityGroupRuleUpdate: the rule's new content in full (SecurityGroupRuleRequest).
struct SecurityGroupRuleUpdate {
  std::string rule_id;
  std::string protocol;
  std::optional<int> from_port;
  std::optional<int> to_port;
  std::string cidr_ipv4;
  std::string cidr_ipv6;
  std::string prefix_list_id;
  std::string referenced_group_id;
  std::string description;
};
struct ModifySecurityGroupRulesRequest {
  std::string group_id;
  std::vector<SecurityGroupRuleUpdate> updates;
  bool dry_run = false;
};
// Rewrites the rules in place (IDs and tags kept), all or none. Errors: as authorize, and
// InvalidSecurityGroupRuleId.NotFound (a rule not of this group), InvalidParameterCombination
// (more than one peer).
Status modify_security_group_rules(World& world, const Caller& caller,
                                   const ModifySecurityGroupRulesRequest& request);

// "peer: 0.0.0.0/0, TCP, from port: 22, to port: 22, ALLOW": how EC2 names a rule in
// InvalidPermission.Duplicate.
std::string rule_text(const SecurityGroupRule& rule);

}  // namespace amisim::sim
