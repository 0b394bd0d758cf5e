// Issue 14 §1, reproduced over the gateway as the probe sent it: text a reply cannot carry is
// refused where it enters, so no account can make its own or anyone else's replies unparseable.
// Every reply is read with the project's XML reader, which is as strict as XML 1.0
// (api/protocol/xml_document.cpp).
#include <catch2/catch.hpp>
#include <string>

#include "api/gateway/gateway.hpp"
#include "api/protocol/xml_reader.hpp"
#include "tests/api/query_support.hpp"
#include "tests/harness.hpp"

namespace gw = amisim::gateway;
namespace protocol = amisim::protocol;
using Json = nlohmann::json;

namespace {

using test::kOther;

struct Answer {
  int status = 0;
  protocol::WireResult<protocol::Reply> reply = protocol::WireError{};
};

struct Door {
  gw::Gateway gateway{test::fixtures(), {}};  // instant clock: copies are available at once

  // One EC2 Query request from `account` in us-east-1, read back with the project's reader.
  Answer call(const std::string& action, const std::string& params,
              const std::string& account = "123456789012") {
    auto response = gateway.handle(
        test::ec2_query_request(account, "Action=" + action + "&Version=2016-11-15" + params));
    return {response.status,
            protocol::read_reply(gateway.model(), action, response.body, response.status)};
  }

  // A reply that must parse and succeed.
  Json ok(const std::string& action, const std::string& params,
          const std::string& account = "123456789012") {
    Answer a = call(action, params, account);
    INFO(action << params << ": " << (a.reply.ok() ? "" : a.reply.error().message));
    REQUIRE(a.reply.ok());
    return a.reply.value().output;
  }

  // A reply that must parse and carry `code`.
  void refused(const std::string& action, const std::string& params, const std::string& code) {
    Answer a = call(action, params);
    REQUIRE_FALSE(a.reply.ok());
    INFO(action << params << ": " << a.reply.error().message);
    CHECK(a.reply.error().code == code);  // not MalformedResponse: the error envelope parsed
    CHECK(a.status == 400);
  }

  std::string default_group() {
    Json groups = ok("DescribeSecurityGroups", "&GroupName.1=default");
    return groups["SecurityGroups"][0]["GroupId"].get<std::string>();
  }
};

}  // namespace

TEST_CASE(
    "Issue 14: CreateTags with U+FFFF in a value is refused and the account's replies still "
    "parse") {
  Door door;
  const std::string group = door.default_group();
  const std::string digest = door.gateway.world().digest();
  door.refused("CreateTags", "&ResourceId.1=" + group + "&Tag.1.Key=k&Tag.1.Value=x%EF%BF%BF",
               "InvalidParameterValue");
  door.refused("CreateTags", "&ResourceId.1=" + group + "&Tag.1.Key=x%EF%BF%BF&Tag.1.Value=v",
               "InvalidParameterValue");
  CHECK(door.gateway.world().digest() == digest);
  door.ok("DescribeSecurityGroups", "");
  door.ok("DescribeTags", "");
  door.ok("DescribeImages", "&Owner.1=self");
}

TEST_CASE("Issue 14: a public image's description cannot break another account's DescribeImages") {
  Door door;
  Json amazon = door.ok("DescribeImages", "&Owner.1=amazon");
  const std::string source = amazon["Images"][0]["ImageId"].get<std::string>();
  const std::string copy = "&SourceRegion=us-east-1&SourceImageId=" + source + "&Name=golden-1";
  door.refused("CopyImage", copy + "&Description=public+%EF%BF%BF", "InvalidParameterValue");
  door.refused("CopyImage", copy + "&Description=public+%01", "InvalidParameterValue");
  // The same copy with a description XML can carry goes public and reads back exactly.
  Json made = door.ok("CopyImage", copy + "&Description=public+%E2%82%AC+%3Cok%3E");
  const std::string image = made["ImageId"].get<std::string>();
  door.ok("ModifyImageAttribute", "&ImageId=" + image + "&LaunchPermission.Add.1.Group=all");
  door.refused("ModifyImageAttribute", "&ImageId=" + image + "&Description.Value=x%EF%BF%BE",
               "InvalidParameterValue");
  Json seen = door.ok("DescribeImages", "&ImageId.1=" + image, kOther);
  REQUIRE(seen["Images"].size() == 1);
  CHECK(seen["Images"][0]["Description"] == "public \u20ac <ok>");
  door.ok("DescribeImages", "", kOther);
}

TEST_CASE(
    "Issue 14: control characters are refused, never rewritten, and tab, LF, CR kept exactly") {
  Door door;
  const std::string group = door.default_group();
  const std::string tag = "&ResourceId.1=" + group + "&Tag.1.Key=k&Tag.1.Value=";
  door.refused("CreateTags", tag + "a%01b", "InvalidParameterValue");
  door.refused("CreateTags", tag + "a%00b", "InvalidParameterValue");
  door.refused("CreateTags", tag + "a%1Fb", "InvalidParameterValue");
  door.ok("CreateTags", tag + "a%09b%0D%0Ac%0Dd");
  Json tags = door.ok("DescribeTags", "&Filter.1.Name=key&Filter.1.Value.1=k");
  REQUIRE(tags["Tags"].size() == 1);
  CHECK(tags["Tags"][0]["Value"] == "a\tb\r\nc\rd");
}

TEST_CASE("Issue 14: a security group name with < > ' \" is refused with AWS's VPC message") {
  Door door;
  (void)door.default_group();  // the first call in the Region makes the caller's network
  const std::string digest = door.gateway.world().digest();
  door.refused("CreateSecurityGroup", "&GroupName=a%3Cb%3E%27%22&GroupDescription=web",
               "InvalidParameterValue");
  Answer a = door.call("CreateSecurityGroup", "&GroupName=web&GroupDescription=it%27s+web");
  REQUIRE_FALSE(a.reply.ok());
  CHECK(a.reply.error().message.rfind("Invalid security group description. Valid descriptions "
                                      "are strings less than 256 characters",
                                      0) == 0);
  CHECK(door.gateway.world().digest() == digest);
  // Every character of AWS's VPC set is accepted.
  door.ok("CreateSecurityGroup",
          "&GroupName=a+Z0._-%3A%2F%28%29%23%2C%40%5B%5D%2B%3D%26%3B%7B%7D%21%24%2A"
          "&GroupDescription=web+tier");
}
