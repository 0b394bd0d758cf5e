// The world snapshot (api/io/world_snapshot.hpp): every struct's members are all written (their
// layouts checked against the field lists), the catalogue is written only where it changed,
// shared data stays shared, raw bytes survive, every shipped scenario's world survives a snapshot
// after each of its steps, and a bad snapshot is refused with the place that is wrong.
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "api/client/remote.hpp"
#include "api/ec2/dispatch.hpp"
#include "api/gateway/gateway.hpp"
#include "api/io/fixtures.hpp"
#include "api/io/snapshot_fields.hpp"
#include "api/io/world_snapshot.hpp"
#include "api/scenario/loader.hpp"
#include "api/scenario/runner.hpp"
#include "api/scenario_support.hpp"
#include "sim/billing/billing.hpp"
#include "sim/core/hash.hpp"
#include "tests/harness.hpp"

namespace codec = amisim::io::codec;
namespace sc = amisim::scenario;
using Json = nlohmann::json;

namespace {

// --- layouts ------------------------------------------------------------------------------------

struct Span {
  std::size_t offset = 0;
  std::size_t size = 0;
  std::size_t align = 1;
};

std::size_t align_up(std::size_t n, std::size_t align) { return (n + align - 1) / align * align; }

// The span of `member`, a member of the struct at `base`.
template <class M>
Span span_of(const void* base, const M& member) {
  return {static_cast<std::size_t>(reinterpret_cast<const char*>(&member) -
                                   static_cast<const char*>(base)),
          sizeof(M), alignof(M)};
}

// The members' spans in `value`, as the field list (and its late members) names them.
template <class T>
std::vector<Span> listed_spans(const T& value) {
  std::vector<Span> spans;
  std::apply([&](const auto&... f) { (spans.push_back(span_of(&value, value.*f.member)), ...); },
             codec::Fields<T>::list);
  if constexpr (requires { codec::Fields<T>::late; })
    std::apply([&](const auto&... f) { (spans.push_back(span_of(&value, value.*f.member)), ...); },
               codec::Fields<T>::late);
  return spans;
}

// The spans, in offset order, tile the struct: each starts where the one before ends (rounded up
// to its alignment), and the last ends where the struct does (rounded up to the struct's). A
// member the list misses leaves a hole, unless it fits in padding (then the member count check
// in snapshot_codec.hpp fails the build instead).
template <class T>
void check_tiling(std::vector<Span> spans) {
  std::sort(spans.begin(), spans.end(),
            [](const Span& a, const Span& b) { return a.offset < b.offset; });
  std::size_t end = 0;
  for (const Span& s : spans) {
    CHECK(s.offset == align_up(end, s.align));
    end = s.offset + s.size;
  }
  CHECK(align_up(end, alignof(T)) == sizeof(T));
}

// The same, for a struct some of whose members are written by hand: `by_hand`.
template <class T, class... M>
void check_tiling_with(const T& value, const M&... by_hand) {
  std::vector<Span> spans = listed_spans(value);
  (spans.push_back(span_of(&value, by_hand)), ...);
  check_tiling<T>(std::move(spans));
}

// --- round trips --------------------------------------------------------------------------------

// A world built as `like` was (fixtures, seed), with `snapshot` restored into it.
std::unique_ptr<sim::World> restore_like(const sim::World& like, const Json& snapshot,
                                         std::string* problem) {
  auto world = std::make_unique<sim::World>(like.fixtures_ptr(), like.options());
  *problem = io::restore_world_snapshot(*world, snapshot);
  return world;
}

// The one-line problem restoring `snapshot` into a world like `like` reports ("" when it loads).
std::string refused_by(const sim::World& like, const Json& snapshot) {
  std::string problem;
  restore_like(like, snapshot, &problem);
  return problem;
}

// Snapshots `world`, restores the snapshot into a fresh world and checks that it is the same world:
// the same digest, the same snapshot written again, the same image-name and instance-tag indexes
// (which the snapshot rebuilds rather than stores). Returns the restored world.
// The name index's entries as (name, ID), in its order.
std::vector<std::pair<std::string, std::string>> indexed_names(const sim::RegionState& region) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const sim::Image* image : region.image_names.entries(region.images))
    out.emplace_back(image->name, image->id.str());
  return out;
}

std::unique_ptr<sim::World> round_trip(const sim::World& world) {
  const Json snapshot = io::world_snapshot(world);
  std::string problem;
  auto copy = restore_like(world, snapshot, &problem);
  INFO(problem);
  REQUIRE(problem.empty());
  CHECK(copy->digest() == world.digest());
  CHECK(io::world_snapshot(*copy) == snapshot);
  for (const auto& [name, region] : world.regions()) {
    CHECK(indexed_names(*copy->region(name)) == indexed_names(region));
    CHECK(copy->region(name)->instance_tags == region.instance_tags);
  }
  return copy;
}

Json must(sim::World& world, const sim::Caller& caller, const std::string& action,
          const Json& input) {
  auto out = ec2::call(world, caller, action, input);
  INFO(action << ": " << (out.ok() ? "" : out.error().code + " " + out.error().message));
  REQUIRE(out.ok());
  return out.value();
}

std::string launch(test::Harness& h) {
  const Json out = must(h.world, h.caller, "RunInstances",
                        {{"ImageId", h.catalogue_image("al2023-x86_64").str()},
                         {"InstanceType", "t3.micro"},
                         {"MinCount", 1},
                         {"MaxCount", 1}});
  return out["Instances"][0]["InstanceId"].get<std::string>();
}

}  // namespace

TEMPLATE_LIST_TEST_CASE("A snapshot's field list covers its struct's whole layout", "[snapshot]",
                        codec::FieldStructs) {
  TestType value{};
  check_tiling<TestType>(listed_spans(value));
}

TEST_CASE("RegionState: the listed members and the five written by hand cover its layout") {
  sim::RegionState r;
  check_tiling_with(r, r.info, r.images, r.snapshots, r.image_names, r.instance_tags);
}

TEST_CASE("Image: the listed members and the location's two cover its layout") {
  sim::Image image;
  check_tiling_with(image, image.location_head, image.location_is_whole);
}

// An image's location is kept relative to its name when it ends in "/<name>" (sim/state/image.hpp):
// the snapshot still writes the whole text, and a location of either kind comes back the same.
TEST_CASE("An image's location is written whole and restored, relative to its name or not") {
  test::Harness h(5);
  sim::RegionState& r = *h.world.region(sim::RegionName("us-east-1"));
  const sim::ImageId relative = h.catalogue_image("al2023-x86_64");
  sim::Image& a = r.images.at(relative);
  a.description = "changed";  // a changed catalogue image is written whole
  CHECK_FALSE(a.location_is_whole);
  CHECK(a.image_location() == "amazon/" + a.name);
  const sim::ImageId whole = h.catalogue_image("al2023-arm64");
  sim::Image& b = r.images.at(whole);
  b.set_image_location("bucket/" + b.name + ".manifest.xml");  // not ending in "/<name>"
  CHECK(b.location_is_whole);
  const Json snapshot = io::world_snapshot(h.world);
  CHECK(snapshot["regions"]["us-east-1"]["images"].dump().find("\"image_location\":\"amazon/" +
                                                               a.name + "\"") != std::string::npos);
  auto copy = round_trip(h.world);
  const sim::RegionState& c = *copy->region(sim::RegionName("us-east-1"));
  CHECK(c.images.at(relative).image_location() == "amazon/" + a.name);
  CHECK_FALSE(c.images.at(relative).location_is_whole);
  CHECK(c.images.at(whole).image_location() == "bucket/" + b.name + ".manifest.xml");
  CHECK(c.images.at(whole).location_is_whole);
}

TEST_CASE("A fresh world's snapshot holds none of the catalogue, and restores to the same world") {
  test::Harness h(3);
  const Json snapshot = io::world_snapshot(h.world);
  CHECK(snapshot["format"] == "amisim-snapshot/3");
  CHECK(snapshot["digest"] == h.world.digest());
  for (const auto& [name, region] : snapshot["regions"].items()) {
    INFO(name);
    CHECK(region["images"].empty());
    CHECK(region["snapshots"].empty());
    CHECK(region["removed_images"].empty());
    CHECK(region["removed_snapshots"].empty());
  }
  CHECK(snapshot["volume_data"].empty());
  round_trip(h.world);
}

TEST_CASE("A changed catalogue image is written whole, a gone one is listed by ID") {
  test::Harness h(4);
  sim::RegionState& r = *h.world.region(sim::RegionName("us-east-1"));
  const sim::ImageId changed = h.catalogue_image("al2023-x86_64");
  const sim::ImageId gone = h.catalogue_image("ubuntu-24.04-x86_64");
  r.images.at(changed).grantee_tags.mut()[sim::AccountId("210987654321")]["team"] = "blue";
  r.image_names.erase(r.images.at(gone));
  r.images.erase(gone);

  const Json snapshot = io::world_snapshot(h.world);
  const Json& region = snapshot["regions"]["us-east-1"];
  REQUIRE(region["images"].size() == 1);
  CHECK(region["images"][0]["id"] == changed.str());
  CHECK(region["removed_images"] == Json::array({gone.str()}));
  auto copy = round_trip(h.world);
  CHECK(copy->region(sim::RegionName("us-east-1"))->images.count(gone) == 0);
}

TEST_CASE("Data shared by volumes and snapshots, and with the catalogue, stays shared") {
  test::Harness h(5);
  const std::string instance = launch(h);
  h.settle();
  const sim::RegionState& r = *h.world.region(sim::RegionName("us-east-1"));
  const sim::Instance& i = r.instances.at(sim::InstanceId(instance));
  const sim::VolumeId root = i.block_devices.at(0).volume_id;
  const Json snap = must(h.world, h.caller, "CreateSnapshot", {{"VolumeId", root.str()}});
  const sim::SnapshotId made(snap["SnapshotId"].get<std::string>());
  const sim::SnapshotId catalogue_root =
      *r.images.at(h.catalogue_image("al2023-x86_64")).mappings.at(0).ebs->snapshot_id;
  // A launch's root volume holds its AMI's snapshot data until written; a snapshot of it too.
  REQUIRE(r.volumes.at(root).data == r.snapshots.at(catalogue_root).data);
  REQUIRE(r.snapshots.at(made).data == r.volumes.at(root).data);

  auto copy = round_trip(h.world);
  const sim::RegionState& c = *copy->region(sim::RegionName("us-east-1"));
  CHECK(c.volumes.at(root).data == c.snapshots.at(catalogue_root).data);
  CHECK(c.snapshots.at(made).data == c.volumes.at(root).data);
}

TEST_CASE("Bytes that are not UTF-8 (user data) are written as base64 and come back whole") {
  test::Harness h(6);
  const std::string instance = launch(h);
  const std::string bytes("\xff\xfe\x00#!/bin/sh\n\x80", 14);
  h.world.region(sim::RegionName("us-east-1"))->instances.at(sim::InstanceId(instance)).user_data =
      bytes;
  const Json snapshot = io::world_snapshot(h.world);
  const Json& written = snapshot["regions"]["us-east-1"]["instances"][instance]["user_data"];
  CHECK(written == Json{{"base64", "//4AIyEvYmluL3NoCoA="}});
  CHECK_NOTHROW(snapshot.dump());
  auto copy = round_trip(h.world);
  CHECK(copy->region(sim::RegionName("us-east-1"))
            ->instances.at(sim::InstanceId(instance))
            .user_data == bytes);
}

TEST_CASE("A bad snapshot is refused with where it is wrong") {
  test::Harness h(7);
  const std::string instance = launch(h);
  const Json good = io::world_snapshot(h.world);
  auto refused = [&](const Json& snapshot) {
    std::string problem;
    restore_like(h.world, snapshot, &problem);
    return problem;
  };
  CHECK(refused(good) == "");
  CHECK(refused(Json::array()) == "snapshot: not an object");
  Json bad = good;
  bad["format"] = "amisim-snapshot/0";
  CHECK(refused(bad) ==
        "snapshot: its \"format\" is not \"amisim-snapshot/3\" (or \"amisim-snapshot/2\", "
        "\"amisim-snapshot/1\")");
  bad = good;
  bad["regions"]["us-east-1"]["instances"][instance]["state"] = "running";
  CHECK(refused(bad) ==
        "snapshot.regions.us-east-1.instances." + instance + ".state: not an integer");
  bad = good;
  bad["regions"]["us-east-1"]["instances"][instance]["security_groups"][0] = 7;
  CHECK(refused(bad) ==
        "snapshot.regions.us-east-1.instances." + instance + ".security_groups[0]: not a string");
  bad = good;
  bad["regions"].erase("us-west-2");
  CHECK(refused(bad) == "snapshot.regions: has no Region us-west-2");
  bad = good;
  bad["regions"]["us-east-1"]["removed_images"] = {"ami-00000000000000000"};
  CHECK(refused(bad) ==
        "snapshot.regions.us-east-1.removed_images: ami-00000000000000000 is not a catalogue "
        "image here");
  bad = good;
  bad["clock"].erase("pending");
  CHECK(refused(bad) == "snapshot.clock: has no \"pending\"");
  // The meter's compact lines (format 2).
  REQUIRE(good["meter"]["blocks"].size() > 0);
  bad = good;
  bad["meter"]["blocks"][0]["lines"][0][1][0] = {1, 2, 3};
  CHECK(refused(bad) ==
        "snapshot.meter.blocks[0].lines[0][1][0]: is not [start, end, quantity, price]");
  bad = good;
  bad["meter"]["blocks"][0]["lines"][0][1][0][2] = "one";
  CHECK(refused(bad) == "snapshot.meter.blocks[0].lines[0][1][0][2]: not an integer");
  bad = good;
  bad["meter"]["blocks"][0]["lines"][0] = "i-0";
  CHECK(refused(bad) == "snapshot.meter.blocks[0].lines[0]: is not [resource, segments]");
  bad = good;
  bad["meter"].erase("blocks");
  CHECK(refused(bad) == "snapshot.meter: has no \"blocks\"");
  // A value of the right type, edited: the checksum sees it.
  bad = good;
  bad["regions"]["us-east-1"]["instances"][instance]["state"] = 80;
  CHECK(refused(bad) == "snapshot: its checksum does not match: it was edited or cut short");
}

namespace {

// `snapshot` with the checksum of its text (world_snapshot.hpp: FNV-1a 64 of each other member's
// name and compact JSON, in member order).
Json with_checksum(Json snapshot) {
  std::uint64_t h = sim::kFnv1aOffsetBasis;
  for (const auto& [name, value] : snapshot.items()) {
    if (name == "checksum") continue;
    h = sim::fnv1a(name, h);
    h = sim::fnv1a(value.dump(), h);
  }
  snapshot["checksum"] = fmt::format("{:016x}", h);
  return snapshot;
}

// `snapshot` (format 3) as format 1 wrote it: the meter's lines as {"key", "usage"} objects.
Json as_format_1(Json snapshot) {
  Json lines = Json::array();
  for (const Json& block : snapshot["meter"]["blocks"]) {
    for (const Json& line : block["lines"]) {
      Json segments = Json::array();
      for (const Json& s : line[1])
        segments.push_back({{"start", s[0]}, {"end", s[1]}, {"quantity", s[2]}, {"price", s[3]}});
      lines.push_back({{"key",
                        {{"account", block["account"]},
                         {"region", block["region"]},
                         {"usage_type", block["usage_type"]},
                         {"resource_id", line[0]}}},
                       {"usage",
                        {{"charge", block["charge"]},
                         {"unit", block["unit"]},
                         {"quantity_unit", block["quantity_unit"]},
                         {"time_unit", block["time_unit"]},
                         {"segments", segments}}}});
    }
  }
  snapshot["meter"].erase("blocks");
  snapshot["meter"].erase("retired");
  snapshot["meter"]["lines"] = lines;
  snapshot["format"] = "amisim-snapshot/1";
  return with_checksum(std::move(snapshot));
}

// `snapshot` (format 3) as format 2 wrote it: no retired meter days.
Json as_format_2(Json snapshot) {
  snapshot["meter"].erase("retired");
  snapshot["format"] = "amisim-snapshot/2";
  return with_checksum(std::move(snapshot));
}

}  // namespace

TEST_CASE("A format 1 snapshot (the meter's lines as objects) still loads, as the same world") {
  test::Harness h(9);
  const std::string kept = launch(h);
  const std::string gone = launch(h);
  h.advance(3 * sim::kHourMs);
  must(h.world, h.caller, "TerminateInstances", {{"InstanceIds", {gone}}});
  h.advance(2 * sim::kHourMs);  // terminated, purged: its lines are folded
  const Json snapshot = io::world_snapshot(h.world);
  const Json old = as_format_1(snapshot);
  REQUIRE(old["meter"]["lines"].size() >= 4);  // each instance's compute and volume, at least
  std::string problem;
  auto copy = restore_like(h.world, old, &problem);
  INFO(problem);
  REQUIRE(problem.empty());
  CHECK(copy->digest() == h.world.digest());
  CHECK(io::world_snapshot(*copy) == snapshot);  // written again in format 3, the same
  sim::BillRequest whole;
  whole.to = h.world.now();
  const sim::Bill bill = sim::compute_bill(h.world, whole);
  CHECK(bill.total > 0);
  CHECK(sim::compute_bill(*copy, whole).total == bill.total);
  // Edited after its checksum was taken, it is refused like any snapshot.
  Json edited = old;
  edited["meter"]["lines"][0]["usage"]["segments"][0]["quantity"] = 999;
  restore_like(h.world, edited, &problem);
  CHECK(problem == "snapshot: its checksum does not match: it was edited or cut short");
}

TEST_CASE("A format 2 snapshot (no retired meter days) still loads, as the same world") {
  test::Harness h(9);
  launch(h);
  h.advance(3 * sim::kHourMs);
  const Json snapshot = io::world_snapshot(h.world);
  REQUIRE(snapshot["meter"]["retired"].empty());  // nothing is 14 days old yet
  std::string problem;
  auto copy = restore_like(h.world, as_format_2(snapshot), &problem);
  INFO(problem);
  REQUIRE(problem.empty());
  CHECK(copy->digest() == h.world.digest());
  CHECK(io::world_snapshot(*copy) == snapshot);
}

// Members added after the format was fixed (snapshot_codec.hpp, `late`): written only when they
// differ from their default, so a world that never sets them writes what it wrote before, and a
// snapshot without them (as every snapshot written before them) loads with their defaults.
TEST_CASE("Metadata options, monitoring and metadata defaults round-trip, and load when absent") {
  test::Harness h(9);
  // al2 images have no ImdsSupport: the instance has EC2's default options.
  const std::string plain = must(h.world, h.caller, "RunInstances",
                                 {{"ImageId", h.catalogue_image("al2-x86_64").str()},
                                  {"InstanceType", "t3.micro"},
                                  {"MinCount", 1},
                                  {"MaxCount", 1}})["Instances"][0]["InstanceId"]
                                .get<std::string>();
  const Json snapshot = io::world_snapshot(h.world);
  const std::string text = snapshot.dump();
  CHECK(text.find("metadata_options") == std::string::npos);
  CHECK(text.find("detailed_monitoring") == std::string::npos);
  CHECK(text.find("metadata_defaults") == std::string::npos);

  must(h.world, h.caller, "ModifyInstanceMetadataDefaults",
       {{"HttpTokens", "required"}, {"HttpTokensEnforced", "enabled"}});
  must(h.world, h.caller, "ModifyInstanceMetadataOptions",
       {{"InstanceId", plain}, {"HttpPutResponseHopLimit", 5}, {"HttpTokens", "required"}});
  must(h.world, h.caller, "MonitorInstances", {{"InstanceIds", {plain}}});
  must(h.world, h.caller, "CreateLaunchTemplate",
       {{"LaunchTemplateName", "tpl"},
        {"LaunchTemplateData",
         {{"MetadataOptions", {{"InstanceMetadataTags", "enabled"}}},
          {"Monitoring", {{"Enabled", true}}}}}});
  round_trip(h.world);
  const Json written = io::world_snapshot(h.world);
  const Json& instance = written["regions"]["us-east-1"]["instances"][plain];
  CHECK(instance["metadata_options"]["hop_limit"] == 5);
  CHECK(instance["detailed_monitoring"] == true);

  // The same snapshot without the new members (as an older amisim wrote it) loads with defaults.
  Json old = written;
  old["regions"]["us-east-1"]["instances"][plain].erase("metadata_options");
  old["regions"]["us-east-1"]["instances"][plain].erase("detailed_monitoring");
  std::string problem;
  auto loaded = restore_like(h.world, with_checksum(old), &problem);
  // The digest recorded covers the options, so the edited snapshot is refused by it: the member
  // was read, not ignored.
  CHECK(problem.find("another digest") != std::string::npos);
  auto fresh = restore_like(h.world, snapshot, &problem);
  INFO(problem);
  REQUIRE(problem.empty());
  const sim::Instance& restored =
      fresh->region(sim::RegionName("us-east-1"))->instances.at(sim::InstanceId(plain));
  CHECK(restored.metadata_options == sim::InstanceMetadataOptions{});
  CHECK_FALSE(restored.detailed_monitoring);
}

TEST_CASE("The meter's retired days (usage more than 14 days old) round-trip and are checked") {
  test::Harness h(9);
  const std::string gone = launch(h);
  launch(h);  // runs on: its lines stay live
  h.advance(5 * sim::kHourMs);
  must(h.world, h.caller, "TerminateInstances", {{"InstanceIds", {gone}}});
  h.advance(16 * sim::kDayMs);
  launch(h);  // a metering hook after the horizon passed: the terminated instance's lines retire
  REQUIRE(h.world.meter().retired_days() > 0);
  const Json snapshot = io::world_snapshot(h.world);
  REQUIRE(snapshot["meter"]["retired"].size() > 0);
  std::string problem;
  auto copy = restore_like(h.world, snapshot, &problem);
  INFO(problem);
  REQUIRE(problem.empty());
  CHECK(copy->digest() == h.world.digest());
  CHECK(copy->meter().retired_days() == h.world.meter().retired_days());
  sim::BillRequest whole;
  whole.to = h.world.now();
  CHECK(sim::compute_bill(*copy, whole).total == sim::compute_bill(h.world, whole).total);
  Json bad = snapshot;
  bad["meter"]["retired"][0]["days"][0] = {1, 2};
  CHECK(refused_by(h.world, bad) ==
        "snapshot.meter.retired[0].days[0]: is not [day, cost, usage_micro]");
  bad = snapshot;
  bad["meter"]["retired"][0]["days"][0][1] = "much";
  CHECK(refused_by(h.world, bad) == "snapshot.meter.retired[0].days[0][1]: not an integer");
  bad = snapshot;
  bad["meter"].erase("retired");
  CHECK(refused_by(h.world, bad) == "snapshot.meter: has no \"retired\"");
  // Without its retired days the world is another one: the digest says so.
  bad = snapshot;
  bad["meter"]["retired"] = Json::array();
  CHECK(refused_by(h.world, with_checksum(bad)) ==
        "snapshot: the world it restores has another digest than the one it recorded: it was "
        "written for other fixtures (--catalog-size, --images) or by another amisim");
}

TEST_CASE("A snapshot restored into a world of another catalogue is refused by its digest") {
  test::Harness h(8);
  const Json snapshot = io::world_snapshot(h.world);
  sim::World other(io::load_fixtures(io::FixtureOptions{10, 8, {}, false}),
                   sim::WorldOptions{.seed = 8});
  CHECK(io::restore_world_snapshot(other, snapshot) ==
        "snapshot: the world it restores has another digest than the one it recorded: it was "
        "written for other fixtures (--catalog-size, --images) or by another amisim");
}

namespace {

// A scenario door (api/scenario/door.hpp) over an in-process gateway that, after every step,
// checks that the world survives a snapshot (round_trip).
class SnapshottingDoor final : public sc::Door {
 public:
  SnapshottingDoor(std::uint64_t seed, bool instant)
      : gw_(test::fixtures(), options(seed, instant)) {}

  std::uint64_t seed() const override { return gw_.seed(); }
  sim::TimeMs now() override { return gw_.now(); }
  protocol::WireResult<Json> call(sc::Service service, const sim::Caller& caller,
                                  std::string_view action, const Json& params) override {
    auto out = forward(service, caller, action, params);
    round_trip(gw_.world());
    return out;
  }
  protocol::WireResult<bool> advance(sim::DurationMs by) override {
    auto moved = gw_.advance(by);
    round_trip(gw_.world());
    if (!moved) return moved.error();
    return true;
  }
  protocol::WireResult<bool> subscription(const sim::AccountId& account, const std::string& code,
                                          bool subscribe) override {
    auto done = subscribe ? gw_.subscribe(account, code) : gw_.unsubscribe(account, code);
    round_trip(gw_.world());
    return done;
  }
  protocol::WireResult<sim::Bill> bill(const sim::BillRequest& request) override {
    return sim::compute_bill(gw_.world(), request);
  }
  std::string state_digest() override { return gw_.world().digest(); }

 private:
  static gateway::GatewayOptions options(std::uint64_t seed, bool instant) {
    gateway::GatewayOptions g;
    g.seed = seed;
    g.clock.mode = instant ? gateway::ClockMode::kInstant : gateway::ClockMode::kManual;
    return g;
  }
  protocol::WireResult<Json> forward(sc::Service service, const sim::Caller& caller,
                                     std::string_view action, const Json& params) {
    switch (service) {
      case sc::Service::kSsm:
        return client::ssm_reply(gw_.handle(client::ssm_request(caller, action, params)));
      case sc::Service::kAccount:
        return client::account_reply(gw_.handle(client::account_request(caller, action, params)));
      case sc::Service::kRbin:
        return client::account_reply(gw_.handle(client::rbin_request(caller, action, params)));
      case sc::Service::kDlm:
        return client::account_reply(gw_.handle(client::dlm_request(caller, action, params)));
      case sc::Service::kS3:
        return gw_.call_s3(caller, action, params);
      case sc::Service::kEc2:
        break;
    }
    return gw_.call(caller, action, params);
  }

  gateway::Gateway gw_;
};

}  // namespace

TEST_CASE("Every shipped scenario's world survives a snapshot after each of its steps",
          "[snapshot][scenario]") {
  const auto files = test::shipped_scenario_files();
  REQUIRE(files.size() > 20);
  sc::RunOptions options;
  options.door = [](std::uint64_t seed, bool instant) {
    return std::make_unique<SnapshottingDoor>(seed, instant);
  };
  for (const auto& file : files) {
    INFO(file.filename().string());
    auto scenario = sc::load_scenario(file.string());
    REQUIRE(scenario.ok());
    CHECK(sc::run_scenario(scenario.value(), test::fixtures(), options).passed);
  }
}
