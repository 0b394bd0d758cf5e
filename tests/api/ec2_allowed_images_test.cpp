// The Allowed AMIs actions through the EC2 door (api/ec2/allowed_images.cpp), and the calls they
// govern: DescribeImages' ImageAllowed, launches from templates and resolve:ssm:,
// CreateStoreImageTask, DescribeInstanceImageMetadata. Facts: docs/aws-facts.md §A.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "tests/api/ec2_support.hpp"
#include "tests/sim/images/image_fixture.hpp"

using test::Ec2;
using test::Json;

namespace {

using test::kOther;
const std::string kAl2023Parameter =
    "resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64";

Json settings(Ec2& ec2) { return ec2.ok("GetAllowedImagesSettings"); }

void enable(Ec2& ec2, const std::string& state) {
  CHECK(ec2.ok("EnableAllowedImagesSettings",
               {{"AllowedImagesSettingsState", state}})["AllowedImagesSettingsState"] == state);
}

void replace(Ec2& ec2, const Json& criteria) {
  CHECK(ec2.ok("ReplaceImageCriteriaInAllowedImagesSettings",
               {{"ImageCriteria", criteria}})["ReturnValue"] == true);
}

Json run_input(const std::string& image) {
  return {{"ImageId", image}, {"InstanceType", "t3.micro"}, {"MinCount", 1}, {"MaxCount", 1}};
}

using test::describe_image;

// A public image of kOther's in us-east-1.
std::string public_image(Ec2& ec2, const std::string& name) {
  const sim::Caller other = ec2.as(kOther);
  const sim::ImageId id = test::registered_image(ec2, other, name);
  REQUIRE(test::make_public(ec2, other, id).ok());
  ec2.settle();
  return id.str();
}

}  // namespace

TEST_CASE("GetAllowedImagesSettings starts disabled, managed by the account, with no criteria",
          "[ec2][allowed-images]") {
  Ec2 ec2;
  const Json out = settings(ec2);
  CHECK(out["State"] == "disabled");
  CHECK(out["ManagedBy"] == "account");
  CHECK_FALSE(out.contains("ImageCriteria"));
  CHECK_FALSE(
      describe_image(ec2, ec2.catalogue_image("al2023-x86_64").str()).contains("ImageAllowed"));
}

TEST_CASE("ReplaceImageCriteria's criteria come back from GetAllowedImagesSettings as given",
          "[ec2][allowed-images]") {
  Ec2 ec2;
  const Json criteria =
      Json::array({{{"MarketplaceProductCodes", {"abcdefg1234567890"}}},
                   {{"ImageProviders", {"123456789013", kOther}},
                    {"CreationDateCondition", {{"MaximumDaysSinceCreated", 300}}}},
                   {{"ImageProviders", {"amazon"}}, {"ImageNames", {"golden-ami-*", "base ?"}}},
                   {{"ImageProviders", {"amazon"}},
                    {"DeprecationTimeCondition", {{"MaximumDaysSinceDeprecated", 0}}}}});
  replace(ec2, criteria);
  enable(ec2, "audit-mode");
  const Json out = settings(ec2);
  CHECK(out["State"] == "audit-mode");
  CHECK(out["ImageCriteria"] == criteria);
  enable(ec2, "enabled");
  CHECK(settings(ec2)["State"] == "enabled");
  CHECK(ec2.ok("DisableAllowedImagesSettings")["AllowedImagesSettingsState"] == "disabled");
  CHECK(settings(ec2)["State"] == "disabled");
  replace(ec2, Json::array());  // no criteria at all
  CHECK_FALSE(settings(ec2).contains("ImageCriteria"));
}

TEST_CASE("Bad Allowed AMIs input is refused with AWS's codes and changes nothing",
          "[ec2][allowed-images][bad-input]") {
  Ec2 ec2;
  const Json one = Json::array({{{"ImageProviders", {"amazon"}}}});
  replace(ec2, one);
  CHECK(ec2.error("EnableAllowedImagesSettings", Json::object()).code == "MissingParameter");
  CHECK(
      ec2.error("EnableAllowedImagesSettings", {{"AllowedImagesSettingsState", "disabled"}}).code ==
      "InvalidParameterValue");
  Json eleven = Json::array();
  for (int i = 0; i < 11; ++i) eleven.push_back({{"ImageNames", {"n" + std::to_string(i)}}});
  CHECK(
      ec2.error("ReplaceImageCriteriaInAllowedImagesSettings", {{"ImageCriteria", eleven}}).code ==
      "InvalidParameterValue");
  CHECK(ec2.error("ReplaceImageCriteriaInAllowedImagesSettings",
                  {{"ImageCriteria", {{{"ImageProviders", {"none", "amazon"}}}}}})
            .code == "InvalidParameterCombination");
  CHECK(ec2.error("ReplaceImageCriteriaInAllowedImagesSettings",
                  {{"ImageCriteria",
                    {{{"CreationDateCondition", {{"MaximumDaysSinceCreated", -1}}}}}}})
            .code == "InvalidParameterValue");
  CHECK(ec2.error("ReplaceImageCriteriaInAllowedImagesSettings",
                  {{"ImageCriteria", {{{"ImageProviders", {"amazon"}}}}}, {"DryRun", true}})
            .code == "DryRunOperation");
  const Json out = settings(ec2);
  CHECK(out["State"] == "disabled");
  CHECK(out["ImageCriteria"] == one);
}

TEST_CASE("DescribeImages reports ImageAllowed in audit mode and hides what is not allowed",
          "[ec2][allowed-images]") {
  Ec2 ec2;
  const std::string stranger = public_image(ec2, "stranger");
  const std::string al2023 = ec2.catalogue_image("al2023-x86_64").str();
  replace(ec2, Json::array({{{"ImageProviders", {"amazon"}}}}));
  enable(ec2, "audit-mode");
  CHECK(describe_image(ec2, stranger)["ImageAllowed"] == false);
  CHECK(describe_image(ec2, al2023)["ImageAllowed"] == true);
  ec2.ok("RunInstances", run_input(stranger));  // audit mode blocks nothing

  enable(ec2, "enabled");
  CHECK(describe_image(ec2, al2023)["ImageAllowed"] == true);
  CHECK(ec2.error("DescribeImages", {{"ImageIds", {stranger}}}).code == "InvalidAMIID.NotFound");
  const auto e = ec2.error("RunInstances", run_input(stranger));
  CHECK(e.code == "InvalidAMIID.NotFound");
  CHECK(e.message.find(stranger) != std::string::npos);
}

TEST_CASE("Launch templates and resolve:ssm: launch only allowed images while enabled",
          "[ec2][allowed-images]") {
  Ec2 ec2;
  const std::string al2023 = ec2.catalogue_image("al2023-x86_64").str();
  const Json lt =
      ec2.ok("CreateLaunchTemplate",
             {{"LaunchTemplateName", "web"},
              {"LaunchTemplateData", {{"ImageId", al2023}, {"InstanceType", "t3.micro"}}}});
  const std::string lt_id = lt["LaunchTemplate"]["LaunchTemplateId"];
  const Json from_template = {
      {"LaunchTemplate", {{"LaunchTemplateId", lt_id}}}, {"MinCount", 1}, {"MaxCount", 1}};
  replace(ec2, Json::array({{{"ImageProviders", {kOther}}}}));
  enable(ec2, "enabled");
  CHECK(ec2.error("RunInstances", from_template).code == "InvalidAMIID.NotFound");
  CHECK(ec2.error("RunInstances", run_input(kAl2023Parameter)).code == "InvalidAMIID.NotFound");
  replace(ec2, Json::array({{{"ImageProviders", {"amazon"}}}}));
  ec2.ok("RunInstances", from_template);
  ec2.ok("RunInstances", run_input(kAl2023Parameter));
}

TEST_CASE("CreateStoreImageTask of a shared image outside the criteria is not found while enabled",
          "[ec2][allowed-images]") {
  Ec2 ec2;
  const sim::Caller other = ec2.as(kOther);
  const sim::ImageId shared = test::registered_image(ec2, other, "shared");
  REQUIRE(test::share(ec2, other, shared, ec2.caller.account.str()).ok());
  ec2.settle();
  sim::Bucket b;
  b.name = "amis";
  b.owner = ec2.caller.account;
  b.region = ec2.caller.region;
  ec2.world.buckets()["amis"] = b;
  const Json store = {{"ImageId", shared.str()}, {"Bucket", "amis"}};
  enable(ec2, "enabled");
  CHECK(ec2.error("CreateStoreImageTask", store).code == "InvalidAMIID.NotFound");
  replace(ec2, Json::array({{{"ImageProviders", {kOther}}}}));
  ec2.ok("CreateStoreImageTask", store);
}

TEST_CASE("DescribeInstanceImageMetadata reports ImageAllowed and filters on image-allowed",
          "[ec2][allowed-images]") {
  Ec2 ec2;
  const std::string stranger = public_image(ec2, "stranger");
  const std::string al2023 = ec2.catalogue_image("al2023-x86_64").str();
  ec2.ok("RunInstances", run_input(stranger));
  ec2.ok("RunInstances", run_input(al2023));
  const Json all = ec2.ok("DescribeInstanceImageMetadata");
  REQUIRE(all["InstanceImageMetadata"].size() == 2);
  for (const auto& m : all["InstanceImageMetadata"])
    CHECK_FALSE(m["ImageMetadata"].contains("ImageAllowed"));
  replace(ec2, Json::array({{{"ImageProviders", {"amazon"}}}}));
  enable(ec2, "audit-mode");
  const Json refused = ec2.ok("DescribeInstanceImageMetadata",
                              {{"Filters", {{{"Name", "image-allowed"}, {"Values", {"false"}}}}}});
  REQUIRE(refused["InstanceImageMetadata"].size() == 1);
  CHECK(refused["InstanceImageMetadata"][0]["ImageMetadata"]["ImageId"] == stranger);
  CHECK(refused["InstanceImageMetadata"][0]["ImageMetadata"]["ImageAllowed"] == false);
}
