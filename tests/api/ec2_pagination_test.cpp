// MaxResults at both ends of every Describe* range (sim/core/query.hpp holds the rules and their
// sources): one below the minimum is refused, the minimum and the maximum are answered, and one
// above the maximum is refused or clamped as the operation's rule says.
#include <fmt/format.h>

#include <catch2/catch.hpp>
#include <set>

#include "tests/api/ec2_support.hpp"
#include "tests/api/max_results_spec.hpp"

namespace {

using Json = nlohmann::json;

using test::max_results::Above;
using test::max_results::Case;
using test::max_results::Words;

std::vector<Case> cases(const std::string& template_id) {
  return test::max_results::max_results_cases(template_id);
}

std::string expected_message(const Case& c, long value) {
  return test::max_results::max_results_message(c, value);
}

// The MaxResults member of the operation's input in the service model, or null.
const amisim::protocol::Member* max_results_member(std::string_view action) {
  const auto* op = test::ec2_model().operation(action);
  if (op == nullptr || op->input == amisim::protocol::kNoShape) return nullptr;
  return test::ec2_model().shape(op->input).member("MaxResults");
}

Json with_max(Json input, long max_results) {
  input["MaxResults"] = max_results;
  return input;
}

std::string a_template(test::Ec2& ec2) {
  return ec2.ok("CreateLaunchTemplate",
                {{"LaunchTemplateName", "pages"},
                 {"LaunchTemplateData",
                  {{"InstanceType", "t3.micro"}}}})["LaunchTemplate"]["LaunchTemplateId"];
}

}  // namespace

TEST_CASE("MaxResults: every operation that takes it has a rule here") {
  std::set<std::string> covered;
  for (const Case& c : cases("")) covered.insert(c.action);
  for (auto action : amisim::ec2::supported_actions()) {
    INFO(action);
    CHECK((max_results_member(action) != nullptr) == (covered.count(std::string(action)) == 1));
  }
}

TEST_CASE("MaxResults: where the service model bounds it, the rule has the model's range") {
  for (const Case& c : cases("")) {
    INFO(c.action);
    const auto* member = max_results_member(c.action);
    REQUIRE(member != nullptr);
    const auto& shape = test::ec2_model().shape(member->shape);
    if (shape.min) CHECK(*shape.min == c.min);
    if (shape.max) CHECK(*shape.max == c.max);
    // A bounded member is refused beyond its bound; clamping is for ranges the text documents.
    if (shape.max) CHECK(c.above == Above::kRefuse);
  }
}

TEST_CASE("MaxResults: one below the minimum is InvalidParameterValue, in the operation's words") {
  test::Ec2 ec2;
  for (const Case& c : cases(a_template(ec2))) {
    INFO(c.action);
    const long below = c.min - 1;
    auto e = ec2.error(c.action, with_max(c.input, below));
    CHECK(e.code == "InvalidParameterValue");
    CHECK(e.http_status == 400);
    CHECK(e.message == expected_message(c, below));
    CHECK(ec2.error(c.action, with_max(c.input, -7)).code == "InvalidParameterValue");
  }
}

TEST_CASE("MaxResults: the minimum and the maximum are answered") {
  test::Ec2 ec2;
  for (const Case& c : cases(a_template(ec2))) {
    INFO(c.action);
    ec2.ok(c.action, with_max(c.input, c.min));
    ec2.ok(c.action, with_max(c.input, c.max));
  }
}

TEST_CASE("MaxResults: one above the maximum is refused or clamped, as the operation's rule says") {
  test::Ec2 ec2;
  for (const Case& c : cases(a_template(ec2))) {
    INFO(c.action);
    const long above = c.max + 1;
    if (c.above == Above::kClamp) {
      ec2.ok(c.action, with_max(c.input, above));
      ec2.ok(c.action, with_max(c.input, 1'000'000));
      continue;
    }
    auto e = ec2.error(c.action, with_max(c.input, above));
    CHECK(e.code == "InvalidParameterValue");
    CHECK(e.message == expected_message(c, above));
  }
}

TEST_CASE("MaxResults: DescribeVolumes answers at most 500 per page when asked for more") {
  // API reference (DescribeVolumes, MaxResults): "if MaxResults is given a value larger than 500,
  // only 500 results are returned".
  test::Ec2 ec2;
  for (int i = 0; i < 501; ++i)
    ec2.ok("CreateVolume", {{"AvailabilityZone", "us-east-1a"}, {"Size", 1}});
  Json first = ec2.ok("DescribeVolumes", {{"MaxResults", 600}});
  CHECK(first["Volumes"].size() == 500);
  REQUIRE(first.contains("NextToken"));
  Json rest = ec2.ok("DescribeVolumes", {{"MaxResults", 600}, {"NextToken", first["NextToken"]}});
  CHECK(rest["Volumes"].size() == 1);
}

TEST_CASE("MaxResults with IDs is refused before its range is checked") {
  // A third-party capture of real replies (mulgadc/spinifex): DescribeInstances with an instance
  // ID and MaxResults=2 is InvalidParameterCombination, not the range error.
  test::Ec2 ec2;
  auto e =
      ec2.error("DescribeInstances", {{"InstanceIds", {"i-0123456789abcdef0"}}, {"MaxResults", 2}});
  CHECK(e.code == "InvalidParameterCombination");
  CHECK(e.message == "The parameter instancesSet cannot be used with the parameter maxResults");
}
