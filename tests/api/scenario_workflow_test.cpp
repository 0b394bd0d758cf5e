// The scenario format's `workflow` step (api/scenario/workflow.hpp; issue 21): refused unless the
// caller runs commands, the loader's one-line errors, what the command is given, and how it is
// judged — exit status, timeout, built-in and user invariants — with a stand-in runner that acts
// on the door's world the way a command would over HTTP (the real runner, which starts processes,
// is tested end to end in tests/e2e/test_check.py).
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "api/gateway/gateway.hpp"
#include "api/scenario/loader.hpp"
#include "api/scenario/runner.hpp"
#include "tests/harness.hpp"

namespace sc = amisim::scenario;
using Json = nlohmann::json;

namespace {

std::string load_error(const Json& steps) {
  const Json doc = {{"name", "t"}, {"seed", 3}, {"clock", "instant"}, {"steps", steps}};
  auto r = sc::parse_scenario(doc.dump(), "t.json");
  return r.ok() ? "" : r.error();
}

// A world with one image of the default account's, baked from a running instance that stays: the
// image is in use.
Json baked_world() {
  return Json::parse(R"([
    {"call": "RunInstances", "params": {"ImageId": "ami-0c0c6cb94051042ae",
      "InstanceType": "t3.micro", "MinCount": 1, "MaxCount": 1},
      "save": {"builder": "Instances[0].InstanceId"}},
    {"call": "CreateImage", "params": {"InstanceId": "${builder}", "Name": "web",
      "TagSpecifications": [{"ResourceType": "image", "Tags": [{"Key": "team", "Value": "web"}]}]},
      "save": {"ami": "ImageId"}},
    {"call": "RunInstances", "params": {"ImageId": "${ami}", "InstanceType": "t3.micro",
      "MinCount": 1, "MaxCount": 1}}
  ])");
}

sc::ScenarioResult play(const Json& steps, const sc::WorkflowRunner& runner) {
  const Json doc = {{"name", "t"}, {"seed", 3}, {"clock", "instant"}, {"steps", steps}};
  auto loaded = sc::parse_scenario(doc.dump(), "t.json");
  INFO((loaded.ok() ? "" : loaded.error()));
  REQUIRE(loaded.ok());
  sc::RunOptions options;
  options.workflow = runner;
  return sc::run_scenario(loaded.value(), test::fixtures(), options);
}

// The default account's images in us-east-1, through the door.
std::vector<std::string> own_images(sc::Door& door) {
  amisim::sim::Caller caller;
  auto r = door.call(sc::Service::kEc2, caller, "DescribeImages", {{"Owners", {"self"}}});
  std::vector<std::string> out;
  for (const auto& i : r.value()["Images"]) out.push_back(i["ImageId"]);
  return out;
}

// A stand-in for a command: deregisters every image of the default account's, then ends with
// `status`.
sc::WorkflowRunner deregistering(int status, std::vector<sc::WorkflowCommand>* seen = nullptr) {
  return [status, seen](sc::Door& door, const sc::WorkflowCommand& c) {
    if (seen != nullptr) seen->push_back(c);
    REQUIRE(door.gateway() != nullptr);  // in process: the world the CLI serves
    amisim::sim::Caller caller;
    for (const auto& id : own_images(door))
      REQUIRE(door.call(sc::Service::kEc2, caller, "DeregisterImage", {{"ImageId", id}}));
    sc::WorkflowExit exit;
    exit.status = status;
    exit.output = "line 1\nline 2\nTraceback: KeyError\n";
    return exit;
  };
}

sc::WorkflowRunner idle(int status = 0) {
  return [status](sc::Door&, const sc::WorkflowCommand&) {
    sc::WorkflowExit exit;
    exit.status = status;
    return exit;
  };
}

Json with_workflow(Json workflow) {
  Json steps = baked_world();
  steps.push_back(std::move(workflow));
  return steps;
}

}  // namespace

TEST_CASE("A workflow step runs nothing unless the caller allows commands", "[scenario]") {
  const Json steps = with_workflow({{"workflow", "touch /tmp/never"}});
  const Json doc = {{"name", "t"}, {"seed", 3}, {"clock", "instant"}, {"steps", steps}};
  auto loaded = sc::parse_scenario(doc.dump(), "t.json");
  REQUIRE(loaded.ok());
  const sc::ScenarioResult r = sc::run_scenario(loaded.value(), test::fixtures());
  REQUIRE(r.failure);
  CHECK(r.failure->step == 4);
  CHECK(r.failure->kind == sc::StepKind::kWorkflow);
  CHECK(r.failure->what == "the workflow step was not run");
  CHECK(r.failure->expected.find("--allow-workflow") != std::string::npos);
  CHECK(r.runs_commands);
  CHECK(r.replay() == "amisim run t.json --seed 3 --allow-workflow");
}

TEST_CASE("Workflow steps: each malformed one gives its one-line error", "[scenario]") {
  const std::vector<std::pair<Json, std::string>> bad = {
      {{{"workflow", ""}}, R"("workflow" is "")"},
      {{{"workflow", 3}}, R"("workflow" is 3)"},
      {{{"workflow", "x"}, {"cmd", "y"}}, R"(unknown member "cmd" in a workflow step)"},
      {{{"workflow", "x"}, {"timeout", "0s"}}, R"("timeout" is "0s"; expected a duration from)"},
      {{{"workflow", "x"}, {"timeout", "2d"}}, R"("timeout" is "2d")"},
      {{{"workflow", "x"}, {"advance_before", "soon"}}, R"("advance_before" is "soon")"},
      {{{"workflow", "x"}, {"expect_exit", 256}}, R"("expect_exit" is 256)"},
      {{{"workflow", "x"}, {"expect_exit", "some"}}, R"("expect_exit" is "some")"},
      {{{"workflow", "x"}, {"account", "12"}}, R"("account" is "12")"},
      {{{"workflow", "x"}, {"accounts", Json::array()}}, R"("accounts" is an array)"},
      {{{"workflow", "x"}, {"accounts", {"123"}}}, R"("accounts entry" is "123")"},
      {{{"workflow", "x"}, {"regions", "us-east-1"}}, R"("regions" is "us-east-1")"},
      {{{"workflow", "x"}, {"invariants", "never-deregisters-in-use"}}, R"("invariants" is)"},
      {{{"workflow", "x"}, {"invariants", {"never-deregisters"}}},
       "invariant 1: no built-in invariant 'never-deregisters'"},
      {{{"workflow", "x"}, {"invariants", {"bill-under:ten"}}},
       "invariant 1: invariant 'bill-under:ten'"},
      {{{"workflow", "x"}, {"invariants", {3}}}, "invariant 1: an invariant is a number"},
      {{{"workflow", "x"}, {"invariants", {{{"call", "DescribeImages"}, {"count", {{"min", 1}}}}}}},
       R"(invariant 1: "name" is missing)"},
      {{{"workflow", "x"},
        {"invariants", {{{"name", "n"}, {"call", "DescribeImages"}, {"each", "Images[x"}}}}},
       R"(invariant 1: "each" is "Images[x")"},
      {{{"workflow", "x"},
        {"invariants",
         {"no-orphan-snapshots",
          {{"name", "n"}, {"call", "DescribeImages"}, {"expect", {{"output", {{"a..b", 1}}}}}}}}},
       R"(invariant 2: "expect.output" has the path "a..b")"},
      {{{"workflow", "x"},
        {"invariants", {{{"name", "n"}, {"call", "DescribeImages"}, {"count", {{"min", 1}}}}}}},
       R"(invariant 1: "count" without "each")"},
      {{{"workflow", "x"},
        {"invariants",
         {{{"name", "n"},
           {"call", "DescribeImages"},
           {"each", "Images"},
           {"count", {{"min", 3}, {"max", 1}}}}}}},
       "invariant 1: \"count\" has min above max"},
      {{{"workflow", "x"}, {"invariants", {{{"name", "n"}, {"call", "DescribeImages"}}}}},
       R"(invariant 1: the invariant has neither "expect" nor "count")"},
      {{{"workflow", "x"},
        {"invariants",
         {{{"name", "n"}, {"call", "DescribeImages"}, {"expect", {{"error", "X"}}}}}}},
       R"(invariant 1: "expect" is an object)"},
  };
  for (const auto& [step, message] : bad) {
    INFO(step.dump());
    const std::string error = load_error(Json::array({step}));
    CHECK(error.rfind("t.json: step 1: ", 0) == 0);
    CHECK(error.find(message) != std::string::npos);
    CHECK(error.find('\n') == std::string::npos);
  }
  CHECK(load_error(Json::array({{{"workflow", "x"},
                                 {"timeout", "90s"},
                                 {"expect_exit", "any"},
                                 {"advance_before", "30d"},
                                 {"invariants", {"bill-under:2.5"}}}})) == "");
  CHECK(sc::invariant_problem("never-deregisters-in-use") == "");
  CHECK(sc::invariant_problem(Json::object()).find("\"name\" is missing") == 0);
}

TEST_CASE(
    "A workflow step gives its command as written, the step's account, Region, the world's "
    "accounts and Regions, its timeout, the saved variables, and the world's time after "
    "advance_before",
    "[scenario]") {
  std::vector<sc::WorkflowCommand> seen;
  const sc::ScenarioResult r =
      play(with_workflow({{"workflow", "python3 clean.py --image ${ami} --home ${HOME}"},
                          {"account", "210987654321"},
                          {"region", "eu-west-1"},
                          {"accounts", {"123456789012", "210987654321"}},
                          {"regions", {"us-east-1", "eu-west-1"}},
                          {"timeout", "5m"},
                          {"advance_before", "30d"},
                          {"expect_exit", "any"}}),
           deregistering(0, &seen));
  INFO((r.failure ? r.failure->what + ": " + r.failure->actual : ""));
  CHECK(r.passed);
  REQUIRE(seen.size() == 1);
  // Shell text: ${...} stays for the shell; the saved variables come as its environment.
  CHECK(seen[0].command == "python3 clean.py --image ${ami} --home ${HOME}");
  CHECK(seen[0].variables.at("ami").rfind("ami-", 0) == 0);
  CHECK(seen[0].variables.count("builder") == 1);
  CHECK(seen[0].variables.count("now") == 0);
  CHECK(seen[0].account == "210987654321");
  CHECK(seen[0].region == "eu-west-1");
  CHECK(seen[0].accounts == std::vector<std::string>{"123456789012", "210987654321"});
  CHECK(seen[0].regions == std::vector<std::string>{"us-east-1", "eu-west-1"});
  CHECK(seen[0].timeout_ms == 5 * 60 * 1000);
  // The world starts 2026-01-01; the steps before took seconds; then 30 days.
  CHECK(seen[0].now.rfind("2026-01-31T00:", 0) == 0);

  seen.clear();
  CHECK(play(with_workflow({{"workflow", "x"}}), deregistering(0, &seen)).passed);
  REQUIRE(seen.size() == 1);
  CHECK(seen[0].account == "123456789012");  // the defaults
  CHECK(seen[0].region == "us-east-1");
  CHECK(seen[0].accounts == std::vector<std::string>{"123456789012"});
  CHECK(seen[0].regions == std::vector<std::string>{"us-east-1"});
  CHECK(seen[0].timeout_ms == sc::kWorkflowTimeoutMs);
}

TEST_CASE("A workflow step fails on its exit status unless told otherwise, with its output's end",
          "[scenario]") {
  SECTION("non-zero") {
    const sc::ScenarioResult r = play(with_workflow({{"workflow", "x"}}), idle(3));
    REQUIRE(r.failure);
    CHECK(r.failure->what == "the workflow exited with status 3");
    CHECK(r.failure->expected == "exit status 0");
  }
  SECTION("the status expected") {
    CHECK(play(with_workflow({{"workflow", "x"}, {"expect_exit", 3}}), idle(3)).passed);
    CHECK_FALSE(play(with_workflow({{"workflow", "x"}, {"expect_exit", 3}}), idle(0)).passed);
    CHECK(play(with_workflow({{"workflow", "x"}, {"expect_exit", "any"}}), idle(77)).passed);
  }
  SECTION("its output's last lines") {
    const sc::ScenarioResult r = play(with_workflow({{"workflow", "x"}}), deregistering(1));
    REQUIRE(r.failure);
    CHECK(r.failure->actual == "status 1; its output ended: line 1 | line 2 | Traceback: KeyError");
  }
  SECTION("timed out, or not started") {
    sc::WorkflowRunner hung = [](sc::Door&, const sc::WorkflowCommand&) {
      sc::WorkflowExit exit;
      exit.timed_out = true;
      exit.status = 128 + 15;
      return exit;
    };
    sc::ScenarioResult r = play(with_workflow({{"workflow", "x"}, {"timeout", "2s"}}), hung);
    REQUIRE(r.failure);
    CHECK(r.failure->what == "the workflow timed out");
    CHECK(r.failure->expected == "its command to end within 2s");
    sc::WorkflowRunner broken = [](sc::Door&, const sc::WorkflowCommand&) {
      return sc::WorkflowExit{"cannot start /bin/sh: No such file", false, 0, ""};
    };
    r = play(with_workflow({{"workflow", "x"}}), broken);
    REQUIRE(r.failure);
    CHECK(r.failure->what == "the workflow did not run");
    CHECK(r.failure->actual == "cannot start /bin/sh: No such file");
  }
}

TEST_CASE(
    "A workflow step judges the built-in invariants on the world before and after its command, "
    "before its exit status",
    "[scenario]") {
  const sc::ScenarioResult broken =
      play(with_workflow({{"workflow", "x"}, {"invariants", {"never-deregisters-in-use"}}}),
           deregistering(1));
  REQUIRE(broken.failure);
  CHECK(broken.failure->what == "invariant never-deregisters-in-use broken");
  CHECK(broken.failure->actual.find("(web, created 0 days ago) was deregistered while instance") !=
        std::string::npos);
  // Kept when the command leaves the image alone; the order: the first broken invariant wins.
  CHECK(
      play(with_workflow({{"workflow", "x"}, {"invariants", {"never-deregisters-in-use"}}}), idle())
          .passed);
  const sc::ScenarioResult first = play(
      with_workflow(
          {{"workflow", "x"},
           {"invariants",
            {"no-dangling-launch-template", "no-orphan-snapshots", "never-deregisters-in-use"}}}),
      deregistering(0));
  REQUIRE(first.failure);
  CHECK(first.failure->what == "invariant no-orphan-snapshots broken");
  // advance_after moves the clock before judging: the bill grows with it.
  CHECK(
      play(with_workflow({{"workflow", "x"}, {"invariants", {"bill-under:0.01"}}}), idle()).passed);
  const sc::ScenarioResult costly =
      play(with_workflow(
               {{"workflow", "x"}, {"advance_after", "30d"}, {"invariants", {"bill-under:0.01"}}}),
           idle());
  REQUIRE(costly.failure);
  CHECK(costly.failure->what == "invariant bill-under broken");
}

TEST_CASE(
    "User invariants: a describe call in each account and Region, its list quantified with "
    "each, expect and count",
    "[scenario]") {
  const Json tagged = {{"name", "images keep their team tag"},
                       {"call", "DescribeImages"},
                       {"params", {{"Owners", {"self"}}}},
                       {"each", "Images"},
                       {"expect", {{"output", {{"Tags[0].Value", "web"}}}}}};
  const Json kept = {{"name", "an image stays"},
                     {"call", "DescribeImages"},
                     {"params", {{"Owners", {"self"}}}},
                     {"each", "Images"},
                     {"count", {{"min", 1}}}};
  SECTION("holding") {
    CHECK(play(with_workflow({{"workflow", "x"}, {"invariants", {tagged, kept}}}), idle()).passed);
  }
  SECTION("count broken, in words") {
    const sc::ScenarioResult r =
        play(with_workflow({{"workflow", "x"}, {"invariants", {tagged, kept}}}), deregistering(0));
    REQUIRE(r.failure);
    CHECK(r.failure->what == "invariant an image stays broken");
    CHECK(r.failure->actual ==
          "in 123456789012 us-east-1, Images holds 0 elements, expected at least 1");
  }
  SECTION("each element's expectation broken, naming the element") {
    Json wrong = tagged;
    wrong["expect"]["output"]["Tags[0].Value"] = "data";
    const sc::ScenarioResult r =
        play(with_workflow({{"workflow", "x"}, {"invariants", {wrong}}}), idle());
    REQUIRE(r.failure);
    CHECK(r.failure->actual.rfind("in 123456789012 us-east-1, Images[0] (ami-", 0) == 0);
    CHECK(r.failure->actual.find(") has Tags[0].Value = web, expected data") != std::string::npos);
  }
  SECTION("every account and Region of the step, unless the invariant names its own") {
    // The other account and Region have no image: count broken there, in each.
    const sc::ScenarioResult r = play(with_workflow({{"workflow", "x"},
                                                     {"accounts", {"123456789012", "210987654321"}},
                                                     {"regions", {"us-east-1", "eu-west-1"}},
                                                     {"invariants", {kept}}}),
                                      idle());
    REQUIRE(r.failure);
    CHECK(r.failure->actual ==
          "in 123456789012 eu-west-1, Images holds 0 elements, expected at least 1; "
          "in 210987654321 us-east-1, Images holds 0 elements, expected at least 1; "
          "in 210987654321 eu-west-1, Images holds 0 elements, expected at least 1");
    Json here = kept;
    here["account"] = "123456789012";
    here["region"] = "us-east-1";
    CHECK(play(with_workflow({{"workflow", "x"},
                              {"accounts", {"123456789012", "210987654321"}},
                              {"regions", {"us-east-1", "eu-west-1"}},
                              {"invariants", {here}}}),
               idle())
              .passed);
  }
  SECTION("without each: paths into the whole output; a failing call is a violation") {
    Json whole = {{"name", "first image"},
                  {"call", "DescribeImages"},
                  {"params", {{"Owners", {"self"}}}},
                  {"expect", {{"output", {{"Images[0].State", "available"}}}}}};
    CHECK(play(with_workflow({{"workflow", "x"}, {"invariants", {whole}}}), idle()).passed);
    const sc::ScenarioResult gone =
        play(with_workflow({{"workflow", "x"}, {"invariants", {whole}}}), deregistering(0));
    REQUIRE(gone.failure);
    CHECK(gone.failure->actual.find("DescribeImages's output has no Images[0].State") !=
          std::string::npos);
    Json failing = {{"name", "bad call"},
                    {"call", "DescribeImages"},
                    {"params", {{"ImageIds", {"ami-12345678901234567"}}}},
                    {"expect", {{"output", {{"Images[0].State", "available"}}}}}};
    const sc::ScenarioResult r =
        play(with_workflow({{"workflow", "x"}, {"invariants", {failing}}}), idle());
    REQUIRE(r.failure);
    CHECK(r.failure->actual.find("DescribeImages failed: InvalidAMIID.NotFound") !=
          std::string::npos);
  }
}
