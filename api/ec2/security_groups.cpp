// Security group handlers: CreateSecurityGroup, DescribeSecurityGroups, DeleteSecurityGroup, and
// the table entries of the rule handlers (security_group_rules.cpp).
#include "sim/instances/security_groups.hpp"

#include <string>

#include "api/ec2/input.hpp"
#include "api/ec2/security_group_rules.hpp"

namespace amisim::ec2 {
namespace {

std::string group_arn(const sim::SecurityGroup& g) {
  return ec2_arn(g.region, g.owner, "security-group", g.id.str());
}

Json group_json(const sim::SecurityGroup& g) {
  Json out = {{"GroupId", g.id.str()},        {"GroupName", g.name},
              {"Description", g.description}, {"OwnerId", g.owner.str()},
              {"VpcId", g.vpc_id.str()},      {"SecurityGroupArn", group_arn(g)}};
  out["IpPermissions"] = permissions_json(g, false);
  out["IpPermissionsEgress"] = permissions_json(g, true);
  if (!g.tags.empty()) out["Tags"] = tags_json(g.tags);
  return out;
}

Json create_security_group(sim::World& world, const sim::Caller& caller, const Json& in) {
  sim::CreateSecurityGroupRequest request;
  request.group_name = string_or(in, "GroupName");
  request.description = string_or(in, "Description");  // wire name GroupDescription
  if (auto vpc = opt_string(in, "VpcId")) request.vpc_id = sim::VpcId(*vpc);
  request.tag_specifications = tag_specifications(in);
  request.dry_run = dry_run(in);
  const sim::SecurityGroup* g = unwrap(sim::create_security_group(world, caller, request));
  Json out = {{"GroupId", g->id.str()}, {"SecurityGroupArn", group_arn(*g)}};
  if (!g->tags.empty()) out["Tags"] = tags_json(g->tags);
  return out;
}

Json describe_security_groups(sim::World& world, const sim::Caller& caller, const Json& in) {
  sim::DescribeSecurityGroupsRequest request{strings(in, "GroupIds"), strings(in, "GroupNames"),
                                             filters(in), page(in)};
  auto result = unwrap(sim::describe_security_groups(world, caller, request));
  Json groups = Json::array();
  for (const sim::SecurityGroup* g : result.groups) groups.push_back(group_json(*g));
  Json out = {{"SecurityGroups", std::move(groups)}};
  put_nonempty(out, "NextToken", result.next_token);
  return out;
}

// The ID of the group a DeleteSecurityGroup names, or "" when it names none that exists (the
// delete then fails with the model's error).
std::string group_to_delete(const sim::World& world, const sim::Caller& caller,
                            const std::string& id, const std::string& name) {
  sim::DescribeSecurityGroupsRequest which;
  if (!id.empty()) {
    which.group_ids = {id};
  } else if (!name.empty()) {
    which.group_names = {name};
  } else {
    return {};
  }
  auto found = sim::describe_security_groups(world, caller, which);
  if (!found.ok() || found.value().groups.empty()) return {};
  return found.value().groups.front()->id.str();
}

Json delete_security_group(sim::World& world, const sim::Caller& caller, const Json& in) {
  const std::string id = string_or(in, "GroupId");
  const std::string name = string_or(in, "GroupName");
  const std::string deleted = group_to_delete(world, caller, id, name);
  unwrap(sim::delete_security_group(world, caller, id, name, dry_run(in)));
  Json out = {{"Return", true}};
  put_nonempty(out, "GroupId", deleted);
  return out;
}

constexpr HandlerEntry kSecurityGroupHandlers[] = {
    {"CreateSecurityGroup", create_security_group, true},
    {"DeleteSecurityGroup", delete_security_group, true},
    {"DescribeSecurityGroups", describe_security_groups, false},
    {"AuthorizeSecurityGroupIngress", authorize_security_group_ingress, true},
    {"AuthorizeSecurityGroupEgress", authorize_security_group_egress, true},
    {"RevokeSecurityGroupIngress", revoke_security_group_ingress, true},
    {"RevokeSecurityGroupEgress", revoke_security_group_egress, true},
    {"DescribeSecurityGroupRules", describe_security_group_rules, false},
    {"ModifySecurityGroupRules", modify_security_group_rules, true},
};

}  // namespace

std::span<const HandlerEntry> security_group_handlers() { return kSecurityGroupHandlers; }

}  // namespace amisim::ec2
