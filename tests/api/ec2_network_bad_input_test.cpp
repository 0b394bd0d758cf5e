// The bad-input matrix for the network's actions (issue 15, "Bad input"), through ec2::call, the
// door the scenario runner and C++ callers share with HTTP: malformed CIDRs, unknown IDs, IDs of
// another Region or another account, malformed IDs and out-of-range values each answer AWS's
// error code with a 400, a message a reply can carry, and leave the world as it was. The
// user-text matrix (names, descriptions, tags) is ec2_user_text_test.cpp.
//
// Codes: the EC2 API's error code list (ERRCODES in the fact sheet) and each action's API
// reference; an ID of another Region is not found, as DESIGN.md ("IDs are unique across all
// Regions, so an ID used in the wrong Region is found nowhere").
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "sim/core/utf8.hpp"
#include "tests/api/ec2_support.hpp"

using test::Ec2;
using test::Json;

namespace {

using test::kOther;
const std::string kIpv = "InvalidParameterValue";

// One account's network resources in one Region, made through the handlers; or, without a
// harness, IDs of the right form that name nothing.
struct Net {
  std::string vpc = "vpc-0123456789abcdef0", subnet = "subnet-0123456789abcdef0",
              gateway = "igw-0123456789abcdef0", allocation = "eipalloc-0123456789abcdef0",
              association = "eipassoc-0123456789abcdef0", public_ip = "198.51.100.7",
              group = "sg-0123456789abcdef0", rule = "sgr-0123456789abcdef0",
              instance = "i-0123456789abcdef0", eni = "eni-0123456789abcdef0",
              route_table = "rtb-0123456789abcdef0", acl = "acl-0123456789abcdef0";

  Net() = default;
  Net(Ec2& ec2, const sim::Caller& who) {
    vpc = ec2.ok("CreateVpc", {{"CidrBlock", "10.0.0.0/16"}}, &who)["Vpc"]["VpcId"];
    subnet = ec2.ok("CreateSubnet", {{"VpcId", vpc}, {"CidrBlock", "10.0.1.0/24"}},
                    &who)["Subnet"]["SubnetId"];
    gateway = ec2.ok("CreateInternetGateway", Json::object(),
                     &who)["InternetGateway"]["InternetGatewayId"];
    Json address = ec2.ok("AllocateAddress", Json::object(), &who);
    allocation = address["AllocationId"];
    public_ip = address["PublicIp"];
    group = ec2.ok("CreateSecurityGroup",
                   {{"GroupName", "web"}, {"Description", "web"}, {"VpcId", vpc}}, &who)["GroupId"];
    rule = ec2.ok("AuthorizeSecurityGroupIngress",
                  {{"GroupId", group},
                   {"IpPermissions",
                    {{{"IpProtocol", "tcp"},
                      {"FromPort", 443},
                      {"ToPort", 443},
                      {"IpRanges", {{{"CidrIp", "0.0.0.0/0"}}}}}}}},
                  &who)["SecurityGroupRules"][0]["SecurityGroupRuleId"];
    Json run = ec2.ok("RunInstances",
                      {{"ImageId", ec2.catalogue_image("al2023-x86_64", who.region.str()).str()},
                       {"InstanceType", "t3.micro"},
                       {"MinCount", 1},
                       {"MaxCount", 1},
                       {"SubnetId", subnet}},
                      &who);
    instance = run["Instances"][0]["InstanceId"];
    eni = run["Instances"][0]["NetworkInterfaces"][0]["NetworkInterfaceId"];
    association =
        ec2.ok("AssociateAddress", {{"AllocationId", allocation}, {"InstanceId", instance}},
               &who)["AssociationId"];
    const Json in_vpc = {{"Filters", {{{"Name", "vpc-id"}, {"Values", {vpc}}}}}};
    route_table = ec2.ok("DescribeRouteTables", in_vpc, &who)["RouteTables"][0]["RouteTableId"];
    acl = ec2.ok("DescribeNetworkAcls", in_vpc, &who)["NetworkAcls"][0]["NetworkAclId"];
  }
};

struct BadInputCase {
  std::string action;
  Json input;
  std::string code;
};

Json with(Json base, const std::string& key, Json value) {
  base[key] = std::move(value);
  return base;
}

void add(std::vector<BadInputCase>& to, const std::vector<BadInputCase>& more) {
  to.insert(to.end(), more.begin(), more.end());
}

Json permission(int from = 443, int to = 443, const std::string& protocol = "tcp") {
  return {{"IpProtocol", protocol},
          {"FromPort", from},
          {"ToPort", to},
          {"IpRanges", {{{"CidrIp", "10.0.0.0/8"}}}}};
}

Json ingress(const std::string& group, const Json& p) {
  return {{"GroupId", group}, {"IpPermissions", Json::array({p})}};
}

// Blocks that are not CIDRs, and CIDRs outside what a VPC or subnet may be (VPC User Guide, "VPC
// CIDR blocks": /16 to /28, subnets inside their VPC's block and not overlapping).
std::vector<BadInputCase> cidr_cases(const Net& mine) {
  const Json subnet = {{"VpcId", mine.vpc}};
  std::vector<BadInputCase> out;
  for (const char* bad :
       {"10.0.0.0", "10.0.0.0/33", "10.0.0.256/16", "10.0.0.1/16", "ten/16", "10.0.0.0/-1",
        "10.0.0.0/16 ", "10.0.0/16", "/16", "10.0.0.0/1x", "::/0", "10.0.0.0/016"}) {
    out.push_back({"CreateVpc", {{"CidrBlock", bad}}, kIpv});
    out.push_back({"CreateSubnet", with(subnet, "CidrBlock", bad), kIpv});
  }
  add(out, {{"CreateVpc", Json::object(), "MissingParameter"},
            {"CreateVpc", {{"CidrBlock", "10.0.0.0/15"}}, "InvalidVpc.Range"},
            {"CreateVpc", {{"CidrBlock", "10.0.0.0/29"}}, "InvalidVpc.Range"},
            {"CreateSubnet", with(subnet, "CidrBlock", "10.1.0.0/24"), "InvalidSubnet.Range"},
            {"CreateSubnet", with(subnet, "CidrBlock", "10.0.0.0/29"), "InvalidSubnet.Range"},
            {"CreateSubnet", with(subnet, "CidrBlock", "10.0.0.0/15"), "InvalidSubnet.Range"},
            {"CreateSubnet", with(subnet, "CidrBlock", "10.0.1.128/25"), "InvalidSubnet.Conflict"},
            {"CreateSubnet", with(subnet, "CidrBlock", "10.0.0.0/16"), "InvalidSubnet.Conflict"},
            {"CreateSubnet", {{"CidrBlock", "10.0.2.0/24"}}, "MissingParameter"}});
  for (const char* bad : {"10.0.0.0/33", "10.0.0.256/8", "x", "10.0.0.0/8/8"})
    out.push_back({"AuthorizeSecurityGroupIngress",
                   ingress(mine.group, with(permission(), "IpRanges", {{{"CidrIp", bad}}})), kIpv});
  for (const char* bad : {"2001:db8::/129", "2001:db8:::/64", "10.0.0.0/8", "fe80::g/64"})
    out.push_back({"AuthorizeSecurityGroupEgress",
                   ingress(mine.group, with(permission(), "Ipv6Ranges", {{{"CidrIpv6", bad}}})),
                   kIpv});
  return out;
}

// The network's and the rules' actions naming `theirs` IDs (of another Region, another account,
// or nothing) where `mine` has a resource of the same kind: each is not found.
std::vector<BadInputCase> foreign_network_cases(const Net& theirs, const Net& mine) {
  const Json igw = {{"InternetGatewayId", theirs.gateway}, {"VpcId", mine.vpc}};
  return {
      {"DeleteVpc", {{"VpcId", theirs.vpc}}, "InvalidVpcID.NotFound"},
      {"CreateSubnet",
       {{"VpcId", theirs.vpc}, {"CidrBlock", "10.0.9.0/24"}},
       "InvalidVpcID.NotFound"},
      {"CreateSecurityGroup",
       {{"GroupName", "x"}, {"Description", "x"}, {"VpcId", theirs.vpc}},
       "InvalidVpcID.NotFound"},
      {"DeleteSubnet", {{"SubnetId", theirs.subnet}}, "InvalidSubnetID.NotFound"},
      {"ModifySubnetAttribute",
       {{"SubnetId", theirs.subnet}, {"MapPublicIpOnLaunch", {{"Value", false}}}},
       "InvalidSubnetID.NotFound"},
      {"AttachInternetGateway", igw, "InvalidInternetGatewayID.NotFound"},
      {"AttachInternetGateway",
       {{"InternetGatewayId", mine.gateway}, {"VpcId", theirs.vpc}},
       "InvalidVpcID.NotFound"},
      {"DetachInternetGateway", igw, "InvalidInternetGatewayID.NotFound"},
      {"DeleteInternetGateway",
       {{"InternetGatewayId", theirs.gateway}},
       "InvalidInternetGatewayID.NotFound"},
      {"DescribeVpcs", {{"VpcIds", {theirs.vpc}}}, "InvalidVpcID.NotFound"},
      {"DescribeSubnets", {{"SubnetIds", {theirs.subnet}}}, "InvalidSubnetID.NotFound"},
      {"DescribeInternetGateways",
       {{"InternetGatewayIds", {theirs.gateway}}},
       "InvalidInternetGatewayID.NotFound"},
      {"DescribeRouteTables",
       {{"RouteTableIds", {theirs.route_table}}},
       "InvalidRouteTableID.NotFound"},
      {"DescribeNetworkAcls", {{"NetworkAclIds", {theirs.acl}}}, "InvalidNetworkAclID.NotFound"},
      {"DescribeNetworkInterfaces",
       {{"NetworkInterfaceIds", {theirs.eni}}},
       "InvalidNetworkInterfaceID.NotFound"},
  };
}

std::vector<BadInputCase> foreign_address_cases(const Net& theirs, const Net& mine) {
  return {
      {"AssociateAddress",
       {{"AllocationId", theirs.allocation}, {"InstanceId", mine.instance}},
       "InvalidAllocationID.NotFound"},
      {"AssociateAddress",
       {{"AllocationId", mine.allocation},
        {"InstanceId", theirs.instance},
        {"AllowReassociation", true}},
       "InvalidInstanceID.NotFound"},
      {"AssociateAddress",
       {{"AllocationId", mine.allocation},
        {"NetworkInterfaceId", theirs.eni},
        {"AllowReassociation", true}},
       "InvalidNetworkInterfaceID.NotFound"},
      {"DisassociateAddress",
       {{"AssociationId", theirs.association}},
       "InvalidAssociationID.NotFound"},
      {"ReleaseAddress", {{"AllocationId", theirs.allocation}}, "InvalidAllocationID.NotFound"},
      {"DescribeAddresses",
       {{"AllocationIds", {theirs.allocation}}},
       "InvalidAllocationID.NotFound"},
      {"DescribeAddresses", {{"PublicIps", {theirs.public_ip}}}, "InvalidAddress.NotFound"},
  };
}

std::vector<BadInputCase> foreign_rule_cases(const Net& theirs, const Net& mine) {
  const Json pair = {{"IpProtocol", "tcp"},
                     {"FromPort", 80},
                     {"ToPort", 80},
                     {"UserIdGroupPairs", {{{"GroupId", theirs.group}}}}};
  const Json rule = {
      {"IpProtocol", "tcp"}, {"FromPort", 1}, {"ToPort", 2}, {"CidrIpv4", "1.2.3.4/32"}};
  return {
      {"AuthorizeSecurityGroupIngress", ingress(theirs.group, permission()),
       "InvalidGroup.NotFound"},
      {"AuthorizeSecurityGroupEgress", ingress(theirs.group, permission()),
       "InvalidGroup.NotFound"},
      {"RevokeSecurityGroupIngress", ingress(theirs.group, permission()), "InvalidGroup.NotFound"},
      {"RevokeSecurityGroupEgress", ingress(theirs.group, permission()), "InvalidGroup.NotFound"},
      {"AuthorizeSecurityGroupIngress", ingress(mine.group, pair), "InvalidGroup.NotFound"},
      {"DescribeSecurityGroupRules",
       {{"SecurityGroupRuleIds", {theirs.rule}}},
       "InvalidSecurityGroupRuleId.NotFound"},
      {"ModifySecurityGroupRules",
       {{"GroupId", mine.group},
        {"SecurityGroupRules",
         {{{"SecurityGroupRuleId", theirs.rule}, {"SecurityGroupRule", rule}}}}},
       "InvalidSecurityGroupRuleId.NotFound"},
      {"ModifySecurityGroupRules",
       {{"GroupId", theirs.group},
        {"SecurityGroupRules",
         {{{"SecurityGroupRuleId", mine.rule}, {"SecurityGroupRule", rule}}}}},
       "InvalidGroup.NotFound"},
  };
}

// A launch naming another Region's (or account's, or no) subnet or group.
std::vector<BadInputCase> foreign_launch_cases(const Net& theirs, const std::string& image) {
  const Json run = {
      {"ImageId", image}, {"InstanceType", "t3.micro"}, {"MinCount", 1}, {"MaxCount", 1}};
  return {
      {"RunInstances", with(run, "SubnetId", theirs.subnet), "InvalidSubnetID.NotFound"},
      {"RunInstances", with(run, "SecurityGroupIds", {theirs.group}), "InvalidGroup.NotFound"},
      {"RunInstances",
       with(run, "NetworkInterfaces", {{{"DeviceIndex", 0}, {"SubnetId", theirs.subnet}}}),
       "InvalidSubnetID.NotFound"},
  };
}

std::vector<BadInputCase> foreign_cases(const Net& theirs, const Net& mine,
                                        const std::string& image) {
  std::vector<BadInputCase> out = foreign_network_cases(theirs, mine);
  add(out, foreign_address_cases(theirs, mine));
  add(out, foreign_rule_cases(theirs, mine));
  add(out, foreign_launch_cases(theirs, image));
  return out;
}

// IDs that are not "<prefix>-<hex>", or of another kind.
std::vector<BadInputCase> malformed_cases(const Net& mine) {
  return {
      {"DeleteVpc", {{"VpcId", "vpc-xyz"}}, "InvalidVpcID.Malformed"},
      {"DeleteVpc", {{"VpcId", mine.subnet}}, "InvalidVpcID.Malformed"},
      {"DescribeVpcs", {{"VpcIds", {"vpc-"}}}, "InvalidVpcID.Malformed"},
      {"CreateSubnet",
       {{"VpcId", "vpc-\xEF\xBF\xBF"}, {"CidrBlock", "10.0.9.0/24"}},
       "InvalidVpcID.Malformed"},
      {"DeleteSubnet", {{"SubnetId", "subnet-zz"}}, "InvalidSubnetID.Malformed"},
      {"DescribeSubnets", {{"SubnetIds", {mine.vpc}}}, "InvalidSubnetID.Malformed"},
      {"ModifySubnetAttribute",
       {{"SubnetId", "x"}, {"MapPublicIpOnLaunch", {{"Value", true}}}},
       "InvalidSubnetID.Malformed"},
      {"AttachInternetGateway",
       {{"InternetGatewayId", "igw-q"}, {"VpcId", mine.vpc}},
       "InvalidInternetGatewayId.Malformed"},
      {"DeleteInternetGateway",
       {{"InternetGatewayId", "igw-"}},
       "InvalidInternetGatewayId.Malformed"},
      {"DescribeRouteTables", {{"RouteTableIds", {"rtb-x"}}}, "InvalidRouteTableId.Malformed"},
      {"DescribeNetworkAcls", {{"NetworkAclIds", {"acl-x"}}}, "InvalidNetworkAclId.Malformed"},
      {"DescribeNetworkInterfaces",
       {{"NetworkInterfaceIds", {"eni-x"}}},
       "InvalidNetworkInterfaceID.Malformed"},
      {"ReleaseAddress", {{"AllocationId", "eipalloc-x"}}, "InvalidAllocationID.Malformed"},
      {"DescribeAddresses", {{"AllocationIds", {"eipalloc-"}}}, "InvalidAllocationID.Malformed"},
      {"AuthorizeSecurityGroupIngress", ingress("sg-zz", permission()), "InvalidGroupId.Malformed"},
      {"DescribeSecurityGroupRules",
       {{"SecurityGroupRuleIds", {"sgr-zz"}}},
       "InvalidSecurityGroupRuleId.Malformed"},
  };
}

// Values outside what each parameter takes.
std::vector<BadInputCase> range_cases(const Net& mine) {
  const Json subnet = {{"VpcId", mine.vpc}, {"CidrBlock", "10.0.9.0/24"}};
  const Json page = Json::object();
  return {
      {"CreateSubnet", with(subnet, "AvailabilityZone", "us-east-1z"), kIpv},
      {"CreateSubnet", with(subnet, "AvailabilityZone", "eu-west-1a"), kIpv},
      {"CreateSubnet", with(subnet, "AvailabilityZoneId", "use1-az99"), kIpv},
      {"CreateSubnet",
       with(with(subnet, "AvailabilityZone", "us-east-1a"), "AvailabilityZoneId", "use1-az1"),
       "InvalidParameterCombination"},
      {"ModifySubnetAttribute", {{"SubnetId", mine.subnet}}, "MissingParameter"},
      {"AllocateAddress", {{"Domain", "classic"}}, kIpv},
      {"AssociateAddress", {{"AllocationId", mine.allocation}}, "MissingParameter"},
      // API reference, AssociateAddress PrivateIpAddress: one of the interface's own addresses.
      {"AssociateAddress",
       {{"AllocationId", mine.allocation},
        {"InstanceId", mine.instance},
        {"PrivateIpAddress", "10.0.1.99"}},
       kIpv},
      {"AssociateAddress",
       {{"AllocationId", mine.allocation},
        {"InstanceId", mine.instance},
        {"PrivateIpAddress", "not-an-address"}},
       kIpv},
      {"DescribeAccountAttributes", {{"AttributeNames", {"bogus"}}}, kIpv},
      {"DescribeVpcs", {{"MaxResults", 4}}, kIpv},
      {"DescribeVpcs", {{"MaxResults", 1001}}, kIpv},
      {"DescribeSubnets", {{"MaxResults", 4}}, kIpv},
      {"DescribeInternetGateways", {{"MaxResults", 0}}, kIpv},
      {"DescribeRouteTables", {{"MaxResults", 101}}, kIpv},
      {"DescribeNetworkAcls", {{"MaxResults", -1}}, kIpv},
      {"DescribeNetworkInterfaces", {{"MaxResults", 4}}, kIpv},
      {"DescribeSecurityGroupRules", {{"MaxResults", 4}}, kIpv},
      {"DescribeVpcs", {{"NextToken", "not-a-token"}}, "InvalidPaginationToken"},
      {"DescribeSubnets", {{"Filters", {{{"Name", "bogus"}, {"Values", {"x"}}}}}}, "InvalidFilter"},
      {"DescribeAddresses",
       {{"Filters", {{{"Name", "bogus"}, {"Values", {"x"}}}}}},
       "InvalidFilter"},
  };
}

// Rules whose protocol or ports are outside what EC2 takes (API reference, IpPermission:
// protocol name or number 0-255, or -1; ports 0-65535 with From <= To; ICMP type and code -1 to
// 255), duplicates and rules that do not exist. A TCP/UDP port out of range is
// InvalidPermission.Malformed, "TCP/UDP port (-1) out of range" (boto/boto3#336).
std::vector<BadInputCase> rule_range_cases(const Net& mine) {
  const std::string malformed = "InvalidPermission.Malformed";
  const Json existing = {{"IpProtocol", "tcp"},
                         {"FromPort", 443},
                         {"ToPort", 443},
                         {"IpRanges", {{{"CidrIp", "0.0.0.0/0"}}}}};
  return {
      {"AuthorizeSecurityGroupIngress", ingress(mine.group, permission(70000, 70000)), malformed},
      {"AuthorizeSecurityGroupIngress", ingress(mine.group, permission(-2, 80)), malformed},
      {"AuthorizeSecurityGroupIngress", ingress(mine.group, permission(100, 50)), malformed},
      {"AuthorizeSecurityGroupIngress", ingress(mine.group, permission(1, 2, "bogus")), kIpv},
      {"AuthorizeSecurityGroupIngress", ingress(mine.group, permission(1, 2, "256")), kIpv},
      {"AuthorizeSecurityGroupIngress", ingress(mine.group, permission(300, 0, "icmp")), kIpv},
      {"AuthorizeSecurityGroupIngress", ingress(mine.group, existing),
       "InvalidPermission.Duplicate"},
      {"RevokeSecurityGroupIngress", ingress(mine.group, permission(22, 22)),
       "InvalidPermission.NotFound"},
      {"AuthorizeSecurityGroupIngress", {{"GroupId", mine.group}}, "MissingParameter"},
  };
}

// DescribeInstanceTypes and DescribeInstanceTypeOfferings (API reference: MaxResults 5-100 and
// 5-1000; LocationType region, availability-zone or availability-zone-id).
std::vector<BadInputCase> instance_type_cases() {
  return {
      {"DescribeInstanceTypes", {{"InstanceTypes", {"t3.huge"}}}, "InvalidInstanceType"},
      {"DescribeInstanceTypes", {{"MaxResults", 4}}, kIpv},
      {"DescribeInstanceTypes", {{"MaxResults", 101}}, kIpv},
      {"DescribeInstanceTypes",
       {{"Filters", {{{"Name", "bogus"}, {"Values", {"x"}}}}}},
       "InvalidFilter"},
      {"DescribeInstanceTypeOfferings", {{"LocationType", "planet"}}, kIpv},
      {"DescribeInstanceTypeOfferings", {{"MaxResults", 4}}, kIpv},
      {"DescribeInstanceTypeOfferings", {{"MaxResults", 1001}}, kIpv},
      {"DescribeInstanceTypeOfferings",
       {{"Filters", {{{"Name", "bogus"}, {"Values", {"x"}}}}}},
       "InvalidFilter"},
  };
}

// Each case is refused with its code and a 400, its message is XML text, and nothing changes.
void check_refused(Ec2& ec2, const std::vector<BadInputCase>& cases) {
  for (const BadInputCase& c : cases) {
    INFO(c.action << " " << c.input.dump(-1, ' ', false, Json::error_handler_t::replace));
    const std::string before = ec2.world.digest();
    auto e = ec2.error(c.action, c.input);
    CHECK(e.code == c.code);
    CHECK(e.http_status == 400);
    CHECK(amisim::sim::is_xml_text(e.message));
    CHECK(ec2.world.digest() == before);
  }
}

// The default account's network in us-east-1, the same account's in eu-west-1 and another
// account's in us-east-1, each made before any case runs (an account's first call in a Region
// makes its default network, which a refused call must not be blamed for).
struct Worlds {
  Ec2 ec2;
  sim::Caller west = ec2.in("eu-west-1");
  sim::Caller other = ec2.as(kOther);
  Net mine{ec2, ec2.caller};
  Net west_net{ec2, west};
  Net other_net{ec2, other};
  std::string image = ec2.catalogue_image("al2023-x86_64").str();
};

}  // namespace

TEST_CASE("Bad input, network: blocks that are not CIDRs or out of range are refused, no change") {
  Worlds w;
  check_refused(w.ec2, cidr_cases(w.mine));
}

TEST_CASE("Bad input, network: another Region's IDs are not found, and nothing changes") {
  Worlds w;
  check_refused(w.ec2, foreign_cases(w.west_net, w.mine, w.image));
}

TEST_CASE("Bad input, network: another account's IDs are not found, and nothing changes") {
  Worlds w;
  check_refused(w.ec2, foreign_cases(w.other_net, w.mine, w.image));
}

TEST_CASE("Bad input, network: IDs of the right form that name nothing are not found") {
  Worlds w;
  check_refused(w.ec2, foreign_cases(Net(), w.mine, w.image));
}

TEST_CASE("Bad input, network: malformed IDs and values out of range, no change") {
  Worlds w;
  check_refused(w.ec2, malformed_cases(w.mine));
  check_refused(w.ec2, range_cases(w.mine));
  check_refused(w.ec2, rule_range_cases(w.mine));
  check_refused(w.ec2, instance_type_cases());
}

TEST_CASE("AssociateAddress takes the interface's own private address, and refuses any other") {
  Worlds w;
  const Json eni = w.ec2.ok("DescribeNetworkInterfaces",
                            {{"NetworkInterfaceIds", {w.mine.eni}}})["NetworkInterfaces"][0];
  const std::string own = eni["PrivateIpAddress"];
  const Json address = {{"AllocationId", w.mine.allocation},
                        {"NetworkInterfaceId", w.mine.eni},
                        {"AllowReassociation", true}};
  const std::string before = w.ec2.world.digest();
  for (const std::string& other : {std::string("10.0.1.250"), std::string("10.0.1.4 "),
                                   std::string("\xFF"), std::string("172.31.0.4")}) {
    if (other == own) continue;
    INFO(other);
    CHECK(w.ec2.error("AssociateAddress", with(address, "PrivateIpAddress", other)).code ==
          "InvalidParameterValue");
  }
  CHECK(w.ec2.world.digest() == before);
  w.ec2.ok("AssociateAddress", with(address, "PrivateIpAddress", own));
  const Json shown =
      w.ec2.ok("DescribeAddresses", {{"AllocationIds", {w.mine.allocation}}})["Addresses"][0];
  CHECK(shown["PrivateIpAddress"] == own);
  CHECK(shown["NetworkInterfaceId"] == w.mine.eni);
}
