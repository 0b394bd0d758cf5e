// Security group handlers: CreateSecurityGroup, DescribeSecurityGroups, DeleteSecurityGroup.
#include "sim/instances/security_groups.hpp"

#include <string>

#include "api/ec2/input.hpp"

namespace amisim::ec2 {
namespace {

// arn:<partition>:ec2:<region>:<account>:security-group/<id>.
std::string group_arn(const sim::SecurityGroup& g) {
  const std::string& region = g.region.str();
  const char* partition = region.rfind("cn-", 0) == 0       ? "aws-cn"
                          : region.rfind("us-gov-", 0) == 0 ? "aws-us-gov"
                                                            : "aws";
  return std::string("arn:") + partition + ":ec2:" + region + ":" + g.owner.str() +
         ":security-group/" + g.id.str();
}

// One IpPermission with no ranges but those given.
Json permission(Json ip_ranges, Json group_pairs) {
  return {{"IpProtocol", "-1"},
          {"IpRanges", std::move(ip_ranges)},
          {"Ipv6Ranges", Json::array()},
          {"PrefixListIds", Json::array()},
          {"UserIdGroupPairs", std::move(group_pairs)}};
}

// Rules are not modelled (no Authorize/Revoke calls), so every group shows the rules EC2 gives a
// new group: all outbound traffic allowed; no inbound rules, except that a VPC's default group
// admits traffic from its own members (User Guide, "Default security groups"; not in the fact
// sheet [?]).
void put_rules(Json& out, const sim::SecurityGroup& g) {
  Json ingress = Json::array();
  if (g.is_default) {
    ingress.push_back(permission(
        Json::array(), Json::array({{{"GroupId", g.id.str()}, {"UserId", g.owner.str()}}})));
  }
  out["IpPermissions"] = std::move(ingress);
  out["IpPermissionsEgress"] =
      Json::array({permission(Json::array({{{"CidrIp", "0.0.0.0/0"}}}), Json::array())});
}

Json group_json(const sim::SecurityGroup& g) {
  Json out = {{"GroupId", g.id.str()},        {"GroupName", g.name},
              {"Description", g.description}, {"OwnerId", g.owner.str()},
              {"VpcId", g.vpc_id.str()},      {"SecurityGroupArn", group_arn(g)}};
  put_rules(out, g);
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

constexpr HandlerEntry kHandlers[] = {
    {"CreateSecurityGroup", create_security_group, true},
    {"DeleteSecurityGroup", delete_security_group, true},
    {"DescribeSecurityGroups", describe_security_groups, false},
};

}  // namespace

std::span<const HandlerEntry> security_group_handlers() { return kHandlers; }

}  // namespace amisim::ec2
