#include "cli/run.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "api/client/remote.hpp"
#include "api/io/fixtures.hpp"
#include "api/io/state_file.hpp"
#include "api/scenario/loader.hpp"
#include "api/scenario/report.hpp"
#include "api/scenario/runner.hpp"
#include "api/scenario/shard.hpp"
#include "api/scenario/values.hpp"
#include "cli/args.hpp"
#include "cli/in_order.hpp"
#include "cli/workflow.hpp"
#include "sim/billing/billing.hpp"

namespace amisim::cli {
namespace {

namespace fs = std::filesystem;
using namespace amisim::scenario;

constexpr const char* kUsage =
    "usage: amisim run FILE|DIR... [--endpoint URL] [--junit FILE] [--json FILE] [--html FILE]\n"
    "                  [--seed N]\n"
    "                  [--filter TEXT] [--shard K/N] [--narrate] [--twice] [--jobs N]\n"
    "                  [--images FILE [--images-replace]] [--step | --pace SECONDS]\n"
    "                  [--allow-workflow]\n";

struct RunArgs {
  std::vector<std::string> paths;
  std::string junit, json, html, filter, endpoint;
  std::optional<std::uint64_t> seed;
  bool narrate = false;
  bool twice = false;            // run each scenario twice and compare what both runs observed
  unsigned jobs = 1;             // scenarios run at once (in process only)
  io::FixtureOptions catalogue;  // --images FILE (repeatable), --images-replace
  std::optional<Shard> shard;    // --shard K/N: this runner's share of the suite
  bool step = false;             // --step: wait for Enter before each step (narrated as it goes)
  double pace = 0;               // --pace SECONDS: wait that long before each step
  bool allow_workflow = false;   // run `workflow` steps' commands (cli/workflow.hpp)
};

// One option that takes a value: "" when taken, else the one-line complaint.
std::string parse_option(std::string_view a, std::string_view v, RunArgs& out) {
  if (a == "--junit") {
    out.junit = v;
  } else if (a == "--json") {
    out.json = v;
  } else if (a == "--html") {
    out.html = v;
  } else if (a == "--filter") {
    out.filter = v;
  } else if (a == "--endpoint") {
    out.endpoint = v;
  } else if (a == "--images") {
    out.catalogue.image_files.emplace_back(v);
  } else if (a == "--jobs") {
    unsigned jobs = 0;
    if (!parse_number(v, jobs) || jobs < 1 || jobs > 64)
      return "--jobs must be a whole number from 1 to 64";
    out.jobs = jobs;
  } else if (a == "--shard") {
    auto shard = parse_shard(v);
    if (!shard) return shard.error();
    out.shard = shard.value();
  } else if (a == "--pace") {
    const std::string text(v);
    char* end = nullptr;
    const double seconds = std::strtod(text.c_str(), &end);
    if (text.empty() || end != text.c_str() + text.size() || !(seconds > 0) || seconds > 3600)
      return "--pace must be a number of seconds above 0, at most 3600";
    out.pace = seconds;
  } else if (a == "--seed") {
    std::uint64_t seed = 0;
    if (!parse_number(v, seed)) return "--seed must be a non-negative integer";
    out.seed = seed;
  } else {
    return "unknown option " + std::string(a);
  }
  return "";
}

// "" on success, else the one-line complaint.
std::string parse(const std::vector<std::string_view>& args, RunArgs& out) {
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string_view a = args[i];
    if (a == "--allow-workflow") {
      out.allow_workflow = true;
    } else if (a == "--narrate" || a == "--twice" || a == "--step") {
      (a == "--narrate" ? out.narrate : a == "--twice" ? out.twice : out.step) = true;
    } else if (a == "--images-replace") {
      out.catalogue.replace_images = true;
    } else if (a.substr(0, 2) != "--") {
      out.paths.emplace_back(a);
    } else if (i + 1 >= args.size()) {
      return std::string(a) + " needs a value";
    } else if (std::string problem = parse_option(a, args[++i], out); !problem.empty()) {
      return problem;
    }
  }
  if (out.catalogue.replace_images && out.catalogue.image_files.empty())
    return "--images-replace needs --images FILE";
  if (!out.catalogue.image_files.empty() && !out.endpoint.empty())
    return "--images needs in-process runs: start amisim serve with --images instead";
  if (out.jobs > 1 && !out.endpoint.empty())
    return "--jobs needs in-process runs: a server runs one scenario at a time (each resets it)";
  if (out.step && out.pace > 0) return "--step and --pace cannot be given together";
  if ((out.step || out.pace > 0) && (out.jobs > 1 || out.twice))
    return "--step and --pace play one scenario at a time: not with --jobs or --twice";
  // Playing for a class is narrated as it goes.
  if (out.step || out.pace > 0) out.narrate = true;
  return out.paths.empty() ? "no FILE or DIR given" : "";
}

// The scenario files a path names: itself, or a directory's *.json (not schema.json), sorted.
std::string expand(const std::string& path, std::vector<std::string>& files) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    std::vector<std::string> found;
    for (const auto& entry : fs::directory_iterator(path, ec)) {
      const fs::path& p = entry.path();
      if (entry.is_regular_file(ec) && p.extension() == ".json" && p.filename() != "schema.json")
        found.push_back(p.string());
    }
    if (ec) return fmt::format("{}: cannot list: {}", path, ec.message());
    std::sort(found.begin(), found.end());
    files.insert(files.end(), found.begin(), found.end());
    return "";
  }
  if (!fs::exists(path, ec)) return path + ": no such file or directory";
  files.push_back(path);
  return "";
}

// ANSI colours, when stdout is a terminal.
struct Style {
  bool tty = false;
  std::string on(const char* code) const { return tty ? fmt::format("\x1b[{}m", code) : ""; }
  std::string off() const { return tty ? "\x1b[0m" : ""; }
};

// "01-01 00:15:30": the model date and time of day.
std::string clock_text(sim::TimeMs t) {
  const std::string iso = sim::format_iso8601(t);
  return iso.substr(5, 5) + " " + iso.substr(11, 8);
}

// Splits `text` at spaces into lines of at most `width` characters (a longer word stays whole).
std::vector<std::string> wrap(const std::string& text, std::size_t width) {
  std::vector<std::string> lines;
  std::string line;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find(' ', start);
    if (end == std::string::npos) end = text.size();
    const std::string word = text.substr(start, end - start);
    if (!line.empty() && line.size() + 1 + word.size() > width) {
      lines.push_back(line);
      line.clear();
    }
    line += (line.empty() ? "" : " ") + word;
    start = end + 1;
  }
  if (!line.empty()) lines.push_back(line);
  return lines;
}

// One step: "[01-01 00:02:15] us-east-1 CreateImage InstanceId=i-1 Name=web", then what came of
// it and what it cost: "                 -> ImageId=ami-2  +$0.000014". Lines end at 100 columns.
void narrate_step(const StepTrace& t, const Style& s) {
  auto fit = [](std::string text, std::size_t width) {
    return text.size() <= width ? text : text.substr(0, width - 3) + "...";
  };
  for (const std::string& line : wrap(t.note, 98))
    std::printf("%s# %s%s\n", s.on("36").c_str(), line.c_str(), s.off().c_str());
  if (t.kind == StepKind::kNote) return;
  std::printf("%s[%s]%s %s\n", s.on("2").c_str(), clock_text(t.at).c_str(), s.off().c_str(),
              fit(t.summary, 82).c_str());
  const std::string cost = t.cost != 0 ? "  +$" + sim::format_usd(t.cost) : "";
  if (!t.outcome.empty() || !cost.empty()) {
    const std::string outcome = t.outcome.empty() ? "" : "-> " + fit(t.outcome, 66);
    std::printf("                 %s%s%s%s%s%s\n", t.ok ? "" : s.on("31").c_str(), outcome.c_str(),
                t.ok ? "" : s.off().c_str(), s.on("33").c_str(), cost.c_str(), s.off().c_str());
  }
  for (const std::string& change : t.changes)
    std::printf("                   %s%s%s\n", s.on("2").c_str(), fit(change, 81).c_str(),
                s.off().c_str());
}

void narrate(const ScenarioResult& r, const Style& s) {
  std::printf("%s== %s%s (%s, seed %llu)\n", s.on("1").c_str(), r.name.c_str(), s.off().c_str(),
              r.file.c_str(), static_cast<unsigned long long>(r.seed));
  for (const StepTrace& t : r.trace) narrate_step(t, s);
}

void progress(const ScenarioResult& r, const Style& s) {
  if (r.passed) {
    std::printf("%sPASS%s %s (%s), %s model time\n", s.on("32").c_str(), s.off().c_str(),
                r.name.c_str(), r.file.c_str(), format_duration(r.elapsed_ms).c_str());
    return;
  }
  if (!r.load_error.empty()) {
    std::printf("%sFAIL%s %s\n", s.on("31").c_str(), s.off().c_str(), r.load_error.c_str());
    return;
  }
  std::printf("%sFAIL%s %s (%s)\n  %s\n", s.on("31").c_str(), s.off().c_str(), r.name.c_str(),
              r.file.c_str(), failure_text(r).c_str());
}

bool write(const std::string& path, const std::string& text) {
  std::string error = io::write_file_atomically(path, text);
  if (error.empty()) return true;
  std::fprintf(stderr, "amisim run: %s\n", error.c_str());
  return false;
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// Parses the arguments and lists the scenario files they name: "" on success, else the one-line
// complaint.
std::string read_args(const std::vector<std::string_view>& args, RunArgs& o,
                      std::vector<std::string>& files) {
  std::string problem = parse(args, o);
  for (std::size_t i = 0; problem.empty() && i < o.paths.size(); ++i)
    problem = expand(o.paths[i], files);
  return problem;
}

// --endpoint: the server every scenario runs against (each resets it to its own seed and clock),
// and the clock mode the server had, which it gets back at the end.
struct Server {
  std::optional<client::Remote> remote;
  std::string clock;
};

// "" on success (or without --endpoint), else the one-line complaint.
std::string connect(const std::string& endpoint, Server& server) {
  if (endpoint.empty()) return "";
  auto parsed = client::parse_endpoint(endpoint);
  if (!parsed) return fmt::format("--endpoint {}: {}", endpoint, parsed.error());
  server.remote.emplace(parsed.value());
  auto clock = server.remote->control("GET", "/_amisim/clock");
  if (clock && clock->contains("mode") && (*clock)["mode"].is_string())
    server.clock = (*clock)["mode"].get<std::string>();
  return "";
}

void give_clock_back(Server& server) {
  if (!server.remote || server.clock.empty()) return;
  auto restored = server.remote->control("POST", "/_amisim/clock", {{"mode", server.clock}});
  if (!restored)
    std::fprintf(stderr, "amisim run: could not set the server's clock back to %s: %s\n",
                 server.clock.c_str(), restored.error().message.c_str());
}

// A scenario file to run, loaded or not (a file that does not load is reported as failed).
struct Job {
  std::string file;
  LoadResult loaded;
};

// The files' scenarios in file order, less those --filter leaves out (it matches the name or the
// file's path), and then those --shard gives to other runners. `in_all`: how many there were
// before --shard.
std::vector<Job> load_jobs(const std::vector<std::string>& files, const RunArgs& o,
                           std::size_t& in_all) {
  std::vector<Job> jobs;
  for (const std::string& file : files) {
    auto loaded = load_scenario(file);
    const std::string name = loaded.ok() ? loaded.value().name : "";
    if (!o.filter.empty() && name.find(o.filter) == std::string::npos &&
        file.find(o.filter) == std::string::npos)
      continue;
    jobs.push_back({file, std::move(loaded)});
  }
  in_all = jobs.size();
  if (!o.shard) return jobs;
  std::vector<ShardKey> keys;
  for (const Job& job : jobs)
    keys.push_back({job.file, job.loaded.ok() ? job.loaded.value().name : ""});
  std::vector<Job> mine;
  for (std::size_t i : select_shard(keys, *o.shard)) mine.push_back(std::move(jobs[i]));
  return mine;
}

// Plays one job in its own world, timed. `twice`: the same scenario with the same seed again;
// anything it observes differently is a reproducibility failure, reported as the first run's
// failure when it had none.
ReportEntry play(const Job& job, const std::shared_ptr<const sim::Fixtures>& fixtures,
                 const RunOptions& options, bool twice) {
  const auto start = std::chrono::steady_clock::now();
  if (!job.loaded.ok()) return ReportEntry{load_failure(job.file, job.loaded.error()), 0.0};
  ScenarioResult r = run_scenario(job.loaded.value(), fixtures, options);
  if (twice) {
    RunOptions again = options;
    again.seed = r.seed;
    again.trace = false;
    const ScenarioResult second = run_scenario(job.loaded.value(), fixtures, again);
    if (auto differs = reproducibility_failure(r, second); differs && !r.failure) {
      r.failure = *differs;
      r.passed = false;
    }
  }
  return ReportEntry{std::move(r), seconds_since(start)};
}

// Plays every job and prints each one's narration (--narrate) and result in file order. --jobs N:
// N threads play at once, each scenario in its own world, sharing only the read-only fixtures.
std::vector<ReportEntry> play_all(const std::vector<Job>& jobs, const RunArgs& o,
                                  const RunOptions& options, const Style& style,
                                  const std::shared_ptr<const sim::Fixtures>& fixtures) {
  std::vector<ReportEntry> entries;
  run_in_order(
      jobs.size(), o.jobs, [&](std::size_t i) { return play(jobs[i], fixtures, options, o.twice); },
      [&](std::size_t i, ReportEntry entry) {
        const bool live = o.step || o.pace > 0;  // narrated step by step already
        if (o.narrate && !live && jobs[i].loaded.ok()) narrate(entry.result, style);
        progress(entry.result, style);
        std::fflush(stdout);
        entries.push_back(std::move(entry));
      });
  return entries;
}

// --step and --pace: each step is narrated as it ends, and the next one waits for Enter (for a
// trainer who talks over each) or for the pace's seconds. Without a terminal on stdin (or once it
// is closed) --step plays on without waiting.
void hold_steps(const RunArgs& o, const Style& style, RunOptions& options) {
  options.before_step = [&o, style](const ScenarioResult& r, std::size_t step) {
    if (step == 1) {
      std::printf("%s== %s%s (%s, seed %llu)\n", style.on("1").c_str(), r.name.c_str(),
                  style.off().c_str(), r.file.c_str(), static_cast<unsigned long long>(r.seed));
    }
    if (o.step) {
      static bool open = true;
      std::printf("%s(Enter: step %zu)%s ", style.on("2").c_str(), step, style.off().c_str());
      std::fflush(stdout);
      int c = 0;
      while (open && (c = std::getchar()) != '\n')
        if (c == EOF) open = false;
      if (!open) std::printf("\n");
    } else if (step > 1) {
      std::fflush(stdout);
      std::this_thread::sleep_for(std::chrono::duration<double>(o.pace));
    }
  };
  options.after_step = [style](const StepTrace& t) {
    narrate_step(t, style);
    std::fflush(stdout);
  };
}

// The summary line and the --junit and --json files; false when a file could not be written.
bool report(const std::vector<ReportEntry>& entries, const RunArgs& o) {
  std::size_t passed = 0;
  for (const auto& e : entries) passed += e.result.passed;
  std::printf("%zu passed, %zu failed\n", passed, entries.size() - passed);
  bool written = true;
  if (!o.junit.empty()) written = write(o.junit, junit_xml(entries)) && written;
  if (!o.json.empty()) {
    const std::string json =
        json_report(entries).dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
    written = write(o.json, json + "\n") && written;
  }
  if (!o.html.empty()) written = write(o.html, html_report(entries)) && written;
  return written;
}

}  // namespace

int run_scenarios(const std::vector<std::string_view>& args) {
  RunArgs o;
  std::vector<std::string> files;
  Server server;
  std::string problem = read_args(args, o, files);
  if (problem.empty()) problem = connect(o.endpoint, server);
  if (!problem.empty()) {
    std::fprintf(stderr, "amisim run: %s\n%s", problem.c_str(), kUsage);
    return 2;
  }
  std::size_t in_all = 0;
  const std::vector<Job> jobs = load_jobs(files, o, in_all);
  RunOptions options;
  options.seed = o.seed;
  options.trace = o.narrate || !o.html.empty();  // the HTML report lists each step
  options.picture = !o.html.empty();
  options.remote = server.remote ? &*server.remote : nullptr;
  options.catalogue = o.catalogue;
  if (o.allow_workflow) options.workflow = workflow_runner(o.endpoint);
  const Style style{isatty(STDOUT_FILENO) == 1};
  if (o.step || o.pace > 0) hold_steps(o, style, options);
  std::shared_ptr<const sim::Fixtures> fixtures;
  try {
    fixtures = io::load_fixtures(o.catalogue);
  } catch (const std::runtime_error& e) {
    std::fprintf(stderr, "amisim run: %s\n", e.what());
    return 2;
  }
  const std::vector<ReportEntry> entries = play_all(jobs, o, options, style, fixtures);
  give_clock_back(server);
  const bool written = report(entries, o);
  if (entries.empty() && o.shard && in_all != 0) {
    // More runners than scenarios: this one has nothing to do, which is not a failure.
    std::printf("shard %zu/%zu has none of the %zu scenarios\n", o.shard->index, o.shard->count,
                in_all);
    return written ? 0 : 2;
  }
  if (entries.empty()) {
    std::fprintf(stderr, "amisim run: no scenario to run%s\n",
                 o.filter.empty() ? "" : " (none matches --filter)");
    return 2;
  }
  // A file that did not load, or whose "images" did not (run_scenario's load_failure).
  const bool load_errors = std::any_of(entries.begin(), entries.end(), [](const ReportEntry& e) {
    return !e.result.load_error.empty();
  });
  if (load_errors || !written) return 2;
  const bool all_passed = std::all_of(entries.begin(), entries.end(),
                                      [](const ReportEntry& e) { return e.result.passed; });
  return all_passed ? 0 : 1;
}

}  // namespace amisim::cli
