// amisim as a C++ library (include/amisim/world.hpp, lib/world.cpp): calls answer the SDK's JSON
// or AWS's error, a seed fixes the world, the clock moves by mode and by advance, the bill follows
// the model's timeline.
#include "amisim/world.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

#include "amisim/version.hpp"

using Json = nlohmann::json;
using namespace std::chrono_literals;

namespace {

// The response of a call that must succeed, parsed.
Json ok_json(amisim::World& world, std::string_view service, std::string_view action,
             const Json& request, const amisim::Caller& caller = {}) {
  const amisim::CallResult r = world.call(service, action, request.dump(), caller);
  INFO(action << ": " << (r.error ? r.error->code + " " + r.error->message : ""));
  REQUIRE(r.ok());
  return Json::parse(r.json);
}

std::string error_code(const amisim::CallResult& r) { return r.error ? r.error->code : "(none)"; }

std::string al2023_in(amisim::World& world, const std::string& region = "us-east-1") {
  const Json images =
      ok_json(world, "ec2", "DescribeImages",
              {{"Owners", {"amazon"}},
               {"Filters", {{{"Name", "name"}, {"Values", {"al2023-ami-2023*-x86_64"}}}}}},
              {"123456789012", region});
  REQUIRE_FALSE(images["Images"].empty());
  return images["Images"][0]["ImageId"].get<std::string>();
}

std::string run_one(amisim::World& world, const std::string& image,
                    const amisim::Caller& caller = {}) {
  const Json out = ok_json(
      world, "ec2", "RunInstances",
      {{"ImageId", image}, {"InstanceType", "t3.micro"}, {"MinCount", 1}, {"MaxCount", 1}}, caller);
  return out["Instances"][0]["InstanceId"].get<std::string>();
}

std::string instance_state(amisim::World& world, const std::string& id) {
  const Json out = ok_json(world, "ec2", "DescribeInstances", {{"InstanceIds", {id}}});
  return out["Reservations"][0]["Instances"][0]["State"]["Name"].get<std::string>();
}

}  // namespace

TEST_CASE("The library's version is the project's", "[lib]") {
  CHECK(std::string(amisim::kVersion) == std::to_string(AMISIM_VERSION_MAJOR) + "." +
                                             std::to_string(AMISIM_VERSION_MINOR) + "." +
                                             std::to_string(AMISIM_VERSION_PATCH));
  CHECK(amisim::kVersionMajor == AMISIM_VERSION_MAJOR);
}

TEST_CASE("A World answers an EC2 call with the output JSON in the SDK's shape", "[lib]") {
  amisim::World world;
  const Json images = ok_json(
      world, "ec2", "DescribeImages",
      {{"Owners", {"amazon"}}, {"Filters", {{{"Name", "name"}, {"Values", {"al2023-ami-*"}}}}}});
  REQUIRE(images["Images"].is_array());
  REQUIRE_FALSE(images["Images"].empty());
  for (const Json& image : images["Images"]) {
    CHECK(image["ImageId"].get<std::string>().rfind("ami-", 0) == 0);
    CHECK(image["State"] == "available");
    CHECK(image["Name"].get<std::string>().rfind("al2023-ami-", 0) == 0);
  }
  // The request defaults to {}.
  const amisim::CallResult regions = world.call("ec2", "DescribeRegions");
  REQUIRE(regions.ok());
  CHECK(Json::parse(regions.json)["Regions"].size() == 17);
}

TEST_CASE("A failed call answers AWS's error code, message and status", "[lib]") {
  amisim::World world;
  const amisim::CallResult missing =
      world.call("ec2", "DescribeImages", R"({"ImageIds": ["ami-0123456789abcdef0"]})");
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.json.empty());
  CHECK(missing.error->code == "InvalidAMIID.NotFound");
  CHECK(missing.error->message.find("ami-0123456789abcdef0") != std::string::npos);
  CHECK(missing.error->http_status == 400);
  CHECK(error_code(world.call("ec2", "RunInstances", R"({"MinCount": 1, "MaxCount": 1})")) ==
        "MissingParameter");
  CHECK(error_code(world.call("ec2", "DescribeImages", R"({"Owner": ["self"]})")) ==
        "UnknownParameter");
  CHECK(error_code(world.call("ec2", "DescribeImages", R"({"Owners": "self"})")) ==
        "InvalidParameterValue");
  CHECK(error_code(world.call("ec2", "DescribeImages", R"({"MaxResults": "many"})")) ==
        "InvalidParameterValue");
  CHECK(error_code(world.call("ec2", "LaunchRocket")) == "InvalidAction");
  // A caller AWS would not let in.
  CHECK(error_code(world.call("ec2", "DescribeImages", "{}", {"12345", "us-east-1"})) ==
        "AuthFailure");
  CHECK(error_code(world.call("ec2", "DescribeImages", "{}", {"123456789012", "af-south-1"})) ==
        "AuthFailure");
  CHECK(error_code(world.call("ec2", "DescribeImages", "{}", {"123456789012", "mars-north-1"})) ==
        "AuthFailure");
  // What only a C++ caller can get wrong.
  CHECK(error_code(world.call("ec2", "DescribeImages", "{not json")) == "amisim.InvalidJson");
  CHECK(error_code(world.call("ec2", "DescribeImages", "[]")) == "amisim.InvalidJson");
  CHECK(error_code(world.call("lambda", "ListFunctions")) == "amisim.UnknownService");
}

TEST_CASE("A World reaches S3, SSM and the Account API too", "[lib]") {
  amisim::World world;
  ok_json(world, "s3", "CreateBucket", {{"Bucket", "golden-images"}});
  const Json buckets = ok_json(world, "s3", "ListBuckets", Json::object());
  REQUIRE(buckets["Buckets"].size() == 1);
  CHECK(buckets["Buckets"][0]["Name"] == "golden-images");

  const Json parameter =
      ok_json(world, "ssm", "GetParameter",
              {{"Name", "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64"}});
  CHECK(parameter["Parameter"]["Value"].get<std::string>().rfind("ami-", 0) == 0);
  CHECK(error_code(world.call("ssm", "GetParameter", R"({"Name": "/no/such"})")) ==
        "ParameterNotFound");

  const Json status =
      ok_json(world, "account", "GetRegionOptStatus", {{"RegionName", "af-south-1"}});
  CHECK(status["RegionOptStatus"] == "DISABLED");
}

TEST_CASE("The same seed and calls give the same responses and digest; another seed other IDs",
          "[lib]") {
  auto play = [](std::uint64_t seed) {
    amisim::World world({seed, amisim::ClockMode::kInstant});
    const std::string instance = run_one(world, al2023_in(world));
    const Json image =
        ok_json(world, "ec2", "CreateImage", {{"InstanceId", instance}, {"Name", "golden"}});
    return std::make_pair(instance + " " + image.dump(), world.digest());
  };
  const auto a = play(7), b = play(7), c = play(8);
  CHECK(a == b);
  CHECK(a.first != c.first);
  CHECK(a.second != c.second);
  amisim::World fresh({7}), other({8});
  CHECK(fresh.seed() == 7);
  CHECK(fresh.digest() != a.second);  // calls change the digest
}

TEST_CASE("In instant mode work is done when the call returns; in manual mode advance does it",
          "[lib]") {
  amisim::World instant;
  CHECK(amisim::format_time(instant.now()) == "2026-01-01T00:00:00.000Z");
  CHECK(instance_state(instant, run_one(instant, al2023_in(instant))) == "running");

  amisim::World manual({0, amisim::ClockMode::kManual});
  const std::string id = run_one(manual, al2023_in(manual));
  CHECK(instance_state(manual, id) == "pending");
  const amisim::Time before = manual.now();
  manual.advance(10min);
  CHECK(manual.now() - before == 10min);
  CHECK(instance_state(manual, id) == "running");
  CHECK_THROWS_AS(manual.advance(-1ms), std::invalid_argument);
  CHECK(manual.now() - before == 10min);
}

TEST_CASE("The bill covers a window and an account, and its windows add up", "[lib]") {
  amisim::World world;
  const std::string id = run_one(world, al2023_in(world));
  world.advance(2h);
  const amisim::Time middle = world.now();
  world.advance(2h);

  const amisim::Bill all = world.bill();
  CHECK(all.to == world.now());
  CHECK_FALSE(all.from);
  CHECK(all.total_micro_usd > 0);
  bool instance_line = false;
  std::int64_t sum = 0;
  for (const amisim::BillLine& line : all.lines) {
    sum += line.cost_micro_usd;
    if (line.resource_id == id) {
      instance_line = true;
      CHECK(line.account == "123456789012");
      CHECK(line.region == "us-east-1");
      CHECK(line.usage_type.find("t3.micro") != std::string::npos);
    }
  }
  CHECK(instance_line);
  CHECK(sum == all.total_micro_usd);

  const amisim::Bill first = world.bill({std::nullopt, middle, std::nullopt});
  const amisim::Bill second = world.bill({middle, std::nullopt, std::nullopt});
  CHECK(first.total_micro_usd > 0);
  CHECK(first.total_micro_usd + second.total_micro_usd == all.total_micro_usd);
  CHECK(world.bill({std::nullopt, std::nullopt, "210987654321"}).total_micro_usd == 0);
  // A window past now ends at now.
  CHECK(world.bill({std::nullopt, world.now() + 24h, std::nullopt}).to == world.now());
}

TEST_CASE("format_time and parse_time read and write EC2's times", "[lib]") {
  const auto t = amisim::parse_time("2026-03-04T05:06:07.089Z");
  REQUIRE(t);
  CHECK(amisim::format_time(*t) == "2026-03-04T05:06:07.089Z");
  CHECK(amisim::parse_time("2026-03-04T07:06:07+02:00") ==
        amisim::parse_time("2026-03-04T05:06:07Z"));
  CHECK_FALSE(amisim::parse_time("yesterday"));
  CHECK_FALSE(amisim::parse_time("2026-03-04"));
}

TEST_CASE("A moved World carries its state", "[lib]") {
  amisim::World world({3});
  run_one(world, al2023_in(world));
  const std::string digest = world.digest();
  amisim::World moved = std::move(world);
  CHECK(moved.digest() == digest);
}
