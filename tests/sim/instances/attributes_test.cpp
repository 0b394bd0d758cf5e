#include "harness.hpp"
#include "tests/sim/instances/instance_test_helpers.hpp"

using namespace sim;
using test::expect_error;
using test::expect_ok;

namespace {

InstanceId stopped_instance(test::Harness& h) {
  const InstanceId id = test::running_instance(h);
  expect_ok(stop_instances(h.world, h.caller, test::ids({id})));
  h.settle();
  REQUIRE(test::state_of(h, id) == InstanceState::kStopped);
  return id;
}

}  // namespace

TEST_CASE("ModifyInstanceAttribute changes the instance type of a stopped instance") {
  test::Harness h;
  const InstanceId id = stopped_instance(h);
  ModifyInstanceAttributeRequest r;
  r.instance_id = id;
  r.instance_type = "t2.micro";
  expect_ok(modify_instance_attribute(h.world, h.caller, r));
  auto attr = expect_ok(describe_instance_attribute(h.world, h.caller, id, "instanceType"));
  CHECK(attr.instance_type == "t2.micro");
  CHECK_FALSE(attr.user_data.has_value());
}

TEST_CASE("ModifyInstanceAttribute refuses type and user data unless stopped") {
  test::Harness h;
  const InstanceId id = test::running_instance(h);
  ModifyInstanceAttributeRequest r;
  r.instance_id = id;
  r.user_data = "#!/bin/bash";
  CHECK(expect_error(modify_instance_attribute(h.world, h.caller, r), "IncorrectInstanceState")
            .message == "The instance '" + id.str() + "' is not in the 'stopped' state.");
  r.user_data.reset();
  r.instance_type = "t2.micro";
  expect_error(modify_instance_attribute(h.world, h.caller, r), "IncorrectInstanceState");
  CHECK(test::instance(h, id).instance_type == "t3.micro");
}

TEST_CASE("ModifyInstanceAttribute refuses an unknown or incompatible instance type") {
  test::Harness h;
  const InstanceId id = stopped_instance(h);
  ModifyInstanceAttributeRequest r;
  r.instance_id = id;
  r.instance_type = "z9.mega";
  expect_error(modify_instance_attribute(h.world, h.caller, r), "InvalidInstanceAttributeValue");
  r.instance_type = "t4g.micro";  // arm64 only; the instance's image is x86_64
  expect_error(modify_instance_attribute(h.world, h.caller, r), "InvalidInstanceAttributeValue");
  CHECK(test::instance(h, id).instance_type == "t3.micro");
}

TEST_CASE("ModifyInstanceAttribute replaces user data of a stopped instance within 16 KB") {
  test::Harness h;
  const InstanceId id = stopped_instance(h);
  ModifyInstanceAttributeRequest r;
  r.instance_id = id;
  r.user_data = "#cloud-config\n";
  expect_ok(modify_instance_attribute(h.world, h.caller, r));
  CHECK(*expect_ok(describe_instance_attribute(h.world, h.caller, id, "userData")).user_data ==
        "#cloud-config\n");
  r.user_data = std::string(kMaxUserDataBytes + 1, 'x');
  expect_error(modify_instance_attribute(h.world, h.caller, r), "InvalidParameterValue");
}

TEST_CASE("ModifyInstanceAttribute sets DeleteOnTermination of a mapped volume while running") {
  test::Harness h;
  const InstanceId id = test::running_instance(h);
  ModifyInstanceAttributeRequest r;
  r.instance_id = id;
  r.delete_on_termination = {{"/dev/xvda", false}};
  expect_ok(modify_instance_attribute(h.world, h.caller, r));
  auto attr = expect_ok(describe_instance_attribute(h.world, h.caller, id, "blockDeviceMapping"));
  REQUIRE(attr.block_devices.size() == 1);
  CHECK_FALSE(attr.block_devices[0].delete_on_termination);
  const VolumeId root = attr.block_devices[0].volume_id;
  expect_ok(terminate_instances(h.world, h.caller, test::ids({id})));
  h.settle();
  CHECK(h.world.region_of(h.caller).volumes.count(root) == 1);  // kept
  r.delete_on_termination = {{"/dev/sdz", true}};
  expect_error(modify_instance_attribute(h.world, h.caller, r), "InvalidInstanceAttributeValue");
}

TEST_CASE("ModifyInstanceAttribute with no attribute is InvalidParameterCombination") {
  test::Harness h;
  ModifyInstanceAttributeRequest r;
  r.instance_id = test::launch(h);
  CHECK(expect_error(modify_instance_attribute(h.world, h.caller, r), "InvalidParameterCombination")
            .message == "No attributes specified.");
}

TEST_CASE("DescribeInstanceAttribute answers rootDeviceName and refuses unknown attributes") {
  test::Harness h;
  const InstanceId id = test::launch(h);
  CHECK(*expect_ok(describe_instance_attribute(h.world, h.caller, id, "rootDeviceName"))
             .root_device_name == "/dev/xvda");
  CHECK(expect_error(describe_instance_attribute(h.world, h.caller, id, "enaSupport"),
                     "InvalidParameterValue")
            .message ==
        "Value (enaSupport) for parameter attribute is invalid. Unknown attribute.");
  expect_error(
      describe_instance_attribute(h.world, h.caller, InstanceId("i-0123456789abcdef0"), "userData"),
      "InvalidInstanceID.NotFound");
}
