#include "api/control/control.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "api/control/billing.hpp"
#include "api/io/state_file.hpp"
#include "api/picture/page.hpp"
#include "api/picture/timeline.hpp"
#include "api/protocol/form_encoding.hpp"

namespace amisim::gateway {
namespace {

using Json = nlohmann::json;

constexpr std::string_view kVersion = "0.3.0";

http::HttpResponse json_reply(int status, const Json& body) {
  http::HttpResponse r;
  r.status = status;
  r.headers.add("Content-Type", "application/json");
  r.body = body.dump() + "\n";
  return r;
}

http::HttpResponse json_error(int status, std::string_view code, std::string_view message) {
  return json_reply(status, {{"error", {{"code", code}, {"message", message}}}});
}

http::HttpResponse wrong_method(std::string_view allow) {
  auto r = json_error(405, "MethodNotAllowed", fmt::format("Use {}.", allow));
  r.headers.add("Allow", std::string(allow));
  return r;
}

// The request's JSON body; an empty body is {}. nullopt (with *error) when it is not a JSON
// object.
std::optional<Json> body_object(const http::HttpRequest& request, http::HttpResponse* error) {
  if (request.body.find_first_not_of(" \t\r\n") == std::string::npos) return Json::object();
  Json body = Json::parse(request.body, nullptr, /*allow_exceptions=*/false);
  if (body.is_discarded() || !body.is_object()) {
    *error = json_error(400, "InvalidJson", "The request body must be a JSON object.");
    return std::nullopt;
  }
  return body;
}

Json clock_json(ControlTarget& g) {
  return {{"now", sim::format_iso8601(g.now())}, {"mode", g.clock_setting().str()}};
}

http::HttpResponse reset(ControlTarget& g, const http::HttpRequest& request) {
  http::HttpResponse error;
  auto body = body_object(request, &error);
  if (!body) return error;
  std::optional<std::uint64_t> seed;
  if (auto it = body->find("seed"); it != body->end()) {
    if (!it->is_number_unsigned()) {
      return json_error(400, "InvalidParameterValue", "\"seed\" must be a non-negative integer.");
    }
    seed = it->get<std::uint64_t>();
  }
  g.reset(seed);
  return json_reply(200,
                    {{"reset", true}, {"seed", g.seed()}, {"now", sim::format_iso8601(g.now())}});
}

// POST /moto-api/seed?a=N: moto reseeds its random IDs and keeps its resources. amisim's IDs come
// from the world's seed, so it resets the world with seed N: after it, the same calls give the
// same IDs, which is what a moto fixture seeding right after a reset relies on.
http::HttpResponse moto_seed(ControlTarget& g, const http::HttpRequest& request) {
  const auto q = request.target.find('?');
  std::optional<std::uint64_t> seed;
  if (q != std::string::npos) {
    auto fields = protocol::decode_form(std::string_view(request.target).substr(q + 1), 16);
    for (const auto& f : fields.ok() ? fields.value() : std::vector<protocol::FormField>{}) {
      if (f.name != "a") continue;
      std::uint64_t n = 0;
      const char* end = f.value.data() + f.value.size();
      auto parsed = std::from_chars(f.value.data(), end, n);
      if (!f.value.empty() && parsed.ec == std::errc() && parsed.ptr == end) seed = n;
      break;
    }
  }
  if (!seed)
    return json_error(400, "InvalidParameterValue",
                      "POST /moto-api/seed needs ?a=N, N a non-negative integer.");
  g.reset(seed);
  return json_reply(200,
                    {{"reset", true}, {"seed", g.seed()}, {"now", sim::format_iso8601(g.now())}});
}

// moto's other routes: what amisim offers instead.
http::HttpResponse moto_elsewhere(const std::string& method, const std::string& path) {
  if (path == "/moto-api/data.json")
    return json_error(404, "NotFound",
                      "amisim has no moto data.json: GET /_amisim/state is the world's state "
                      "document (seed, clock, journal), and the EC2 Describe calls list its "
                      "resources.");
  return json_error(404, "NotFound",
                    fmt::format("No control endpoint {} {}: amisim answers POST /moto-api/reset "
                                "and POST /moto-api/seed?a=N of moto's routes, and /_amisim/ "
                                "(README \"Control endpoints\").",
                                method, path));
}

http::HttpResponse health(ControlTarget& g) {
  return json_reply(200, {{"status", "running"},
                          {"services", {{"ec2", "running"}}},
                          {"version", kVersion},
                          {"seed", g.seed()},
                          {"clock", clock_json(g)}});
}

http::HttpResponse set_clock(ControlTarget& g, const http::HttpRequest& request) {
  http::HttpResponse error;
  auto body = body_object(request, &error);
  if (!body) return error;
  auto mode = body->find("mode");
  if (mode == body->end() || !mode->is_string()) {
    return json_error(400, "MissingParameter", "Give {\"mode\": \"instant|manual|scaled:N\"}.");
  }
  auto setting = parse_clock_setting(mode->get<std::string>());
  if (!setting) {
    return json_error(400, "InvalidParameterValue",
                      fmt::format("Unknown clock mode '{}': use instant, manual or scaled:N.",
                                  mode->get<std::string>()));
  }
  if (!g.set_clock(*setting)) {
    return json_error(400, "InvalidParameterValue", "This server has no wall clock to scale.");
  }
  return json_reply(200, clock_json(g));
}

http::HttpResponse advance(ControlTarget& g, const http::HttpRequest& request) {
  http::HttpResponse error;
  auto body = body_object(request, &error);
  if (!body) return error;
  auto seconds = body->find("seconds");
  if (seconds == body->end() || !seconds->is_number()) {
    return json_error(400, "MissingParameter", "Give {\"seconds\": N}.");
  }
  double s = seconds->get<double>();
  // Up to 100 years at once: enough for any bill, and far from overflowing milliseconds.
  if (!std::isfinite(s) || s < 0 || s > 100.0 * 366 * 24 * 3600) {
    return json_error(400, "InvalidParameterValue",
                      "\"seconds\" must be between 0 and 100 years; the clock only moves forward.");
  }
  auto moved = g.advance(static_cast<sim::DurationMs>(std::llround(s * 1000)));
  if (!moved.ok()) return json_error(400, moved.error().code, moved.error().message);
  return json_reply(200, clock_json(g));
}

http::HttpResponse load_state(ControlTarget& g, const http::HttpRequest& request) {
  std::string problem;
  auto doc = io::parse_document(request.body, &problem);
  if (!doc)
    return json_error(400, "InvalidStateDocument", "The state document is " + problem + ".");
  auto loaded = g.load_state(*doc);
  if (!loaded.ok()) return json_error(400, loaded.error().code, loaded.error().message);
  return json_reply(200, {{"loaded", true}, {"seed", g.seed()}, {"clock", clock_json(g)}});
}

http::HttpResponse save_state(ControlTarget& g) {
  std::string problem = g.save_state_file();
  if (!problem.empty()) return json_error(400, "StateNotSaved", problem);
  return json_reply(200, {{"saved", g.state_file()}});
}

// POST (subscribe) or DELETE (unsubscribe) /_amisim/marketplace/subscriptions with
// {"account": "123456789012", "productCode": "..."} (sim/images/marketplace.hpp). Real
// subscriptions are made on the AWS Marketplace site; this stands in for that step.
http::HttpResponse subscription(ControlTarget& g, const http::HttpRequest& request,
                                bool subscribe) {
  http::HttpResponse error;
  auto body = body_object(request, &error);
  if (!body) return error;
  auto account = body->find("account");
  auto code = body->find("productCode");
  if (account == body->end() || !account->is_string() || code == body->end() ||
      !code->is_string()) {
    return json_error(400, "MissingParameter",
                      "Give {\"account\": \"123456789012\", \"productCode\": \"...\"}.");
  }
  sim::AccountId id{account->get<std::string>()};
  auto done = g.change_subscription(id, code->get<std::string>(), subscribe);
  if (!done.ok()) return json_error(400, done.error().code, done.error().message);
  return json_reply(200, {{"account", id.str()},
                          {"productCode", code->get<std::string>()},
                          {"subscribed", subscribe}});
}

// The query string of a request's target ("" when none).
std::string_view query_of(const http::HttpRequest& request) {
  auto q = request.target.find('?');
  return q == std::string::npos ? std::string_view()
                                : std::string_view(request.target).substr(q + 1);
}

// A count or call number (a non-negative integer), or nullopt.
std::optional<std::uint64_t> call_number(std::string_view text) {
  std::uint64_t n = 0;
  const char* end = text.data() + text.size();
  auto parsed = std::from_chars(text.data(), end, n);
  if (text.empty() || parsed.ec != std::errc() || parsed.ptr != end) return std::nullopt;
  return n;
}

// GET /_amisim/timeline?from=<ISO-8601>&to=<ISO-8601>&calls=N: the picture over a window of
// model time (defaults: from the picture's start to now), with the latest N of its calls (default
// all; the page asks for fewer, so a long log does not make each redraw slow).
http::HttpResponse timeline(ControlTarget& g, const http::HttpRequest& request) {
  auto q = control::query_fields(query_of(request), {"from", "to", "calls"});
  if (!q.ok()) return json_error(400, q.error().code, q.error().message);
  std::optional<sim::TimeMs> from = g.picture().started();
  sim::TimeMs to = g.now();
  auto read = control::read_window(q.value(), from, to);
  if (!read.ok()) return json_error(400, read.error().code, read.error().message);
  std::optional<std::size_t> max_calls;
  if (auto it = q.value().find("calls"); it != q.value().end()) {
    auto n = call_number(it->second);
    if (!n)
      return json_error(400, "InvalidParameterValue",
                        "\"calls\" must be a number of calls (a non-negative integer).");
    max_calls = static_cast<std::size_t>(*n);
  }
  return json_reply(200, picture::timeline_json(g.picture(), g.world(), *from, to, max_calls));
}

// GET /_amisim/events?after=N: the calls logged after call N and the picture's version. Asked
// with Accept: text/event-stream (as an EventSource asks), the same news as a stream of
// Server-Sent Events (picture::NewsStream); a reconnecting EventSource's Last-Event-ID stands
// for `after`.
http::HttpResponse events(ControlTarget& g, const http::HttpRequest& request) {
  auto q = control::query_fields(query_of(request), {"after"});
  if (!q.ok()) return json_error(400, q.error().code, q.error().message);
  std::uint64_t after = 0;
  if (auto it = q.value().find("after"); it != q.value().end()) {
    auto n = call_number(it->second);
    if (!n)
      return json_error(400, "InvalidParameterValue",
                        "\"after\" must be a call number (a non-negative integer).");
    after = *n;
  }
  g.now();  // a scaled clock catches up, so the news include what time brought
  auto accept = request.headers.find("Accept");
  if (!accept || accept->find("text/event-stream") == std::string_view::npos)
    return json_reply(200, picture::news_json(g.picture(), after));
  if (auto last = request.headers.find("Last-Event-ID")) {
    auto n = call_number(*last);
    if (!n)
      return json_error(400, "InvalidParameterValue",
                        "Last-Event-ID must be a call number (a non-negative integer).");
    after = *n;
  }
  auto news = std::make_shared<picture::NewsStream>(after);
  http::HttpResponse r;
  r.headers.add("Content-Type", "text/event-stream");
  r.headers.add("Cache-Control", "no-store");
  r.body = news->open(g.picture());
  r.stream = [&g, news] {
    g.now();
    return news->next(g.picture());
  };
  return r;
}

http::HttpResponse ui_page() {
  http::HttpResponse r;
  r.status = 200;
  r.headers.add("Content-Type", "text/html; charset=utf-8");
  r.headers.add("Cache-Control", "no-store");
  r.body = std::string(picture::page_html());
  return r;
}

}  // namespace

protocol::WireError invalid_account_id() {
  return {"InvalidParameterValue", "\"account\" must be a 12-digit account ID.", 400};
}

http::HttpResponse handle_control_request(ControlTarget& g, const http::HttpRequest& request) {
  std::string path = request.target.substr(0, request.target.find('?'));
  if (path.size() > 1 && path.back() == '/') path.pop_back();
  const std::string& m = request.method;
  bool get = m == "GET" || m == "HEAD";
  bool post = m == "POST";
  if (path == "/_amisim/health") return get ? health(g) : wrong_method("GET");
  if (path == "/_amisim/reset" || path == "/moto-api/reset") {
    return post ? reset(g, request) : wrong_method("POST");
  }
  if (path == "/_amisim/clock") {
    if (get) return json_reply(200, clock_json(g));
    return post ? set_clock(g, request) : wrong_method("GET, POST");
  }
  if (path == "/_amisim/clock/advance") return post ? advance(g, request) : wrong_method("POST");
  if (path == "/_amisim/state") {
    if (get) return json_reply(200, g.state_document());
    return post ? load_state(g, request) : wrong_method("GET, POST");
  }
  if (path == "/_amisim/state/save") return post ? save_state(g) : wrong_method("POST");
  if (path == "/_amisim/marketplace/subscriptions") {
    if (post) return subscription(g, request, true);
    if (m == "DELETE") return subscription(g, request, false);
    return wrong_method("POST, DELETE");
  }
  if (path == "/_amisim/billing" || path == "/_amisim/billing/projection") {
    if (!get) return wrong_method("GET");
    const std::string_view query = query_of(request);
    auto bill = path == "/_amisim/billing" ? control::billing(g.world(), query)
                                           : control::billing_projection(g.world(), query);
    if (!bill.ok())
      return json_error(bill.error().http_status, bill.error().code, bill.error().message);
    return json_reply(200, bill.value());
  }
  if (path == "/_amisim/timeline") return get ? timeline(g, request) : wrong_method("GET");
  if (path == "/_amisim/events") return get ? events(g, request) : wrong_method("GET");
  if (path == "/_amisim/ui") return get ? ui_page() : wrong_method("GET");
  if (path == "/moto-api/seed") return post ? moto_seed(g, request) : wrong_method("POST");
  if (path.rfind("/moto-api/", 0) == 0) return moto_elsewhere(m, path);
  if (path == "/_localstack/health") {
    if (!get) return wrong_method("GET");
    return json_reply(
        200, {{"services", {{"ec2", "running"}}}, {"edition", "amisim"}, {"version", kVersion}});
  }
  return json_error(404, "NotFound", fmt::format("No control endpoint {} {}.", m, path));
}

}  // namespace amisim::gateway
