// DescribeSecurityGroupRules (security_group_rules.hpp): the caller's rules in its Region, by rule
// ID, with the filters the API reference lists (group-id, security-group-rule-id, tag:<key>) and
// tag-key as every other Describe call has it.
#include <algorithm>

#include "sim/instances/security_group_rules.hpp"

namespace amisim::sim {
namespace {

std::optional<std::vector<std::string>> rule_filter_values(const SecurityGroupRuleView& v,
                                                           const std::string& name) {
  using V = std::vector<std::string>;
  if (name == "group-id") return V{v.group->id.str()};
  if (name == "security-group-rule-id") return V{v.rule->id.str()};
  return tag_filter_values(v.rule->tags, name);
}

Status check_rule_filters(const std::vector<Filter>& filters) {
  if (auto s = check_filters(filters); !s) return s;
  const SecurityGroup group;
  const SecurityGroupRule rule;
  for (const Filter& f : filters) {
    if (!rule_filter_values({&group, &rule}, f.name)) return errors::invalid_filter(f.name);
  }
  return ok_status();
}

bool matches(const SecurityGroupRuleView& v, const std::vector<Filter>& filters) {
  return std::all_of(filters.begin(), filters.end(), [&](const Filter& f) {
    return any_match(f.values, *rule_filter_values(v, f.name));
  });
}

}  // namespace

Result<DescribeSecurityGroupRulesResult> describe_security_group_rules(
    const World& world, const Caller& caller, const DescribeSecurityGroupRulesRequest& request) {
  if (auto s = check_rule_filters(request.filters); !s) return s.error();
  if (auto s = check_page_request(request.page, kDescribeSecurityGroupRulesPages, false); !s)
    return s.error();
  for (const std::string& id : request.rule_ids)
    if (!is_well_formed_id("sgr", id)) return errors::rule_id_malformed(id);
  std::vector<SecurityGroupRuleView> all;
  for (const auto& [id, group] : world.region_of(caller).security_groups) {
    if (group.owner != caller.account) continue;
    for (const SecurityGroupRule& rule : group.rules) all.push_back({&group, &rule});
  }
  std::sort(all.begin(), all.end(),
            [](const auto& a, const auto& b) { return a.rule->id < b.rule->id; });
  for (const std::string& id : request.rule_ids) {
    auto it =
        std::find_if(all.begin(), all.end(), [&](const auto& v) { return v.rule->id.str() == id; });
    if (it == all.end()) return errors::rule_id_not_found(id);
  }
  std::vector<SecurityGroupRuleView> matching;
  for (const SecurityGroupRuleView& v : all) {
    const bool named =
        request.rule_ids.empty() || std::find(request.rule_ids.begin(), request.rule_ids.end(),
                                              v.rule->id.str()) != request.rule_ids.end();
    if (named && matches(v, request.filters)) matching.push_back(v);
  }
  DescribeSecurityGroupRulesResult out;
  auto key = [](const SecurityGroupRuleView& v) { return v.rule->id.str(); };
  auto page = paginate(std::move(matching), request.page, kDescribeSecurityGroupRulesPages, key,
                       out.next_token);
  if (!page) return page.error();
  out.rules = std::move(*page);
  return out;
}

}  // namespace amisim::sim
