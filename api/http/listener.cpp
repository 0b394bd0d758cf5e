#include "api/http/listener.hpp"

#include <chrono>

namespace amisim::http::detail {
namespace {

// After an accept error (e.g. out of file descriptors) wait this long before accepting again:
// retrying at once would spin, giving up would leave the server deaf.
constexpr std::chrono::milliseconds kAcceptRetry{50};

std::string failure(const char* step, const tcp::endpoint& endpoint, const beast::error_code& ec) {
  return std::string(step) + " " + endpoint.address().to_string() + ":" +
         std::to_string(endpoint.port()) + ": " + ec.message();
}

}  // namespace

Listener::Listener(net::io_context& ioc, SessionContext context)
    : ioc_(ioc), acceptor_(ioc), retry_(ioc), context_(context) {}

std::string Listener::open(const tcp::endpoint& endpoint) {
  beast::error_code ec;
  acceptor_.open(endpoint.protocol(), ec);
  if (ec) return failure("open", endpoint, ec);
  acceptor_.set_option(net::socket_base::reuse_address(true), ec);
  if (ec) return failure("set_option", endpoint, ec);
  acceptor_.bind(endpoint, ec);
  if (ec) return failure("bind", endpoint, ec);
  acceptor_.listen(net::socket_base::max_listen_connections, ec);
  if (ec) return failure("listen", endpoint, ec);
  return "";
}

std::uint16_t Listener::port() const {
  beast::error_code ec;
  const tcp::endpoint local = acceptor_.local_endpoint(ec);
  return ec ? 0 : local.port();
}

void Listener::accept() {
  acceptor_.async_accept(ioc_, beast::bind_front_handler(&Listener::on_accept, shared_from_this()));
}

void Listener::on_accept(beast::error_code ec, tcp::socket socket) {
  if (ec == net::error::operation_aborted) return;
  if (ec) {
    retry_.expires_after(kAcceptRetry);
    retry_.async_wait([self = shared_from_this()](beast::error_code wait_ec) {
      if (!wait_ec) self->accept();
    });
    return;
  }
  admit(std::move(socket));
  accept();
}

void Listener::admit(tcp::socket socket) {
  ConnectionTable& table = context_.connections;
  if (table.full()) {
    // Make room by closing the connection that has waited longest for a request head: idle
    // sockets (or a slow trickle of header bytes) cannot lock newcomers out.
    const std::string peer = describe_peer(socket);
    if (auto victim = table.take_longest_waiting()) {
      victim->evict(peer);
    } else {
      // Every connection has a request in progress: refuse by closing rather than queueing.
      log_line(context_.options, peer + " refused: all " + std::to_string(table.capacity()) +
                                     " connections have a request in progress");
      beast::error_code ignored;
      socket.close(ignored);
      return;
    }
  }
  std::make_shared<Session>(std::move(socket), context_)->start();
}

}  // namespace amisim::http::detail
