#include "sim/state/security_group.hpp"

#include "sim/state/world.hpp"

namespace amisim::sim {

bool SecurityGroupRule::same_as(const SecurityGroupRule& o) const {
  return is_egress == o.is_egress && protocol == o.protocol && from_port == o.from_port &&
         to_port == o.to_port && cidr_ipv4 == o.cidr_ipv4 && cidr_ipv6 == o.cidr_ipv6 &&
         prefix_list_id == o.prefix_list_id && referenced_group == o.referenced_group;
}

void add_default_rules(World& world, SecurityGroup& group) {
  if (group.is_default) {
    SecurityGroupRule self;
    self.id = SecurityGroupRuleId(world.new_id("sgr"));
    self.protocol = "-1";
    self.referenced_group = group.id;
    self.referenced_owner = group.owner;
    group.rules.push_back(std::move(self));
  }
  SecurityGroupRule out;
  out.id = SecurityGroupRuleId(world.new_id("sgr"));
  out.is_egress = true;
  out.protocol = "-1";
  out.cidr_ipv4 = "0.0.0.0/0";
  group.rules.push_back(std::move(out));
}

}  // namespace amisim::sim
