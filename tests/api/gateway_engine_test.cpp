// What the gateway's engine journals (api/gateway/engine.hpp): a call that changed the world, not
// one AWS refused. A refused call adds nothing to the journal or the state document, and a
// document saved after refused calls reloads to the same world.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "api/gateway/gateway.hpp"
#include "tests/harness.hpp"

namespace gw = amisim::gateway;
using Json = nlohmann::json;

namespace {

gw::GatewayOptions options(gw::ClockMode mode) {
  gw::GatewayOptions o;
  o.seed = 8;
  o.clock = {mode, 1};
  return o;
}

Json ok(gw::Gateway& g, const std::string& action, const Json& input) {
  auto r = g.call(sim::Caller{}, action, input);
  INFO(action << ": " << (r.ok() ? "" : r.error().code + " " + r.error().message));
  REQUIRE(r.ok());
  return r.value();
}

struct Refused {
  const char* action;
  Json input;
};

// Changing calls AWS refuses, of several kinds: bad values, missing resources, duplicates,
// conflicts. Each also has a ClientToken or an ID where the action takes one.
std::vector<Refused> refused_calls(const std::string& volume, const std::string& image) {
  return {
      {"CreateVolume", {{"AvailabilityZone", "us-east-1a"}, {"Size", 0}}},
      {"CreateVolume", {{"AvailabilityZone", "mars-1a"}, {"Size", 8}}},
      {"DeleteVolume", {{"VolumeId", "vol-0123456789abcdef0"}}},
      {"CreateSnapshot", {{"VolumeId", "vol-0123456789abcdef0"}}},
      {"RunInstances",
       {{"ImageId", image},
        {"InstanceType", "t9.huge"},
        {"MinCount", 1},
        {"MaxCount", 1},
        {"ClientToken", "refused-token"}}},
      {"RunInstances", {{"ImageId", "ami-0123456789abcdef0"}, {"MinCount", 1}, {"MaxCount", 1}}},
      {"CreateKeyPair", {{"KeyName", "taken"}}},
      {"CreateTags", {{"Resources", {"vol-0123456789abcdef0"}}, {"Tags", {{{"Key", "k"}}}}}},
      {"AttachVolume",
       {{"VolumeId", volume}, {"InstanceId", "i-0123456789abcdef0"}, {"Device", "/dev/sdf"}}},
      {"CopyImage",
       {{"SourceRegion", "us-east-1"},
        {"SourceImageId", "ami-0123456789abcdef0"},
        {"Name", "copy"},
        {"ClientToken", "copy-token"}}},
      {"DeregisterImage", {{"ImageId", "ami-0123456789abcdef0"}}},
      {"DescribeImages", {{"MaxResults", 2}}},  // a read: never journaled anyway
  };
}

}  // namespace

TEST_CASE("A refused call adds 0 bytes to the journal and the state document") {
  for (gw::ClockMode mode : {gw::ClockMode::kManual, gw::ClockMode::kInstant}) {
    gw::Gateway g(test::fixtures(), options(mode));
    std::string image;
    for (const auto& [id, i] : g.world().region(sim::kDefaultRegion)->images) image = id.str();
    const std::string volume =
        ok(g, "CreateVolume", {{"AvailabilityZone", "us-east-1a"}, {"Size", 8}})["VolumeId"];
    ok(g, "CreateKeyPair", {{"KeyName", "taken"}});
    const Json before = g.state_document();
    const std::string digest = g.world().digest();

    const std::vector<Refused> calls = refused_calls(volume, image);
    for (const Refused& c : calls) {
      auto r = g.call(sim::Caller{}, c.action, c.input);
      INFO(c.action << " " << c.input.dump());
      REQUIRE_FALSE(r.ok());
    }
    REQUIRE_FALSE(
        g.call_s3({}, "PutObject", {{"Bucket", "none"}, {"Key", "k"}, {"Body", "x"}}).ok());
    const Json after = g.state_document();
    const long added =
        static_cast<long>(after.dump().size()) - static_cast<long>(before.dump().size());
    INFO("state document bytes per refused call: " << added / static_cast<long>(calls.size() + 1));
    CHECK(added == 0);
    CHECK(after["journal"] == before["journal"]);
    CHECK(g.world().digest() == digest);

    // The document saved after the refused calls reloads to the same world.
    gw::Gateway fresh(test::fixtures(), options(mode));
    auto loaded = fresh.load_state(after);
    INFO((loaded.ok() ? "" : loaded.error().message));
    REQUIRE(loaded.ok());
    CHECK(fresh.world().digest() == digest);
  }
}

TEST_CASE("A refused call does not move the instant clock, the next change does") {
  // README, clock modes: instant moves time "after every call that changes something".
  gw::Gateway g(test::fixtures(), options(gw::ClockMode::kManual));
  std::string image;
  for (const auto& [id, i] : g.world().region(sim::kDefaultRegion)->images) {
    if (i.traits.architecture == "x86_64") image = id.str();
  }
  ok(g, "RunInstances",
     {{"ImageId", image}, {"InstanceType", "t3.micro"}, {"MinCount", 1}, {"MaxCount", 1}});
  REQUIRE(g.set_clock({gw::ClockMode::kInstant, 1}));
  const sim::TimeMs now = g.now();
  REQUIRE_FALSE(
      g.call(sim::Caller{}, "DeleteVolume", {{"VolumeId", "vol-0123456789abcdef0"}}).ok());
  CHECK(g.now() == now);
  ok(g, "CreateVolume", {{"AvailabilityZone", "us-east-1a"}, {"Size", 1}});
  CHECK(g.now() > now);
}
