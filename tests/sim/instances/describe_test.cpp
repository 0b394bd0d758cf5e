#include "harness.hpp"
#include "tests/sim/instances/instance_test_helpers.hpp"

using namespace sim;
using test::expect_error;
using test::expect_ok;

namespace {

std::vector<InstanceId> described(const DescribeInstancesResult& result) {
  std::vector<InstanceId> out;
  for (const auto& r : result.reservations)
    for (const Instance* i : r.instances) out.push_back(i->id);
  return out;
}

DescribeInstancesRequest filtered(const std::string& name, std::vector<std::string> values) {
  DescribeInstancesRequest r;
  r.filters = {Filter{name, std::move(values)}};
  return r;
}

}  // namespace

TEST_CASE("DescribeInstances groups instances by reservation") {
  test::Harness h;
  auto r = test::al2023_request(h);
  r.max_count = 2;
  auto two = expect_ok(run_instances(h.world, h.caller, r));
  const InstanceId single = test::launch(h);
  auto out = expect_ok(describe_instances(h.world, h.caller, {}));
  REQUIRE(out.reservations.size() == 2);
  for (const auto& res : out.reservations) {
    CHECK(res.owner == h.caller.account);
    for (const Instance* i : res.instances) CHECK(i->reservation_id == res.reservation_id);
    if (res.reservation_id == two.reservation_id) {
      REQUIRE(res.instances.size() == 2);
      CHECK(res.instances[0]->ami_launch_index == 0);
      CHECK(res.instances[1]->ami_launch_index == 1);
    } else {
      REQUIRE(res.instances.size() == 1);
      CHECK(res.instances[0]->id == single);
    }
  }
  CHECK(out.next_token.empty());
}

TEST_CASE("DescribeInstances with an unknown ID fails, another account's ID is omitted") {
  test::Harness h;
  const InstanceId mine = test::launch(h);
  const Caller other = h.as("210987654321");
  const InstanceId theirs = test::launch(h, test::al2023_request(h), &other);
  DescribeInstancesRequest r;
  r.instance_ids = {mine.str(), theirs.str()};
  CHECK(described(expect_ok(describe_instances(h.world, h.caller, r))) == std::vector{mine});
  r.instance_ids = {mine.str(), "i-0123456789abcdef0"};
  CHECK(expect_error(describe_instances(h.world, h.caller, r), "InvalidInstanceID.NotFound")
            .message == "The instance ID 'i-0123456789abcdef0' does not exist");
  r.instance_ids = {"instance-1"};
  expect_error(describe_instances(h.world, h.caller, r), "InvalidInstanceID.Malformed");
}

TEST_CASE("DescribeInstances filters by state name and code, type, zone, image and tags") {
  test::Harness h;
  auto r = test::al2023_request(h);
  r.availability_zone = ZoneName("us-east-1b");
  r.tag_specifications = {TagSpecification{"instance", {{"role", "web"}}}};
  const InstanceId web = test::launch(h, r);
  h.settle();
  auto r2 = test::al2023_request(h);
  r2.instance_type = "t2.micro";
  r2.availability_zone = ZoneName("us-east-1c");
  const InstanceId other = test::launch(h, r2);
  auto ask = [&](const std::string& name, std::vector<std::string> values) {
    return described(expect_ok(describe_instances(h.world, h.caller, filtered(name, values))));
  };
  CHECK(ask("instance-state-name", {"running"}) == std::vector{web});
  CHECK(ask("instance-state-code", {"0"}) == std::vector{other});
  CHECK(ask("instance-type", {"t2.*"}) == std::vector{other});
  CHECK(ask("availability-zone", {"us-east-1b"}) == std::vector{web});
  CHECK(ask("tag:role", {"web"}) == std::vector{web});
  CHECK(ask("tag-key", {"role"}) == std::vector{web});
  CHECK(ask("instance-id", {other.str()}) == std::vector{other});
  CHECK(ask("image-id", {r.image_id}).size() == 2);
  CHECK(ask("architecture", {"arm64"}).empty());
  CHECK(ask("reservation-id", {test::instance(h, web).reservation_id.str()}) == std::vector{web});
}

TEST_CASE("DescribeInstances refuses an unknown filter name") {
  test::Harness h;
  CHECK(expect_error(describe_instances(h.world, h.caller, filtered("colour", {"red"})),
                     "InvalidFilter")
            .message == "The filter 'colour' is invalid");
}

TEST_CASE("DescribeInstances pages with MaxResults and NextToken without losing or repeating") {
  test::Harness h;
  auto r = test::al2023_request(h);
  r.max_count = 7;
  expect_ok(run_instances(h.world, h.caller, r));
  for (int k = 0; k < 5; ++k) test::launch(h);
  DescribeInstancesRequest page;
  page.page.max_results = 5;
  std::set<InstanceId> seen;
  int pages = 0;
  do {
    auto out = expect_ok(describe_instances(h.world, h.caller, page));
    auto got = described(out);
    CHECK(got.size() <= 5);
    for (const auto& id : got) CHECK(seen.insert(id).second);
    page.page.next_token = out.next_token;
    ++pages;
  } while (!page.page.next_token.empty() && pages < 10);
  CHECK(seen.size() == 12);
  CHECK(pages == 3);
}

TEST_CASE("DescribeInstances MaxResults must be at least 5 and not combined with IDs") {
  test::Harness h;
  const InstanceId id = test::launch(h);
  DescribeInstancesRequest r;
  r.page.max_results = 3;
  CHECK(expect_error(describe_instances(h.world, h.caller, r), "InvalidParameterValue").message ==
        "Value ( 3 ) for parameter maxResults is invalid. Expecting a value greater than 5.");
  r.page.max_results = 5;
  r.instance_ids = {id.str()};
  CHECK(expect_error(describe_instances(h.world, h.caller, r), "InvalidParameterCombination")
            .message == "The parameter instancesSet cannot be used with the parameter maxResults");
}

TEST_CASE("DescribeInstances shows nothing of another Region") {
  test::Harness h;
  test::launch(h);
  CHECK(expect_ok(describe_instances(h.world, h.in("eu-west-1"), {})).reservations.empty());
}

TEST_CASE("DescribeInstanceStatus lists running instances unless all are asked for") {
  test::Harness h;
  const InstanceId running = test::running_instance(h);
  const InstanceId pending = test::launch(h);
  auto out = expect_ok(describe_instance_status(h.world, h.caller, {}));
  REQUIRE(out.statuses.size() == 1);
  CHECK(out.statuses[0].instance->id == running);
  CHECK(out.statuses[0].instance_status == "ok");
  DescribeInstanceStatusRequest all;
  all.include_all_instances = true;
  auto everything = expect_ok(describe_instance_status(h.world, h.caller, all));
  CHECK(everything.statuses.size() == 2);
  for (const auto& s : everything.statuses) {
    if (s.instance->id == pending) CHECK(s.instance_status == "not-applicable");
  }
}

TEST_CASE("DescribeInstanceStatus filters by status and refuses unknown filters") {
  test::Harness h;
  const InstanceId id = test::running_instance(h);
  expect_ok(reboot_instances(h.world, h.caller, test::ids({id})));
  DescribeInstanceStatusRequest r;
  r.filters = {Filter{"instance-status.status", {"initializing"}}};
  CHECK(expect_ok(describe_instance_status(h.world, h.caller, r)).statuses.size() == 1);
  h.advance(kRebootDurationMs);
  CHECK(expect_ok(describe_instance_status(h.world, h.caller, r)).statuses.empty());
  r.filters = {Filter{"colour", {"x"}}};
  expect_error(describe_instance_status(h.world, h.caller, r), "InvalidFilter");
}
