// fixtures/prices.json (written by scripts/gen_prices.py) and its loader, api/io/prices.cpp.
// Spot values are the fact sheet's (shared/reference/aws-facts.md section 7) and the sources named
// in the generator, not read back from the file under test.
#include "api/io/prices.hpp"

#include <catch2/catch.hpp>
#include <map>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

#include "api/io/fixtures.hpp"
#include "harness.hpp"
#include "sim/core/ids.hpp"

namespace {

using nlohmann::json;

const sim::Fixtures& fx() { return *test::fixtures(); }

const sim::RegionPrices& region(const std::string& name) {
  const sim::RegionPrices* prices = fx().prices.find(sim::RegionName(name));
  REQUIRE(prices != nullptr);
  return *prices;
}

std::map<std::string, std::string> embedded_files() {
  std::map<std::string, std::string> files;
  for (const auto& [name, text] : amisim::io::embedded_fixtures())
    files.emplace(std::string(name), std::string(text));
  return files;
}

// The embedded files with prices.json replaced by `prices`.
std::map<std::string, std::string> with_prices(const json& prices) {
  auto files = embedded_files();
  files["prices.json"] = prices.dump();
  return files;
}

json shipped_prices() { return json::parse(embedded_files().at("prices.json")); }

// Every {"usd": ...} object under `node`, with its key path.
void figures(const json& node, const std::string& path, std::map<std::string, json>& out) {
  if (!node.is_object()) return;
  if (node.contains("usd")) {
    out.emplace(path, node);
    return;
  }
  for (const auto& [key, child] : node.items()) figures(child, path + "." + key, out);
}

}  // namespace

TEST_CASE("Every Region of regions.json has prices and usage-type codes") {
  REQUIRE(fx().prices.regions.size() == fx().regions.size());
  for (const auto& info : fx().regions) {
    INFO(info.name.str());
    const sim::RegionPrices& p = region(info.name.str());
    CHECK(!p.transfer_code.empty());
    if (info.name.str() != "us-east-1") CHECK(p.usage_prefix.back() == '-');
    CHECK(p.snapshot_standard_gb_month > 0);
    CHECK(p.snapshot_archive_gb_month > 0);
    CHECK(p.snapshot_archive_gb_month < p.snapshot_standard_gb_month);
    CHECK(p.archive_retrieval_gb > 0);
    CHECK(p.s3_standard_gb_month > 0);
    CHECK(p.transfer_out_gb > 0);
    CHECK(p.volume_gb_month.count("gp2") == 1);
    CHECK(p.volume_gb_month.count("gp3") == 1);
  }
}

TEST_CASE("Every instance type of instance-types.json has a Linux price in every Region") {
  for (const auto& info : fx().regions) {
    const sim::RegionPrices& p = region(info.name.str());
    for (const auto& [type, _] : fx().instance_types) {
      INFO(info.name.str() << " " << type);
      auto it = p.instances.find(type);
      REQUIRE(it != p.instances.end());
      CHECK(it->second.linux_hourly > 0);
    }
  }
}

TEST_CASE("Every figure in prices.json names a source listed in its sources map") {
  const json doc = shipped_prices();
  std::map<std::string, json> all;
  figures(doc.at("regions"), "regions", all);
  // 11 Regions x (5 storage/transfer figures + gp2 + gp3 + 40 Linux instance prices) at least.
  CHECK(all.size() >= 11 * (7 + 40));
  for (const auto& [path, figure] : all) {
    INFO(path);
    REQUIRE(figure.contains("source"));
    const std::string source = figure.at("source").get<std::string>();
    CHECK(doc.at("sources").contains(source));
    if (source == "derived") CHECK(figure.contains("derivation"));
  }
}

TEST_CASE("us-east-1 storage and transfer prices match the fact sheet") {
  const sim::RegionPrices& p = region("us-east-1");
  CHECK(p.usage_prefix.empty());
  CHECK(p.transfer_code == "USE1");
  CHECK(p.snapshot_standard_gb_month == 50'000);
  CHECK(p.snapshot_archive_gb_month == 12'500);
  CHECK(p.archive_retrieval_gb == 30'000);
  CHECK(p.volume_gb_month.at("gp3") == 80'000);
  CHECK(p.volume_gb_month.at("gp2") == 100'000);
  CHECK(p.s3_standard_gb_month == 23'000);
  CHECK(p.transfer_out_gb == 20'000);
}

TEST_CASE("Regional prices follow their sources") {
  CHECK(region("eu-central-1").snapshot_standard_gb_month == 54'000);
  CHECK(region("eu-central-1").snapshot_archive_gb_month == 13'500);
  CHECK(region("eu-west-2").snapshot_archive_gb_month == 13'250);
  CHECK(region("eu-west-1").usage_prefix == "EU-");
  CHECK(region("eu-central-1").usage_prefix == "EUC1-");
  CHECK(region("ap-south-1").usage_prefix == "APS3-");
  CHECK(region("ap-northeast-1").transfer_out_gb == 90'000);
  CHECK(region("us-east-1").instances.at("t3.micro").linux_hourly == 10'400);
  CHECK(region("us-east-1").instances.at("m7i-flex.large").linux_hourly == 95'760);
  CHECK(region("eu-west-1").instances.at("t3.micro").linux_hourly == 11'400);
  CHECK(region("eu-west-1").instances.at("t3.medium").windows_hourly == 64'000);
  CHECK(region("sa-east-1").instances.at("m7i.large").linux_hourly == 160'650);
  CHECK_FALSE(region("us-east-1").instances.at("t3.micro").windows_hourly.has_value());
}

TEST_CASE("USD decimal strings convert to micro-dollars exactly") {
  using amisim::io::parse_micro_usd;
  CHECK(parse_micro_usd("0.01325") == 13'250);
  CHECK(parse_micro_usd("0.05") == 50'000);
  CHECK(parse_micro_usd("0.000001") == 1);
  CHECK(parse_micro_usd("1") == 1'000'000);
  CHECK(parse_micro_usd("113.932800") == 113'932'800);
  CHECK(parse_micro_usd("0") == 0);
}

TEST_CASE(
    "USD strings with a seventh decimal or a foreign shape are rejected rather than rounded") {
  using amisim::io::parse_micro_usd;
  for (const char* bad : {"0.0000001", "0.1234567", "", ".5", "5.", "-1", "+1", "1e-3", " 1", "0,5",
                          "1.2.3", "0x10", "99999999999999999999"}) {
    INFO(bad);
    CHECK_FALSE(parse_micro_usd(bad).has_value());
  }
}

TEST_CASE("A fixture set without prices.json loads with no prices") {
  auto files = embedded_files();
  files.erase("prices.json");
  CHECK(amisim::io::parse_fixtures(files).prices.regions.empty());
}

TEST_CASE("An ill-formed prices.json entry is an error naming the file and the key") {
  json doc = shipped_prices();
  SECTION("a seventh decimal") {
    doc["regions"]["us-east-1"]["snapshot_standard_gb_month"]["usd"] = "0.0500001";
    CHECK_THROWS_WITH(amisim::io::parse_fixtures(with_prices(doc)),
                      Catch::Contains("prices.json") &&
                          Catch::Contains("regions.us-east-1.snapshot_standard_gb_month.usd"));
  }
  SECTION("a source that the sources map does not list") {
    doc["regions"]["eu-west-1"]["instances"]["t3.micro"]["linux"]["source"] = "nowhere";
    CHECK_THROWS_WITH(amisim::io::parse_fixtures(with_prices(doc)),
                      Catch::Contains("regions.eu-west-1.instances.t3.micro.linux.source"));
  }
  SECTION("a missing figure") {
    doc["regions"]["sa-east-1"].erase("archive_retrieval_gb");
    CHECK_THROWS_WITH(amisim::io::parse_fixtures(with_prices(doc)),
                      Catch::Contains("regions.sa-east-1") &&
                          Catch::Contains("missing \"archive_retrieval_gb\""));
  }
  SECTION("a price given as a number") {
    doc["regions"]["us-east-1"]["volume_gb_month"]["gp3"]["usd"] = 0.08;
    CHECK_THROWS_WITH(amisim::io::parse_fixtures(with_prices(doc)),
                      Catch::Contains("regions.us-east-1.volume_gb_month.gp3.usd") &&
                          Catch::Contains("must be a string"));
  }
  SECTION("a Region regions.json does not list") {
    doc["regions"]["xx-nowhere-1"] = doc["regions"]["us-east-1"];
    CHECK_THROWS_WITH(amisim::io::parse_fixtures(with_prices(doc)),
                      Catch::Contains("regions.xx-nowhere-1"));
  }
  SECTION("an instance type instance-types.json does not list") {
    doc["regions"]["us-east-1"]["instances"]["z9.huge"] = {
        {"linux", {{"usd", "1"}, {"source", "derived"}}}};
    CHECK_THROWS_WITH(amisim::io::parse_fixtures(with_prices(doc)),
                      Catch::Contains("regions.us-east-1.instances.z9.huge"));
  }
}
