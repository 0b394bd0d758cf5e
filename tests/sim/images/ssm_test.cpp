// Public SSM parameters for AMI IDs (sim/images/ssm.cpp) and RunInstances with "resolve:ssm:".
#include "sim/images/ssm.hpp"

#include "harness.hpp"
#include "tests/sim/instances/instance_test_helpers.hpp"

using namespace sim;
using test::expect_error;
using test::expect_ok;

namespace {

// Parameter names as fixtures/images.json gives them (moto's ami-amazon-linux-latest list).
const std::string kAl2023 = "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64";
const std::string kAl2023Arm =
    "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64";

}  // namespace

TEST_CASE("A public parameter's value is the catalogue image ID of the caller's Region") {
  test::Harness h;
  const std::string east = expect_ok(get_public_parameter(h.world, h.caller, kAl2023));
  const std::string west = expect_ok(get_public_parameter(h.world, h.in("eu-west-1"), kAl2023));
  CHECK(east == h.catalogue_image("al2023-x86_64", "us-east-1").str());
  CHECK(west == h.catalogue_image("al2023-x86_64", "eu-west-1").str());
  CHECK(east != west);
  CHECK(expect_ok(get_public_parameter(h.world, h.caller, kAl2023Arm)) ==
        h.catalogue_image("al2023-arm64", "us-east-1").str());
}

TEST_CASE(
    "A public parameter is at version 1, modified when its image was created, and "
    "answers NAME:1 but no other version") {
  test::Harness h;
  auto p = expect_ok(find_public_parameter(h.world, h.caller, kAl2023));
  CHECK(p.name == kAl2023);
  CHECK(p.version == 1);
  CHECK(p.selector.empty());
  CHECK(p.region.str() == "us-east-1");
  CHECK(p.last_modified == *parse_iso8601("2025-02-20T21:32:31.000Z"));  // images.json
  auto v1 = expect_ok(find_public_parameter(h.world, h.caller, kAl2023 + ":1"));
  CHECK(v1.name == kAl2023);
  CHECK(v1.selector == ":1");
  CHECK(v1.value == p.value);
  expect_error(find_public_parameter(h.world, h.caller, kAl2023 + ":2"),
               "ParameterVersionNotFound");
}

TEST_CASE(
    "An unknown parameter is ParameterNotFound, resolve:ssm with it is "
    "SsmInvalidParameter naming the alias") {
  test::Harness h;
  expect_error(get_public_parameter(h.world, h.caller, "/aws/service/no/such/parameter"),
               "ParameterNotFound");
  expect_error(get_public_parameter(h.world, h.caller, kAl2023 + "-typo"), "ParameterNotFound");
  auto e = expect_error(resolve_image_reference(h.world, h.caller, "resolve:ssm:/golden-ami"),
                        "SsmInvalidParameter");
  CHECK(e.message == "The following aliases are invalid: /golden-ami");
  expect_error(resolve_image_reference(h.world, h.caller, "resolve:ssm:" + kAl2023 + ":7"),
               "SsmInvalidParameter");
}

TEST_CASE("resolve_image_reference resolves resolve:ssm: and returns anything else unchanged") {
  test::Harness h;
  CHECK(expect_ok(resolve_image_reference(h.world, h.in("ap-south-1"), "resolve:ssm:" + kAl2023)) ==
        h.catalogue_image("al2023-x86_64", "ap-south-1"));
  CHECK(expect_ok(resolve_image_reference(h.world, h.caller, "resolve:ssm:" + kAl2023 + ":1")) ==
        h.catalogue_image("al2023-x86_64", "us-east-1"));
  CHECK(expect_ok(resolve_image_reference(h.world, h.caller, "ami-0123")).str() == "ami-0123");
  CHECK(expect_ok(resolve_image_reference(h.world, h.caller, kAl2023)).str() == kAl2023);
}

TEST_CASE("RunInstances with resolve:ssm launches the Region's image and shows its ami- ID") {
  test::Harness h;
  const Caller west = h.in("eu-west-1");
  auto r = test::al2023_request(h);
  r.image_id = "resolve:ssm:" + kAl2023;
  const InstanceId id = test::launch(h, r, &west);
  const ImageId expected = h.catalogue_image("al2023-x86_64", "eu-west-1");
  CHECK(test::instance(h, id, &west).image_id == expected);
  auto described = expect_ok(describe_instances(h.world, west, {{id.str()}, {}, {}}));
  REQUIRE(described.reservations.size() == 1);
  CHECK(described.reservations[0].instances.at(0)->image_id == expected);
}

TEST_CASE("RunInstances with an unknown resolve:ssm parameter launches nothing") {
  test::Harness h;
  auto r = test::al2023_request(h);
  r.image_id = "resolve:ssm:/golden-ami";
  expect_error(run_instances(h.world, h.caller, r), "SsmInvalidParameter");
  CHECK(h.world.region_of(h.caller).instances.empty());
}

TEST_CASE("RunInstances with resolve:ssm replays its ClientToken like the resolved request") {
  test::Harness h;
  auto r = test::al2023_request(h);
  r.client_token = "token-1";
  r.image_id = "resolve:ssm:" + kAl2023;
  auto first = expect_ok(run_instances(h.world, h.caller, r));
  auto again = expect_ok(run_instances(h.world, h.caller, r));
  CHECK(again.reservation_id == first.reservation_id);
}
