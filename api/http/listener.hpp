// Accepts connections and gives each a Session, up to ServerOptions::max_connections open at
// once; when the table is full, a newcomer takes the slot of the connection that has waited
// longest for a request head (connection_table.hpp). Private to api/http; the public surface is
// server.hpp.
#pragma once

#include "api/http/session.hpp"

namespace amisim::http::detail {

class Listener : public std::enable_shared_from_this<Listener> {
 public:
  Listener(net::io_context& ioc, SessionContext context);

  // Opens, binds and listens on `endpoint`. Returns "" or what failed, e.g.
  // "bind 127.0.0.1:80: Permission denied".
  std::string open(const tcp::endpoint& endpoint);
  // The port actually bound (meaningful after a successful open()).
  std::uint16_t port() const;
  // Starts the accept loop; it runs until the io_context stops.
  void accept();

 private:
  void on_accept(beast::error_code ec, tcp::socket socket);
  // Starts a Session for `socket`, evicting the longest-waiting connection when the table is
  // full, or closes `socket` when every open connection has a request in progress.
  void admit(tcp::socket socket);

  net::io_context& ioc_;
  tcp::acceptor acceptor_;
  net::steady_timer retry_;
  SessionContext context_;
};

}  // namespace amisim::http::detail
