#include "sim/instances/security_group_rules.hpp"

#include "harness.hpp"
#include "sim/instances/security_groups.hpp"
#include "sim/tagging.hpp"

using namespace sim;
using test::expect_error;
using test::expect_ok;

namespace {

SecurityGroupId make_group(test::Harness& h, const std::string& name, const Caller* as = nullptr) {
  CreateSecurityGroupRequest r;
  r.group_name = name;
  r.description = "d";
  return expect_ok(create_security_group(h.world, as ? *as : h.caller, r))->id;
}

IpPermissionSpec tcp(int from, int to, const std::string& cidr) {
  IpPermissionSpec p;
  p.protocol = "tcp";
  p.from_port = from;
  p.to_port = to;
  p.ipv4_ranges.push_back({cidr, ""});
  return p;
}

AuthorizeSecurityGroupRequest ingress(const SecurityGroupId& g,
                                      std::vector<IpPermissionSpec> permissions) {
  AuthorizeSecurityGroupRequest r;
  r.group_id = g.str();
  r.permissions = std::move(permissions);
  return r;
}

RevokeSecurityGroupRequest revoke_ingress(const SecurityGroupId& g,
                                          std::vector<IpPermissionSpec> permissions) {
  RevokeSecurityGroupRequest r;
  r.group_id = g.str();
  r.permissions = std::move(permissions);
  return r;
}

const SecurityGroup& group_of(test::Harness& h, const SecurityGroupId& id) {
  return h.world.region_of(h.caller).security_groups.at(id);
}

Error authorize_error(test::Harness& h, const SecurityGroupId& g, const IpPermissionSpec& p,
                      const std::string& code) {
  return expect_error(authorize_security_group(h.world, h.caller, ingress(g, {p})), code);
}

}  // namespace

TEST_CASE("A new security group allows all outbound traffic and no inbound traffic") {
  // VPC user guide, "Create a security group": an outbound rule that allows all traffic.
  test::Harness h;
  const SecurityGroup& g = group_of(h, make_group(h, "web"));
  REQUIRE(g.rules.size() == 1);
  CHECK(g.rules[0].is_egress);
  CHECK(g.rules[0].protocol == "-1");
  CHECK(g.rules[0].cidr_ipv4 == "0.0.0.0/0");
  CHECK(g.rules[0].id.str().rfind("sgr-", 0) == 0);
}

TEST_CASE("The default group admits all traffic from its own members") {
  test::Harness h;
  const auto& home = h.world.region_of(h.caller).accounts.at(h.caller.account);
  const SecurityGroup& g = group_of(h, home.default_group);
  REQUIRE(g.rules.size() == 2);
  CHECK_FALSE(g.rules[0].is_egress);
  CHECK(g.rules[0].referenced_group == g.id);
  CHECK(g.rules[0].referenced_owner == h.caller.account);
  CHECK(g.rules[1].is_egress);
}

TEST_CASE("AuthorizeSecurityGroupIngress adds one rule per peer, canonical, with IDs and tags") {
  test::Harness h;
  const SecurityGroupId web = make_group(h, "web");
  IpPermissionSpec p = tcp(22, 22, "100.68.0.18/18");  // API reference: canonicalized
  p.ipv6_ranges.push_back({"2001:DB8:0:0::1/64", "v6"});
  p.prefix_lists.push_back({"pl-63a5400a", ""});
  p.group_pairs.push_back({web.str(), "", "", "self"});
  auto r = ingress(web, {p});
  r.tag_specifications = {TagSpecification{"security-group-rule", {{"team", "blue"}}}};
  auto out = expect_ok(authorize_security_group(h.world, h.caller, r));
  REQUIRE(out.rules.size() == 4);
  CHECK(out.rules[0].cidr_ipv4 == "100.68.0.0/18");
  CHECK(out.rules[1].cidr_ipv6 == "2001:db8::/64");
  CHECK(out.rules[1].description == "v6");
  CHECK(out.rules[2].prefix_list_id == "pl-63a5400a");
  CHECK(out.rules[3].referenced_group == web);
  for (const auto& rule : out.rules) {
    CHECK(rule.id.str().rfind("sgr-", 0) == 0);
    CHECK(rule.tags == Tags{{"team", "blue"}});
  }
  CHECK(group_of(h, web).rules.size() == 5);
}

TEST_CASE("Protocols are canonical: numbers EC2 names become names, -1 and others have no ports") {
  test::Harness h;
  const SecurityGroupId g = make_group(h, "web");
  IpPermissionSpec six = tcp(80, 80, "10.0.0.0/8");
  six.protocol = "6";
  IpPermissionSpec all;
  all.protocol = "-1";
  all.from_port = 5;  // ignored: every port (API reference, IpPermission IpProtocol)
  all.ipv4_ranges.push_back({"10.0.0.0/8", ""});
  IpPermissionSpec esp = all;
  esp.protocol = "50";
  auto out = expect_ok(authorize_security_group(h.world, h.caller, ingress(g, {six, all, esp})));
  CHECK(out.rules[0].protocol == "tcp");
  CHECK(out.rules[1].from_port == -1);
  CHECK(out.rules[2].protocol == "50");
  CHECK(rule_text(out.rules[2]) == "peer: 10.0.0.0/8, protocol: 50, ALLOW");
  CHECK(rule_text(out.rules[1]) == "peer: 10.0.0.0/8, ALL, ALLOW");
}

TEST_CASE("Authorizing a rule the group has is InvalidPermission.Duplicate, with EC2's words") {
  test::Harness h;
  const SecurityGroupId g = make_group(h, "web");
  expect_ok(authorize_security_group(h.world, h.caller, ingress(g, {tcp(22, 22, "0.0.0.0/0")})));
  const std::string digest = h.world.digest();
  auto p = tcp(22, 22, "0.0.0.3/0");  // canonically the same block
  CHECK(authorize_error(h, g, p, "InvalidPermission.Duplicate").message ==
        "the specified rule \"peer: 0.0.0.0/0, TCP, from port: 22, to port: 22, ALLOW\" already "
        "exists");
  CHECK(h.world.digest() == digest);
  // The same rule twice in one request.
  auto twice = ingress(g, {tcp(80, 80, "10.0.0.0/8"), tcp(80, 80, "10.0.0.0/8")});
  CHECK(expect_error(authorize_security_group(h.world, h.caller, twice), "InvalidParameterValue")
            .message == "The same permission must not appear multiple times");
  CHECK(h.world.digest() == digest);
}

TEST_CASE("Bad permissions are refused with EC2's codes and change nothing") {
  test::Harness h;
  const SecurityGroupId g = make_group(h, "web");
  const std::string digest = h.world.digest();
  CHECK(authorize_error(h, g, tcp(22, 22, "10.0.0.0/33"), "InvalidParameterValue").message ==
        "CIDR block 10.0.0.0/33 is malformed");
  authorize_error(h, g, tcp(22, 22, "10.0.0/8"), "InvalidParameterValue");
  CHECK(authorize_error(h, g, tcp(-1, 22, "10.0.0.0/8"), "InvalidPermission.Malformed").message ==
        "TCP/UDP port (-1) out of range");
  authorize_error(h, g, tcp(22, 70000, "10.0.0.0/8"), "InvalidPermission.Malformed");
  authorize_error(h, g, tcp(90, 80, "10.0.0.0/8"), "InvalidPermission.Malformed");
  auto no_ports = tcp(22, 22, "10.0.0.0/8");
  no_ports.from_port.reset();
  no_ports.to_port.reset();
  CHECK(authorize_error(h, g, no_ports, "InvalidParameterValue").message ==
        "Invalid value 'Must specify both from and to ports with TCP/UDP.' for portRange.");
  auto all = tcp(0, 0, "10.0.0.0/8");
  all.protocol = "all";
  CHECK(authorize_error(h, g, all, "InvalidParameterValue").message ==
        "Invalid value 'all' for IP protocol. Unknown protocol.");
  all.protocol = "256";
  authorize_error(h, g, all, "InvalidParameterValue");
  all.protocol = "";
  authorize_error(h, g, all, "InvalidParameterValue");
  auto icmp = tcp(0, 65535, "10.0.0.0/8");
  icmp.protocol = "icmp";
  CHECK(authorize_error(h, g, icmp, "InvalidParameterValue").message ==
        "ICMP code (65535) out of range");
  auto nowhere = tcp(22, 22, "10.0.0.0/8");
  nowhere.ipv4_ranges.clear();
  CHECK(authorize_error(h, g, nowhere, "MissingParameter").message ==
        "Missing source specification: include source security group or CIDR information");
  auto pair = tcp(22, 22, "10.0.0.0/8");
  pair.ipv4_ranges.clear();
  pair.group_pairs.push_back({"sg-0123456789abcdef0", "", "", ""});
  authorize_error(h, g, pair, "InvalidGroup.NotFound");
  auto described = tcp(22, 22, "10.0.0.0/8");
  described.ipv4_ranges[0].description = "caf\xc3\xa9";
  authorize_error(h, g, described, "InvalidParameterValue");
  auto pl = tcp(22, 22, "10.0.0.0/8");
  pl.ipv4_ranges.clear();
  pl.prefix_lists.push_back({"s3", ""});
  authorize_error(h, g, pl, "InvalidPrefixListId.Malformed");
  CHECK(h.world.digest() == digest);
}

TEST_CASE("A group holds at most 60 inbound rules per address family") {
  test::Harness h;
  const SecurityGroupId g = make_group(h, "web");
  std::vector<IpPermissionSpec> sixty;
  for (int k = 0; k < 60; ++k) sixty.push_back(tcp(1000 + k, 1000 + k, "10.0.0.0/8"));
  expect_ok(authorize_security_group(h.world, h.caller, ingress(g, sixty)));
  CHECK(authorize_error(h, g, tcp(1, 1, "10.0.0.0/8"), "RulesPerSecurityGroupLimitExceeded")
            .message == "The maximum number of rules per security group has been reached.");
  IpPermissionSpec v6 = tcp(1, 1, "10.0.0.0/8");
  v6.ipv4_ranges.clear();
  v6.ipv6_ranges.push_back({"::/0", ""});
  expect_ok(authorize_security_group(h.world, h.caller, ingress(g, {v6})));  // IPv6 counts apart
}

TEST_CASE(
    "The older top-level form is one permission, a source group alone grants ICMP, TCP, UDP") {
  test::Harness h;
  const SecurityGroupId g = make_group(h, "web");
  AuthorizeSecurityGroupRequest r;
  r.group_name = "web";  // ingress may name a group of the default VPC
  r.legacy.ip_protocol = "tcp";
  r.legacy.from_port = 22;
  r.legacy.to_port = 22;
  r.legacy.cidr_ip = "0.0.0.0/0";
  CHECK(expect_ok(authorize_security_group(h.world, h.caller, r)).rules.size() == 1);
  AuthorizeSecurityGroupRequest source;
  source.group_id = g.str();
  source.legacy.source_group_name = "default";
  auto out = expect_ok(authorize_security_group(h.world, h.caller, source));
  REQUIRE(out.rules.size() == 3);
  CHECK(out.rules[0].protocol == "icmp");
  CHECK(out.rules[1].protocol == "tcp");
  CHECK(out.rules[1].to_port == 65535);
  r.permissions = {tcp(80, 80, "10.0.0.0/8")};
  expect_error(authorize_security_group(h.world, h.caller, r), "InvalidParameterCombination");
}

TEST_CASE(
    "Revoke by permission or by rule ID, and in a default VPC unknown rules are listed back") {
  test::Harness h;
  const SecurityGroupId g = make_group(h, "web");
  auto added = expect_ok(authorize_security_group(
      h.world, h.caller, ingress(g, {tcp(22, 22, "10.0.0.0/8"), tcp(80, 80, "10.0.0.0/8")})));
  // API reference, RevokeSecurityGroupIngress: in a default VPC no error, the output describes
  // what was not revoked.
  auto out = expect_ok(revoke_security_group(
      h.world, h.caller,
      revoke_ingress(g, {tcp(22, 22, "10.0.0.0/8"), tcp(23, 23, "10.0.0.0/8")})));
  REQUIRE(out.revoked.size() == 1);
  CHECK(out.revoked[0].id == added.rules[0].id);
  REQUIRE(out.unknown.size() == 1);
  CHECK(out.unknown[0].from_port == 23);
  RevokeSecurityGroupRequest by_id;
  by_id.group_id = g.str();
  by_id.rule_ids = {added.rules[1].id.str()};
  CHECK(expect_ok(revoke_security_group(h.world, h.caller, by_id)).revoked.size() == 1);
  CHECK(expect_error(revoke_security_group(h.world, h.caller, by_id),
                     "InvalidSecurityGroupRuleId.NotFound")
            .message ==
        "The security group rule ID '" + added.rules[1].id.str() + "' does not exist");
  by_id.rule_ids = {"sgr-zz"};
  expect_error(revoke_security_group(h.world, h.caller, by_id),
               "InvalidSecurityGroupRuleId.Malformed");
  by_id.egress = true;  // an egress revoke does not find an ingress rule
  by_id.rule_ids = {added.rules[0].id.str()};
  expect_error(revoke_security_group(h.world, h.caller, by_id),
               "InvalidSecurityGroupRuleId.NotFound");
  CHECK(group_of(h, g).rules.size() == 1);  // the default egress rule
}

TEST_CASE("DryRun runs every check and changes nothing") {
  test::Harness h;
  const SecurityGroupId g = make_group(h, "web");
  const std::string digest = h.world.digest();
  auto r = ingress(g, {tcp(22, 22, "10.0.0.0/8")});
  r.dry_run = true;
  expect_error(authorize_security_group(h.world, h.caller, r), "DryRunOperation");
  r.permissions = {tcp(22, 22, "bad")};
  expect_error(authorize_security_group(h.world, h.caller, r), "InvalidParameterValue");
  auto rv = revoke_ingress(g, {tcp(22, 22, "10.0.0.0/8")});
  rv.dry_run = true;
  expect_error(revoke_security_group(h.world, h.caller, rv), "DryRunOperation");
  CHECK(h.world.digest() == digest);
}

TEST_CASE("A group referenced by another group's rule cannot be deleted") {
  test::Harness h;
  const SecurityGroupId app = make_group(h, "app");
  const SecurityGroupId db = make_group(h, "db");
  IpPermissionSpec from_app = tcp(5432, 5432, "10.0.0.0/8");
  from_app.ipv4_ranges.clear();
  from_app.group_pairs.push_back({"", "app", "", ""});  // by name, in the default VPC
  auto added = expect_ok(authorize_security_group(h.world, h.caller, ingress(db, {from_app})));
  CHECK(added.rules[0].referenced_group == app);
  CHECK(expect_error(delete_security_group(h.world, h.caller, app.str(), ""), "DependencyViolation")
            .message == "resource " + app.str() + " has a dependent object");
  // A rule referencing its own group does not hold it.
  IpPermissionSpec self = from_app;
  self.group_pairs = {{db.str(), "", "", ""}};
  expect_ok(authorize_security_group(h.world, h.caller, ingress(db, {self})));
  RevokeSecurityGroupRequest by_id;
  by_id.group_id = db.str();
  by_id.rule_ids = {added.rules[0].id.str()};
  expect_ok(revoke_security_group(h.world, h.caller, by_id));
  expect_ok(delete_security_group(h.world, h.caller, app.str(), ""));
  expect_ok(delete_security_group(h.world, h.caller, db.str(), ""));
}

TEST_CASE("Another account's group is found only through a pair naming that account") {
  test::Harness h;
  const Caller other = h.as("210987654321");
  const SecurityGroupId theirs = make_group(h, "theirs", &other);
  const SecurityGroupId mine = make_group(h, "mine");
  IpPermissionSpec p = tcp(443, 443, "10.0.0.0/8");
  p.ipv4_ranges.clear();
  p.group_pairs.push_back({theirs.str(), "", "", ""});
  authorize_error(h, mine, p, "InvalidGroup.NotFound");
  p.group_pairs[0].user_id = other.account.str();
  auto out = expect_ok(authorize_security_group(h.world, h.caller, ingress(mine, {p})));
  CHECK(out.rules[0].referenced_owner == other.account);
  // Their group is still theirs: not described to me, not deletable by me, and deletable by them.
  DescribeSecurityGroupsRequest d;
  d.group_ids = {theirs.str()};
  expect_error(describe_security_groups(h.world, h.caller, d), "InvalidGroup.NotFound");
  expect_ok(delete_security_group(h.world, other, theirs.str(), ""));
}

TEST_CASE("DescribeSecurityGroupRules lists the caller's rules by ID, with filters and pages") {
  test::Harness h;
  const SecurityGroupId g = make_group(h, "web");
  auto r = ingress(g, {tcp(22, 22, "10.0.0.0/8")});
  r.tag_specifications = {TagSpecification{"security-group-rule", {{"Name", "ssh"}}}};
  const auto added = expect_ok(authorize_security_group(h.world, h.caller, r)).rules;
  make_group(h, "other", nullptr);
  make_group(h, "third", nullptr);
  DescribeSecurityGroupRulesRequest all;
  CHECK(expect_ok(describe_security_group_rules(h.world, h.caller, all)).rules.size() == 6);
  DescribeSecurityGroupRulesRequest by_group;
  by_group.filters = {Filter{"group-id", {g.str()}}};
  CHECK(expect_ok(describe_security_group_rules(h.world, h.caller, by_group)).rules.size() == 2);
  DescribeSecurityGroupRulesRequest by_tag;
  by_tag.filters = {Filter{"tag:Name", {"ssh"}}};
  auto tagged = expect_ok(describe_security_group_rules(h.world, h.caller, by_tag)).rules;
  REQUIRE(tagged.size() == 1);
  CHECK(tagged[0].rule->id == added[0].id);
  DescribeSecurityGroupRulesRequest by_id;
  by_id.rule_ids = {added[0].id.str()};
  CHECK(expect_ok(describe_security_group_rules(h.world, h.caller, by_id)).rules.size() == 1);
  expect_error(describe_security_group_rules(h.world, h.as("210987654321"), by_id),
               "InvalidSecurityGroupRuleId.NotFound");
  DescribeSecurityGroupRulesRequest paged;
  paged.page.max_results = 5;
  auto first = expect_ok(describe_security_group_rules(h.world, h.caller, paged));
  CHECK(first.rules.size() == 5);
  paged.page.next_token = first.next_token;
  CHECK(expect_ok(describe_security_group_rules(h.world, h.caller, paged)).rules.size() == 1);
  DescribeSecurityGroupRulesRequest small;
  small.page.max_results = 4;
  expect_error(describe_security_group_rules(h.world, h.caller, small), "InvalidParameterValue");
  DescribeSecurityGroupRulesRequest bad;
  bad.filters = {Filter{"cidr", {"x"}}};
  expect_error(describe_security_group_rules(h.world, h.caller, bad), "InvalidFilter");
}

TEST_CASE("ModifySecurityGroupRules rewrites a rule in place, keeping its ID and tags") {
  test::Harness h;
  const SecurityGroupId g = make_group(h, "web");
  auto r = ingress(g, {tcp(22, 22, "10.0.0.0/8"), tcp(80, 80, "10.0.0.0/8")});
  r.tag_specifications = {TagSpecification{"security-group-rule", {{"k", "v"}}}};
  const auto added = expect_ok(authorize_security_group(h.world, h.caller, r)).rules;
  ModifySecurityGroupRulesRequest m;
  m.group_id = g.str();
  m.updates = {{added[0].id.str(), "tcp", 2222, 2222, "192.168.0.0/16", "", "", "", "moved"}};
  expect_ok(modify_security_group_rules(h.world, h.caller, m));
  const SecurityGroupRule& rule = group_of(h, g).rules[1];
  CHECK(rule.id == added[0].id);
  CHECK(rule.from_port == 2222);
  CHECK(rule.cidr_ipv4 == "192.168.0.0/16");
  CHECK(rule.description == "moved");
  CHECK(rule.tags == Tags{{"k", "v"}});
  const std::string digest = h.world.digest();
  m.updates = {{added[0].id.str(), "tcp", 80, 80, "10.0.0.0/8", "", "", "", ""}};
  expect_error(modify_security_group_rules(h.world, h.caller, m), "InvalidPermission.Duplicate");
  m.updates = {{added[0].id.str(), "tcp", 80, 80, "10.0.0.0/8", "::/0", "", "", ""}};
  expect_error(modify_security_group_rules(h.world, h.caller, m), "InvalidParameterCombination");
  m.updates = {{"sgr-0123456789abcdef0", "tcp", 1, 1, "10.0.0.0/8", "", "", "", ""}};
  expect_error(modify_security_group_rules(h.world, h.caller, m),
               "InvalidSecurityGroupRuleId.NotFound");
  CHECK(h.world.digest() == digest);
}

TEST_CASE("DescribeSecurityGroups filters on the rules of either direction") {
  test::Harness h;
  const SecurityGroupId g = make_group(h, "web");
  expect_ok(authorize_security_group(h.world, h.caller, ingress(g, {tcp(22, 22, "10.0.0.0/8")})));
  auto find = [&](const std::string& name, const std::string& value) {
    DescribeSecurityGroupsRequest d;
    d.filters = {Filter{name, {value}}};
    return expect_ok(describe_security_groups(h.world, h.caller, d)).groups.size();
  };
  CHECK(find("ip-permission.cidr", "10.0.0.0/8") == 1);
  CHECK(find("ip-permission.from-port", "22") == 1);
  CHECK(find("ip-permission.protocol", "tcp") == 1);
  CHECK(find("ip-permission.cidr", "0.0.0.0/0") == 0);
  CHECK(find("egress.ip-permission.cidr", "0.0.0.0/0") == 2);  // default and web
  CHECK(find("ip-permission.group-name", "default") == 1);     // the default group's own rule
}

TEST_CASE("CreateTags and DescribeTags reach a rule by its ID, for its owner only") {
  test::Harness h;
  const SecurityGroupId g = make_group(h, "web");
  const SecurityGroupRuleId rule = group_of(h, g).rules[0].id;
  expect_ok(create_tags(h.world, h.caller, {rule.str()}, {{"Name", "egress"}}, false));
  CHECK(group_of(h, g).rules[0].tags == Tags{{"Name", "egress"}});
  DescribeTagsRequest d;
  d.filters = {Filter{"resource-type", {"security-group-rule"}}};
  auto rows = expect_ok(describe_tags(h.world, h.caller, d)).tags;
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].resource_id == rule.str());
  expect_error(create_tags(h.world, h.as("210987654321"), {rule.str()}, {{"k", "v"}}, false),
               "InvalidSecurityGroupRuleId.NotFound");
}
