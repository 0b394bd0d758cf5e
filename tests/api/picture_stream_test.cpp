// GET /_amisim/events as Server-Sent Events (issue 20, "Live"): through the gateway in-process,
// asking the stream for more as the server's tick would (api/picture/timeline.hpp NewsStream;
// the sockets side is tests/api/http_stream_test.cpp).
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "api/gateway/gateway.hpp"
#include "api/picture/timeline.hpp"
#include "harness.hpp"

namespace gw = amisim::gateway;
using amisim::http::HttpRequest;
using Json = nlohmann::json;

namespace {

HttpRequest event_stream_request(const std::string& target, const std::string& last_id = "") {
  HttpRequest r;
  r.method = "GET";
  r.target = target;
  r.headers.add("Accept", "text/event-stream");
  if (!last_id.empty()) r.headers.add("Last-Event-ID", last_id);
  return r;
}

// One event of the stream format: its id and its data as JSON. The whole text must be exactly
// "[retry: N\n]id: N\ndata: JSON\n\n".
struct SseEvent {
  std::string id;
  Json data;
};

SseEvent parse_event(std::string text) {
  if (text.rfind("retry: ", 0) == 0) text.erase(0, text.find('\n') + 1);
  REQUIRE(text.rfind("id: ", 0) == 0);
  const auto id_end = text.find('\n');
  REQUIRE(text.compare(id_end + 1, 6, "data: ") == 0);
  REQUIRE(text.size() >= 2);
  REQUIRE(text.substr(text.size() - 2) == "\n\n");
  const std::string data = text.substr(id_end + 7, text.size() - 2 - (id_end + 7));
  REQUIRE(data.find('\n') == std::string::npos);
  return {text.substr(4, id_end - 4), Json::parse(data)};
}

std::vector<std::string> actions_of(const Json& news) {
  std::vector<std::string> out;
  for (const auto& c : news["calls"]) out.push_back(c["action"].get<std::string>());
  return out;
}

void call_ok(gw::Gateway& g, const std::string& action, const Json& input) {
  auto r = g.call(sim::Caller{}, action, input);
  INFO(action << ": " << (r.ok() ? "" : r.error().message));
  REQUIRE(r.ok());
}

}  // namespace

TEST_CASE(
    "The event stream opens with the news now, then sends an event per change, a comment when "
    "quiet, and starts again after a reset",
    "[picture]") {
  gw::Gateway g(test::fixtures(), {});
  call_ok(g, "DescribeRegions", Json::object());
  auto reply = g.handle(event_stream_request("/_amisim/events?after=1"));
  REQUIRE(reply.status == 200);
  REQUIRE(reply.stream);
  CHECK(reply.headers.find("Content-Type") == "text/event-stream");
  CHECK(reply.body.rfind("retry: 1000\n", 0) == 0);
  SseEvent first = parse_event(reply.body);
  CHECK(first.id == "1");
  CHECK(first.data["calls"].empty());
  HttpRequest timeline;
  timeline.method = "GET";
  timeline.target = "/_amisim/timeline";
  CHECK(first.data["version"] == Json::parse(g.handle(timeline).body)["version"]);

  CHECK(reply.stream() == "");  // nothing changed
  call_ok(g, "CreateVolume", {{"AvailabilityZone", "us-east-1a"}, {"Size", 8}});
  call_ok(g, "DescribeVolumes", Json::object());
  SseEvent next = parse_event(reply.stream());
  CHECK(next.id == "3");
  CHECK(actions_of(next.data) == std::vector<std::string>{"CreateVolume", "DescribeVolumes"});
  CHECK(next.data["calls"][0]["changed"].size() == 1);

  // Quiet: nothing for kQuietAsks - 1 asks, then a comment line (which EventSource ignores).
  for (int i = 1; i < amisim::picture::NewsStream::kQuietAsks; ++i) REQUIRE(reply.stream() == "");
  CHECK(reply.stream() == ": nothing new\n\n");
  CHECK(reply.stream() == "");

  // A reset numbers calls from 1 again: the stream follows, from the fresh picture's start.
  g.reset(std::nullopt);
  SseEvent fresh = parse_event(reply.stream());
  CHECK(fresh.data["calls"].empty());
  CHECK(fresh.id == "0");
  call_ok(g, "DescribeImages", {{"Owners", {"self"}}});
  SseEvent after_reset = parse_event(reply.stream());
  CHECK(after_reset.id == "1");
  CHECK(actions_of(after_reset.data) == std::vector<std::string>{"DescribeImages"});
}

TEST_CASE("The event stream sends every call once, in order, however many came between two asks",
          "[picture]") {
  gw::Gateway g(test::fixtures(), {});
  auto reply = g.handle(event_stream_request("/_amisim/events"));
  REQUIRE(reply.stream);
  std::uint64_t expected = 1;
  auto take = [&](const std::string& frame) {
    SseEvent e = parse_event(frame);
    for (const auto& c : e.data["calls"]) CHECK(c["seq"].get<std::uint64_t>() == expected++);
    CHECK(e.id == std::to_string(expected - 1));
  };
  take(reply.body);
  // More than one event's worth (kNewsLimit) between two asks: the rest come at the next ask.
  const std::size_t calls = amisim::picture::kNewsLimit + 234;
  for (std::size_t i = 0; i < calls; ++i) call_ok(g, "DescribeRegions", Json::object());
  take(reply.stream());
  CHECK(expected == amisim::picture::kNewsLimit + 1);
  take(reply.stream());
  CHECK(expected == calls + 1);
  CHECK(reply.stream() == "");
  call_ok(g, "DescribeRegions", Json::object());
  take(reply.stream());
  CHECK(expected == calls + 2);
}

TEST_CASE(
    "A reconnecting EventSource's Last-Event-ID takes the place of ?after; a bad one is refused; "
    "without Accept: text/event-stream the answer is one JSON document",
    "[picture]") {
  gw::Gateway g(test::fixtures(), {});
  for (int i = 0; i < 3; ++i) call_ok(g, "DescribeRegions", Json::object());
  auto resumed = g.handle(event_stream_request("/_amisim/events?after=0", "2"));
  REQUIRE(resumed.stream);
  SseEvent e = parse_event(resumed.body);
  REQUIRE(e.data["calls"].size() == 1);
  CHECK(e.data["calls"][0]["seq"] == 3);

  for (const std::string bad : {"x", "-1", "", "1.5"}) {
    INFO("Last-Event-ID: " << bad);
    HttpRequest r = event_stream_request("/_amisim/events");
    r.headers.add("Last-Event-ID", bad);
    auto refused = g.handle(r);
    CHECK(refused.status == 400);
    CHECK_FALSE(refused.stream);
    CHECK(Json::parse(refused.body)["error"]["code"] == "InvalidParameterValue");
  }
  HttpRequest plain;
  plain.method = "GET";
  plain.target = "/_amisim/events?after=1";
  auto json = g.handle(plain);
  CHECK_FALSE(json.stream);
  CHECK(Json::parse(json.body)["calls"].size() == 2);
  // Bad queries are refused before any stream opens.
  auto bad_query = g.handle(event_stream_request("/_amisim/events?since=1"));
  CHECK(bad_query.status == 400);
  CHECK_FALSE(bad_query.stream);
}
