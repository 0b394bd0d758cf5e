#include "api/http/server.hpp"

#include <atomic>
#include <csignal>

#include "api/http/listener.hpp"

namespace amisim::http {

using detail::tcp;
using detail::beast::error_code;
using detail::net::io_context;

// Members are destroyed in reverse order: the io_context (which owns the sessions through their
// pending handlers) is destroyed before the options, handler and table the sessions refer to.
struct Server::State {
  State(ServerOptions o, Handler h)
      : options(std::move(o)),
        handler(std::move(h)),
        connections(options.max_connections),
        streams(options.stream_tick, options.max_streams) {
    streams.attach(ioc);
  }
  // The streams' timer and sessions go while the io_context still exists (stream_hub.hpp).
  ~State() { streams.detach(); }
  State(const State&) = delete;
  State& operator=(const State&) = delete;

  ServerOptions options;
  Handler handler;
  detail::ConnectionTable connections;
  detail::StreamHub streams;
  std::atomic<bool> running{false};
  io_context ioc{1};
  std::shared_ptr<detail::Listener> listener;

  detail::SessionContext context() { return {options, handler, connections, streams}; }
};

namespace {

// The first address `host` resolves to, or an error text.
std::string resolve(io_context& ioc, const ServerOptions& options, tcp::endpoint& out) {
  error_code ec;
  tcp::resolver resolver(ioc);
  const auto results =
      resolver.resolve(options.host, std::to_string(options.port),
                       tcp::resolver::passive | tcp::resolver::numeric_service, ec);
  if (ec) return "resolve " + options.host + ": " + ec.message();
  if (results.empty()) return "resolve " + options.host + ": no address";
  out = results.begin()->endpoint();
  return "";
}

}  // namespace

Server::Server(ServerOptions options, Handler handler)
    : state_(std::make_unique<State>(std::move(options), std::move(handler))) {}

Server::~Server() = default;

StartResult Server::start() {
  tcp::endpoint endpoint;
  std::string error = resolve(state_->ioc, state_->options, endpoint);
  if (!error.empty()) return {0, error};
  auto listener = std::make_shared<detail::Listener>(state_->ioc, state_->context());
  error = listener->open(endpoint);
  if (!error.empty()) return {0, error};
  listener->accept();
  state_->listener = listener;
  return {listener->port(), ""};
}

void Server::run() {
  // A second thread in run() would touch the sessions and the connection table concurrently.
  if (state_->running.exchange(true)) return;
  state_->ioc.run();
  state_->running = false;
}

void Server::run_until_signal() {
  detail::net::signal_set signals(state_->ioc, SIGINT, SIGTERM);
  signals.async_wait([this](const error_code& ec, int /*signal*/) {
    if (!ec) stop();
  });
  run();
}

void Server::stop() { state_->ioc.stop(); }

}  // namespace amisim::http
