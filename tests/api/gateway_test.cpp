// The gateway without a network: caller identity, EC2 replies over plain request values, clock
// modes, the journal and state documents. (Handler behaviour is tested in ec2_*_test.cpp.)
#include "api/gateway/gateway.hpp"

#include <catch2/catch.hpp>
#include <filesystem>
#include <regex>
#include <set>
#include <thread>

#include "api/gateway/caller_identity.hpp"
#include "api/io/state_file.hpp"
#include "tests/api/query_support.hpp"
#include "tests/harness.hpp"

namespace gw = amisim::gateway;
using amisim::http::HttpRequest;
using amisim::http::HttpResponse;
using Json = nlohmann::json;

namespace {

HttpRequest ec2_request(const std::string& form, const std::string& region = "") {
  HttpRequest r;
  r.method = "POST";
  r.target = "/";
  r.headers.add("Host", "127.0.0.1:4566");
  r.headers.add("Content-Type", "application/x-www-form-urlencoded; charset=utf-8");
  if (!region.empty()) {
    r.headers.add("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/" + region +
                                       "/ec2/aws4_request, SignedHeaders=host, Signature=ab");
  }
  r.body = form;
  return r;
}

HttpRequest control(const std::string& method, const std::string& path,
                    const std::string& body = "") {
  HttpRequest r;
  r.method = method;
  r.target = path;
  r.body = body;
  return r;
}

Json json_of(const HttpResponse& r) { return Json::parse(r.body); }

using test::element;

bool always_region(std::string_view s) { return s == "eu-west-1" || s == "ap-south-1"; }

gw::GatewayOptions options(std::uint64_t seed, gw::ClockMode mode = gw::ClockMode::kInstant,
                           std::uint32_t factor = 1) {
  gw::GatewayOptions o;
  o.seed = seed;
  o.clock = {mode, factor};
  return o;
}

struct Wall {
  std::int64_t ms = 1000;
};

}  // namespace

TEST_CASE(
    "Caller identity: SigV4 scope first, then Host, then us-east-1, 12-digit keys are "
    "accounts") {
  HttpRequest r;
  r.headers.add("Host", "ec2.ap-south-1.amazonaws.com");
  auto id = gw::identify(r, always_region);
  CHECK(id.caller.region.str() == "ap-south-1");
  CHECK(id.caller.account == sim::kDefaultAccount);

  r.headers.add("Authorization",
                "AWS4-HMAC-SHA256 Credential=210987654321/20260101/eu-west-1/ec2/aws4_request, "
                "SignedHeaders=host;x-amz-date, Signature=00");
  id = gw::identify(r, always_region);
  CHECK(id.caller.region.str() == "eu-west-1");
  CHECK(id.caller.account.str() == "210987654321");

  HttpRequest plain;
  plain.headers.add("Host", "localhost:4566");
  CHECK(gw::identify(plain, always_region).caller.region.str() == "us-east-1");

  HttpRequest presigned;
  presigned.target =
      "/?Action=DescribeImages&X-Amz-Credential=AKIDEXAMPLE%2F20260101%2Feu-west-1%2Fec2%2Faws4_"
      "request";
  id = gw::identify(presigned, always_region);
  CHECK(id.caller.region.str() == "eu-west-1");
  CHECK(id.caller.account == sim::kDefaultAccount);  // AKIDEXAMPLE is not 12 digits

  CHECK_FALSE(gw::parse_credential("AKID/20260101/eu-west-1").has_value());
  CHECK(gw::parse_credential("1234/d/r/ec2/aws4_request")->region == "r");
}

TEST_CASE("Gateway answers EC2 XML with the request ID in the body and the header") {
  gw::Gateway g(test::fixtures(), {});
  auto r = g.handle(ec2_request("Action=DescribeRegions&Version=2016-11-15", "eu-west-1"));
  CHECK(r.status == 200);
  CHECK(
      r.body.find("<DescribeRegionsResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\">") !=
      std::string::npos);
  auto header = r.headers.find("x-amzn-RequestId");
  REQUIRE(header.has_value());
  CHECK(std::string(*header) == element(r.body, "requestId"));
  CHECK(r.headers.find("Content-Type")->find("text/xml") == 0);
}

TEST_CASE("Gateway errors: AWS error envelope and status for parser, Region and action errors") {
  gw::Gateway g(test::fixtures(), {});
  struct Case {
    std::string form, region, code;
    int status;
  };
  for (const Case& c :
       {Case{"Version=2016-11-15", "", "MissingAction", 400},
        Case{"Action=Fly&Version=2016-11-15", "", "InvalidAction", 400},
        Case{"Action=DescribeRegions&Version=2016-11-15", "mars-1", "AuthFailure", 401},
        Case{"Action=DescribeRegions&Version=2016-11-15&Bogus=1", "", "UnknownParameter", 400},
        Case{"Action=DescribeRegions&Version=2016-11-15&DryRun=true", "", "DryRunOperation", 412},
        Case{"Action=DescribeRegions&Version=2016-11-15&RegionName.1=%zz", "",
             "MalformedQueryString", 400}}) {
    INFO(c.form << " in " << c.region);
    auto r = g.handle(ec2_request(c.form, c.region));
    CHECK(r.status == c.status);
    CHECK(element(r.body, "Code") == c.code);
    CHECK(element(r.body, "RequestID") == std::string(*r.headers.find("x-amzn-RequestId")));
  }
}

TEST_CASE("Gateway request IDs are deterministic per seed and differ between seeds") {
  auto ids = [](std::uint64_t seed) {
    gw::Gateway g(test::fixtures(), options(seed));
    std::vector<std::string> out;
    for (int i = 0; i < 3; ++i) {
      auto r = g.handle(ec2_request("Action=DescribeRegions&Version=2016-11-15"));
      out.emplace_back(*r.headers.find("x-amzn-RequestId"));
    }
    return out;
  };
  CHECK(ids(7) == ids(7));
  CHECK(ids(7) != ids(8));
  auto one = ids(7);
  CHECK(one[0] != one[1]);
}

TEST_CASE("Control plane: health, clock, advance, reset, compat routes, errors") {
  gw::Gateway g(test::fixtures(), options(3, gw::ClockMode::kManual));
  auto health = g.handle(control("GET", "/_amisim/health"));
  CHECK(health.status == 200);
  CHECK(json_of(health)["services"]["ec2"] == "running");
  CHECK(json_of(g.handle(control("GET", "/_localstack/health")))["services"]["ec2"] == "running");

  auto clock = json_of(g.handle(control("GET", "/_amisim/clock")));
  CHECK(clock["mode"] == "manual");
  CHECK(clock["now"] == sim::format_iso8601(sim::kDefaultWorldStartMs));

  auto moved = g.handle(control("POST", "/_amisim/clock/advance", R"({"seconds": 90})"));
  CHECK(moved.status == 200);
  CHECK(json_of(moved)["now"] == sim::format_iso8601(sim::kDefaultWorldStartMs + 90'000));
  CHECK(g.now() == sim::kDefaultWorldStartMs + 90'000);

  CHECK(g.handle(control("POST", "/_amisim/clock/advance", R"({"seconds": -1})")).status == 400);
  CHECK(g.handle(control("POST", "/_amisim/clock/advance", R"({"minutes": 1})")).status == 400);
  CHECK(g.handle(control("POST", "/_amisim/clock/advance", "{not json")).status == 400);
  CHECK(g.now() == sim::kDefaultWorldStartMs + 90'000);  // failed requests moved nothing

  auto reset = g.handle(control("POST", "/_amisim/reset", R"({"seed": 11})"));
  CHECK(reset.status == 200);
  CHECK(g.seed() == 11);
  CHECK(g.now() == sim::kDefaultWorldStartMs);
  CHECK(g.handle(control("POST", "/moto-api/reset")).status == 200);
  CHECK(g.seed() == 11);  // no seed given: keep it
  CHECK(g.handle(control("POST", "/_amisim/reset", R"({"seed": "x"})")).status == 400);

  auto mode = g.handle(control("POST", "/_amisim/clock", R"({"mode": "instant"})"));
  CHECK(json_of(mode)["mode"] == "instant");
  CHECK(g.handle(control("POST", "/_amisim/clock", R"({"mode": "fast"})")).status == 400);
  // No wall clock was given to this gateway, so scaled mode is refused rather than faked.
  CHECK(g.handle(control("POST", "/_amisim/clock", R"({"mode": "scaled:10"})")).status == 400);

  CHECK(g.handle(control("GET", "/_amisim/nothing")).status == 404);
  auto wrong = g.handle(control("GET", "/_amisim/reset"));
  CHECK(wrong.status == 405);
  CHECK(wrong.headers.find("Allow").value_or("") == "POST");
  CHECK(g.handle(control("POST", "/_amisim/state/save")).status == 400);  // no --state FILE
}

TEST_CASE("Clock mode scaled:N moves model time N times faster than the injected wall clock") {
  auto wall = std::make_shared<Wall>();
  auto o = options(0, gw::ClockMode::kScaled, 60);
  o.wall = [wall] { return wall->ms; };
  gw::Gateway g(test::fixtures(), o);
  CHECK(g.now() == sim::kDefaultWorldStartMs);
  wall->ms += 1500;
  CHECK(g.now() == sim::kDefaultWorldStartMs + 90'000);
  g.set_clock({gw::ClockMode::kManual, 1});
  wall->ms += 10'000;
  CHECK(g.now() == sim::kDefaultWorldStartMs + 90'000);
  CHECK(gw::parse_clock_setting("scaled:0") == std::nullopt);
  CHECK(gw::parse_clock_setting("scaled:x") == std::nullopt);
  CHECK(gw::parse_clock_setting("scaled:25")->factor == 25);
  CHECK(gw::parse_clock_setting("scaled:25")->str() == "scaled:25");
}

TEST_CASE("State documents: bad documents are refused and the world is kept") {
  gw::Gateway g(test::fixtures(), options(5, gw::ClockMode::kManual));
  g.handle(control("POST", "/_amisim/clock/advance", R"({"seconds": 60})"));
  Json doc = json_of(g.handle(control("GET", "/_amisim/state")));
  CHECK(doc["format"] == "amisim-state/4");
  CHECK(doc["seed"] == 5);
  std::string digest = g.world().digest();

  for (Json bad :
       {Json::array(), Json{{"format", "other"}}, Json{{"format", 2}},
        Json{
            {"format", "amisim-state/3"}, {"seed", 5}, {"journal", Json::array()}, {"digest", "0"}},
        Json{{"format", "amisim-state/3"}, {"seed", 5}, {"journal", Json::array()}},  // no digest
        Json{
            {"format", "amisim-state/2"}, {"seed", 5}, {"journal", Json::array()}, {"digest", "0"}},
        Json{{"format", "amisim-state/3"},
             {"seed", -1},
             {"journal", Json::array()},
             {"digest", "0"}},
        Json{{"format", "amisim-state/3"},
             {"seed", 5},
             {"journal", {{{"fly", 1}}}},
             {"digest", "0"}},
        Json{{"format", "amisim-state/3"},
             {"seed", 5},
             {"journal", {{{"advance_to", 10}}}},
             {"digest", "0"}}}) {  // before the world's start
    INFO(bad.dump());
    auto r = g.handle(control("POST", "/_amisim/state", bad.dump()));
    CHECK(r.status == 400);
    CHECK(json_of(r)["error"]["code"] == "InvalidStateDocument");
    CHECK(g.world().digest() == digest);
  }
  // A document cut short (a torn file) or garbage: refused whole, the world kept.
  const std::string text = doc.dump(1);
  for (const std::string& torn : {text.substr(0, text.size() / 2), std::string("{{{"),
                                  std::string(""), text.substr(0, text.size() - 2)}) {
    auto r = g.handle(control("POST", "/_amisim/state", torn));
    CHECK(r.status == 400);
    CHECK(json_of(r)["error"]["code"] == "InvalidStateDocument");
    CHECK(json_of(r)["error"]["message"].get<std::string>().rfind(
              "The state document is not JSON (cut short, or not a state document): ", 0) == 0);
    CHECK(g.world().digest() == digest);
  }

  gw::Gateway fresh(test::fixtures(), {});
  auto loaded = fresh.handle(control("POST", "/_amisim/state", doc.dump()));
  CHECK(loaded.status == 200);
  CHECK(fresh.world().digest() == digest);
  CHECK(fresh.seed() == 5);
}

TEST_CASE("write_file_atomically replaces the file whole and leaves no temporary behind") {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / "amisim-state-file-test";
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::string path = (dir / "state.json").string();
  CHECK(amisim::io::write_file_atomically(path, "first") == "");
  CHECK(amisim::io::write_file_atomically(path, "second, longer") == "");
  CHECK(amisim::io::read_file(path).value() == "second, longer");
  CHECK(std::distance(fs::directory_iterator(dir), fs::directory_iterator()) == 1);
  std::string error;
  CHECK_FALSE(amisim::io::read_file((dir / "missing").string(), &error).has_value());
  CHECK(error.find("missing") != std::string::npos);
  CHECK(amisim::io::write_file_atomically((dir / "no/such/dir/x").string(), "x") != "");
  fs::remove_all(dir);
}

TEST_CASE("write_file_atomically writes through a symlink or a pipe instead of replacing it") {
  // `amisim run --json /dev/stdout` as root once replaced /dev/stdout with a plain file.
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / "amisim-state-file-special";
  fs::remove_all(dir);
  fs::create_directories(dir);
  const fs::path target = dir / "target.json", link = dir / "link.json";
  CHECK(amisim::io::write_file_atomically(target.string(), "old") == "");
  fs::create_symlink(target, link);
  CHECK(amisim::io::write_file_atomically(link.string(), "through the link") == "");
  CHECK(fs::is_symlink(link));
  CHECK(amisim::io::read_file(target.string()).value() == "through the link");
  CHECK(amisim::io::write_file_atomically("/dev/null", "discarded") == "");
  CHECK(fs::is_character_file("/dev/null"));
  fs::remove_all(dir);
}

TEST_CASE(
    "State documents replay every kind of changing call: copies, launch templates, SSM "
    "launches, clock moves, new accounts") {
  gw::Gateway g(test::fixtures(), options(12, gw::ClockMode::kManual));
  sim::Caller us;
  sim::Caller eu{sim::kDefaultAccount, sim::RegionName{"eu-west-1"}};
  sim::Caller other{sim::AccountId{"210987654321"}, sim::RegionName{"eu-west-1"}};
  auto ok = [&](const sim::Caller& c, const std::string& action, const Json& input) {
    auto r = g.call(c, action, input);
    INFO(action << ": " << (r.ok() ? "" : r.error().code + " " + r.error().message));
    REQUIRE(r.ok());
    return r.value();
  };
  const std::string ssm =
      "resolve:ssm:/aws/service/ami-amazon-linux-latest/"
      "al2023-ami-kernel-default-x86_64";
  Json run = ok(us, "RunInstances",
                {{"ImageId", ssm}, {"InstanceType", "t3.micro"}, {"MinCount", 1}, {"MaxCount", 1}});
  std::string instance = run["Instances"][0]["InstanceId"];
  REQUIRE(g.advance(120 * sim::kSecondMs).ok());
  ok(us, "StopInstances", {{"InstanceIds", {instance}}});
  REQUIRE(g.advance(120 * sim::kSecondMs).ok());
  std::string image =
      ok(us, "CreateImage", {{"InstanceId", instance}, {"Name", "gold"}})["ImageId"];
  REQUIRE(g.advance(3600 * sim::kSecondMs).ok());
  std::string copy =
      ok(eu, "CopyImage",
         {{"SourceRegion", "us-east-1"}, {"SourceImageId", image}, {"Name", "gold"}})["ImageId"];
  ok(eu, "CreateLaunchTemplate",
     {{"LaunchTemplateName", "web"}, {"LaunchTemplateData", {{"ImageId", copy}}}});
  ok(other, "DescribeImages", {{"Owners", {"self"}}});  // first sight of another account
  REQUIRE(g.advance(3600 * sim::kSecondMs).ok());
  ok(eu, "RunInstances",
     {{"LaunchTemplate", {{"LaunchTemplateName", "web"}}}, {"MinCount", 1}, {"MaxCount", 1}});

  Json doc = g.state_document();
  CHECK(doc["accounts"]["123456789012"]["eu-west-1"].contains("LaunchTemplates"));
  gw::Gateway fresh(test::fixtures(), options(0));
  auto loaded = fresh.load_state(doc);
  INFO((loaded.ok() ? "" : loaded.error().message));
  REQUIRE(loaded.ok());
  CHECK(fresh.world().digest() == g.world().digest());
  CHECK(fresh.state_document()["accounts"] == doc["accounts"]);
}

TEST_CASE(
    "Control plane: Marketplace subscriptions change RunInstances, are journaled and "
    "replay from the state document") {
  gw::Gateway g(test::fixtures(), options(5));
  REQUIRE_FALSE(g.world().fixtures().marketplace.empty());
  const sim::MarketplaceProduct& p = g.world().fixtures().marketplace.front();
  const Json body = {{"account", "123456789012"}, {"productCode", p.code}};
  const Json run = {{"ImageId", p.images.at(sim::kDefaultRegion).str()},
                    {"InstanceType", p.instance_types.front()},
                    {"MinCount", 1},
                    {"MaxCount", 1}};
  sim::Caller us;

  auto denied = g.call(us, "RunInstances", run);
  REQUIRE_FALSE(denied.ok());
  CHECK(denied.error().code == "OptInRequired");

  auto sub = g.handle(control("POST", "/_amisim/marketplace/subscriptions", body.dump()));
  CHECK(sub.status == 200);
  CHECK(json_of(sub)["subscribed"] == true);
  REQUIRE(g.call(us, "RunInstances", run).ok());

  // Unknown product and malformed bodies: 400 JSON errors; other methods 405.
  auto unknown = g.handle(control("POST", "/_amisim/marketplace/subscriptions",
                                  R"({"account": "123456789012", "productCode": "nope"})"));
  CHECK(unknown.status == 400);
  CHECK(json_of(unknown)["error"]["code"] == "InvalidParameterValue");
  CHECK(
      g.handle(control("POST", "/_amisim/marketplace/subscriptions", R"({"account": 1})")).status ==
      400);
  CHECK(g.handle(control("DELETE", "/_amisim/marketplace/subscriptions",
                         R"({"account": "12", "productCode": ")" + p.code + "\"}"))
            .status == 400);
  CHECK(g.handle(control("GET", "/_amisim/marketplace/subscriptions")).status == 405);

  // A new account subscribes: the account and the subscription are both journaled.
  const Json other = {{"account", "210987654321"}, {"productCode", p.code}};
  CHECK(g.handle(control("POST", "/_amisim/marketplace/subscriptions", other.dump())).status ==
        200);

  Json subscribed_doc = g.state_document();
  bool journaled = false;
  for (const auto& entry : subscribed_doc["journal"])
    journaled |= entry.contains("subscribe") && entry["subscribe"] == p.code;
  CHECK(journaled);
  gw::Gateway fresh(test::fixtures(), options(0));
  auto loaded = fresh.load_state(subscribed_doc);
  INFO((loaded.ok() ? "" : loaded.error().message));
  REQUIRE(loaded.ok());
  CHECK(fresh.world().digest() == g.world().digest());
  CHECK(fresh.call(us, "RunInstances", run).ok());

  // Unsubscribing changes the world too, and replays.
  auto unsub = g.handle(control("DELETE", "/_amisim/marketplace/subscriptions", body.dump()));
  CHECK(unsub.status == 200);
  CHECK(json_of(unsub)["subscribed"] == false);
  CHECK(g.call(us, "RunInstances", run).error().code == "OptInRequired");
  gw::Gateway again(test::fixtures(), options(0));
  REQUIRE(again.load_state(g.state_document()).ok());
  CHECK(again.world().digest() == g.world().digest());
  CHECK(again.call(us, "RunInstances", run).error().code == "OptInRequired");

  // A journal whose subscription names an unknown product does not load.
  Json bad = g.state_document();
  bad["journal"].push_back({{"subscribe", "nope"}, {"account", "123456789012"}});
  bad.erase("digest");
  CHECK_FALSE(again.load_state(bad).ok());
}

TEST_CASE(
    "Concurrent requests from several threads against one gateway see one consistent world, "
    "without deadlock") {
  gw::Gateway g(test::fixtures(), options(4));
  constexpr int kThreads = 4;
  constexpr int kPerThread = 20;
  const std::string run =
      "Action=RunInstances&Version=2016-11-15&InstanceType=t3.micro&MinCount=1&MaxCount=1&"
      "ImageId=resolve%3Assm%3A%2Faws%2Fservice%2Fami-amazon-linux-latest%2F"
      "al2023-ami-kernel-default-x86_64";
  std::vector<std::vector<std::string>> ids(kThreads);
  std::vector<int> failures(kThreads, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        auto r = g.handle(ec2_request(run, "us-east-1"));
        if (r.status != 200) ++failures[t];
        ids[t].emplace_back(r.headers.find("x-amzn-RequestId").value_or(""));
        // The control plane and the in-process door interleave with the HTTP calls.
        if (i % 5 == 0 && g.handle(control("GET", "/_amisim/state")).status != 200) ++failures[t];
        if (i % 7 == 0 && !g.call(sim::Caller{}, "DescribeInstances", Json::object()).ok())
          ++failures[t];
      }
    });
  }
  for (auto& thread : threads) thread.join();

  CHECK(failures == std::vector<int>(kThreads, 0));
  std::set<std::string> distinct;
  for (const auto& per_thread : ids) distinct.insert(per_thread.begin(), per_thread.end());
  CHECK(distinct.size() == kThreads * kPerThread);
  CHECK(g.world().region(sim::kDefaultRegion)->instances.size() == kThreads * kPerThread);
  auto described = g.call(sim::Caller{}, "DescribeInstances", Json::object());
  REQUIRE(described.ok());
  CHECK(described.value()["Reservations"].size() == kThreads * kPerThread);

  // The journal holds every call in one order, and replays to the same world.
  gw::Gateway fresh(test::fixtures(), {});
  REQUIRE(fresh.load_state(g.state_document()).ok());
  CHECK(fresh.world().digest() == g.world().digest());
}

TEST_CASE("Caller identity: only a key of exactly 12 digits names an account") {
  for (const std::string key : {"12345678901", "1234567890123", "12345678901a", "+12345678901"}) {
    INFO(key);
    HttpRequest r;
    r.headers.add("Authorization", "AWS4-HMAC-SHA256 Credential=" + key +
                                       "/20260101/eu-west-1/ec2/aws4_request, "
                                       "SignedHeaders=host, Signature=00");
    CHECK(gw::identify(r, always_region).caller.account == sim::kDefaultAccount);
  }
}
