// The timeline: moves a World's virtual clock forward, applying each due event in (time,
// sequence) order and handing it to the family that owns its kind (DESIGN.md, Time). The World
// holds the clock and the queue; this is the one place that knows which family handles what, so
// the World itself includes no family's header.
#pragma once

#include "sim/core/time.hpp"
#include "sim/state/world.hpp"

namespace amisim::sim {

// Applies every event due up to `t` in (time, sequence) order, then sets now = t.
void advance_to(World& world, TimeMs t);

inline void advance_by(World& world, DurationMs d) { advance_to(world, world.now() + d); }

// Runs until no settling work is pending (the `instant` clock mode after each call).
void settle(World& world);

}  // namespace amisim::sim
