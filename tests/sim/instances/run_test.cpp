#include <fmt/format.h>

#include "harness.hpp"
#include "sim/core/hash.hpp"
#include "sim/ebs/volumes.hpp"
#include "sim/images/images.hpp"
#include "sim/instances/key_pairs.hpp"
#include "sim/instances/security_groups.hpp"
#include "tests/sim/instances/instance_test_helpers.hpp"

using namespace sim;
using test::expect_error;
using test::expect_ok;

namespace {

DurationMs boot_ms(const test::Harness& h, const std::string& type) {
  return h.world.fixtures().find_instance_type(type)->boot_ms;
}

}  // namespace

TEST_CASE("RunInstances launches a pending instance that runs after its type's boot time") {
  test::Harness h;
  auto r = test::al2023_request(h);
  const TimeMs start = h.world.now();
  auto result = expect_ok(run_instances(h.world, h.caller, r));
  REQUIRE(result.instances.size() == 1);
  const Instance& i = *result.instances[0];
  CHECK(i.id.str().rfind("i-", 0) == 0);
  CHECK(result.reservation_id.str().rfind("r-", 0) == 0);
  CHECK(i.reservation_id == result.reservation_id);
  CHECK(result.owner == h.caller.account);
  CHECK(i.state == InstanceState::kPending);
  CHECK(i.launch_time == start);
  CHECK(i.image_id.str() == r.image_id);
  CHECK(i.instance_type == "t3.micro");
  CHECK(i.traits.architecture == "x86_64");
  CHECK(i.private_ip.rfind("172.31.", 0) == 0);
  const InstanceId id = i.id;
  h.advance(boot_ms(h, "t3.micro") - 1);
  CHECK(test::state_of(h, id) == InstanceState::kPending);
  h.advance(1);
  CHECK(test::state_of(h, id) == InstanceState::kRunning);
  CHECK_FALSE(test::instance(h, id).public_ip.empty());
}

TEST_CASE("RunInstances gives every instance a root volume made from the image's snapshot") {
  test::Harness h;
  const InstanceId id = test::launch(h);
  const Instance& i = test::instance(h, id);
  REQUIRE(i.block_devices.size() == 1);
  CHECK(i.block_devices[0].device_name == "/dev/xvda");
  CHECK(i.block_devices[0].delete_on_termination);
  const RegionState& region = h.world.region_of(h.caller);
  const Volume& root = region.volumes.at(i.block_devices[0].volume_id);
  const Image& image = region.images.at(i.image_id);
  const Snapshot& snap = region.snapshots.at(*image.mappings[0].ebs->snapshot_id);
  CHECK(root.snapshot_id == snap.id);
  CHECK(root.size_gib == snap.volume_size_gib);
  CHECK(root.zone == i.zone);
  CHECK(root.state == VolumeState::kInUse);
  CHECK(root.attachment->instance_id == id);
  CHECK(*root.data == *snap.data);  // the image's data is on the new volume
}

TEST_CASE("RunInstances launches MaxCount instances in one reservation with launch indexes") {
  test::Harness h;
  auto r = test::al2023_request(h);
  r.min_count = 2;
  r.max_count = 3;
  auto result = expect_ok(run_instances(h.world, h.caller, r));
  REQUIRE(result.instances.size() == 3);
  for (int k = 0; k < 3; ++k) {
    CHECK(result.instances[k]->ami_launch_index == k);
    CHECK(result.instances[k]->reservation_id == result.reservation_id);
    CHECK(result.instances[k]->zone == result.instances[0]->zone);
  }
  const Reservation& res = h.world.region_of(h.caller).reservations.at(result.reservation_id);
  CHECK(res.instances.size() == 3);
  CHECK(res.owner == h.caller.account);
}

TEST_CASE("RunInstances records the image's last launched time, shown 24 hours later") {
  test::Harness h;
  h.advance(kHourMs);
  const TimeMs at = h.world.now();
  const InstanceId id = test::launch(h);
  const Image& image = h.world.region_of(h.caller).images.at(test::instance(h, id).image_id);
  h.advance(24 * kHourMs - 1);  // AWS reports it "up to 24 hours" late (sim/images/usage.hpp)
  CHECK_FALSE(image.last_launched_time->has_value());
  h.advance(1);
  REQUIRE(image.last_launched_time->has_value());
  CHECK(*image.last_launched_time == at);
}

TEST_CASE("RunInstances refuses unknown, malformed and other-Region images with AWS's codes") {
  test::Harness h;
  auto r = test::al2023_request(h);
  r.image_id = "ami-12345";
  CHECK(expect_error(run_instances(h.world, h.caller, r), "InvalidAMIID.Malformed").message ==
        "Invalid id: \"ami-12345\" (expecting \"ami-...\")");
  r.image_id = "ami-0123456789abcdef0";
  CHECK(expect_error(run_instances(h.world, h.caller, r), "InvalidAMIID.NotFound").message ==
        "The image id '[ami-0123456789abcdef0]' does not exist");
  r.image_id = h.catalogue_image("al2023-x86_64", "eu-west-1").str();
  expect_error(run_instances(h.world, h.caller, r), "InvalidAMIID.NotFound");
  CHECK(h.world.region_of(h.caller).instances.empty());
}

TEST_CASE("RunInstances refuses counts below one and MinCount above MaxCount") {
  test::Harness h;
  auto r = test::al2023_request(h);
  r.max_count = 0;
  CHECK(expect_error(run_instances(h.world, h.caller, r), "InvalidParameterValue").message ==
        "Maximum instance count must be greater than zero");
  r.max_count = 1;
  r.min_count = 0;
  expect_error(run_instances(h.world, h.caller, r), "InvalidParameterValue");
  r.min_count = 3;
  r.max_count = 2;
  expect_error(run_instances(h.world, h.caller, r), "InvalidParameterValue");
  CHECK(h.world.region_of(h.caller).instances.empty());
}

TEST_CASE("RunInstances refuses an unknown instance type with AWS's message") {
  test::Harness h;
  auto r = test::al2023_request(h);
  r.instance_type = "t3.gigantic";
  CHECK(expect_error(run_instances(h.world, h.caller, r), "InvalidParameterValue").message ==
        "Invalid value 't3.gigantic' for InstanceType.");
}

TEST_CASE("RunInstances refuses an instance type whose architecture does not match the image") {
  test::Harness h;
  auto r = test::al2023_request(h);
  r.image_id = h.catalogue_image("al2023-arm64").str();
  r.instance_type = "t3.micro";
  const Error e = expect_error(run_instances(h.world, h.caller, r), "InvalidParameterValue");
  CHECK(e.message.rfind("The architecture 'x86_64' of the specified instance type does not match "
                        "the architecture 'arm64' of the specified AMI.",
                        0) == 0);
  r.instance_type = "t4g.micro";
  expect_ok(run_instances(h.world, h.caller, r));
}

TEST_CASE("RunInstances refuses a key pair that does not exist in the Region") {
  test::Harness h;
  expect_ok(create_key_pair(h.world, h.in("eu-west-1"), "demo-key"));
  auto r = test::al2023_request(h);
  r.key_name = "demo-key";
  CHECK(expect_error(run_instances(h.world, h.caller, r), "InvalidKeyPair.NotFound").message ==
        "The key pair 'demo-key' does not exist");
  expect_ok(create_key_pair(h.world, h.caller, "demo-key"));
  const InstanceId id = test::launch(h, r);
  CHECK(test::instance(h, id).key_name == "demo-key");
}

TEST_CASE("RunInstances resolves security groups by ID and by name in the default VPC") {
  test::Harness h;
  auto r = test::al2023_request(h);
  r.security_groups = {"web"};
  const auto& home = h.world.region_of(h.caller).accounts.at(h.caller.account);
  CHECK(expect_error(run_instances(h.world, h.caller, r), "InvalidGroup.NotFound").message ==
        "The security group 'web' does not exist in default VPC '" + home.default_vpc.str() + "'");
  CreateSecurityGroupRequest c;
  c.group_name = "web";
  c.description = "web servers";
  const SecurityGroupId web = expect_ok(create_security_group(h.world, h.caller, c))->id;
  CHECK(test::instance(h, test::launch(h, r)).security_groups == std::vector{web});
  r.security_groups.clear();
  r.security_group_ids = {"sg-0123456789abcdef0"};
  expect_error(run_instances(h.world, h.caller, r), "InvalidGroup.NotFound");
  r.security_group_ids.clear();
  CHECK(test::instance(h, test::launch(h, r)).security_groups == std::vector{home.default_group});
}

TEST_CASE("RunInstances places instances in the requested zone and refuses a zone elsewhere") {
  test::Harness h;
  auto r = test::al2023_request(h);
  r.availability_zone = ZoneName("us-east-1c");
  CHECK(test::instance(h, test::launch(h, r)).zone == ZoneName("us-east-1c"));
  r.availability_zone = ZoneName("eu-west-1a");
  CHECK(expect_error(run_instances(h.world, h.caller, r), "InvalidParameterValue").message ==
        "Invalid availability zone: [eu-west-1a]");
}

TEST_CASE("RunInstances without a placement picks the same zone for the same seed") {
  test::Harness a(7), b(7);
  CHECK(test::instance(a, test::launch(a)).zone == test::instance(b, test::launch(b)).zone);
  CHECK(a.world.region_of(a.caller).has_zone(test::instance(a, test::launch(a)).zone));
}

TEST_CASE("RunInstances accepts 16 KB of user data and refuses one byte more") {
  test::Harness h;
  auto r = test::al2023_request(h);
  r.user_data = std::string(16384, 'x');
  expect_ok(run_instances(h.world, h.caller, r));
  r.user_data.push_back('x');
  CHECK(expect_error(run_instances(h.world, h.caller, r), "InvalidParameterValue").message ==
        "User data is limited to 16384 bytes");
}

TEST_CASE(
    "RunInstances block device mappings resize the root and refuse sizes below the snapshot") {
  test::Harness h;
  auto r = test::al2023_request(h);
  EbsBlockDevice ebs;
  ebs.volume_size_gib = 30;
  ebs.delete_on_termination = false;
  r.block_device_mappings = {BlockDeviceMapping{"/dev/xvda", ebs, "", false}};
  const Instance& i = test::instance(h, test::launch(h, r));
  REQUIRE(i.block_devices.size() == 1);
  CHECK_FALSE(i.block_devices[0].delete_on_termination);
  const Volume& root = h.world.region_of(h.caller).volumes.at(i.block_devices[0].volume_id);
  CHECK(root.size_gib == 30);
  CHECK(root.snapshot_id.has_value());  // still made from the image's snapshot
  r.block_device_mappings[0].ebs->volume_size_gib = 2;
  const Error e = expect_error(run_instances(h.world, h.caller, r), "InvalidBlockDeviceMapping");
  CHECK(e.message.find("Volume of size 2GB is smaller than snapshot") == 0);
}

TEST_CASE("RunInstances adds extra EBS volumes from mappings for new devices") {
  test::Harness h;
  auto r = test::al2023_request(h);
  EbsBlockDevice ebs;
  ebs.volume_size_gib = 100;
  ebs.delete_on_termination = false;
  r.block_device_mappings = {BlockDeviceMapping{"/dev/sdf", ebs, "", false}};
  const Instance& i = test::instance(h, test::launch(h, r));
  REQUIRE(i.block_devices.size() == 2);
  CHECK(i.block_devices[1].device_name == "/dev/sdf");
  const Volume& data = h.world.region_of(h.caller).volumes.at(i.block_devices[1].volume_id);
  CHECK(data.size_gib == 100);
  CHECK(data.data->blocks.written_blocks() == 0);
}

TEST_CASE("RunInstances tags the instance and its volumes from TagSpecifications") {
  test::Harness h;
  auto r = test::al2023_request(h);
  r.tag_specifications = {TagSpecification{"instance", {{"Name", "web-1"}}},
                          TagSpecification{"volume", {{"team", "blue"}}}};
  const Instance& i = test::instance(h, test::launch(h, r));
  CHECK(i.tags == Tags{{"Name", "web-1"}});
  const Volume& root = h.world.region_of(h.caller).volumes.at(i.block_devices[0].volume_id);
  CHECK(root.tags == Tags{{"team", "blue"}});
  r.tag_specifications = {TagSpecification{"image", {{"a", "b"}}}};
  expect_error(run_instances(h.world, h.caller, r), "InvalidParameterValue");
  r.tag_specifications = {TagSpecification{"instance", {{"aws:x", "b"}}}};
  expect_error(run_instances(h.world, h.caller, r), "InvalidParameterValue");
}

TEST_CASE("RunInstances with DryRun validates but launches nothing") {
  test::Harness h;
  auto r = test::al2023_request(h);
  r.dry_run = true;
  expect_error(run_instances(h.world, h.caller, r), "DryRunOperation");
  r.instance_type = "nope";
  expect_error(run_instances(h.world, h.caller, r), "InvalidParameterValue");
  CHECK(h.world.region_of(h.caller).instances.empty());
}

TEST_CASE("RunInstances with a repeated ClientToken returns the same reservation") {
  test::Harness h;
  auto r = test::al2023_request(h);
  r.client_token = "launch-1";
  auto first = expect_ok(run_instances(h.world, h.caller, r));
  auto again = expect_ok(run_instances(h.world, h.caller, r));
  CHECK(again.reservation_id == first.reservation_id);
  REQUIRE(again.instances.size() == 1);
  CHECK(again.instances[0]->id == first.instances[0]->id);
  CHECK(h.world.region_of(h.caller).instances.size() == 1);
  // Tokens are per account: another account's same token is a new launch.
  const Caller other = h.as("210987654321");
  auto theirs = expect_ok(run_instances(h.world, other, r));
  CHECK(theirs.reservation_id != first.reservation_id);
}

TEST_CASE("RunInstances with a reused ClientToken and different arguments is a mismatch") {
  test::Harness h;
  auto r = test::al2023_request(h);
  r.client_token = "launch-1";
  expect_ok(run_instances(h.world, h.caller, r));
  r.instance_type = "t2.micro";
  expect_error(run_instances(h.world, h.caller, r), "IdempotentParameterMismatch");
  CHECK(h.world.region_of(h.caller).instances.size() == 1);
}

TEST_CASE("A ClientToken remembers the user data by its stable FNV-1a, never std::hash") {
  test::Harness h;
  auto r = test::al2023_request(h);
  r.client_token = "launch-1";
  r.user_data = "#!/bin/sh\necho hello\n";
  expect_ok(run_instances(h.world, h.caller, r));
  const auto& tokens = h.world.region_of(h.caller).client_tokens;
  const auto record = tokens.find({h.caller.account, "launch-1"});
  REQUIRE(record != tokens.end());
  // The digest reaches the state digest, so it must be the same with every standard library.
  CHECK(record->second.request_digest.find(
            fmt::format("|{}|{}|", r.user_data.size(), fnv1a(r.user_data))) != std::string::npos);
  r.user_data = "#!/bin/sh\necho goodbye\n";
  expect_error(run_instances(h.world, h.caller, r), "IdempotentParameterMismatch");
}

TEST_CASE("RunInstances with the ClientToken of a terminated instance is refused") {
  test::Harness h;
  auto r = test::al2023_request(h);
  r.client_token = "launch-1";
  const InstanceId id = test::launch(h, r);
  expect_ok(terminate_instances(h.world, h.caller, test::ids({id})));
  expect_error(run_instances(h.world, h.caller, r), "IdempotentInstanceTerminated");
  h.advance(2 * kHourMs);  // purged: still refused
  expect_error(run_instances(h.world, h.caller, r), "IdempotentInstanceTerminated");
}

TEST_CASE("RunInstances from an image shared with another account launches there") {
  test::Harness h;
  const Caller other = h.as("210987654321");
  auto r = test::al2023_request(h);
  const InstanceId id = test::launch(h, r, &other);
  CHECK(test::instance(h, id, &other).owner == other.account);
  CHECK(find_instance(h.world, h.caller, id) == nullptr);  // invisible to the default account
}

// A huge MaxCount is bounded work: AWS launches up to MaxCount as capacity allows and fails only
// when MinCount cannot be met (APIREF RunInstances); the model's capacity is
// kMaxInstancesPerLaunch per call.
TEST_CASE("RunInstances launches at most the per-call capacity and refuses a MinCount above it") {
  test::Harness h;
  auto r = test::al2023_request(h);
  r.max_count = 2'000'000'000;
  auto launched = expect_ok(run_instances(h.world, h.caller, r));
  CHECK(launched.instances.size() == static_cast<std::size_t>(kMaxInstancesPerLaunch));
  r.min_count = kMaxInstancesPerLaunch + 1;
  const Error e = expect_error(run_instances(h.world, h.caller, r), "InstanceLimitExceeded");
  CHECK(e.message ==
        "Your quota allows for 1000 more running instance(s). You requested at "
        "least 1001.");
}
