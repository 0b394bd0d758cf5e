// Security group rules against a reference model (CONVENTIONS.md, Habits 12). Random
// authorize/revoke sequences go through the gateway (so the journal records them) on one group of
// the default VPC; a tiny model keeps the rules as plain tuples. After every step: the group's
// rules are the model's, no two are the same rule, every rule ID is distinct; an authorize of a
// rule the group has is InvalidPermission.Duplicate and a revoke of one it lacks lists it back
// (the default VPC's behaviour, API reference RevokeSecurityGroupIngress), both changing nothing.
// At the end the state document replays to a world that describes the rules identically.
#include <rapidcheck/catch.h>

#include <catch2/catch.hpp>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "api/gateway/gateway.hpp"
#include "harness.hpp"
#include "tests/properties/steps.hpp"
#include "unity_id.hpp"

namespace AMISIM_UNITY_ID {

namespace gw = amisim::gateway;
using Json = nlohmann::json;

namespace {

enum class Op { kAuthorize, kRevoke, kRevokeById };
std::string_view op_name(Op op) {
  switch (op) {
    case Op::kAuthorize:
      return "authorize";
    case Op::kRevoke:
      return "revoke";
    case Op::kRevokeById:
      return "revoke-by-id";
  }
  return "?";
}

// A rule of the small universe the steps draw from: (egress, protocol, from, to, cidr).
using Rule = std::tuple<bool, std::string, int, int, std::string>;

Rule rule_of(int amount, int variant) {
  static const char* kCidrs[] = {"0.0.0.0/0", "10.0.0.0/8", "10.1.2.3/8", "::/0", "192.168.1.0/24"};
  const bool egress = variant % 2 == 1;
  const int port = 20 + amount % 4;
  std::string cidr = kCidrs[(variant / 2) % 5];
  if (cidr == "10.1.2.3/8") cidr = "10.0.0.0/8";  // the model keeps canonical blocks
  if (amount % 5 == 4) return {egress, "-1", -1, -1, cidr};
  return {egress, amount % 3 == 0 ? "udp" : "tcp", port, port + amount % 2, cidr};
}

// The wire form of a rule as given (the block as drawn, before canonicalization).
Json permission_json(int amount, int variant) {
  static const char* kGiven[] = {"0.0.0.0/0", "10.0.0.0/8", "10.1.2.3/8", "::/0", "192.168.1.0/24"};
  auto [egress, protocol, from, to, cidr] = rule_of(amount, variant);
  (void)egress;
  (void)cidr;
  const std::string given = kGiven[(variant / 2) % 5];
  Json p = {{"IpProtocol", protocol}};
  if (protocol != "-1") p["FromPort"] = from, p["ToPort"] = to;
  if (given.find(':') != std::string::npos)
    p["Ipv6Ranges"] = Json::array({{{"CidrIpv6", given}}});
  else
    p["IpRanges"] = Json::array({{{"CidrIp", given}}});
  return p;
}

struct Driver {
  gw::Gateway g{test::fixtures(), gw::GatewayOptions{}};
  sim::Caller caller;
  std::string group_id;
  std::multiset<Rule> model;  // a multiset, so that a duplicate would show

  Driver() {
    auto made = g.call(caller, "CreateSecurityGroup",
                       {{"GroupName", "web"}, {"Description", "web servers"}});
    RC_ASSERT(made.ok());
    group_id = made.value()["GroupId"];
    model.insert({true, "-1", -1, -1, "0.0.0.0/0"});  // the default egress rule
  }

  const sim::SecurityGroup& group() const {
    return g.world().region(caller.region)->security_groups.at(sim::SecurityGroupId(group_id));
  }

  std::string call(const std::string& action, const Json& input) {
    const std::string before = g.world().digest();
    auto r = g.call(caller, action, input);
    if (!r.ok()) {
      RC_ASSERT(g.world().digest() == before);  // a refused call changes nothing
      return r.error().code;
    }
    return r.value().dump();
  }

  std::string apply(const test::props::Step<Op>& s) {
    const Rule rule = rule_of(s.amount, s.variant);
    const bool egress = std::get<0>(rule);
    const std::string direction = egress ? "Egress" : "Ingress";
    const Json input = {{"GroupId", group_id},
                        {"IpPermissions", Json::array({permission_json(s.amount, s.variant)})}};
    if (s.op == Op::kAuthorize) {
      const bool had = model.count(rule) != 0;
      const std::string out = call("AuthorizeSecurityGroup" + direction, input);
      RC_ASSERT((out == "InvalidPermission.Duplicate") == had);
      if (!had) model.insert(rule);
      return out;
    }
    if (s.op == Op::kRevoke) {
      const bool had = model.count(rule) != 0;
      const std::string before = g.world().digest();
      const std::string out = call("RevokeSecurityGroup" + direction, input);
      const Json reply = Json::parse(out);
      RC_ASSERT(reply["RevokedSecurityGroupRules"].size() == (had ? 1u : 0u));
      RC_ASSERT(reply.contains("UnknownIpPermissions") == !had);
      if (had) model.erase(model.find(rule));
      if (!had) RC_ASSERT(g.world().digest() == before);
      return out;
    }
    const auto& rules = group().rules;
    if (rules.empty()) return "no rules";
    const sim::SecurityGroupRule picked = rules[static_cast<std::size_t>(s.pick) % rules.size()];
    const std::string out =
        call(std::string("RevokeSecurityGroup") + (picked.is_egress ? "Egress" : "Ingress"),
             {{"GroupId", group_id}, {"SecurityGroupRuleIds", Json::array({picked.id.str()})}});
    model.erase(model.find(Rule{picked.is_egress, picked.protocol, picked.from_port, picked.to_port,
                                picked.cidr_ipv4.empty() ? picked.cidr_ipv6 : picked.cidr_ipv4}));
    return out;
  }

  void check() {
    std::multiset<Rule> have;
    std::set<std::string> ids;
    for (const auto& r : group().rules) {
      have.insert({r.is_egress, r.protocol, r.from_port, r.to_port,
                   r.cidr_ipv4.empty() ? r.cidr_ipv6 : r.cidr_ipv4});
      RC_ASSERT(ids.insert(r.id.str()).second);
    }
    RC_ASSERT(have == model);
    RC_ASSERT(std::set<Rule>(have.begin(), have.end()).size() == have.size());
  }

  Json describe(gw::Gateway& gateway) {
    Json out;
    for (const char* action : {"DescribeSecurityGroups", "DescribeSecurityGroupRules"}) {
      auto r = gateway.call(caller, action, Json::object());
      RC_ASSERT(r.ok());
      out[action] = r.value();
    }
    return out;
  }
};

}  // namespace

TEST_CASE("Security group rules keep to a reference model and replay identically") {
  rc::prop("random authorize and revoke sequences", [] {
    Driver d;
    test::props::run(d, *test::props::steps<Op>({.op = test::props::any_of<Op>(3),
                                                 .picks = 8,
                                                 .amount = rc::gen::inRange(0, 20),
                                                 .variant = rc::gen::inRange(0, 10)}));
    gw::Gateway fresh(test::fixtures(), {});
    RC_ASSERT(fresh.load_state(d.g.state_document()).ok());
    RC_ASSERT(fresh.world().digest() == d.g.world().digest());
    RC_ASSERT(d.describe(fresh) == d.describe(d.g));
  });
}

}  // namespace AMISIM_UNITY_ID
