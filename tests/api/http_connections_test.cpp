// The HTTP server's connection limits (api/http/listener.cpp, session.cpp, connection_table.hpp)
// over real loopback sockets: the deadline for a request head, the read timeout for a body, and
// a full connection table making room by closing the connection idle longest (issue 14, §3).
#include <catch2/catch.hpp>
#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "api/http/server.hpp"
#include "tests/api/http_test_client.hpp"

namespace {

using amisim::http::HttpRequest;
using amisim::http::HttpResponse;
using amisim::http::ServerOptions;
using amisim::http::testing::Client;
using amisim::http::testing::echo;
using amisim::http::testing::get;
using amisim::http::testing::RunningServer;
using std::chrono::milliseconds;

// A POST head announcing a body of `length` bytes; the body is sent separately.
std::string post_head(std::size_t length) {
  return "POST / HTTP/1.1\r\nHost: localhost\r\nContent-Length: " + std::to_string(length) +
         "\r\n\r\n";
}

// Returns once the server has handled every event that reached it before the call: a probe
// connection that sends nothing is closed at the head deadline, and the server handles events in
// arrival order on one thread. Needs a free slot and a short head_timeout.
bool settle(const RunningServer& server) {
  Client probe(server.port());
  return probe.connected() && probe.closed_by_server();
}

}  // namespace

TEST_CASE("300 idle connections at the default limits: a health check still answers within 1 s",
          "[http]") {
  RunningServer server(echo);  // 256 connections, head deadline 5 s, read timeout 30 s
  std::vector<std::unique_ptr<Client>> idle;
  for (int i = 0; i < 300; ++i) {
    idle.push_back(std::make_unique<Client>(server.port()));
    REQUIRE(idle.back()->connected());
  }
  const auto start = std::chrono::steady_clock::now();
  Client health(server.port());
  REQUIRE(health.send(get("/_amisim/health")));
  const auto response = health.read();
  const auto elapsed = std::chrono::steady_clock::now() - start;
  REQUIRE(response);
  CHECK(response->body() == "GET /_amisim/health 0");
  CHECK(elapsed < std::chrono::seconds(1));
  CHECK(idle.front()->closed_by_server());  // the longest idle made room
}

TEST_CASE("A connection that sends nothing is closed at the head deadline, not the read timeout",
          "[http]") {
  ServerOptions options;
  options.head_timeout = milliseconds(200);
  options.read_timeout = milliseconds(60'000);
  RunningServer server(echo, options);
  Client silent(server.port());
  REQUIRE(silent.connected());
  CHECK(silent.closed_by_server());  // within the client's 10 s wait, far below 60 s
}

TEST_CASE("An idle keep-alive connection is closed at the head deadline after its response",
          "[http]") {
  ServerOptions options;
  options.head_timeout = milliseconds(200);
  RunningServer server(echo, options);
  Client client(server.port());
  REQUIRE(client.send(get("/once")));
  const auto response = client.read();
  REQUIRE(response);
  CHECK(response->keep_alive());
  CHECK(client.closed_by_server());
}

TEST_CASE("A head trickled a byte at a time (slowloris) is cut off at the head deadline",
          "[http]") {
  ServerOptions options;
  options.head_timeout = milliseconds(300);
  RunningServer server(echo, options);
  Client slow(server.port());
  // Bytes come every 50 ms, six times within the deadline: a per-read timeout would never fire.
  const std::string head = "GET / HTTP/1.1\r\nHost: localhost\r\nX-Slow: " + std::string(200, 'a');
  std::size_t sent = 0;
  bool closed = false;
  for (; sent < head.size() && !closed; ++sent) {
    closed = slow.closed_now() || !slow.send(head.substr(sent, 1));
    std::this_thread::sleep_for(milliseconds(50));
  }
  CHECK(closed);
  CHECK(sent < head.size());  // closed while the head was still arriving (10 s of bytes)
}

TEST_CASE("A body arriving slowly is not cut off at the head deadline", "[http]") {
  ServerOptions options;
  options.head_timeout = milliseconds(300);
  RunningServer server(echo, options);
  Client client(server.port());
  REQUIRE(client.send(post_head(3)));
  for (const char* part : {"a", "b", "c"}) {
    std::this_thread::sleep_for(milliseconds(200));  // 600 ms in all, twice the head deadline
    REQUIRE(client.send(part));
  }
  const auto response = client.read();
  REQUIRE(response);
  CHECK(response->body() == "POST / 3");
}

TEST_CASE("A body that stops arriving is dropped after the read timeout", "[http]") {
  ServerOptions options;
  options.read_timeout = milliseconds(200);
  RunningServer server(echo, options);
  Client client(server.port());
  REQUIRE(client.send(post_head(10) + "abc"));
  CHECK(client.closed_by_server());
}

TEST_CASE("A full table closes the connection idle longest for a newcomer, and logs it", "[http]") {
  ServerOptions options;
  options.max_connections = 2;
  std::vector<std::string> log;  // the server thread's until stop_and_wait() returns
  options.log = [&log](const std::string& line) { log.push_back(line); };
  RunningServer server(echo, options);
  Client early(server.port());  // accepted first, then silent
  REQUIRE(early.connected());
  Client answered(server.port());  // accepted after `early`, and answered since: idle for less
  REQUIRE(answered.send(get("/a")));
  REQUIRE(answered.read());
  Client newcomer(server.port());
  REQUIRE(newcomer.send(get("/new")));
  const auto admitted = newcomer.read();
  REQUIRE(admitted);
  CHECK(admitted->body() == "GET /new 0");
  CHECK(early.closed_by_server());
  REQUIRE(answered.send(get("/b")));  // the one idle for less is still served
  const auto again = answered.read();
  REQUIRE(again);
  CHECK(again->body() == "GET /b 0");
  const std::string early_address = early.local();
  REQUIRE(server.stop_and_wait());
  REQUIRE(log.size() == 1);
  CHECK(log[0].rfind(early_address + " closed: the connection table is full (2)", 0) == 0);
  CHECK(log[0].find("admitting 127.0.0.1:") != std::string::npos);
}

TEST_CASE("A connection whose body is in progress is not the one closed for a newcomer", "[http]") {
  ServerOptions options;
  options.max_connections = 2;
  options.head_timeout = milliseconds(200);
  RunningServer server(echo, options);
  Client busy(server.port());
  REQUIRE(busy.send(post_head(4) + "ab"));
  REQUIRE(settle(server));  // `busy` has its head in: a request in progress
  Client idle(server.port());
  REQUIRE(idle.connected());
  Client newcomer(server.port());
  REQUIRE(newcomer.send(get("/new")));
  REQUIRE(newcomer.read());
  CHECK(idle.closed_by_server());
  REQUIRE(busy.send("cd"));
  const auto finished = busy.read();
  REQUIRE(finished);
  CHECK(finished->body() == "POST / 4");
}

TEST_CASE("When every connection has a request in progress, a newcomer is refused and logged",
          "[http]") {
  ServerOptions options;
  options.max_connections = 1;
  std::vector<std::string> log;
  options.log = [&log](const std::string& line) { log.push_back(line); };
  // 64 MiB: more than loopback socket buffers can hold (tcp_rmem max 32 MiB + tcp_wmem max 4 MiB
  // here), so the write stays in progress until the client reads.
  RunningServer server(
      [](const HttpRequest& r) {
        HttpResponse response = echo(r);
        response.body.assign(64u << 20, 'x');
        response.close = true;
        return response;
      },
      options);
  Client writing(server.port());
  REQUIRE(writing.send(get("/big")));
  REQUIRE(writing.read_bytes(12) == "HTTP/1.1 200");  // its response is being written
  Client refused(server.port());
  CHECK(refused.closed_by_server());
  CHECK(writing.drain() > (64u << 20));  // the admitted connection is unaffected
  REQUIRE(server.stop_and_wait());
  REQUIRE(log.size() == 1);
  CHECK(log[0].find(" refused: all 1 connections have a request in progress") != std::string::npos);
}

TEST_CASE("The head-deadline close of a first or partial head is logged, an idle keep-alive's not",
          "[http]") {
  ServerOptions options;
  options.head_timeout = milliseconds(200);
  std::vector<std::string> log;
  options.log = [&log](const std::string& line) { log.push_back(line); };
  RunningServer server(echo, options);
  Client kept(server.port());
  REQUIRE(kept.send(get("/x")));
  REQUIRE(kept.read());
  CHECK(kept.closed_by_server());
  Client partial(server.port());
  REQUIRE(partial.send("GET / HTTP/1.1\r\n"));
  CHECK(partial.closed_by_server());
  const std::string partial_address = partial.local();
  // The close reaches the client before the server's read completes with the timeout and logs;
  // a later request is handled after that completion (one thread, events in arrival order).
  Client later(server.port());
  REQUIRE(later.send(get("/later")));
  REQUIRE(later.read());
  REQUIRE(server.stop_and_wait());
  REQUIRE(log.size() == 1);
  CHECK(log[0] == partial_address + " closed: no complete request head within 200 ms");
}
