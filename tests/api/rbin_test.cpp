// The Recycle Bin's rbin door (api/rbin) over the gateway: restJson1 paths and methods, success
// statuses (201, 204), errors with x-amzn-ErrorType and Reason, journaling and replay; and the
// EC2 side's handlers (api/ec2/recycle_bin.cpp) through ec2::call.
#include "api/rbin/rbin.hpp"

#include <catch2/catch.hpp>

#include "api/ec2/dispatch.hpp"
#include "api/gateway/gateway.hpp"
#include "tests/api/rest_json_support.hpp"
#include "tests/harness.hpp"

namespace gw = amisim::gateway;
using amisim::http::HttpRequest;
using amisim::http::HttpResponse;
using Json = nlohmann::json;

namespace {

HttpRequest rbin_request(const std::string& method, const std::string& target,
                         const std::string& body = "", const std::string& key = "AKIDEXAMPLE") {
  return test::rest_json_request("rbin", method, target, body, key);
}

gw::GatewayOptions manual() {
  gw::GatewayOptions o;
  o.clock = {gw::ClockMode::kManual, 1};
  return o;
}

const char* kSnapshotRule =
    R"({"ResourceType":"EBS_SNAPSHOT","RetentionPeriod":{"RetentionPeriodValue":7,)"
    R"("RetentionPeriodUnit":"DAYS"},"Tags":[{"Key":"team","Value":"a"}]})";

}  // namespace

TEST_CASE("rbin over HTTP: each operation by its method and path, with the model's statuses") {
  gw::Gateway g(test::fixtures(), manual());
  HttpResponse r = g.handle(rbin_request("POST", "/rules", kSnapshotRule));
  REQUIRE(r.status == 201);
  const Json created = Json::parse(r.body);
  const std::string id = created.at("Identifier");
  const std::string arn = created.at("RuleArn");
  CHECK(arn == "arn:aws:rbin:eu-west-1:123456789012:rule/" + id);
  CHECK(created.at("Status") == "pending");
  CHECK(created.at("Tags") == Json::parse(R"([{"Key":"team","Value":"a"}])"));
  CHECK_FALSE(created.contains("LockState"));  // never locked: the API's null

  r = g.handle(rbin_request("GET", "/rules/" + id));
  REQUIRE(r.status == 200);
  CHECK(Json::parse(r.body).at("RetentionPeriod").at("RetentionPeriodValue") == 7);
  r = g.handle(rbin_request("PATCH", "/rules/" + id, R"({"Description":"all of them"})"));
  REQUIRE(r.status == 200);
  CHECK(Json::parse(r.body).at("Description") == "all of them");
  r = g.handle(rbin_request("POST", "/list-rules", R"({"ResourceType":"EBS_SNAPSHOT"})"));
  REQUIRE(r.status == 200);
  CHECK(Json::parse(r.body).at("Rules").size() == 1);
  // The ARN travels percent-encoded in the path, as the SDKs send it.
  std::string encoded = arn;
  for (std::size_t at; (at = encoded.find(':')) != std::string::npos;)
    encoded.replace(at, 1, "%3A");
  for (std::size_t at; (at = encoded.find('/')) != std::string::npos;)
    encoded.replace(at, 1, "%2F");
  r = g.handle(rbin_request("POST", "/tags/" + encoded, R"({"Tags":[{"Key":"b","Value":"2"}]})"));
  CHECK(r.status == 201);
  r = g.handle(rbin_request("DELETE", "/tags/" + encoded + "?tagKeys=team"));
  CHECK(r.status == 204);
  CHECK(r.body.empty());
  r = g.handle(rbin_request("GET", "/tags/" + encoded));
  CHECK(Json::parse(r.body).at("Tags") == Json::parse(R"([{"Key":"b","Value":"2"}])"));
  r = g.handle(rbin_request("PATCH", "/rules/" + id + "/lock",
                            R"({"LockConfiguration":{"UnlockDelay":{"UnlockDelayValue":10,)"
                            R"("UnlockDelayUnit":"DAYS"}}})"));
  REQUIRE(r.status == 200);
  CHECK(Json::parse(r.body).at("LockState") == "locked");
  r = g.handle(rbin_request("PATCH", "/rules/" + id + "/unlock"));
  REQUIRE(r.status == 200);
  const Json unlocked = Json::parse(r.body);
  CHECK(unlocked.at("LockState") == "pending_unlock");
  // restJson1 timestamps are epoch seconds: the unlock delay's end, 10 days from now.
  CHECK(unlocked.at("LockEndTime").get<double>() ==
        static_cast<double>(g.world().now() + 10 * sim::kDayMs) / 1000.0);
  r = g.handle(rbin_request("DELETE", "/rules/" + id));
  CHECK(r.status == 409);
  REQUIRE(g.advance(10 * sim::kDayMs).ok());
  r = g.handle(rbin_request("DELETE", "/rules/" + id));
  CHECK(r.status == 204);
}

TEST_CASE("rbin errors are restJson1: status, x-amzn-ErrorType, message and Reason") {
  gw::Gateway g(test::fixtures(), manual());
  auto error_of = [&](const HttpRequest& request) {
    HttpResponse r = g.handle(request);
    const Json body = Json::parse(r.body);
    return std::tuple{r.status, std::string(*r.headers.find("x-amzn-ErrorType")),
                      body.value("Reason", std::string())};
  };
  CHECK(error_of(rbin_request("GET", "/rules/abcdefghijk")) ==
        std::tuple{404, std::string("ResourceNotFoundException"), std::string("RULE_NOT_FOUND")});
  CHECK(
      error_of(rbin_request("POST", "/rules",
                            R"({"ResourceType":"EBS_VOLUME","RetentionPeriod":)"
                            R"({"RetentionPeriodValue":8,"RetentionPeriodUnit":"DAYS"}})")) ==
      std::tuple{400, std::string("ValidationException"), std::string("INVALID_PARAMETER_VALUE")});
  CHECK(
      error_of(rbin_request("POST", "/rules", R"({"ResourceType":7})")) ==
      std::tuple{400, std::string("ValidationException"), std::string("INVALID_PARAMETER_VALUE")});
  CHECK(std::get<0>(error_of(rbin_request("POST", "/rules", "not json"))) == 400);
  CHECK(std::get<0>(error_of(rbin_request("PUT", "/rules/x"))) == 404);
  CHECK(error_of(rbin_request("POST", "/list-rules",
                              R"({"ResourceType":"EC2_IMAGE",)"
                              R"("NextToken":"!!"})")) ==
        std::tuple{400, std::string("ValidationException"), std::string("INVALID_PAGE_TOKEN")});
  // Nothing was journaled by the refusals.
  int rbin_calls = 0;
  for (const auto& e : g.state_document()["journal"]) rbin_calls += e.contains("rbin") ? 1 : 0;
  CHECK(rbin_calls == 0);
}

TEST_CASE("rbin calls are journaled: the state document replays the rules and the bin") {
  gw::Gateway g(test::fixtures(), manual());
  REQUIRE(g.handle(rbin_request("POST", "/rules", kSnapshotRule)).status == 201);
  REQUIRE(g.advance(sim::kHourMs).ok());
  const sim::Caller eu{sim::kDefaultAccount, sim::RegionName("eu-west-1")};
  auto volume = g.call(eu, "CreateVolume", {{"AvailabilityZone", "eu-west-1a"}, {"Size", 1}});
  REQUIRE(volume.ok());
  REQUIRE(g.advance(sim::kMinuteMs).ok());
  auto snap = g.call(eu, "CreateSnapshot", {{"VolumeId", volume.value()["VolumeId"]}});
  REQUIRE(snap.ok());
  REQUIRE(g.advance(sim::kHourMs).ok());
  REQUIRE(g.call(eu, "DeleteSnapshot", {{"SnapshotId", snap.value()["SnapshotId"]}}).ok());
  CHECK(g.world().region(sim::RegionName("eu-west-1"))->bin.snapshots.size() == 1);
  Json doc = g.state_document();
  gw::Gateway other(test::fixtures(), manual());
  auto loaded = other.load_state(doc);
  INFO((loaded.ok() ? "" : loaded.error().message));
  REQUIRE(loaded.ok());
  CHECK(other.world().digest() == g.world().digest());
  CHECK(other.world().region(sim::RegionName("eu-west-1"))->bin.snapshots.size() == 1);
}

TEST_CASE("rbin::call in process: unknown operation and a malformed caller") {
  test::Harness h;
  CHECK(rbin::call(h.world, h.caller, "PurgeBin", Json::object()).error().code ==
        "UnknownOperationException");
  sim::Caller bad{sim::AccountId{"x"}, sim::kDefaultRegion};
  CHECK(rbin::call(h.world, bad, "ListRules", Json::object()).error().code == "AuthFailure");
  CHECK(rbin::call(h.world, h.caller, "ListRules", {{"ResourceType", "EC2_IMAGE"}}).ok());
}

TEST_CASE("EC2's Recycle Bin calls answer the model's shapes") {
  test::Harness h;
  const std::string before = h.world.digest();
  auto call = [&](const std::string& action, const Json& in) {
    return amisim::ec2::call(h.world, h.caller, action, in);
  };
  CHECK(call("ListImagesInRecycleBin", Json::object()).value() == Json::parse(R"({"Images":[]})"));
  CHECK(call("ListSnapshotsInRecycleBin", {{"MaxResults", 5}}).value() ==
        Json::parse(R"({"Snapshots":[]})"));
  CHECK(call("ListVolumesInRecycleBin", Json::object()).value() ==
        Json::parse(R"({"Volumes":[]})"));
  CHECK(call("RestoreImageFromRecycleBin", Json::object()).error().code == "MissingParameter");
  CHECK(call("RestoreSnapshotFromRecycleBin", {{"SnapshotId", "snap-0123456789abcdef0"}})
            .error()
            .code == "InvalidSnapshot.NotFound");
  CHECK(call("RestoreImageFromRecycleBin", {{"ImageId", "ami-0123456789abcdef0"}, {"DryRun", true}})
            .error()
            .code == "InvalidAMIID.NotFound");
  CHECK(h.world.digest() == before);
}
