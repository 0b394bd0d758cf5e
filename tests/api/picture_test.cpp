// The live picture (issue 20, api/picture/): GET /_amisim/timeline's bars, lineage, bill and call
// log through the gateway, GET /_amisim/events, the page at GET /_amisim/ui, bad queries, and the
// recorder's bounds.
#include <catch2/catch.hpp>
#include <filesystem>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "api/ec2/dispatch.hpp"
#include "api/gateway/gateway.hpp"
#include "api/picture/recorder.hpp"
#include "api/picture/timeline.hpp"
#include "api/scenario/loader.hpp"
#include "api/scenario/runner.hpp"
#include "api/scenario_support.hpp"
#include "harness.hpp"
#include "sim/billing/billing.hpp"

namespace gw = amisim::gateway;
namespace picture = amisim::picture;
using amisim::http::HttpRequest;
using Json = nlohmann::json;

namespace {

HttpRequest picture_get(const std::string& target) {
  HttpRequest r;
  r.method = "GET";
  r.target = target;
  return r;
}

Json picture_ok(gw::Gateway& g, const sim::Caller& who, const std::string& action,
                const Json& input) {
  auto r = g.call(who, action, input);
  INFO(action << ": " << (r.ok() ? "" : r.error().code + " " + r.error().message));
  REQUIRE(r.ok());
  return r.value();
}

Json timeline_of(gw::Gateway& g, const std::string& query = "") {
  auto reply = g.handle(picture_get("/_amisim/timeline" + query));
  REQUIRE(reply.status == 200);
  return Json::parse(reply.body);
}

const Json* resource_in(const Json& timeline, const std::string& id) {
  for (const auto& r : timeline["resources"])
    if (r["id"] == id) return &r;
  return nullptr;
}

std::vector<std::string> states_of(const Json& resource) {
  std::vector<std::string> out;
  for (const auto& s : resource["states"]) out.push_back(s["state"].get<std::string>());
  return out;
}

bool has_edge(const Json& timeline, const std::string& from, const std::string& to,
              const std::string& kind) {
  for (const auto& e : timeline["edges"])
    if (e["from"] == from && e["to"] == to && e["kind"] == kind) return true;
  return false;
}

std::string al2023_east() {
  for (const auto& i : test::fixtures()->images)
    if (i.family == "al2023-x86_64" && i.region.str() == "us-east-1") return i.id.str();
  FAIL("no al2023 image in us-east-1");
  return "";
}

gw::GatewayOptions manual_clock() {
  gw::GatewayOptions o;
  o.seed = 20;
  o.clock = {gw::ClockMode::kManual, 1};
  return o;
}

}  // namespace

TEST_CASE(
    "The picture draws an instance's states over model time, the image baked from it and "
    "its copy in another Region as a new ID",
    "[picture]") {
  gw::Gateway g(test::fixtures(), manual_clock());
  const sim::Caller east;
  sim::Caller west;
  west.region = test::kWest;
  const sim::TimeMs t0 = g.world().now();
  Json run = picture_ok(
      g, east, "RunInstances",
      {{"ImageId", al2023_east()}, {"InstanceType", "t3.micro"}, {"MinCount", 1}, {"MaxCount", 1}});
  const std::string instance = run["Instances"][0]["InstanceId"];
  REQUIRE(g.advance(60 * sim::kSecondMs).ok());
  picture_ok(g, east, "StopInstances", {{"InstanceIds", {instance}}});
  REQUIRE(g.advance(120 * sim::kSecondMs).ok());
  const std::string image =
      picture_ok(g, east, "CreateImage", {{"InstanceId", instance}, {"Name", "baked"}})["ImageId"];
  REQUIRE(g.advance(3600 * sim::kSecondMs).ok());
  const std::string copy = picture_ok(
      g, west, "CopyImage",
      {{"SourceImageId", image}, {"SourceRegion", "us-east-1"}, {"Name", "copied"}})["ImageId"];
  REQUIRE(g.advance(3600 * sim::kSecondMs).ok());

  Json t = timeline_of(g);
  const Json* bar = resource_in(t, instance);
  REQUIRE(bar != nullptr);
  CHECK((*bar)["kind"] == "instance");
  CHECK((*bar)["region"] == "us-east-1");
  // Every state the model went through, each from when it began: pending at the launch, running
  // when the boot ended (inside the first minute), stopping at the StopInstances call.
  CHECK(states_of(*bar) == std::vector<std::string>{"pending", "running", "stopping", "stopped"});
  auto began = [&](int i) {
    return *sim::parse_iso8601((*bar)["states"][i]["from"].get<std::string>());
  };
  CHECK(began(0) == t0);
  CHECK(began(1) > t0);
  CHECK(began(1) < t0 + 60 * sim::kSecondMs);
  CHECK(began(2) == t0 + 60 * sim::kSecondMs);
  CHECK(began(3) > began(2));
  CHECK(began(3) < t0 + 180 * sim::kSecondMs);
  CHECK((*bar)["states"].back()["to"] == t["now"]);

  REQUIRE(copy != image);
  const Json* baked = resource_in(t, image);
  const Json* copied = resource_in(t, copy);
  REQUIRE(baked != nullptr);
  REQUIRE(copied != nullptr);
  CHECK((*copied)["region"] == "us-west-2");
  CHECK(states_of(*copied).back() == "available");
  CHECK(has_edge(t, instance, image, "image"));
  CHECK(has_edge(t, image, copy, "copy"));
  // Each image's arrows to its snapshots name the snapshots DescribeImages gives.
  for (const auto& [who, id] : {std::pair{east, image}, std::pair{west, copy}}) {
    Json d = picture_ok(g, who, "DescribeImages", {{"ImageIds", {id}}});
    const auto& mappings = d["Images"][0]["BlockDeviceMappings"];
    REQUIRE_FALSE(mappings.empty());
    for (const auto& m : mappings) {
      const std::string snap = m["Ebs"]["SnapshotId"];
      CHECK(has_edge(t, id, snap, "snapshot"));
      CHECK(resource_in(t, snap) != nullptr);
    }
  }
  std::set<std::string> lanes;
  for (const auto& l : t["lanes"]) lanes.insert(l["region"].get<std::string>());
  CHECK(lanes == std::set<std::string>{"us-east-1", "us-west-2"});
}

TEST_CASE(
    "The picture's bill ends at GET /_amisim/billing's total, and the snapshots of a "
    "deregistered image keep it rising",
    "[picture]") {
  gw::Gateway g(test::fixtures(), manual_clock());
  const sim::Caller east;
  Json run = picture_ok(
      g, east, "RunInstances",
      {{"ImageId", al2023_east()}, {"InstanceType", "t3.micro"}, {"MinCount", 1}, {"MaxCount", 1}});
  const std::string instance = run["Instances"][0]["InstanceId"];
  REQUIRE(g.advance(60 * sim::kSecondMs).ok());
  const std::string image =
      picture_ok(g, east, "CreateImage", {{"InstanceId", instance}, {"Name", "gone"}})["ImageId"];
  REQUIRE(g.advance(3600 * sim::kSecondMs).ok());
  picture_ok(g, east, "TerminateInstances", {{"InstanceIds", {instance}}});
  picture_ok(g, east, "DeregisterImage", {{"ImageId", image}});
  const sim::TimeMs deregistered = g.world().now();
  // Twenty days: the terminated instance's lines are retired to daily totals after 14
  // (billing.hpp).
  for (int day = 0; day < 20; ++day) REQUIRE(g.advance(24 * 3600 * sim::kSecondMs).ok());

  Json t = timeline_of(g);
  Json bill = Json::parse(g.handle(picture_get("/_amisim/billing")).body);
  CHECK(t["bill"]["total_usd"] == bill["total_usd"]);
  // The series' last values add up to the total (to the micro-dollar each is rounded to).
  double sum = 0;
  const Json* snapshots = nullptr;
  for (const auto& s : t["bill"]["series"]) {
    sum += std::stod(s["cost_usd"].back().get<std::string>());
    if (s["usage_type"] == "EBS:SnapshotUsage") snapshots = &s;
  }
  CHECK(sum == Approx(std::stod(bill["total_usd"].get<std::string>())).margin(1e-5));
  CHECK(g.world().meter().retired_through() > 0);  // some usage is billed by day now
  // At every time of the series, each usage type's value is what the bill from the world's start
  // to that time gives it (sim::cost_series_by_usage_type is one pass; compute_bill one a time).
  for (std::size_t i = 0; i < t["bill"]["times"].size(); ++i) {
    sim::BillRequest r;
    r.to = *sim::parse_iso8601(t["bill"]["times"][i].get<std::string>());
    r.group_by = sim::BillGrouping::kUsageType;
    std::map<std::string, sim::MicroUsd> expected;
    for (const auto& line : sim::compute_bill(g.world(), r).lines)
      expected[line.usage_type] += line.cost;
    for (const auto& s : t["bill"]["series"]) {
      INFO(s["usage_type"] << " at " << t["bill"]["times"][i]);
      CHECK(s["cost_usd"][i] == sim::format_usd(expected[s["usage_type"].get<std::string>()]));
    }
  }
  REQUIRE(snapshots != nullptr);
  // After the deregistration the snapshot line never falls, and days later it has risen.
  const auto& times = t["bill"]["times"];
  double previous = -1, at_deregistration = -1, last = -1;
  for (std::size_t i = 0; i < times.size(); ++i) {
    auto at = sim::parse_iso8601(times[i].get<std::string>());
    REQUIRE(at);
    const double v = std::stod((*snapshots)["cost_usd"][i].get<std::string>());
    if (*at <= deregistered) at_deregistration = v;
    if (*at > deregistered) CHECK(v >= previous);
    previous = last = v;
  }
  CHECK(last > at_deregistration);
  CHECK(at_deregistration > 0);
  const Json* baked = resource_in(t, image);
  REQUIRE(baked != nullptr);
  CHECK(states_of(*baked).back() == "deregistered");
}

TEST_CASE(
    "The call log names each call's result and what it changed; /_amisim/events gives the "
    "calls after a number",
    "[picture]") {
  gw::Gateway g(test::fixtures(), {});
  const sim::Caller east;
  picture_ok(g, east, "DescribeImages", {{"Owners", {"self"}}});
  auto refused = g.call(east, "DeleteVolume", {{"VolumeId", "vol-0123456789abcdef0"}});
  REQUIRE_FALSE(refused.ok());
  Json volume =
      picture_ok(g, east, "CreateVolume", {{"AvailabilityZone", "us-east-1a"}, {"Size", 8}});
  const std::string id = volume["VolumeId"];

  Json t = timeline_of(g);
  REQUIRE(t["calls"].size() == 3);
  CHECK(t["calls"][0]["action"] == "DescribeImages");
  CHECK(t["calls"][0]["changed"].empty());
  CHECK(t["calls"][1]["error"] == refused.error().code);
  CHECK(t["calls"][1]["changed"].empty());
  CHECK(t["calls"][2]["action"] == "CreateVolume");
  CHECK(t["calls"][2]["error"] == "");
  CHECK(t["calls"][2]["changed"] == Json::array({id}));
  CHECK(t["calls"][2]["account"] == sim::Caller{}.account.str());

  CHECK(t["calls_left_out"] == 0);
  // ?calls=N: the latest N calls of the window, and how many were left out.
  Json latest = timeline_of(g, "?calls=2");
  REQUIRE(latest["calls"].size() == 2);
  CHECK(latest["calls"][0]["seq"] == t["calls"][1]["seq"]);
  CHECK(latest["calls"][1]["seq"] == t["calls"][2]["seq"]);
  CHECK(latest["calls_left_out"] == 1);
  CHECK(timeline_of(g, "?calls=0")["calls"].empty());
  CHECK(timeline_of(g, "?calls=0")["calls_left_out"] == 3);

  Json news = Json::parse(g.handle(picture_get("/_amisim/events?after=1")).body);
  REQUIRE(news["calls"].size() == 2);
  CHECK(news["calls"][0]["seq"] == 2);
  CHECK(news["version"] == t["version"]);
  // A reset starts a new picture.
  g.reset(std::nullopt);
  Json fresh = timeline_of(g);
  CHECK(fresh["calls"].empty());
  CHECK(fresh["resources"].empty());
  CHECK(fresh["version"].get<std::uint64_t>() > t["version"].get<std::uint64_t>());
}

TEST_CASE(
    "The picture draws buckets, store, import and export tasks with their states and arrows: "
    "image to store task to bucket, stored image to its restore, bucket to import task to what "
    "it made, image to export task to bucket; a deleted bucket's bar ends",
    "[picture]") {
  gw::Gateway g(test::fixtures(), manual_clock());
  const sim::Caller east;
  auto s3_ok = [&](const std::string& action, const Json& input) {
    auto r = g.call_s3(east, action, input);
    INFO(action << ": " << (r.ok() ? "" : r.error().code + " " + r.error().message));
    REQUIRE(r.ok());
  };
  s3_ok("CreateBucket", {{"Bucket", "amis"}});
  std::string disk = "KDMV";  // a stream-optimized VMDK's first bytes
  disk.resize(4096, '\x01');
  s3_ok("PutObject", {{"Bucket", "amis"}, {"Key", "vm/disk.vmdk"}, {"Body", disk}});
  Json run = picture_ok(
      g, east, "RunInstances",
      {{"ImageId", al2023_east()}, {"InstanceType", "t3.micro"}, {"MinCount", 1}, {"MaxCount", 1}});
  REQUIRE(g.advance(120 * sim::kSecondMs).ok());
  const std::string image = picture_ok(
      g, east, "CreateImage",
      {{"InstanceId", run["Instances"][0]["InstanceId"]}, {"Name", "golden"}})["ImageId"];
  REQUIRE(g.advance(3600 * sim::kSecondMs).ok());

  picture_ok(g, east, "CreateStoreImageTask", {{"ImageId", image}, {"Bucket", "amis"}});
  const std::string task = picture_ok(
      g, east, "ImportImage",
      {{"DiskContainers",
        {{{"Format", "vmdk"},
          {"UserBucket", {{"S3Bucket", "amis"}, {"S3Key", "vm/disk.vmdk"}}}}}}})["ImportTaskId"];
  const std::string export_task = picture_ok(
      g, east, "ExportImage",
      {{"ImageId", image},
       {"DiskImageFormat", "VMDK"},
       {"S3ExportLocation", {{"S3Bucket", "amis"}, {"S3Prefix", "vms/"}}}})["ExportImageTaskId"];
  Json t = timeline_of(g);
  const Json* bucket = resource_in(t, "s3://amis");
  REQUIRE(bucket != nullptr);
  CHECK((*bucket)["kind"] == "bucket");
  CHECK((*bucket)["region"] == "us-east-1");
  const std::string store = "store-us-east-1-1";
  REQUIRE(resource_in(t, store) != nullptr);
  CHECK(states_of(*resource_in(t, store)) == std::vector<std::string>{"InProgress"});
  CHECK(has_edge(t, image, store, "store"));
  CHECK(has_edge(t, store, "s3://amis", "object"));
  REQUIRE(resource_in(t, task) != nullptr);
  CHECK((*resource_in(t, task))["kind"] == "import task");
  CHECK(states_of(*resource_in(t, task)) == std::vector<std::string>{"active"});
  CHECK(has_edge(t, "s3://amis", task, "import"));
  REQUIRE(resource_in(t, export_task) != nullptr);
  CHECK(has_edge(t, image, export_task, "export"));
  CHECK(has_edge(t, export_task, "s3://amis", "object"));

  // The tasks end as the clock moves: their states follow, the import's results get arrows.
  REQUIRE(g.advance(24 * 3600 * sim::kSecondMs).ok());
  t = timeline_of(g);
  CHECK(states_of(*resource_in(t, store)) == std::vector<std::string>{"InProgress", "Completed"});
  CHECK(states_of(*resource_in(t, task)).back() == "completed");
  CHECK(states_of(*resource_in(t, export_task)).back() == "completed");
  Json done = picture_ok(g, east, "DescribeImportImageTasks",
                         {{"ImportTaskIds", {task}}})["ImportImageTasks"][0];
  const std::string imported = done["ImageId"];
  CHECK(has_edge(t, task, imported, "import"));
  CHECK(has_edge(t, task, done["SnapshotDetails"][0]["SnapshotId"].get<std::string>(), "import"));
  CHECK(resource_in(t, imported) != nullptr);

  const std::string restored = picture_ok(
      g, east, "CreateRestoreImageTask",
      {{"Bucket", "amis"}, {"ObjectKey", image + ".bin"}, {"Name", "restored"}})["ImageId"];
  t = timeline_of(g);
  CHECK(has_edge(t, image, restored, "restore"));

  // A bucket emptied and deleted: its bar ends.
  auto objects = g.call_s3(east, "ListObjectsV2", {{"Bucket", "amis"}});
  REQUIRE(objects.ok());
  for (const auto& o : objects.value()["Contents"])
    s3_ok("DeleteObject", {{"Bucket", "amis"}, {"Key", o["Key"]}});
  s3_ok("DeleteBucket", {{"Bucket", "amis"}});
  t = timeline_of(g);
  REQUIRE(resource_in(t, "s3://amis") != nullptr);
  CHECK_FALSE((*resource_in(t, "s3://amis"))["gone"].is_null());
}

TEST_CASE("The picture's endpoints refuse bad queries with a JSON error and wrong methods with 405",
          "[picture]") {
  gw::Gateway g(test::fixtures(), {});
  for (const std::string target :
       {"/_amisim/timeline?from=yesterday", "/_amisim/timeline?extra=1",
        "/_amisim/timeline?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z",
        "/_amisim/timeline?to=x&to=y", "/_amisim/timeline?calls=-1", "/_amisim/timeline?calls=many",
        "/_amisim/events?after=abc", "/_amisim/events?after=-1",
        "/_amisim/events?after=", "/_amisim/events?since=1"}) {
    INFO(target);
    auto r = g.handle(picture_get(target));
    CHECK(r.status == 400);
    CHECK(Json::parse(r.body)["error"]["code"] == "InvalidParameterValue");
  }
  for (const std::string path : {"/_amisim/timeline", "/_amisim/events", "/_amisim/ui"}) {
    auto r = g.handle(HttpRequest{"POST", path, {}, "", ""});
    CHECK(r.status == 405);
  }
}

TEST_CASE("The page is served from the binary and asks nothing of any other host", "[picture]") {
  gw::Gateway g(test::fixtures(), {});
  auto r = g.handle(picture_get("/_amisim/ui"));
  REQUIRE(r.status == 200);
  CHECK(std::string(r.headers.find("Content-Type").value_or("")).rfind("text/html", 0) == 0);
  CHECK(r.body.rfind("<!DOCTYPE html>", 0) == 0);
  CHECK(r.body.find("/_amisim/timeline") != std::string::npos);
  // No script, style, font or image from elsewhere: the only absolute URL is SVG's namespace name.
  std::regex absolute(R"((https?:)?//[A-Za-z0-9.-]+)");
  for (auto it = std::sregex_iterator(r.body.begin(), r.body.end(), absolute);
       it != std::sregex_iterator(); ++it) {
    CHECK(it->str() == "http://www.w3.org");
  }
}

TEST_CASE(
    "Past kWholeLooks whole-world looks between two logs, events look no more until the move's "
    "end owes one; a log starts the count again",
    "[picture]") {
  sim::World world(test::fixtures());
  picture::Recorder recorder;
  recorder.restart(world);
  const sim::Caller east;
  sim::Event run;  // a lifecycle policy's run: its effects name no one resource
  run.kind = sim::EventKind::kDlmRun;
  run.region = east.region;
  // A volume made behind the recorder's back (no look at the call), then such an event.
  auto volume_then_event = [&] {
    auto r = amisim::ec2::call(world, east, "CreateVolume",
                               {{"AvailabilityZone", "us-east-1a"}, {"Size", 8}});
    REQUIRE(r.ok());
    recorder.look_event(world, run);
    return r.value()["VolumeId"].get<std::string>();
  };
  auto drawn = [&] {
    std::size_t n = 0;
    for (const auto& t : recorder.tracks()) n += t.id.empty() ? 0 : 1;
    return n;
  };
  const int cap = picture::Recorder::kWholeLooks;
  for (int i = 0; i < cap; ++i) volume_then_event();
  CHECK(drawn() == static_cast<std::size_t>(cap));  // each event's whole look drew its volume
  for (int i = 0; i < 5; ++i) volume_then_event();
  CHECK(drawn() == static_cast<std::size_t>(cap));  // past the cap: no more looks
  recorder.look_owed(world);
  CHECK(drawn() == static_cast<std::size_t>(cap + 5));  // the owed one draws them all
  recorder.look_owed(world);                            // owed once only: nothing more to do
  recorder.call(east, world.now(), "ec2", "DescribeVolumes", "");
  volume_then_event();  // the log started the count again: the next event looks
  CHECK(drawn() == static_cast<std::size_t>(cap + 6));
}

TEST_CASE("The recorder keeps at most its bound of resources, forgetting the first gone first",
          "[picture]") {
  sim::World world(test::fixtures());
  picture::Recorder recorder(true, 3, 2);
  recorder.restart(world);
  const sim::Caller east;
  std::vector<std::string> volumes;
  auto call = [&](const std::string& action, const Json& input) {
    auto r = amisim::ec2::call(world, east, action, input);
    recorder.look_call(world, east.region, input, r.ok() ? r.value() : Json());
    recorder.call(east, world.now(), "ec2", action, r.ok() ? "" : r.error().code);
    return r;
  };
  for (int i = 0; i < 3; ++i) {
    auto r = call("CreateVolume", {{"AvailabilityZone", "us-east-1a"}, {"Size", 8}});
    REQUIRE(r.ok());
    volumes.push_back(r.value()["VolumeId"]);
  }
  CHECK_FALSE(recorder.truncated());
  CHECK(recorder.calls().size() == 2);  // the last two
  CHECK(recorder.calls().back().seq == 3);
  // A fourth with none gone: not drawn, and the picture says so.
  auto fourth = call("CreateVolume", {{"AvailabilityZone", "us-east-1a"}, {"Size", 8}});
  REQUIRE(fourth.ok());
  CHECK(recorder.truncated());
  auto drawn = [&] {
    std::set<std::string> ids;
    for (const auto& t : recorder.tracks())
      if (!t.id.empty()) ids.insert(t.id);
    return ids;
  };
  CHECK(drawn() == std::set<std::string>(volumes.begin(), volumes.end()));
  // Once one is gone, a look at the whole world draws the fourth in its place; a fifth finds no
  // room.
  sim::advance_by(world, 60 * sim::kSecondMs);
  REQUIRE(call("DeleteVolume", {{"VolumeId", volumes[1]}}).ok());
  sim::advance_by(world, 60 * sim::kSecondMs);
  recorder.look_all(world);
  recorder.clock_moved(world.now(), "clock/advance");
  const std::string fourth_id = fourth.value()["VolumeId"];
  CHECK(drawn() == std::set<std::string>{volumes[0], volumes[2], fourth_id});
  CHECK(recorder.calls().back().action == "clock/advance");
  // The move logs what it saw: the deleted one leaving and the fourth arriving (and the state the
  // others reached while the picture could not look).
  const auto& moved = recorder.calls().back().changed;
  CHECK(std::count(moved.begin(), moved.end(), volumes[1]) == 1);
  CHECK(std::count(moved.begin(), moved.end(), fourth_id) == 1);
  REQUIRE(call("CreateVolume", {{"AvailabilityZone", "us-east-1a"}, {"Size", 8}}).ok());
  CHECK(drawn() == std::set<std::string>{volumes[0], volumes[2], fourth_id});
}

// Each shipped scenario reaches some part of the model (Data Lifecycle Manager's runs, S3
// restores and VM imports, the Recycle Bin, copies, archives): at its end the picture draws every
// resource the scenario made, in its state now, and none that is gone.
TEST_CASE("At the end of every shipped scenario, the picture draws what the world holds",
          "[picture][scenario]") {
  const auto files = test::shipped_scenario_files();
  REQUIRE(files.size() > 20);
  for (const auto& file : files) {
    INFO(file.filename().string());
    test::Watched seen;
    amisim::scenario::RunOptions options;
    options.door = [&seen](std::uint64_t seed, bool instant) {
      return std::make_unique<test::WatchingDoor>(
          amisim::scenario::in_process_door(test::fixtures(), seed, instant), seen);
    };
    auto scenario = amisim::scenario::load_scenario(file.string());
    REQUIRE(scenario.ok());
    CHECK(amisim::scenario::run_scenario(scenario.value(), test::fixtures(), options).passed);
    REQUIRE(seen.picture.is_object());
    CHECK_FALSE(seen.picture["truncated"].get<bool>());
    std::set<std::string> drawn;
    for (const auto& r : seen.picture["resources"]) {
      const std::string id = r["id"];
      INFO(id);
      drawn.insert(id);
      // Buckets and image tasks are not in the scenario door's inventory (the test of buckets
      // and tasks above follows theirs).
      const std::string kind = r["kind"];
      if (kind == "bucket" || kind.find("task") != std::string::npos) continue;
      auto it = seen.at_end.find(id);
      // Gone, or in the Recycle Bin (which the inventory does not list): not in the world's maps.
      if (!r["gone"].is_null() || r["states"].back()["state"] == "in Recycle Bin") {
        CHECK(it == seen.at_end.end());
        continue;
      }
      REQUIRE(it != seen.at_end.end());
      CHECK(it->second == r["states"].back()["state"].get<std::string>() + " (" +
                              r["region"].get<std::string>() + ")");
    }
    for (const auto& [id, state] : seen.at_end) {
      if (seen.at_start.count(id) != 0) continue;  // the catalogue's, there from the start
      INFO(id << " " << state);
      CHECK(drawn.count(id) == 1);
    }
  }
}
