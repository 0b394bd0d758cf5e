// `amisim check --workflow CMD [--invariant NAME|FILE]... [--world FILE] [--runs N] [--seed S]
// [--jobs N] [--out DIR] [--advance DURATION] [--junit FILE] [--timeout DURATION]
// [--expect-exit N|any] [--max-shrinks N]`: property-tests a user's workflow (issue 21; README
// "Property-test your workflow"). Each run draws a random world (api/check/world_plan.hpp) from
// the run's seed, builds it, and plays it as a scenario whose last step is a `workflow` step
// (api/scenario/workflow.hpp): CMD against that world over HTTP, then its invariants. The first
// failing run is shrunk — fewer accounts, Regions, images, instances, templates and versions,
// fewer flags, younger images — to the smallest world that still fails the same way, written as
// DIR/check-failure-<seed>.json, a scenario `amisim run --allow-workflow` replays.
#pragma once

#include <string_view>
#include <vector>

namespace amisim::cli {

// Exit code: 0 when every run passed; 1 when one failed (shrunk and written); 2 for bad
// arguments, an invariant or --world file that does not load, a command that could not be started,
// or a report that could not be written.
int run_check(const std::vector<std::string_view>& args);

}  // namespace amisim::cli
