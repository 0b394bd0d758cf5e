// The Account API door (api/account) in process and over the gateway: EnableRegion,
// DisableRegion, GetRegionOptStatus, ListRegions; restJson1 errors; journaling and replay.
#include "api/account/account.hpp"

#include <catch2/catch.hpp>

#include "api/gateway/gateway.hpp"
#include "tests/harness.hpp"

namespace gw = amisim::gateway;
using amisim::http::HttpRequest;
using amisim::http::HttpResponse;
using Json = nlohmann::json;

namespace {

HttpRequest account_request(const std::string& path, const std::string& body,
                            const std::string& key = "AKIDEXAMPLE", bool signed_ = true) {
  HttpRequest r;
  r.method = "POST";
  r.target = path;
  r.headers.add("Host", "127.0.0.1:4566");
  r.headers.add("Content-Type", "application/json");
  if (signed_) {
    r.headers.add("Authorization", "AWS4-HMAC-SHA256 Credential=" + key +
                                       "/20260101/us-east-1/account/aws4_request, "
                                       "SignedHeaders=host, Signature=ab");
  }
  r.body = body;
  return r;
}

gw::GatewayOptions options(gw::ClockMode mode) {
  gw::GatewayOptions o;
  o.clock = {mode, 1};
  return o;
}

std::string status_of(gw::Gateway& g, const std::string& region) {
  HttpResponse r =
      g.handle(account_request("/getRegionOptStatus", Json{{"RegionName", region}}.dump()));
  REQUIRE(r.status == 200);
  return Json::parse(r.body).at("RegionOptStatus").get<std::string>();
}

}  // namespace

TEST_CASE("Account API over HTTP: EnableRegion answers an empty 200, then ENABLING, ENABLED") {
  gw::Gateway g(test::fixtures(), options(gw::ClockMode::kManual));
  CHECK(status_of(g, "af-south-1") == "DISABLED");
  CHECK(status_of(g, "us-east-1") == "ENABLED_BY_DEFAULT");
  HttpResponse r = g.handle(account_request("/enableRegion", R"({"RegionName":"af-south-1"})"));
  CHECK(r.status == 200);
  CHECK(r.body.empty());
  CHECK(r.headers.find("x-amzn-RequestId").has_value());
  CHECK(status_of(g, "af-south-1") == "ENABLING");
  REQUIRE(g.advance(5 * sim::kMinuteMs).ok());
  CHECK(status_of(g, "af-south-1") == "ENABLED");
}

TEST_CASE("Account API: the instant clock mode finishes ENABLING before the next call") {
  gw::Gateway g(test::fixtures(), options(gw::ClockMode::kInstant));
  REQUIRE(g.handle(account_request("/enableRegion", R"({"RegionName":"me-south-1"})")).status ==
          200);
  CHECK(status_of(g, "me-south-1") == "ENABLED");
}

TEST_CASE("Account API errors are restJson1: status, x-amzn-ErrorType and a message") {
  gw::Gateway g(test::fixtures(), options(gw::ClockMode::kInstant));
  HttpResponse def = g.handle(account_request("/disableRegion", R"({"RegionName":"us-east-1"})"));
  CHECK(def.status == 400);
  CHECK(def.headers.find("x-amzn-ErrorType").value_or("") == "ValidationException");
  CHECK(Json::parse(def.body).at("message") ==
        "Unable to switch region status because of its current opt-in status.");
  HttpResponse unknown =
      g.handle(account_request("/getRegionOptStatus", R"({"RegionName":"mars-north-1"})"));
  CHECK(unknown.status == 400);
  CHECK(unknown.headers.find("x-amzn-ErrorType").value_or("") == "ValidationException");
  HttpResponse missing = g.handle(account_request("/enableRegion", "{}"));
  CHECK(missing.headers.find("x-amzn-ErrorType").value_or("") == "ValidationException");
  HttpResponse not_json = g.handle(account_request("/enableRegion", "{not json"));
  CHECK(not_json.status == 400);
  CHECK(not_json.headers.find("x-amzn-ErrorType").value_or("") == "SerializationException");
  HttpResponse array = g.handle(account_request("/listRegions", "[1,2]"));
  CHECK(array.status == 400);
  HttpResponse typed = g.handle(account_request("/enableRegion", R"({"RegionName":7})"));
  CHECK(typed.headers.find("x-amzn-ErrorType").value_or("") == "ValidationException");
  HttpResponse other_op = g.handle(account_request("/getContactInformation", "{}"));
  CHECK(other_op.status == 400);
  CHECK(other_op.headers.find("x-amzn-ErrorType").value_or("") == "UnknownOperationException");
  HttpResponse nowhere = g.handle(account_request("/launchRockets", "{}"));
  CHECK(nowhere.status == 403);
  CHECK(nowhere.headers.find("x-amzn-ErrorType").value_or("") ==
        "MissingAuthenticationTokenException");
  // Nothing of that changed the world.
  CHECK(status_of(g, "af-south-1") == "DISABLED");
}

TEST_CASE("Account API: AccountId other than the caller's is AccessDeniedException") {
  gw::Gateway g(test::fixtures(), options(gw::ClockMode::kInstant));
  HttpResponse own = g.handle(account_request(
      "/enableRegion", R"({"RegionName":"af-south-1","AccountId":"123456789012"})"));
  CHECK(own.status == 200);
  HttpResponse other = g.handle(
      account_request("/enableRegion", R"({"RegionName":"ap-east-1","AccountId":"210987654321"})"));
  CHECK(other.status == 403);
  CHECK(other.headers.find("x-amzn-ErrorType").value_or("") == "AccessDeniedException");
  HttpResponse bad =
      g.handle(account_request("/enableRegion", R"({"RegionName":"ap-east-1","AccountId":"12"})"));
  CHECK(bad.headers.find("x-amzn-ErrorType").value_or("") == "ValidationException");
}

TEST_CASE("ListRegions lists every Region with its status, filters by status and pages") {
  gw::Gateway g(test::fixtures(), options(gw::ClockMode::kInstant));
  REQUIRE(g.handle(account_request("/enableRegion", R"({"RegionName":"il-central-1"})")).status ==
          200);
  Json all = Json::parse(g.handle(account_request("/listRegions", "{}")).body);
  CHECK(all.at("Regions").size() == 34);
  CHECK_FALSE(all.contains("NextToken"));
  Json enabled = Json::parse(
      g.handle(account_request("/listRegions", R"({"RegionOptStatusContains":["ENABLED"]})")).body);
  REQUIRE(enabled.at("Regions").size() == 1);
  CHECK(enabled["Regions"][0] ==
        Json({{"RegionName", "il-central-1"}, {"RegionOptStatus", "ENABLED"}}));
  std::set<std::string> seen;
  std::string token;
  do {
    Json in = {{"MaxResults", 10}};
    if (!token.empty()) in["NextToken"] = token;
    Json page = Json::parse(g.handle(account_request("/listRegions", in.dump())).body);
    CHECK(page.at("Regions").size() <= 10);
    for (const auto& r : page["Regions"]) seen.insert(r["RegionName"].get<std::string>());
    token = page.value("NextToken", "");
  } while (!token.empty());
  CHECK(seen.size() == 34);
  CHECK(g.handle(account_request("/listRegions", R"({"MaxResults":51})")).status == 400);
  CHECK(g.handle(account_request("/listRegions", R"({"NextToken":"bogus"})")).status == 400);
  CHECK(g.handle(account_request("/listRegions", R"({"RegionOptStatusContains":["ON"]})")).status ==
        400);
}

TEST_CASE("Account API calls are journaled: the state document replays EnableRegion") {
  gw::Gateway g(test::fixtures(), options(gw::ClockMode::kManual));
  REQUIRE(
      g.handle(account_request("/enableRegion", R"({"RegionName":"af-south-1"})", "210987654321"))
          .status == 200);
  REQUIRE(g.advance(10 * sim::kMinuteMs).ok());
  // A refused call is not journaled.
  g.handle(account_request("/enableRegion", R"({"RegionName":"us-east-1"})"));
  Json doc = g.state_document();
  int account_calls = 0;
  for (const auto& e : doc["journal"]) account_calls += e.contains("account_api") ? 1 : 0;
  CHECK(account_calls == 1);
  gw::Gateway other(test::fixtures(), options(gw::ClockMode::kManual));
  auto loaded = other.load_state(doc);
  INFO((loaded.ok() ? "" : loaded.error().message));
  REQUIRE(loaded.ok());
  CHECK(other.world().digest() == g.world().digest());
}

TEST_CASE("account::call in process: unknown operation and malformed caller") {
  test::Harness h;
  CHECK(account::call(h.world, h.caller, "PutAccountName", Json::object()).error().code ==
        "UnknownOperationException");
  sim::Caller bad{sim::AccountId{"x"}, sim::kDefaultRegion};
  CHECK(account::call(h.world, bad, "ListRegions", Json::object()).error().code == "AuthFailure");
  CHECK(account::call(h.world, h.caller, "ListRegions", Json::array()).ok());
}
