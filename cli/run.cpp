#include "cli/run.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <charconv>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "api/client/remote.hpp"
#include "api/io/fixtures.hpp"
#include "api/io/state_file.hpp"
#include "api/scenario/loader.hpp"
#include "api/scenario/report.hpp"
#include "api/scenario/runner.hpp"
#include "api/scenario/values.hpp"
#include "sim/billing/billing.hpp"

namespace amisim::cli {
namespace {

namespace fs = std::filesystem;
using namespace amisim::scenario;

constexpr const char* kUsage =
    "usage: amisim run FILE|DIR... [--endpoint URL] [--junit FILE] [--json FILE] [--seed N]\n"
    "                  [--filter TEXT] [--narrate] [--twice] [--jobs N]\n";

struct RunArgs {
  std::vector<std::string> paths;
  std::string junit, json, filter, endpoint;
  std::optional<std::uint64_t> seed;
  bool narrate = false;
  bool twice = false;
  unsigned jobs = 1;  // scenarios run at once (in process only)  // run each scenario twice and
                      // compare what both runs observed
};

// "" on success, else the one-line complaint.
std::string parse(const std::vector<std::string_view>& args, RunArgs& out) {
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string_view a = args[i];
    if (a == "--narrate" || a == "--twice") {
      (a == "--narrate" ? out.narrate : out.twice) = true;
      continue;
    }
    if (a.substr(0, 2) != "--") {
      out.paths.emplace_back(a);
      continue;
    }
    if (i + 1 >= args.size()) return std::string(a) + " needs a value";
    const std::string_view v = args[++i];
    if (a == "--junit")
      out.junit = v;
    else if (a == "--json")
      out.json = v;
    else if (a == "--filter")
      out.filter = v;
    else if (a == "--endpoint")
      out.endpoint = v;
    else if (a == "--jobs") {
      unsigned jobs = 0;
      auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), jobs);
      if (ec != std::errc() || end != v.data() + v.size() || jobs < 1 || jobs > 64)
        return "--jobs must be a whole number from 1 to 64";
      out.jobs = jobs;
    } else if (a == "--seed") {
      std::uint64_t seed = 0;
      auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), seed);
      if (ec != std::errc() || end != v.data() + v.size())
        return "--seed must be a non-negative integer";
      out.seed = seed;
    } else {
      return "unknown option " + std::string(a);
    }
  }
  if (out.jobs > 1 && !out.endpoint.empty())
    return "--jobs needs in-process runs: a server runs one scenario at a time (each resets it)";
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

}  // namespace

int run_scenarios(const std::vector<std::string_view>& args) {
  RunArgs o;
  std::vector<std::string> files;
  std::string problem = parse(args, o);
  for (std::size_t i = 0; problem.empty() && i < o.paths.size(); ++i)
    problem = expand(o.paths[i], files);
  if (!problem.empty()) {
    std::fprintf(stderr, "amisim run: %s\n%s", problem.c_str(), kUsage);
    return 2;
  }
  const Style style{isatty(STDOUT_FILENO) == 1};
  auto fixtures = io::load_fixtures();
  // --endpoint: every scenario against that server, reset to the scenario's seed and clock.
  std::optional<client::Remote> remote;
  if (!o.endpoint.empty()) {
    auto endpoint = client::parse_endpoint(o.endpoint);
    if (!endpoint) {
      std::fprintf(stderr, "amisim run: --endpoint %s: %s\n%s", o.endpoint.c_str(),
                   endpoint.error().c_str(), kUsage);
      return 2;
    }
    remote.emplace(endpoint.value());
  }
  // Each scenario sets the server's clock mode; the server gets its own mode back at the end.
  std::string server_clock;
  if (remote) {
    auto clock = remote->control("GET", "/_amisim/clock");
    if (clock && clock->contains("mode") && (*clock)["mode"].is_string())
      server_clock = (*clock)["mode"].get<std::string>();
  }
  // The scenarios to run, in file order (loading errors included: they are reported as failed).
  struct Job {
    std::string file;
    LoadResult loaded;
  };
  std::vector<Job> jobs;
  for (const std::string& file : files) {
    auto loaded = load_scenario(file);
    const std::string name = loaded.ok() ? loaded.value().name : "";
    if (!o.filter.empty() && name.find(o.filter) == std::string::npos &&
        file.find(o.filter) == std::string::npos)
      continue;
    jobs.push_back({file, std::move(loaded)});
  }
  RunOptions options;
  options.seed = o.seed;
  options.trace = o.narrate;
  options.remote = remote ? &*remote : nullptr;
  auto play = [&](const Job& job) {
    const auto start = std::chrono::steady_clock::now();
    if (!job.loaded.ok()) return ReportEntry{load_failure(job.file, job.loaded.error()), 0.0};
    ScenarioResult r = run_scenario(job.loaded.value(), fixtures, options);
    if (o.twice) {
      // The same scenario with the same seed again: anything it observes differently is a
      // reproducibility failure, reported as the first run's failure when it had none.
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
  };
  // --jobs N: N threads take scenarios in turn (each in its own world, so they share nothing but
  // the read-only fixtures); results print in file order whatever order they finish in.
  std::vector<std::optional<ReportEntry>> results(jobs.size());
  std::mutex mutex;
  std::condition_variable finished;
  std::atomic<std::size_t> next{0};
  std::vector<std::thread> workers;
  const unsigned threads = std::min<unsigned>(o.jobs, static_cast<unsigned>(jobs.size()));
  for (unsigned t = 0; threads > 1 && t < threads; ++t) {
    workers.emplace_back([&] {
      for (std::size_t i; (i = next.fetch_add(1)) < jobs.size();) {
        ReportEntry entry = play(jobs[i]);
        std::lock_guard lock(mutex);
        results[i] = std::move(entry);
        finished.notify_all();
      }
    });
  }
  std::vector<ReportEntry> entries;
  bool load_errors = false;
  for (std::size_t i = 0; i < jobs.size(); ++i) {
    ReportEntry entry;
    if (workers.empty()) {
      entry = play(jobs[i]);
    } else {
      std::unique_lock lock(mutex);
      finished.wait(lock, [&] { return results[i].has_value(); });
      entry = std::move(*results[i]);
    }
    load_errors = load_errors || !jobs[i].loaded.ok();
    if (o.narrate && jobs[i].loaded.ok()) narrate(entry.result, style);
    progress(entry.result, style);
    std::fflush(stdout);
    entries.push_back(std::move(entry));
  }
  for (std::thread& w : workers) w.join();
  if (remote && !server_clock.empty()) {
    auto restored = remote->control("POST", "/_amisim/clock", {{"mode", server_clock}});
    if (!restored)
      std::fprintf(stderr, "amisim run: could not set the server's clock back to %s: %s\n",
                   server_clock.c_str(), restored.error().message.c_str());
  }
  std::size_t passed = 0;
  for (const auto& e : entries) passed += e.result.passed;
  std::printf("%zu passed, %zu failed\n", passed, entries.size() - passed);
  bool written = true;
  if (!o.junit.empty()) written = write(o.junit, junit_xml(entries)) && written;
  if (!o.json.empty())
    written = write(o.json, json_report(entries).dump(2, ' ', false,
                                                      nlohmann::json::error_handler_t::replace) +
                                "\n") &&
              written;
  if (entries.empty()) {
    std::fprintf(stderr, "amisim run: no scenario to run%s\n",
                 o.filter.empty() ? "" : " (none matches --filter)");
    return 2;
  }
  if (load_errors || !written) return 2;
  return passed == entries.size() ? 0 : 1;
}

}  // namespace amisim::cli
