// The default network, VPCs, subnets and internet gateways (sim/network/network.hpp).
#include "sim/network/network.hpp"

#include <fmt/format.h>

#include "harness.hpp"
#include "sim/instances/security_groups.hpp"
#include "tests/sim/instances/instance_test_helpers.hpp"

using namespace sim;
using test::expect_error;
using test::expect_ok;

namespace {

const Vpc& default_vpc(test::Harness& h, const Caller& c) {
  const RegionState& r = h.world.region_of(c);
  return r.vpcs.at(r.accounts.at(c.account).default_vpc);
}

std::vector<const Subnet*> subnets(test::Harness& h, const Caller& c, const std::string& vpc) {
  DescribeNetworkRequest r;
  r.filters = {Filter{"vpc-id", {vpc}}};
  return expect_ok(describe_subnets(h.world, c, r)).items;
}

CreateSubnetRequest subnet_in(const Vpc& vpc, const std::string& cidr,
                              const std::string& zone = "") {
  CreateSubnetRequest r;
  r.vpc_id = vpc.id.str();
  r.cidr_block = cidr;
  r.availability_zone = zone;
  return r;
}

}  // namespace

TEST_CASE("The default network: VPC 172.31.0.0/16, a default /20 subnet per zone in zone order") {
  test::Harness h;
  const Vpc& vpc = default_vpc(h, h.caller);
  CHECK(vpc.cidr.str() == "172.31.0.0/16");
  CHECK(vpc.is_default);
  const auto& zones = h.world.region_of(h.caller).info->zones;
  auto list = subnets(h, h.caller, vpc.id.str());
  REQUIRE(list.size() == zones.size());
  for (std::size_t i = 0; i < zones.size(); ++i) {
    const Subnet* s = nullptr;
    for (const Subnet* candidate : list)
      if (candidate->zone == zones[i].name) s = candidate;
    REQUIRE(s != nullptr);
    CHECK(s->cidr.str() == fmt::format("172.31.{}.0/20", i * 16));
    CHECK(s->default_for_az);
    CHECK(s->map_public_ip_on_launch);
    CHECK(available_addresses(*s) == 4091);
  }
}

TEST_CASE("The default network has an attached gateway, a main route table and a default ACL") {
  test::Harness h;
  const Vpc& vpc = default_vpc(h, h.caller);
  const RegionState& r = h.world.region_of(h.caller);
  auto gateways = expect_ok(describe_internet_gateways(h.world, h.caller, {})).items;
  REQUIRE(gateways.size() == 1);
  CHECK(gateways[0]->attached_to == vpc.id);
  const RouteTable& table = r.route_tables.at(vpc.main_route_table);
  CHECK(table.main);
  REQUIRE(table.routes.size() == 2);
  CHECK(table.routes[0].destination.str() == "172.31.0.0/16");
  CHECK(table.routes[0].gateway_id == "local");
  CHECK(table.routes[1].destination.str() == "0.0.0.0/0");
  CHECK(table.routes[1].gateway_id == gateways[0]->id.str());
  CHECK(r.network_acls.at(vpc.default_acl).is_default);
  CHECK(r.security_groups.at(vpc.default_group).name == "default");
}

TEST_CASE("The network is made per Region on first use, with IDs in a fixed order") {
  test::Harness a(7), b(7);
  CHECK(!has_network(a.world, Caller{a.caller.account, RegionName("eu-west-1")}));
  const Caller eu = a.in("eu-west-1");
  const Caller eu_b = b.in("eu-west-1");
  CHECK(has_network(a.world, eu));
  CHECK(default_vpc(a, eu).id == default_vpc(b, eu_b).id);
  CHECK(a.world.digest() == b.world.digest());
  // Another Region's IDs are not found here.
  const Vpc& home = default_vpc(a, a.caller);
  expect_error(describe_vpcs(a.world, eu, {{home.id.str()}, {}, {}}), "InvalidVpcID.NotFound");
  auto subnet = subnets(a, a.caller, home.id.str()).front()->id.str().string();
  expect_error(describe_subnets(a.world, eu, {{subnet}, {}, {}}), "InvalidSubnetID.NotFound");
}

TEST_CASE("Accounts are walls: another account's VPC and subnets are not found") {
  test::Harness h;
  const Caller other = h.as("210987654321");
  const Vpc& mine = default_vpc(h, h.caller);
  expect_error(describe_vpcs(h.world, other, {{mine.id.str()}, {}, {}}), "InvalidVpcID.NotFound");
  expect_error(delete_vpc(h.world, other, mine.id.str()), "InvalidVpcID.NotFound");
  CHECK(expect_ok(describe_vpcs(h.world, other, {})).items.size() == 1);
}

TEST_CASE("CreateVpc checks the block and makes its main table, default ACL and default group") {
  test::Harness h;
  expect_error(create_vpc(h.world, h.caller, {"10.0.0.0/8", {}, false}), "InvalidVpc.Range");
  expect_error(create_vpc(h.world, h.caller, {"10.0.0.0/29", {}, false}), "InvalidVpc.Range");
  expect_error(create_vpc(h.world, h.caller, {"10.0.0.1/16", {}, false}), "InvalidParameterValue");
  expect_error(create_vpc(h.world, h.caller, {"10.0.0/16", {}, false}), "InvalidParameterValue");
  expect_error(create_vpc(h.world, h.caller, {"", {}, false}), "MissingParameter");
  const std::string before = h.world.digest();
  expect_error(create_vpc(h.world, h.caller, {"10.0.0.0/16", {}, true}), "DryRunOperation");
  CHECK(h.world.digest() == before);
  const Vpc* vpc = expect_ok(create_vpc(h.world, h.caller, {"10.0.0.0/16", {}, false}));
  CHECK_FALSE(vpc->is_default);
  const RegionState& r = h.world.region_of(h.caller);
  CHECK(r.route_tables.at(vpc->main_route_table).routes.size() == 1);
  CHECK(r.security_groups.at(vpc->default_group).vpc_id == vpc->id);
  CHECK(r.network_acls.count(vpc->default_acl) == 1);
}

TEST_CASE("CreateVpc stops at five VPCs per Region") {
  test::Harness h;
  for (int i = 0; i < 4; ++i)
    expect_ok(create_vpc(h.world, h.caller, {fmt::format("10.{}.0.0/16", i), {}, false}));
  expect_error(create_vpc(h.world, h.caller, {"10.9.0.0/16", {}, false}), "VpcLimitExceeded");
}

TEST_CASE("CreateSubnet: inside the VPC's block, no overlap, a known zone") {
  test::Harness h;
  const Vpc* vpc = expect_ok(create_vpc(h.world, h.caller, {"10.0.0.0/16", {}, false}));
  expect_error(create_subnet(h.world, h.caller, subnet_in(*vpc, "10.1.0.0/24")),
               "InvalidSubnet.Range");
  expect_error(create_subnet(h.world, h.caller, subnet_in(*vpc, "10.0.0.0/29")),
               "InvalidSubnet.Range");
  expect_error(create_subnet(h.world, h.caller, subnet_in(*vpc, "10.0.0.0/24", "eu-west-1a")),
               "InvalidParameterValue");
  const Subnet* s =
      expect_ok(create_subnet(h.world, h.caller, subnet_in(*vpc, "10.0.0.0/24", "us-east-1b")));
  CHECK(s->zone.str() == "us-east-1b");
  CHECK_FALSE(s->default_for_az);
  CHECK(available_addresses(*s) == 251);
  expect_error(create_subnet(h.world, h.caller, subnet_in(*vpc, "10.0.0.128/25")),
               "InvalidSubnet.Conflict");
  CreateSubnetRequest bad = subnet_in(*vpc, "10.0.1.0/24");
  bad.vpc_id = "vpc-00000000000000000";
  expect_error(create_subnet(h.world, h.caller, bad), "InvalidVpcID.NotFound");
  bad.vpc_id = "nope";
  expect_error(create_subnet(h.world, h.caller, bad), "InvalidVpcID.Malformed");
}

TEST_CASE("DeleteVpc is a DependencyViolation while subnets or an attached gateway remain") {
  test::Harness h;
  const Vpc* vpc = expect_ok(create_vpc(h.world, h.caller, {"10.0.0.0/16", {}, false}));
  const std::string vpc_id = vpc->id.str();
  const Subnet* s = expect_ok(create_subnet(h.world, h.caller, subnet_in(*vpc, "10.0.0.0/24")));
  const std::string subnet_id = s->id.str();
  auto gateway = expect_ok(create_internet_gateway(h.world, h.caller, {}))->id.str().string();
  expect_ok(attach_internet_gateway(h.world, h.caller, gateway, vpc_id));
  expect_error(attach_internet_gateway(h.world, h.caller, gateway, vpc_id),
               "Resource.AlreadyAssociated");
  expect_error(delete_internet_gateway(h.world, h.caller, gateway), "DependencyViolation");
  expect_error(delete_vpc(h.world, h.caller, vpc_id), "DependencyViolation");
  expect_ok(delete_subnet(h.world, h.caller, subnet_id));
  expect_error(delete_vpc(h.world, h.caller, vpc_id), "DependencyViolation");
  expect_ok(detach_internet_gateway(h.world, h.caller, gateway, vpc_id));
  expect_error(detach_internet_gateway(h.world, h.caller, gateway, vpc_id), "Gateway.NotAttached");
  expect_ok(delete_vpc(h.world, h.caller, vpc_id));
  expect_ok(delete_internet_gateway(h.world, h.caller, gateway));
  CHECK(expect_ok(describe_vpcs(h.world, h.caller, {})).items.size() == 1);
  CHECK(h.world.region_of(h.caller).route_tables.size() == 1);  // the default VPC's only
}

TEST_CASE("A VPC with a non-default security group cannot be deleted") {
  test::Harness h;
  const Vpc* vpc = expect_ok(create_vpc(h.world, h.caller, {"10.0.0.0/16", {}, false}));
  CreateSecurityGroupRequest g;
  g.group_name = "web";
  g.description = "d";
  g.vpc_id = vpc->id;
  expect_ok(create_security_group(h.world, h.caller, g));
  expect_error(delete_vpc(h.world, h.caller, vpc->id.str()), "DependencyViolation");
}

TEST_CASE("A subnet with an instance's interface cannot be deleted until it is terminated") {
  test::Harness h;
  const Vpc* vpc = expect_ok(create_vpc(h.world, h.caller, {"10.0.0.0/16", {}, false}));
  const std::string subnet =
      expect_ok(create_subnet(h.world, h.caller, subnet_in(*vpc, "10.0.0.0/24")))->id.str();
  auto r = test::al2023_request(h);
  r.subnet_id = subnet;
  const InstanceId id = test::launch(h, r);
  expect_error(delete_subnet(h.world, h.caller, subnet), "DependencyViolation");
  expect_ok(terminate_instances(h.world, h.caller, {id.str()}));
  h.advance(5 * kMinuteMs);
  expect_ok(delete_subnet(h.world, h.caller, subnet));
}

TEST_CASE("DeleteVpc of the default VPC, then CreateDefaultVpc makes a new one") {
  test::Harness h;
  expect_error(create_default_vpc(h.world, h.caller), "DefaultVpcAlreadyExists");
  const Vpc& vpc = default_vpc(h, h.caller);
  const std::string vpc_id = vpc.id.str();
  for (const Subnet* s : subnets(h, h.caller, vpc_id))
    expect_ok(delete_subnet(h.world, h.caller, s->id.str()));
  auto gateway =
      expect_ok(describe_internet_gateways(h.world, h.caller, {})).items[0]->id.str().string();
  expect_ok(detach_internet_gateway(h.world, h.caller, gateway, vpc_id));
  expect_ok(delete_vpc(h.world, h.caller, vpc_id));
  auto attrs = expect_ok(describe_account_attributes(h.world, h.caller, {"default-vpc"}));
  CHECK(attrs.at(0).values == std::vector<std::string>{"none"});
  expect_error(run_instances(h.world, h.caller, test::al2023_request(h)), "VPCIdNotSpecified");
  const Vpc* again = expect_ok(create_default_vpc(h.world, h.caller));
  CHECK(again->is_default);
  CHECK(again->id.str() != vpc_id);
  CHECK(subnets(h, h.caller, again->id.str()).size() ==
        h.world.region_of(h.caller).info->zones.size());
}

TEST_CASE("ModifySubnetAttribute turns MapPublicIpOnLaunch off and on") {
  test::Harness h;
  const Subnet* s = subnets(h, h.caller, default_vpc(h, h.caller).id.str()).front();
  expect_ok(modify_subnet_attribute(h.world, h.caller, s->id.str(), false));
  CHECK_FALSE(s->map_public_ip_on_launch);
  expect_error(modify_subnet_attribute(h.world, h.caller, s->id.str(), std::nullopt),
               "MissingParameter");
  expect_error(modify_subnet_attribute(h.world, h.caller, "subnet-00000000000000000", true),
               "InvalidSubnetID.NotFound");
}

TEST_CASE("DescribeVpcs filters and pages with the model's MaxResults range") {
  test::Harness h;
  expect_ok(create_vpc(h.world, h.caller, {"10.0.0.0/16", {}, false}));
  DescribeNetworkRequest r;
  r.filters = {Filter{"is-default", {"true"}}};
  CHECK(expect_ok(describe_vpcs(h.world, h.caller, r)).items.size() == 1);
  r.filters = {Filter{"cidr", {"10.*"}}};
  CHECK(expect_ok(describe_vpcs(h.world, h.caller, r)).items.size() == 1);
  r.filters = {Filter{"bogus", {"x"}}};
  expect_error(describe_vpcs(h.world, h.caller, r), "InvalidFilter");
  r.filters.clear();
  r.page.max_results = 4;
  expect_error(describe_vpcs(h.world, h.caller, r), "InvalidParameterValue");
  r.page.max_results = 1001;
  expect_error(describe_vpcs(h.world, h.caller, r), "InvalidParameterValue");
}

TEST_CASE("DescribeAccountAttributes answers AWS's attributes and refuses unknown names") {
  test::Harness h;
  auto all = expect_ok(describe_account_attributes(h.world, h.caller, {}));
  CHECK(all.size() == 6);
  auto platforms =
      expect_ok(describe_account_attributes(h.world, h.caller, {"supported-platforms"}));
  CHECK(platforms.at(0).values == std::vector<std::string>{"VPC"});
  auto vpc = expect_ok(describe_account_attributes(h.world, h.caller, {"default-vpc"}));
  CHECK(vpc.at(0).values.at(0) == default_vpc(h, h.caller).id.str());
  expect_error(describe_account_attributes(h.world, h.caller, {"bogus"}), "InvalidParameterValue");
}
