// DryRun through ec2::call (api/ec2/handler.hpp, "DryRun"): the real call stopped before it
// changes anything. A dry run makes every check the real call makes and answers their error;
// DryRunOperation (412) only when the call would have succeeded; the world is unchanged either
// way. The random-call property is tests/properties/dry_run_properties.cpp; these are the cases
// people ask `--dry-run` about ("would this launch work?").
#include <catch2/catch.hpp>

#include "sim/instances/instances.hpp"
#include "tests/api/ec2_support.hpp"

using amisim::protocol::WireError;
using test::Ec2;
using test::Json;

namespace {

Json run_input(const Ec2& ec2, const std::string& type = "t3.micro") {
  return {{"ImageId", ec2.catalogue_image("al2023-x86_64").str()},
          {"InstanceType", type},
          {"MinCount", 1},
          {"MaxCount", 1}};
}

Json dry(Json input) {
  input["DryRun"] = true;
  return input;
}

// The error of `input` as a dry run; checks the world did not change.
WireError dry_error(Ec2& ec2, const std::string& action, const Json& input) {
  const std::string before = ec2.world.digest();
  WireError e = ec2.error(action, dry(input));
  CHECK(ec2.world.digest() == before);
  return e;
}

// The error of the same call for real, on a copy of the world.
WireError real_error(const Ec2& ec2, const std::string& action, const Json& input) {
  sim::World copy = ec2.world;
  auto r = amisim::ec2::call(copy, ec2.caller, action, input);
  REQUIRE_FALSE(r.ok());
  return r.error();
}

}  // namespace

TEST_CASE(
    "RunInstances DryRun with an unknown instance type answers the real InvalidParameterValue") {
  Ec2 ec2;
  const Json input = run_input(ec2, "t3.nosuch");
  const WireError e = dry_error(ec2, "RunInstances", input);
  CHECK(e.code == "InvalidParameterValue");
  CHECK(e.message == "Invalid value 't3.nosuch' for InstanceType.");
  CHECK(e == real_error(ec2, "RunInstances", input));
}

TEST_CASE(
    "RunInstances DryRun with an arm64 type and an x86_64 AMI answers the architecture error") {
  Ec2 ec2;
  const Json input = run_input(ec2, "t4g.micro");
  const WireError e = dry_error(ec2, "RunInstances", input);
  CHECK(e.code == "InvalidParameterValue");
  CHECK(e.message.find("does not match the architecture 'x86_64'") != std::string::npos);
  CHECK(e == real_error(ec2, "RunInstances", input));
}

TEST_CASE("RunInstances DryRun with an AMI that does not exist answers InvalidAMIID.NotFound") {
  Ec2 ec2;
  Json input = run_input(ec2);
  input["ImageId"] = "ami-0123456789abcdef0";
  const WireError e = dry_error(ec2, "RunInstances", input);
  CHECK(e.code == "InvalidAMIID.NotFound");
  CHECK(e == real_error(ec2, "RunInstances", input));
}

TEST_CASE(
    "RunInstances DryRun of a launch that would work answers DryRunOperation and launches "
    "nothing") {
  Ec2 ec2;
  const WireError e = dry_error(ec2, "RunInstances", run_input(ec2));
  CHECK(e.code == "DryRunOperation");
  CHECK(e.http_status == 412);
  CHECK(e.message == "Request would have succeeded, but DryRun flag is set.");
  CHECK(ec2.ok("DescribeInstances")["Reservations"].empty());
}

TEST_CASE(
    "RunInstances DryRun with a ClientToken already used answers DryRunOperation, not the "
    "reservation") {
  Ec2 ec2;
  Json input = run_input(ec2);
  input["ClientToken"] = "once";
  ec2.ok("RunInstances", input);
  CHECK(dry_error(ec2, "RunInstances", input).code == "DryRunOperation");
  input["InstanceType"] = "t3.small";  // same token, other request: the real call's mismatch
  CHECK(dry_error(ec2, "RunInstances", input).code == "IdempotentParameterMismatch");
}

TEST_CASE("StopInstances DryRun checks the instance and its state, and stops nothing") {
  Ec2 ec2;
  const std::string id = ec2.ok("RunInstances", run_input(ec2))["Instances"][0]["InstanceId"];
  // Pending: the real stop is refused, and so is the dry run.
  CHECK(dry_error(ec2, "StopInstances", {{"InstanceIds", {id}}}).code == "IncorrectInstanceState");
  ec2.advance(5 * sim::kMinuteMs);
  CHECK(dry_error(ec2, "StopInstances", {{"InstanceIds", {id}}}).code == "DryRunOperation");
  CHECK(dry_error(ec2, "StopInstances", {{"InstanceIds", {"i-0123456789abcdef0"}}}).code ==
        "InvalidInstanceID.NotFound");
  const sim::Instance* i = sim::find_instance(ec2.world, ec2.caller, sim::InstanceId(id));
  REQUIRE(i != nullptr);
  CHECK(i->state == sim::InstanceState::kRunning);
}

TEST_CASE("A describe with DryRun answers DryRunOperation: AWS checks permissions only") {
  Ec2 ec2;
  for (const char* action : {"DescribeImages", "DescribeInstances", "DescribeRegions"}) {
    INFO(action);
    CHECK(dry_error(ec2, action, Json::object()).code == "DryRunOperation");
  }
}

TEST_CASE(
    "Every changing action with DryRun answers what the real call answers, changing nothing") {
  // With no members at all most calls are refused (MissingParameter, NotFound, ...); those that
  // would succeed answer DryRunOperation.
  Ec2 ec2;
  for (auto action : amisim::ec2::supported_actions()) {
    if (!amisim::ec2::mutates(action)) continue;
    INFO(action);
    sim::World copy = ec2.world;
    auto real = amisim::ec2::call(copy, ec2.caller, action, Json::object());
    const WireError e = dry_error(ec2, std::string(action), Json::object());
    if (real.ok()) {
      CHECK(e.code == "DryRunOperation");
    } else {
      CHECK(e == real.error());
    }
  }
}
