// What still uses an image, its lineage and block public access for AMIs, through ec2::call
// (api/ec2/image_usage.cpp; sim/images/usage.hpp, sim/images/block_public_access.hpp). Every
// successful call is also checked against the service model's output shape and an XML round trip
// (tests/api/ec2_support.hpp). Figures are worked by hand in the comments.
#include <catch2/catch.hpp>
#include <set>
#include <string>
#include <vector>

#include "api/io/catalog.hpp"
#include "sim/images/usage.hpp"
#include "sim/timeline.hpp"
#include "tests/api/ec2_support.hpp"
#include "tests/sim/images/image_fixture.hpp"

using test::Ec2;
using test::Json;

namespace {

using test::kOther;

std::string al2023(Ec2& ec2, const std::string& region = "us-east-1") {
  return ec2.catalogue_image("al2023-x86_64", region).str();
}

// Launches `count` t3.micro from `image` as `who`; returns their IDs in launch order.
std::vector<std::string> run(Ec2& ec2, const std::string& image, int count = 1,
                             const sim::Caller* who = nullptr) {
  Json out = ec2.ok(
      "RunInstances",
      {{"ImageId", image}, {"InstanceType", "t3.micro"}, {"MinCount", count}, {"MaxCount", count}},
      who);
  std::vector<std::string> ids;
  for (const auto& i : out.at("Instances")) ids.push_back(i.at("InstanceId").get<std::string>());
  return ids;
}

Json refs(Ec2& ec2, const std::vector<std::string>& images, const Json& types,
          const sim::Caller* who = nullptr) {
  return ec2.ok("DescribeImageReferences", {{"ImageIds", images}, {"ResourceTypes", types}}, who);
}

std::set<std::string> arns_of(const Json& out) {
  std::set<std::string> arns;
  for (const auto& r : out.at("ImageReferences")) arns.insert(r.at("Arn").get<std::string>());
  return arns;
}

std::string instance_arn(const std::string& id) {
  return "arn:aws:ec2:us-east-1:123456789012:instance/" + id;
}

Json instance_type(const std::vector<std::string>& states = {}) {
  Json t = {{"ResourceType", "ec2:Instance"}};
  if (!states.empty())
    t["ResourceTypeOptions"] = {{{"OptionName", "state-name"}, {"OptionValues", states}}};
  return Json::array({t});
}

Json template_type(const std::string& depth = "") {
  Json t = {{"ResourceType", "ec2:LaunchTemplate"}};
  if (!depth.empty())
    t["ResourceTypeOptions"] = {{{"OptionName", "version-depth"}, {"OptionValues", {depth}}}};
  return Json::array({t});
}

std::string create_template(Ec2& ec2, const std::string& name, const std::string& image) {
  Json out = ec2.ok("CreateLaunchTemplate",
                    {{"LaunchTemplateName", name},
                     {"LaunchTemplateData", {{"ImageId", image}, {"InstanceType", "t3.micro"}}}});
  return out.at("LaunchTemplate").at("LaunchTemplateId").get<std::string>();
}

void add_version(Ec2& ec2, const std::string& lt, const std::string& image) {
  ec2.ok("CreateLaunchTemplateVersion",
         {{"LaunchTemplateId", lt}, {"LaunchTemplateData", {{"ImageId", image}}}});
}

// An available image of the default caller's, made from a new instance (CreateImage).
std::string own_image(Ec2& ec2, const std::string& name) {
  return test::own_image(ec2, ec2.caller, name).str();
}

std::string last_launched(Ec2& ec2, const std::string& image) {
  Json out =
      ec2.ok("DescribeImageAttribute", {{"ImageId", image}, {"Attribute", "lastLaunchedTime"}});
  const Json& v = out.at("LastLaunchedTime");
  return v.contains("Value") ? v.at("Value").get<std::string>() : "";
}

}  // namespace

// --- DescribeImageReferences -----------------------------------------------------------------

TEST_CASE("DescribeImageReferences lists the caller's instances of the image with EC2's ARNs",
          "[ec2][image-usage]") {
  Ec2 ec2;
  const std::vector<std::string> two = run(ec2, al2023(ec2), 2);
  run(ec2, ec2.catalogue_image("ubuntu-24.04-x86_64").str());  // another image: not listed
  const sim::Caller other = ec2.as(kOther);
  run(ec2, al2023(ec2), 1, &other);  // another account's: not listed
  Json out = refs(ec2, {al2023(ec2)}, instance_type());
  REQUIRE(out["ImageReferences"].size() == 2);
  CHECK(arns_of(out) == std::set<std::string>{instance_arn(two[0]), instance_arn(two[1])});
  for (const auto& r : out["ImageReferences"]) {
    CHECK(r["ImageId"] == al2023(ec2));
    CHECK(r["ResourceType"] == "ec2:Instance");
  }
  // The other account sees its one instance only.
  CHECK(refs(ec2, {al2023(ec2)}, instance_type(), &other)["ImageReferences"].size() == 1);
}

TEST_CASE("DescribeImageReferences state-name narrows instances to the states named",
          "[ec2][image-usage]") {
  Ec2 ec2;
  const std::vector<std::string> ids = run(ec2, al2023(ec2), 3);
  ec2.settle();
  ec2.ok("StopInstances", {{"InstanceIds", {ids[0]}}});
  ec2.ok("TerminateInstances", {{"InstanceIds", {ids[1]}}});
  ec2.settle();
  // ids[0] stopped, ids[1] terminated, ids[2] running: all three by default.
  CHECK(refs(ec2, {al2023(ec2)}, instance_type())["ImageReferences"].size() == 3);
  CHECK(arns_of(refs(ec2, {al2023(ec2)}, instance_type({"running"}))) ==
        std::set<std::string>{instance_arn(ids[2])});
  CHECK(arns_of(refs(ec2, {al2023(ec2)}, instance_type({"stopped", "terminated"}))) ==
        std::set<std::string>{instance_arn(ids[0]), instance_arn(ids[1])});
  CHECK(refs(ec2, {al2023(ec2)}, instance_type({"pending"}))["ImageReferences"].empty());
}

TEST_CASE("DescribeImageReferences checks a template's latest version-depth versions, default 10",
          "[ec2][image-usage]") {
  Ec2 ec2;
  const std::string a = al2023(ec2);
  const std::string b = ec2.catalogue_image("ubuntu-24.04-x86_64").str();
  const std::string lt = create_template(ec2, "web", a);  // version 1: A
  for (int v = 2; v <= 11; ++v) add_version(ec2, lt, b);  // versions 2-11: B
  const std::string arn = "arn:aws:ec2:us-east-1:123456789012:launch-template/" + lt;
  // Latest 10 = versions 2..11, all B: A is not referenced; depth 11 reaches version 1.
  CHECK(refs(ec2, {a}, template_type())["ImageReferences"].empty());
  CHECK(arns_of(refs(ec2, {a}, template_type("11"))) == std::set<std::string>{arn});
  CHECK(arns_of(refs(ec2, {b}, template_type("1"))) == std::set<std::string>{arn});
  // One reference per template, however many of its versions name the image.
  Json out = refs(ec2, {b}, template_type("10000"));
  REQUIRE(out["ImageReferences"].size() == 1);
  CHECK(out["ImageReferences"][0]["ResourceType"] == "ec2:LaunchTemplate");
}

TEST_CASE("DescribeImageReferences resolves a template's resolve:ssm: image ID",
          "[ec2][image-usage]") {
  Ec2 ec2;
  const std::string lt = create_template(
      ec2, "ssm",
      "resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64");
  CHECK(arns_of(refs(ec2, {al2023(ec2)}, template_type())) ==
        std::set<std::string>{"arn:aws:ec2:us-east-1:123456789012:launch-template/" + lt});
}

TEST_CASE(
    "DescribeImageReferences IncludeAllResourceTypes checks every type, and AWS's public "
    "parameters are not the caller's",
    "[ec2][image-usage]") {
  Ec2 ec2;
  const std::vector<std::string> ids = run(ec2, al2023(ec2));
  const std::string lt = create_template(ec2, "web", al2023(ec2));
  Json out = ec2.ok("DescribeImageReferences",
                    {{"ImageIds", {al2023(ec2)}}, {"IncludeAllResourceTypes", true}});
  // Sorted by image, then type: ec2:Instance before ec2:LaunchTemplate. No ssm:Parameter: the
  // image's /aws/service/ parameter is AWS's.
  REQUIRE(out["ImageReferences"].size() == 2);
  CHECK(out["ImageReferences"][0]["Arn"] == instance_arn(ids[0]));
  CHECK(out["ImageReferences"][1]["ResourceType"] == "ec2:LaunchTemplate");
  // ResourceTypes beside it override that type's defaults: only stopped instances.
  out = ec2.ok("DescribeImageReferences", {{"ImageIds", {al2023(ec2)}},
                                           {"IncludeAllResourceTypes", true},
                                           {"ResourceTypes", instance_type({"stopped"})}});
  REQUIRE(out["ImageReferences"].size() == 1);
  CHECK(out["ImageReferences"][0]["ResourceType"] == "ec2:LaunchTemplate");
  // Image Builder types are accepted and find nothing (no Image Builder in amisim).
  CHECK(
      refs(ec2, {al2023(ec2)}, {{{"ResourceType", "imagebuilder:ImageRecipe"}}})["ImageReferences"]
          .empty());
}

TEST_CASE("DescribeImageReferences pages by MaxResults and answers unknown IDs with nothing",
          "[ec2][image-usage]") {
  Ec2 ec2;
  run(ec2, al2023(ec2), 7);
  Json first =
      ec2.ok("DescribeImageReferences",
             {{"ImageIds", {al2023(ec2)}}, {"ResourceTypes", instance_type()}, {"MaxResults", 5}});
  REQUIRE(first["ImageReferences"].size() == 5);
  REQUIRE(first.contains("NextToken"));
  Json second = ec2.ok("DescribeImageReferences", {{"ImageIds", {al2023(ec2)}},
                                                   {"ResourceTypes", instance_type()},
                                                   {"MaxResults", 5},
                                                   {"NextToken", first["NextToken"]}});
  CHECK(second["ImageReferences"].size() == 2);  // 7 = 5 + 2
  CHECK_FALSE(second.contains("NextToken"));
  CHECK(refs(ec2, {"ami-0123456789abcdef0"}, instance_type())["ImageReferences"].empty());
}

TEST_CASE("DescribeImageReferences refuses bad input with AWS's codes and changes nothing",
          "[ec2][image-usage][bad-input]") {
  Ec2 ec2;
  run(ec2, al2023(ec2));
  const std::string before = ec2.world.digest();
  std::vector<std::string> eleven(11, al2023(ec2));
  const Json all = true;
  struct Case {
    Json input;
    std::string code;
  };
  const std::vector<Case> cases = {
      {{{"ImageIds", Json::array()}, {"IncludeAllResourceTypes", all}}, "MissingParameter"},
      {{{"ImageIds", eleven}, {"IncludeAllResourceTypes", all}}, "InvalidParameterValue"},
      {{{"ImageIds", {"ami-nothex"}}, {"IncludeAllResourceTypes", all}}, "InvalidAMIID.Malformed"},
      {{{"ImageIds", {"i-0123456789abcdef0"}}, {"IncludeAllResourceTypes", all}},
       "InvalidAMIID.Malformed"},
      {{{"ImageIds", {al2023(ec2)}}}, "MissingParameter"},
      {{{"ImageIds", {al2023(ec2)}}, {"ResourceTypes", {{{"ResourceType", "ec2:Volume"}}}}},
       "InvalidParameterValue"},
      {{{"ImageIds", {al2023(ec2)}},
        {"ResourceTypes",
         {{{"ResourceType", "ssm:Parameter"},
           {"ResourceTypeOptions",
            {{{"OptionName", "state-name"}, {"OptionValues", {"running"}}}}}}}}},
       "InvalidParameterValue"},
      {{{"ImageIds", {al2023(ec2)}},
        {"ResourceTypes",
         {{{"ResourceType", "ec2:Instance"},
           {"ResourceTypeOptions",
            {{{"OptionName", "version-depth"}, {"OptionValues", {"3"}}}}}}}}},
       "InvalidParameterValue"},
      {{{"ImageIds", {al2023(ec2)}}, {"ResourceTypes", instance_type({"sleeping"})}},
       "InvalidParameterValue"},
      {{{"ImageIds", {al2023(ec2)}}, {"ResourceTypes", template_type("0")}},
       "InvalidParameterValue"},
      {{{"ImageIds", {al2023(ec2)}}, {"ResourceTypes", template_type("10001")}},
       "InvalidParameterValue"},
      {{{"ImageIds", {al2023(ec2)}}, {"ResourceTypes", template_type("ten")}},
       "InvalidParameterValue"},
      {{{"ImageIds", {al2023(ec2)}}, {"IncludeAllResourceTypes", all}, {"MaxResults", 4}},
       "InvalidParameterValue"},
      {{{"ImageIds", {al2023(ec2)}}, {"IncludeAllResourceTypes", all}, {"NextToken", "garbage"}},
       "InvalidPaginationToken"},
  };
  for (const Case& c : cases) {
    INFO(c.input.dump());
    CHECK(ec2.error("DescribeImageReferences", c.input).code == c.code);
  }
  CHECK(ec2.world.digest() == before);
}

TEST_CASE(
    "DescribeImageReferences reports an image file's SSM parameter to the account owning the image",
    "[ec2][image-usage]") {
  auto fixtures = std::make_shared<sim::Fixtures>(*test::fixtures());
  const Json file = {{"Regions", {"us-east-1"}},
                     {"Images",
                      {{{"ImageId", "ami-0b5e0a1c2d3e4f567"},
                        {"OwnerId", "123456789012"},
                        {"Name", "org-base-al2023"},
                        {"Public", false},
                        {"SsmParameter", "/org/base/al2023/latest"}}}}};
  amisim::io::add_image_file(*fixtures, file.dump(), "org.json");
  sim::World world(fixtures);
  const sim::Caller me;  // 123456789012 in us-east-1
  const sim::Caller other{sim::AccountId(kOther), sim::RegionName("us-east-1")};
  world.ensure_account(other.account);
  sim::DescribeImageReferencesRequest r;
  r.image_ids = {"ami-0b5e0a1c2d3e4f567"};
  r.resource_types = {{"ssm:Parameter", {}}};
  auto mine = test::expect_ok(sim::describe_image_references(world, me, r));
  REQUIRE(mine.references.size() == 1);
  CHECK(mine.references[0].type == sim::ImageReferenceType::kSsmParameter);
  CHECK(mine.references[0].arn ==
        "arn:aws:ssm:us-east-1:123456789012:parameter/org/base/al2023/latest");
  // The parameter is the image owner's: another account holds no parameter naming the image.
  CHECK(test::expect_ok(sim::describe_image_references(world, other, r)).references.empty());
}

// --- LastLaunchedTime --------------------------------------------------------------------------

TEST_CASE("LastLaunchedTime shows a launch 24 hours of model time after it", "[ec2][image-usage]") {
  Ec2 ec2;
  const std::string image = own_image(ec2, "golden");
  const sim::TimeMs t0 = ec2.world.now();
  run(ec2, image);  // launch 1 at t0
  ec2.advance(sim::kHourMs);
  run(ec2, image);                     // launch 2 at t0 + 1 h
  ec2.advance(23 * sim::kHourMs - 1);  // t0 + 24 h - 1 ms
  CHECK(last_launched(ec2, image).empty());
  ec2.advance(1);  // t0 + 24 h: launch 1 shows
  CHECK(last_launched(ec2, image) == sim::format_iso8601(t0));
  ec2.advance(sim::kHourMs);  // t0 + 25 h: launch 2 shows
  CHECK(last_launched(ec2, image) == sim::format_iso8601(t0 + sim::kHourMs));
  Json described = ec2.ok("DescribeImages", {{"ImageIds", {image}}});
  CHECK(described["Images"][0]["LastLaunchedTime"] == sim::format_iso8601(t0 + sim::kHourMs));
}

// --- DescribeInstanceImageMetadata -----------------------------------------------------------

TEST_CASE("DescribeInstanceImageMetadata describes the instance and its AMI in the SDK's shape",
          "[ec2][image-usage]") {
  Ec2 ec2;
  const std::vector<std::string> ids = run(ec2, al2023(ec2));
  ec2.ok("CreateTags", {{"Resources", {ids[0]}}, {"Tags", {{{"Key", "team"}, {"Value", "web"}}}}});
  Json out = ec2.ok("DescribeInstanceImageMetadata", Json::object());
  REQUIRE(out["InstanceImageMetadata"].size() == 1);
  const Json& m = out["InstanceImageMetadata"][0];
  const sim::Instance& i = *sim::find_instance(ec2.world, ec2.caller, sim::InstanceId(ids[0]));
  CHECK(m["InstanceId"] == ids[0]);
  CHECK(m["InstanceType"] == "t3.micro");
  CHECK(m["AvailabilityZone"] == i.zone.str());
  CHECK(m["ZoneId"].get<std::string>().rfind("use1-az", 0) == 0);
  CHECK(m["State"]["Name"] == "pending");
  CHECK(m["OwnerId"] == "123456789012");
  CHECK(m["Tags"][0]["Key"] == "team");
  const sim::Image& image = ec2.world.region_of(ec2.caller).images.at(sim::ImageId(al2023(ec2)));
  const Json& meta = m["ImageMetadata"];
  CHECK(meta["ImageId"] == al2023(ec2));
  CHECK(meta["Name"] == image.name);
  CHECK(meta["OwnerId"] == image.owner.str());
  CHECK(meta["ImageOwnerAlias"] == "amazon");
  CHECK(meta["State"] == "available");
  CHECK(meta["IsPublic"] == true);
  // To the second, as the aws CLI's example shows it: "2023-01-25T17:20:40Z".
  CHECK(meta["CreationDate"] == sim::format_iso8601(image.creation).substr(0, 19) + "Z");
}

TEST_CASE(
    "DescribeInstanceImageMetadata still answers once the AMI is deprecated, disabled, "
    "deregistered or gone",
    "[ec2][image-usage]") {
  Ec2 ec2;
  const std::string image = own_image(ec2, "golden");
  const std::vector<std::string> ids = run(ec2, image);
  auto meta = [&] {
    Json out = ec2.ok("DescribeInstanceImageMetadata", {{"InstanceIds", {ids[0]}}});
    return out["InstanceImageMetadata"][0]["ImageMetadata"];
  };
  ec2.ok("EnableImageDeprecation", {{"ImageId", image}, {"DeprecateAt", "2026-06-01T00:00:00Z"}});
  CHECK(meta()["DeprecationTime"] == "2026-06-01T00:00:00Z");
  ec2.ok("DisableImage", {{"ImageId", image}});
  CHECK(meta()["State"] == "disabled");
  ec2.ok("EnableImage", {{"ImageId", image}});
  ec2.ok("DeregisterImage", {{"ImageId", image}});
  ec2.advance(2 * sim::kHourMs);  // past DescribeImages' hour of after-life
  // DescribeImages omits it now (an instance still uses it, fact sheet §3.5).
  CHECK(ec2.ok("DescribeImages", {{"ImageIds", {image}}})["Images"].empty());
  Json m = meta();
  CHECK(m["State"] == "deregistered");
  CHECK(m["Name"] == "golden");
  // A record gone altogether (as a later Recycle Bin may delete one): what the instance kept.
  ec2.world.region_of(ec2.caller).images.erase(sim::ImageId(image));
  m = meta();
  CHECK(m["ImageId"] == image);
  CHECK(m["Name"] == "golden");
  CHECK(m["OwnerId"] == "123456789012");
  CHECK(m["State"] == "deregistered");
  CHECK(m["IsPublic"] == false);
  CHECK_FALSE(m.contains("DeprecationTime"));
}

TEST_CASE("DescribeInstanceImageMetadata filters and pages the caller's instances",
          "[ec2][image-usage]") {
  Ec2 ec2;
  const std::vector<std::string> amazon = run(ec2, al2023(ec2), 2);
  const std::string own = own_image(ec2, "golden");  // launches one more instance itself
  const std::vector<std::string> mine = run(ec2, own);
  auto count = [&](const Json& filters) {
    return ec2.ok("DescribeInstanceImageMetadata", {{"Filters", filters}})["InstanceImageMetadata"]
        .size();
  };
  // 2 from al2023, 1 builder from al2023 (own_image), 1 from the own image: 4.
  CHECK(count(Json::array()) == 4);
  CHECK(count({{{"Name", "owner-alias"}, {"Values", {"amazon"}}}}) == 3);
  CHECK(count({{{"Name", "owner-id"}, {"Values", {"123456789012"}}}}) == 1);
  CHECK(count({{{"Name", "instance-id"}, {"Values", {mine[0]}}}}) == 1);
  CHECK(count({{{"Name", "instance-type"}, {"Values", {"t3.*"}}}}) == 4);
  CHECK(count({{{"Name", "image-allowed"}, {"Values", {"true"}}}}) == 4);
  CHECK(count({{{"Name", "launch-time"}, {"Values", {"2026-01-01T*"}}}}) == 4);
  Json page1 = ec2.ok("DescribeInstanceImageMetadata", {{"MaxResults", 3}});
  CHECK(page1["InstanceImageMetadata"].size() == 3);
  Json page2 = ec2.ok("DescribeInstanceImageMetadata",
                      {{"MaxResults", 3}, {"NextToken", page1["NextToken"]}});
  CHECK(page2["InstanceImageMetadata"].size() == 1);
}

TEST_CASE("DescribeInstanceImageMetadata filters by zone, zone ID, state and tags",
          "[ec2][image-usage]") {
  Ec2 ec2;
  const std::vector<std::string> ids = run(ec2, al2023(ec2), 2);
  ec2.settle();
  ec2.ok("CreateTags", {{"Resources", {ids[0]}}, {"Tags", {{{"Key", "team"}, {"Value", "web"}}}}});
  ec2.ok("StopInstances", {{"InstanceIds", {ids[1]}}});
  ec2.settle();
  auto ids_for = [&](const Json& filters) {
    std::set<std::string> out;
    Json r = ec2.ok("DescribeInstanceImageMetadata", {{"Filters", filters}});
    for (const auto& m : r["InstanceImageMetadata"]) out.insert(m["InstanceId"]);
    return out;
  };
  const sim::Instance& first = *sim::find_instance(ec2.world, ec2.caller, sim::InstanceId(ids[0]));
  Json zone_id = ec2.ok("DescribeInstanceImageMetadata",
                        {{"InstanceIds", {ids[0]}}})["InstanceImageMetadata"][0]["ZoneId"];
  CHECK(ids_for({{{"Name", "availability-zone"}, {"Values", {first.zone.str()}}}}).count(ids[0]));
  CHECK(ids_for({{{"Name", "zone-id"}, {"Values", {zone_id}}}}).count(ids[0]));
  CHECK(ids_for({{{"Name", "instance-state-name"}, {"Values", {"stopped"}}}}) ==
        std::set<std::string>{ids[1]});
  CHECK(ids_for({{{"Name", "tag:team"}, {"Values", {"web"}}}}) == std::set<std::string>{ids[0]});
  CHECK(ids_for({{{"Name", "tag-key"}, {"Values", {"team"}}}}) == std::set<std::string>{ids[0]});
  CHECK(ids_for({{{"Name", "tag:team"}, {"Values", {"db"}}}}).empty());
}

TEST_CASE("DescribeInstanceImageMetadata refuses bad input with AWS's codes",
          "[ec2][image-usage][bad-input]") {
  Ec2 ec2;
  run(ec2, al2023(ec2));
  const sim::Caller other = ec2.as(kOther);
  const std::vector<std::string> theirs = run(ec2, al2023(ec2), 1, &other);
  const std::string before = ec2.world.digest();
  CHECK(ec2.error("DescribeInstanceImageMetadata", {{"MaxResults", 0}}).code ==
        "InvalidParameterValue");
  CHECK(ec2.error("DescribeInstanceImageMetadata", {{"MaxResults", 1001}}).code ==
        "InvalidParameterValue");
  CHECK(ec2.error("DescribeInstanceImageMetadata",
                  {{"Filters", {{{"Name", "image-id"}, {"Values", {"x"}}}}}})
            .code == "InvalidFilter");
  CHECK(ec2.error("DescribeInstanceImageMetadata", {{"InstanceIds", {"i-bad"}}}).code ==
        "InvalidInstanceID.Malformed");
  CHECK(ec2.error("DescribeInstanceImageMetadata", {{"InstanceIds", theirs}}).code ==
        "InvalidInstanceID.NotFound");
  CHECK(ec2.world.digest() == before);
}

// --- GetImageAncestry --------------------------------------------------------------------------

TEST_CASE("GetImageAncestry walks CreateImage and CopyImage back to the verified root",
          "[ec2][image-usage]") {
  Ec2 ec2;
  const std::string a = own_image(ec2, "golden");  // from an al2023 instance
  const sim::Caller eu = ec2.in("eu-west-1");
  const std::string b = ec2.ok(
      "CopyImage", {{"SourceRegion", "us-east-1"}, {"SourceImageId", a}, {"Name", "golden-eu"}},
      &eu)["ImageId"];
  ec2.settle();
  Json out = ec2.ok("GetImageAncestry", {{"ImageId", b}}, &eu);
  const Json& e = out["ImageAncestryEntries"];
  REQUIRE(e.size() == 3);  // b -> a -> al2023 (amazon: the root)
  CHECK(e[0]["ImageId"] == b);
  CHECK(e[0]["SourceImageId"] == a);
  CHECK(e[0]["SourceImageRegion"] == "us-east-1");
  CHECK(e[1]["ImageId"] == a);
  CHECK(e[1]["SourceImageId"] == al2023(ec2));
  CHECK_FALSE(e[1].contains("ImageOwnerAlias"));
  CHECK(e[2]["ImageId"] == al2023(ec2));
  CHECK(e[2]["ImageOwnerAlias"] == "amazon");
  CHECK_FALSE(e[2].contains("SourceImageId"));
  // A deregistered link stays in the chain (amisim keeps the lineage) [?].
  ec2.ok("DeregisterImage", {{"ImageId", a}});
  ec2.advance(2 * sim::kHourMs);
  CHECK(ec2.ok("GetImageAncestry", {{"ImageId", b}}, &eu)["ImageAncestryEntries"].size() == 3);
}

TEST_CASE("GetImageAncestry answers an account the image is shared with, not a stranger",
          "[ec2][image-usage]") {
  Ec2 ec2;
  const std::string golden = own_image(ec2, "golden");
  const sim::Caller partner = ec2.as(kOther);
  const sim::Caller stranger = ec2.as("333344445555");
  CHECK(ec2.error("GetImageAncestry", {{"ImageId", golden}}, &partner).code ==
        "InvalidAMIID.NotFound");
  ec2.ok("ModifyImageAttribute",
         {{"ImageId", golden}, {"LaunchPermission", {{"Add", {{{"UserId", kOther}}}}}}});
  Json out = ec2.ok("GetImageAncestry", {{"ImageId", golden}}, &partner);
  CHECK(out["ImageAncestryEntries"].size() == 2);  // golden -> al2023
  CHECK(ec2.error("GetImageAncestry", {{"ImageId", golden}}, &stranger).code ==
        "InvalidAMIID.NotFound");
}

TEST_CASE("GetImageAncestry of an image with no recorded source is that image alone",
          "[ec2][image-usage]") {
  Ec2 ec2;
  Json out = ec2.ok("GetImageAncestry", {{"ImageId", al2023(ec2)}});
  REQUIRE(out["ImageAncestryEntries"].size() == 1);
  CHECK(out["ImageAncestryEntries"][0]["ImageId"] == al2023(ec2));
}

TEST_CASE("GetImageAncestry refuses malformed, unknown and invisible images",
          "[ec2][image-usage][bad-input]") {
  Ec2 ec2;
  const std::string mine = own_image(ec2, "private");
  const sim::Caller other = ec2.as(kOther);
  CHECK(ec2.error("GetImageAncestry", {{"ImageId", "ami-xyz"}}).code == "InvalidAMIID.Malformed");
  CHECK(ec2.error("GetImageAncestry", {{"ImageId", "ami-0123456789abcdef0"}}).code ==
        "InvalidAMIID.NotFound");
  CHECK(ec2.error("GetImageAncestry", {{"ImageId", mine}}, &other).code == "InvalidAMIID.NotFound");
  CHECK(ec2.error("GetImageAncestry", Json::object()).code == "MissingParameter");
}

// --- Block public access for AMIs --------------------------------------------------------------

namespace {

std::string bpa_state(Ec2& ec2, const sim::Caller* who = nullptr) {
  Json out = ec2.ok("GetImageBlockPublicAccessState", Json::object(), who);
  CHECK(out["ManagedBy"] == "account");
  return out["ImageBlockPublicAccessState"];
}

Json make_public(const std::string& image) {
  return {{"ImageId", image}, {"LaunchPermission", {{"Add", {{{"Group", "all"}}}}}}};
}

}  // namespace

TEST_CASE("Image block public access takes effect 10 minutes after it is enabled",
          "[ec2][image-usage]") {
  Ec2 ec2;
  const std::string shared = own_image(ec2, "already-public");
  const std::string golden = own_image(ec2, "golden");
  ec2.ok("ModifyImageAttribute", make_public(shared));
  CHECK(bpa_state(ec2) == "unblocked");
  CHECK(ec2.ok("EnableImageBlockPublicAccess",
               {{"ImageBlockPublicAccessState",
                 "block-new-sharing"}})["ImageBlockPublicAccessState"] == "block-new-sharing");
  ec2.advance(10 * sim::kMinuteMs - 1);
  CHECK(bpa_state(ec2) == "unblocked");  // still propagating
  ec2.advance(1);
  CHECK(bpa_state(ec2) == "block-new-sharing");
  const auto e = ec2.error("ModifyImageAttribute", make_public(golden));
  CHECK(e.code == "OperationNotPermitted");
  CHECK(e.message.find("block public access for AMIs is enabled") != std::string::npos);
  // The older form is refused alike; sharing with an account and unsharing are not.
  CHECK(ec2.error("ModifyImageAttribute", {{"ImageId", golden},
                                           {"Attribute", "launchPermission"},
                                           {"OperationType", "add"},
                                           {"UserGroups", {"all"}}})
            .code == "OperationNotPermitted");
  ec2.ok("ModifyImageAttribute",
         {{"ImageId", golden}, {"LaunchPermission", {{"Add", {{{"UserId", kOther}}}}}}});
  // Already public stays public.
  CHECK(ec2.ok("DescribeImages", {{"ImageIds", {shared}}})["Images"][0]["Public"] == true);
  CHECK(ec2.ok("DescribeImages", {{"ImageIds", {golden}}})["Images"][0]["Public"] == false);
  // Per account and per Region.
  const sim::Caller other = ec2.as(kOther);
  const sim::Caller eu = ec2.in("eu-west-1");
  CHECK(bpa_state(ec2, &other) == "unblocked");
  CHECK(bpa_state(ec2, &eu) == "unblocked");
}

TEST_CASE("Disabling image block public access also takes 10 minutes", "[ec2][image-usage]") {
  Ec2 ec2;
  const std::string golden = own_image(ec2, "golden");
  ec2.ok("EnableImageBlockPublicAccess", {{"ImageBlockPublicAccessState", "block-new-sharing"}});
  ec2.advance(10 * sim::kMinuteMs);
  CHECK(ec2.ok("DisableImageBlockPublicAccess", Json::object())["ImageBlockPublicAccessState"] ==
        "unblocked");
  CHECK(bpa_state(ec2) == "block-new-sharing");
  CHECK(ec2.error("ModifyImageAttribute", make_public(golden)).code == "OperationNotPermitted");
  ec2.advance(10 * sim::kMinuteMs);
  CHECK(bpa_state(ec2) == "unblocked");
  ec2.ok("ModifyImageAttribute", make_public(golden));
  // Enable then disable within the 10 minutes: the block never takes effect.
  ec2.ok("EnableImageBlockPublicAccess", {{"ImageBlockPublicAccessState", "block-new-sharing"}});
  ec2.advance(5 * sim::kMinuteMs);
  ec2.ok("DisableImageBlockPublicAccess", Json::object());
  ec2.advance(20 * sim::kMinuteMs);
  CHECK(bpa_state(ec2) == "unblocked");
}

TEST_CASE("EnableImageBlockPublicAccess refuses a state other than block-new-sharing",
          "[ec2][image-usage][bad-input]") {
  Ec2 ec2;
  const std::string before = ec2.world.digest();
  for (const char* state : {"unblocked", "block-all-sharing", ""}) {
    INFO(state);
    CHECK(
        ec2.error("EnableImageBlockPublicAccess", {{"ImageBlockPublicAccessState", state}}).code ==
        "InvalidParameterValue");
  }
  CHECK(ec2.error("EnableImageBlockPublicAccess", Json::object()).code == "MissingParameter");
  CHECK(ec2.error("EnableImageBlockPublicAccess",
                  {{"ImageBlockPublicAccessState", "block-new-sharing"}, {"DryRun", true}})
            .code == "DryRunOperation");
  CHECK(ec2.world.digest() == before);
}
