#include "api/scenario/report.hpp"

#include <fmt/format.h>

#include "api/picture/page.hpp"
#include "api/protocol/xml_writer.hpp"
#include "sim/billing/billing.hpp"
#include "sim/core/time.hpp"

namespace amisim::scenario {
namespace {

using Json = nlohmann::json;

std::string testcase(const ReportEntry& e) {
  const ScenarioResult& r = e.result;
  const std::string name = r.name.empty() ? r.file : r.name;
  std::string out =
      fmt::format(R"(    <testcase name="{}" classname="amisim.scenarios" file="{}" time="{:.3f}")",
                  xml_escape(name), xml_escape(r.file), e.wall_seconds);
  if (r.passed) return out + "/>\n";
  out += ">\n";
  if (!r.load_error.empty()) {
    out += fmt::format("      <error message=\"{}\" type=\"load\">{}</error>\n",
                       xml_escape(r.load_error), xml_escape(r.load_error));
  } else if (r.failure) {
    const std::string headline = fmt::format("step {} ({}): {}", r.failure->step,
                                             kind_name(r.failure->kind), r.failure->what);
    out += fmt::format("      <failure message=\"{}\" type=\"expectation\">{}</failure>\n",
                       xml_escape(headline), xml_escape(failure_text(r)));
  }
  out += fmt::format("      <system-out>{}</system-out>\n", xml_escape(r.replay()));
  return out + "    </testcase>\n";
}

}  // namespace

std::string failure_text(const ScenarioResult& r) {
  if (!r.load_error.empty()) return r.load_error;
  if (!r.failure) return "";
  const StepFailure& f = *r.failure;
  return fmt::format("step {} ({}): {}\n  expected: {}\n  actual:   {}\n  replay:   {}", f.step,
                     kind_name(f.kind), f.what, f.expected, f.actual, r.replay());
}

std::string xml_escape(std::string_view text) {
  // The EC2 XML writer's escaping: entities, CR kept as &#13;, forbidden controls as U+FFFD.
  fmt::memory_buffer out;
  protocol::append_escaped(out, text);
  return fmt::to_string(out);
}

std::string junit_xml(const std::vector<ReportEntry>& entries) {
  std::size_t failures = 0, errors = 0;
  double seconds = 0;
  for (const auto& e : entries) {
    if (!e.result.load_error.empty())
      ++errors;
    else if (!e.result.passed)
      ++failures;
    seconds += e.wall_seconds;
  }
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  const std::string counts = fmt::format(R"(tests="{}" failures="{}" errors="{}" time="{:.3f}")",
                                         entries.size(), failures, errors, seconds);
  out += fmt::format("<testsuites name=\"amisim run\" {}>\n", counts);
  out += fmt::format("  <testsuite name=\"amisim scenarios\" {} skipped=\"0\">\n", counts);
  for (const auto& e : entries) out += testcase(e);
  return out + "  </testsuite>\n</testsuites>\n";
}

Json json_report(const std::vector<ReportEntry>& entries) {
  Json scenarios = Json::array();
  std::size_t passed = 0;
  for (const auto& e : entries) {
    const ScenarioResult& r = e.result;
    passed += r.passed;
    Json s = {{"file", r.file},      {"name", r.name},           {"seed", r.seed},
              {"passed", r.passed},  {"steps_run", r.steps_run}, {"elapsed_model_ms", r.elapsed_ms},
              {"replay", r.replay()}};
    if (!r.load_error.empty()) s["load_error"] = r.load_error;
    if (r.failure) {
      s["failure"] = {{"step", r.failure->step},
                      {"kind", kind_name(r.failure->kind)},
                      {"what", r.failure->what},
                      {"expected", r.failure->expected},
                      {"actual", r.failure->actual}};
    }
    scenarios.push_back(std::move(s));
  }
  return {{"format", "amisim-run/1"},
          {"passed", passed},
          {"failed", entries.size() - passed},
          {"scenarios", std::move(scenarios)}};
}

std::string html_report(const std::vector<ReportEntry>& entries) {
  Json run = json_report(entries);
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const ScenarioResult& r = entries[i].result;
    Json steps = Json::array();
    for (const StepTrace& t : r.trace) {
      Json step = Json::object();
      step["step"] = t.step;
      step["kind"] = kind_name(t.kind);
      step["note"] = t.note;
      step["summary"] = t.summary;
      step["outcome"] = t.outcome;
      step["at"] = t.kind == StepKind::kNote ? "" : sim::format_iso8601(t.at);
      step["cost_usd"] = t.cost != 0 ? sim::format_usd(t.cost) : "";
      step["ok"] = t.ok;
      step["changes"] = t.changes;
      steps.push_back(std::move(step));
    }
    run["scenarios"][i]["steps"] = std::move(steps);
    run["scenarios"][i]["picture"] = r.picture;
  }
  // Inside a <script> element: "</" would end it early, and U+2028/U+2029 are line ends to older
  // scripts; ensure_ascii writes every non-ASCII character as an escape, and bad UTF-8 as U+FFFD.
  std::string json = run.dump(-1, ' ', /*ensure_ascii=*/true, Json::error_handler_t::replace);
  std::string safe;
  safe.reserve(json.size());
  for (std::size_t i = 0; i < json.size(); ++i) {
    if (json[i] == '<' && i + 1 < json.size() && json[i + 1] == '/') {
      safe += "<\\/";
      ++i;
    } else {
      safe += json[i];
    }
  }
  std::string page(picture::page_html());
  const std::string slot = "<!--AMISIM-REPORT-->";
  const auto at = page.find(slot);
  const std::string script = "<script>window.AMISIM_REPORT = " + safe + ";</script>";
  if (at == std::string::npos) return page + script;
  return page.replace(at, slot.size(), script);
}

}  // namespace amisim::scenario
