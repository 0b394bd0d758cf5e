// Support for handler tests: every successful call is also checked against the service model
// (every output key is a member of the operation's output shape, with the member's JSON type)
// and sent through the XML writer and reader, which must give the same JSON back. So a handler
// that writes a misspelt key, a number for a string or a member the wire cannot carry fails its
// test even when the test does not look at that member.
//
//   Ec2 ec2;
//   Json out = ec2.ok("DescribeImages", {{"Owners", {"amazon"}}});
//   WireError e = ec2.error("DescribeImages", {{"ImageIds", {"ami-0000"}}});
//   CHECK(e.code == "InvalidAMIID.NotFound");
#pragma once

#include <catch2/catch.hpp>
#include <memory>
#include <string>

#include "api/ec2/dispatch.hpp"
#include "api/protocol/service_model.hpp"
#include "tests/harness.hpp"

namespace test {

using Json = nlohmann::json;
using amisim::protocol::WireError;

// The embedded EC2 service model, loaded once per test process.
const amisim::protocol::ServiceModel& ec2_model();

// Problems of `output` against the output shape of `action` ("" when it conforms).
std::string output_shape_problems(const std::string& action, const Json& output);

struct Ec2 : Harness {
  explicit Ec2(std::uint64_t seed = 1) : Harness(seed) {}

  // ec2::call as `who` (default: this->caller), plus the model and XML round-trip checks on
  // success.
  amisim::protocol::WireResult<Json> call(const std::string& action, const Json& input,
                                          const sim::Caller* who = nullptr);
  // A call that must succeed; returns its output.
  Json ok(const std::string& action, const Json& input = Json::object(),
          const sim::Caller* who = nullptr);
  // A call that must fail; returns the error.
  WireError error(const std::string& action, const Json& input = Json::object(),
                  const sim::Caller* who = nullptr);
};

// The one image `id` as DescribeImages answers `who` (default: ec2.caller); it must be there.
Json describe_image(Ec2& ec2, const std::string& id, const sim::Caller* who = nullptr);

// A completed snapshot of a new 8 GiB volume in us-east-1a, the clock settled after it.
std::string completed_snapshot(Ec2& ec2);

}  // namespace test
