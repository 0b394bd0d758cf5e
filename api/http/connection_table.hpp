// The server's table of open connections: how many are open (at most ServerOptions::
// max_connections), and which of them are waiting for a request head, in the order they started
// waiting, so that a full table can make room by closing the connection idle longest instead of
// refusing a newcomer. Private to api/http.
//
// Invariants: open() counts every Session between its construction and the release of its slot
// (eviction or destruction); every waiting entry names a Session that is open and waiting for a
// head; tickets only grow, so the first entry has waited longest.
//
// Not locked: the server touches it only from the one thread that runs its io_context
// (server.hpp).
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>

namespace amisim::http::detail {

class Session;

class ConnectionTable {
 public:
  explicit ConnectionTable(std::size_t capacity) : capacity_(capacity) {}

  std::size_t capacity() const { return capacity_; }
  std::size_t open() const { return open_; }
  bool full() const { return open_ >= capacity_; }

  void opened() { ++open_; }
  void closed() { --open_; }

  // Records that `session` starts waiting for a request head. Returns the ticket that
  // stop_waiting() takes; a later wait gets a larger ticket.
  std::uint64_t start_waiting(std::weak_ptr<Session> session);
  // Forgets the wait of `ticket` (no effect when it is no longer recorded).
  void stop_waiting(std::uint64_t ticket);
  // The session that has waited longest for a request head, removed from the waiting list; null
  // when no open session is waiting (every one has a request in progress).
  std::shared_ptr<Session> take_longest_waiting();

 private:
  std::size_t capacity_;
  std::size_t open_ = 0;
  std::uint64_t next_ticket_ = 0;
  std::map<std::uint64_t, std::weak_ptr<Session>> waiting_;
};

}  // namespace amisim::http::detail
