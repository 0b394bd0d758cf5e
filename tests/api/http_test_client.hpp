// Test support for the HTTP server tests: a server running on a background thread, and a small
// client whose every wait is bounded (each call runs its own io_context for at most kWait).
#pragma once

// clang-format off
#include <utility>  // before Asio (toolchain.md)
// clang-format on

#include <array>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <exception>
#include <future>
#include <optional>
#include <string>
#include <thread>

#include "api/http/server.hpp"

namespace amisim::http::testing {

namespace beast = boost::beast;
namespace net = boost::asio;
namespace bhttp = boost::beast::http;
using tcp = net::ip::tcp;
using Response = bhttp::response<bhttp::string_body>;

// Long enough never to trip on a loaded 2-core machine, short enough that a hang fails fast.
constexpr std::chrono::seconds kWait{10};

// Answers with the request's method and target, and the body length, so replies show which
// request they belong to: "POST /b 3".
inline HttpResponse echo(const HttpRequest& request) {
  HttpResponse response;
  response.headers.add("Content-Type", "text/plain");
  response.body = request.method + " " + request.target + " " + std::to_string(request.body.size());
  return response;
}

// A complete GET request for `target`; `extra` is more header lines, each ending in CRLF.
inline std::string get(const std::string& target, const std::string& extra = "") {
  return "GET " + target + " HTTP/1.1\r\nHost: localhost\r\n" + extra + "\r\n";
}

// A complete form POST of `body` to `target`.
inline std::string post(const std::string& target, const std::string& body) {
  return "POST " + target +
         " HTTP/1.1\r\nHost: localhost\r\n"
         "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " +
         std::to_string(body.size()) + "\r\n\r\n" + body;
}

// A Server on 127.0.0.1, an ephemeral port, served by a background thread until destruction.
class RunningServer {
 public:
  RunningServer(Handler handler, ServerOptions options = {})
      : server_(options, std::move(handler)) {
    const StartResult started = server_.start();
    if (!started.ok()) throw std::runtime_error("start: " + started.error);
    port_ = started.port;
    thread_ = std::thread([this, done = std::move(promise_)]() mutable {
      server_.run();
      done.set_value();
    });
  }
  ~RunningServer() {
    stop_and_wait();
    thread_.join();
  }
  RunningServer(const RunningServer&) = delete;
  RunningServer& operator=(const RunningServer&) = delete;

  std::uint16_t port() const { return port_; }
  // Stops the server; true when run() returned within `limit`. A server that never returns
  // aborts the test binary rather than hang it.
  bool stop_and_wait(std::chrono::milliseconds limit = kWait) {
    server_.stop();
    if (finished_.wait_for(limit) == std::future_status::ready) return true;
    std::fputs("http test: Server::run() did not return after stop()\n", stderr);
    std::terminate();
  }

 private:
  Server server_;
  std::uint16_t port_ = 0;
  std::promise<void> promise_;
  std::future<void> finished_ = promise_.get_future();
  std::thread thread_;
};

// One client connection. Every call returns within kWait.
class Client {
 public:
  explicit Client(std::uint16_t port) : stream_(ioc_) {
    stream_.expires_after(kWait);
    stream_.async_connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port),
                          [this](beast::error_code ec) { ok_ = !ec; });
    run();
  }
  bool connected() const { return ok_; }
  // This end's address as the server logs its peers: "127.0.0.1:PORT".
  std::string local() const {
    beast::error_code ec;
    const tcp::endpoint end = stream_.socket().local_endpoint(ec);
    return ec ? "" : end.address().to_string() + ":" + std::to_string(end.port());
  }

  // Sends raw bytes; true when all were written.
  bool send(const std::string& bytes) {
    bool sent = false;
    stream_.expires_after(kWait);
    net::async_write(stream_, net::buffer(bytes),
                     [&sent](beast::error_code ec, std::size_t) { sent = !ec; });
    run();
    return sent;
  }

  // The next response, or nullopt when the connection ended (or kWait passed) first.
  std::optional<Response> read() {
    std::optional<Response> out;
    bhttp::response_parser<bhttp::string_body> parser;
    parser.body_limit(16 * 1024 * 1024);
    stream_.expires_after(kWait);
    bhttp::async_read(stream_, buffer_, parser, [&](beast::error_code ec, std::size_t) {
      if (!ec) out = parser.release();
    });
    run();
    return out;
  }

  // True when the server closed the connection (EOF) without sending anything more.
  bool closed_by_server() {
    bool eof = false;
    char byte = 0;
    stream_.expires_after(kWait);
    stream_.async_read_some(net::buffer(&byte, 1), [&eof](beast::error_code ec, std::size_t) {
      eof = ec == net::error::eof || ec == net::error::connection_reset;
    });
    run();
    return eof;
  }

  // Exactly `n` bytes of whatever the server sends (a response's first bytes, unparsed), or ""
  // when the connection ended first. Use read() or drain() afterwards, not both.
  std::string read_bytes(std::size_t n) {
    std::string out(n, '\0');
    bool ok = false;
    stream_.expires_after(kWait);
    net::async_read(stream_, net::buffer(out),
                    [&ok](beast::error_code ec, std::size_t) { ok = !ec; });
    run();
    return ok ? out : "";
  }

  // Reads until what this client has received (kept across calls) holds `needle`; true when it
  // does within kWait. received() is all of it.
  bool read_until(const std::string& needle) {
    const auto deadline = std::chrono::steady_clock::now() + kWait;
    std::array<char, 65536> chunk{};
    while (received_.find(needle) == std::string::npos) {
      const auto left = deadline - std::chrono::steady_clock::now();
      if (left <= std::chrono::steady_clock::duration::zero()) return false;
      bool more = false;
      stream_.expires_after(left);
      stream_.async_read_some(net::buffer(chunk), [&](beast::error_code ec, std::size_t n) {
        received_.append(chunk.data(), n);
        more = !ec;
      });
      run();
      if (!more) return received_.find(needle) != std::string::npos;
    }
    return true;
  }
  const std::string& received() const { return received_; }

  // Reads and discards until the server closes the connection; the number of bytes read.
  std::size_t drain() {
    std::size_t total = 0;
    std::array<char, 65536> chunk{};
    for (bool more = true; more;) {
      more = false;
      stream_.expires_after(kWait);
      stream_.async_read_some(net::buffer(chunk), [&](beast::error_code ec, std::size_t n) {
        total += n;
        more = !ec;
      });
      run();
    }
    return total;
  }

  // Without waiting: true when the server has closed the connection (EOF or reset), false while
  // it is open with nothing to read. Unlike closed_by_server(), this never arms the stream's
  // expiry, whose firing would close the connection from this side.
  bool closed_now() {
    beast::error_code ec;
    char byte = 0;
    auto& socket = stream_.socket();
    socket.non_blocking(true, ec);
    socket.receive(net::buffer(&byte, 1), tcp::socket::message_peek, ec);
    beast::error_code ignored;
    socket.non_blocking(false, ignored);
    if (ec == net::error::would_block) return false;
    return static_cast<bool>(ec);  // EOF or reset (a byte to peek would be a reply, not a close)
  }

 private:
  void run() {
    ioc_.restart();
    ioc_.run();  // bounded: every operation above carries the kWait expiry
  }

  net::io_context ioc_;
  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::string received_;
  bool ok_ = false;
};

}  // namespace amisim::http::testing
