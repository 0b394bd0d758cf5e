// The timeline: moves a World's virtual clock forward, applying each due event in (time,
// sequence) order and handing it to the family that owns its kind (DESIGN.md, Time). The World
// holds the clock and the queue; this is the one place that knows which family handles what, so
// the World itself includes no family's header.
#pragma once

#include <functional>

#include "sim/core/event.hpp"
#include "sim/core/time.hpp"
#include "sim/state/world.hpp"

namespace amisim::sim {

// Called after each event is applied, with the world's now at the event's time: what watches the
// world as time moves (the live picture, api/picture/recorder.hpp) without changing it.
using EventObserver = std::function<void(const Event&)>;

// Applies every event due up to `t` in (time, sequence) order, then sets now = t; `applied`
// (when set) sees each event after it is applied.
void advance_to(World& world, TimeMs t, const EventObserver& applied = {});

inline void advance_by(World& world, DurationMs d) { advance_to(world, world.now() + d); }

// Runs until no settling work is pending (the `instant` clock mode after each call).
void settle(World& world, const EventObserver& applied = {});

}  // namespace amisim::sim
