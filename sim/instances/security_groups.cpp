// Security group operations. Groups are Region-scoped and live in a VPC: the account's default
// VPC unless one is named (sim/network/ makes VPCs and their "default" groups).
#include "sim/instances/security_groups.hpp"

#include <algorithm>
#include <cassert>

#include "sim/core/text.hpp"
#include "sim/instances/detail.hpp"
#include "sim/network/network.hpp"

namespace amisim::sim {
namespace detail {

const SecurityGroup* group_by_id(const RegionState& region, const AccountId& owner,
                                 const std::string& id) {
  auto it = region.security_groups.find(SecurityGroupId(id));
  if (it == region.security_groups.end() || it->second.owner != owner) return nullptr;
  return &it->second;
}

const SecurityGroup* group_by_name(const RegionState& region, const AccountId& owner,
                                   const VpcId& vpc, const std::string& name) {
  for (const auto& [id, group] : region.security_groups) {
    if (group.owner == owner && group.vpc_id == vpc && group.name == name) return &group;
  }
  return nullptr;
}

const VpcId& default_vpc_of(const World& world, const Caller& caller) {
  return world.region_of(caller).accounts.at(caller.account).default_vpc;
}

Result<const SecurityGroup*> group_named(const World& world, const Caller& caller,
                                         const std::string& id, const std::string& name) {
  const RegionState& region = world.region_of(caller);
  if (!id.empty()) {
    if (!is_well_formed_id("sg", id)) return errors::group_id_malformed(id);
    const SecurityGroup* group = group_by_id(region, caller.account, id);
    if (!group) return errors::group_not_found(id);
    return group;
  }
  if (name.empty()) return errors::missing_group_id();
  const VpcId& vpc = default_vpc_of(world, caller);
  const SecurityGroup* group = group_by_name(region, caller.account, vpc, name);
  if (!group) return errors::group_name_not_found_in_vpc(name, vpc.str());
  return group;
}

bool group_referenced(const RegionState& region, const SecurityGroup& group) {
  for (const auto& [id, other] : region.security_groups) {
    if (id == group.id || other.owner != group.owner) continue;
    for (const SecurityGroupRule& rule : other.rules)
      if (rule.referenced_group == group.id) return true;
  }
  return false;
}

}  // namespace detail

namespace {

using detail::group_by_id;
using detail::group_by_name;

const AccountRegion& home_of(const World& world, const Caller& caller) {
  const RegionState& region = world.region_of(caller);
  auto account = region.accounts.find(caller.account);
  assert(account != region.accounts.end() && "the account must exist (World::ensure_account)");
  return account->second;
}

// Names and descriptions as AWS allows them in a VPC (sim/core/text.hpp).
Status check_group_text(const CreateSecurityGroupRequest& r) {
  if (r.group_name.empty()) return errors::missing_group_name();
  if (r.description.empty()) return errors::missing_group_description();
  if (auto s = check_group_name(r.group_name); !s) return s;
  return check_group_description(r.description);
}

// The value a rule gives an "ip-permission.<field>" filter, or nullopt when it gives none.
std::optional<std::string> rule_field(const RegionState& region, const SecurityGroupRule& r,
                                      std::string_view field) {
  auto nonempty = [](const std::string& v) -> std::optional<std::string> {
    if (v.empty()) return std::nullopt;
    return v;
  };
  const bool ports =
      r.protocol == "tcp" || r.protocol == "udp" || r.protocol == "icmp" || r.protocol == "icmpv6";
  if (field == "protocol") return r.protocol;
  if (field == "from-port")
    return ports ? std::optional(std::to_string(r.from_port)) : std::nullopt;
  if (field == "to-port") return ports ? std::optional(std::to_string(r.to_port)) : std::nullopt;
  if (field == "cidr") return nonempty(r.cidr_ipv4);
  if (field == "ipv6-cidr") return nonempty(r.cidr_ipv6);
  if (field == "prefix-list-id") return nonempty(r.prefix_list_id);
  if (field == "group-id") return nonempty(r.referenced_group.str());
  if (field == "user-id") return nonempty(r.referenced_owner.str());
  if (field == "group-name" && !r.referenced_group.empty()) {
    auto it = region.security_groups.find(r.referenced_group);
    if (it != region.security_groups.end()) return it->second.name;
  }
  return std::nullopt;
}

constexpr std::string_view kRuleFields[] = {"protocol", "from-port",  "to-port",
                                            "cidr",     "ipv6-cidr",  "prefix-list-id",
                                            "group-id", "group-name", "user-id"};

// "ip-permission.<field>" (inbound) and "egress.ip-permission.<field>" (outbound): the values of
// every rule of that direction, so that a group matches when any combination of its rules matches
// all filters (API reference, DescribeSecurityGroups Filter.N).
std::optional<std::vector<std::string>> permission_filter_values(const RegionState& region,
                                                                 const SecurityGroup& g,
                                                                 std::string_view name) {
  bool egress = false;
  if (name.rfind("egress.", 0) == 0) {
    egress = true;
    name.remove_prefix(7);
  }
  if (name.rfind("ip-permission.", 0) != 0) return std::nullopt;
  name.remove_prefix(14);
  if (std::find(std::begin(kRuleFields), std::end(kRuleFields), name) == std::end(kRuleFields))
    return std::nullopt;
  std::vector<std::string> out;
  for (const SecurityGroupRule& r : g.rules) {
    if (r.is_egress != egress) continue;
    if (auto v = rule_field(region, r, name)) out.push_back(std::move(*v));
  }
  return out;
}

std::optional<std::vector<std::string>> group_filter_values(const RegionState& region,
                                                            const SecurityGroup& g,
                                                            const std::string& name) {
  using V = std::vector<std::string>;
  if (auto v = permission_filter_values(region, g, name)) return v;
  if (name == "group-id") return V{g.id.str()};
  if (name == "group-name") return V{g.name};
  if (name == "vpc-id") return V{g.vpc_id.str()};
  if (name == "description") return V{g.description};
  if (name == "owner-id") return V{g.owner.str()};
  if (name == "tag-key") {
    V out;
    for (const auto& [key, value] : g.tags) out.push_back(key);
    return out;
  }
  if (name.rfind("tag:", 0) == 0) {
    auto it = g.tags.find(name.substr(4));
    return it == g.tags.end() ? V{} : V{it->second};
  }
  return std::nullopt;
}

// The groups named by IDs and names (all-or-nothing), or every group of the caller when none is
// named.
Result<std::vector<const SecurityGroup*>> select_groups(const World& world, const Caller& caller,
                                                        const DescribeSecurityGroupsRequest& r) {
  const RegionState& region = world.region_of(caller);
  std::vector<const SecurityGroup*> out;
  if (r.group_ids.empty() && r.group_names.empty()) {
    for (const auto& [id, group] : region.security_groups)
      if (group.owner == caller.account) out.push_back(&group);
    return out;
  }
  for (const auto& id : r.group_ids) {
    if (!is_well_formed_id("sg", id)) return errors::group_id_malformed(id);
    const SecurityGroup* group = group_by_id(region, caller.account, id);
    if (!group) return errors::group_not_found(id);
    out.push_back(group);
  }
  const VpcId& vpc = home_of(world, caller).default_vpc;
  for (const auto& name : r.group_names) {
    const SecurityGroup* group = group_by_name(region, caller.account, vpc, name);
    if (!group) return errors::group_name_not_found_in_vpc(name, vpc.str());
    out.push_back(group);
  }
  std::sort(out.begin(), out.end(),
            [](const SecurityGroup* a, const SecurityGroup* b) { return a->id < b->id; });
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

bool group_in_use(const RegionState& region, const SecurityGroupId& id) {
  for (const auto& [instance_id, instance] : region.instances) {
    if (instance.state == InstanceState::kTerminated) continue;
    const auto& groups = instance.security_groups;
    if (std::find(groups.begin(), groups.end(), id) != groups.end()) return true;
  }
  return false;
}

}  // namespace

Result<const SecurityGroup*> create_security_group(World& world, const Caller& caller,
                                                   const CreateSecurityGroupRequest& request) {
  if (auto s = check_group_text(request); !s) return s.error();
  ensure_default_network(world, caller);  // first use of the Region (sim/network/network.hpp)
  const AccountRegion& home = home_of(world, caller);
  if (!request.vpc_id && home.default_vpc.empty()) return errors::no_default_vpc();
  const VpcId vpc = request.vpc_id.value_or(home.default_vpc);
  auto in_vpc = world.region_of(caller).vpcs.find(vpc);
  if (in_vpc == world.region_of(caller).vpcs.end() || in_vpc->second.owner != caller.account)
    return errors::vpc_not_found(vpc.str());
  // [?] The "default" name belongs to the VPC's own group; the table's Reserved text is used.
  if (request.group_name == "default") return errors::group_reserved(request.group_name);
  RegionState& region = world.region_of(caller);
  if (group_by_name(region, caller.account, vpc, request.group_name))
    return errors::group_duplicate(request.group_name, vpc.str());
  if (auto s = check_tag_resource_types(request.tag_specifications, {"security-group"}); !s)
    return s.error();
  const auto tags = tags_for(request.tag_specifications, "security-group");
  if (auto s = validate_tags(tags); !s) return s.error();
  if (request.dry_run) return errors::dry_run();
  SecurityGroup group;
  group.id = SecurityGroupId(world.new_id("sg"));
  group.region = caller.region;
  group.owner = caller.account;
  group.vpc_id = vpc;
  group.name = request.group_name;
  group.description = request.description;
  apply_tags(group.tags, tags);
  add_default_rules(world, group);
  const SecurityGroupId id = group.id;
  return &region.security_groups.emplace(id, std::move(group)).first->second;
}

Result<DescribeSecurityGroupsResult> describe_security_groups(
    const World& world, const Caller& caller, const DescribeSecurityGroupsRequest& request) {
  if (auto s = check_filters(request.filters); !s) return s.error();
  const RegionState& region = world.region_of(caller);
  for (const auto& f : request.filters) {
    if (!group_filter_values(region, SecurityGroup{}, f.name))
      return errors::invalid_filter(f.name);
  }
  const bool named = !request.group_ids.empty() || !request.group_names.empty();
  if (auto s = check_page_request(request.page, kDescribeSecurityGroupsPages, named); !s)
    return s.error();
  auto selected = select_groups(world, caller, request);
  if (!selected) return selected.error();
  std::vector<const SecurityGroup*> matching;
  for (const SecurityGroup* g : *selected) {
    bool pass = true;
    for (const auto& f : request.filters)
      pass = pass && any_match(f.values, *group_filter_values(region, *g, f.name));
    if (pass) matching.push_back(g);
  }
  DescribeSecurityGroupsResult out;
  auto key = [](const SecurityGroup* g) { return g->id.str(); };
  auto page = paginate(std::move(matching), request.page, kDescribeSecurityGroupsPages, key,
                       out.next_token);
  if (!page) return page.error();
  out.groups = std::move(*page);
  return out;
}

Status delete_security_group(World& world, const Caller& caller, const std::string& group_id,
                             const std::string& group_name, bool dry_run) {
  if (group_id.empty() && group_name.empty()) return errors::missing_group_id();
  DescribeSecurityGroupsRequest which;
  if (!group_id.empty())
    which.group_ids = {group_id};
  else
    which.group_names = {group_name};
  auto found = select_groups(world, caller, which);
  if (!found) return found.error();
  const SecurityGroup& group = *found->front();
  if (group.is_default) return errors::cannot_delete_default_group();
  RegionState& region = world.region_of(caller);
  // In use by an instance, or referenced by a rule of another of the account's groups (a rule
  // that references its own group does not hold it: API reference, DeleteSecurityGroup
  // "DependencyViolation" when "referenced by another security group"). [?] References from
  // other accounts (across VPC peering) do not hold a group: they go stale when it is deleted.
  if (group_in_use(region, group.id) || detail::group_referenced(region, group))
    return errors::group_dependency(group.id.str());
  if (dry_run) return errors::dry_run();
  region.security_groups.erase(group.id);
  return ok_status();
}

Result<std::vector<SecurityGroupId>> resolve_security_groups(const World& world,
                                                             const Caller& caller,
                                                             const std::vector<std::string>& ids,
                                                             const std::vector<std::string>& names,
                                                             const VpcId& vpc) {
  const RegionState& region = world.region_of(caller);
  std::vector<SecurityGroupId> out;
  auto add = [&out](const SecurityGroupId& id) {
    if (std::find(out.begin(), out.end(), id) == out.end()) out.push_back(id);
  };
  for (const auto& id : ids) {
    if (!is_well_formed_id("sg", id)) return errors::group_id_malformed(id);
    const SecurityGroup* group = group_by_id(region, caller.account, id);
    if (!group) return errors::group_not_found(id);
    if (group->vpc_id != vpc) return errors::group_in_other_network(id, vpc.str());
    add(group->id);
  }
  // Names resolve in the launch's VPC (APIREF:RunInstances; REAL:45874780118 gives the text).
  for (const auto& name : names) {
    const SecurityGroup* group = group_by_name(region, caller.account, vpc, name);
    if (!group) return errors::group_name_not_found_in_vpc(name, vpc.str());
    add(group->id);
  }
  if (out.empty()) {  // none given: the VPC's default group
    auto it = region.vpcs.find(vpc);
    assert(it != region.vpcs.end() && "the launch's VPC exists (plan_launch_network)");
    out.push_back(it->second.default_group);
  }
  return out;
}

const SecurityGroup& create_default_security_group(World& world, const AccountId& owner,
                                                   const RegionName& region, const VpcId& vpc) {
  SecurityGroup group;
  group.id = SecurityGroupId(world.new_id("sg"));
  group.region = region;
  group.owner = owner;
  group.vpc_id = vpc;
  group.name = "default";
  group.description = "default VPC security group";
  group.is_default = true;
  add_default_rules(world, group);  // inbound from itself, outbound to all
  RegionState* r = world.region(region);
  assert(r != nullptr);
  const SecurityGroupId id = group.id;
  return r->security_groups.emplace(id, std::move(group)).first->second;
}

}  // namespace amisim::sim
