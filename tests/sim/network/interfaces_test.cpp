// Instances in subnets (sim/network/interfaces.hpp) and Elastic IPs (sim/network/addresses.hpp).
#include "sim/network/interfaces.hpp"

#include <set>

#include "harness.hpp"
#include "sim/network/addresses.hpp"
#include "sim/network/network.hpp"
#include "tests/sim/instances/instance_test_helpers.hpp"

using namespace sim;
using test::expect_error;
using test::expect_ok;

namespace {

const Subnet& subnet_of(test::Harness& h, const Instance& i) {
  return h.world.region_of(h.caller).subnets.at(i.subnet_id);
}

const NetworkInterface& eni_of(test::Harness& h, const Instance& i) {
  return h.world.region_of(h.caller).network_interfaces.at(i.network_interface);
}

std::string new_subnet(test::Harness& h, const std::string& cidr) {
  const Vpc* vpc = expect_ok(create_vpc(h.world, h.caller, {"10.0.0.0/16", {}, false}));
  CreateSubnetRequest r;
  r.vpc_id = vpc->id.str();
  r.cidr_block = cidr;
  return expect_ok(create_subnet(h.world, h.caller, r))->id.str();
}

}  // namespace

TEST_CASE("An instance without network choices goes to a default subnet with its first address") {
  test::Harness h;
  Instance& i = test::instance(h, test::launch(h));
  const Subnet& s = subnet_of(h, i);
  CHECK(s.default_for_az);
  CHECK(i.zone == s.zone);
  CHECK(i.vpc_id == s.vpc);
  // The first four addresses of a subnet are AWS's: the first instance gets .4 of the block.
  CHECK(i.private_ip == ipv4_string(s.cidr.base + 4));
  const NetworkInterface& eni = eni_of(h, i);
  CHECK(eni.instance == i.id);
  CHECK(eni.attachment_id.rfind("eni-attach-", 0) == 0);
  CHECK(eni.groups == i.security_groups);
  CHECK(available_addresses(s) == 4090);
  CHECK(private_dns_name(i.region, i.private_ip) ==
        "ip-" + std::string(ipv4_dashed(eni.private_ip)) + ".ec2.internal");
}

TEST_CASE("Launches without a subnet spread over the default subnets, deterministically") {
  test::Harness a(3), b(3);
  std::set<ZoneName> zones;
  for (int n = 0; n < 3; ++n) {
    Instance& i = test::instance(a, test::launch(a));
    CHECK(i.zone == test::instance(b, test::launch(b)).zone);
    zones.insert(i.zone);
  }
  CHECK(zones.size() == 3);
  CHECK(a.world.digest() == b.world.digest());
}

TEST_CASE("SubnetId, Placement and NetworkInterfaces place the instance") {
  test::Harness h;
  const std::string subnet = new_subnet(h, "10.0.1.0/28");
  auto r = test::al2023_request(h);
  r.subnet_id = subnet;
  Instance& i = test::instance(h, test::launch(h, r));
  CHECK(i.subnet_id.str() == subnet);
  CHECK(i.private_ip == "10.0.1.4");
  r = test::al2023_request(h);
  r.availability_zone = ZoneName("us-east-1c");
  CHECK(test::instance(h, test::launch(h, r)).zone.str() == "us-east-1c");
  r = test::al2023_request(h);
  r.network_interfaces = {LaunchInterfaceSpec{0, subnet, {}, false, true, "10.0.1.9", ""}};
  Instance& k = test::instance(h, test::launch(h, r));
  CHECK(k.private_ip == "10.0.1.9");
  r.network_interfaces[0].private_ip = "10.0.1.9";
  expect_error(run_instances(h.world, h.caller, r), "InvalidIPAddress.InUse");
  r.network_interfaces[0].private_ip = "10.0.2.9";
  expect_error(run_instances(h.world, h.caller, r), "InvalidParameterValue");
  r.network_interfaces[0].private_ip = "";
  r.subnet_id = subnet;
  expect_error(run_instances(h.world, h.caller, r), "InvalidParameterCombination");
}

TEST_CASE("A subnet ID from another Region, or unknown, is not found") {
  test::Harness h;
  const Caller eu = h.in("eu-west-1");
  auto r = test::al2023_request(h, "eu-west-1");
  r.subnet_id = test::instance(h, test::launch(h)).subnet_id.str();
  expect_error(run_instances(h.world, eu, r), "InvalidSubnetID.NotFound");
  r.subnet_id = "subnet-zz";
  expect_error(run_instances(h.world, eu, r), "InvalidSubnetID.Malformed");
}

TEST_CASE(
    "A full subnet refuses a launch with InsufficientFreeAddressesInSubnet and MaxCount is cut") {
  test::Harness h;
  const std::string subnet = new_subnet(h, "10.0.1.0/28");  // 16 - 5 = 11 addresses
  auto r = test::al2023_request(h);
  r.subnet_id = subnet;
  r.min_count = 1;
  r.max_count = 20;
  auto launched = expect_ok(run_instances(h.world, h.caller, r));
  CHECK(launched.instances.size() == 11);
  std::set<std::string> ips;
  for (const Instance* i : launched.instances) ips.insert(i->private_ip);
  CHECK(ips.size() == 11);
  const std::string before = h.world.digest();
  r.max_count = 1;
  expect_error(run_instances(h.world, h.caller, r), "InsufficientFreeAddressesInSubnet");
  CHECK(h.world.digest() == before);
  // Termination frees the address, and the next launch takes the lowest free one again.
  const std::string freed = launched.instances[2]->private_ip;
  expect_ok(terminate_instances(h.world, h.caller, {launched.instances[2]->id.str()}));
  h.advance(5 * kMinuteMs);
  CHECK(test::instance(h, test::launch(h, r)).private_ip == freed);
}

TEST_CASE("A public address is given while running, given back at stop, a new one at start") {
  test::Harness h;
  const InstanceId id = test::running_instance(h);
  const std::string first = test::instance(h, id).public_ip;
  CHECK_FALSE(first.empty());
  CHECK(eni_of(h, test::instance(h, id)).public_ip == first);
  expect_ok(stop_instances(h.world, h.caller, {id.str()}));
  h.advance(5 * kMinuteMs);
  CHECK(test::instance(h, id).public_ip.empty());
  expect_ok(start_instances(h.world, h.caller, {id.str()}));
  h.advance(5 * kMinuteMs);
  CHECK_FALSE(test::instance(h, id).public_ip.empty());
  CHECK(test::instance(h, id).public_ip != first);
}

TEST_CASE("A subnet that does not map public IPs gives none unless the launch asks") {
  test::Harness h;
  const std::string subnet = new_subnet(h, "10.0.1.0/24");
  auto r = test::al2023_request(h);
  r.subnet_id = subnet;
  const InstanceId plain = test::launch(h, r);
  r.subnet_id.clear();
  r.network_interfaces = {LaunchInterfaceSpec{0, subnet, {}, true, true, "", ""}};
  const InstanceId asked = test::launch(h, r);
  h.advance(5 * kMinuteMs);
  CHECK(test::instance(h, plain).public_ip.empty());
  CHECK_FALSE(test::instance(h, asked).public_ip.empty());
}

TEST_CASE("Termination deletes the interface and frees the address and the instance shows none") {
  test::Harness h;
  const InstanceId id = test::running_instance(h);
  const NetworkInterfaceId eni = test::instance(h, id).network_interface;
  const SubnetId subnet = test::instance(h, id).subnet_id;
  expect_ok(terminate_instances(h.world, h.caller, {id.str()}));
  h.advance(5 * kMinuteMs);
  const RegionState& r = h.world.region_of(h.caller);
  CHECK(r.network_interfaces.count(eni) == 0);
  CHECK(r.subnets.at(subnet).used.empty());
  CHECK(test::instance(h, id).private_ip.empty());
  CHECK(test::instance(h, id).public_ip.empty());
}

TEST_CASE("An Elastic IP keeps the instance's public address across stop and start") {
  test::Harness h;
  const InstanceId id = test::running_instance(h);
  const Address* a = expect_ok(allocate_address(h.world, h.caller, "vpc", {}));
  const std::string ip = a->public_ip;
  const std::string allocation = a->id.str();
  AssociateAddressRequest assoc;
  assoc.allocation_id = allocation;
  assoc.instance_id = id.str();
  const std::string association = expect_ok(associate_address(h.world, h.caller, assoc));
  CHECK(test::instance(h, id).public_ip == ip);
  expect_ok(stop_instances(h.world, h.caller, {id.str()}));
  h.advance(5 * kMinuteMs);
  CHECK(test::instance(h, id).public_ip == ip);
  expect_ok(start_instances(h.world, h.caller, {id.str()}));
  h.advance(5 * kMinuteMs);
  CHECK(test::instance(h, id).public_ip == ip);
  expect_error(release_address(h.world, h.caller, allocation, ""), "InvalidIPAddress.InUse");
  expect_ok(disassociate_address(h.world, h.caller, association, ""));
  CHECK(test::instance(h, id).public_ip.empty());
  expect_ok(release_address(h.world, h.caller, allocation, ""));
  expect_error(release_address(h.world, h.caller, allocation, ""), "InvalidAllocationID.NotFound");
}

TEST_CASE("AssociateAddress refuses a second association unless AllowReassociation") {
  test::Harness h;
  const InstanceId one = test::running_instance(h);
  const InstanceId two = test::running_instance(h);
  const std::string allocation =
      expect_ok(allocate_address(h.world, h.caller, "vpc", {}))->id.str();
  AssociateAddressRequest r;
  r.allocation_id = allocation;
  r.instance_id = one.str();
  expect_ok(associate_address(h.world, h.caller, r));
  r.instance_id = two.str();
  expect_error(associate_address(h.world, h.caller, r), "Resource.AlreadyAssociated");
  r.allow_reassociation = true;
  expect_ok(associate_address(h.world, h.caller, r));
  CHECK(test::instance(h, one).public_ip.empty());
  CHECK_FALSE(test::instance(h, two).public_ip.empty());
  DescribeAddressesRequest d;
  d.filters = {Filter{"instance-id", {two.str()}}};
  CHECK(expect_ok(describe_addresses(h.world, h.caller, d)).size() == 1);
}

TEST_CASE("AllocateAddress stops at five per Region and bad IDs and domains are refused") {
  test::Harness h;
  for (int i = 0; i < 5; ++i) expect_ok(allocate_address(h.world, h.caller, "vpc", {}));
  expect_error(allocate_address(h.world, h.caller, "vpc", {}), "AddressLimitExceeded");
  expect_error(allocate_address(h.world, h.caller, "classic", {}), "InvalidParameterValue");
  expect_error(release_address(h.world, h.caller, "eipalloc-zz", ""),
               "InvalidAllocationID.Malformed");
  expect_error(release_address(h.world, h.caller, "", "1.2.3.4"), "InvalidAddress.NotFound");
  expect_error(disassociate_address(h.world, h.caller, "eipassoc-00000000000000000", ""),
               "InvalidAssociationID.NotFound");
}
