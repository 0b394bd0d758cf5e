// The key pair and security group handlers through ec2::call: CreateKeyPair, ImportKeyPair,
// DescribeKeyPairs, DeleteKeyPair, CreateSecurityGroup, DescribeSecurityGroups,
// DeleteSecurityGroup. Outputs are also checked against the service model and an XML round trip.
#include <catch2/catch.hpp>
#include <regex>
#include <set>

#include "api/protocol/query_parser.hpp"
#include "sim/core/base64.hpp"
#include "sim/instances/instances.hpp"
#include "sim/instances/key_pairs.hpp"
#include "sim/state/key_pair.hpp"
#include "tests/api/ec2_support.hpp"

using test::Ec2;
using test::Json;

namespace {

// An OpenSSH public key line with a well-formed blob of the given type (as the model checks it).
std::string openssh_key(const std::string& type) {
  std::string blob = {0, 0, 0, static_cast<char>(type.size())};
  blob += type + "0123456789abcdef";
  return type + " " + sim::base64_encode(blob) + " user@host";
}

bool matches(const Json& v, const char* pattern) {
  return v.is_string() && std::regex_match(v.get<std::string>(), std::regex(pattern));
}

std::set<std::string> key_names(const Json& out) {
  std::set<std::string> names;
  for (const auto& k : out.value("KeyPairs", Json::array()))
    names.insert(k["KeyName"].get<std::string>());
  return names;
}

std::set<std::string> group_ids(const Json& out) {
  std::set<std::string> ids;
  for (const auto& g : out.value("SecurityGroups", Json::array()))
    ids.insert(g["GroupId"].get<std::string>());
  return ids;
}

std::string default_group(Ec2& ec2, const sim::Caller& who) {
  return ec2.world.region_of(who).accounts.at(who.account).default_group.str();
}

}  // namespace

// --- key pairs -----------------------------------------------------------------------------

TEST_CASE("CreateKeyPair answers name, ID, a 20-pair fingerprint and PEM key material") {
  Ec2 ec2;
  Json out = ec2.ok("CreateKeyPair", {{"KeyName", "deploy"}});
  CHECK(out["KeyName"] == "deploy");
  CHECK(matches(out["KeyPairId"], "key-[0-9a-f]{17}"));
  CHECK(matches(out["KeyFingerprint"], "([0-9a-f]{2}:){19}[0-9a-f]{2}"));
  CHECK(out["KeyMaterial"].get<std::string>().rfind("-----BEGIN", 0) == 0);
  CHECK_FALSE(out.contains("Tags"));
  const sim::KeyPair* key = sim::find_key_pair(ec2.world, ec2.caller, "deploy");
  REQUIRE(key != nullptr);
  CHECK(out["KeyPairId"] == key->id.str());
}

TEST_CASE("CreateKeyPair refuses a duplicate name, ppk material and an unknown key type") {
  Ec2 ec2;
  ec2.ok("CreateKeyPair", {{"KeyName", "deploy"}});
  CHECK(ec2.error("CreateKeyPair", {{"KeyName", "deploy"}}).code == "InvalidKeyPair.Duplicate");
  CHECK(ec2.error("CreateKeyPair", {{"KeyName", "p"}, {"KeyFormat", "ppk"}}).code ==
        "UnsupportedOperation");
  CHECK(ec2.error("CreateKeyPair", {{"KeyName", "d"}, {"KeyType", "dsa"}}).code ==
        "InvalidParameterValue");
  CHECK(ec2.error("CreateKeyPair").code == "MissingParameter");
}

TEST_CASE("CreateKeyPair with tags and an ed25519 type, DescribeKeyPairs shows both") {
  Ec2 ec2;
  Json out =
      ec2.ok("CreateKeyPair",
             {{"KeyName", "ed"},
              {"KeyType", "ed25519"},
              {"TagSpecifications",
               {{{"ResourceType", "key-pair"}, {"Tags", {{{"Key", "team"}, {"Value", "a"}}}}}}}});
  CHECK(out["Tags"] == Json::array({{{"Key", "team"}, {"Value", "a"}}}));
  Json described = ec2.ok("DescribeKeyPairs", {{"KeyNames", {"ed"}}});
  REQUIRE(described["KeyPairs"].size() == 1);
  Json k = described["KeyPairs"][0];
  CHECK(k["KeyType"] == "ed25519");
  CHECK(k["KeyFingerprint"] == out["KeyFingerprint"]);
  CHECK(k["CreateTime"] == sim::format_iso8601(ec2.world.now()));
  CHECK(k["Tags"] == out["Tags"]);
  CHECK_FALSE(k.contains("PublicKey"));
}

TEST_CASE("ImportKeyPair takes base64 of the OpenSSH line, IncludePublicKey gives it back") {
  Ec2 ec2;
  const std::string line = openssh_key("ssh-rsa");
  Json out = ec2.ok("ImportKeyPair",
                    {{"KeyName", "laptop"}, {"PublicKeyMaterial", sim::base64_encode(line)}});
  CHECK(out["KeyName"] == "laptop");
  CHECK(matches(out["KeyFingerprint"], "([0-9a-f]{2}:){15}[0-9a-f]{2}"));  // imported RSA: MD5
  CHECK(matches(out["KeyPairId"], "key-[0-9a-f]{17}"));
  Json described =
      ec2.ok("DescribeKeyPairs", {{"KeyNames", {"laptop"}}, {"IncludePublicKey", true}});
  REQUIRE(described["KeyPairs"].size() == 1);
  CHECK(described["KeyPairs"][0]["PublicKey"] == line);
  CHECK(described["KeyPairs"][0]["KeyType"] == "rsa");
  CHECK(ec2.error("ImportKeyPair",
                  {{"KeyName", "laptop"}, {"PublicKeyMaterial", sim::base64_encode(line)}})
            .code == "InvalidKeyPair.Duplicate");
}

TEST_CASE("ImportKeyPair refuses material that is not base64 or not an OpenSSH key") {
  Ec2 ec2;
  CHECK(
      ec2.error("ImportKeyPair", {{"KeyName", "k"}, {"PublicKeyMaterial", "ssh-rsa AAAA"}}).code ==
      "InvalidParameterValue");
  CHECK(ec2.error("ImportKeyPair",
                  {{"KeyName", "k"}, {"PublicKeyMaterial", sim::base64_encode("not a key")}})
            .code == "InvalidKey.Format");
  CHECK(ec2.error("ImportKeyPair", {{"KeyName", "k"}}).code == "MissingParameter");
  CHECK(ec2.ok("DescribeKeyPairs")["KeyPairs"] == Json::array());
}

TEST_CASE("DescribeKeyPairs by name, ID and filter, unknown names are InvalidKeyPair.NotFound") {
  Ec2 ec2;
  std::string a = ec2.ok("CreateKeyPair", {{"KeyName", "alpha"}})["KeyPairId"];
  ec2.ok("CreateKeyPair", {{"KeyName", "beta"}});
  using Names = std::set<std::string>;
  CHECK(key_names(ec2.ok("DescribeKeyPairs")) == Names{"alpha", "beta"});
  CHECK(key_names(ec2.ok("DescribeKeyPairs", {{"KeyPairIds", {a}}})) == Names{"alpha"});
  CHECK(key_names(ec2.ok("DescribeKeyPairs",
                         {{"Filters", {{{"Name", "key-name"}, {"Values", {"b*"}}}}}})) ==
        Names{"beta"});
  CHECK(ec2.error("DescribeKeyPairs", {{"KeyNames", {"gamma"}}}).code == "InvalidKeyPair.NotFound");
  CHECK(
      ec2.error("DescribeKeyPairs", {{"Filters", {{{"Name", "size"}, {"Values", {"1"}}}}}}).code ==
      "InvalidFilter");
}

TEST_CASE("Key pairs of another account or Region are invisible") {
  Ec2 ec2;
  ec2.ok("CreateKeyPair", {{"KeyName", "mine"}});
  sim::Caller other = ec2.as("210987654321");
  sim::Caller west = ec2.in("us-west-2");
  CHECK(ec2.ok("DescribeKeyPairs", Json::object(), &other)["KeyPairs"] == Json::array());
  CHECK(ec2.ok("DescribeKeyPairs", Json::object(), &west)["KeyPairs"] == Json::array());
  CHECK(ec2.error("DescribeKeyPairs", {{"KeyNames", {"mine"}}}, &other).code ==
        "InvalidKeyPair.NotFound");
  // The name is free there.
  ec2.ok("CreateKeyPair", {{"KeyName", "mine"}}, &other);
}

TEST_CASE("DeleteKeyPair by name or ID answers Return and the key's ID, a missing key succeeds") {
  Ec2 ec2;
  std::string a = ec2.ok("CreateKeyPair", {{"KeyName", "alpha"}})["KeyPairId"];
  std::string b = ec2.ok("CreateKeyPair", {{"KeyName", "beta"}})["KeyPairId"];
  CHECK(ec2.ok("DeleteKeyPair", {{"KeyName", "alpha"}}) ==
        Json({{"Return", true}, {"KeyPairId", a}}));
  CHECK(ec2.ok("DeleteKeyPair", {{"KeyPairId", b}}) == Json({{"Return", true}, {"KeyPairId", b}}));
  CHECK(ec2.ok("DescribeKeyPairs")["KeyPairs"] == Json::array());
  CHECK(ec2.ok("DeleteKeyPair", {{"KeyName", "alpha"}}) == Json({{"Return", true}}));
  CHECK(ec2.error("DeleteKeyPair").code == "MissingParameter");
}

// --- security groups -----------------------------------------------------------------------

TEST_CASE("CreateSecurityGroup makes a group DescribeSecurityGroups shows in the default VPC") {
  Ec2 ec2;
  Json out = ec2.ok("CreateSecurityGroup", {{"GroupName", "web"}, {"Description", "web tier"}});
  CHECK(matches(out["GroupId"], "sg-[0-9a-f]{17}"));
  CHECK(out["SecurityGroupArn"] == "arn:aws:ec2:us-east-1:" + ec2.caller.account.str() +
                                       ":security-group/" + out["GroupId"].get<std::string>());
  Json described = ec2.ok("DescribeSecurityGroups", {{"GroupIds", {out["GroupId"]}}});
  REQUIRE(described["SecurityGroups"].size() == 1);
  Json g = described["SecurityGroups"][0];  // a copy: a missing member reads as null
  CHECK(g["GroupName"] == "web");
  CHECK(g["Description"] == "web tier");
  CHECK(g["OwnerId"] == ec2.caller.account.str());
  CHECK(g["VpcId"] ==
        ec2.world.region_of(ec2.caller).accounts.at(ec2.caller.account).default_vpc.str());
  CHECK(g["IpPermissions"] == Json::array());
  REQUIRE(g["IpPermissionsEgress"].size() == 1);
  CHECK(g["IpPermissionsEgress"][0]["IpProtocol"] == "-1");
  CHECK(g["IpPermissionsEgress"][0]["IpRanges"] == Json::array({{{"CidrIp", "0.0.0.0/0"}}}));
  CHECK_FALSE(g.contains("Tags"));
}

TEST_CASE("CreateSecurityGroup refuses duplicates, the default name and missing members") {
  Ec2 ec2;
  ec2.ok("CreateSecurityGroup", {{"GroupName", "web"}, {"Description", "d"}});
  CHECK(ec2.error("CreateSecurityGroup", {{"GroupName", "web"}, {"Description", "d"}}).code ==
        "InvalidGroup.Duplicate");
  CHECK(ec2.error("CreateSecurityGroup", {{"GroupName", "default"}, {"Description", "d"}}).code ==
        "InvalidGroup.Reserved");
  CHECK(ec2.error("CreateSecurityGroup", {{"GroupName", "x"}}).code == "MissingParameter");
  CHECK(ec2.error("CreateSecurityGroup",
                  {{"GroupName", "x"}, {"Description", "d"}, {"VpcId", "vpc-0123456789abcdef0"}})
            .code == "InvalidVpcID.NotFound");
}

TEST_CASE("CreateSecurityGroup applies security-group tags and returns them") {
  Ec2 ec2;
  Json out = ec2.ok(
      "CreateSecurityGroup",
      {{"GroupName", "db"},
       {"Description", "d"},
       {"TagSpecifications",
        {{{"ResourceType", "security-group"}, {"Tags", {{{"Key", "tier"}, {"Value", "data"}}}}}}}});
  const Json tags = Json::array({{{"Key", "tier"}, {"Value", "data"}}});
  CHECK(out["Tags"] == tags);
  Json described = ec2.ok("DescribeSecurityGroups",
                          {{"Filters", {{{"Name", "tag:tier"}, {"Values", {"data"}}}}}});
  REQUIRE(described["SecurityGroups"].size() == 1);
  CHECK(described["SecurityGroups"][0]["Tags"] == tags);
}

TEST_CASE("DescribeSecurityGroups by name and filter, unknown or malformed ones fail") {
  Ec2 ec2;
  std::string web =
      ec2.ok("CreateSecurityGroup", {{"GroupName", "web"}, {"Description", "d"}})["GroupId"];
  ec2.ok("CreateSecurityGroup", {{"GroupName", "db"}, {"Description", "d"}});
  using Ids = std::set<std::string>;
  CHECK(group_ids(ec2.ok("DescribeSecurityGroups", {{"GroupNames", {"web"}}})) == Ids{web});
  CHECK(group_ids(ec2.ok("DescribeSecurityGroups",
                         {{"Filters", {{{"Name", "group-name"}, {"Values", {"w*"}}}}}})) ==
        Ids{web});
  Json all = ec2.ok("DescribeSecurityGroups");
  CHECK(all["SecurityGroups"].size() == 3);  // with the default group
  CHECK(group_ids(all).count(default_group(ec2, ec2.caller)) == 1);
  CHECK(ec2.error("DescribeSecurityGroups", {{"GroupNames", {"cache"}}}).code ==
        "InvalidGroup.NotFound");
  CHECK(ec2.error("DescribeSecurityGroups", {{"GroupIds", {"sg-12"}}}).code ==
        "InvalidGroupId.Malformed");
  CHECK(ec2.error("DescribeSecurityGroups", {{"GroupIds", {"sg-0123456789abcdef0"}}}).code ==
        "InvalidGroup.NotFound");
}

TEST_CASE("The default group admits its own members and cannot be deleted") {
  Ec2 ec2;
  const std::string id = default_group(ec2, ec2.caller);
  Json g = ec2.ok("DescribeSecurityGroups", {{"GroupIds", {id}}})["SecurityGroups"][0];
  CHECK(g["GroupName"] == "default");
  REQUIRE(g["IpPermissions"].size() == 1);
  CHECK(g["IpPermissions"][0]["UserIdGroupPairs"][0]["GroupId"] == id);
  CHECK(ec2.error("DeleteSecurityGroup", {{"GroupId", id}}).code == "CannotDelete");
}

TEST_CASE("DescribeSecurityGroups pages with MaxResults") {
  Ec2 ec2;
  for (int n = 0; n < 6; ++n) {
    ec2.ok("CreateSecurityGroup", {{"GroupName", "g" + std::to_string(n)}, {"Description", "d"}});
  }
  Json first = ec2.ok("DescribeSecurityGroups", {{"MaxResults", 5}});
  CHECK(first["SecurityGroups"].size() == 5);
  REQUIRE(first.contains("NextToken"));
  Json second =
      ec2.ok("DescribeSecurityGroups", {{"MaxResults", 5}, {"NextToken", first["NextToken"]}});
  CHECK(second["SecurityGroups"].size() == 2);
  CHECK_FALSE(second.contains("NextToken"));
  std::set<std::string> all = group_ids(first);
  for (const auto& id : group_ids(second)) all.insert(id);
  CHECK(all.size() == 7);
}

TEST_CASE("Security groups of another account are invisible to it") {
  Ec2 ec2;
  std::string web =
      ec2.ok("CreateSecurityGroup", {{"GroupName", "web"}, {"Description", "d"}})["GroupId"];
  sim::Caller other = ec2.as("210987654321");
  Json theirs = ec2.ok("DescribeSecurityGroups", Json::object(), &other);
  CHECK(group_ids(theirs) == std::set<std::string>{default_group(ec2, other)});
  CHECK(ec2.error("DescribeSecurityGroups", {{"GroupIds", {web}}}, &other).code ==
        "InvalidGroup.NotFound");
  CHECK(ec2.error("DeleteSecurityGroup", {{"GroupId", web}}, &other).code ==
        "InvalidGroup.NotFound");
  ec2.ok("CreateSecurityGroup", {{"GroupName", "web"}, {"Description", "d"}}, &other);
}

TEST_CASE("DeleteSecurityGroup by ID or name answers Return and the group's ID") {
  Ec2 ec2;
  std::string web =
      ec2.ok("CreateSecurityGroup", {{"GroupName", "web"}, {"Description", "d"}})["GroupId"];
  std::string db =
      ec2.ok("CreateSecurityGroup", {{"GroupName", "db"}, {"Description", "d"}})["GroupId"];
  CHECK(ec2.ok("DeleteSecurityGroup", {{"GroupId", web}}) ==
        Json({{"Return", true}, {"GroupId", web}}));
  CHECK(ec2.ok("DeleteSecurityGroup", {{"GroupName", "db"}}) ==
        Json({{"Return", true}, {"GroupId", db}}));
  CHECK(ec2.error("DeleteSecurityGroup", {{"GroupId", web}}).code == "InvalidGroup.NotFound");
  CHECK(ec2.error("DeleteSecurityGroup").code == "MissingParameter");
  CHECK(ec2.ok("DescribeSecurityGroups")["SecurityGroups"].size() == 1);
}

TEST_CASE("DeleteSecurityGroup refuses a group an instance uses until it is terminated") {
  Ec2 ec2;
  std::string web =
      ec2.ok("CreateSecurityGroup", {{"GroupName", "web"}, {"Description", "d"}})["GroupId"];
  Json run = ec2.ok("RunInstances", {{"ImageId", ec2.catalogue_image("al2023-x86_64").str()},
                                     {"InstanceType", "t3.micro"},
                                     {"MinCount", 1},
                                     {"MaxCount", 1},
                                     {"SecurityGroups", {"web"}}});
  std::string instance = run["Instances"][0]["InstanceId"];
  CHECK(run["Instances"][0]["SecurityGroups"][0]["GroupId"] == web);
  CHECK(ec2.error("DeleteSecurityGroup", {{"GroupId", web}}).code == "DependencyViolation");
  ec2.ok("TerminateInstances", {{"InstanceIds", {instance}}});
  ec2.advance(sim::kShutdownDurationMs);
  ec2.ok("DeleteSecurityGroup", {{"GroupId", web}});
}

TEST_CASE("CreateSecurityGroup and ImportKeyPair from the query form use the wire names") {
  Ec2 ec2;
  auto call = [&](const std::string& form) {
    auto parsed = amisim::protocol::parse_query(test::ec2_model(), form);
    REQUIRE(parsed.ok());
    return ec2.ok(parsed.value().action, parsed.value().input);
  };
  Json sg = call(
      "Action=CreateSecurityGroup&Version=2016-11-15&GroupName=web&GroupDescription=web%20tier");
  Json g = ec2.ok("DescribeSecurityGroups", {{"GroupIds", {sg["GroupId"]}}})["SecurityGroups"][0];
  CHECK(g["Description"] == "web tier");
  // botocore base64-encodes the blob; '+', '/' and '=' arrive percent-encoded.
  const std::string line = openssh_key("ssh-ed25519");
  std::string encoded;
  for (char c : sim::base64_encode(line)) {
    encoded += c == '+' ? "%2B" : c == '/' ? "%2F" : c == '=' ? "%3D" : std::string(1, c);
  }
  call("Action=ImportKeyPair&Version=2016-11-15&KeyName=yubikey&PublicKeyMaterial=" + encoded);
  Json keys = ec2.ok("DescribeKeyPairs", {{"KeyNames", {"yubikey"}}, {"IncludePublicKey", true}});
  CHECK(keys["KeyPairs"][0]["PublicKey"] == line);
  CHECK(keys["KeyPairs"][0]["KeyType"] == "ed25519");
}
