// EC2 Query requests -> input JSON. The wire encodings are the ones real clients send, as recorded
// in aws-facts.md §1.2 "Verified encodings" (boto3 1.43 -> wire); the expected JSON follows the
// SDK member names of the AWS service model.
#include <catch2/catch.hpp>
#include <string>

#include "api/protocol/query_parser.hpp"
#include "tests/api/ec2_support.hpp"

namespace {

using amisim::protocol::ParsedRequest;
using amisim::protocol::ServiceModel;
using amisim::protocol::WireResult;
using nlohmann::json;

WireResult<ParsedRequest> parse(const std::string& params) {
  return amisim::protocol::parse_query(test::ec2_model(), params);
}

// The input JSON of a request that must parse.
json input(const std::string& action, const std::string& params) {
  auto r = parse("Action=" + action + "&Version=2016-11-15" + (params.empty() ? "" : "&" + params));
  INFO(params);
  if (!r.ok()) FAIL(r.error().code + ": " + r.error().message);
  CHECK(r.value().action == action);
  CHECK(r.value().version == "2016-11-15");
  return r.value().input;
}

void expect_error(const std::string& body, const std::string& code, const std::string& message) {
  auto r = parse(body);
  INFO(body);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == code);
  CHECK(r.error().message == message);
  CHECK(r.error().http_status == 400);
}

}  // namespace

TEST_CASE("DescribeImages parameters map to ImageIds, Owners, ExecutableUsers and Filters") {
  json in = input("DescribeImages",
                  "ImageId.1=ami-1&ImageId.2=ami-2&Owner.1=self&ExecutableBy.1=all&"
                  "Filter.1.Name=name&Filter.1.Value.1=x%2A&Filter.1.Value.2=y+z&"
                  "Filter.2.Name=state&Filter.2.Value.1=available&IncludeDeprecated=true&"
                  "IncludeDisabled=false&MaxResults=5&NextToken=abc");
  CHECK(in == json::parse(R"({
    "ImageIds": ["ami-1", "ami-2"], "Owners": ["self"], "ExecutableUsers": ["all"],
    "Filters": [{"Name": "name", "Values": ["x*", "y z"]},
                {"Name": "state", "Values": ["available"]}],
    "IncludeDeprecated": true, "IncludeDisabled": false, "MaxResults": 5, "NextToken": "abc"})"));
}

TEST_CASE("RunInstances block device mappings and tag specifications nest as Name.N.Sub") {
  json in = input("RunInstances",
                  "ImageId=ami-1&MinCount=1&MaxCount=2&KeyName=k&SecurityGroupId.1=sg-1&"
                  "SecurityGroup.1=default&UserData=aGVsbG8%3D&"
                  "BlockDeviceMapping.1.DeviceName=%2Fdev%2Fxvda&"
                  "BlockDeviceMapping.1.Ebs.VolumeSize=20&BlockDeviceMapping.1.Ebs.VolumeType=gp3&"
                  "BlockDeviceMapping.1.Ebs.DeleteOnTermination=false&"
                  "BlockDeviceMapping.1.Ebs.SnapshotId=snap-1&"
                  "TagSpecification.1.ResourceType=instance&TagSpecification.1.Tag.1.Key=Name&"
                  "TagSpecification.1.Tag.1.Value=web&ClientToken=tok&DryRun=true");
  CHECK(in == json::parse(R"({
    "ImageId": "ami-1", "MinCount": 1, "MaxCount": 2, "KeyName": "k",
    "SecurityGroupIds": ["sg-1"], "SecurityGroups": ["default"], "UserData": "aGVsbG8=",
    "BlockDeviceMappings": [{"DeviceName": "/dev/xvda", "Ebs": {"VolumeSize": 20,
        "VolumeType": "gp3", "DeleteOnTermination": false, "SnapshotId": "snap-1"}}],
    "TagSpecifications": [{"ResourceType": "instance", "Tags": [{"Key": "Name", "Value": "web"}]}],
    "ClientToken": "tok", "DryRun": true})"));
}

TEST_CASE("ModifyImageAttribute takes the structured and the flat launch permission forms") {
  json structured = input("ModifyImageAttribute",
                          "ImageId=ami-1&LaunchPermission.Add.1.UserId=111122223333&"
                          "LaunchPermission.Add.2.Group=all&"
                          "LaunchPermission.Remove.1.UserId=444455556666");
  CHECK(structured == json::parse(R"({"ImageId": "ami-1", "LaunchPermission": {
    "Add": [{"UserId": "111122223333"}, {"Group": "all"}],
    "Remove": [{"UserId": "444455556666"}]}})"));
  json flat = input("ModifyImageAttribute",
                    "ImageId=ami-1&Attribute=launchPermission&OperationType=add&"
                    "UserId.1=111122223333&UserGroup.1=all");
  CHECK(flat == json::parse(R"({"ImageId": "ami-1", "Attribute": "launchPermission",
    "OperationType": "add", "UserIds": ["111122223333"], "UserGroups": ["all"]})"));
}

TEST_CASE("CreateTags, DeregisterImage, StopInstances and DescribeSnapshots parse as sent") {
  CHECK(input("CreateTags", "ResourceId.1=ami-1&ResourceId.2=i-2&Tag.1.Key=a&Tag.1.Value=") ==
        json::parse(R"({"Resources": ["ami-1", "i-2"], "Tags": [{"Key": "a", "Value": ""}]})"));
  CHECK(input("DeregisterImage", "ImageId=ami-1&DeleteAssociatedSnapshots=true") ==
        json::parse(R"({"ImageId": "ami-1", "DeleteAssociatedSnapshots": true})"));
  CHECK(input("StopInstances", "InstanceId.1=i-1&Force=true&Hibernate=false&SkipOsShutdown=true") ==
        json::parse(R"({"InstanceIds": ["i-1"], "Force": true, "Hibernate": false,
                        "SkipOsShutdown": true})"));
  CHECK(input("DescribeSnapshots",
              "Owner.1=self&RestorableBy.1=all&SnapshotId.1=snap-1&"
              "MaxResults=10") ==
        json::parse(R"({"OwnerIds": ["self"], "RestorableByUserIds": ["all"],
                        "SnapshotIds": ["snap-1"], "MaxResults": 10})"));
}

TEST_CASE("ModifyInstanceAttribute UserData.Value stays base64 text and DeprecateAt ISO-8601") {
  CHECK(input("ModifyInstanceAttribute",
              "InstanceId=i-1&UserData.Value=aGk%3D&"
              "BlockDeviceMapping.1.DeviceName=%2Fdev%2Fsda1&"
              "BlockDeviceMapping.1.Ebs.DeleteOnTermination=true") ==
        json::parse(R"({"InstanceId": "i-1", "UserData": {"Value": "aGk="},
          "BlockDeviceMappings": [{"DeviceName": "/dev/sda1",
                                   "Ebs": {"DeleteOnTermination": true}}]})"));
  CHECK(input("EnableImageDeprecation", "ImageId=ami-1&DeprecateAt=2030-01-01T00%3A00%3A00Z") ==
        json::parse(R"({"ImageId": "ami-1", "DeprecateAt": "2030-01-01T00:00:00Z"})"));
}

TEST_CASE("Blob members keep the base64 text as sent, for the handler to decode") {
  CHECK(input("ImportKeyPair", "KeyName=k&PublicKeyMaterial=c3NoLXJzYSBBQUFB") ==
        json::parse(R"({"KeyName": "k", "PublicKeyMaterial": "c3NoLXJzYSBBQUFB"})"));
}

TEST_CASE("CopyImage and CopySnapshot take their documented parameters") {
  CHECK(input("CopyImage",
              "SourceImageId=ami-1&SourceRegion=us-east-1&Name=copy&"
              "CopyImageTags=true&Encrypted=false&"
              "TagSpecification.1.ResourceType=image&TagSpecification.1.Tag.1.Key=k&"
              "TagSpecification.1.Tag.1.Value=v") ==
        json::parse(R"({"SourceImageId": "ami-1", "SourceRegion": "us-east-1", "Name": "copy",
          "CopyImageTags": true, "Encrypted": false, "TagSpecifications": [
          {"ResourceType": "image", "Tags": [{"Key": "k", "Value": "v"}]}]})"));
  CHECK(input("CopySnapshot",
              "SourceSnapshotId=snap-1&SourceRegion=us-west-2&"
              "DestinationRegion=us-east-1") ==
        json::parse(R"({"SourceSnapshotId": "snap-1", "SourceRegion": "us-west-2",
                        "DestinationRegion": "us-east-1"})"));
}

TEST_CASE("List entries are ordered by index and gaps are closed") {
  CHECK(input("DescribeImages", "ImageId.10=ami-c&ImageId.2=ami-b&ImageId.1=ami-a") ==
        json::parse(R"({"ImageIds": ["ami-a", "ami-b", "ami-c"]})"));
}

TEST_CASE("A GET query string with signature parameters parses like a POST body") {
  CHECK(input("DescribeRegions",
              "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Signature=ab&"
              "AWSAccessKeyId=AKID&RegionName.1=us-east-1") ==
        json::parse(R"({"RegionNames": ["us-east-1"]})"));
}

TEST_CASE("Operations without required members accept an empty request") {
  CHECK(input("DescribeInstances", "") == json::object());
  CHECK(input("DescribeKeyPairs", "") == json::object());
}

TEST_CASE("A request without Action is MissingAction, an unknown one is InvalidAction") {
  expect_error("Version=2016-11-15", "MissingAction",
               "The request must contain the parameter Action");
  expect_error("Action=&Version=2016-11-15", "MissingAction",
               "The request must contain the parameter Action");
  expect_error("Action=LaunchRockets&Version=2016-11-15", "InvalidAction",
               "The action LaunchRockets is not valid for this web service.");
  expect_error("Action=DescribeNatGateways&Version=2016-11-15", "InvalidAction",
               "The action DescribeNatGateways is not valid for this web service.");
}

TEST_CASE("A request without Version is MissingParameter") {
  expect_error("Action=DescribeImages", "MissingParameter",
               "The request must contain the parameter Version");
}

TEST_CASE("Names the operation does not have are UnknownParameter, with the name as sent") {
  const std::string head = "Action=DescribeImages&Version=2016-11-15&";
  expect_error(head + "Bogus=1", "UnknownParameter", "The parameter Bogus is not recognized");
  expect_error(head + "Filter.1.Colour=red", "UnknownParameter",
               "The parameter Filter.1.Colour is not recognized");
  expect_error(head + "ImageId=ami-1", "UnknownParameter",
               "The parameter ImageId is not recognized");
  expect_error(head + "ImageId.0=ami-1", "UnknownParameter",
               "The parameter ImageId.0 is not recognized");
  expect_error(head + "ImageId.01=ami-1", "UnknownParameter",
               "The parameter ImageId.01 is not recognized");
  expect_error(head + "ImageIds.1=ami-1", "UnknownParameter",
               "The parameter ImageIds.1 is not recognized");
  expect_error(head + "MaxResults.1=5", "UnknownParameter",
               "The parameter MaxResults.1 is not recognized");
  expect_error("Action=RebootInstances&Version=2016-11-15&InstanceId.1=i-1&Zone=x",
               "UnknownParameter", "The parameter Zone is not recognized");
}

TEST_CASE("Values of the wrong type are InvalidParameterValue naming value and parameter") {
  const std::string head = "Action=DescribeImages&Version=2016-11-15&";
  expect_error(head + "MaxResults=ten", "InvalidParameterValue",
               "Value (ten) for parameter MaxResults is invalid. Expecting an integer between "
               "-2147483648 and 2147483647.");
  expect_error(head + "MaxResults=2147483648", "InvalidParameterValue",
               "Value (2147483648) for parameter MaxResults is invalid. Expecting an integer "
               "between -2147483648 and 2147483647.");
  expect_error(head + "IncludeDeprecated=yes", "InvalidParameterValue",
               "Value (yes) for parameter IncludeDeprecated is invalid. Expecting 'true' or "
               "'false'.");
  expect_error(
      "Action=EnableImageDeprecation&Version=2016-11-15&ImageId=ami-1&"
      "DeprecateAt=tomorrow",
      "InvalidParameterValue",
      "Value (tomorrow) for parameter DeprecateAt is invalid. Expecting an ISO-8601 "
      "date-time such as 2030-01-01T00:00:00Z.");
  expect_error(head + "ImageId.1001=ami-1", "InvalidParameterValue",
               "Value (1001) for parameter ImageId.1001 is invalid. Lists take at most 1000 "
               "entries.");
}

TEST_CASE("Required members that are absent are MissingParameter, top level and nested") {
  expect_error("Action=RunInstances&Version=2016-11-15&ImageId=ami-1&MaxCount=1",
               "MissingParameter", "The request must contain the parameter MinCount");
  expect_error("Action=CreateImage&Version=2016-11-15&InstanceId=i-1", "MissingParameter",
               "The request must contain the parameter Name");
  expect_error("Action=EnableImageDeprecation&Version=2016-11-15&ImageId=ami-1", "MissingParameter",
               "The request must contain the parameter DeprecateAt");
}

TEST_CASE("Broken encodings, repeated parameters and floods are MalformedQueryString") {
  const std::string head = "Action=DescribeImages&Version=2016-11-15&";
  auto code = [](const std::string& body) {
    auto r = parse(body);
    return r.ok() ? std::string("ok") : r.error().code;
  };
  CHECK(code(head + "ImageId.1=ami%2") == "MalformedQueryString");
  CHECK(code(head + "ImageId.1=ami%zz") == "MalformedQueryString");
  CHECK(code(head + "ImageId.1=%C3%28") == "MalformedQueryString");     // invalid UTF-8
  CHECK(code(head + "ImageId.1=%ED%A0%80") == "MalformedQueryString");  // a surrogate
  CHECK(code(head + "ImageId.1=a&ImageId.1=b") == "MalformedQueryString");
  std::string flood = head;
  for (int i = 1; i <= 6000; ++i) flood += "Owner." + std::to_string(i % 900 + 1) + "=x&";
  CHECK(code(flood) == "MalformedQueryString");
  CHECK(code(head + "ImageId.1=%E2%82%AC") == "ok");  // the euro sign is fine
}

TEST_CASE("Over-long and over-deep names are UnknownParameter") {
  const std::string head = "Action=DescribeImages&Version=2016-11-15&";
  auto r = parse(head + std::string(300, 'A') + "=1");
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == "UnknownParameter");
  std::string deep = "Filter";
  for (int i = 0; i < 20; ++i) deep += ".1";
  r = parse(head + deep + "=x");
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == "UnknownParameter");
}
