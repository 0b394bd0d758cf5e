// One HTTP connection: read a request, call the handler, write the response, repeat. Private to
// api/http (it includes Beast); the public surface is server.hpp.
#pragma once

// clang-format off
// <utility> before Asio: Boost 1.74's awaitable.hpp needs std::exchange (toolchain.md).
#include <utility>
// clang-format on

#include <array>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "api/http/connection_table.hpp"
#include "api/http/request.hpp"
#include "api/http/server.hpp"
#include "api/http/stream_hub.hpp"

namespace amisim::http::detail {

namespace beast = boost::beast;
namespace net = boost::asio;
namespace bhttp = boost::beast::http;
using tcp = boost::asio::ip::tcp;

// What every session shares with the server. The referenced objects outlive all sessions
// (Server::State declares them before the io_context that owns the sessions).
struct SessionContext {
  const ServerOptions& options;
  const Handler& handler;
  ConnectionTable& connections;
  StreamHub& streams;
};

// The peer of `socket` as "ip:port" ("[ip]:port" for IPv6); "" when unknown.
std::string describe_peer(const tcp::socket& socket);
// Passes `line` to options.log when it is set.
void log_line(const ServerOptions& options, const std::string& line);

// Owned by the completion handlers of its own pending operations: it lives while a read or
// write is in flight and closes its socket when the last one finishes. It holds a slot of the
// connection table from construction until destruction or eviction, and is on the table's
// waiting list while it waits for a request head (between requests, and while a head arrives).
class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, SessionContext context);
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  void start() { do_read(); }
  // Closes the connection now to make room for `newcomer` (a peer address, for the log line)
  // and gives its slot back at once. Only for a session the table took off its waiting list.
  void evict(const std::string& newcomer);
  // An event stream (HttpResponse::stream): asks it for more and sends that, or closes the
  // connection when its client has left more than ServerOptions::stream_buffer_bytes unread.
  // Called by the StreamHub on each tick.
  void feed_stream();
  // Closes an event stream's connection and leaves the hub.
  void end_stream();

 private:
  void do_read();
  void on_header(beast::error_code ec, std::size_t bytes);
  void on_read(beast::error_code ec, std::size_t bytes);
  void answer_read_error(const beast::error_code& ec);
  void stop_waiting();
  void release_slot();
  void on_request();
  void answer(HttpResponse response, bool keep_alive, bool head);
  void start_stream(HttpResponse response);
  void flush_stream();
  void on_stream_write(beast::error_code ec, std::size_t bytes);
  void leave_hub();
  void on_write(bool close, beast::error_code ec, std::size_t bytes);
  void close_gracefully();
  void drain();

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  bhttp::response<bhttp::string_body> response_;
  std::array<char, 4096> discard_{};
  std::string remote_;
  SessionContext context_;
  std::optional<std::uint64_t> waiting_;  // the table's ticket while waiting for a head
  bool holds_slot_ = true;
  std::uint64_t served_ = 0;  // requests answered on this connection
  // An event stream's state: what produces more, the hub's ticket while it is held there, the
  // bytes being written and those waiting for that write to finish.
  std::function<std::string()> stream_more_;
  std::optional<std::uint64_t> stream_ticket_;
  std::string sending_;
  std::string unsent_;
  bool writing_ = false;
};

}  // namespace amisim::http::detail
