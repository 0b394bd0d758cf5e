// The HTTP server core (api/http/server.hpp) over real loopback sockets: each test starts a
// Server on 127.0.0.1, port 0, and talks to it with the bounded client in http_test_client.hpp.
#include <catch2/catch.hpp>
#include <chrono>
#include <csignal>
#include <future>
#include <memory>
#include <stdexcept>
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
using amisim::http::testing::post;
using amisim::http::testing::RunningServer;

}  // namespace

TEST_CASE("A GET and a POST reach the handler with method, target, headers and body", "[http]") {
  std::vector<HttpRequest> seen;
  RunningServer server([&seen](const HttpRequest& r) {
    seen.push_back(r);  // the handler runs on the server thread, one request at a time
    return echo(r);
  });
  Client client(server.port());
  REQUIRE(client.connected());
  REQUIRE(client.send(get("/_amisim/health", "X-Amz-Target: Probe\r\n")));
  const auto first = client.read();
  REQUIRE(client.send(post("/", "Action=DescribeImages&Version=2016-11-15")));
  const auto second = client.read();
  REQUIRE(server.stop_and_wait());  // `seen` is the server thread's until run() has returned
  REQUIRE(first);
  REQUIRE(second);
  CHECK(first->result_int() == 200);
  CHECK(first->body() == "GET /_amisim/health 0");
  CHECK((*first)[boost::beast::http::field::content_type] == "text/plain");
  REQUIRE(seen.size() == 2);
  CHECK(seen[0].method == "GET");
  CHECK(seen[0].target == "/_amisim/health");
  CHECK(seen[0].headers.find("x-amz-target") == "Probe");  // lookup ignores case
  CHECK(seen[0].remote.rfind("127.0.0.1:", 0) == 0);
  CHECK(seen[1].method == "POST");
  CHECK(seen[1].headers.find("CONTENT-TYPE") == "application/x-www-form-urlencoded");
  CHECK(seen[1].body == "Action=DescribeImages&Version=2016-11-15");
}

TEST_CASE("Two requests on one keep-alive connection are both answered", "[http]") {
  RunningServer server(echo);
  Client client(server.port());
  REQUIRE(client.send(get("/one")));
  const auto first = client.read();
  REQUIRE(client.send(get("/two")));
  const auto second = client.read();
  REQUIRE(first);
  REQUIRE(second);
  CHECK(first->body() == "GET /one 0");
  CHECK(second->body() == "GET /two 0");
  CHECK(second->keep_alive());
}

TEST_CASE("Pipelined requests are answered in the order they were sent", "[http]") {
  RunningServer server(echo);
  Client client(server.port());
  REQUIRE(client.send(get("/a") + post("/b", "xyz") + get("/c")));
  const auto a = client.read();
  const auto b = client.read();
  const auto c = client.read();
  REQUIRE(a);
  REQUIRE(b);
  REQUIRE(c);
  CHECK(a->body() == "GET /a 0");
  CHECK(b->body() == "POST /b 3");
  CHECK(c->body() == "GET /c 0");
}

TEST_CASE("Connection: close is honoured: the server answers, then closes", "[http]") {
  RunningServer server(echo);
  Client client(server.port());
  REQUIRE(client.send(get("/last", "Connection: close\r\n")));
  const auto response = client.read();
  REQUIRE(response);
  CHECK(response->body() == "GET /last 0");
  CHECK_FALSE(response->keep_alive());
  CHECK(client.closed_by_server());
}

TEST_CASE("A body over the limit gets 413 with an XML error, and the server serves on", "[http]") {
  ServerOptions options;
  options.body_limit_bytes = 1024;
  int calls = 0;
  RunningServer server(
      [&calls](const HttpRequest& r) {
        ++calls;
        return echo(r);
      },
      options);
  Client client(server.port());
  // Only the header is sent: the server must refuse on the announced length alone.
  REQUIRE(client.send("POST / HTTP/1.1\r\nHost: localhost\r\nContent-Length: 1025\r\n\r\n"));
  const auto refused = client.read();
  REQUIRE(refused);
  CHECK(refused->result_int() == 413);
  CHECK(refused->body().find("<Code>RequestEntityTooLarge</Code>") != std::string::npos);
  CHECK(client.closed_by_server());

  Client next(server.port());
  REQUIRE(next.send(post("/", std::string(1024, 'x'))));  // exactly the limit is accepted
  const auto accepted = next.read();
  REQUIRE(accepted);
  CHECK(accepted->body() == "POST / 1024");
  REQUIRE(server.stop_and_wait());  // `calls` is the server thread's until run() has returned
  CHECK(calls == 1);
}

TEST_CASE("Headers over the header limit get 431 and a closed connection", "[http]") {
  ServerOptions options;
  options.header_limit_bytes = 256;
  RunningServer server(echo, options);
  Client client(server.port());
  REQUIRE(client.send(get("/", "X-Padding: " + std::string(300, 'p') + "\r\n")));
  const auto refused = client.read();
  REQUIRE(refused);
  CHECK(refused->result_int() == 431);
  CHECK(refused->body().find("<Errors><Error><Code>") != std::string::npos);
  CHECK(client.closed_by_server());
}

TEST_CASE("A malformed request line gets 400 and a closed connection, the server serves on",
          "[http]") {
  RunningServer server(echo);
  Client client(server.port());
  REQUIRE(client.send("THIS IS NOT HTTP\r\n\r\n"));
  const auto refused = client.read();
  REQUIRE(refused);
  CHECK(refused->result_int() == 400);
  CHECK(refused->body().find("<Errors><Error><Code>") != std::string::npos);
  CHECK(client.closed_by_server());

  Client next(server.port());
  REQUIRE(next.send(get("/after")));
  const auto answered = next.read();
  REQUIRE(answered);
  CHECK(answered->body() == "GET /after 0");
}

TEST_CASE("A handler that throws yields 500 InternalError and the server serves on", "[http]") {
  RunningServer server([](const HttpRequest& r) -> HttpResponse {
    if (r.target == "/boom") throw std::runtime_error("handler bug");
    return echo(r);
  });
  Client client(server.port());
  REQUIRE(client.send(get("/boom")));
  const auto failed = client.read();
  REQUIRE(failed);
  CHECK(failed->result_int() == 500);
  CHECK(failed->body().find("<Code>InternalError</Code>") != std::string::npos);
  CHECK(failed->body().find("handler bug") == std::string::npos);  // internals stay inside
  REQUIRE(client.send(get("/fine")));                              // same connection still usable
  const auto fine = client.read();
  REQUIRE(fine);
  CHECK(fine->body() == "GET /fine 0");
}

TEST_CASE("stop() makes run() return promptly, even with a client connected", "[http]") {
  RunningServer server(echo);
  Client idle(server.port());
  REQUIRE(idle.connected());
  REQUIRE(idle.send(get("/x")));
  REQUIRE(idle.read());  // the session is live and waiting for the next request
  CHECK(server.stop_and_wait(std::chrono::seconds(2)));
}

TEST_CASE("Several concurrent connections are all answered", "[http]") {
  RunningServer server(echo);
  std::vector<std::unique_ptr<Client>> clients;
  for (int i = 0; i < 8; ++i) {
    clients.push_back(std::make_unique<Client>(server.port()));
    REQUIRE(clients.back()->send(get("/c" + std::to_string(i))));
  }
  for (int i = 7; i >= 0; --i) {  // read in reverse: no connection waits on another
    const auto response = clients[static_cast<std::size_t>(i)]->read();
    REQUIRE(response);
    CHECK(response->body() == "GET /c" + std::to_string(i) + " 0");
  }
}

TEST_CASE("start() reports an error when the port is taken", "[http]") {
  RunningServer first(echo);
  ServerOptions options;
  options.port = first.port();
  amisim::http::Server second(options, echo);
  const auto result = second.start();
  CHECK_FALSE(result.ok());
  CHECK(result.error.find("bind") != std::string::npos);
}

TEST_CASE("run_until_signal() returns on SIGTERM", "[http]") {
  amisim::http::Server server({}, echo);
  const auto started = server.start();
  REQUIRE(started.ok());
  std::promise<void> promise;
  auto finished = promise.get_future();
  std::thread runner([&server, &promise] {
    server.run_until_signal();
    promise.set_value();
  });
  // An answered request proves run_until_signal() is serving, so its handler is installed.
  Client client(started.port);
  REQUIRE(client.send(get("/ready")));
  const bool ready = client.read().has_value();
  if (ready) {
    std::raise(SIGTERM);
  } else {
    server.stop();
  }
  const bool returned = finished.wait_for(std::chrono::seconds(5)) == std::future_status::ready;
  if (!returned) server.stop();
  runner.join();
  CHECK(ready);
  CHECK(returned);
}
