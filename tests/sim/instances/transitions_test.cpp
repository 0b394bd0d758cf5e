#include "harness.hpp"
#include "sim/ebs/volumes.hpp"
#include "tests/sim/instances/instance_test_helpers.hpp"

using namespace sim;
using test::expect_error;
using test::expect_ok;
using S = InstanceState;

TEST_CASE("Instance state codes are AWS's") {
  CHECK(state_code(S::kPending) == 0);
  CHECK(state_code(S::kRunning) == 16);
  CHECK(state_code(S::kShuttingDown) == 32);
  CHECK(state_code(S::kTerminated) == 48);
  CHECK(state_code(S::kStopping) == 64);
  CHECK(state_code(S::kStopped) == 80);
  CHECK(to_string(S::kShuttingDown) == "shutting-down");
  CHECK(instance_state_from_string("stopping") == S::kStopping);
  CHECK_FALSE(instance_state_from_string("hibernated").has_value());
}

TEST_CASE("The lifecycle allows stop from running only, start from stopped only") {
  CHECK(is_legal_transition(S::kRunning, S::kStopping));
  CHECK(is_legal_transition(S::kStopping, S::kStopped));
  CHECK(is_legal_transition(S::kStopped, S::kPending));
  CHECK(is_legal_transition(S::kPending, S::kRunning));
  CHECK_FALSE(is_legal_transition(S::kPending, S::kStopping));
  CHECK_FALSE(is_legal_transition(S::kStopped, S::kRunning));
  CHECK_FALSE(is_legal_transition(S::kRunning, S::kStopped));
  CHECK_FALSE(is_legal_transition(S::kTerminated, S::kPending));
  CHECK_FALSE(is_legal_transition(S::kShuttingDown, S::kStopped));
  for (S s : kAllInstanceStates) {
    CHECK(is_legal_transition(s, S::kShuttingDown) ==
          (s != S::kShuttingDown && s != S::kTerminated));
  }
}

TEST_CASE("StopInstances moves a running instance through stopping to stopped") {
  test::Harness h;
  const InstanceId id = test::running_instance(h);
  auto changes = expect_ok(stop_instances(h.world, h.caller, test::ids({id})));
  REQUIRE(changes.size() == 1);
  CHECK(changes[0].instance_id == id);
  CHECK(changes[0].previous == S::kRunning);
  CHECK(changes[0].current == S::kStopping);
  h.advance(kStopDurationMs - 1);
  CHECK(test::state_of(h, id) == S::kStopping);
  h.advance(1);
  CHECK(test::state_of(h, id) == S::kStopped);
  CHECK(test::instance(h, id).public_ip.empty());
}

TEST_CASE("A stopped instance keeps its root volume attached") {
  test::Harness h;
  const InstanceId id = test::running_instance(h);
  const VolumeId root = test::instance(h, id).block_devices.at(0).volume_id;
  expect_ok(stop_instances(h.world, h.caller, test::ids({id})));
  h.advance(kHourMs);
  const Volume& v = h.world.region_of(h.caller).volumes.at(root);
  CHECK(v.state == VolumeState::kInUse);
  REQUIRE(v.attachment.has_value());
  CHECK(v.attachment->instance_id == id);
}

TEST_CASE("Stopping a stopped or stopping instance succeeds without a change") {
  test::Harness h;
  const InstanceId id = test::running_instance(h);
  expect_ok(stop_instances(h.world, h.caller, test::ids({id})));
  auto again = expect_ok(stop_instances(h.world, h.caller, test::ids({id})));
  CHECK(again[0].previous == S::kStopping);
  CHECK(again[0].current == S::kStopping);
  h.advance(kStopDurationMs);
  auto stopped = expect_ok(stop_instances(h.world, h.caller, test::ids({id})));
  CHECK(stopped[0].previous == S::kStopped);
  CHECK(stopped[0].current == S::kStopped);
}

TEST_CASE("Stopping a pending or terminated instance is IncorrectInstanceState") {
  test::Harness h;
  const InstanceId pending = test::launch(h);
  CHECK(expect_error(stop_instances(h.world, h.caller, test::ids({pending})),
                     "IncorrectInstanceState")
            .message ==
        "This instance '" + pending.str() + "' is not in a state from which it can be stopped.");
  expect_ok(terminate_instances(h.world, h.caller, test::ids({pending})));
  expect_error(stop_instances(h.world, h.caller, test::ids({pending})), "IncorrectInstanceState");
}

TEST_CASE("StartInstances boots a stopped instance again through pending") {
  test::Harness h;
  const InstanceId id = test::running_instance(h);
  expect_ok(stop_instances(h.world, h.caller, test::ids({id})));
  h.advance(kStopDurationMs);
  const TimeMs started = h.world.now();
  auto changes = expect_ok(start_instances(h.world, h.caller, test::ids({id})));
  CHECK(changes[0].previous == S::kStopped);
  CHECK(changes[0].current == S::kPending);
  CHECK(test::instance(h, id).launch_time == started);  // "last launched" time
  h.advance(h.world.fixtures().find_instance_type("t3.micro")->boot_ms);
  CHECK(test::state_of(h, id) == S::kRunning);
}

TEST_CASE("Starting a stopping instance is refused with AWS's message") {
  test::Harness h;
  const InstanceId id = test::running_instance(h);
  expect_ok(stop_instances(h.world, h.caller, test::ids({id})));
  CHECK(expect_error(start_instances(h.world, h.caller, test::ids({id})), "IncorrectInstanceState")
            .message ==
        "The instance '" + id.str() + "' is not in a state from which it can be started.");
}

TEST_CASE("Starting a running instance succeeds without a change") {
  test::Harness h;
  const InstanceId id = test::running_instance(h);
  auto changes = expect_ok(start_instances(h.world, h.caller, test::ids({id})));
  CHECK(changes[0].previous == S::kRunning);
  CHECK(changes[0].current == S::kRunning);
}

TEST_CASE("A multi-ID call with one unknown ID changes nothing and lists every unknown ID") {
  test::Harness h;
  const InstanceId a = test::running_instance(h);
  const std::string x = "i-0000000000000000a", y = "i-0000000000000000b";
  const Error e = expect_error(stop_instances(h.world, h.caller, {a.str(), x, y}),
                               "InvalidInstanceID.NotFound");
  CHECK(e.message == "The instance IDs '" + x + ", " + y + "' do not exist");
  CHECK(test::state_of(h, a) == S::kRunning);
  expect_error(terminate_instances(h.world, h.caller, {a.str(), x}), "InvalidInstanceID.NotFound");
  CHECK(test::state_of(h, a) == S::kRunning);
  expect_error(terminate_instances(h.world, h.caller, {a.str(), "i-xyz"}),
               "InvalidInstanceID.Malformed");
  CHECK(test::state_of(h, a) == S::kRunning);
}

TEST_CASE("A multi-ID stop with one instance in a wrong state changes nothing") {
  test::Harness h;
  const InstanceId running = test::running_instance(h);
  const InstanceId pending = test::launch(h);
  expect_error(stop_instances(h.world, h.caller, test::ids({running, pending})),
               "IncorrectInstanceState");
  CHECK(test::state_of(h, running) == S::kRunning);
}

TEST_CASE("Another account's instance is not found") {
  test::Harness h;
  const InstanceId id = test::running_instance(h);
  const Caller other = h.as("210987654321");
  CHECK(expect_error(stop_instances(h.world, other, test::ids({id})), "InvalidInstanceID.NotFound")
            .message == "The instance ID '" + id.str() + "' does not exist");
  expect_error(terminate_instances(h.world, h.in("us-west-2"), test::ids({id})),
               "InvalidInstanceID.NotFound");
  CHECK(test::state_of(h, id) == S::kRunning);
}

TEST_CASE("TerminateInstances is idempotent and ends in terminated") {
  test::Harness h;
  const InstanceId id = test::running_instance(h);
  auto first = expect_ok(terminate_instances(h.world, h.caller, test::ids({id})));
  CHECK(first[0].previous == S::kRunning);
  CHECK(first[0].current == S::kShuttingDown);
  auto second = expect_ok(terminate_instances(h.world, h.caller, test::ids({id})));
  CHECK(second[0].previous == S::kShuttingDown);
  h.advance(kShutdownDurationMs);
  CHECK(test::state_of(h, id) == S::kTerminated);
  auto third = expect_ok(terminate_instances(h.world, h.caller, test::ids({id})));
  CHECK(third[0].previous == S::kTerminated);
  CHECK(third[0].current == S::kTerminated);
}

TEST_CASE("Terminating a pending instance cancels its boot") {
  test::Harness h;
  const InstanceId id = test::launch(h);
  expect_ok(terminate_instances(h.world, h.caller, test::ids({id})));
  h.advance(kShutdownDurationMs);
  CHECK(test::state_of(h, id) == S::kTerminated);
  h.advance(10 * kMinuteMs);  // the boot event that was scheduled must not revive it
  CHECK(test::state_of(h, id) == S::kTerminated);
}

TEST_CASE("Termination deletes DeleteOnTermination volumes and keeps the others detached") {
  test::Harness h;
  auto r = test::al2023_request(h);
  EbsBlockDevice keep;
  keep.volume_size_gib = 20;
  keep.delete_on_termination = false;
  r.block_device_mappings = {BlockDeviceMapping{"/dev/sdf", keep, "", false}};
  const InstanceId id = test::launch(h, r);
  h.settle();
  const VolumeId root = test::instance(h, id).block_devices.at(0).volume_id;
  const VolumeId data = test::instance(h, id).block_devices.at(1).volume_id;
  expect_ok(terminate_instances(h.world, h.caller, test::ids({id})));
  h.settle();
  const auto& volumes = h.world.region_of(h.caller).volumes;
  CHECK(volumes.count(root) == 0);
  REQUIRE(volumes.count(data) == 1);
  CHECK(volumes.at(data).state == VolumeState::kAvailable);
  CHECK_FALSE(volumes.at(data).attachment.has_value());
}

TEST_CASE("Terminated instances stay visible for about an hour, then vanish for good") {
  test::Harness h;
  const InstanceId id = test::running_instance(h);
  expect_ok(terminate_instances(h.world, h.caller, test::ids({id})));
  h.advance(kShutdownDurationMs + kTerminatedVisibleMs - 1);
  CHECK(test::state_of(h, id) == S::kTerminated);
  h.advance(1);
  CHECK(find_instance(h.world, h.caller, id) == nullptr);
  expect_error(terminate_instances(h.world, h.caller, test::ids({id})),
               "InvalidInstanceID.NotFound");
}

TEST_CASE("The purge of a terminated instance is housekeeping: settle does not wait for it") {
  test::Harness h;
  const InstanceId id = test::running_instance(h);
  expect_ok(terminate_instances(h.world, h.caller, test::ids({id})));
  const TimeMs before = h.world.now();
  h.settle();
  CHECK(test::state_of(h, id) == S::kTerminated);
  CHECK(h.world.now() < before + kTerminatedVisibleMs);
}

TEST_CASE("RebootInstances keeps a running instance running with checks initializing") {
  test::Harness h;
  const InstanceId id = test::running_instance(h);
  expect_ok(reboot_instances(h.world, h.caller, test::ids({id})));
  CHECK(test::state_of(h, id) == S::kRunning);
  REQUIRE(test::instance(h, id).ready_at.has_value());
  CHECK(*test::instance(h, id).ready_at == h.world.now() + kRebootDurationMs);
}

TEST_CASE("Rebooting an instance that is not running is IncorrectInstanceState") {
  test::Harness h;
  const InstanceId id = test::launch(h);
  expect_error(reboot_instances(h.world, h.caller, test::ids({id})), "IncorrectInstanceState");
  h.settle();
  expect_ok(stop_instances(h.world, h.caller, test::ids({id})));
  h.settle();
  expect_error(reboot_instances(h.world, h.caller, test::ids({id})), "IncorrectInstanceState");
}

TEST_CASE("DryRun on state changes checks and changes nothing") {
  test::Harness h;
  const InstanceId id = test::running_instance(h);
  expect_error(stop_instances(h.world, h.caller, test::ids({id}), false, true), "DryRunOperation");
  expect_error(terminate_instances(h.world, h.caller, test::ids({id}), true), "DryRunOperation");
  expect_error(reboot_instances(h.world, h.caller, test::ids({id}), true), "DryRunOperation");
  CHECK(test::state_of(h, id) == S::kRunning);
}

TEST_CASE("Only running time is recorded as running periods") {
  test::Harness h;
  const InstanceId id = test::launch(h);
  const DurationMs boot = h.world.fixtures().find_instance_type("t3.micro")->boot_ms;
  const TimeMs launched = h.world.now();
  h.advance(kHourMs);
  expect_ok(stop_instances(h.world, h.caller, test::ids({id})));
  const TimeMs stopped_at = h.world.now();
  h.settle();
  const auto& periods = test::instance(h, id).running_periods;
  REQUIRE(periods.size() == 1);
  CHECK(periods[0].start == launched + boot);
  CHECK(periods[0].end == stopped_at);
}
