#include "sim/core/clock.hpp"

namespace amisim::sim {

std::uint64_t Clock::schedule(Event event) {
  if (event.at < now_) event.at = now_;
  event.seq = next_seq_++;
  if (event.settles) settling_times_.insert(event.at);
  const std::uint64_t seq = event.seq;
  queue_.insert(std::move(event));
  return seq;
}

std::optional<Event> Clock::pop_due(TimeMs limit) {
  if (queue_.empty() || queue_.begin()->at > limit) return std::nullopt;
  auto node = queue_.extract(queue_.begin());
  Event event = std::move(node.value());
  if (event.settles) settling_times_.erase(settling_times_.find(event.at));
  move_to(event.at);
  return event;
}

void Clock::restore(TimeMs now, std::uint64_t next_seq, std::set<Event> queue) {
  now_ = now;
  next_seq_ = next_seq;
  queue_ = std::move(queue);
  settling_times_.clear();
  for (const Event& event : queue_) {
    if (event.settles) settling_times_.insert(event.at);
  }
}

std::optional<TimeMs> Clock::last_settling_time() const {
  if (settling_times_.empty()) return std::nullopt;
  return *settling_times_.rbegin();
}

}  // namespace amisim::sim
