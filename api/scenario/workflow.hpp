// The scenario format's `workflow` step (issue 21; README "Property-test your workflow"): a
// command of the user's — a clean-up job, a promotion script, any tool — run against the
// scenario's world over HTTP, then judged: its exit status, the built-in invariants
// (api/check/invariants.hpp) on the world before and after it, and the user's own invariants.
//
//   {"workflow": "python3 cleanup.py",        run by /bin/sh -c; ${NAME} in it is the shell's
//    "account": "123456789012", "region": "us-east-1",   its credentials and default Region
//    "accounts": [...], "regions": [...],      the world's; AMISIM_ACCOUNTS, AMISIM_REGIONS
//    "timeout": "60s",                         wall time, then its process group is killed
//    "advance_before": "90d", "advance_after": "1h",     model time around it
//    "expect_exit": 0 | "any",                 default 0
//    "invariants": ["never-deregisters-in-use", "bill-under:5", {user invariant}, ...]}
//
// A user invariant is a describe call in the expectation language of `call` steps, made after
// the command, in every account and Region of the step unless it names its own:
//   {"name": "golden images stay",            for messages (required)
//    "call": "DescribeImages", "service": "ec2", "params": {...}, "account", "region",
//    "each": "Images",                         quantify over the list at this path
//    "expect": {"output": {"State": "available"}},   paths into each element (or the output)
//    "count": {"min": 1, "max": 9}}            how many elements the list may hold
//
// The runner never starts a process: RunOptions::workflow does (the CLI's, for
// `amisim run --allow-workflow` and `amisim check`); without it a workflow step fails, so a
// scenario file alone never runs commands.
#pragma once

#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "api/check/invariants.hpp"
#include "api/scenario/door.hpp"
#include "sim/core/time.hpp"

namespace amisim::scenario {

// [?] AWS has no such limit: a clean-up job over a small world takes seconds.
inline constexpr sim::DurationMs kWorkflowTimeoutMs = 60 * sim::kSecondMs;

// What a workflow step asks its runner to run.
struct WorkflowCommand {
  std::string command;
  std::string account;  // AWS_ACCESS_KEY_ID (a 12-digit key is that account: README "Accounts")
  std::string region;   // AWS_DEFAULT_REGION
  std::vector<std::string> accounts;  // AMISIM_ACCOUNTS, space-separated
  std::vector<std::string> regions;   // AMISIM_REGIONS
  std::string now;  // AMISIM_NOW: the world's time as the command starts (ISO-8601), for age rules
  // The variables earlier steps saved, as environment variables (the standard ones above win):
  // the command is shell text, so `${ami}` in it is the shell's expansion of these, never the
  // scenario's substitution.
  std::map<std::string, std::string> variables;
  sim::DurationMs timeout_ms = kWorkflowTimeoutMs;
};

// How it went.
struct WorkflowExit {
  std::string error;  // why it could not run (then nothing else counts); "" when it ran
  bool timed_out = false;
  int status = 0;      // its exit status; 128 + N when signal N ended it
  std::string output;  // the last lines of what it wrote (stdout and stderr together)
};

// Runs a step's command against `door`'s world (serving door.gateway() over HTTP, or the server
// behind an HTTP door) and returns when it has ended and left nothing running.
using WorkflowRunner = std::function<WorkflowExit(Door& door, const WorkflowCommand& command)>;

// The last `lines` lines of a command's output on one line, for a failure message:
// "... | Traceback (most recent call last): | KeyError: 'Images'" ("no output" when empty).
std::string output_end(const std::string& text, std::size_t lines = 3);

// Every violation of one user invariant (an object of "invariants", as the loader checked it),
// asked through `door` in each of `accounts` × `regions` unless the invariant names its own
// account or Region; in words: "in 123456789012 us-east-1, Images[2] (ami-…) has State =
// deregistered, expected available".
std::vector<check::Violation> user_invariant_violations(Door& door, const nlohmann::json& invariant,
                                                        const std::vector<std::string>& accounts,
                                                        const std::vector<std::string>& regions);

}  // namespace amisim::scenario
