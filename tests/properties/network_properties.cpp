// Network properties: random sequences of network calls (VPCs, subnets, gateways, instances in
// subnets, Elastic IPs) through the gateway, over two accounts and two Regions, keep every
// invariant of sim/state/network.hpp after every step: an address is held by at most one
// interface and lies inside its subnet past the reserved ones; no reference dangles (interface
// -> subnet and instance and back, Elastic IP <-> interface, VPC -> its route table, ACL and
// default group, subnet -> VPC inside its block and overlapping no sibling); deleting never
// leaves an orphan. At the end the state document reloads to the same world, and the network
// describes identically.
#include <fmt/format.h>
#include <rapidcheck/catch.h>

#include <catch2/catch.hpp>
#include <map>
#include <set>

#include "api/gateway/gateway.hpp"
#include "harness.hpp"
#include "steps.hpp"
#include "unity_id.hpp"

namespace AMISIM_UNITY_ID {

namespace gw = amisim::gateway;
using Json = nlohmann::json;
using namespace sim;

namespace {

enum class Op {
  kCreateVpc,
  kDeleteVpc,
  kCreateSubnet,
  kDeleteSubnet,
  kCreateGateway,
  kAttachGateway,
  kDetachGateway,
  kDeleteGateway,
  kRun,
  kStop,
  kStart,
  kTerminate,
  kAllocate,
  kAssociate,
  kDisassociate,
  kRelease,
  kAdvance,
};
constexpr int kOps = 17;

std::string_view op_name(Op op) {
  static constexpr std::string_view kNames[] = {
      "create-vpc", "delete-vpc", "create-subnet", "delete-subnet", "create-igw", "attach-igw",
      "detach-igw", "delete-igw", "run",           "stop",          "start",      "terminate",
      "allocate",   "associate",  "disassociate",  "release",       "advance"};
  return kNames[static_cast<std::size_t>(op)];
}

using Step = test::props::Step<Op>;
const std::vector<std::string> kRegions = {"us-east-1", "eu-west-1"};

struct Driver {
  gw::Gateway g{test::fixtures(), {}};

  sim::Caller caller(const Step& s) const {
    return {AccountId(test::props::cycle(test::props::kAccounts, s.account)),
            RegionName(test::props::cycle(kRegions, s.region))};
  }

  // The caller's IDs of one kind, in order (filled from the world, so picks mean the same thing
  // in every world with the same history).
  template <class Map>
  std::vector<std::string> ids(const Map& map, const sim::Caller& c) {
    std::vector<std::string> out;
    for (const auto& [id, item] : map)
      if (item.owner == c.account) out.push_back(id.str());
    return out;
  }

  std::string pick(std::vector<std::string> list, int n) {
    return list.empty() ? "" : list[static_cast<std::size_t>(n) % list.size()];
  }

  std::string call(const sim::Caller& c, const char* action, const Json& input) {
    auto r = g.call(c, action, input);
    return r.ok() ? "ok" : r.error().code;
  }

  std::string apply(const Step& s);
  void check();
};

std::string Driver::apply(const Step& s) {
  const sim::Caller c = caller(s);
  (void)g.call(c, "DescribeVpcs", Json::object());  // first use of the Region makes its network
  const RegionState& r = *g.world().region(c.region);
  const int a = s.amount, v = s.variant;
  switch (s.op) {
    case Op::kCreateVpc:
      return call(c, "CreateVpc", {{"CidrBlock", fmt::format("10.{}.0.0/{}", a % 4, 16 + v % 3)}});
    case Op::kDeleteVpc:
      return call(c, "DeleteVpc", {{"VpcId", pick(ids(r.vpcs, c), s.pick)}});
    case Op::kCreateSubnet: {
      const std::string vpc = pick(ids(r.vpcs, c), s.pick);
      auto found = r.vpcs.find(VpcId(vpc));
      if (found == r.vpcs.end()) return "no vpc";
      const std::uint32_t base = found->second.cidr.base + static_cast<std::uint32_t>(a % 8) * 16;
      return call(c, "CreateSubnet",
                  {{"VpcId", vpc}, {"CidrBlock", fmt::format("{}/{}", ipv4_string(base), 28)}});
    }
    case Op::kDeleteSubnet:
      return call(c, "DeleteSubnet", {{"SubnetId", pick(ids(r.subnets, c), s.pick)}});
    case Op::kCreateGateway:
      return call(c, "CreateInternetGateway", Json::object());
    case Op::kAttachGateway:
    case Op::kDetachGateway:
      return call(c, s.op == Op::kAttachGateway ? "AttachInternetGateway" : "DetachInternetGateway",
                  {{"InternetGatewayId", pick(ids(r.internet_gateways, c), s.pick)},
                   {"VpcId", pick(ids(r.vpcs, c), v)}});
    case Op::kDeleteGateway:
      return call(c, "DeleteInternetGateway",
                  {{"InternetGatewayId", pick(ids(r.internet_gateways, c), s.pick)}});
    case Op::kRun: {
      Json in = {{"ImageId", test::fixtures()->images.front().id.str()},
                 {"MinCount", 1},
                 {"MaxCount", 1 + a % 3},
                 {"InstanceType", "t3.micro"}};
      for (const auto& img : test::fixtures()->images)
        if (img.region == c.region && img.family == "al2023-x86_64") in["ImageId"] = img.id.str();
      if (v % 2) in["SubnetId"] = pick(ids(r.subnets, c), s.pick);
      return call(c, "RunInstances", in);
    }
    case Op::kStop:
    case Op::kStart:
    case Op::kTerminate: {
      const char* action = s.op == Op::kStop    ? "StopInstances"
                           : s.op == Op::kStart ? "StartInstances"
                                                : "TerminateInstances";
      return call(c, action, {{"InstanceIds", {pick(ids(r.instances, c), s.pick)}}});
    }
    case Op::kAllocate:
      return call(c, "AllocateAddress", {{"Domain", "vpc"}});
    case Op::kAssociate:
      return call(c, "AssociateAddress",
                  {{"AllocationId", pick(ids(r.addresses, c), s.pick)},
                   {"InstanceId", pick(ids(r.instances, c), v)},
                   {"AllowReassociation", a % 2 == 1}});
    case Op::kDisassociate: {
      auto it = r.addresses.find(AllocationId(pick(ids(r.addresses, c), s.pick)));
      if (it == r.addresses.end()) return "none";
      return call(c, "DisassociateAddress", {{"AssociationId", it->second.association_id}});
    }
    case Op::kRelease:
      return call(c, "ReleaseAddress", {{"AllocationId", pick(ids(r.addresses, c), s.pick)}});
    case Op::kAdvance:
      (void)g.advance(static_cast<sim::DurationMs>(1 + a) * 20 * kSecondMs);
      return "ok";
  }
  return "?";
}

void check_region(const RegionState& r) {
  std::map<SubnetId, std::set<std::uint32_t>> held;
  for (const auto& [id, eni] : r.network_interfaces) {
    auto subnet = r.subnets.find(eni.subnet);
    RC_ASSERT(subnet != r.subnets.end());
    RC_ASSERT(subnet->second.cidr.contains(eni.private_ip));
    const std::uint32_t offset = eni.private_ip - subnet->second.cidr.base;
    RC_ASSERT(offset >= 4u);
    RC_ASSERT(offset <= subnet->second.cidr.size() - 2);
    RC_ASSERT(held[eni.subnet].insert(offset).second);  // one interface per address
    if (eni.instance) {
      const Instance& i = r.instances.at(*eni.instance);
      RC_ASSERT(i.network_interface == id);
      RC_ASSERT(i.private_ip == ipv4_string(eni.private_ip));
      RC_ASSERT(i.public_ip == eni.public_ip);
    }
    if (eni.elastic_ip) {
      const Address& a = r.addresses.at(*eni.elastic_ip);
      RC_ASSERT(a.interface == id);
      RC_ASSERT(eni.public_ip == a.public_ip);
    }
  }
  for (const auto& [id, s] : r.subnets) {
    RC_ASSERT(s.used == held[id]);
    // The search hint never skips a free address: every offset below it is used.
    for (std::uint32_t offset = 4; offset < s.free_from; ++offset)
      RC_ASSERT(s.used.count(offset) == 1);
    const Vpc& vpc = r.vpcs.at(s.vpc);
    RC_ASSERT(vpc.cidr.contains(s.cidr));
    for (const auto& [other_id, other] : r.subnets)
      RC_ASSERT(other_id == id || other.vpc != s.vpc || !other.cidr.overlaps(s.cidr));
  }
  for (const auto& [id, i] : r.instances) {
    if (i.state == InstanceState::kTerminated) RC_ASSERT(i.network_interface.empty());
    if (!i.network_interface.empty()) RC_ASSERT(r.network_interfaces.count(i.network_interface));
  }
  std::set<std::string> public_ips;
  for (const auto& [id, a] : r.addresses) {
    RC_ASSERT(public_ips.insert(a.public_ip).second);
    if (a.interface) RC_ASSERT(r.network_interfaces.at(*a.interface).elastic_ip == id);
  }
  for (const auto& [id, eni] : r.network_interfaces)
    if (!eni.elastic_ip && !eni.public_ip.empty())
      RC_ASSERT(public_ips.insert(eni.public_ip).second);
  for (const auto& [id, vpc] : r.vpcs) {
    RC_ASSERT(r.route_tables.count(vpc.main_route_table));
    RC_ASSERT(r.network_acls.count(vpc.default_acl));
    RC_ASSERT(r.security_groups.count(vpc.default_group));
  }
  for (const auto& [id, t] : r.route_tables) {
    RC_ASSERT(r.vpcs.count(t.vpc));  // deleting a VPC leaves no orphan table
    for (const auto& route : t.routes)
      RC_ASSERT(route.gateway_id == "local" ||
                r.internet_gateways.count(InternetGatewayId(route.gateway_id)));
  }
  for (const auto& [id, a] : r.network_acls) RC_ASSERT(r.vpcs.count(a.vpc));
  for (const auto& [id, g] : r.security_groups) RC_ASSERT(r.vpcs.count(g.vpc_id));
  for (const auto& [id, g] : r.internet_gateways)
    if (g.attached_to) RC_ASSERT(r.vpcs.count(*g.attached_to));
}

void Driver::check() {
  for (const auto& [name, r] : g.world().regions()) check_region(r);
}

// What the network describes as, for every account and Region of the suite.
Json network_view(gw::Gateway& g) {
  Json out = Json::array();
  for (const auto& account : test::props::kAccounts)
    for (const auto& region : kRegions) {
      const sim::Caller c{AccountId(account), RegionName(region)};
      for (const char* action :
           {"DescribeVpcs", "DescribeSubnets", "DescribeInternetGateways", "DescribeRouteTables",
            "DescribeNetworkAcls", "DescribeNetworkInterfaces", "DescribeAddresses",
            "DescribeInstances"})
        out.push_back(g.call(c, action, Json::object()).value());
    }
  return out;
}

}  // namespace

TEST_CASE("property: network calls keep every network invariant and replay describes alike") {
  rc::prop("random network sequences", [] {
    Driver d;
    test::props::run(d, *test::props::steps<Op>({.op = test::props::any_of<Op>(kOps),
                                                 .accounts = 2,
                                                 .regions = 2,
                                                 .picks = 4,
                                                 .amount = rc::gen::inRange(0, 16),
                                                 .variant = rc::gen::inRange(0, 4)}));
    const Json before = network_view(d.g);
    gw::Gateway fresh(test::fixtures(), {});
    auto loaded = fresh.load_state(d.g.state_document());
    RC_ASSERT(loaded.ok());
    RC_ASSERT(fresh.world().digest() == d.g.world().digest());
    RC_ASSERT(network_view(fresh) == before);
  });
}

}  // namespace AMISIM_UNITY_ID
