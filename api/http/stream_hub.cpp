#include "api/http/stream_hub.hpp"

#include <vector>

#include "api/http/session.hpp"

namespace amisim::http::detail {

void StreamHub::attach(boost::asio::io_context& ioc) {
  timer_ = std::make_unique<boost::asio::steady_timer>(ioc);
}

void StreamHub::detach() {
  timer_.reset();  // a pending wait ends with operation_aborted and is never run (ioc stopped)
  armed_ = false;
  // Sessions leave the hub as they are destroyed: destroy them from a map the hub no longer holds.
  auto members = std::move(members_);
  members_.clear();
  for (auto& [ticket, session] : members) session->end_stream();
}

std::uint64_t StreamHub::join(std::shared_ptr<Session> session) {
  const std::uint64_t ticket = next_ticket_++;
  members_.emplace(ticket, std::move(session));
  arm();
  return ticket;
}

void StreamHub::leave(std::uint64_t ticket) { members_.erase(ticket); }

void StreamHub::arm() {
  if (armed_ || !timer_ || members_.empty()) return;
  armed_ = true;
  timer_->expires_after(tick_);
  timer_->async_wait([this](const boost::system::error_code& ec) {
    armed_ = false;
    if (!ec) on_tick();
  });
}

void StreamHub::on_tick() {
  // A session fed here may leave (its client gone), so feed from a copy of the list.
  std::vector<std::shared_ptr<Session>> members;
  members.reserve(members_.size());
  for (const auto& [ticket, session] : members_) members.push_back(session);
  for (const auto& session : members) session->feed_stream();
  arm();
}

}  // namespace amisim::http::detail
