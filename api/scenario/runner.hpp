// The scenario runner: each scenario plays in a fresh world (its own seed, or the one the caller
// forces), through the gateway's in-process doors (gateway.hpp), so journaling and the clock mode
// behave exactly as under `amisim serve` — or against a running server over HTTP, reset first
// (RunOptions::remote, door.hpp). The run stops at the first step
// that fails; the result says which, what was expected, what happened, and how to replay it.
//
// Step semantics (README "Scenarios"):
//   call         ec2 (default) or s3 action with SDK-shaped params; any error fails the step
//                unless expect.error names its code; expect.output compares values at paths;
//                save stores output values as variables for `${var}`.
//   advance      moves model time forward.
//   wait         an AWS SDK waiter (waiters.hpp): the describe call, then, while no acceptor
//                matches, advance by the waiter's delay, up to its max attempts.
//   subscribe / unsubscribe   an AWS Marketplace subscription of the account.
//   expect_bill  sim::compute_bill over [from, to] (defaults: the world's start, now) for one
//                account or all: total_usd and/or line items, each matching some bill line.
//   workflow     a command run against the world over HTTP by RunOptions::workflow, then its exit
//                status and invariants judged (workflow.hpp).
//   note         nothing happens; narration shows the text.
// `${var}` in any string of a step is replaced by the saved value's text (a string as is, other
// JSON as written); `${now}` is the model time in ISO-8601. An unknown variable fails the step.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "api/client/remote.hpp"
#include "api/io/fixtures.hpp"
#include "api/scenario/door.hpp"
#include "api/scenario/scenario.hpp"
#include "api/scenario/workflow.hpp"
#include "sim/core/fixtures.hpp"
#include "sim/core/prices.hpp"
#include "sim/core/time.hpp"

namespace amisim::scenario {

struct ScenarioResult;
struct StepTrace;

struct RunOptions {
  std::optional<std::uint64_t> seed;  // overrides the scenario's seed
  bool trace = false;                 // fill ScenarioResult::trace (narration)
  // Play against this running server (reset to the scenario's seed and clock first) instead of
  // a fresh in-process world (door.hpp). Not owned.
  const client::Remote* remote = nullptr;
  // Where the steps go, for C++ callers and tests (an instrumented or faulty door): called once
  // per scenario with its seed and clock (true = instant). When set, `remote` is ignored.
  std::function<std::unique_ptr<Door>(std::uint64_t seed, bool instant)> door;
  // The catalogue options the caller's fixtures were built with (`amisim run --images`). A
  // scenario with "images" plays in fixtures built from these plus its own files (in process
  // only: against `remote`, such a scenario fails to load, as the server's catalogue is its own).
  io::FixtureOptions catalogue;
  // Called before each step (its number counts from 1; the result holds the scenario's name,
  // file and seed) and after it with its trace (when `trace`), so a caller can narrate as the run
  // goes and hold each step for a class (`amisim run --step`, `--pace`).
  // Keep the picture of each scenario's world at its end (ScenarioResult::picture; amisim run
  // --html).
  bool picture = false;
  // Runs `workflow` steps' commands (workflow.hpp): set by `amisim run --allow-workflow` and
  // `amisim check`. Unset, a workflow step fails without running anything.
  WorkflowRunner workflow;
  std::function<void(const ScenarioResult&, std::size_t step)> before_step;
  std::function<void(const StepTrace&)> after_step;
};

// What one step did, for narration.
struct StepTrace {
  std::size_t step = 0;  // counts from 1
  StepKind kind = StepKind::kNote;
  std::string note;        // the step's "note" text ("" when none)
  std::string summary;     // what the step did: "us-east-1 CopyImage SourceImageId=ami-1"
  std::string outcome;     // what came of it: "ImageId=ami-2", "error InvalidAMIID.NotFound"
  sim::TimeMs at = 0;      // model time after the step
  sim::MicroUsd cost = 0;  // what the step added to the bill of every account
  bool ok = true;
  std::vector<std::string> changes;  // resources the step created, changed or removed
};

struct StepFailure {
  std::size_t step = 0;  // counts from 1
  StepKind kind = StepKind::kNote;
  std::string what;  // "RunInstances failed", "Waiter ImageAvailable failed: ..."
  std::string expected;
  std::string actual;
};

struct ScenarioResult {
  std::string file;
  std::string name;
  std::uint64_t seed = 0;
  bool passed = false;
  std::optional<StepFailure> failure;
  std::string load_error;  // set (and nothing else) when the file did not load
  std::size_t steps_run = 0;
  sim::DurationMs elapsed_ms = 0;  // model time the scenario took
  std::vector<StepTrace> trace;
  // For --twice: per step run, what it observed (every response in full, the model time) as a
  // digest and in brief; and the world's digest at the end.
  std::vector<std::uint64_t> step_digests;
  std::vector<std::string> step_outcomes;
  std::vector<StepKind> step_kinds;
  std::string state_digest;
  nlohmann::json picture;  // the world's picture at the end (RunOptions::picture), else null

  bool runs_commands = false;  // it has a workflow step: replaying it needs --allow-workflow

  // "amisim run FILE --seed N" (just "amisim run FILE" for a file that did not load; with
  // --allow-workflow when it runs commands).
  std::string replay() const;
};

ScenarioResult run_scenario(const Scenario& scenario, std::shared_ptr<const sim::Fixtures> fixtures,
                            const RunOptions& options = {});

// Why two runs of one scenario with the same seed are not the same run (nullopt when they are):
// the first step whose observations differ, or the final state. `--twice` makes it a failure.
std::optional<StepFailure> reproducibility_failure(const ScenarioResult& first,
                                                   const ScenarioResult& second);

// The result for a file that did not load (its one-line message).
ScenarioResult load_failure(const std::string& file, const std::string& message);

}  // namespace amisim::scenario
