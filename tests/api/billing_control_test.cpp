// GET /_amisim/billing and /_amisim/billing/projection through the gateway (api/control/billing):
// the JSON shape, grouping, the projection's run-rate computed by hand, and bad queries.
#include <catch2/catch.hpp>
#include <memory>
#include <nlohmann/json.hpp>

#include "api/gateway/gateway.hpp"
#include "harness.hpp"

namespace gw = amisim::gateway;
using amisim::http::HttpRequest;
using Json = nlohmann::json;

namespace {

std::shared_ptr<const sim::Fixtures> control_prices() {
  auto f = std::make_shared<sim::Fixtures>(*test::fixtures());
  sim::RegionPrices east;
  east.transfer_code = "USE1";
  east.snapshot_standard_gb_month = 50'000;
  east.volume_gb_month = {{"gp3", 80'000}};
  east.instances["t3.micro"] = sim::InstancePrice{10'400, 19'600};
  f->prices.regions = {{sim::RegionName("us-east-1"), east}};
  return f;
}

HttpRequest get(const std::string& target) {
  HttpRequest r;
  r.method = "GET";
  r.target = target;
  return r;
}

void run_t3_micro(gw::Gateway& g) {
  std::string image;
  for (const auto& i : test::fixtures()->images)
    if (i.family == "al2023-x86_64" && i.region.str() == "us-east-1") image = i.id.str();
  HttpRequest r;
  r.method = "POST";
  r.target = "/";
  r.headers.add("Content-Type", "application/x-www-form-urlencoded");
  r.body = "Action=RunInstances&Version=2016-11-15&ImageId=" + image +
           "&InstanceType=t3.micro&MinCount=1&MaxCount=1";
  auto reply = g.handle(r);
  REQUIRE(reply.status == 200);
}

}  // namespace

TEST_CASE("GET /_amisim/billing: line items in AWS's usage types, grouping, projection",
          "[control][billing]") {
  gw::Gateway g(control_prices(), {});
  Json empty = Json::parse(g.handle(get("/_amisim/billing")).body);
  CHECK(empty["currency"] == "USD");
  CHECK(empty["total_usd"] == "0.000000");
  CHECK(empty["line_items"].empty());
  CHECK(empty["from"].is_null());

  run_t3_micro(g);
  // A running t3.micro and its 8 GiB gp3 root for 30 days: 0.0104 x 720 h = $7.488 and
  // 8 x $0.08 = $0.64, and its public IPv4 address: 0.005 x 720 h = $3.60.
  auto p = g.handle(get("/_amisim/billing/projection?days=30"));
  REQUIRE(p.status == 200);
  Json projection = Json::parse(p.body);
  CHECK(projection["total_usd"] == "11.728000");
  CHECK(projection["days"] == 30);

  REQUIRE(g.advance(3600 * sim::kSecondMs).ok());
  Json bill = Json::parse(g.handle(get("/_amisim/billing")).body);
  REQUIRE(bill["line_items"].size() == 3);
  bool box = false;
  for (const auto& item : bill["line_items"]) {
    CHECK(item["account"] == "123456789012");
    CHECK(item["region"] == "us-east-1");
    if (item["usage_type"] == "BoxUsage:t3.micro") {
      box = true;
      CHECK(item["unit"] == "Hrs");
      CHECK(item["resource_id"].get<std::string>().rfind("i-", 0) == 0);
    } else if (item["usage_type"] == "PublicIPv4:InUseAddress") {
      CHECK(item["unit"] == "Hrs");
      CHECK(item["resource_id"].get<std::string>().rfind("eni-", 0) == 0);
    } else {
      CHECK(item["usage_type"] == "EBS:VolumeUsage.gp3");
      CHECK(item["unit"] == "GB-Mo");
    }
  }
  CHECK(box);
  Json by_region = Json::parse(g.handle(get("/_amisim/billing?group_by=region")).body);
  REQUIRE(by_region["line_items"].size() == 1);
  CHECK_FALSE(by_region["line_items"][0].contains("usage_type"));
  CHECK(by_region["line_items"][0]["cost_usd"] == bill["total_usd"]);
  CHECK(by_region["total_usd"] == bill["total_usd"]);
  // Another account has nothing; a window before anything ran is empty (the root volume's
  // 60-second minimum is charged at its creation, the world's first instant).
  CHECK(Json::parse(g.handle(get("/_amisim/billing?account=210987654321")).body)["total_usd"] ==
        "0.000000");
  CHECK(Json::parse(g.handle(get("/_amisim/billing?to=2025-12-31T23:59:59Z")).body)["total_usd"] ==
        "0.000000");
  // Times with an offset are read as the instant they name (the one ISO-8601 parser,
  // sim/core/time.hpp); '+' is %2B in a query.
  Json west = Json::parse(g.handle(get("/_amisim/billing?to=2025-12-31T18:59:59-05:00")).body);
  CHECK(west["to"] == "2025-12-31T23:59:59.000Z");
  CHECK(west["total_usd"] == "0.000000");
  Json east = Json::parse(
      g
          .handle(get(
              "/_amisim/billing?from=2026-01-01T01:00:00%2B01:00&to=2026-01-01T06:30:00.5%2B05:30"))
          .body);
  CHECK(east["from"] == "2026-01-01T00:00:00.000Z");
  CHECK(east["to"] == "2026-01-01T01:00:00.500Z");
}

TEST_CASE("GET /_amisim/billing refuses bad queries with a JSON error", "[control][billing]") {
  gw::Gateway g(control_prices(), {});
  for (const std::string q : {"?from=yesterday", "?group_by=color", "?account=42", "?extra=1",
                              "?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z", "?to=x&to=y"}) {
    INFO(q);
    auto r = g.handle(get("/_amisim/billing" + q));
    CHECK(r.status == 400);
    CHECK(Json::parse(r.body)["error"]["code"] == "InvalidParameterValue");
  }
  for (const std::string q : {"?days=0", "?days=abc", "?days=99999"}) {
    INFO(q);
    CHECK(g.handle(get("/_amisim/billing/projection" + q)).status == 400);
  }
  CHECK(g.handle(HttpRequest{"POST", "/_amisim/billing", {}, "", ""}).status == 405);
}

TEST_CASE("The control plane answers a malformed account alike for bills and subscriptions",
          "[control]") {
  gw::Gateway g(control_prices(), {});
  REQUIRE_FALSE(g.world().fixtures().marketplace.empty());
  const Json body = {{"account", "12345678901x"},
                     {"productCode", g.world().fixtures().marketplace.front().code}};
  const Json expected = {{"code", "InvalidParameterValue"},
                         {"message", "\"account\" must be a 12-digit account ID."}};
  for (const char* method : {"POST", "DELETE"}) {
    INFO(method);
    auto r =
        g.handle(HttpRequest{method, "/_amisim/marketplace/subscriptions", {}, body.dump(), ""});
    CHECK(r.status == 400);
    CHECK(Json::parse(r.body)["error"] == expected);
  }
  for (const char* target : {"/_amisim/billing?account=12345678901x",
                             "/_amisim/billing/projection?account=1234567890123"}) {
    INFO(target);
    auto r = g.handle(get(target));
    CHECK(r.status == 400);
    CHECK(Json::parse(r.body)["error"] == expected);
  }
}
