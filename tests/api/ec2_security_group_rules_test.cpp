// The security group rule handlers (api/ec2/security_group_rules.cpp): every output is checked
// against the service model and through the XML writer and reader by ec2_support.
#include "tests/api/ec2_support.hpp"

using test::Json;

namespace {

std::string make_group(test::Ec2& ec2, const std::string& name) {
  return ec2.ok("CreateSecurityGroup", {{"GroupName", name}, {"Description", "d"}})["GroupId"];
}

Json ssh_from(const std::string& cidr) {
  return {{"IpProtocol", "tcp"},
          {"FromPort", 22},
          {"ToPort", 22},
          {"IpRanges", Json::array({{{"CidrIp", cidr}, {"Description", "office"}}})}};
}

}  // namespace

TEST_CASE("AuthorizeSecurityGroupIngress answers Return and the new rules in the newer shape") {
  test::Ec2 ec2;
  const std::string g = make_group(ec2, "web");
  const Json out =
      ec2.ok("AuthorizeSecurityGroupIngress",
             {{"GroupId", g}, {"IpPermissions", Json::array({ssh_from("198.51.100.9/24")})}});
  CHECK(out["Return"] == true);
  const Json& rule = out["SecurityGroupRules"][0];
  CHECK(rule["GroupId"] == g);
  CHECK(rule["GroupOwnerId"] == "123456789012");
  CHECK(rule["IsEgress"] == false);
  CHECK(rule["IpProtocol"] == "tcp");
  CHECK(rule["CidrIpv4"] == "198.51.100.0/24");
  CHECK(rule["Description"] == "office");
  CHECK(rule["SecurityGroupRuleArn"] == "arn:aws:ec2:us-east-1:123456789012:security-group-rule/" +
                                            rule["SecurityGroupRuleId"].get<std::string>());
}

TEST_CASE("DescribeSecurityGroups groups rules by protocol and ports, as EC2 writes them") {
  test::Ec2 ec2;
  const std::string g = make_group(ec2, "web");
  Json two = ssh_from("10.0.0.0/8");
  two["IpRanges"].push_back({{"CidrIp", "192.168.0.0/16"}});
  ec2.ok("AuthorizeSecurityGroupIngress", {{"GroupId", g}, {"IpPermissions", Json::array({two})}});
  ec2.ok(
      "AuthorizeSecurityGroupIngress",
      {{"GroupId", g},
       {"IpPermissions", Json::array({{{"IpProtocol", "icmp"},
                                       {"FromPort", 8},
                                       {"ToPort", -1},
                                       {"UserIdGroupPairs", Json::array({{{"GroupId", g}}})}}})}});
  const Json group = ec2.ok("DescribeSecurityGroups", {{"GroupIds", {g}}})["SecurityGroups"][0];
  const Json& in = group["IpPermissions"];
  REQUIRE(in.size() == 2);
  CHECK(in[0]["IpRanges"] == Json::parse(R"([{"CidrIp":"10.0.0.0/8","Description":"office"},
                        {"CidrIp":"192.168.0.0/16"}])"));
  CHECK(in[1]["IpProtocol"] == "icmp");
  CHECK(in[1]["FromPort"] == 8);
  CHECK(in[1]["UserIdGroupPairs"] == Json::array({{{"GroupId", g}, {"UserId", "123456789012"}}}));
  const Json& out = group["IpPermissionsEgress"];
  REQUIRE(out.size() == 1);
  CHECK_FALSE(out[0].contains("FromPort"));  // all traffic has no ports
}

TEST_CASE("The older top-level form that Packer and Ansible send authorizes and revokes") {
  test::Ec2 ec2;
  const std::string g = make_group(ec2, "packer");
  const Json legacy = {{"GroupId", g},
                       {"IpProtocol", "tcp"},
                       {"FromPort", 22},
                       {"ToPort", 22},
                       {"CidrIp", "0.0.0.0/0"}};
  CHECK(ec2.ok("AuthorizeSecurityGroupIngress", legacy)["SecurityGroupRules"].size() == 1);
  CHECK(ec2.error("AuthorizeSecurityGroupIngress", legacy).code == "InvalidPermission.Duplicate");
  const Json revoked = ec2.ok("RevokeSecurityGroupIngress", legacy);
  CHECK(revoked["RevokedSecurityGroupRules"][0]["CidrIpv4"] == "0.0.0.0/0");
  CHECK_FALSE(revoked.contains("UnknownIpPermissions"));
  const Json again = ec2.ok("RevokeSecurityGroupIngress", legacy);  // default VPC: no error
  CHECK(again["UnknownIpPermissions"][0]["IpRanges"][0]["CidrIp"] == "0.0.0.0/0");
  CHECK(again["RevokedSecurityGroupRules"].empty());
}

TEST_CASE("DescribeSecurityGroupRules and ModifySecurityGroupRules over the handlers") {
  test::Ec2 ec2;
  const std::string g = make_group(ec2, "web");
  const std::string id = ec2.ok(
      "AuthorizeSecurityGroupEgress",
      {{"GroupId", g},
       {"IpPermissions",
        Json::array({ssh_from("10.0.0.0/8")})}})["SecurityGroupRules"][0]["SecurityGroupRuleId"];
  ec2.ok("ModifySecurityGroupRules",
         {{"GroupId", g},
          {"SecurityGroupRules", Json::array({{{"SecurityGroupRuleId", id},
                                               {"SecurityGroupRule",
                                                {{"IpProtocol", "udp"},
                                                 {"FromPort", 53},
                                                 {"ToPort", 53},
                                                 {"CidrIpv6", "2001:db8::/32"}}}}})}});
  const Json rules =
      ec2.ok("DescribeSecurityGroupRules", {{"SecurityGroupRuleIds", {id}}})["SecurityGroupRules"];
  REQUIRE(rules.size() == 1);
  CHECK(rules[0]["IsEgress"] == true);
  CHECK(rules[0]["IpProtocol"] == "udp");
  CHECK(rules[0]["CidrIpv6"] == "2001:db8::/32");
  CHECK_FALSE(rules[0].contains("CidrIpv4"));
  CHECK(ec2.error("DescribeSecurityGroupRules", {{"MaxResults", 1001}}).code ==
        "InvalidParameterValue");
  CHECK(ec2.error("RevokeSecurityGroupEgress",
                  {{"GroupId", g},
                   {"SecurityGroupRuleIds", {id}},
                   {"IpPermissions", Json::array({ssh_from("10.0.0.0/8")})}})
            .code == "InvalidParameterCombination");
}
