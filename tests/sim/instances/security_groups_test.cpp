#include "sim/instances/security_groups.hpp"

#include "harness.hpp"
#include "tests/sim/instances/instance_test_helpers.hpp"

using namespace sim;
using test::expect_error;
using test::expect_ok;

namespace {

CreateSecurityGroupRequest group(const std::string& name, const std::string& description = "d") {
  CreateSecurityGroupRequest r;
  r.group_name = name;
  r.description = description;
  return r;
}

}  // namespace

TEST_CASE("Every account has a default security group in its default VPC in each Region") {
  test::Harness h;
  for (const Caller& c : {h.caller, h.in("eu-west-1"), h.as("210987654321")}) {
    auto out = expect_ok(describe_security_groups(h.world, c, {}));
    REQUIRE(out.groups.size() == 1);
    CHECK(out.groups[0]->name == "default");
    CHECK(out.groups[0]->owner == c.account);
    CHECK(out.groups[0]->vpc_id == h.world.region_of(c).accounts.at(c.account).default_vpc);
  }
}

TEST_CASE("CreateSecurityGroup makes a group in the default VPC") {
  test::Harness h;
  auto r = group("web", "web servers");
  r.tag_specifications = {TagSpecification{"security-group", {{"team", "blue"}}}};
  const SecurityGroup* g = expect_ok(create_security_group(h.world, h.caller, r));
  CHECK(g->id.str().rfind("sg-", 0) == 0);
  CHECK(g->name == "web");
  CHECK(g->description == "web servers");
  CHECK(g->vpc_id == h.world.region_of(h.caller).accounts.at(h.caller.account).default_vpc);
  CHECK(g->tags == Tags{{"team", "blue"}});
  CHECK_FALSE(g->is_default);
}

TEST_CASE("CreateSecurityGroup refuses duplicates, reserved and malformed names") {
  test::Harness h;
  expect_ok(create_security_group(h.world, h.caller, group("web")));
  const VpcId vpc = h.world.region_of(h.caller).accounts.at(h.caller.account).default_vpc;
  CHECK(
      expect_error(create_security_group(h.world, h.caller, group("web")), "InvalidGroup.Duplicate")
          .message == "The security group 'web' already exists for VPC '" + vpc.str() + "'");
  expect_error(create_security_group(h.world, h.caller, group("default")), "InvalidGroup.Reserved");
  CHECK(expect_error(create_security_group(h.world, h.caller, group("sg-web")),
                     "InvalidParameterValue")
            .message ==
        "Value (sg-web) for parameter GroupName is invalid. Group names may not be "
        "in the format sg-*.");
  expect_error(create_security_group(h.world, h.caller, group("")), "MissingParameter");
  expect_error(create_security_group(h.world, h.caller, group("x", "")), "MissingParameter");
  expect_error(create_security_group(h.world, h.caller, group(std::string(256, 'n'))),
               "InvalidParameterValue");
  expect_ok(create_security_group(h.world, h.caller, group(std::string(255, 'n'))));
  auto other_vpc = group("db");
  other_vpc.vpc_id = VpcId("vpc-0123456789abcdef0");
  expect_error(create_security_group(h.world, h.caller, other_vpc), "InvalidVpcID.NotFound");
}

TEST_CASE("The same group name may exist in another Region and another account") {
  test::Harness h;
  expect_ok(create_security_group(h.world, h.caller, group("web")));
  expect_ok(create_security_group(h.world, h.in("us-west-2"), group("web")));
  expect_ok(create_security_group(h.world, h.as("210987654321"), group("web")));
}

TEST_CASE("DescribeSecurityGroups finds groups by ID, name and filter, unknown ones fail") {
  test::Harness h;
  const SecurityGroupId web = expect_ok(create_security_group(h.world, h.caller, group("web")))->id;
  DescribeSecurityGroupsRequest r;
  r.group_names = {"web"};
  CHECK(expect_ok(describe_security_groups(h.world, h.caller, r)).groups.at(0)->id == web);
  r.group_names.clear();
  r.group_ids = {web.str()};
  CHECK(expect_ok(describe_security_groups(h.world, h.caller, r)).groups.at(0)->name == "web");
  r.group_ids = {"sg-0123456789abcdef0"};
  CHECK(expect_error(describe_security_groups(h.world, h.caller, r), "InvalidGroup.NotFound")
            .message == "The security group 'sg-0123456789abcdef0' does not exist");
  r.group_ids = {"web"};
  expect_error(describe_security_groups(h.world, h.caller, r), "InvalidGroupId.Malformed");
  r.group_ids.clear();
  r.filters = {Filter{"group-name", {"w*"}}};
  auto out = expect_ok(describe_security_groups(h.world, h.caller, r));
  REQUIRE(out.groups.size() == 1);
  CHECK(out.groups[0]->id == web);
  r.filters = {Filter{"colour", {"x"}}};
  expect_error(describe_security_groups(h.world, h.caller, r), "InvalidFilter");
  r.filters.clear();
  r.group_names = {"web"};
  expect_error(describe_security_groups(h.world, h.in("eu-west-1"), r), "InvalidGroup.NotFound");
}

TEST_CASE("DescribeSecurityGroups pages through every group once") {
  test::Harness h;
  for (int k = 0; k < 11; ++k)
    expect_ok(create_security_group(h.world, h.caller, group("g" + std::to_string(k))));
  DescribeSecurityGroupsRequest r;
  r.page.max_results = 5;
  std::set<SecurityGroupId> seen;
  int pages = 0;
  do {
    auto out = expect_ok(describe_security_groups(h.world, h.caller, r));
    for (const SecurityGroup* g : out.groups) CHECK(seen.insert(g->id).second);
    r.page.next_token = out.next_token;
    ++pages;
  } while (!r.page.next_token.empty() && pages < 10);
  CHECK(seen.size() == 12);  // 11 + default
  CHECK(pages == 3);
}

TEST_CASE("DeleteSecurityGroup refuses the default group and groups in use") {
  test::Harness h;
  const auto& home = h.world.region_of(h.caller).accounts.at(h.caller.account);
  expect_error(delete_security_group(h.world, h.caller, home.default_group.str(), ""),
               "CannotDelete");
  const SecurityGroupId web = expect_ok(create_security_group(h.world, h.caller, group("web")))->id;
  auto r = test::al2023_request(h);
  r.security_group_ids = {web.str()};
  const InstanceId id = test::launch(h, r);
  CHECK(expect_error(delete_security_group(h.world, h.caller, web.str(), ""), "DependencyViolation")
            .message == "resource " + web.str() + " has a dependent object");
  expect_ok(terminate_instances(h.world, h.caller, test::ids({id})));
  expect_error(delete_security_group(h.world, h.caller, web.str(), ""), "DependencyViolation");
  h.settle();  // terminated instances no longer hold their groups
  expect_ok(delete_security_group(h.world, h.caller, "", "web"));
  expect_error(delete_security_group(h.world, h.caller, web.str(), ""), "InvalidGroup.NotFound");
}

TEST_CASE("resolve_security_groups gives the default group when none is named") {
  test::Harness h;
  const auto& home = h.world.region_of(h.caller).accounts.at(h.caller.account);
  CHECK(expect_ok(resolve_security_groups(h.world, h.caller, {}, {}, home.default_vpc)) ==
        std::vector{home.default_group});
  CHECK(expect_ok(resolve_security_groups(h.world, h.caller, {}, {"default"}, home.default_vpc)) ==
        std::vector{home.default_group});
  expect_error(resolve_security_groups(h.world, h.caller, {"sg-zz"}, {}, home.default_vpc),
               "InvalidGroupId.Malformed");
}
