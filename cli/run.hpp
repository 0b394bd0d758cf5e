// `amisim run FILE|DIR... [--endpoint URL] [--junit FILE] [--json FILE] [--seed N]
// [--filter TEXT] [--narrate] [--twice] [--jobs N] [--allow-workflow]`: runs scenario files
// (api/scenario) in process, or against `amisim serve` at URL, and reports each in file order;
// `workflow` steps run their commands only with --allow-workflow (cli/workflow.hpp).
#pragma once

#include <string_view>
#include <vector>

namespace amisim::cli {

// Exit code: 0 when every scenario passed; 1 when one failed; 2 for bad arguments, a path that
// does not exist, no scenario to run, or a scenario file that did not load (the loadable ones
// still run and are reported).
int run_scenarios(const std::vector<std::string_view>& args);

}  // namespace amisim::cli
