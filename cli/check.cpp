#include "cli/check.hpp"

#include <fmt/format.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <utility>

#include "api/check/invariants.hpp"
#include "api/check/shrink.hpp"
#include "api/check/world_plan.hpp"
#include "api/io/fixtures.hpp"
#include "api/io/state_file.hpp"
#include "api/scenario/loader.hpp"
#include "api/scenario/report.hpp"
#include "api/scenario/runner.hpp"
#include "api/scenario/values.hpp"
#include "cli/args.hpp"
#include "cli/in_order.hpp"
#include "cli/workflow.hpp"
#include "sim/state/world.hpp"

namespace amisim::cli {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;
using check::WorldPlan;
using scenario::ScenarioResult;

constexpr const char* kUsage =
    "usage: amisim check --workflow CMD [--invariant NAME|FILE]... [--world FILE] [--runs N]\n"
    "                    [--seed S] [--jobs N] [--out DIR] [--advance DURATION] [--junit FILE]\n"
    "                    [--timeout DURATION] [--expect-exit N|any] [--max-shrinks N]\n"
    "  built-in invariants: no-dangling-launch-template, no-orphan-snapshots,\n"
    "  never-deregisters-in-use, never-deletes-protected, bill-under:USD\n";

struct CheckArgs {
  std::string workflow;
  std::vector<std::string> invariants;  // as given: names or files
  std::string world_file;
  std::string out = ".";
  std::string junit;
  unsigned runs = 100;
  unsigned jobs = 1;
  unsigned max_shrinks = 300;
  std::uint64_t seed = 1;
  std::string advance;  // --advance: before and after the command ("" = none)
  std::string timeout = "60s";
  Json expect_exit = 0;
};

std::string parse_option(std::string_view a, std::string_view v, CheckArgs& out) {
  auto whole = [&](unsigned low, unsigned high, unsigned& into) -> std::string {
    unsigned n = 0;
    if (!parse_number(v, n) || n < low || n > high)
      return fmt::format("{} must be a whole number from {} to {}", a, low, high);
    into = n;
    return "";
  };
  if (a == "--workflow") {
    if (v.empty()) return "--workflow needs a command";
    out.workflow = v;
  } else if (a == "--invariant") {
    out.invariants.emplace_back(v);
  } else if (a == "--world") {
    out.world_file = v;
  } else if (a == "--out") {
    out.out = v;
  } else if (a == "--junit") {
    out.junit = v;
  } else if (a == "--runs") {
    return whole(1, 100'000, out.runs);
  } else if (a == "--jobs") {
    return whole(1, 64, out.jobs);
  } else if (a == "--max-shrinks") {
    return whole(0, 100'000, out.max_shrinks);
  } else if (a == "--seed") {
    if (!parse_number(v, out.seed)) return "--seed must be a non-negative integer";
  } else if (a == "--advance") {
    if (!scenario::parse_duration(v)) return "--advance must be a duration such as 90d or 12h";
    out.advance = v;
  } else if (a == "--timeout") {
    auto t = scenario::parse_duration(v);
    if (!t || *t < sim::kSecondMs || *t > 24 * sim::kHourMs)
      return "--timeout must be a duration from 1s to 24h, such as 60s or 5m";
    out.timeout = v;
  } else if (a == "--expect-exit") {
    int status = 0;
    if (v == "any")
      out.expect_exit = "any";
    else if (parse_number(v, status) && status >= 0 && status <= 255)
      out.expect_exit = status;
    else
      return "--expect-exit must be an exit status from 0 to 255, or any";
  } else {
    return "unknown option " + std::string(a);
  }
  return "";
}

std::string parse(const std::vector<std::string_view>& args, CheckArgs& out) {
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string_view a = args[i];
    if (a == "--help" || a == "-h") return "help";
    if (a.substr(0, 2) != "--") return "unexpected argument " + std::string(a);
    if (i + 1 >= args.size()) return std::string(a) + " needs a value";
    if (std::string problem = parse_option(a, args[++i], out); !problem.empty()) return problem;
  }
  return out.workflow.empty() ? "--workflow CMD is required" : "";
}

// The invariants the arguments name: built-in names as they are, files' entries as objects. A
// file holds one invariant object, a list of them, or {"invariants": [...]}; entries may also be
// built-in names.
std::string load_invariants(const std::vector<std::string>& given, Json& out) {
  out = Json::array();
  for (const std::string& g : given) {
    std::string name_error;
    if (check::parse_invariant(g, &name_error)) {
      out.push_back(g);
      continue;
    }
    std::error_code ec;
    if (!fs::is_regular_file(g, ec))
      return fmt::format("--invariant {}: {}, and there is no such file", g, name_error);
    std::string error;
    auto text = io::read_file(g, &error);
    if (!text) return fmt::format("{}: cannot read: {}", g, error);
    Json doc = Json::parse(*text, nullptr, /*allow_exceptions=*/false);
    if (doc.is_discarded()) return fmt::format("{}: not JSON", g);
    Json entries = doc.is_array() ? doc : Json::array({doc});
    if (doc.is_object() && doc.contains("invariants")) {
      if (doc.size() != 1 || !doc["invariants"].is_array())
        return fmt::format("{}: expected {{\"invariants\": [...]}} and nothing else", g);
      entries = doc["invariants"];
    }
    if (entries.empty()) return fmt::format("{}: holds no invariant", g);
    for (std::size_t i = 0; i < entries.size(); ++i) {
      if (std::string problem = scenario::invariant_problem(entries[i]); !problem.empty())
        return fmt::format("{}: invariant {}: {}", g, i + 1, problem);
      out.push_back(entries[i]);
    }
  }
  return "";
}

std::string load_shape(const std::string& file, const sim::Fixtures& fixtures,
                       check::WorldShape& shape) {
  if (file.empty()) return "";
  std::string error;
  auto text = io::read_file(file, &error);
  if (!text) return fmt::format("{}: cannot read: {}", file, error);
  Json doc = Json::parse(*text, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) return fmt::format("{}: not JSON", file);
  auto parsed = check::parse_world_shape(doc, fixtures, &error);
  if (!parsed) return fmt::format("{}: {}", file, error);
  shape = *parsed;
  return "";
}

// Run i's seed: its own, so that no two runs of one check, nor runs of nearby --seeds, draw the
// same world; short enough to read and type.
std::uint64_t run_seed(std::uint64_t seed, std::size_t i) {
  std::uint64_t z = seed * 0x9E3779B97F4A7C15ULL + (i + 1) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return (z ^ (z >> 31)) % 1'000'000'000ULL;
}

// The Regions a plan's resources are in, in the shape's order (the shape's first when none).
std::vector<std::string> plan_regions(const WorldPlan& plan, const check::WorldShape& shape) {
  std::set<std::string> used;
  for (const auto& p : plan.images) used.insert(p.region);
  std::vector<std::string> out;
  for (const auto& r : shape.regions)
    if (used.count(r) != 0) out.push_back(r);
  if (out.empty()) out.push_back(shape.regions.front());
  return out;
}

// What every run shares.
struct Context {
  CheckArgs args;
  Json invariants;
  check::WorldShape shape;
  std::shared_ptr<const sim::Fixtures> fixtures;
  sim::TimeMs start = 0;
};

// One run: a world built from a plan, the workflow against it.
struct Attempt {
  std::uint64_t seed = 0;
  Json doc;  // the scenario
  ScenarioResult result;
  std::size_t workflow_step = 0;  // its number, from 1
  double wall_seconds = 0;
};

enum class Verdict { kPassed, kFailed, kNotRun, kWorldBroken };

Verdict verdict(const Attempt& a) {
  if (a.result.passed) return Verdict::kPassed;
  if (!a.result.load_error.empty() || !a.result.failure ||
      a.result.failure->step != a.workflow_step)
    return Verdict::kWorldBroken;
  return a.result.failure->what == "the workflow did not run" ? Verdict::kNotRun : Verdict::kFailed;
}

Json workflow_step(const WorldPlan& plan, const Context& c) {
  Json step = {{"workflow", c.args.workflow},
               {"account", plan.accounts.front()},
               {"region", plan_regions(plan, c.shape).front()},
               {"accounts", plan.accounts},
               {"regions", plan_regions(plan, c.shape)},
               {"timeout", c.args.timeout},
               {"expect_exit", c.args.expect_exit},
               {"invariants", c.invariants}};
  if (!c.args.advance.empty()) {
    step["advance_before"] = c.args.advance;
    step["advance_after"] = c.args.advance;
  }
  return step;
}

Attempt attempt(const WorldPlan& plan, std::uint64_t seed, const Context& c) {
  const auto began = std::chrono::steady_clock::now();
  Attempt a;
  a.seed = seed;
  Json steps = check::plan_steps(plan, *c.fixtures, c.start);
  steps.push_back(workflow_step(plan, c));
  a.workflow_step = steps.size();
  a.doc = {{"name", fmt::format("amisim check, seed {}", seed)},
           {"description", "A world of " + check::describe(plan) + ", then the workflow."},
           {"seed", seed},
           {"clock", "instant"},
           {"steps", std::move(steps)}};
  const std::string file = fmt::format("check-failure-{}.json", seed);
  auto loaded = scenario::parse_scenario(a.doc.dump(), file);
  if (!loaded.ok()) {
    a.result = scenario::load_failure(file, loaded.error());
  } else {
    scenario::RunOptions options;
    options.workflow = workflow_runner("");
    a.result = scenario::run_scenario(loaded.value(), c.fixtures, options);
  }
  a.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count();
  return a;
}

struct Shrunk {
  WorldPlan plan;
  Attempt failing;
  unsigned tries = 0;
};

// The smallest plan found that fails as `failing` did (its failure's `what`), each step printed.
Shrunk shrink(const WorldPlan& plan, const Attempt& failing, const Context& c) {
  Shrunk s{plan, failing, 0};
  const std::string what = failing.result.failure->what;
  const check::ShrinkResult found = check::shrink(
      plan, c.args.max_shrinks,
      [&](const WorldPlan& candidate) {
        Attempt a = attempt(candidate, failing.seed, c);
        if (verdict(a) != Verdict::kFailed || a.result.failure->what != what) return false;
        s.failing = std::move(a);
        return true;
      },
      [](const WorldPlan& smaller, unsigned tries) {
        std::printf("  shrunk (try %u): %s\n", tries, check::describe(smaller).c_str());
        std::fflush(stdout);
      });
  s.plan = found.plan;
  s.tries = found.tries;
  return s;
}

// The failure's words, one per line: the violations are joined by "; " in the step's result.
std::vector<std::string> violation_lines(const std::string& actual) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= actual.size()) {
    std::size_t end = actual.find("; ", start);
    if (end == std::string::npos) end = actual.size();
    out.push_back(actual.substr(start, end - start));
    start = end + 2;
  }
  return out;
}

// SIGINT or SIGTERM while commands run: they go too.
extern "C" void on_signal(int signal) {
  kill_running_workflows();
  _exit(128 + signal);
}

std::string write_counterexample(const Shrunk& s, const Context& c, std::string& path) {
  std::error_code ec;
  fs::create_directories(c.args.out, ec);
  if (ec) return fmt::format("cannot make {}: {}", c.args.out, ec.message());
  path = (fs::path(c.args.out) / fmt::format("check-failure-{}.json", s.failing.seed)).string();
  Json doc = s.failing.doc;
  const auto& f = *s.failing.result.failure;
  doc["name"] = fmt::format("amisim check failure: {} (seed {})", f.what, s.failing.seed);
  doc["description"] = fmt::format("Found by amisim check --seed {}, shrunk to a world of {}: {}.",
                                   c.args.seed, check::describe(s.plan), f.actual);
  return io::write_file_atomically(path, doc.dump(2) + "\n");
}

}  // namespace

int run_check(const std::vector<std::string_view>& args) {
  Context c;
  std::string problem = parse(args, c.args);
  if (problem.empty()) problem = load_invariants(c.args.invariants, c.invariants);
  if (problem == "help") {
    std::fputs(kUsage, stdout);
    return 0;
  }
  if (!problem.empty()) {
    std::fprintf(stderr, "amisim check: %s\n%s", problem.c_str(), kUsage);
    return 2;
  }
  c.fixtures = io::load_fixtures(io::FixtureOptions{});
  c.start = sim::World(c.fixtures).now();
  if (problem = load_shape(c.args.world_file, *c.fixtures, c.shape); !problem.empty()) {
    std::fprintf(stderr, "amisim check: %s\n", problem.c_str());
    return 2;
  }
  struct sigaction action {};
  action.sa_handler = on_signal;
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);

  std::printf("amisim check: %u run%s of `%s`, seed %llu\n", c.args.runs,
              c.args.runs == 1 ? "" : "s", c.args.workflow.c_str(),
              static_cast<unsigned long long>(c.args.seed));
  std::fflush(stdout);
  // The runs, several at once with --jobs, reported in order; none after the first failure.
  std::atomic<std::size_t> first_failure{std::numeric_limits<std::size_t>::max()};
  std::vector<scenario::ReportEntry> entries;
  std::optional<std::pair<WorldPlan, Attempt>> failed;
  std::optional<Attempt> stopped;  // a run that could not be judged: exit 2
  run_in_order(
      c.args.runs, c.args.jobs,
      [&](std::size_t i) -> std::optional<std::pair<WorldPlan, Attempt>> {
        if (i > first_failure.load()) return std::nullopt;
        const std::uint64_t seed = run_seed(c.args.seed, i);
        WorldPlan plan = check::random_plan(c.shape, seed);
        Attempt a = attempt(plan, seed, c);
        if (verdict(a) != Verdict::kPassed) {
          std::size_t seen = first_failure.load();
          while (i < seen && !first_failure.compare_exchange_weak(seen, i)) {
          }
        }
        return std::pair{std::move(plan), std::move(a)};
      },
      [&](std::size_t i, std::optional<std::pair<WorldPlan, Attempt>> run) {
        if (!run || failed || stopped) return;
        const Attempt& a = run->second;
        const Verdict v = verdict(a);
        std::printf("run %zu/%u (seed %llu): %s\n", i + 1, c.args.runs,
                    static_cast<unsigned long long>(a.seed),
                    v == Verdict::kPassed   ? "passed"
                    : v == Verdict::kFailed ? ("FAILED: " + a.result.failure->what).c_str()
                                            : "could not be judged");
        std::fflush(stdout);
        if (v == Verdict::kPassed) {
          entries.push_back({a.result, a.wall_seconds});
        } else if (v == Verdict::kFailed) {
          failed = std::move(run);
        } else {
          stopped = std::move(run->second);
        }
      });

  if (stopped) {
    const auto& r = stopped->result;
    std::fprintf(
        stderr, "amisim check: seed %llu: %s\n", static_cast<unsigned long long>(stopped->seed),
        !r.load_error.empty() ? r.load_error.c_str()
        : r.failure
            ? fmt::format("step {}: {}: {}", r.failure->step, r.failure->what, r.failure->actual)
                  .c_str()
            : "no result");
    return 2;
  }
  int code = 0;
  if (!failed) {
    std::printf("passed: %u run%s (seed %llu)\n", c.args.runs, c.args.runs == 1 ? "" : "s",
                static_cast<unsigned long long>(c.args.seed));
  } else {
    const auto& [plan, first] = *failed;
    const bool timed_out = first.result.failure->what == "the workflow timed out";
    std::printf("shrinking from %s\n", check::describe(plan).c_str());
    std::fflush(stdout);
    // A command that hangs would wait out its timeout on every try: it is not shrunk.
    const Shrunk s = timed_out ? Shrunk{plan, first, 0} : shrink(plan, first, c);
    std::string path;
    const std::string error = write_counterexample(s, c, path);
    const auto& f = *s.failing.result.failure;
    std::printf("FAILED after %zu run%s: %s\n", entries.size() + 1, entries.size() == 0 ? "" : "s",
                f.what.c_str());
    std::printf("  the smallest world found (%u tr%s): %s\n", s.tries, s.tries == 1 ? "y" : "ies",
                check::describe(s.plan).c_str());
    if (s.plan.images.empty() && f.what.rfind("the workflow exited", 0) == 0)
      std::printf("  (it fails in a world with no images at all: look at the command itself)\n");
    if (f.what.rfind("invariant ", 0) == 0) {
      for (const std::string& line : violation_lines(f.actual)) std::printf("  %s\n", line.c_str());
    } else {
      std::printf("  %s\n", f.actual.c_str());
    }
    if (!error.empty()) {
      std::fprintf(stderr, "amisim check: %s\n", error.c_str());
      return 2;
    }
    std::printf("  counterexample: %s\n  replay: amisim run %s --allow-workflow\n", path.c_str(),
                path.c_str());
    ScenarioResult shown = s.failing.result;
    shown.file = path;
    entries.push_back({shown, s.failing.wall_seconds});
    code = 1;
  }
  if (!c.args.junit.empty()) {
    if (std::string error = io::write_file_atomically(c.args.junit, scenario::junit_xml(entries));
        !error.empty()) {
      std::fprintf(stderr, "amisim check: %s\n", error.c_str());
      return 2;
    }
  }
  return code;
}

}  // namespace amisim::cli
