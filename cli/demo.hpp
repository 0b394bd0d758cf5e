// `amisim demo`: an in-process golden-AMI lifecycle written in code, narrated (`make demo` plays
// the scenario file scenarios/golden-ami-bake.json instead).
#pragma once

#include <string_view>
#include <vector>

namespace amisim::cli {

// Returns the process exit code: 0 when every step behaved as the narration says, 2 on bad
// arguments, 1 when a step failed.
int run_demo(const std::vector<std::string_view>& args);

}  // namespace amisim::cli
