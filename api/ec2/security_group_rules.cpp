// Security group rule handlers: AuthorizeSecurityGroupIngress/Egress,
// RevokeSecurityGroupIngress/Egress, DescribeSecurityGroupRules, ModifySecurityGroupRules, and
// the rule shapes of their outputs and of DescribeSecurityGroups.
#include "api/ec2/security_group_rules.hpp"

#include "api/ec2/input.hpp"
#include "sim/instances/security_group_rules.hpp"
#include "sim/instances/security_groups.hpp"

namespace amisim::ec2 {
namespace {

bool has_ports(const std::string& protocol) {
  return protocol == "tcp" || protocol == "udp" || protocol == "icmp" || protocol == "icmpv6";
}

// --- input -----------------------------------------------------------------------------------

std::vector<sim::PeerSpec> peers(const Json& permission, std::string_view list,
                                 std::string_view key) {
  std::vector<sim::PeerSpec> out;
  for (const Json* p : objects(permission, list))
    out.push_back({string_or(*p, key), string_or(*p, "Description")});
  return out;
}

sim::IpPermissionSpec permission_spec(const Json& p) {
  sim::IpPermissionSpec out;
  out.protocol = string_or(p, "IpProtocol");
  out.from_port = opt_int32(p, "FromPort");
  out.to_port = opt_int32(p, "ToPort");
  out.ipv4_ranges = peers(p, "IpRanges", "CidrIp");
  out.ipv6_ranges = peers(p, "Ipv6Ranges", "CidrIpv6");
  out.prefix_lists = peers(p, "PrefixListIds", "PrefixListId");
  for (const Json* pair : objects(p, "UserIdGroupPairs")) {
    out.group_pairs.push_back({string_or(*pair, "GroupId"), string_or(*pair, "GroupName"),
                               string_or(*pair, "UserId"), string_or(*pair, "Description")});
  }
  return out;
}

std::vector<sim::IpPermissionSpec> permission_specs(const Json& in) {
  std::vector<sim::IpPermissionSpec> out;
  for (const Json* p : objects(in, "IpPermissions")) out.push_back(permission_spec(*p));
  return out;
}

sim::LegacyPermission legacy(const Json& in) {
  sim::LegacyPermission out;
  out.cidr_ip = opt_string(in, "CidrIp");
  out.ip_protocol = opt_string(in, "IpProtocol");
  out.from_port = opt_int32(in, "FromPort");
  out.to_port = opt_int32(in, "ToPort");
  out.source_group_name = opt_string(in, "SourceSecurityGroupName");
  out.source_group_owner_id = opt_string(in, "SourceSecurityGroupOwnerId");
  return out;
}

// --- output ----------------------------------------------------------------------------------

void put_ports(Json& out, const sim::SecurityGroupRule& r) {
  out["FromPort"] = r.from_port;
  out["ToPort"] = r.to_port;
}

// The peer of a rule in an IpPermission: which list it goes in, and its entry.
std::pair<const char*, Json> peer_entry(const sim::SecurityGroupRule& r) {
  Json e;
  const char* list = "UserIdGroupPairs";
  if (!r.cidr_ipv4.empty()) {
    list = "IpRanges", e["CidrIp"] = r.cidr_ipv4;
  } else if (!r.cidr_ipv6.empty()) {
    list = "Ipv6Ranges", e["CidrIpv6"] = r.cidr_ipv6;
  } else if (!r.prefix_list_id.empty()) {
    list = "PrefixListIds", e["PrefixListId"] = r.prefix_list_id;
  } else {
    e["GroupId"] = r.referenced_group.str();
    e["UserId"] = r.referenced_owner.str();
  }
  put_nonempty(e, "Description", r.description);
  return {list, std::move(e)};
}

Json empty_permission(const sim::SecurityGroupRule& r) {
  Json p = {{"IpProtocol", r.protocol}};
  if (has_ports(r.protocol)) put_ports(p, r);
  for (const char* list : {"IpRanges", "Ipv6Ranges", "PrefixListIds", "UserIdGroupPairs"})
    p[list] = Json::array();
  return p;
}

Json rule_json(const sim::SecurityGroup& g, const sim::SecurityGroupRule& r) {
  Json out = {{"SecurityGroupRuleId", r.id.str()},
              {"GroupId", g.id.str()},
              {"GroupOwnerId", g.owner.str()},
              {"IsEgress", r.is_egress},
              {"IpProtocol", r.protocol}};
  put_ports(out, r);  // -1 where the protocol has none, as DescribeSecurityGroupRules writes it
  put_nonempty(out, "CidrIpv4", r.cidr_ipv4);
  put_nonempty(out, "CidrIpv6", r.cidr_ipv6);
  put_nonempty(out, "PrefixListId", r.prefix_list_id);
  if (!r.referenced_group.empty()) {
    out["ReferencedGroupInfo"] = {{"GroupId", r.referenced_group.str()},
                                  {"UserId", r.referenced_owner.str()}};
  }
  put_nonempty(out, "Description", r.description);
  out["Tags"] = tags_json(r.tags);
  out["SecurityGroupRuleArn"] = ec2_arn(g.region, g.owner, "security-group-rule", r.id.str());
  return out;
}

Json revoked_json(const sim::SecurityGroup& g, const sim::SecurityGroupRule& r) {
  Json out = rule_json(g, r);
  for (const char* key : {"GroupOwnerId", "Tags", "SecurityGroupRuleArn", "ReferencedGroupInfo"})
    out.erase(key);
  put_nonempty(out, "ReferencedGroupId", r.referenced_group.str());
  return out;
}

Json spec_json(const sim::IpPermissionSpec& s) {
  Json p = {{"IpProtocol", s.protocol}};
  if (s.from_port) p["FromPort"] = *s.from_port;
  if (s.to_port) p["ToPort"] = *s.to_port;
  Json v4 = Json::array(), v6 = Json::array(), pl = Json::array(), pairs = Json::array();
  for (const auto& x : s.ipv4_ranges) v4.push_back({{"CidrIp", x.value}});
  for (const auto& x : s.ipv6_ranges) v6.push_back({{"CidrIpv6", x.value}});
  for (const auto& x : s.prefix_lists) pl.push_back({{"PrefixListId", x.value}});
  for (const auto& x : s.group_pairs)
    pairs.push_back({{"GroupId", x.group_id}, {"UserId", x.user_id}});
  p["IpRanges"] = std::move(v4);
  p["Ipv6Ranges"] = std::move(v6);
  p["PrefixListIds"] = std::move(pl);
  p["UserIdGroupPairs"] = std::move(pairs);
  return p;
}

const sim::SecurityGroup& group_of(const sim::World& world, const sim::Caller& caller,
                                   const std::string& id, const std::string& name) {
  sim::DescribeSecurityGroupsRequest which;
  if (!id.empty())
    which.group_ids = {id};
  else
    which.group_names = {name};
  return world.region_of(caller).security_groups.at(
      unwrap(sim::describe_security_groups(world, caller, which)).groups.front()->id);
}

Json authorize(sim::World& world, const sim::Caller& caller, const Json& in, bool egress) {
  sim::AuthorizeSecurityGroupRequest r;
  r.egress = egress;
  r.group_id = string_or(in, "GroupId");
  r.group_name = string_or(in, "GroupName");
  r.permissions = permission_specs(in);
  r.legacy = legacy(in);
  r.tag_specifications = tag_specifications(in);
  r.dry_run = bool_or(in, "DryRun", false);
  auto result = unwrap(sim::authorize_security_group(world, caller, r));
  const sim::SecurityGroup& g = group_of(world, caller, r.group_id, r.group_name);
  Json rules = Json::array();
  for (const auto& rule : result.rules) rules.push_back(rule_json(g, rule));
  return {{"Return", true}, {"SecurityGroupRules", std::move(rules)}};
}

Json revoke(sim::World& world, const sim::Caller& caller, const Json& in, bool egress) {
  sim::RevokeSecurityGroupRequest r;
  r.egress = egress;
  r.group_id = string_or(in, "GroupId");
  r.group_name = string_or(in, "GroupName");
  r.permissions = permission_specs(in);
  r.legacy = legacy(in);
  r.rule_ids = strings(in, "SecurityGroupRuleIds");
  r.dry_run = bool_or(in, "DryRun", false);
  auto result = unwrap(sim::revoke_security_group(world, caller, r));
  const sim::SecurityGroup& g = group_of(world, caller, r.group_id, r.group_name);
  Json out = {{"Return", true}};
  if (!result.unknown.empty()) {
    Json unknown = Json::array();
    for (const auto& spec : result.unknown) unknown.push_back(spec_json(spec));
    out["UnknownIpPermissions"] = std::move(unknown);
  }
  Json revoked = Json::array();
  for (const auto& rule : result.revoked) revoked.push_back(revoked_json(g, rule));
  out["RevokedSecurityGroupRules"] = std::move(revoked);
  return out;
}

sim::SecurityGroupRuleUpdate rule_update(const Json& u) {
  sim::SecurityGroupRuleUpdate out;
  out.rule_id = required_string(u, "SecurityGroupRuleId");
  const Json* r = object(u, "SecurityGroupRule");
  static const Json kEmpty = Json::object();
  const Json& rule = r ? *r : kEmpty;
  out.protocol = string_or(rule, "IpProtocol");
  out.from_port = opt_int32(rule, "FromPort");
  out.to_port = opt_int32(rule, "ToPort");
  out.cidr_ipv4 = string_or(rule, "CidrIpv4");
  out.cidr_ipv6 = string_or(rule, "CidrIpv6");
  out.prefix_list_id = string_or(rule, "PrefixListId");
  out.referenced_group_id = string_or(rule, "ReferencedGroupId");
  out.description = string_or(rule, "Description");
  return out;
}

}  // namespace

std::string ec2_arn(const sim::RegionName& region, const sim::AccountId& owner,
                    std::string_view type, const std::string& id) {
  const std::string& name = region.str();
  const char* partition = name.rfind("cn-", 0) == 0       ? "aws-cn"
                          : name.rfind("us-gov-", 0) == 0 ? "aws-us-gov"
                                                          : "aws";
  return std::string("arn:") + partition + ":ec2:" + name + ":" + owner.str() + ":" +
         std::string(type) + "/" + id;
}

Json permissions_json(const sim::SecurityGroup& group, bool egress) {
  Json out = Json::array();
  std::vector<const sim::SecurityGroupRule*> keys;  // the rule that opened each permission
  for (const sim::SecurityGroupRule& r : group.rules) {
    if (r.is_egress != egress) continue;
    std::size_t i = 0;
    while (i < keys.size() && !(keys[i]->protocol == r.protocol &&
                                keys[i]->from_port == r.from_port && keys[i]->to_port == r.to_port))
      ++i;
    if (i == keys.size()) {
      keys.push_back(&r);
      out.push_back(empty_permission(r));
    }
    auto [list, entry] = peer_entry(r);
    out[i][list].push_back(std::move(entry));
  }
  return out;
}

Json authorize_security_group_ingress(sim::World& world, const sim::Caller& caller,
                                      const Json& in) {
  return authorize(world, caller, in, false);
}
Json authorize_security_group_egress(sim::World& world, const sim::Caller& caller, const Json& in) {
  return authorize(world, caller, in, true);
}
Json revoke_security_group_ingress(sim::World& world, const sim::Caller& caller, const Json& in) {
  return revoke(world, caller, in, false);
}
Json revoke_security_group_egress(sim::World& world, const sim::Caller& caller, const Json& in) {
  return revoke(world, caller, in, true);
}

Json describe_security_group_rules(sim::World& world, const sim::Caller& caller, const Json& in) {
  sim::DescribeSecurityGroupRulesRequest r{strings(in, "SecurityGroupRuleIds"), filters(in),
                                           page(in)};
  auto result = unwrap(sim::describe_security_group_rules(world, caller, r));
  Json rules = Json::array();
  for (const auto& v : result.rules) rules.push_back(rule_json(*v.group, *v.rule));
  Json out = {{"SecurityGroupRules", std::move(rules)}};
  put_nonempty(out, "NextToken", result.next_token);
  return out;
}

Json modify_security_group_rules(sim::World& world, const sim::Caller& caller, const Json& in) {
  sim::ModifySecurityGroupRulesRequest r;
  r.group_id = required_string(in, "GroupId");
  for (const Json* u : objects(in, "SecurityGroupRules")) r.updates.push_back(rule_update(*u));
  r.dry_run = bool_or(in, "DryRun", false);
  unwrap(sim::modify_security_group_rules(world, caller, r));
  return {{"Return", true}};
}

}  // namespace amisim::ec2
