#include "api/http/connection_table.hpp"

#include <utility>

namespace amisim::http::detail {

std::uint64_t ConnectionTable::start_waiting(std::weak_ptr<Session> session) {
  const std::uint64_t ticket = next_ticket_++;
  waiting_.emplace(ticket, std::move(session));
  return ticket;
}

void ConnectionTable::stop_waiting(std::uint64_t ticket) { waiting_.erase(ticket); }

std::shared_ptr<Session> ConnectionTable::take_longest_waiting() {
  while (!waiting_.empty()) {
    // An entry whose session is already being destroyed (its destructor removes the entry, but
    // the weak pointer expires first) is skipped.
    std::shared_ptr<Session> session = waiting_.begin()->second.lock();
    waiting_.erase(waiting_.begin());
    if (session) return session;
  }
  return nullptr;
}

}  // namespace amisim::http::detail
