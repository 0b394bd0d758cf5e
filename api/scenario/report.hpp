// Reports of a run: JUnit XML (what CI systems read: <testsuites>, one <testsuite>, a <testcase>
// per scenario with <failure> for a failed step and <error> for a file that did not load), a JSON
// document, and an HTML page for people. All are plain text; the CLI writes them to files.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "api/scenario/runner.hpp"

namespace amisim::scenario {

struct ReportEntry {
  ScenarioResult result;
  double wall_seconds = 0;  // measured by the caller (the runner never reads a clock)
};

// The failure as text, several lines: "step 4 (call): RunInstances failed\n  expected: ...".
std::string failure_text(const ScenarioResult& result);

std::string junit_xml(const std::vector<ReportEntry>& entries);

// {"format": "amisim-run/1", "passed": N, "failed": N, "scenarios": [{"file", "name", "seed",
//   "passed", "steps_run", "elapsed_model_ms", "load_error"?, "failure"?: {"step", "kind",
//   "what", "expected", "actual"}, "replay"}]}
nlohmann::json json_report(const std::vector<ReportEntry>& entries);

// The run as one self-contained HTML file (`amisim run --html`): the live page (ui/page.html) with
// the run frozen into it — every scenario with its steps, pass or fail, the failing expectation,
// and the picture of its world (ScenarioResult::picture) — that opens offline. Steps come from
// each result's trace (RunOptions::trace).
std::string html_report(const std::vector<ReportEntry>& entries);

// Escapes text for XML attribute values and character data; bytes XML 1.0 cannot hold
// (control characters other than tab, newline and carriage return) become U+FFFD.
std::string xml_escape(std::string_view text);

}  // namespace amisim::scenario
