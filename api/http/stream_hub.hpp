// The server's open event streams (HttpResponse::stream) and the tick that feeds them: while at
// least one is open, a timer asks each for more every ServerOptions::stream_tick; with none open
// there is no timer and no cost per request. Private to api/http.
//
// Ownership: the hub holds each streaming Session (nothing else does between its writes) until
// the session leaves. It is declared before the server's io_context, like the connection table,
// so that sessions destroyed with the io_context can still leave it; the timer lives in the hub
// only between attach() and detach(), which the server calls while its io_context exists.
//
// Not locked: touched only from the thread that runs the io_context (server.hpp).
#pragma once

// clang-format off
#include <utility>  // before Asio (toolchain.md)
// clang-format on

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>

namespace amisim::http::detail {

class Session;

class StreamHub {
 public:
  StreamHub(std::chrono::milliseconds tick, std::size_t capacity)
      : tick_(tick), capacity_(capacity) {}

  // Creates the tick timer on `ioc` (call once, before any join).
  void attach(boost::asio::io_context& ioc);
  // Cancels the timer and closes every stream; call before the io_context is destroyed.
  void detach();

  bool full() const { return members_.size() >= capacity_; }
  std::size_t open() const { return members_.size(); }
  // Holds `session` until leave(ticket) and feeds it on every tick (the first tick starts now).
  std::uint64_t join(std::shared_ptr<Session> session);
  // Lets go of the session of `ticket` (no effect when it already left).
  void leave(std::uint64_t ticket);

 private:
  void arm();
  void on_tick();

  std::chrono::milliseconds tick_;
  std::size_t capacity_;
  std::unique_ptr<boost::asio::steady_timer> timer_;
  bool armed_ = false;
  std::uint64_t next_ticket_ = 0;
  std::map<std::uint64_t, std::shared_ptr<Session>> members_;
};

}  // namespace amisim::http::detail
