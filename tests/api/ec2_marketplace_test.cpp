// AWS Marketplace AMIs through the EC2 Query handlers: DescribeImages shows them (ProductCodes,
// aws-marketplace owner), RunInstances without a subscription is OptInRequired (401), CopyImage
// into another account is InvalidRequest, and the derived AMI cannot be made public.
#include <catch2/catch.hpp>

#include "sim/images/marketplace.hpp"
#include "tests/api/ec2_support.hpp"

using test::Ec2;
using test::Json;

namespace {

const sim::MarketplaceProduct& first_product(const Ec2& ec2) {
  REQUIRE_FALSE(ec2.world.fixtures().marketplace.empty());
  return ec2.world.fixtures().marketplace.front();
}

Json run_input(const std::string& image, const std::string& type) {
  return {{"ImageId", image}, {"InstanceType", type}, {"MinCount", 1}, {"MaxCount", 1}};
}

}  // namespace

TEST_CASE("EC2 API: Marketplace AMIs in DescribeImages, with their product code") {
  Ec2 ec2;
  const auto& p = first_product(ec2);
  const std::string id = p.images.at(ec2.caller.region).str();
  Json out = ec2.ok("DescribeImages", {{"Owners", {"aws-marketplace"}}});
  bool seen = false;
  for (const auto& image : out["Images"]) {
    CHECK(image["ImageOwnerAlias"] == "aws-marketplace");
    CHECK(image["OwnerId"] == "679593333241");
    REQUIRE(image.contains("ProductCodes"));
    if (image["ImageId"] == id) {
      seen = true;
      CHECK(image["ProductCodes"] ==
            Json::array({{{"ProductCodeId", p.code}, {"ProductCodeType", "marketplace"}}}));
      CHECK(image["Public"] == true);
    }
  }
  CHECK(seen);
  Json filtered =
      ec2.ok("DescribeImages", {{"Filters", {{{"Name", "product-code"}, {"Values", {p.code}}}}}});
  REQUIRE(filtered["Images"].size() == 1);
  CHECK(filtered["Images"][0]["ImageId"] == id);
}

TEST_CASE("EC2 API: RunInstances of a Marketplace AMI is OptInRequired (401) until subscribed") {
  Ec2 ec2;
  const auto& p = first_product(ec2);
  const Json input = run_input(p.images.at(ec2.caller.region).str(), p.instance_types.front());
  auto e = ec2.error("RunInstances", input);
  CHECK(e.code == "OptInRequired");
  CHECK(e.http_status == 401);
  CHECK(e.message.find("pp?sku=" + p.code) != std::string::npos);
  REQUIRE(sim::subscribe(ec2.world, ec2.caller.account, p.code).ok());
  Json run = ec2.ok("RunInstances", input);
  CHECK(run["Instances"][0]["ImageId"] == input["ImageId"]);
  // The instance carries the image's product code (APIREF Instance.productCodes); an instance of
  // an ordinary image shows none.
  const Json code = Json::array({{{"ProductCodeId", p.code}, {"ProductCodeType", "marketplace"}}});
  CHECK(run["Instances"][0]["ProductCodes"] == code);
  Json described =
      ec2.ok("DescribeInstances", {{"InstanceIds", {run["Instances"][0]["InstanceId"]}}});
  CHECK(described["Reservations"][0]["Instances"][0]["ProductCodes"] == code);
  Json plain =
      ec2.ok("RunInstances", run_input(ec2.catalogue_image("al2023-x86_64").str(), "t3.micro"));
  CHECK(plain["Instances"][0]["ProductCodes"] == Json::array());
}

TEST_CASE(
    "EC2 API: CopyImage of a Marketplace AMI into the caller's account is InvalidRequest, "
    "its derived AMI cannot be made public") {
  Ec2 ec2;
  const auto& p = first_product(ec2);
  const std::string source = p.images.at(ec2.caller.region).str();
  auto e = ec2.error(
      "CopyImage",
      {{"SourceRegion", ec2.caller.region.str()}, {"SourceImageId", source}, {"Name", "mine"}});
  CHECK(e.code == "InvalidRequest");
  CHECK(e.message == "Images from AWS Marketplace cannot be copied to another AWS account.");

  REQUIRE(sim::subscribe(ec2.world, ec2.caller.account, p.code).ok());
  Json run = ec2.ok("RunInstances", run_input(source, p.instance_types.front()));
  ec2.settle();
  std::string instance = run["Instances"][0]["InstanceId"];
  std::string image =
      ec2.ok("CreateImage",
             {{"InstanceId", instance}, {"Name", "derived"}, {"NoReboot", true}})["ImageId"];
  ec2.settle();
  Json described = ec2.ok("DescribeImages", {{"ImageIds", {image}}});
  CHECK(described["Images"][0]["ProductCodes"][0]["ProductCodeId"] == p.code);
  auto pub = ec2.error("ModifyImageAttribute",
                       {{"ImageId", image}, {"LaunchPermission", {{"Add", {{{"Group", "all"}}}}}}});
  CHECK(pub.code == "InvalidParameterValue");
  CHECK(ec2.ok("DescribeImages", {{"ImageIds", {image}}})["Images"][0]["Public"] == false);
}
