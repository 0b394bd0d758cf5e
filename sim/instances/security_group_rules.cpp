// AuthorizeSecurityGroupIngress/Egress, RevokeSecurityGroupIngress/Egress and
// ModifySecurityGroupRules (security_group_rules.hpp). Each call checks everything first and
// changes the group only when all of it holds, so a refused call leaves no trace.
#include "sim/instances/security_group_rules.hpp"

#include <algorithm>

#include "sim/core/text.hpp"
#include "sim/instances/detail.hpp"

namespace amisim::sim {
namespace {

SecurityGroup& mutable_group(World& world, const Caller& caller, const SecurityGroup& group) {
  return world.region_of(caller).security_groups.at(group.id);
}

// At most kRulesPerSecurityGroup rules per direction, counted for IPv4 and IPv6 apart; a rule
// referencing a group or a prefix list counts for both (VPC user guide, "Amazon VPC quotas").
Status check_rule_limit(const std::vector<SecurityGroupRule>& rules) {
  for (bool egress : {false, true}) {
    std::size_t v4 = 0, v6 = 0;
    for (const SecurityGroupRule& r : rules) {
      if (r.is_egress != egress) continue;
      v4 += r.cidr_ipv6.empty() ? 1 : 0;
      v6 += r.cidr_ipv4.empty() ? 1 : 0;
    }
    if (v4 > kRulesPerSecurityGroup || v6 > kRulesPerSecurityGroup)
      return errors::rules_per_group_limit_exceeded();
  }
  return ok_status();
}

// The rules `permissions` stand for; a rule given twice is refused.
Result<std::vector<SecurityGroupRule>> rules_of_all(const World& world, const Caller& caller,
                                                    const SecurityGroup& group, bool egress,
                                                    const std::vector<IpPermissionSpec>& given,
                                                    const LegacyPermission& legacy) {
  auto permissions = detail::permissions_of(given, legacy);
  if (!permissions) return permissions.error();
  if (permissions->empty()) return errors::rule_source_missing();
  std::vector<SecurityGroupRule> out;
  for (const IpPermissionSpec& p : *permissions) {
    auto rules = detail::rules_of(world, caller, group, egress, p);
    if (!rules) return rules.error();
    for (SecurityGroupRule& rule : *rules) {
      for (const SecurityGroupRule& earlier : out)
        if (earlier.same_as(rule)) return errors::permission_repeated();
      out.push_back(std::move(rule));
    }
  }
  return out;
}

const SecurityGroupRule* find_same(const std::vector<SecurityGroupRule>& rules,
                                   const SecurityGroupRule& rule) {
  for (const SecurityGroupRule& r : rules)
    if (r.same_as(rule)) return &r;
  return nullptr;
}

// The single-peer permission a rule is, as UnknownIpPermissions lists it.
IpPermissionSpec permission_of(const SecurityGroupRule& r) {
  IpPermissionSpec p;
  p.protocol = r.protocol;
  if (r.protocol == "tcp" || r.protocol == "udp" || r.protocol == "icmp" || r.protocol == "icmpv6")
    p.from_port = r.from_port, p.to_port = r.to_port;
  if (!r.cidr_ipv4.empty()) p.ipv4_ranges.push_back({r.cidr_ipv4, ""});
  if (!r.cidr_ipv6.empty()) p.ipv6_ranges.push_back({r.cidr_ipv6, ""});
  if (!r.prefix_list_id.empty()) p.prefix_lists.push_back({r.prefix_list_id, ""});
  if (!r.referenced_group.empty())
    p.group_pairs.push_back({r.referenced_group.str(), "", r.referenced_owner.str(), ""});
  return p;
}

// The rules of `group` in the direction named by ID, each once.
Result<std::vector<SecurityGroupRule>> rules_by_id(const SecurityGroup& group, bool egress,
                                                   const std::vector<std::string>& ids) {
  std::vector<SecurityGroupRule> out;
  for (const std::string& id : ids) {
    if (!is_well_formed_id("sgr", id)) return errors::rule_id_malformed(id);
    auto it = std::find_if(group.rules.begin(), group.rules.end(), [&](const SecurityGroupRule& r) {
      return r.id.str() == id && r.is_egress == egress;
    });
    if (it == group.rules.end()) return errors::rule_id_not_found(id);
    if (!find_same(out, *it)) out.push_back(*it);
  }
  return out;
}

// What a revoke by permission takes away, and what it names that the group lacks.
Result<RevokeSecurityGroupResult> rules_to_revoke(const World& world, const Caller& caller,
                                                  const SecurityGroup& group,
                                                  const RevokeSecurityGroupRequest& r) {
  auto named = rules_of_all(world, caller, group, r.egress, r.permissions, r.legacy);
  if (!named) return named.error();
  RevokeSecurityGroupResult out;
  for (const SecurityGroupRule& rule : *named) {
    const SecurityGroupRule* have = find_same(group.rules, rule);
    if (have) {
      out.revoked.push_back(*have);
    } else {
      out.unknown.push_back(permission_of(rule));
    }
  }
  // API reference, RevokeSecurityGroupIngress: "For a default VPC, if the values you specify do
  // not match the existing rule's values, no error is returned, and the output describes the
  // security group rules that were not revoked. For a non-default VPC, ... an
  // InvalidPermission.NotFound client error is returned, and no rules are revoked."
  if (!out.unknown.empty() && group.vpc_id != detail::default_vpc_of(world, caller))
    return errors::permission_not_found();
  return out;
}

// The rule an update makes of `rule`: its ID, direction and tags kept, the rest as given.
Result<SecurityGroupRule> updated_rule(const World& world, const Caller& caller,
                                       const SecurityGroup& group, const SecurityGroupRule& rule,
                                       const SecurityGroupRuleUpdate& u) {
  SecurityGroupRule out;
  out.id = rule.id;
  out.is_egress = rule.is_egress;
  out.tags = rule.tags;
  if (auto s = detail::set_protocol(out, u.protocol, u.from_port, u.to_port); !s) return s.error();
  const int peers = !u.cidr_ipv4.empty() + !u.cidr_ipv6.empty() + !u.prefix_list_id.empty() +
                    !u.referenced_group_id.empty();
  if (peers == 0) return errors::rule_source_missing();
  if (peers > 1) return errors::rule_peer_ambiguous();
  Status set = ok_status();
  if (!u.cidr_ipv4.empty()) set = detail::set_cidr_ipv4(out, u.cidr_ipv4);
  if (!u.cidr_ipv6.empty()) set = detail::set_cidr_ipv6(out, u.cidr_ipv6);
  if (!u.prefix_list_id.empty()) set = detail::set_prefix_list(out, u.prefix_list_id);
  if (!u.referenced_group_id.empty())
    set = detail::set_referenced_group(out, world, caller, group,
                                       GroupPairSpec{u.referenced_group_id, "", "", ""});
  if (!set) return set.error();
  if (auto s = check_rule_description(u.description); !s) return s.error();
  out.description = u.description;
  return out;
}

}  // namespace

Result<AuthorizeSecurityGroupResult> authorize_security_group(
    World& world, const Caller& caller, const AuthorizeSecurityGroupRequest& r) {
  auto found = detail::group_named(world, caller, r.group_id, r.egress ? "" : r.group_name);
  if (!found) return found.error();
  const SecurityGroup& group = **found;
  auto added = rules_of_all(world, caller, group, r.egress, r.permissions, r.legacy);
  if (!added) return added.error();
  for (const SecurityGroupRule& rule : *added) {
    if (const SecurityGroupRule* have = find_same(group.rules, rule))
      return errors::permission_duplicate(rule_text(*have));
  }
  std::vector<SecurityGroupRule> after = group.rules;
  after.insert(after.end(), added->begin(), added->end());
  if (auto s = check_rule_limit(after); !s) return s.error();
  if (auto s = check_tag_resource_types(r.tag_specifications, {"security-group-rule"}); !s)
    return s.error();
  const auto tags = tags_for(r.tag_specifications, "security-group-rule");
  if (auto s = validate_tags(tags); !s) return s.error();
  if (r.dry_run) return errors::dry_run();
  SecurityGroup& target = mutable_group(world, caller, group);
  for (SecurityGroupRule& rule : *added) {
    rule.id = SecurityGroupRuleId(world.new_id("sgr"));
    apply_tags(rule.tags, tags);
    target.rules.push_back(rule);
  }
  return AuthorizeSecurityGroupResult{std::move(*added)};
}

Result<RevokeSecurityGroupResult> revoke_security_group(World& world, const Caller& caller,
                                                        const RevokeSecurityGroupRequest& r) {
  auto found = detail::group_named(world, caller, r.group_id, r.egress ? "" : r.group_name);
  if (!found) return found.error();
  const SecurityGroup& group = **found;
  RevokeSecurityGroupResult out;
  if (!r.rule_ids.empty()) {
    if (!r.permissions.empty() || r.legacy.given()) return errors::rule_ids_with_permissions();
    auto by_id = rules_by_id(group, r.egress, r.rule_ids);
    if (!by_id) return by_id.error();
    out.revoked = std::move(*by_id);
  } else {
    auto by_permission = rules_to_revoke(world, caller, group, r);
    if (!by_permission) return by_permission.error();
    out = std::move(*by_permission);
  }
  if (r.dry_run) return errors::dry_run();
  auto& rules = mutable_group(world, caller, group).rules;
  for (const SecurityGroupRule& gone : out.revoked) {
    rules.erase(std::remove_if(rules.begin(), rules.end(),
                               [&](const SecurityGroupRule& x) { return x.id == gone.id; }),
                rules.end());
  }
  return out;
}

Status modify_security_group_rules(World& world, const Caller& caller,
                                   const ModifySecurityGroupRulesRequest& r) {
  auto found = detail::group_named(world, caller, r.group_id, "");
  if (!found) return found.error();
  const SecurityGroup& group = **found;
  if (r.updates.empty()) return errors::missing_parameter("SecurityGroupRule");
  std::vector<SecurityGroupRule> next = group.rules;
  for (const SecurityGroupRuleUpdate& u : r.updates) {
    if (!is_well_formed_id("sgr", u.rule_id)) return errors::rule_id_malformed(u.rule_id);
    auto it = std::find_if(next.begin(), next.end(),
                           [&](const SecurityGroupRule& x) { return x.id.str() == u.rule_id; });
    if (it == next.end()) return errors::rule_id_not_found(u.rule_id);
    auto updated = updated_rule(world, caller, group, *it, u);
    if (!updated) return updated.error();
    *it = std::move(*updated);
  }
  for (auto a = next.begin(); a != next.end(); ++a) {
    for (auto b = next.begin(); b != a; ++b)
      if (a->same_as(*b)) return errors::permission_duplicate(rule_text(*b));
  }
  if (auto s = check_rule_limit(next); !s) return s;
  if (r.dry_run) return errors::dry_run();
  mutable_group(world, caller, group).rules = std::move(next);
  return ok_status();
}

}  // namespace amisim::sim
