// `amisim run FILE|DIR... [--junit FILE] [--json FILE] [--seed N] [--filter TEXT] [--narrate]`:
// runs scenario files in process (api/scenario) and reports.
#pragma once

#include <string_view>
#include <vector>

namespace amisim::cli {

// Exit code: 0 when every scenario passed; 1 when one failed; 2 for bad arguments, a path that
// does not exist, no scenario to run, or a scenario file that did not load (the loadable ones
// still run and are reported).
int run_scenarios(const std::vector<std::string_view>& args);

}  // namespace amisim::cli
