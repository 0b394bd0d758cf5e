// The run report for people (`amisim run --html`, api/scenario/report.hpp): the live page with the
// run frozen in it as JSON — each scenario's steps, failure and picture — that no text of the run
// can break out of.
#include <rapidcheck/catch.h>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>

#include "api/scenario/loader.hpp"
#include "api/scenario/report.hpp"
#include "api/scenario/runner.hpp"
#include "harness.hpp"

namespace {

namespace report_sc = amisim::scenario;
using Json = nlohmann::json;

// The JSON the report's script sets window.AMISIM_REPORT to, as written in the page.
std::string frozen_text(const std::string& html) {
  const std::string open = "<script>window.AMISIM_REPORT = ";
  const auto at = html.find(open);
  REQUIRE(at != std::string::npos);
  const auto end = html.find(";</script>", at);
  REQUIRE(end != std::string::npos);
  return html.substr(at + open.size(), end - at - open.size());
}

report_sc::ScenarioResult played(const std::string& text) {
  auto loaded = report_sc::parse_scenario(text, "t.json");
  REQUIRE(loaded.ok());
  report_sc::RunOptions options;
  options.trace = true;
  options.picture = true;
  return report_sc::run_scenario(loaded.value(), test::fixtures(), options);
}

}  // namespace

TEST_CASE("The HTML report freezes each scenario's steps, its failure and its world's picture",
          "[scenario][report]") {
  const std::string failing = R"({"name": "bake-and-fail", "seed": 3, "clock": "manual", "steps": [
    {"call": "CreateVolume", "params": {"AvailabilityZone": "us-east-1a", "Size": 8},
     "save": {"vol": "VolumeId"}},
    {"advance": "1m"},
    {"call": "DescribeVolumes", "params": {"VolumeIds": ["${vol}"]},
     "expect": {"output": {"Volumes[0].State": "in-use"}}}]})";
  report_sc::ScenarioResult r = played(failing);
  REQUIRE_FALSE(r.passed);
  const std::string html = report_sc::html_report({{r, 0.1}});
  CHECK(html.rfind("<!DOCTYPE html>", 0) == 0);
  CHECK(html.find("<!--AMISIM-REPORT-->") == std::string::npos);  // the slot was filled
  const Json run = Json::parse(frozen_text(html));
  CHECK(run["failed"] == 1);
  const Json& s = run["scenarios"][0];
  CHECK(s["name"] == "bake-and-fail");
  CHECK(s["failure"]["step"] == 3);
  REQUIRE(s["steps"].size() == 3);
  CHECK(s["steps"][2]["ok"] == false);
  CHECK(s["steps"][0]["summary"].get<std::string>().find("CreateVolume") != std::string::npos);
  // The picture is the world's at the end: the volume, created and then available.
  REQUIRE(s["picture"].is_object());
  const Json& resources = s["picture"]["resources"];
  REQUIRE(resources.size() == 1);
  CHECK(resources[0]["kind"] == "volume");
  CHECK(resources[0]["states"].back()["state"] == "available");
  // Its log: the two calls, and the advance that made the volume available between them.
  const Json& calls = s["picture"]["calls"];
  REQUIRE(calls.size() == 3);
  CHECK(calls[0]["action"] == "CreateVolume");
  CHECK(calls[1]["action"] == "clock/advance");
  CHECK(calls[1]["changed"] == Json::array({resources[0]["id"]}));
  CHECK(calls[2]["action"] == "DescribeVolumes");
}

TEST_CASE("No text of a run ends the report's script early", "[scenario][report]") {
  rc::prop("any name, note and outcome", [] {
    report_sc::ScenarioResult r;
    r.name = *rc::gen::container<std::string>(rc::gen::element('<', '/', 's', '>', '\n', 'a'));
    r.file = "</script><script>alert(1)</script>";
    r.passed = false;
    report_sc::StepTrace t;
    t.step = 1;
    t.kind = report_sc::StepKind::kCall;
    t.note = *rc::gen::arbitrary<std::string>();
    t.summary = "</SCRIPT>" + *rc::gen::arbitrary<std::string>();
    t.outcome = "\xe2\x80\xa8 \xff";  // U+2028 and a byte that is not UTF-8
    r.trace.push_back(t);
    const std::string html = report_sc::html_report({{r, 0}});
    const std::string frozen = frozen_text(html);
    RC_ASSERT(frozen.find("</") == std::string::npos);
    RC_ASSERT(frozen.find("\xe2\x80\xa8") == std::string::npos);
    const Json run = Json::parse(frozen);
    RC_ASSERT(run["scenarios"][0]["name"] == r.name);
    RC_ASSERT(run["scenarios"][0]["file"] == r.file);
    RC_ASSERT(run["scenarios"][0]["steps"][0]["summary"].get<std::string>().rfind("</SCRIPT>", 0) ==
              0);
  });
}
