// Input JSON -> EC2 Query form body, for the --endpoint client mode. Expected parameter names are
// the boto3 wire encodings of aws-facts.md §1.2.
#include <catch2/catch.hpp>
#include <string>

#include "api/protocol/query_writer.hpp"
#include "tests/api/ec2_support.hpp"

namespace {

using amisim::protocol::ServiceModel;
using nlohmann::json;

bool has_field(const std::string& body, const std::string& field) {
  return ("&" + body + "&").find("&" + field + "&") != std::string::npos;
}

}  // namespace

TEST_CASE("The form body starts with Action and Version and flattens lists as Name.N") {
  auto body =
      amisim::protocol::write_query(test::ec2_model(), "DescribeImages",
                                    json::parse(R"({"ImageIds": ["ami-1", "ami-2"], "Owners": [],
        "Filters": [{"Name": "name", "Values": ["x* y"]}], "IncludeDeprecated": true,
        "MaxResults": 5})"));
  REQUIRE(body.ok());
  const std::string& b = body.value();
  CHECK(b.rfind("Action=DescribeImages&Version=2016-11-15&", 0) == 0);
  CHECK(has_field(b, "ImageId.1=ami-1"));
  CHECK(has_field(b, "ImageId.2=ami-2"));
  CHECK(has_field(b, "Filter.1.Name=name"));
  CHECK(has_field(b, "Filter.1.Value.1=x%2A%20y"));
  CHECK(has_field(b, "IncludeDeprecated=true"));
  CHECK(has_field(b, "MaxResults=5"));
  CHECK(b.find("Owner") == std::string::npos);  // empty lists are sent as nothing
}

TEST_CASE("Nested structures and queryName members get their wire names") {
  auto body =
      amisim::protocol::write_query(test::ec2_model(), "RunInstances",
                                    json::parse(R"({"MinCount": 1, "MaxCount": 1, "DryRun": false,
        "BlockDeviceMappings": [{"DeviceName": "/dev/xvda", "Ebs": {"VolumeSize": 20}}],
        "NetworkInterfaces": [{"DeviceIndex": 0, "Ipv6Addresses": [{"Ipv6Address": "::1"}]}]})"));
  REQUIRE(body.ok());
  CHECK(has_field(body.value(), "BlockDeviceMapping.1.DeviceName=%2Fdev%2Fxvda"));
  CHECK(has_field(body.value(), "BlockDeviceMapping.1.Ebs.VolumeSize=20"));
  CHECK(has_field(body.value(), "DryRun=false"));
  CHECK(has_field(body.value(), "NetworkInterface.1.DeviceIndex=0"));
  // Ipv6Addresses has locationName ipv6AddressesSet but queryName Ipv6Addresses.
  CHECK(has_field(body.value(), "NetworkInterface.1.Ipv6Addresses.1.Ipv6Address=%3A%3A1"));
}

TEST_CASE("JSON that does not fit the input shape is refused with the parser's error codes") {
  auto unknown = amisim::protocol::write_query(test::ec2_model(), "DescribeImages",
                                               json::parse(R"({"Filters": [{"Colour": "red"}]})"));
  REQUIRE_FALSE(unknown.ok());
  CHECK(unknown.error().code == "UnknownParameter");
  CHECK(unknown.error().message == "The parameter Filter.1.Colour is not recognized");
  auto wrong = amisim::protocol::write_query(test::ec2_model(), "DescribeImages",
                                             json::parse(R"({"MaxResults": "five"})"));
  REQUIRE_FALSE(wrong.ok());
  CHECK(wrong.error().code == "InvalidParameterValue");
  auto action =
      amisim::protocol::write_query(test::ec2_model(), "DescribeNatGateways", json::object());
  REQUIRE_FALSE(action.ok());
  CHECK(action.error().code == "InvalidAction");
}
