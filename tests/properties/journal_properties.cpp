// A refused call changes nothing, which is why the gateway leaves it out of the journal
// (api/gateway/engine.cpp). Random changing calls go through the gateway with inputs drawn from
// each operation's input shape in the service model, their values naming existing resources,
// missing ones and odd ones; most are refused, some succeed. After every refused call the
// world's digest is what it was, and at the end the state document (which holds only the calls
// that succeeded) reloads to the same world.
#include <rapidcheck/catch.h>

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "api/ec2/dispatch.hpp"
#include "api/gateway/gateway.hpp"
#include "harness.hpp"

namespace gw = amisim::gateway;
namespace protocol = amisim::protocol;
using Json = nlohmann::json;

namespace {

const sim::Caller kUs{};
const sim::Caller kOther{sim::AccountId{"210987654321"}, sim::RegionName{"eu-west-1"}};

// Strings a value is drawn from: what the world holds (filled in by the setup), IDs of nothing,
// and the odd values clients send.
struct Pool {
  std::vector<std::string> strings = {"",
                                      "x",
                                      "gold",
                                      "us-east-1",
                                      "eu-west-1",
                                      "us-east-1a",
                                      "t3.micro",
                                      "gp3",
                                      "/dev/sdf",
                                      "/dev/xvda",
                                      "all",
                                      "add",
                                      "launchPermission",
                                      "description",
                                      "210987654321",
                                      "self",
                                      "archive",
                                      "ami-0123456789abcdef0",
                                      "i-0123456789abcdef0",
                                      "vol-0123456789abcdef0",
                                      "snap-0123456789abcdef0",
                                      "sg-0123456789abcdef0",
                                      "lt-0123456789abcdef0",
                                      "2030-01-01T00:00:00Z",
                                      "$Latest",
                                      "1"};
};

Json value_of(const protocol::ServiceModel& m, std::size_t shape_index, const Pool& pool,
              int depth);

Json structure_of(const protocol::ServiceModel& m, const protocol::Shape& shape, const Pool& pool,
                  int depth) {
  Json out = Json::object();
  for (const auto& member : shape.members) {
    const bool required = std::find(shape.required.begin(), shape.required.end(), member.name) !=
                          shape.required.end();
    if (member.name == "DryRun" || (!required && *rc::gen::inRange(0, 3) != 0)) continue;
    out[member.name] = value_of(m, member.shape, pool, depth + 1);
  }
  return out;
}

Json value_of(const protocol::ServiceModel& m, std::size_t shape_index, const Pool& pool,
              int depth) {
  const protocol::Shape& shape = m.shape(shape_index);
  switch (shape.type) {
    case protocol::ShapeType::kStructure:
      return depth > 3 ? Json::object() : structure_of(m, shape, pool, depth);
    case protocol::ShapeType::kList: {
      Json out = Json::array();
      const int n = depth > 3 ? 0 : *rc::gen::inRange(0, 3);
      for (int i = 0; i < n; ++i) out.push_back(value_of(m, shape.item.shape, pool, depth + 1));
      return out;
    }
    case protocol::ShapeType::kInteger:
    case protocol::ShapeType::kLong:
      return *rc::gen::element(-1, 0, 1, 2, 8, 100, 5000);
    case protocol::ShapeType::kDouble:
      return 1.5;
    case protocol::ShapeType::kBoolean:
      return *rc::gen::arbitrary<bool>();
    case protocol::ShapeType::kBlob:
      return "aGk=";
    case protocol::ShapeType::kMap:
      return Json::object();
    case protocol::ShapeType::kTimestamp:
    case protocol::ShapeType::kString:
      break;
  }
  return *rc::gen::elementOf(pool.strings);
}

std::vector<std::string> changing_actions() {
  std::vector<std::string> out;
  for (auto action : amisim::ec2::supported_actions())
    if (amisim::ec2::mutates(action)) out.emplace_back(action);
  return out;
}

Json must(gw::Gateway& g, const sim::Caller& who, const std::string& action, const Json& input) {
  auto r = g.call(who, action, input);
  INFO(action << ": " << (r.ok() ? "" : r.error().code + " " + r.error().message));
  REQUIRE(r.ok());
  return r.value();
}

// A world with one of most things for the calls to name; the pool learns their IDs.
void populate(gw::Gateway& g, Pool& pool) {
  must(g, kOther, "DescribeRegions", Json::object());  // the other account exists from here
  std::string image;
  for (const auto& [id, i] : g.world().region(kUs.region)->images)
    if (i.traits.architecture == "x86_64" && i.traits.platform.empty()) image = id.str();
  const Json run =
      must(g, kUs, "RunInstances",
           {{"ImageId", image}, {"InstanceType", "t3.micro"}, {"MinCount", 1}, {"MaxCount", 1}});
  const std::string instance = run["Instances"][0]["InstanceId"];
  const std::string volume =
      must(g, kUs, "CreateVolume", {{"AvailabilityZone", "us-east-1a"}, {"Size", 8}})["VolumeId"];
  const std::string snapshot = must(g, kUs, "CreateSnapshot", {{"VolumeId", volume}})["SnapshotId"];
  const std::string own =
      must(g, kUs, "CreateImage", {{"InstanceId", instance}, {"Name", "gold"}})["ImageId"];
  must(g, kUs, "CreateKeyPair", {{"KeyName", "gold"}});
  const std::string lt =
      must(g, kUs, "CreateLaunchTemplate",
           {{"LaunchTemplateName", "gold"},
            {"LaunchTemplateData", {{"ImageId", image}}}})["LaunchTemplate"]["LaunchTemplateId"];
  for (const std::string& id : {image, instance, volume, snapshot, own, lt})
    pool.strings.push_back(id);
}

}  // namespace

TEST_CASE("A refused call leaves the world as it was, and the journal replays without it") {
  const std::vector<std::string> actions = changing_actions();
  rc::prop("random changing calls, most of them refused", [&actions] {
    gw::GatewayOptions options;
    options.seed = 17;
    gw::Gateway g(test::fixtures(), options);
    Pool pool;
    populate(g, pool);
    const int steps = *rc::gen::inRange(1, 40);
    for (int i = 0; i < steps; ++i) {
      const std::string& action = *rc::gen::elementOf(actions);
      const auto* op = g.model().operation(action);
      const Json input = op->input == protocol::kNoShape
                             ? Json::object()
                             : structure_of(g.model(), g.model().shape(op->input), pool, 0);
      const sim::Caller& who = *rc::gen::element(kUs, kOther);
      const std::string before = g.world().digest();
      auto result = g.call(who, action, input);
      if (!result.ok()) {
        RC_LOG() << action << " " << input.dump() << " -> " << result.error().code << "\n";
        RC_ASSERT(g.world().digest() == before);
      }
    }
    gw::Gateway fresh(test::fixtures(), {});
    auto loaded = fresh.load_state(g.state_document());
    RC_ASSERT(loaded.ok());
    RC_ASSERT(fresh.world().digest() == g.world().digest());
  });
}
