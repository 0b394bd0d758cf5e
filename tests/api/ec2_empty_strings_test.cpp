// Empty optional strings read as absent (api/ec2/input.hpp, opt_string), as EC2 reads them: the
// calls Packer's amazon-ebs builder makes with a plain template (no VPC, subnet or zone) work,
// in process and over HTTP. Where "" is a value (tag values, NoDevice), it stays one.
#include <catch2/catch.hpp>
#include <regex>

#include "api/gateway/gateway.hpp"
#include "tests/api/ec2_support.hpp"

using test::Ec2;
using test::Json;

TEST_CASE("CreateSecurityGroup with VpcId \"\" makes the group in the default VPC (Packer)") {
  Ec2 ec2;
  Json out = ec2.ok("CreateSecurityGroup",
                    {{"GroupName", "packer_1"}, {"Description", "Temporary group"}, {"VpcId", ""}});
  Json groups = ec2.ok("DescribeSecurityGroups", {{"GroupIds", {out["GroupId"]}}});
  const Json defaults = ec2.ok("DescribeSecurityGroups", {{"GroupNames", {"default"}}});
  CHECK(groups["SecurityGroups"][0]["VpcId"] == defaults["SecurityGroups"][0]["VpcId"]);
}

TEST_CASE("RunInstances with empty optional strings launches as if they were absent (Packer)") {
  Ec2 ec2;
  Json in = {{"ImageId", ec2.catalogue_image("al2023-x86_64").str()},
             {"InstanceType", "t3.micro"},
             {"MinCount", 1},
             {"MaxCount", 1},
             {"Placement", {{"AvailabilityZone", ""}}},
             {"SubnetId", ""},
             {"KeyName", ""},
             {"UserData", ""},
             {"ClientToken", ""},
             {"IamInstanceProfile", {{"Name", ""}}}};
  Json out = ec2.ok("RunInstances", in);
  const Json& i = out["Instances"][0];
  CHECK(i["Placement"]["AvailabilityZone"].get<std::string>().rfind("us-east-1", 0) == 0);
  CHECK_FALSE(i.contains("KeyName"));
}

TEST_CASE(
    "CreateVolume with SnapshotId \"\" and VolumeType \"\" makes an empty volume of the default "
    "type") {
  Ec2 ec2;
  Json out = ec2.ok(
      "CreateVolume",
      {{"AvailabilityZone", "us-east-1a"}, {"Size", 8}, {"SnapshotId", ""}, {"VolumeType", ""}});
  CHECK_FALSE(out.contains("SnapshotId"));
  CHECK(out["VolumeType"] == "gp2");  // APIREF CreateVolume VolumeType: "Default: gp2"
}

TEST_CASE("DeleteTags with Value \"\" deletes only a tag whose value is empty (\"\" is a value)") {
  Ec2 ec2;
  const std::string id = ec2.ok("CreateKeyPair", {{"KeyName", "k"}})["KeyPairId"];
  ec2.ok("CreateTags", {{"Resources", {id}}, {"Tags", {{{"Key", "team"}, {"Value", "web"}}}}});
  ec2.ok("DeleteTags", {{"Resources", {id}}, {"Tags", {{{"Key", "team"}, {"Value", ""}}}}});
  Json tags = ec2.ok("DescribeTags", {{"Filters", {{{"Name", "resource-id"}, {"Values", {id}}}}}});
  CHECK(tags["Tags"].size() == 1);
}

TEST_CASE("Over HTTP, Packer's CreateSecurityGroup and RunInstances forms succeed") {
  namespace gw = amisim::gateway;
  gw::Gateway g(test::fixtures(), {});
  auto post = [&g](const std::string& form) {
    amisim::http::HttpRequest r;
    r.method = "POST";
    r.target = "/";
    r.headers.add("Host", "127.0.0.1:4566");
    r.body = form;
    return g.handle(r);
  };
  auto group = post(
      "Action=CreateSecurityGroup&Version=2016-11-15&GroupName=packer_1&GroupDescription=Temp"
      "&VpcId=");
  INFO(group.body);
  CHECK(group.status == 200);
  Ec2 probe;
  const std::string image = probe.catalogue_image("al2023-x86_64").str();
  auto run = post("Action=RunInstances&Version=2016-11-15&ImageId=" + image +
                  "&InstanceType=t3.micro&MinCount=1&MaxCount=1&Placement.AvailabilityZone="
                  "&SubnetId=&UserData=&IamInstanceProfile.Name=&EbsOptimized=false");
  INFO(run.body);
  CHECK(run.status == 200);
}
