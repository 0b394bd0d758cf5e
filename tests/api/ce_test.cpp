// Cost Explorer GetCostAndUsage through Gateway::handle (api/ce/): periods, grouping, filters and
// errors, with figures computed by hand from a price table set here: gp3 at $0.08 per GB-month
// (80,000 micro-dollars per GiB per 30-day month) in us-east-1 and eu-central-1.
//
// A 30 GiB gp3 volume costs 30 x 80,000 = 2,400,000 micro-dollars per 2,592,000,000 ms, that is
// 1 micro-dollar per 1,080 ms, billed per whole second; a 10 GiB one 1 per 3,240 ms. The bill of
// a period [s, e) is the window (s - 1 ms, e - 1 ms], so a volume created at s is billed
// (e - s - 1 ms) rounded down to whole seconds, and each figure is floored to the micro-dollar.
#include <catch2/catch.hpp>
#include <memory>
#include <nlohmann/json.hpp>

#include "api/ce/dimensions.hpp"
#include "api/gateway/gateway.hpp"
#include "harness.hpp"
#include "sim/billing/billing.hpp"

namespace gw = amisim::gateway;
using amisim::http::HttpRequest;
using amisim::http::HttpResponse;
using Json = nlohmann::json;

namespace {

constexpr sim::TimeMs kJan1 = sim::kDefaultWorldStartMs;  // 2026-01-01T00:00:00Z

std::shared_ptr<const sim::Fixtures> ce_prices() {
  auto f = std::make_shared<sim::Fixtures>(*test::fixtures());
  sim::RegionPrices east;
  east.transfer_code = "USE1";
  east.volume_gb_month = {{"gp3", 80'000}};
  sim::RegionPrices frankfurt = east;
  frankfurt.usage_prefix = "EUC1-";
  frankfurt.transfer_code = "EUC1";
  f->prices.regions = {{sim::RegionName("us-east-1"), east},
                       {sim::RegionName("eu-central-1"), frankfurt}};
  return f;
}

HttpRequest ce_request(const std::string& operation, const std::string& body,
                       const std::string& access_key = "AKIDEXAMPLE") {
  HttpRequest r;
  r.method = "POST";
  r.target = "/";
  r.headers.add("Host", "127.0.0.1:4566");
  r.headers.add("X-Amz-Target", "AWSInsightsIndexService." + operation);
  r.headers.add("Content-Type", "application/x-amz-json-1.1");
  r.headers.add("Authorization", "AWS4-HMAC-SHA256 Credential=" + access_key +
                                     "/20260101/us-east-1/ce/aws4_request, SignedHeaders=host, "
                                     "Signature=ab");
  r.body = body;
  return r;
}

void create_volume(gw::Gateway& g, const std::string& region, int size_gib) {
  HttpRequest r;
  r.method = "POST";
  r.target = "/";
  r.headers.add("Content-Type", "application/x-www-form-urlencoded");
  r.headers.add("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/" + region +
                                     "/ec2/aws4_request, SignedHeaders=host, Signature=ab");
  r.body = "Action=CreateVolume&Version=2016-11-15&VolumeType=gp3&AvailabilityZone=" + region +
           "a&Size=" + std::to_string(size_gib);
  REQUIRE(g.handle(r).status == 200);
}

gw::GatewayOptions manual_clock() {
  gw::GatewayOptions options;
  options.clock = gw::ClockSetting{gw::ClockMode::kManual, 1};
  return options;
}

// A gateway whose clock only moves when told, with the volumes created at 2026-01-01T00:00Z and
// the clock then moved three days on.
struct Billed {
  gw::Gateway g{ce_prices(), manual_clock()};

  explicit Billed(bool frankfurt = false) {
    REQUIRE(g.now() == kJan1);
    create_volume(g, "us-east-1", 30);
    if (frankfurt) create_volume(g, "eu-central-1", 10);
    REQUIRE(g.advance(3 * sim::kDayMs).ok());
  }

  Json ask(const Json& input) {
    HttpResponse r = g.handle(ce_request("GetCostAndUsage", input.dump()));
    INFO(r.body);
    REQUIRE(r.status == 200);
    return Json::parse(r.body);
  }

  Json error(const std::string& body, const std::string& operation = "GetCostAndUsage") {
    HttpResponse r = g.handle(ce_request(operation, body));
    CHECK(r.status == 400);
    CHECK(r.headers.find("Content-Type").value_or("") == "application/x-amz-json-1.1");
    return Json::parse(r.body);
  }
};

Json query(const std::string& start, const std::string& end, const std::string& granularity) {
  return {{"TimePeriod", {{"Start", start}, {"End", end}}},
          {"Granularity", granularity},
          {"Metrics", {"UnblendedCost"}}};
}

Json usd(const std::string& amount) { return {{"Amount", amount}, {"Unit", "USD"}}; }

}  // namespace

TEST_CASE("CE DAILY: one result per UTC day, each day's cost, adding up to the bill", "[ce]") {
  Billed b;
  const Json out = b.ask(query("2026-01-01", "2026-01-03", "DAILY"));
  CHECK_FALSE(out.contains("GroupDefinitions"));
  CHECK(out.at("DimensionValueAttributes") == Json::array());
  const Json& days = out.at("ResultsByTime");
  REQUIRE(days.size() == 2);
  // Day 1: 86,399 whole seconds -> floor(86,399,000 / 1,080) = 79,999.
  CHECK(days[0].at("TimePeriod") == Json{{"Start", "2026-01-01"}, {"End", "2026-01-02"}});
  CHECK(days[0].at("Total") == Json{{"UnblendedCost", usd("0.079999")}});
  CHECK(days[0].at("Groups") == Json::array());
  CHECK(days[0].at("Estimated") == false);
  // Day 2: floor(172,799,000 / 1,080) = 159,999, less day 1 = 80,000.
  CHECK(days[1].at("TimePeriod") == Json{{"Start", "2026-01-02"}, {"End", "2026-01-03"}});
  CHECK(days[1].at("Total") == Json{{"UnblendedCost", usd("0.08")}});
  // The two days are the bill of their union.
  sim::BillRequest union_window;
  union_window.from = kJan1 - 1;
  union_window.to = kJan1 + 2 * sim::kDayMs - 1;
  CHECK(sim::compute_bill(b.g.world(), union_window).total == 79'999 + 80'000);
}

TEST_CASE("CE MONTHLY: calendar months clipped to the period, the open month is estimated",
          "[ce]") {
  Billed b;
  Json out = b.ask(query("2025-12-15", "2026-01-03", "MONTHLY"));
  REQUIRE(out.at("ResultsByTime").size() == 2);
  const Json& dec = out["ResultsByTime"][0];
  CHECK(dec.at("TimePeriod") == Json{{"Start", "2025-12-15"}, {"End", "2026-01-01"}});
  CHECK(dec.at("Total") == Json{{"UnblendedCost", usd("0")}});  // before the world began
  const Json& jan = out["ResultsByTime"][1];
  CHECK(jan.at("TimePeriod") == Json{{"Start", "2026-01-01"}, {"End", "2026-01-03"}});
  CHECK(jan.at("Total") == Json{{"UnblendedCost", usd("0.159999")}});

  // January up to now (three days, 259,200 s: 240,000) and a February still to come.
  out = b.ask(query("2026-01-01", "2026-03-01", "MONTHLY"));
  REQUIRE(out.at("ResultsByTime").size() == 2);
  CHECK(out["ResultsByTime"][0].at("TimePeriod") ==
        Json{{"Start", "2026-01-01"}, {"End", "2026-02-01"}});
  CHECK(out["ResultsByTime"][0].at("Total") == Json{{"UnblendedCost", usd("0.24")}});
  CHECK(out["ResultsByTime"][0].at("Estimated") == true);
  CHECK(out["ResultsByTime"][1].at("TimePeriod") ==
        Json{{"Start", "2026-02-01"}, {"End", "2026-03-01"}});
  CHECK(out["ResultsByTime"][1].at("Total") == Json{{"UnblendedCost", usd("0")}});
}

TEST_CASE("CE HOURLY: hours labelled with their time, adding up", "[ce]") {
  Billed b;
  const Json out = b.ask(query("2026-01-01T00:00:00Z", "2026-01-01T03:00:00Z", "HOURLY"));
  const Json& hours = out.at("ResultsByTime");
  REQUIRE(hours.size() == 3);
  CHECK(hours[0].at("TimePeriod") ==
        Json{{"Start", "2026-01-01T00:00:00Z"}, {"End", "2026-01-01T01:00:00Z"}});
  // floor(3,599,000 / 1,080) = 3,332; floor(7,199,000 / 1,080) = 6,665; floor(10,799,000 /
  // 1,080) = 9,999.
  CHECK(hours[0].at("Total") == Json{{"UnblendedCost", usd("0.003332")}});
  CHECK(hours[1].at("Total") == Json{{"UnblendedCost", usd("0.003333")}});
  CHECK(hours[2].at("Total") == Json{{"UnblendedCost", usd("0.003334")}});
}

TEST_CASE("CE GroupBy SERVICE, REGION, USAGE_TYPE: sorted groups and an empty Total", "[ce]") {
  Billed b(true);
  // us-east-1 30 GiB: 159,999. eu-central-1 10 GiB: floor(172,799,000 / 3,240) = 53,333.
  Json in = query("2026-01-01", "2026-01-03", "MONTHLY");
  in["GroupBy"] = {{{"Type", "DIMENSION"}, {"Key", "SERVICE"}},
                   {{"Type", "DIMENSION"}, {"Key", "REGION"}}};
  Json out = b.ask(in);
  CHECK(out.at("GroupDefinitions") == in["GroupBy"]);
  Json month = out.at("ResultsByTime").at(0);
  CHECK(month.at("Total") == Json::object());
  CHECK(month.at("Groups") == Json{{{"Keys", {"EC2 - Other", "eu-central-1"}},
                                    {"Metrics", {{"UnblendedCost", usd("0.053333")}}}},
                                   {{"Keys", {"EC2 - Other", "us-east-1"}},
                                    {"Metrics", {{"UnblendedCost", usd("0.159999")}}}}});

  in["GroupBy"] = {{{"Type", "DIMENSION"}, {"Key", "USAGE_TYPE"}}};
  in["Metrics"] = {"UnblendedCost", "BlendedCost", "UsageQuantity"};
  month = b.ask(in).at("ResultsByTime").at(0);
  REQUIRE(month.at("Groups").size() == 2);
  const Json& east = month["Groups"][0];
  CHECK(east.at("Keys") == Json{"EBS:VolumeUsage.gp3"});
  CHECK(east.at("Metrics").at("BlendedCost") == usd("0.159999"));
  // 30 GiB x 172,799,000 ms / 2,592,000,000 ms = 1.99998843 GB-Mo, floored to the millionth.
  CHECK(east.at("Metrics").at("UsageQuantity") == Json{{"Amount", "1.999988"}, {"Unit", "GB-Mo"}});
  CHECK(month["Groups"][1].at("Keys") == Json{"EUC1-EBS:VolumeUsage.gp3"});

  in["GroupBy"] = {{{"Type", "DIMENSION"}, {"Key", "SERVICE"}}};
  month = b.ask(in).at("ResultsByTime").at(0);
  REQUIRE(month.at("Groups").size() == 1);
  CHECK(month["Groups"][0].at("Metrics").at("UnblendedCost") == usd("0.213332"));
}

TEST_CASE("CE Filter: Dimensions, Not, And, Or over SERVICE and REGION", "[ce]") {
  Billed b(true);
  auto total = [&](const Json& filter) {
    Json in = query("2026-01-01", "2026-01-03", "MONTHLY");
    in["Filter"] = filter;
    return b.ask(in).at("ResultsByTime").at(0).at("Total").at("UnblendedCost").at("Amount");
  };
  const Json eu = {{"Dimensions", {{"Key", "REGION"}, {"Values", {"eu-central-1"}}}}};
  const Json ec2_other = {{"Dimensions", {{"Key", "SERVICE"}, {"Values", {"EC2 - Other"}}}}};
  const Json s3 = {
      {"Dimensions", {{"Key", "SERVICE"}, {"Values", {"Amazon Simple Storage Service"}}}}};
  CHECK(total(eu) == "0.053333");
  CHECK(total({{"Not", eu}}) == "0.159999");
  CHECK(total(ec2_other) == "0.213332");
  CHECK(total(s3) == "0");
  CHECK(total({{"And", {eu, ec2_other}}}) == "0.053333");
  CHECK(total({{"Or", {eu, s3}}}) == "0.053333");
  CHECK(total({{"Dimensions",
                {{"Key", "USAGE_TYPE"},
                 {"Values", {"EBS:VolumeUsage.gp3"}},
                 {"MatchOptions", {"EQUALS"}}}}}) == "0.159999");
}

TEST_CASE("CE shows the caller's account only", "[ce]") {
  Billed b;
  HttpResponse r = b.g.handle(ce_request(
      "GetCostAndUsage", query("2026-01-01", "2026-01-03", "MONTHLY").dump(), "111122223333"));
  REQUIRE(r.status == 200);
  CHECK(Json::parse(r.body)["ResultsByTime"][0]["Total"] == Json{{"UnblendedCost", usd("0")}});
}

TEST_CASE("CE service names as Cost Explorer shows them", "[ce]") {
  sim::World world(ce_prices(), sim::WorldOptions{});
  const sim::RegionName fra("eu-central-1");
  CHECK(amisim::ce::service_name(world, fra, "EUC1-BoxUsage:t3.micro") ==
        "Amazon Elastic Compute Cloud - Compute");
  CHECK(amisim::ce::service_name(world, fra, "EUC1-EBS:SnapshotUsage") == "EC2 - Other");
  CHECK(amisim::ce::service_name(world, fra, "EUC1-EBS:SnapshotArchiveRetrieval") == "EC2 - Other");
  CHECK(amisim::ce::service_name(world, fra, "EUC1-USE1-AWS-Out-Bytes") == "EC2 - Other");
  CHECK(amisim::ce::service_name(world, fra, "EUC1-TimedStorage-ByteHrs") ==
        "Amazon Simple Storage Service");
  const sim::MarketplaceProduct& product = world.fixtures().marketplace.front();
  CHECK(amisim::ce::service_name(world, sim::RegionName("us-east-1"),
                                 "SoftwareUsage:" + product.code) == product.title);
  CHECK(amisim::ce::service_name(world, sim::RegionName("us-east-1"), "SoftwareUsage:nope") ==
        "AWS Marketplace");
}

TEST_CASE("CE errors: awsJson ValidationException and friends, never a crash", "[ce]") {
  Billed b;
  auto message_of = [&](const Json& input) {
    const Json e = b.error(input.dump());
    CHECK(e.at("__type") == "ValidationException");
    return e.at("message").get<std::string>();
  };
  CHECK(message_of(query("2026-01-03", "2026-01-03", "DAILY")) ==
        "Start date (and hour) should be before end date (and hour)");
  CHECK(message_of(query("2026-01-03", "2026-01-01", "MONTHLY")) ==
        "Start date (and hour) should be before end date (and hour)");
  CHECK_THAT(message_of(query("2026-02-30", "2026-03-02", "DAILY")),
             Catch::Contains("at 'timePeriod.start' failed to satisfy constraint"));
  CHECK_THAT(message_of(query("2026/01/01", "2026-03-02", "DAILY")),
             Catch::Contains("Member must satisfy regular expression pattern"));
  // The pattern's forms only: the ISO-8601 parser's offsets, fractions, lower case and signed
  // years are not dates here.
  for (const char* start : {"2026-01-01T00:00:00+01:00", "2026-01-01T00:00:00.000Z",
                            "2026-01-01t00:00:00z", "-026-01-01"}) {
    INFO(start);
    CHECK_THAT(message_of(query(start, "2026-03-02", "HOURLY")),
               Catch::Contains("Member must satisfy regular expression pattern"));
  }
  CHECK(message_of(query("2026-01-01T00:00:00Z", "2026-01-02", "DAILY")) ==
        "Hourly timePeriod is not supported for this request");
  CHECK(message_of(query("2026-01-01", "2026-01-02", "WEEKLY")) ==
        "1 validation error detected: Value 'WEEKLY' at 'granularity' failed to satisfy "
        "constraint: Member must satisfy enum value set: [DAILY, MONTHLY, HOURLY]");

  Json in = query("2026-01-01", "2026-01-02", "DAILY");
  in.erase("Metrics");
  CHECK_THAT(message_of(in), Catch::Contains("Value null at 'metrics'"));
  in["Metrics"] = {"Dollars"};
  CHECK_THAT(message_of(in), Catch::Contains("Dollars"));

  in = query("2026-01-01", "2026-01-02", "DAILY");
  const Json service = {{"Type", "DIMENSION"}, {"Key", "SERVICE"}};
  in["GroupBy"] = {service, service, service};
  CHECK_THAT(message_of(in), Catch::Contains("at most two"));
  in["GroupBy"] = {{{"Type", "DIMENSION"}, {"Key", "NOT_A_DIMENSION"}}};
  CHECK_THAT(message_of(in), Catch::StartsWith("Group Definition dimension is invalid."));
  in["GroupBy"] = {{{"Type", "DIMENSION"}, {"Key", "AZ"}}};
  CHECK_THAT(message_of(in), Catch::Contains("amisim does not group by AZ"));
  in["GroupBy"] = {{{"Type", "SOMETHING"}, {"Key", "SERVICE"}}};
  CHECK(message_of(in) == "Group Definition type is invalid.");
  in["GroupBy"] = {{{"Type", "DIMENSION"}, {"Key", 7}}};
  CHECK_THAT(message_of(in), Catch::StartsWith("Group Definition is invalid."));

  in = query("2026-01-01", "2026-01-02", "DAILY");
  in["Filter"] = {{"Dimensions", {{"Key", "REGION"}, {"Values", {"us-east-1"}}}},
                  {"Not", {{"Dimensions", {{"Key", "REGION"}, {"Values", {"x"}}}}}}};
  CHECK_THAT(message_of(in), Catch::StartsWith("Expression has more than one roots."));
  in["Filter"] = {{"Tags", {{"Key", "Environment"}, {"Values", {"prod"}}}}};
  CHECK_THAT(message_of(in), Catch::Contains("amisim does not filter by Tags"));
  in["Filter"] = {{"Dimensions", {{"Key", "AZ"}, {"Values", {"us-east-1a"}}}}};
  CHECK_THAT(message_of(in), Catch::Contains("amisim does not filter by AZ"));

  CHECK(b.error("{not json").at("__type") == "SerializationException");
  CHECK(b.error("[1, 2]").at("__type") == "SerializationException");
  CHECK(b.error("{}").at("__type") == "ValidationException");
  CHECK(b.error("{}", "GetCostForecast").at("__type") == "UnknownOperationException");
}
