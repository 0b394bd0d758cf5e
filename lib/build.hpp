// World::build (include/amisim/world.hpp): a public world plan built in a World's gateway by the
// scenario runner, through the same handlers as every other call, and the IDs it made.
#pragma once

#include <memory>

#include "amisim/world.hpp"
#include "api/gateway/gateway.hpp"
#include "api/protocol/wire_error.hpp"
#include "sim/core/fixtures.hpp"

namespace amisim::lib {

// The public form of a wire error.
Error to_public(const protocol::WireError& error);

// Checks `plan` (lib/plan.hpp), then plays check::plan_steps for it against `gateway` in instant
// mode, from the gateway's now, and puts the clock mode back as it was.
BuildResult build_plan(gateway::Gateway& gateway,
                       const std::shared_ptr<const sim::Fixtures>& fixtures, const WorldPlan& plan);

}  // namespace amisim::lib
