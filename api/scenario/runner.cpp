#include "api/scenario/runner.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <exception>
#include <map>
#include <stdexcept>

#include "api/scenario/door.hpp"
#include "api/scenario/paths.hpp"
#include "api/scenario/substitute.hpp"
#include "api/scenario/summary.hpp"
#include "api/scenario/values.hpp"
#include "api/scenario/waiters.hpp"
#include "sim/billing/billing.hpp"
#include "sim/core/hash.hpp"
#include "sim/core/ids.hpp"

namespace amisim::scenario {
namespace {

using protocol::WireResult;

// A failed step: what went wrong, what the scenario expected, what happened.
struct Fail {
  std::string what;
  std::string expected;
  std::string actual;
};
using Outcome = std::optional<Fail>;

// What a step did and what came of it, for narration (StepTrace::summary and ::outcome).
struct Said {
  std::string note;  // after substitution
  std::string summary;
  std::string outcome;
  std::string observed;  // the full response (the last poll's for a wait), for --twice
};

// A response in full: the output JSON, or the error's code, status and message.
std::string observed(const WireResult<Json>& r) {
  if (r.ok()) return r.value().dump(-1, ' ', false, Json::error_handler_t::replace);
  return fmt::format("{} {} {}", r.error().code, r.error().http_status, r.error().message);
}

// A malformed "account" (checked again after substitution); nullopt for an account ID.
Outcome account_problem(const std::string& account) {
  if (sim::is_account_id(account)) return std::nullopt;
  return Fail{"a malformed account", std::string(kAccountIdExpected), account};
}

// A string member (present: the loader checked the type).
std::string text(const Json& body, std::string_view key, std::string_view fallback = "") {
  auto it = body.find(key);
  return it != body.end() && it->is_string() ? it->get<std::string>() : std::string(fallback);
}

std::string error_text(const protocol::WireError& e) {
  return fmt::format("{}: {}", e.code, e.message);
}

std::string bill_line_text(const sim::BillLine& l) {
  return fmt::format("{} {} {} {} ${}", l.account.str(), l.region.str(), l.usage_type,
                     l.resource_id.empty() ? "-" : l.resource_id, sim::format_usd(l.cost));
}

// Whether a bill line has every field a line item gives.
bool line_matches(const sim::BillLine& line, const Json& item) {
  for (const auto& [key, value] : item.items()) {
    const std::string& want = value.get_ref<const std::string&>();
    if (key == "cost_usd") {
      if (parse_usd(want) != line.cost) return false;
    } else if ((key == "account" && line.account.str() != want) ||
               (key == "region" && line.region.str() != want) ||
               (key == "usage_type" && line.usage_type != want) ||
               (key == "resource_id" && line.resource_id != want)) {
      return false;
    }
  }
  return true;
}

class Run {
 public:
  Run(const Scenario& scenario, std::shared_ptr<const sim::Fixtures> fixtures,
      const RunOptions& options)
      : scenario_(scenario), options_(options), fixtures_(std::move(fixtures)) {}

  ScenarioResult play();

 private:
  Outcome step(const Step& step, Said& said);
  Outcome call(const Json& body, Said& said);
  Outcome advance(const Json& body, Said& said);
  Outcome wait(const Json& body, Said& said);
  Outcome subscription(const Json& body, bool subscribe, Said& said);
  Outcome expect_bill(const Json& body, Said& said);
  Outcome workflow(const Json& body, Said& said);
  Outcome check_output(const std::string& action, const Json& expect,
                       const WireResult<Json>& result);
  Outcome save(const Json& body, const Json& output);
  std::optional<sim::Caller> caller_of(const Json& body, Fail& fail) const;
  sim::MicroUsd bill_total() {
    sim::BillRequest request;
    request.to = door_->now();
    auto bill = door_->bill(request);
    return bill ? bill->total : 0;
  }

  const Scenario& scenario_;
  RunOptions options_;
  std::shared_ptr<const sim::Fixtures> fixtures_;
  std::unique_ptr<Door> door_;
  Variables vars_;
};

ScenarioResult Run::play() {
  ScenarioResult r;
  r.file = scenario_.file;
  r.name = scenario_.name;
  r.seed = options_.seed.value_or(scenario_.seed);
  for (const Step& s : scenario_.steps)
    r.runs_commands = r.runs_commands || s.kind == StepKind::kWorkflow;
  const bool instant = scenario_.clock == ClockKind::kInstant;
  if (options_.door) {
    door_ = options_.door(r.seed, instant);
  } else if (options_.remote == nullptr) {
    door_ = in_process_door(fixtures_, r.seed, instant);
  } else {
    auto door = remote_door(*options_.remote, r.seed, instant);
    if (!door) {
      r.failure = StepFailure{0, StepKind::kNote, "the endpoint could not be reset",
                              "POST /_amisim/reset and /_amisim/clock to succeed",
                              error_text(door.error())};
      return r;
    }
    door_ = std::move(door).value();
  }
  const sim::TimeMs start = door_->now();
  for (std::size_t i = 0; i < scenario_.steps.size(); ++i) {
    const Step& s = scenario_.steps[i];
    if (options_.before_step) options_.before_step(r, i + 1);
    const sim::MicroUsd before = options_.trace ? bill_total() : 0;
    const auto inventory_before =
        options_.trace ? door_->inventory() : std::optional<std::map<std::string, std::string>>();
    Said said;
    Outcome failed;
    try {
      failed = step(s, said);
    } catch (const std::exception& e) {  // a defect, reported rather than crashing the suite
      failed = Fail{"internal error", "the step to run", e.what()};
    }
    r.steps_run = i + 1;
    r.step_kinds.push_back(s.kind);
    r.step_outcomes.push_back(said.summary + (said.outcome.empty() ? "" : " -> " + said.outcome));
    r.step_digests.push_back(sim::fnv1a(fmt::format(
        "{}\n{}\n{}\n{}\n{}", said.summary, said.outcome, said.observed, door_->now(), !failed)));
    if (options_.trace) {
      r.trace.push_back({i + 1,
                         s.kind,
                         said.note,
                         said.summary,
                         said.outcome,
                         door_->now(),
                         bill_total() - before,
                         !failed,
                         {}});
      if (auto after = door_->inventory(); after && inventory_before)
        r.trace.back().changes = inventory_changes(*inventory_before, *after);
      if (options_.after_step) options_.after_step(r.trace.back());
    }
    if (failed) {
      r.failure = StepFailure{i + 1, s.kind, failed->what, failed->expected, failed->actual};
      break;
    }
  }
  r.passed = !r.failure;
  r.elapsed_ms = door_->now() - start;
  r.state_digest = door_->state_digest();
  if (options_.picture) {
    if (auto picture = door_->picture()) r.picture = std::move(*picture);
  }
  return r;
}

Outcome Run::step(const Step& s, Said& said) {
  vars_["now"] = sim::format_iso8601(door_->now());
  // A workflow's command is shell text, where ${NAME} is the shell's: it is not substituted (the
  // saved variables reach it as environment variables instead, workflow.hpp).
  Json unsubstituted = s.body;
  if (s.kind == StepKind::kWorkflow) unsubstituted.erase("workflow");
  auto body = substitute(unsubstituted, vars_);
  if (body.ok() && s.kind == StepKind::kWorkflow) body.value()["workflow"] = s.body["workflow"];
  said.note = body.ok() ? text(body.value(), "note") : text(s.body, "note");
  if (!body.ok())
    return Fail{"unknown variable", "a variable saved by an earlier step", body.error()};
  switch (s.kind) {
    case StepKind::kCall:
      return call(body.value(), said);
    case StepKind::kAdvance:
      return advance(body.value(), said);
    case StepKind::kWait:
      return wait(body.value(), said);
    case StepKind::kSubscribe:
      return subscription(body.value(), true, said);
    case StepKind::kUnsubscribe:
      return subscription(body.value(), false, said);
    case StepKind::kExpectBill:
      return expect_bill(body.value(), said);
    case StepKind::kWorkflow:
      return workflow(body.value(), said);
    case StepKind::kNote:
      return std::nullopt;
  }
  return std::nullopt;
}

std::optional<sim::Caller> Run::caller_of(const Json& body, Fail& fail) const {
  sim::Caller caller;
  caller.region = sim::RegionName(text(body, "region", sim::kDefaultRegion.str()));
  const std::string account = text(body, "account", sim::kDefaultAccount.str());
  if (auto problem = account_problem(account)) {
    fail = *problem;
    return std::nullopt;
  }
  caller.account = sim::AccountId(account);
  return caller;
}

Outcome Run::call(const Json& body, Said& said) {
  Fail fail;
  auto caller = caller_of(body, fail);
  if (!caller) return fail;
  const std::string action = text(body, "call");
  const Json params = body.value("params", Json::object());
  const std::string service = text(body, "service", "ec2");
  auto result = door_->call(service_named(service), *caller, action, params);
  said.summary = call_line(caller->region.str(), action, params);
  said.outcome = call_outcome(result);
  said.observed = observed(result);
  const Json expect = body.value("expect", Json::object());
  if (auto e = expect.find("error"); e != expect.end()) {
    const std::string code = e->get<std::string>();
    if (result.ok())
      return Fail{action + " succeeded", "error " + code,
                  "success: " + brief_output(result.value())};
    if (result.error().code != code)
      return Fail{action + " failed with another error", "error " + code,
                  error_text(result.error())};
    // The message too, when the step names it (after ${var} substitution, exactly).
    if (auto m = expect.find("message"); m != expect.end() && result.error().message != *m)
      return Fail{action + " failed with another message",
                  fmt::format("{}: {}", code, m->get<std::string>()), error_text(result.error())};
    return std::nullopt;
  }
  if (!result.ok()) return Fail{action + " failed", "success", error_text(result.error())};
  if (auto p = check_output(action, expect, result)) return p;
  return save(body, result.value());
}

Outcome Run::check_output(const std::string& action, const Json& expect,
                          const WireResult<Json>& result) {
  auto output = expect.find("output");
  if (output == expect.end()) return std::nullopt;
  for (const auto& [path, want] : output->items()) {
    auto got = value_at(result.value(), path);
    if (got && same_value(*got, want)) continue;
    return Fail{
        fmt::format("{} output {} differs", action, path), fmt::format("{} = {}", path, show(want)),
        got ? fmt::format("{} = {}", path, show(*got))
            : fmt::format("{} is missing (output: {})", path, brief_output(result.value()))};
  }
  return std::nullopt;
}

Outcome Run::save(const Json& body, const Json& output) {
  auto s = body.find("save");
  if (s == body.end()) return std::nullopt;
  for (const auto& [var, path] : s->items()) {
    auto got = value_at(output, path.get<std::string>());
    if (!got)
      return Fail{"cannot save " + var, "a value at " + path.get<std::string>(),
                  "missing (output: " + brief_output(output) + ")"};
    vars_[var] = got->is_string() ? got->get<std::string>()
                                  : got->dump(-1, ' ', false, Json::error_handler_t::replace);
  }
  return std::nullopt;
}

Outcome Run::advance(const Json& body, Said& said) {
  const std::string spec = text(body, "advance");
  auto by = parse_duration(spec);
  if (!by) return Fail{"a malformed duration", "a duration such as \"10m\"", spec};
  said.summary = "advance " + format_duration(*by);
  if (auto moved = door_->advance(*by); !moved)  // never negative: only a remote door fails
    return Fail{"the clock did not move", "the clock to advance", error_text(moved.error())};
  return std::nullopt;
}

Outcome Run::subscription(const Json& body, bool subscribe, Said& said) {
  Fail fail;
  auto caller = caller_of(body, fail);
  if (!caller) return fail;
  const std::string code = text(body, subscribe ? "subscribe" : "unsubscribe");
  auto done = door_->subscription(caller->account, code, subscribe);
  said.summary = fmt::format("{} {} {} {}", caller->account.str(),
                             subscribe ? "subscribes to" : "unsubscribes from", "product", code);
  if (!done.ok())
    return Fail{subscribe ? "subscribe failed" : "unsubscribe failed", "success",
                error_text(done.error())};
  return std::nullopt;
}

// "Images[].State all \"available\"": what the waiter's success acceptors look for.
std::string waiter_expectation(const Waiter& w) {
  std::string out;
  for (const Acceptor& a : w.acceptors) {
    if (a.state != "success") continue;
    std::string one = a.matcher == "error"     ? "error " + show(a.expected)
                      : a.matcher == "pathAll" ? a.argument + " all " + a.expected.dump()
                      : a.matcher == "pathAny" ? a.argument + " any " + a.expected.dump()
                                               : a.argument + " == " + a.expected.dump();
    out += (out.empty() ? "" : " or ") + one;
  }
  return out;
}

// What the last poll saw, through the success acceptors' expressions.
std::string waiter_observation(const Waiter& w, const WireResult<Json>& response) {
  if (!response.ok()) return error_text(response.error());
  for (const Acceptor& a : w.acceptors) {
    if (a.state == "success" && a.matcher != "error")
      return a.argument + " = " + show(search(response.value(), a.argument));
  }
  return brief_output(response.value());
}

Outcome Run::wait(const Json& body, Said& said) {
  Fail fail;
  auto caller = caller_of(body, fail);
  if (!caller) return fail;
  const Waiter* w = find_waiter(text(body, "wait"));
  if (w == nullptr) return Fail{"an unknown waiter", "a waiter name", text(body, "wait")};
  Json params = body.value("params", Json::object());
  const Json config = params.value("WaiterConfig", Json::object());
  params.erase("WaiterConfig");  // the SDK's per-call waiter settings, not an input member
  const sim::DurationMs delay_ms = config.value("Delay", w->delay_s) * sim::kSecondMs;
  const int max_attempts = config.value("MaxAttempts", w->max_attempts);
  const sim::TimeMs start = door_->now();
  const Acceptor* last = nullptr;
  for (int attempt = 1;; ++attempt) {
    auto response = door_->call(Service::kEc2, *caller, w->operation, params);
    const Acceptor* a = matching_acceptor(*w, response);
    said.observed = observed(response);
    if (a != nullptr) last = a;
    said.summary = fmt::format("{} wait {} {}", caller->region.str(), w->name, brief_input(params));
    said.outcome =
        fmt::format("{} after {} poll{} ({})", a == nullptr ? "no match" : a->state, attempt,
                    attempt == 1 ? "" : "s", format_duration(door_->now() - start));
    std::string reason;
    if (a != nullptr && a->state == "success") return std::nullopt;
    // The reasons are botocore's (botocore/waiter.py, Waiter.wait).
    if (a != nullptr && a->state == "failure")
      reason = "Waiter encountered a terminal failure state: " + explanation(*a);
    else if (a == nullptr && !response.ok())
      reason = fmt::format("An error occurred ({}): {}", response.error().code,
                           response.error().message);
    else if (attempt >= max_attempts)
      reason = last == nullptr
                   ? "Max attempts exceeded"
                   : "Max attempts exceeded. Previously accepted state: " + explanation(*last);
    if (!reason.empty())
      return Fail{fmt::format("Waiter {} failed: {}", w->sdk_name, reason), waiter_expectation(*w),
                  waiter_observation(*w, response)};
    if (auto moved = door_->advance(delay_ms); !moved)
      return Fail{"the clock did not move", "the clock to advance", error_text(moved.error())};
  }
}

Outcome Run::expect_bill(const Json& body, Said& said) {
  const Json& want = body["expect_bill"];
  const sim::TimeMs now = door_->now();
  sim::BillRequest request;
  request.to = now;
  for (const char* key : {"from", "to"}) {
    if (!want.contains(key)) continue;
    auto t = parse_bill_time(want[key].get<std::string>(), now);
    if (!t)
      return Fail{fmt::format("a malformed \"{}\"", key), "an ISO-8601 time or \"-30d\"",
                  want[key].get<std::string>()};
    if (std::string_view(key) == "from")
      request.from = *t;
    else
      request.to = *t;
  }
  if (request.from && *request.from > request.to)
    return Fail{"the bill window ends before it starts", "\"from\" at or before \"to\"",
                sim::format_iso8601(*request.from) + " > " + sim::format_iso8601(request.to)};
  if (want.contains("account")) {
    const std::string account = want["account"].get<std::string>();
    if (auto problem = account_problem(account)) return problem;
    request.account = sim::AccountId(account);
  }
  auto read = door_->bill(request);
  if (!read) return Fail{"the bill could not be read", "a bill", error_text(read.error())};
  const sim::Bill& bill = read.value();
  said.summary = fmt::format("expect_bill {} to {}",
                             request.from ? sim::format_iso8601(*request.from) : "the start",
                             sim::format_iso8601(request.to));
  said.outcome = fmt::format("${} in {} line{}", sim::format_usd(bill.total), bill.lines.size(),
                             bill.lines.size() == 1 ? "" : "s");
  std::string lines;
  for (const auto& l : bill.lines) lines += (lines.empty() ? "" : "; ") + bill_line_text(l);
  if (lines.empty()) lines = "no lines";
  if (want.contains("total_usd")) {
    const std::string total = want["total_usd"].get<std::string>();
    auto micros = parse_usd(total);
    if (!micros) return Fail{"a malformed total_usd", "a dollar amount", total};
    if (*micros != bill.total)
      return Fail{"the bill's total differs", "total_usd " + sim::format_usd(*micros),
                  fmt::format("total_usd {} ({})", sim::format_usd(bill.total), lines)};
  }
  const Json items = want.value("line_items", Json::array());
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (auto bad = items[i].find("cost_usd");
        bad != items[i].end() && !parse_usd(bad->get<std::string>()))
      return Fail{"a malformed cost_usd", "a dollar amount", bad->get<std::string>()};
    bool found = false;
    for (const auto& l : bill.lines) found = found || line_matches(l, items[i]);
    if (!found)
      return Fail{fmt::format("no bill line matches line item {}", i + 1), show(items[i], 200),
                  lines};
  }
  return std::nullopt;
}

std::vector<std::string> strings(const Json& body, const char* key, const std::string& fallback) {
  std::vector<std::string> out;
  for (const Json& v : body.value(key, Json::array())) out.push_back(v.get<std::string>());
  if (out.empty()) out.push_back(fallback);
  return out;
}

Outcome Run::workflow(const Json& body, Said& said) {
  WorkflowCommand command;
  command.command = text(body, "workflow");
  command.account = text(body, "account", sim::kDefaultAccount.str());
  command.region = text(body, "region", sim::kDefaultRegion.str());
  if (auto problem = account_problem(command.account)) return problem;
  command.accounts = strings(body, "accounts", command.account);
  command.regions = strings(body, "regions", command.region);
  for (const std::string& a : command.accounts)
    if (auto problem = account_problem(a)) return problem;
  if (body.contains("timeout")) {
    auto t = parse_duration(text(body, "timeout"));
    if (!t) return Fail{"a malformed timeout", "a duration such as \"60s\"", text(body, "timeout")};
    command.timeout_ms = *t;
  }
  said.summary = "workflow " + show(command.command, 70);
  if (!options_.workflow)
    return Fail{"the workflow step was not run", "amisim run --allow-workflow to run its command",
                "a scenario file alone never runs commands"};
  std::vector<check::Invariant> built_in;
  const Json invariants = body.value("invariants", Json::array());
  for (const Json& entry : invariants) {
    if (!entry.is_string()) continue;
    std::string error;
    auto parsed = check::parse_invariant(entry.get<std::string>(), &error);
    if (!parsed) return Fail{"an unknown invariant", "a built-in invariant", error};
    built_in.push_back(*parsed);
  }
  for (const char* key : {"advance_before", "advance_after"}) {
    if (body.contains(key) && !parse_duration(text(body, key)))
      return Fail{fmt::format("a malformed {}", key), "a duration such as \"90d\"",
                  text(body, key)};
  }
  if (body.contains("advance_before")) {
    if (auto moved = door_->advance(*parse_duration(text(body, "advance_before"))); !moved)
      return Fail{"the clock did not move", "the clock to advance", error_text(moved.error())};
  }
  command.now = sim::format_iso8601(door_->now());
  for (const auto& [name, value] : vars_)
    if (name != "now") command.variables.emplace(name, value);
  std::optional<sim::World> before;
  if (!built_in.empty()) {
    const sim::World* world = door_->world();
    if (world == nullptr)
      return Fail{"the built-in invariants cannot be judged here",
                  "an in-process run (they read the whole world, before and after)",
                  "a run against --endpoint"};
    before.emplace(*world);
  }
  const WorkflowExit exit = options_.workflow(*door_, command);
  if (!exit.error.empty())
    return Fail{"the workflow did not run", "its command to start", exit.error};
  if (exit.timed_out) {
    said.outcome = "timed out";
    return Fail{"the workflow timed out",
                "its command to end within " + format_duration(command.timeout_ms),
                "stopped, with its process group; its output ended: " + output_end(exit.output)};
  }
  said.outcome = fmt::format("exit {}", exit.status);
  said.observed = fmt::format("exit {}", exit.status);  // not its output: that may hold times
  if (body.contains("advance_after")) {
    if (auto moved = door_->advance(*parse_duration(text(body, "advance_after"))); !moved)
      return Fail{"the clock did not move", "the clock to advance", error_text(moved.error())};
  }
  // The invariants in the order given, the exit status last: what the command did to the world
  // matters more than how it ended.
  std::vector<check::Violation> broken;
  std::size_t next_built_in = 0;
  for (const Json& entry : invariants) {
    if (!broken.empty()) break;
    if (entry.is_string()) {
      broken = check::violations(built_in[next_built_in++], *before, *door_->world());
    } else {
      broken = user_invariant_violations(*door_, entry, command.accounts, command.regions);
    }
  }
  if (!broken.empty()) {
    std::string words;
    for (const auto& v : broken) words += (words.empty() ? "" : "; ") + v.what;
    said.outcome += ", invariant " + broken.front().invariant + " broken";
    return Fail{"invariant " + broken.front().invariant + " broken",
                broken.front().invariant + " to hold", words};
  }
  const Json expect_exit = body.value("expect_exit", Json(0));
  if (expect_exit.is_number_integer() && expect_exit.get<int>() != exit.status)
    return Fail{
        fmt::format("the workflow exited with status {}", exit.status),
        fmt::format("exit status {}", expect_exit.get<int>()),
        fmt::format("status {}; its output ended: {}", exit.status, output_end(exit.output))};
  if (!invariants.empty()) said.outcome += fmt::format(", {} invariants hold", invariants.size());
  return std::nullopt;
}

}  // namespace

std::string ScenarioResult::replay() const {
  if (!load_error.empty()) return "amisim run " + file;
  return fmt::format("amisim run {} --seed {}{}", file, seed,
                     runs_commands ? " --allow-workflow" : "");
}

std::optional<StepFailure> reproducibility_failure(const ScenarioResult& first,
                                                   const ScenarioResult& second) {
  const std::size_t n = std::min(first.step_digests.size(), second.step_digests.size());
  for (std::size_t i = 0; i < n; ++i) {
    if (first.step_digests[i] == second.step_digests[i]) continue;
    return StepFailure{
        i + 1, first.step_kinds[i], "not reproducible: the second run observed something else",
        "as the first run: " + first.step_outcomes[i], "second run: " + second.step_outcomes[i]};
  }
  if (first.step_digests.size() != second.step_digests.size())
    return StepFailure{n + 1, StepKind::kNote, "not reproducible: the runs stopped at other steps",
                       fmt::format("{} steps run", first.step_digests.size()),
                       fmt::format("{} steps run", second.step_digests.size())};
  if (first.state_digest != second.state_digest)
    return StepFailure{n, StepKind::kNote, "not reproducible: the final state differs",
                       "state digest " + first.state_digest, "state digest " + second.state_digest};
  return std::nullopt;
}

ScenarioResult load_failure(const std::string& file, const std::string& message) {
  ScenarioResult r;
  r.file = file;
  r.load_error = message;
  return r;
}

ScenarioResult run_scenario(const Scenario& scenario, std::shared_ptr<const sim::Fixtures> fixtures,
                            const RunOptions& options) {
  if (!scenario.image_files.empty()) {
    if (options.remote && !options.door)
      return load_failure(scenario.file,
                          fmt::format("{}: \"images\" needs an in-process run; against --endpoint, "
                                      "start amisim serve with --images instead",
                                      scenario.file));
    io::FixtureOptions catalogue = options.catalogue;
    catalogue.image_files.insert(catalogue.image_files.end(), scenario.image_files.begin(),
                                 scenario.image_files.end());
    catalogue.replace_images = catalogue.replace_images || scenario.images_replace;
    try {
      fixtures = io::load_fixtures(catalogue);
    } catch (const std::runtime_error& e) {
      return load_failure(scenario.file, fmt::format("{}: images: {}", scenario.file, e.what()));
    }
  }
  Run run(scenario, std::move(fixtures), options);
  return run.play();
}

}  // namespace amisim::scenario
