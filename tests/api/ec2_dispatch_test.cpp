// ec2::call: caller checks, unknown actions, bad input JSON (DryRun: ec2_dry_run_test.cpp);
// DescribeRegions and DescribeAvailabilityZones from the fixtures.
#include <catch2/catch.hpp>

#include "tests/api/ec2_support.hpp"

using test::Ec2;
using test::Json;

TEST_CASE("ec2::call refuses a Region the world does not have, with AuthFailure (401)") {
  Ec2 ec2;
  sim::Caller nowhere{sim::kDefaultAccount, sim::RegionName{"mars-north-1"}};
  auto e = ec2.error("DescribeImages", Json::object(), &nowhere);
  CHECK(e.code == "AuthFailure");
  CHECK(e.http_status == 401);
  CHECK(e.message.find("mars-north-1") != std::string::npos);
}

TEST_CASE("ec2::call creates a new account on first sight") {
  Ec2 ec2;
  sim::Caller other{sim::AccountId{"210987654321"}, sim::kDefaultRegion};
  CHECK_FALSE(ec2.world.has_account(other.account));
  ec2.ok("DescribeRegions", Json::object(), &other);
  CHECK(ec2.world.has_account(other.account));
}

TEST_CASE(
    "ec2::call: unknown action is InvalidAction, modelled but unimplemented is "
    "UnsupportedOperation") {
  Ec2 ec2;
  CHECK(ec2.error("LaunchRockets").code == "InvalidAction");
  for (const auto& [name, op] : test::ec2_model().operations()) {
    if (amisim::ec2::find_handler(name) != nullptr) continue;
    INFO(name);
    CHECK(ec2.error(name).code == "UnsupportedOperation");
  }
}

TEST_CASE("ec2::call: every handler is an operation of the service model") {
  for (auto action : amisim::ec2::supported_actions()) {
    INFO(action);
    CHECK(test::ec2_model().operation(action) != nullptr);
  }
}

TEST_CASE("ec2::call: wrongly typed input JSON is InvalidParameterValue, never a crash") {
  Ec2 ec2;
  CHECK(ec2.error("DescribeRegions", {{"RegionNames", "us-east-1"}}).code ==
        "InvalidParameterValue");
  CHECK(ec2.error("DescribeRegions", {{"RegionNames", {1, 2}}}).code == "InvalidParameterValue");
  CHECK(ec2.error("DescribeRegions", {{"Filters", {{{"Name", 3}}}}}).code ==
        "InvalidParameterValue");
  CHECK(ec2.error("DescribeRegions", Json::array()).code == "InvalidParameterValue");
}

TEST_CASE("DescribeRegions lists the fixture Regions, by name and by filter") {
  Ec2 ec2;
  Json all = ec2.ok("DescribeRegions", {{"AllRegions", true}});
  CHECK(all["Regions"].size() == ec2.world.fixtures().regions.size());
  Json one = ec2.ok("DescribeRegions", {{"RegionNames", {"eu-west-1"}}});
  REQUIRE(one["Regions"].size() == 1);
  CHECK(one["Regions"][0]["RegionName"] == "eu-west-1");
  CHECK(one["Regions"][0]["Endpoint"] == "ec2.eu-west-1.amazonaws.com");
  Json eu =
      ec2.ok("DescribeRegions", {{"Filters", {{{"Name", "region-name"}, {"Values", {"eu-*"}}}}}});
  CHECK(eu["Regions"].size() >= 2);
  for (const auto& r : eu["Regions"])
    CHECK(r["RegionName"].get<std::string>().rfind("eu-", 0) == 0);
  CHECK(ec2.error("DescribeRegions", {{"RegionNames", {"xx-nowhere-1"}}}).code ==
        "InvalidParameterValue");
  CHECK(
      ec2.error("DescribeRegions", {{"Filters", {{{"Name", "colour"}, {"Values", {"x"}}}}}}).code ==
      "InvalidFilter");
}

TEST_CASE("DescribeAvailabilityZones lists the caller's Region's zones") {
  Ec2 ec2;
  sim::Caller tokyo = ec2.in("ap-northeast-1");
  Json zones = ec2.ok("DescribeAvailabilityZones", Json::object(), &tokyo);
  REQUIRE_FALSE(zones["AvailabilityZones"].empty());
  for (const auto& z : zones["AvailabilityZones"]) {
    CHECK(z["RegionName"] == "ap-northeast-1");
    CHECK(z["ZoneName"].get<std::string>().rfind("ap-northeast-1", 0) == 0);
    CHECK(z["State"] == "available");
  }
  Json a = ec2.ok("DescribeAvailabilityZones", {{"ZoneNames", {"us-east-1a"}}});
  REQUIRE(a["AvailabilityZones"].size() == 1);
  CHECK(a["AvailabilityZones"][0]["ZoneName"] == "us-east-1a");
  CHECK(ec2.error("DescribeAvailabilityZones", {{"ZoneNames", {"us-east-1a"}}}, &tokyo).code ==
        "InvalidParameterValue");
}
