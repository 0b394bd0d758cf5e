// Virtual time and the queue of scheduled events. The clock only moves forward, and only when the
// World advances it; nothing here reads a real clock (DESIGN.md, Time).
#pragma once

#include <cstdint>
#include <optional>
#include <set>

#include "sim/core/event.hpp"
#include "sim/core/time.hpp"

namespace amisim::sim {

class Clock {
 public:
  explicit Clock(TimeMs start = kDefaultWorldStartMs) : now_(start) {}

  TimeMs now() const { return now_; }

  // Schedules `event` at event.at (clamped to now); fills in and returns its sequence number.
  std::uint64_t schedule(Event event);

  // Removes and returns the earliest event due at or before `limit`, moving now to its time.
  std::optional<Event> pop_due(TimeMs limit);

  // Moves now forward to `t` (never backwards).
  void move_to(TimeMs t) {
    if (t > now_) now_ = t;
  }

  // The time of the latest pending settling event, if any.
  std::optional<TimeMs> last_settling_time() const;

  const std::set<Event>& pending() const { return queue_; }
  std::uint64_t next_seq() const { return next_seq_; }

  // Puts back a saved clock (a state snapshot, api/io/world_snapshot.hpp): its time, its next
  // sequence number and its pending events, each with the sequence number it was given.
  void restore(TimeMs now, std::uint64_t next_seq, std::set<Event> queue);

 private:
  TimeMs now_;
  std::uint64_t next_seq_ = 1;
  std::set<Event> queue_;
  std::multiset<TimeMs> settling_times_;
};

}  // namespace amisim::sim
