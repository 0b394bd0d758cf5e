// The launch template handlers through ec2::call: CreateLaunchTemplate(Version),
// DescribeLaunchTemplate(s/Versions), ModifyLaunchTemplate, DeleteLaunchTemplate(Versions), and
// RunInstances with LaunchTemplate. Outputs are also checked against the service model and an XML
// round trip (test::Ec2).
#include <catch2/catch.hpp>
#include <regex>
#include <set>

#include "api/ec2/input.hpp"
#include "api/gateway/gateway.hpp"
#include "sim/instances/launch_templates.hpp"
#include "tests/api/ec2_support.hpp"

using test::Ec2;
using test::Json;

namespace {

Json data_for(const Ec2& ec2, const std::string& family, const std::string& type = "t3.micro") {
  return {{"ImageId", ec2.catalogue_image(family).str()}, {"InstanceType", type}};
}

Json create(Ec2& ec2, const std::string& name, const Json& data, const sim::Caller* who = nullptr) {
  return ec2.ok("CreateLaunchTemplate",
                {{"LaunchTemplateName", name}, {"LaunchTemplateData", data}},
                who)["LaunchTemplate"];
}

// RunInstances with only a launch template (and counts); returns the one instance.
Json run_from(Ec2& ec2, const Json& spec, Json extra = Json::object()) {
  extra["LaunchTemplate"] = spec;
  extra["MinCount"] = 1;
  extra["MaxCount"] = 1;
  Json out = ec2.ok("RunInstances", extra);
  REQUIRE(out["Instances"].size() == 1);
  return out["Instances"][0];
}

std::set<long> version_numbers(const Json& out) {
  std::set<long> numbers;
  for (const auto& v : out["LaunchTemplateVersions"])
    numbers.insert(v["VersionNumber"].get<long>());
  return numbers;
}

}  // namespace

TEST_CASE("CreateLaunchTemplate answers the template with ID, times, creator and versions") {
  Ec2 ec2;
  Json lt = ec2.ok("CreateLaunchTemplate",
                   {{"LaunchTemplateName", "web"},
                    {"VersionDescription", "first"},
                    {"LaunchTemplateData", data_for(ec2, "al2023-x86_64")},
                    {"TagSpecifications",
                     {{{"ResourceType", "launch-template"},
                       {"Tags", {{{"Key", "team"}, {"Value", "web"}}}}}}}})["LaunchTemplate"];
  CHECK(
      std::regex_match(lt["LaunchTemplateId"].get<std::string>(), std::regex("lt-0[0-9a-f]{16}")));
  CHECK(lt["LaunchTemplateName"] == "web");
  CHECK(lt["CreatedBy"] == "arn:aws:iam::123456789012:root");
  CHECK(lt["DefaultVersionNumber"] == 1);
  CHECK(lt["LatestVersionNumber"] == 1);
  CHECK(lt["CreateTime"] == amisim::ec2::time_json(ec2.world.now()));
  CHECK(lt["Tags"] == Json::array({{{"Key", "team"}, {"Value", "web"}}}));
  const sim::LaunchTemplate* model =
      test::expect_ok(sim::find_launch_template(ec2.world, ec2.caller, {"", "web"}));
  CHECK(lt["LaunchTemplateId"] == model->id.str());
}

TEST_CASE("CreateLaunchTemplate errors: duplicate name, bad name, no data, bad tag type") {
  Ec2 ec2;
  create(ec2, "web", Json::object());
  CHECK(ec2.error("CreateLaunchTemplate",
                  {{"LaunchTemplateName", "web"}, {"LaunchTemplateData", Json::object()}})
            .code == "InvalidLaunchTemplateName.AlreadyExistsException");
  CHECK(ec2.error("CreateLaunchTemplate",
                  {{"LaunchTemplateName", "a b"}, {"LaunchTemplateData", Json::object()}})
            .code == "InvalidLaunchTemplateName.MalformedException");
  CHECK(ec2.error("CreateLaunchTemplate", {{"LaunchTemplateName", "other"}}).code ==
        "MissingParameter");
  CHECK(
      ec2.error("CreateLaunchTemplate",
                {{"LaunchTemplateName", "other"},
                 {"LaunchTemplateData", Json::object()},
                 {"TagSpecifications", {{{"ResourceType", "instance"}, {"Tags", Json::array()}}}}})
          .code == "InvalidParameterValue");
  CHECK(ec2.world.region_of(ec2.caller).launch_templates.size() == 1);
}

TEST_CASE("CreateLaunchTemplateVersion with SourceVersion inherits and overrides") {
  Ec2 ec2;
  Json data = data_for(ec2, "al2023-x86_64");
  data["KeyName"] = "deploy";
  data["UserData"] = "IyEvYmluL3NoCg==";  // "#!/bin/sh\n"
  data["Placement"] = {{"AvailabilityZone", "us-east-1b"}};
  Json lt = create(ec2, "web", data);
  Json v2 =
      ec2.ok("CreateLaunchTemplateVersion",
             {{"LaunchTemplateId", lt["LaunchTemplateId"]},
              {"SourceVersion", "1"},
              {"VersionDescription", "bigger"},
              {"LaunchTemplateData", {{"InstanceType", "t3.large"}}}})["LaunchTemplateVersion"];
  CHECK(v2["VersionNumber"] == 2);
  CHECK(v2["DefaultVersion"] == false);
  CHECK(v2["VersionDescription"] == "bigger");
  const Json& d = v2["LaunchTemplateData"];
  CHECK(d["ImageId"] == data["ImageId"]);
  CHECK(d["KeyName"] == "deploy");
  CHECK(d["UserData"] == "IyEvYmluL3NoCg==");
  CHECK(d["Placement"]["AvailabilityZone"] == "us-east-1b");
  CHECK(d["InstanceType"] == "t3.large");
  CHECK(ec2.error("CreateLaunchTemplateVersion", {{"LaunchTemplateName", "web"},
                                                  {"SourceVersion", "9"},
                                                  {"LaunchTemplateData", Json::object()}})
            .code == "InvalidLaunchTemplateId.VersionNotFound");
  CHECK(ec2.error("CreateLaunchTemplateVersion",
                  {{"LaunchTemplateName", "nope"}, {"LaunchTemplateData", Json::object()}})
            .code == "InvalidLaunchTemplateName.NotFoundException");
}

TEST_CASE("DescribeLaunchTemplateVersions resolves $Latest and $Default, ranges and filters") {
  Ec2 ec2;
  Json lt = create(ec2, "web", data_for(ec2, "al2023-x86_64"));
  const std::string id = lt["LaunchTemplateId"];
  for (const char* type : {"t3.small", "t3.medium", "t3.large"})
    ec2.ok("CreateLaunchTemplateVersion",
           {{"LaunchTemplateId", id}, {"LaunchTemplateData", {{"InstanceType", type}}}});
  Json all = ec2.ok("DescribeLaunchTemplateVersions", {{"LaunchTemplateId", id}});
  CHECK(version_numbers(all) == std::set<long>{1, 2, 3, 4});
  Json aliases = ec2.ok("DescribeLaunchTemplateVersions",
                        {{"LaunchTemplateName", "web"}, {"Versions", {"$Latest", "$Default"}}});
  CHECK(version_numbers(aliases) == std::set<long>{1, 4});
  Json range = ec2.ok("DescribeLaunchTemplateVersions",
                      {{"LaunchTemplateId", id}, {"MinVersion", "2"}, {"MaxVersion", "3"}});
  CHECK(version_numbers(range) == std::set<long>{2, 3});
  Json filtered = ec2.ok("DescribeLaunchTemplateVersions",
                         {{"LaunchTemplateId", id},
                          {"Filters", {{{"Name", "instance-type"}, {"Values", {"t3.medium"}}}}}});
  CHECK(version_numbers(filtered) == std::set<long>{3});
  Json defaults = ec2.ok("DescribeLaunchTemplateVersions",
                         {{"LaunchTemplateId", id},
                          {"Filters", {{{"Name", "is-default-version"}, {"Values", {"true"}}}}}});
  CHECK(version_numbers(defaults) == std::set<long>{1});
  Json page =
      ec2.ok("DescribeLaunchTemplateVersions", {{"LaunchTemplateId", id}, {"MaxResults", 3}});
  CHECK(page["LaunchTemplateVersions"].size() == 3);
  Json rest = ec2.ok("DescribeLaunchTemplateVersions",
                     {{"LaunchTemplateId", id}, {"NextToken", page["NextToken"]}});
  CHECK(rest["LaunchTemplateVersions"].size() == 1);
  CHECK(ec2.error("DescribeLaunchTemplateVersions", {{"LaunchTemplateId", id}, {"Versions", {"8"}}})
            .code == "InvalidLaunchTemplateId.VersionNotFound");
  CHECK(ec2.error("DescribeLaunchTemplateVersions",
                  {{"LaunchTemplateId", id}, {"Filters", {{{"Name", "nope"}, {"Values", {"x"}}}}}})
            .code == "InvalidFilter");
}

TEST_CASE("DescribeLaunchTemplates by ID, name and filter, unknown ones are errors") {
  Ec2 ec2;
  Json a = create(ec2, "alpha", Json::object());
  Json b = create(ec2, "beta", Json::object());
  Json all = ec2.ok("DescribeLaunchTemplates");
  CHECK(all["LaunchTemplates"].size() == 2);
  Json by_name = ec2.ok("DescribeLaunchTemplates", {{"LaunchTemplateNames", {"beta"}}});
  REQUIRE(by_name["LaunchTemplates"].size() == 1);
  CHECK(by_name["LaunchTemplates"][0]["LaunchTemplateId"] == b["LaunchTemplateId"]);
  Json by_id = ec2.ok("DescribeLaunchTemplates", {{"LaunchTemplateIds", {a["LaunchTemplateId"]}}});
  REQUIRE(by_id["LaunchTemplates"].size() == 1);
  CHECK(by_id["LaunchTemplates"][0]["LaunchTemplateName"] == "alpha");
  Json filtered = ec2.ok("DescribeLaunchTemplates",
                         {{"Filters", {{{"Name", "launch-template-name"}, {"Values", {"al*"}}}}}});
  REQUIRE(filtered["LaunchTemplates"].size() == 1);
  CHECK(filtered["LaunchTemplates"][0]["LaunchTemplateName"] == "alpha");
  CHECK(ec2.error("DescribeLaunchTemplates", {{"LaunchTemplateNames", {"gamma"}}}).code ==
        "InvalidLaunchTemplateName.NotFoundException");
  CHECK(ec2.error("DescribeLaunchTemplates", {{"LaunchTemplateIds", {"lt-0123456789abcdef0"}}})
            .code == "InvalidLaunchTemplateId.NotFound");
  CHECK(ec2.error("DescribeLaunchTemplates", {{"LaunchTemplateIds", {"template-1"}}}).code ==
        "InvalidLaunchTemplateId.Malformed");
  CHECK(ec2.error("DescribeLaunchTemplates", {{"MaxResults", 0}}).code == "InvalidParameterValue");
}

TEST_CASE("Launch templates of another Region or account are not found") {
  Ec2 ec2;
  Json lt = create(ec2, "web", Json::object());
  const sim::Caller west = ec2.in("us-west-2");
  const sim::Caller other = ec2.as("210987654321");
  for (const sim::Caller* who : {&west, &other}) {
    CHECK(
        ec2.error("DescribeLaunchTemplates", {{"LaunchTemplateIds", {lt["LaunchTemplateId"]}}}, who)
            .code == "InvalidLaunchTemplateId.NotFound");
    CHECK(ec2.error("DescribeLaunchTemplateVersions", {{"LaunchTemplateName", "web"}}, who).code ==
          "InvalidLaunchTemplateName.NotFoundException");
    CHECK(ec2.ok("DescribeLaunchTemplates", Json::object(), who)["LaunchTemplates"].empty());
  }
  // The same name is free in the other Region.
  create(ec2, "web", Json::object(), &west);
}

TEST_CASE(
    "ModifyLaunchTemplate changes the default version, DeleteLaunchTemplateVersions "
    "refuses the default") {
  Ec2 ec2;
  Json lt = create(ec2, "web", data_for(ec2, "al2023-x86_64"));
  const std::string id = lt["LaunchTemplateId"];
  ec2.ok("CreateLaunchTemplateVersion",
         {{"LaunchTemplateId", id}, {"LaunchTemplateData", {{"InstanceType", "t3.small"}}}});
  Json modified = ec2.ok("ModifyLaunchTemplate",
                         {{"LaunchTemplateId", id}, {"DefaultVersion", "2"}})["LaunchTemplate"];
  CHECK(modified["DefaultVersionNumber"] == 2);
  CHECK(modified["LatestVersionNumber"] == 2);
  CHECK(
      ec2.error("ModifyLaunchTemplate", {{"LaunchTemplateId", id}, {"DefaultVersion", "3"}}).code ==
      "InvalidLaunchTemplateId.VersionNotFound");
  Json out = ec2.ok("DeleteLaunchTemplateVersions",
                    {{"LaunchTemplateId", id}, {"Versions", {"1", "2", "5"}}});
  REQUIRE(out["SuccessfullyDeletedLaunchTemplateVersions"].size() == 1);
  CHECK(out["SuccessfullyDeletedLaunchTemplateVersions"][0]["VersionNumber"] == 1);
  REQUIRE(out["UnsuccessfullyDeletedLaunchTemplateVersions"].size() == 2);
  const Json& refused = out["UnsuccessfullyDeletedLaunchTemplateVersions"][0];
  CHECK(refused["VersionNumber"] == 2);
  CHECK(refused["LaunchTemplateId"] == id);
  CHECK(refused["ResponseError"]["Code"].is_string());
  CHECK(out["UnsuccessfullyDeletedLaunchTemplateVersions"][1]["ResponseError"]["Code"] ==
        "launchTemplateVersionDoesNotExist");
  Json left = ec2.ok("DescribeLaunchTemplateVersions", {{"LaunchTemplateId", id}});
  CHECK(version_numbers(left) == std::set<long>{2});
  Json next = ec2.ok("CreateLaunchTemplateVersion",
                     {{"LaunchTemplateId", id}, {"LaunchTemplateData", Json::object()}});
  CHECK(next["LaunchTemplateVersion"]["VersionNumber"] == 3);
}

TEST_CASE("DeleteLaunchTemplate answers the template and forgets it") {
  Ec2 ec2;
  Json lt = create(ec2, "web", Json::object());
  Json out = ec2.ok("DeleteLaunchTemplate", {{"LaunchTemplateName", "web"}});
  CHECK(out["LaunchTemplate"]["LaunchTemplateId"] == lt["LaunchTemplateId"]);
  CHECK(ec2.error("DeleteLaunchTemplate", {{"LaunchTemplateId", lt["LaunchTemplateId"]}}).code ==
        "InvalidLaunchTemplateId.NotFound");
  CHECK(ec2.ok("DescribeLaunchTemplates")["LaunchTemplates"].empty());
}

TEST_CASE("RunInstances with a launch template: versions, rollback, and request overrides") {
  Ec2 ec2;
  const std::string old_ami = ec2.catalogue_image("al2023-x86_64").str();
  const std::string new_ami = ec2.catalogue_image("ubuntu-24.04-x86_64").str();
  Json data = data_for(ec2, "al2023-x86_64");
  data["TagSpecifications"] = {
      {{"ResourceType", "instance"}, {"Tags", {{{"Key", "app"}, {"Value", "web"}}}}}};
  Json lt = create(ec2, "web", data);
  const std::string id = lt["LaunchTemplateId"];
  ec2.ok("CreateLaunchTemplateVersion", {{"LaunchTemplateId", id},
                                         {"SourceVersion", "1"},
                                         {"LaunchTemplateData", {{"ImageId", new_ami}}}});
  Json v1 = run_from(ec2, {{"LaunchTemplateId", id}});
  CHECK(v1["ImageId"] == old_ami);
  CHECK(v1["InstanceType"] == "t3.micro");
  Json latest = run_from(ec2, {{"LaunchTemplateName", "web"}, {"Version", "$Latest"}});
  CHECK(latest["ImageId"] == new_ami);
  // Roll forward to 2, then back to 1: running instances keep their image.
  ec2.ok("ModifyLaunchTemplate", {{"LaunchTemplateId", id}, {"DefaultVersion", "2"}});
  CHECK(run_from(ec2, {{"LaunchTemplateId", id}})["ImageId"] == new_ami);
  ec2.ok("ModifyLaunchTemplate", {{"LaunchTemplateId", id}, {"DefaultVersion", "1"}});
  CHECK(run_from(ec2, {{"LaunchTemplateId", id}, {"Version", "$Default"}})["ImageId"] == old_ami);
  Json still = ec2.ok("DescribeInstances", {{"InstanceIds", {latest["InstanceId"]}}});
  CHECK(still["Reservations"][0]["Instances"][0]["ImageId"] == new_ami);
  // The request's values win over the template's; the template's tags merge in.
  Json overridden = run_from(
      ec2, {{"LaunchTemplateId", id}},
      {{"InstanceType", "t3.small"},
       {"TagSpecifications",
        {{{"ResourceType", "instance"}, {"Tags", {{{"Key", "Name"}, {"Value", "one"}}}}}}}});
  CHECK(overridden["InstanceType"] == "t3.small");
  CHECK(overridden["ImageId"] == old_ami);
  std::set<std::string> keys;
  for (const auto& t : overridden["Tags"]) keys.insert(t["Key"].get<std::string>());
  // The template's and the request's tags, and the two EC2 adds to every instance launched from a
  // template (UG launch-instances-from-launch-template).
  CHECK(keys == std::set<std::string>{"Name", "app", "aws:ec2launchtemplate:id",
                                      "aws:ec2launchtemplate:version"});
}

TEST_CASE("RunInstances with a launch template: errors of the template and of its data") {
  Ec2 ec2;
  Json lt = create(ec2, "empty", Json::object());
  Json in = {{"MinCount", 1}, {"MaxCount", 1}};
  in["LaunchTemplate"] = {{"LaunchTemplateId", lt["LaunchTemplateId"]}};
  CHECK(ec2.error("RunInstances", in).code == "MissingParameter");  // no image anywhere
  in["LaunchTemplate"] = {{"LaunchTemplateId", lt["LaunchTemplateId"]}, {"Version", "two"}};
  in["ImageId"] = ec2.catalogue_image("al2023-x86_64").str();
  CHECK(ec2.error("RunInstances", in).code == "InvalidParameterValue");
  in["LaunchTemplate"] = {{"LaunchTemplateId", "lt-bad"}};
  CHECK(ec2.error("RunInstances", in).code == "InvalidLaunchTemplateId.Malformed");
  Json bad = create(ec2, "bad-image", {{"ImageId", "ami-0000000000000000f"}});
  in.erase("ImageId");
  in["LaunchTemplate"] = {{"LaunchTemplateId", bad["LaunchTemplateId"]}};
  CHECK(ec2.error("RunInstances", in).code == "InvalidAMIID.NotFound");
  CHECK(ec2.world.region_of(ec2.caller).instances.empty());
}

TEST_CASE(
    "Launch templates over the query protocol: SetDefaultVersion, LaunchTemplateVersion.N "
    "and RunInstances LaunchTemplate.* reach the handlers") {
  namespace gw = amisim::gateway;
  gw::Gateway g(test::fixtures(), {});
  auto post = [&](const std::string& form) {
    amisim::http::HttpRequest r;
    r.method = "POST";
    r.target = "/";
    r.headers.add("Host", "127.0.0.1:4566");
    r.headers.add("Content-Type", "application/x-www-form-urlencoded; charset=utf-8");
    r.body = form + "&Version=2016-11-15";
    return g.handle(r);
  };
  Ec2 ids;  // a second world only to read the catalogue's image IDs
  const std::string old_ami = ids.catalogue_image("al2023-x86_64").str();
  const std::string new_ami = ids.catalogue_image("debian-12-x86_64").str();
  auto created = post(
      "Action=CreateLaunchTemplate&LaunchTemplateName=web&LaunchTemplateData."
      "ImageId=" +
      old_ami + "&LaunchTemplateData.InstanceType=t3.micro");
  REQUIRE(created.status == 200);
  CHECK(created.body.find("<defaultVersionNumber>1</defaultVersionNumber>") != std::string::npos);
  REQUIRE(post("Action=CreateLaunchTemplateVersion&LaunchTemplateName=web&SourceVersion=1&"
               "LaunchTemplateData.ImageId=" +
               new_ami)
              .status == 200);
  auto modified = post("Action=ModifyLaunchTemplate&LaunchTemplateName=web&SetDefaultVersion=2");
  REQUIRE(modified.status == 200);
  CHECK(modified.body.find("<defaultVersionNumber>2</defaultVersionNumber>") != std::string::npos);
  auto run =
      post("Action=RunInstances&MinCount=1&MaxCount=1&LaunchTemplate.LaunchTemplateName=web");
  REQUIRE(run.status == 200);
  CHECK(run.body.find("<imageId>" + new_ami + "</imageId>") != std::string::npos);
  auto deleted = post(
      "Action=DeleteLaunchTemplateVersions&LaunchTemplateName=web&"
      "LaunchTemplateVersion.1=1&LaunchTemplateVersion.2=2");
  REQUIRE(deleted.status == 200);
  CHECK(deleted.body.find("<successfullyDeletedLaunchTemplateVersionSet>") != std::string::npos);
  CHECK(deleted.body.find("<unsuccessfullyDeletedLaunchTemplateVersionSet>") != std::string::npos);
  auto missing = post("Action=DescribeLaunchTemplates&LaunchTemplateName.1=nope");
  CHECK(missing.status == 400);
  CHECK(missing.body.find("InvalidLaunchTemplateName.NotFoundException") != std::string::npos);
}

TEST_CASE(
    "LaunchTemplateData's DisableApiTermination, shutdown behaviour and EbsOptimized round-trip "
    "and protect the instance") {
  Ec2 ec2;
  Json data = data_for(ec2, "al2023-x86_64");
  data["DisableApiTermination"] = true;
  data["InstanceInitiatedShutdownBehavior"] = "terminate";
  data["EbsOptimized"] = true;
  const std::string id = create(ec2, "guarded", data)["LaunchTemplateId"];
  const Json shown =
      ec2.ok("DescribeLaunchTemplateVersions",
             {{"LaunchTemplateId", id}})["LaunchTemplateVersions"][0]["LaunchTemplateData"];
  CHECK(shown["DisableApiTermination"] == true);
  CHECK(shown["InstanceInitiatedShutdownBehavior"] == "terminate");
  CHECK(shown["EbsOptimized"] == true);
  CHECK_FALSE(shown.contains("DisableApiStop"));
  const std::string instance = run_from(ec2, {{"LaunchTemplateId", id}})["InstanceId"];
  ec2.settle();
  CHECK(ec2.error("TerminateInstances", {{"InstanceIds", {instance}}}).code ==
        "OperationNotPermitted");
  data["InstanceInitiatedShutdownBehavior"] = "reboot";
  CHECK(ec2.error("CreateLaunchTemplate",
                  {{"LaunchTemplateName", "bad"}, {"LaunchTemplateData", data}})
            .code == "InvalidParameterValue");
}
