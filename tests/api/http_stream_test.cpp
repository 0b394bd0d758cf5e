// Event streams (HttpResponse::stream; api/http/stream_hub.hpp, session.cpp) over real loopback
// sockets: chunked framing, the tick, a client that never reads (bounded buffer, dropped with a
// log line, the server unaffected), a client that leaves, the cap on open streams, and 100
// streams at once (issue 20, "Bad input").
#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <memory>
#include <mutex>
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
using amisim::http::testing::get;
using amisim::http::testing::post;
using amisim::http::testing::RunningServer;
using std::chrono::milliseconds;

// The server's log lines, read from the test's thread while the server's thread writes.
class StreamLog {
 public:
  std::function<void(const std::string&)> sink() {
    return [this](const std::string& line) {
      std::lock_guard lock(mutex_);
      lines_.push_back(line);
    };
  }
  // Waits up to 10 s for a line holding `text`.
  bool wait_for(const std::string& text) {
    for (int i = 0; i < 1000; ++i) {
      {
        std::lock_guard lock(mutex_);
        for (const auto& l : lines_)
          if (l.find(text) != std::string::npos) return true;
      }
      std::this_thread::sleep_for(milliseconds(10));
    }
    return false;
  }

 private:
  std::mutex mutex_;
  std::vector<std::string> lines_;
};

// A world of one number: POST /change adds one; GET /events streams "v=N\n" each time N changes
// (from the server's thread, as the handler runs); any other request gets "v=N".
struct Counter {
  std::atomic<int> value{0};
  std::atomic<int> asked{0};  // how many times a stream was asked for more

  amisim::http::Handler handler() {
    return [this](const HttpRequest& request) {
      HttpResponse r;
      if (request.method == "POST") ++value;
      r.body = "v=" + std::to_string(value.load()) + "\n";
      if (request.target == "/events") {
        r.headers.add("Content-Type", "text/event-stream");
        r.stream = [this, last = value.load()]() mutable {
          ++asked;
          if (value == last) return std::string();
          last = value;
          return "v=" + std::to_string(last) + "\n";
        };
      }
      return r;
    };
  }
};

ServerOptions fast_ticks() {
  ServerOptions o;
  o.stream_tick = milliseconds(5);
  return o;
}

}  // namespace

TEST_CASE("An event stream sends its head and body at once, then what each tick brings, chunked",
          "[http][stream]") {
  Counter counter;
  RunningServer server(counter.handler(), fast_ticks());
  Client page(server.port());
  REQUIRE(page.send(get("/events")));
  REQUIRE(page.read_until("v=0\n\r\n"));
  const std::string& got = page.received();
  CHECK(got.rfind("HTTP/1.1 200 OK\r\n", 0) == 0);
  CHECK(got.find("Content-Type: text/event-stream\r\n") != std::string::npos);
  CHECK(got.find("Transfer-Encoding: chunked\r\n") != std::string::npos);
  CHECK(got.find("Content-Length") == std::string::npos);
  CHECK(got.find("\r\n\r\n4\r\nv=0\n\r\n") != std::string::npos);  // the body as one chunk

  Client caller(server.port());
  for (int i = 1; i <= 3; ++i) {
    REQUIRE(caller.send(post("/change", "")));
    REQUIRE(caller.read());
    CHECK(page.read_until("4\r\nv=" + std::to_string(i) + "\n\r\n"));
  }
  // A HEAD of the same target is an ordinary answer: no stream is opened.
  Client head(server.port());
  REQUIRE(head.send("HEAD /events HTTP/1.1\r\nHost: localhost\r\n\r\n"));
  REQUIRE(head.read_until("\r\n\r\n"));
  CHECK(head.received().find("Content-Length: 4\r\n") != std::string::npos);
}

TEST_CASE(
    "A stream client that never reads is closed at the buffer bound with a log line; the server "
    "and the other streams carry on",
    "[http][stream]") {
  StreamLog log;
  ServerOptions options = fast_ticks();
  options.stream_buffer_bytes = 256 * 1024;
  options.log = log.sink();
  // Each tick has 64 KiB of news for every stream: the kernel's buffers fill within a second.
  std::atomic<int> ticks{0};
  RunningServer server(
      [&](const HttpRequest& request) {
        HttpResponse r;
        r.body = "ok";
        if (request.target == "/events") {
          r.stream = [&ticks] {
            ++ticks;
            return std::string(64 * 1024, 'x') + "\n";
          };
        }
        return r;
      },
      options);
  Client stuck(server.port());
  REQUIRE(stuck.send(get("/events")));  // and never reads again
  REQUIRE(log.wait_for(stuck.local() + " closed: its event stream client is not reading"));

  // Unaffected: a plain request, and a stream whose client reads.
  Client plain(server.port());
  REQUIRE(plain.send(get("/plain")));
  auto answer = plain.read();
  REQUIRE(answer);
  CHECK(answer->body() == "ok");
  Client reader(server.port());
  REQUIRE(reader.send(get("/events")));
  const int before = ticks.load();
  CHECK(reader.read_until(std::string(1000, 'x')));
  CHECK(ticks.load() > before);
  // The stuck client's connection was closed: after the bytes already sent, the end.
  CHECK(stuck.drain() > 0);
  CHECK(stuck.closed_now());
}

TEST_CASE(
    "A stream past max_streams gets 503 ServiceUnavailable; a stream whose client left frees "
    "its place at once",
    "[http][stream]") {
  Counter counter;
  StreamLog log;
  ServerOptions options = fast_ticks();
  options.max_streams = 2;
  options.log = log.sink();
  RunningServer server(counter.handler(), options);
  auto first = std::make_unique<Client>(server.port());
  Client second(server.port());
  for (Client* c : {first.get(), &second}) {
    REQUIRE(c->send(get("/events")));
    REQUIRE(c->read_until("v=0\n"));
  }
  Client third(server.port());
  REQUIRE(third.send(get("/events")));
  auto refused = third.read();
  REQUIRE(refused);
  CHECK(refused->result_int() == 503);
  CHECK(refused->body().find("<Code>ServiceUnavailable</Code>") != std::string::npos);
  CHECK(third.closed_by_server());
  CHECK(log.wait_for("refused an event stream: all 2 streams are open"));

  // The first page goes away, and its place is free at once, with no news written to find out.
  first.reset();
  bool admitted = false;
  for (int attempt = 0; attempt < 50 && !admitted; ++attempt) {
    Client again(server.port());
    REQUIRE(again.send(get("/events")));
    admitted = again.read_until("200 OK");
    if (!admitted) std::this_thread::sleep_for(milliseconds(20));
  }
  CHECK(admitted);
}

TEST_CASE("100 streams at once each get every change, and plain requests are answered meanwhile",
          "[http][stream]") {
  Counter counter;
  RunningServer server(counter.handler(), fast_ticks());
  std::vector<std::unique_ptr<Client>> pages;
  for (int i = 0; i < 100; ++i) {
    pages.push_back(std::make_unique<Client>(server.port()));
    REQUIRE(pages.back()->send(get("/events")));
  }
  for (auto& p : pages) REQUIRE(p->read_until("v=0\n"));
  Client caller(server.port());
  for (int i = 1; i <= 3; ++i) {
    REQUIRE(caller.send(post("/change", "")));
    auto answer = caller.read();
    REQUIRE(answer);
    CHECK(answer->body() == "v=" + std::to_string(i) + "\n");
    int told = 0;
    for (auto& p : pages) told += p->read_until("v=" + std::to_string(i) + "\n") ? 1 : 0;
    CHECK(told == 100);
  }
}
