// Opt-in Regions at the EC2 door (api/ec2/dispatch.cpp, regions.cpp), DescribeRegions with
// AllRegions, and DescribeInstanceTypes / DescribeInstanceTypeOfferings (instance_types.cpp).
#include <catch2/catch.hpp>
#include <set>

#include "sim/regions/opt_in.hpp"
#include "tests/api/ec2_support.hpp"

using test::Ec2;
using test::Json;

namespace {
std::set<std::string> region_names(const Json& out) {
  std::set<std::string> names;
  for (const auto& r : out["Regions"]) names.insert(r["RegionName"].get<std::string>());
  return names;
}
}  // namespace

TEST_CASE("EC2 in an opt-in Region the account has not enabled is AuthFailure (401), as AWS") {
  Ec2 ec2;
  sim::Caller cape = ec2.in("af-south-1");
  auto e = ec2.error("DescribeImages", {{"Owners", {"amazon"}}}, &cape);
  CHECK(e.code == "AuthFailure");
  CHECK(e.http_status == 401);
  CHECK(e.message == "AWS was not able to validate the provided access credentials");
  // Enabled, after the change has taken its model time, the same call works.
  test::expect_ok(sim::enable_region(ec2.world, cape.account, cape.region));
  CHECK(ec2.error("DescribeImages", Json::object(), &cape).code == "AuthFailure");
  ec2.settle();
  Json images = ec2.ok("DescribeImages", {{"Owners", {"amazon"}}}, &cape);
  CHECK_FALSE(images["Images"].empty());
}

TEST_CASE("DescribeRegions lists enabled Regions, and AllRegions adds the not-opted-in ones") {
  Ec2 ec2;
  Json enabled = ec2.ok("DescribeRegions");
  Json all = ec2.ok("DescribeRegions", {{"AllRegions", true}});
  CHECK(enabled["Regions"].size() == 17);
  CHECK(all["Regions"].size() == 34);
  for (const auto& r : enabled["Regions"]) CHECK(r["OptInStatus"] == "opt-in-not-required");
  Json not_opted =
      ec2.ok("DescribeRegions",
             {{"AllRegions", true},
              {"Filters", {{{"Name", "opt-in-status"}, {"Values", {"not-opted-in"}}}}}});
  CHECK(not_opted["Regions"].size() == 17);
  CHECK(region_names(not_opted).count("af-south-1") == 1);
  test::expect_ok(sim::enable_region(ec2.world, ec2.caller.account, sim::RegionName("af-south-1")));
  ec2.settle();
  Json after = ec2.ok("DescribeRegions");
  CHECK(after["Regions"].size() == 18);
  Json cape = ec2.ok("DescribeRegions", {{"RegionNames", {"af-south-1"}}});
  REQUIRE(cape["Regions"].size() == 1);
  CHECK(cape["Regions"][0]["OptInStatus"] == "opted-in");
  CHECK(cape["Regions"][0]["Endpoint"] == "ec2.af-south-1.amazonaws.com");
}

TEST_CASE("DescribeAvailabilityZones in a newly modelled Region gives real zone names and IDs") {
  Ec2 ec2;
  sim::Caller stockholm = ec2.in("eu-north-1");
  Json zones = ec2.ok("DescribeAvailabilityZones", Json::object(), &stockholm);
  REQUIRE(zones["AvailabilityZones"].size() == 3);
  CHECK(zones["AvailabilityZones"][0]["ZoneName"] == "eu-north-1a");
  CHECK(zones["AvailabilityZones"][0]["ZoneId"] == "eun1-az1");
  sim::Caller california = ec2.in("us-west-1");
  Json west = ec2.ok("DescribeAvailabilityZones", {{"ZoneIds", {"usw1-az3"}}}, &california);
  REQUIRE(west["AvailabilityZones"].size() == 1);
  CHECK(west["AvailabilityZones"][0]["ZoneName"] == "us-west-1a");
}

TEST_CASE("CopyImage into a newly modelled Region, and into an opt-in one once enabled") {
  Ec2 ec2;
  const std::string source = ec2.catalogue_image("al2023-x86_64").str();
  Json in = {{"SourceRegion", "us-east-1"}, {"SourceImageId", source}, {"Name", "golden"}};
  sim::Caller stockholm = ec2.in("eu-north-1");
  Json copy = ec2.ok("CopyImage", in, &stockholm);
  ec2.settle();
  Json described = ec2.ok("DescribeImages", {{"ImageIds", {copy["ImageId"]}}}, &stockholm);
  CHECK(described["Images"][0]["State"] == "available");
  sim::Caller bahrain = ec2.in("me-south-1");
  CHECK(ec2.error("CopyImage", in, &bahrain).code == "AuthFailure");
  test::expect_ok(sim::enable_region(ec2.world, bahrain.account, bahrain.region));
  ec2.settle();
  Json there = ec2.ok("CopyImage", in, &bahrain);
  ec2.settle();
  CHECK(ec2.ok("DescribeImages", {{"ImageIds", {there["ImageId"]}}},
               &bahrain)["Images"][0]["State"] == "available");
  // Copying back out of an opt-in Region needs it enabled too.
  Json back = {
      {"SourceRegion", "me-south-1"}, {"SourceImageId", there["ImageId"]}, {"Name", "back"}};
  test::expect_ok(sim::disable_region(ec2.world, bahrain.account, bahrain.region));
  ec2.settle();
  CHECK(ec2.error("CopyImage", back).code == "AuthFailure");
}

TEST_CASE("DescribeInstanceTypes answers the fixture types the Region offers") {
  Ec2 ec2;
  Json one = ec2.ok("DescribeInstanceTypes", {{"InstanceTypes", {"t3.micro"}}});
  REQUIRE(one["InstanceTypes"].size() == 1);
  const Json& t = one["InstanceTypes"][0];
  CHECK(t["InstanceType"] == "t3.micro");
  CHECK(t["VCpuInfo"]["DefaultVCpus"] == 2);
  CHECK(t["MemoryInfo"]["SizeInMiB"] == 1024);
  CHECK(t["ProcessorInfo"]["SupportedArchitectures"] == Json({"x86_64"}));
  CHECK(t["BurstablePerformanceSupported"] == true);
  CHECK(t["FreeTierEligible"] == true);
  Json arm = ec2.ok(
      "DescribeInstanceTypes",
      {{"Filters", {{{"Name", "processor-info.supported-architecture"}, {"Values", {"arm64"}}}}}});
  REQUIRE_FALSE(arm["InstanceTypes"].empty());
  for (const auto& a : arm["InstanceTypes"])
    CHECK(a["ProcessorInfo"]["SupportedArchitectures"] == Json({"arm64"}));
  auto e = ec2.error("DescribeInstanceTypes", {{"InstanceTypes", {"t3.micro", "q9.huge"}}});
  CHECK(e.code == "InvalidInstanceType");
  CHECK(e.message == "The following supplied instance types do not exist: [q9.huge]");
  // m1.small exists, but not in eu-north-1 (MOTO-OFFERINGS).
  sim::Caller stockholm = ec2.in("eu-north-1");
  CHECK(ec2.error("DescribeInstanceTypes", {{"InstanceTypes", {"m1.small"}}}, &stockholm).code ==
        "InvalidInstanceType");
  CHECK(ec2.error("DescribeInstanceTypes", {{"MaxResults", 101}}).code == "InvalidParameterValue");
  CHECK(ec2.error("DescribeInstanceTypes", {{"Filters", {{{"Name", "colour"}, {"Values", {"x"}}}}}})
            .code == "InvalidFilter");
}

TEST_CASE("DescribeInstanceTypes pages through every type exactly once") {
  Ec2 ec2;
  std::set<std::string> seen;
  std::string token;
  int pages = 0;
  do {
    Json in = {{"MaxResults", 5}};
    if (!token.empty()) in["NextToken"] = token;
    Json out = ec2.ok("DescribeInstanceTypes", in);
    for (const auto& t : out["InstanceTypes"]) CHECK(seen.insert(t["InstanceType"]).second);
    token = out.value("NextToken", "");
    ++pages;
  } while (!token.empty() && pages < 100);
  CHECK(seen.size() == ec2.world.fixtures().instance_types.size());
}

TEST_CASE("DescribeInstanceTypeOfferings by Region, zone and zone ID, with filters") {
  Ec2 ec2;
  Json region = ec2.ok("DescribeInstanceTypeOfferings");
  CHECK(region["InstanceTypeOfferings"].size() == ec2.world.fixtures().instance_types.size());
  CHECK(region["InstanceTypeOfferings"][0]["LocationType"] == "region");
  CHECK(region["InstanceTypeOfferings"][0]["Location"] == "us-east-1");
  // us-east-1e is an old zone: no t3 there (moto's real offerings data).
  Json e = ec2.ok("DescribeInstanceTypeOfferings",
                  {{"LocationType", "availability-zone"},
                   {"Filters",
                    {{{"Name", "location"}, {"Values", {"us-east-1e"}}},
                     {{"Name", "instance-type"}, {"Values", {"t3.*"}}}}}});
  CHECK(e["InstanceTypeOfferings"].empty());
  Json a = ec2.ok("DescribeInstanceTypeOfferings",
                  {{"LocationType", "availability-zone-id"},
                   {"Filters", {{{"Name", "instance-type"}, {"Values", {"t3.micro"}}}}}});
  std::set<std::string> ids;
  for (const auto& o : a["InstanceTypeOfferings"]) ids.insert(o["Location"].get<std::string>());
  CHECK(ids.count("use1-az6") == 1);  // us-east-1a
  CHECK(ids.count("use1-az3") == 0);  // us-east-1e
  CHECK(ec2.ok("DescribeInstanceTypeOfferings",
               {{"LocationType", "outpost"}})["InstanceTypeOfferings"]
            .empty());
  CHECK(ec2.error("DescribeInstanceTypeOfferings", {{"LocationType", "moon"}}).code ==
        "InvalidParameterValue");
  CHECK(ec2.error("DescribeInstanceTypeOfferings",
                  {{"Filters", {{{"Name", "colour"}, {"Values", {"x"}}}}}})
            .code == "InvalidFilter");
}
