// Data Lifecycle Manager's private helpers, shared by sim/dlm's files only.
#pragma once

#include "sim/state/lifecycle_policy.hpp"
#include "sim/state/world.hpp"

namespace amisim::sim::detail {

// (Re)plans every schedule's next run of `policy` from now: nothing when it is disabled. Events
// planned before are left stale (run_seq no longer names them).
void dlm_plan_runs(World& world, LifecyclePolicy& policy);

}  // namespace amisim::sim::detail
