// Scenario files: JSON text -> Scenario, with every mistake reported as ONE line:
//   FILE: line L: not JSON: <parser's reason>
//   FILE: <what is wrong>; expected <what>                 (top level)
//   FILE: step N: <what is wrong>; expected <what>         (N counts from 1)
// Nothing throws and nothing crashes on malformed input: every member's type is checked before
// it is read, unknown members are refused (a typo would otherwise be silently ignored), and
// values without `${...}` (durations, accounts, amounts, times, waiter names, paths) are checked
// here rather than half-way through a run.
#pragma once

#include <string>
#include <string_view>

#include "api/scenario/scenario.hpp"
#include "sim/core/result.hpp"

namespace amisim::scenario {

using LoadResult = sim::Result<Scenario, std::string>;

// Parses one scenario; `file` names it in messages and becomes Scenario::file.
LoadResult parse_scenario(std::string_view text, const std::string& file);

// An entry of a workflow step's "invariants" (workflow.hpp): a built-in invariant's name or a user
// invariant object. "" when it is well-formed, else "<what is wrong>; expected <what>".
std::string invariant_problem(const Json& entry);

// Reads and parses a file ("FILE: cannot read: ..." when it cannot be read).
LoadResult load_scenario(const std::string& path);

}  // namespace amisim::scenario
