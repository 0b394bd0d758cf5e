// The scenario runner (api/scenario): one-line loading errors for malformed files, failures
// reported with their step and expected/actual values, ${var} substitution, waiters moving the
// model clock, expect_bill, and the JUnit report.
#include <catch2/catch.hpp>
#include <map>
#include <string>
#include <vector>

#include "api/scenario/loader.hpp"
#include "api/scenario/report.hpp"
#include "api/scenario/runner.hpp"
#include "api/scenario/values.hpp"
#include "api/scenario_support.hpp"
#include "tests/harness.hpp"

namespace sc = amisim::scenario;
using Json = nlohmann::json;

namespace {

// The loading error of `text` as file "t.json" ("" when it loads).
std::string load_error(const std::string& text) {
  auto r = sc::parse_scenario(text, "t.json");
  return r.ok() ? "" : r.error();
}

// A scenario of these steps (a JSON array's text), manual clock, seed 7.
std::string with_steps(const std::string& steps, const std::string& clock = "manual") {
  return R"({"name": "t", "seed": 7, "clock": ")" + clock + R"(", "steps": )" + steps + "}";
}

sc::ScenarioResult run(const std::string& text, bool trace = false) {
  auto loaded = sc::parse_scenario(text, "t.json");
  REQUIRE(loaded.ok());
  sc::RunOptions options;
  options.trace = trace;
  return sc::run_scenario(loaded.value(), test::fixtures(), options);
}

const std::string kKinds =
    R"(one of "call", "advance", "wait", "subscribe", "unsubscribe", "expect_bill", "workflow" or "note")";
const std::string kLaunch =
    R"({"call": "RunInstances", "params": {"ImageId": "ami-0c0c6cb94051042ae",
        "InstanceType": "t3.micro", "MinCount": 1, "MaxCount": 1},
        "save": {"i": "Instances[0].InstanceId"}})";

struct ScenarioCase {
  std::string text;
  std::string error;
};
void check_load_errors(const std::vector<ScenarioCase>& cases) {
  for (const ScenarioCase& c : cases) {
    INFO(c.text);
    CHECK(load_error(c.text) == c.error);
  }
}

}  // namespace

TEST_CASE("Scenario loading: each malformed file gives its one-line error", "[scenario]") {
  const std::vector<ScenarioCase> cases = {
      {"[1]", "t.json: the file holds an array; expected a scenario object"},
      {R"({"name": "x"})", R"(t.json: "steps" is missing; expected an array of steps)"},
      {R"({"name": "x", "steps": []})",
       R"(t.json: "steps" is empty; expected an array of at least one step)"},
      {R"({"name": "x", "steps": {}})",
       R"(t.json: "steps" is an object; expected an array of at least one step)"},
      {R"({"name": 5, "steps": [{"note": "a"}]})",
       R"(t.json: "name" is 5; expected a non-empty scenario name)"},
      {R"({"name": "x", "seed": -1, "steps": [{"note": "a"}]})",
       R"(t.json: "seed" is -1; expected a whole number from 0)"},
      {R"({"name": "x", "seed": "1", "steps": [{"note": "a"}]})",
       R"(t.json: "seed" is "1"; expected a whole number from 0)"},
      {R"({"name": "x", "clock": "fast", "steps": [{"note": "a"}]})",
       R"(t.json: "clock" is "fast"; expected "manual" or "instant")"},
      {R"({"name": "x", "stpes": [], "steps": [{"note": "a"}]})",
       R"(t.json: unknown member "stpes"; expected only "$schema", "name", "description", "seed", "clock", "images", "images_replace", "steps")"},
  };
  check_load_errors(cases);
}

TEST_CASE("Scenario loading: each malformed step gives its one-line error with the step number",
          "[scenario]") {
  const std::vector<ScenarioCase> cases = {
      {with_steps(R"([{"advance": "10x"}])"),
       R"(t.json: step 1: "advance" is "10x"; expected a duration such as "90s", "10m", "2h" or "30d")"},
      {with_steps(R"([{"advance": 10}])"),
       R"(t.json: step 1: "advance" is 10; expected a duration such as "90s", "10m", "2h" or "30d")"},
      {with_steps(R"([{"note": "a"}, {"cal": "X"}])"),
       R"(t.json: step 2: unknown step kind (members "cal"); expected )" + kKinds},
      {with_steps(R"([{}])"), "t.json: step 1: the step is empty; expected " + kKinds},
      {with_steps(R"([5])"), "t.json: step 1: the step is a number; expected an object, " + kKinds},
      {with_steps(R"([{"call": "X", "wait": "image_available"}])"),
       R"(t.json: step 1: the step has both "call" and "wait"; expected exactly )" + kKinds},
      {with_steps(R"([{"call": "X", "params": "x"}])"),
       R"(t.json: step 1: "params" is "x"; expected an object of the action's input members)"},
      {with_steps(R"([{"call": ""}])"),
       R"(t.json: step 1: "call" is ""; expected an action name such as "RunInstances")"},
      {with_steps(R"([{"call": "X", "service": "sqs"}])"),
       R"(t.json: step 1: "service" is "sqs"; expected "ec2", "s3", "ssm", "account", "rbin" or "dlm")"},
      {with_steps(R"([{"call": "X", "account": "123"}])"),
       R"(t.json: step 1: "account" is "123"; expected a 12-digit account ID)"},
      {with_steps(R"([{"call": "X", "bogus": 1}])"),
       R"(t.json: step 1: unknown member "bogus" in a call step; expected only "call", "service", "region", "account", "params", "save", "expect", "note")"},
      {with_steps(R"([{"call": "X", "save": {"1a": "ImageId"}}])"),
       R"(t.json: step 1: "save" names the variable "1a"; expected a name of letters, digits and _ that does not start with a digit)"},
      {with_steps(R"([{"call": "X", "save": {"a": "Images[0"}}])"),
       R"(t.json: step 1: "save.a" is "Images[0"; expected an output path such as "Instances[0].InstanceId")"},
      {with_steps(R"([{"call": "X", "expect": {"error": "A", "output": {"B": 1}}}])"),
       R"(t.json: step 1: "expect" is not exactly one of error or output; expected {"error": "<code>"} (with an optional "message": "<text>") or {"output": {"<path>": <value>, ...}})"},
      {with_steps(R"([{"call": "X", "expect": {"message": "m"}}])"),
       R"(t.json: step 1: "expect" is not exactly one of error or output; expected {"error": "<code>"} (with an optional "message": "<text>") or {"output": {"<path>": <value>, ...}})"},
      {with_steps(R"([{"call": "X", "expect": {"error": "A", "message": 3}}])"),
       R"(t.json: step 1: "message" is 3; expected the error's message text)"},
      {with_steps(R"([{"call": "X", "expect": {"error": 3}}])"),
       R"(t.json: step 1: "error" is 3; expected an AWS error code such as "InvalidAMIID.NotFound")"},
      {with_steps(R"([{"note": 1}])"), R"(t.json: step 1: "note" is 1; expected text)"},
      {with_steps(R"([{"subscribe": "abc", "account": "x"}])"),
       R"(t.json: step 1: "account" is "x"; expected a 12-digit account ID)"},
      {with_steps(R"([{"expect_bill": {}}])"),
       R"(t.json: step 1: "expect_bill" has neither "total_usd" nor "line_items"; expected an object with "total_usd" and/or "line_items" (and optional "from", "to", "account"))"},
      {with_steps(R"([{"expect_bill": {"total_usd": "0.1234567"}}])"),
       R"(t.json: step 1: "total_usd" is "0.1234567"; expected a dollar amount as a string with at most 6 decimals, e.g. "0.400000")"},
      {with_steps(R"([{"expect_bill": {"total_usd": 1}}])"),
       R"(t.json: step 1: "total_usd" is 1; expected a dollar amount as a string with at most 6 decimals, e.g. "0.400000")"},
      {with_steps(R"([{"expect_bill": {"total_usd": "1", "from": "yesterday"}}])"),
       R"(t.json: step 1: "from" is "yesterday"; expected an ISO-8601 time such as "2026-01-31T00:00:00Z" or a duration before now such as "-30d")"},
      {with_steps(R"([{"expect_bill": {"line_items": [{}]}}])"),
       R"(t.json: step 1: "a line item" is an object; expected an array of objects with some of "account", "region", "usage_type", "resource_id", "cost_usd")"},
      {with_steps(R"([{"wait": "image_available", "params": {"WaiterConfig": {"Delay": -1}}}])"),
       R"(t.json: step 1: "params.WaiterConfig.Delay" is -1; expected {"Delay": <seconds, 0 or more>, "MaxAttempts": <1 to 10000>})"},
  };
  check_load_errors(cases);
}

TEST_CASE("Scenario loading: JSON syntax errors name the line, unknown waiters list the known",
          "[scenario]") {
  const std::string error = load_error("{\n  \"name\": \"x\",\n  \"steps\": [\n}");
  CHECK(error.rfind("t.json: line 4: not JSON: ", 0) == 0);
  CHECK(error.find('\n') == std::string::npos);
  CHECK(load_error("\"\xff\"").rfind("t.json: line 1: not JSON: ", 0) == 0);
  // Nesting is bounded before parsing (a deeper document would overflow the stack when copied);
  // brackets inside strings do not count.
  const std::string deep = std::string(70, '[') + std::string(70, ']');
  CHECK(load_error("\n" + deep) ==
        "t.json: line 2: nested more than 64 levels deep; expected at most 64");
  CHECK(load_error(with_steps(R"([{"note": ")" + deep + R"(\" ["}])")).empty());
  const std::string waiter = load_error(with_steps(R"([{"wait": "image_ready"}])"));
  CHECK(waiter.rfind(R"(t.json: step 1: "wait" is "image_ready"; expected a waiter name: )", 0) ==
        0);
  CHECK(waiter.find(R"("image_available")") != std::string::npos);
  CHECK(waiter.find(R"("instance_running")") != std::string::npos);
}

TEST_CASE("Scenario loading: a value of every type in every member never crashes", "[scenario]") {
  const Json base = Json::parse(with_steps(
      R"([{"call": "X", "region": "r", "account": "123456789012", "params": {}, "save": {"a": "B"},
          "expect": {"output": {"B": 1}}}, {"advance": "1m"}, {"wait": "image_available"},
          {"subscribe": "p"}, {"expect_bill": {"total_usd": "0", "line_items": [{"region": "r"}]}},
          {"note": "n"}])"));
  const std::vector<Json> values = {nullptr,
                                    1,
                                    -1,
                                    1.5,
                                    "x",
                                    "",
                                    true,
                                    Json::array(),
                                    Json::object(),
                                    Json::array({Json::object()})};
  int errors = 0;
  auto mutate = [&](Json doc, const Json::json_pointer& at) {
    for (const Json& v : values) {
      doc[at] = v;
      auto r = sc::parse_scenario(doc.dump(), "t.json");
      if (!r.ok()) {
        ++errors;
        CHECK(r.error().find('\n') == std::string::npos);
        CHECK(r.error().rfind("t.json: ", 0) == 0);
      }
    }
  };
  const Json flat = base.flatten();
  for (const auto& [pointer, value] : flat.items()) mutate(base, Json::json_pointer(pointer));
  for (const char* top : {"/name", "/seed", "/clock", "/steps", "/steps/0", "/steps/4/expect_bill"})
    mutate(base, Json::json_pointer(top));
  CHECK(errors > 50);
}

TEST_CASE("Scenario values: durations, dollars and bill times", "[scenario]") {
  CHECK(sc::parse_duration("90s") == 90'000);
  CHECK(sc::parse_duration("10m") == 600'000);
  CHECK(sc::parse_duration("2h") == 7'200'000);
  CHECK(sc::parse_duration("30d") == 2'592'000'000);
  for (const char* bad : {"", "s", "10", "-1m", "1.5h", "10 m", "1w", "99999999d"})
    CHECK_FALSE(sc::parse_duration(bad).has_value());
  CHECK(sc::parse_usd("0.4") == 400'000);
  CHECK(sc::parse_usd("0.400000") == 400'000);
  CHECK(sc::parse_usd("12") == 12'000'000);
  CHECK(sc::parse_usd("0.000001") == 1);
  for (const char* bad : {"", ".5", "1.", "1.1234567", "-1", "1e3", "0x1", "1.2.3"})
    CHECK_FALSE(sc::parse_usd(bad).has_value());
  CHECK(sc::parse_bill_time("-1d", 2 * sim::kDayMs) == sim::kDayMs);
  CHECK(sc::parse_bill_time("2026-01-01T00:00:00Z", 0) == sim::kDefaultWorldStartMs);
  CHECK(sc::parse_bill_time("2026-01-01T09:00:00+09:00", 0) == sim::kDefaultWorldStartMs);
  CHECK(sc::parse_bill_time("2025-12-31T19:00:00.000-05:00", 0) == sim::kDefaultWorldStartMs);
  CHECK_FALSE(sc::parse_bill_time("2026-01-01", 0).has_value());
  CHECK(sc::format_duration(sim::kDayMs + 90'000) == "1d 1m 30s");
}

TEST_CASE("Scenario run: a failing expectation names the step, the expected and actual values",
          "[scenario]") {
  // Manual clock: CreateImage leaves the image pending until time moves.
  auto r = run(with_steps("[" + kLaunch + R"(, {"advance": "1m"},
      {"call": "CreateImage", "params": {"InstanceId": "${i}", "Name": "bake", "NoReboot": true},
       "save": {"ami": "ImageId"}},
      {"call": "DescribeImages", "params": {"ImageIds": ["${ami}"]},
       "expect": {"output": {"Images[0].State": "available"}}},
      {"note": "never reached"}])"));
  CHECK_FALSE(r.passed);
  REQUIRE(r.failure);
  CHECK(r.failure->step == 4);
  CHECK(r.failure->kind == sc::StepKind::kCall);
  CHECK(r.failure->expected == "Images[0].State = available");
  CHECK(r.failure->actual == "Images[0].State = pending");
  CHECK(r.steps_run == 4);
  CHECK(r.replay() == "amisim run t.json --seed 7");
  CHECK(sc::failure_text(r).find("step 4 (call)") == 0);
}

TEST_CASE("Scenario run: an unexpected error, an expected error that does not come", "[scenario]") {
  auto r =
      run(with_steps(R"([{"call": "DescribeImages", "params": {"ImageIds": ["ami-12345678"]}}])"));
  REQUIRE(r.failure);
  CHECK(r.failure->expected == "success");
  CHECK(r.failure->actual.rfind("InvalidAMIID.NotFound: ", 0) == 0);

  r = run(with_steps(R"([{"call": "DescribeImages", "params": {"ImageIds": ["ami-12345678"]},
                          "expect": {"error": "InvalidAMIID.NotFound"}},
                         {"call": "DescribeRegions", "expect": {"error": "AuthFailure"}}])"));
  REQUIRE(r.failure);
  CHECK(r.failure->step == 2);
  CHECK(r.failure->expected == "error AuthFailure");
  CHECK(r.failure->actual.rfind("success", 0) == 0);
}

TEST_CASE("Scenario run: expect.message checks the error's text exactly, after substitution",
          "[scenario]") {
  const std::string missing = R"({"call": "DescribeSubnets",
      "params": {"SubnetIds": ["subnet-0123456789abcdef0"]}, "save": {"s": "Subnets[0].SubnetId"},
      "expect": {"error": "InvalidSubnetID.NotFound", "message": )";
  auto r = run(with_steps("[" + kLaunch +
                          R"(, {"call": "DescribeInstances", "params": {"InstanceIds": ["${i}"]},
       "save": {"id": "Reservations[0].Instances[0].InstanceId"}},
      {"call": "DescribeInstances", "params": {"InstanceIds": ["i-0123456789abcdef0"]},
       "expect": {"error": "InvalidInstanceID.NotFound",
                  "message": "The instance ID 'i-0123456789abcdef0' does not exist"}},
      )" + missing +
                          R"("The subnet ID 'subnet-0123456789abcdef0' does not exist"}},
      )" + missing + R"("The subnet '${id}' does not exist"}}])"));
  REQUIRE(r.failure);
  CHECK(r.failure->step == 5);
  CHECK(r.failure->what == "DescribeSubnets failed with another message");
  CHECK(r.failure->expected.find("InvalidSubnetID.NotFound: The subnet 'i-") == 0);
  CHECK(r.failure->actual ==
        "InvalidSubnetID.NotFound: The subnet ID 'subnet-0123456789abcdef0' does not exist");
}

TEST_CASE("Scenario run: saved values substitute for ${var}, an unset one fails its step",
          "[scenario]") {
  auto r = run(with_steps("[" + kLaunch + R"(,
      {"call": "DescribeInstances", "params": {"InstanceIds": ["${i}"]},
       "save": {"image": "Reservations[0].Instances[0].ImageId"},
       "expect": {"output": {"Reservations[0].Instances[0].InstanceId": "${i}"}}},
      {"call": "DescribeImages", "params": {"ImageIds": ["${image}"]},
       "expect": {"output": {"Images[0].ImageId": "ami-0c0c6cb94051042ae"}}},
      {"call": "DescribeImages", "params": {"ImageIds": ["${missing}"]}}])"));
  REQUIRE(r.failure);
  CHECK(r.failure->step == 4);
  CHECK(r.failure->what == "unknown variable");
  CHECK(r.failure->actual == "${missing} is not set");
}

TEST_CASE("Scenario run: a wait polls, advancing the clock by the waiter's delay", "[scenario]") {
  // t3.micro boots in 16 s (fixtures/instance-types.json); instance_running polls every 15 s
  // (botocore waiters-2.json), so it sees running at the third poll, 30 s in.
  auto r = run(with_steps("[" + kLaunch + R"(,
      {"wait": "instance_running", "params": {"InstanceIds": ["${i}"]}}])"));
  CHECK(r.passed);
  CHECK(r.elapsed_ms == 30 * sim::kSecondMs);

  // Max attempts: 2 polls 1 s apart cannot see the instance stop.
  r = run(with_steps("[" + kLaunch + R"(, {"advance": "1m"},
      {"call": "StopInstances", "params": {"InstanceIds": ["${i}"]}},
      {"wait": "instance_stopped",
       "params": {"InstanceIds": ["${i}"], "WaiterConfig": {"Delay": 1, "MaxAttempts": 2}}}])"));
  REQUIRE(r.failure);
  CHECK(r.failure->what == "Waiter InstanceStopped failed: Max attempts exceeded");
  CHECK(r.failure->expected == R"(Reservations[].Instances[].State.Name all "stopped")");
  CHECK(r.failure->actual == R"(Reservations[].Instances[].State.Name = ["stopping"])");
  CHECK(r.elapsed_ms == sim::kMinuteMs + sim::kSecondMs);

  // A failure acceptor: instance_stopped fails at once on a pending instance.
  r = run(with_steps("[" + kLaunch + R"(,
      {"wait": "instance_stopped", "params": {"InstanceIds": ["${i}"]}}])"));
  REQUIRE(r.failure);
  CHECK(r.failure->what ==
        "Waiter InstanceStopped failed: Waiter encountered a terminal failure state: For "
        "expression \"Reservations[].Instances[].State.Name\" we matched expected path: "
        "\"pending\" at least once");
  CHECK(r.elapsed_ms == 0);
}

TEST_CASE("Scenario run: expect_bill checks the total and line items", "[scenario]") {
  // Nothing billable: the bill is zero.
  auto r = run(with_steps(R"([{"advance": "1h"}, {"expect_bill": {"total_usd": "0"}}])"));
  CHECK(r.passed);
  r = run(with_steps(R"([{"expect_bill": {"total_usd": "0.000001"}}])"));
  REQUIRE(r.failure);
  CHECK(r.failure->expected == "total_usd 0.000001");
  CHECK(r.failure->actual == "total_usd 0.000000 (no lines)");

  // A snapshot of the Amazon Linux 2023 root volume stores its 1640 MiB in full (first snapshot,
  // catalogue data); 30 days at $0.05/GB-month in us-east-1 (a 30-day billing month):
  // 1640/1024 x 0.05 = 0.080078125 -> 0.080078.
  const std::string bake = "[" + kLaunch + R"(, {"advance": "1m"},
      {"call": "CreateImage", "params": {"InstanceId": "${i}", "Name": "bake", "NoReboot": true},
       "save": {"ami": "ImageId"}},
      {"call": "DescribeImages", "params": {"ImageIds": ["${ami}"]},
       "save": {"snap": "Images[0].BlockDeviceMappings[0].Ebs.SnapshotId"}},
      {"advance": "30d"},
      {"expect_bill": {"line_items": [{"usage_type": "EBS:SnapshotUsage", "resource_id": "${snap}",
                                       "cost_usd": ")";
  CHECK(run(with_steps(bake + R"(0.080078"}]}}])")).passed);
  r = run(with_steps(bake + R"(0.080079"}]}}])"));
  REQUIRE(r.failure);
  CHECK(r.failure->what == "no bill line matches line item 1");
  CHECK(r.failure->actual.find("EBS:SnapshotUsage") != std::string::npos);
  // Only the given fields must match; another account has no lines.
  CHECK(run(with_steps(bake + R"(0.080078", "region": "us-east-1"}]}}])")).passed);
  r = run(with_steps(
      R"([{"expect_bill": {"account": "210987654321", "line_items": [{"region": "us-east-1"}]}}])"));
  CHECK_FALSE(r.passed);
}

TEST_CASE("Scenario run: narration traces each step with its model time and cost", "[scenario]") {
  auto r = run(with_steps("[" + kLaunch + R"(, {"note": "wait a bit", "advance": "1h"}])"), true);
  REQUIRE(r.trace.size() == 2);
  CHECK(r.trace[0].summary.rfind("us-east-1 RunInstances ImageId=ami-0c0c6cb94051042ae", 0) == 0);
  CHECK(r.trace[0].outcome.find("InstanceId=i-") != std::string::npos);
  CHECK(r.trace[1].note == "wait a bit");
  CHECK(r.trace[1].at == sim::kDefaultWorldStartMs + sim::kHourMs);
  CHECK(r.trace[1].cost > 0);  // an hour of a running t3.micro and its volume
  // What changed: the launch adds an instance and its root volume; the hour runs it.
  const std::string id = r.trace[0].outcome.substr(r.trace[0].outcome.find("InstanceId=") + 11, 19);
  REQUIRE(r.trace[0].changes.size() == 2);
  CHECK(r.trace[0].changes[0] == "+ " + id + " pending (us-east-1)");
  CHECK(r.trace[0].changes[1].rfind("+ vol-", 0) == 0);
  CHECK(r.trace[1].changes == std::vector<std::string>{id + " pending -> running (us-east-1)"});
}

TEST_CASE("Scenario narration: inventory changes list additions, transitions and removals",
          "[scenario]") {
  const std::map<std::string, std::string> before = {{"i-1", "pending (us-east-1)"},
                                                     {"snap-2", "completed (eu-west-1)"},
                                                     {"vol-3", "available (us-east-1)"}};
  const std::map<std::string, std::string> after = {{"i-1", "running (us-east-1)"},
                                                    {"ami-4", "pending (eu-west-1)"},
                                                    {"vol-3", "available (us-east-1)"},
                                                    {"snap-5", "pending (eu-west-1)"}};
  CHECK(sc::inventory_changes(before, after) ==
        std::vector<std::string>{
            "+ ami-4 pending (eu-west-1)", "i-1 pending -> running (us-east-1)",
            "+ snap-5 pending (eu-west-1)", "- snap-2 (was completed (eu-west-1))"});
  // Past the limit, the last line counts the rest.
  CHECK(sc::inventory_changes(before, after, 3) ==
        std::vector<std::string>{"+ ami-4 pending (eu-west-1)",
                                 "i-1 pending -> running (us-east-1)", "... and 2 more"});
  CHECK(sc::inventory_changes(before, before).empty());
}

TEST_CASE("Scenario reports: JUnit counts failures and load errors and escapes text",
          "[scenario]") {
  std::vector<sc::ReportEntry> entries;
  entries.push_back({run(with_steps(R"([{"note": "a"}])")), 0.5});
  auto failing =
      run(with_steps(R"([{"call": "DescribeImages", "params": {"ImageIds": ["<&\">"]}}])"));
  entries.push_back({failing, 0.25});
  entries.push_back({sc::load_failure("bad.json", "bad.json: line 1: not JSON: x < y"), 0});
  const std::string xml = sc::junit_xml(entries);
  CHECK(xml.find(
            R"(<testsuites name="amisim run" tests="3" failures="1" errors="1" time="0.750">)") !=
        std::string::npos);
  CHECK(xml.find(R"(<error message="bad.json: line 1: not JSON: x &lt; y" type="load">)") !=
        std::string::npos);
  CHECK(xml.find("<failure message=\"step 1 (call): DescribeImages failed\"") != std::string::npos);
  CHECK(xml.find("<&") == std::string::npos);
  CHECK(sc::xml_escape("a\x01"
                       "b") ==
        "a\xEF\xBF\xBD"
        "b");
  const Json report = sc::json_report(entries);
  CHECK(report["passed"] == 1);
  CHECK(report["failed"] == 2);
  CHECK(report["scenarios"][1]["failure"]["step"] == 1);
}

namespace {

// A door whose DescribeInstances answers differ from run to run: the in-process door, except
// that every other world it makes reports a LaunchTime one second later (a deliberately
// nondeterministic step, like a server whose clock moves on its own).
class Flaky final : public test::ForwardingDoor {
 public:
  Flaky(std::unique_ptr<sc::Door> inner, bool shift)
      : ForwardingDoor(std::move(inner)), shift_(shift) {}
  amisim::protocol::WireResult<Json> call(sc::Service service, const sim::Caller& caller,
                                          std::string_view action, const Json& params) override {
    auto r = inner().call(service, caller, action, params);
    if (shift_ && r.ok() && action == "DescribeInstances")
      r.value()["Reservations"][0]["Instances"][0]["LaunchTime"] = "2026-01-01T00:00:01.000Z";
    return r;
  }

 private:
  bool shift_;
};

}  // namespace

TEST_CASE(
    "Scenario --twice: two runs with one seed agree, a deliberately nondeterministic step "
    "is caught at that step",
    "[scenario]") {
  auto loaded = sc::parse_scenario(with_steps("[" + kLaunch + R"(, {"advance": "1m"},
        {"call": "DescribeInstances", "params": {"InstanceIds": ["${i}"]}},
        {"advance": "1m"}])"),
                                   "t.json");
  REQUIRE(loaded.ok());
  const auto first = sc::run_scenario(loaded.value(), test::fixtures(), {});
  const auto again = sc::run_scenario(loaded.value(), test::fixtures(), {});
  REQUIRE(first.passed);
  REQUIRE(first.step_digests.size() == 4);
  CHECK_FALSE(sc::reproducibility_failure(first, again).has_value());
  CHECK_FALSE(first.state_digest.empty());
  // The same scenario through a door that answers step 3 otherwise on every second world: the
  // expectations (none on LaunchTime) still pass, but --twice names step 3.
  int worlds = 0;
  sc::RunOptions flaky;
  flaky.door = [&worlds](std::uint64_t seed, bool instant) -> std::unique_ptr<sc::Door> {
    return std::make_unique<Flaky>(sc::in_process_door(test::fixtures(), seed, instant),
                                   worlds++ % 2 == 1);
  };
  const auto one = sc::run_scenario(loaded.value(), test::fixtures(), flaky);
  const auto two = sc::run_scenario(loaded.value(), test::fixtures(), flaky);
  REQUIRE(one.passed);
  REQUIRE(two.passed);
  auto failure = sc::reproducibility_failure(one, two);
  REQUIRE(failure.has_value());
  CHECK(failure->step == 3);
  CHECK(failure->kind == sc::StepKind::kCall);
  CHECK(failure->what.find("not reproducible") != std::string::npos);
  // Another seed launches another instance ID: the first step already differs.
  sc::RunOptions other;
  other.seed = 8;
  auto seeded =
      sc::reproducibility_failure(first, sc::run_scenario(loaded.value(), test::fixtures(), other));
  REQUIRE(seeded.has_value());
  CHECK(seeded->step == 1);
  // The same observations but another final state (a digest alone differs): still caught.
  auto tampered = again;
  tampered.state_digest += "x";
  auto state = sc::reproducibility_failure(first, tampered);
  REQUIRE(state.has_value());
  CHECK(state->what.find("final state") != std::string::npos);
}

TEST_CASE("Scenario run: an account that substitutes to no account ID fails its step alike",
          "[scenario]") {
  for (const std::string step : {R"({"call": "DescribeImages", "account": "${i}"})",
                                 R"({"expect_bill": {"total_usd": "0", "account": "${i}"}})"}) {
    INFO(step);
    auto r = run(with_steps("[" + kLaunch + ", " + step + "]"));
    REQUIRE(r.failure);
    CHECK(r.failure->step == 2);
    CHECK(r.failure->what == "a malformed account");
    CHECK(r.failure->expected == "a 12-digit account ID");
    CHECK(r.failure->actual.rfind("i-", 0) == 0);
  }
}
