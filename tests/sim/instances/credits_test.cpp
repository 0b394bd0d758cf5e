// Credit options of burstable performance instances (sim/instances/credits.cpp). Sources: API
// reference RunInstances CreditSpecification ("Default: standard (T2 instances) or unlimited
// (T3/T3a/T4g instances)"), DescribeInstanceCreditSpecifications,
// ModifyInstanceCreditSpecification; the NotSupported text from
// hashicorp/terraform-provider-aws#5067.
#include <algorithm>

#include "harness.hpp"
#include "tests/sim/instances/instance_test_helpers.hpp"

using namespace sim;
using test::expect_error;
using test::expect_ok;

namespace {

InstanceId launch_type(test::Harness& h, const std::string& type, const std::string& credits = "",
                       const Caller* as = nullptr) {
  RunInstancesRequest r = test::al2023_request(h);
  r.instance_type = type;
  r.cpu_credits = credits;
  return test::launch(h, r, as);
}

std::vector<std::pair<std::string, std::string>> described(test::Harness& h,
                                                           std::vector<std::string> ids = {}) {
  DescribeCreditsRequest r;
  r.instance_ids = std::move(ids);
  auto result = expect_ok(describe_instance_credit_specifications(h.world, h.caller, r));
  std::vector<std::pair<std::string, std::string>> out;
  for (const Instance* i : result.instances)
    out.emplace_back(i->id.str(), std::string(to_string(i->cpu_credits)));
  return out;
}

}  // namespace

TEST_CASE("A burstable launch without CreditSpecification takes its family's default") {
  test::Harness h;
  const InstanceId t2 = launch_type(h, "t2.micro");
  const InstanceId t3 = launch_type(h, "t3.micro");
  const InstanceId t3a = launch_type(h, "t3a.micro");
  const InstanceId m5 = launch_type(h, "m5.large");
  std::vector<std::pair<std::string, std::string>> want = {
      {t2.str(), "standard"}, {t3.str(), "unlimited"}, {t3a.str(), "unlimited"}};
  std::sort(want.begin(), want.end());  // described in ID order
  CHECK(described(h, {t2.str(), t3.str(), t3a.str()}) == want);
  // Without IDs AWS lists the unlimited ones only.
  auto all = described(h);
  CHECK(all.size() == 2);
  for (const auto& [id, credits] : all) CHECK(credits == "unlimited");
  // An instance that never was burstable: "an error is returned" (API reference).
  DescribeCreditsRequest r;
  r.instance_ids = {m5.str()};
  const Error e = expect_error(describe_instance_credit_specifications(h.world, h.caller, r),
                               "InstanceCreditSpecification.NotSupported");
  CHECK(e.message == "The m5.large instance type does not support T2 Unlimited.");
}

TEST_CASE("RunInstances CreditSpecification sets the option, on burstable types only") {
  test::Harness h;
  const InstanceId t3 = launch_type(h, "t3.micro", "standard");
  CHECK(described(h, {t3.str()}).at(0).second == "standard");
  RunInstancesRequest r = test::al2023_request(h);
  r.instance_type = "m5.large";
  r.cpu_credits = "standard";
  const std::string before = h.world.digest();
  const Error e =
      expect_error(run_instances(h.world, h.caller, r), "InstanceCreditSpecification.NotSupported");
  CHECK(e.message == "The m5.large instance type does not support T2 Unlimited.");
  r.instance_type = "t3.micro";
  r.cpu_credits = "turbo";
  expect_error(run_instances(h.world, h.caller, r), "InvalidParameterValue");
  CHECK(h.world.digest() == before);
}

TEST_CASE("ModifyInstanceCreditSpecification changes what it can and lists the rest") {
  test::Harness h;
  const InstanceId t3 = launch_type(h, "t3.micro");
  const InstanceId m5 = launch_type(h, "m5.large");
  const Caller other{AccountId{"210987654321"}, h.caller.region};
  const InstanceId theirs = launch_type(h, "t3.micro", "", &other);
  auto result = expect_ok(modify_instance_credit_specification(h.world, h.caller,
                                                               {{t3.str(), "standard"},
                                                                {m5.str(), "unlimited"},
                                                                {theirs.str(), "standard"},
                                                                {"i-bad", "standard"}},
                                                               false));
  CHECK(result.successful == std::vector<std::string>{t3.str()});
  REQUIRE(result.unsuccessful.size() == 3);
  CHECK(result.unsuccessful[0].error.name() == "InstanceCreditSpecification.NotSupported");
  CHECK(result.unsuccessful[1].error.name() == "InvalidInstanceID.NotFound");  // a wall
  CHECK(result.unsuccessful[2].error.name() == "InvalidInstanceID.Malformed");
  CHECK(described(h, {t3.str()}).at(0).second == "standard");
  CHECK(described(h).empty());  // no unlimited instance is left
  // The other account's instance kept its default.
  CHECK(test::instance(h, theirs, &other).cpu_credits == CpuCredits::kUnlimited);
  expect_error(modify_instance_credit_specification(h.world, h.caller, {{t3.str(), "fast"}}, false),
               "InvalidParameterValue");
}

TEST_CASE("DescribeInstanceCreditSpecifications checks IDs, filters and MaxResults") {
  test::Harness h;
  const InstanceId t3 = launch_type(h, "t3.micro");
  DescribeCreditsRequest r;
  r.instance_ids = {"i-0123456789abcdef0"};
  expect_error(describe_instance_credit_specifications(h.world, h.caller, r),
               "InvalidInstanceID.NotFound");
  r.instance_ids = {t3.str()};
  r.page.max_results = 5;
  expect_error(describe_instance_credit_specifications(h.world, h.caller, r),
               "InvalidParameterCombination");
  r = {};
  r.filters = {Filter{"instance-type", {"t3.micro"}}};
  expect_error(describe_instance_credit_specifications(h.world, h.caller, r), "InvalidFilter");
  r.filters = {Filter{"instance-id", {t3.str()}}};
  auto found = expect_ok(describe_instance_credit_specifications(h.world, h.caller, r));
  CHECK(found.instances.size() == 1);
}

TEST_CASE("A type change keeps the credit option, and a non-burstable instance resized takes one") {
  test::Harness h;
  const InstanceId t3 = launch_type(h, "t3.micro");
  const InstanceId m5 = launch_type(h, "m5.large");
  h.advance(5 * kMinuteMs);
  expect_ok(stop_instances(h.world, h.caller, test::ids({t3, m5})));
  h.settle();
  for (auto [id, type] : {std::pair{t3, "m5.large"}, std::pair{m5, "t2.micro"}}) {
    ModifyInstanceAttributeRequest r;
    r.instance_id = id;
    r.instance_type = type;
    expect_ok(modify_instance_attribute(h.world, h.caller, r));
  }
  CHECK(test::instance(h, t3).cpu_credits == CpuCredits::kUnlimited);  // listed as an m5's
  CHECK(test::instance(h, m5).cpu_credits == CpuCredits::kStandard);
}
