// The live picture (api/picture/) draws the world as it is: after any history of changing calls
// (drawn from each operation's input shape, most refused, some succeeding) and moves of the
// clock, by two accounts in two Regions, GET /_amisim/timeline lists every resource of the
// accounts, each bar's last state is the resource's state now, a resource drawn as gone is no
// longer in the world, and every bar's spans are in time order with no state repeated in a row.
#include <rapidcheck/catch.h>

#include <catch2/catch.hpp>
#include <map>
#include <string>
#include <vector>

#include "api/gateway/gateway.hpp"
#include "harness.hpp"
#include "properties/model_inputs.hpp"
#include "unity_id.hpp"

namespace AMISIM_UNITY_ID {

namespace gw = amisim::gateway;
using Json = nlohmann::json;

namespace {

using test::props::Pool;

Json must(gw::Gateway& g, const sim::Caller& who, const std::string& action, const Json& input) {
  auto r = g.call(who, action, input);
  INFO(action << ": " << (r.ok() ? "" : r.error().code + " " + r.error().message));
  REQUIRE(r.ok());
  return r.value();
}

// Every resource of the accounts (not the catalogue's), "<kind> <Region>" -> its state, as the
// picture names them.
std::map<std::string, std::pair<std::string, std::string>> accounts_resources(
    const sim::World& world) {
  std::map<std::string, std::pair<std::string, std::string>> out;
  for (const auto& [name, r] : world.regions()) {
    for (const auto& [id, i] : r.instances)
      out[id.str()] = {"instance " + name.str(), std::string(sim::to_string(i.state))};
    for (const auto& [id, v] : r.volumes)
      out[id.str()] = {"volume " + name.str(), std::string(sim::to_string(v.state))};
    for (const auto& [id, s] : r.snapshots) {
      if (!s.owner_alias.empty()) continue;
      std::string state(sim::to_string(s.state));
      if (s.storage_tier == "archive") state += ", archived";
      out[id.str()] = {"snapshot " + name.str(), state};
    }
    for (const auto& [id, i] : r.images) {
      if (!i.owner_alias.empty()) continue;
      out[id.str()] = {"image " + name.str(), std::string(sim::to_string(i.state))};
    }
  }
  return out;
}

void check_picture(gw::Gateway& g) {
  amisim::http::HttpRequest get;
  get.method = "GET";
  get.target = "/_amisim/timeline";
  const Json t = Json::parse(g.handle(get).body);
  RC_ASSERT(!t["truncated"].get<bool>());
  auto world = accounts_resources(g.world());
  std::map<std::string, bool> drawn;
  for (const auto& r : t["resources"]) {
    const std::string id = r["id"];
    const auto& states = r["states"];
    RC_ASSERT(!states.empty());
    for (std::size_t i = 1; i < states.size(); ++i) {
      RC_ASSERT(states[i]["state"] != states[i - 1]["state"]);
      RC_ASSERT(states[i]["from"].get<std::string>() > states[i - 1]["from"].get<std::string>());
    }
    auto it = world.find(id);
    if (r["gone"].is_null() && states.back()["state"] == "in Recycle Bin") {
      const sim::RegionState& region =
          *g.world().region(sim::RegionName(r["region"].get<std::string>()));
      RC_ASSERT(it == world.end());
      RC_ASSERT(region.bin.images.count(id) + region.bin.snapshots.count(id) +
                    region.bin.volumes.count(id) ==
                1u);
    } else if (r["gone"].is_null()) {
      RC_LOG() << id << " drawn as " << states.back()["state"] << "\n";
      RC_ASSERT(it != world.end());
      RC_ASSERT(it->second.first ==
                r["kind"].get<std::string>() + " " + r["region"].get<std::string>());
      RC_ASSERT(it->second.second == states.back()["state"].get<std::string>());
    } else {
      RC_ASSERT(it == world.end());
    }
    drawn[id] = true;
  }
  for (const auto& [id, what] : world) {
    RC_LOG() << "in the world: " << id << " " << what.first << " " << what.second << "\n";
    RC_ASSERT(drawn.count(id) == 1);
  }
}

}  // namespace

TEST_CASE("The picture draws every resource of the accounts in its state, after any history") {
  const std::vector<std::string> actions = test::props::changing_actions();
  rc::prop("random changing calls and moves of the clock", [&actions] {
    gw::GatewayOptions options;
    options.seed = 20;
    gw::Gateway g(test::fixtures(), options);
    Pool pool;
    test::props::populate(
        g.world(),
        [&g](const sim::Caller& who, const std::string& action, const Json& input) {
          return must(g, who, action, input);
        },
        pool);
    if (*rc::gen::arbitrary<bool>()) RC_ASSERT(g.set_clock({gw::ClockMode::kManual, 1}));
    check_picture(g);
    const int steps = *rc::gen::inRange(1, 30);
    for (int i = 0; i < steps; ++i) {
      if (*rc::gen::inRange(0, 4) == 0) {
        const int seconds = *rc::gen::element(1, 30, 600, 3600, 86400, 30 * 86400);
        RC_LOG() << "advance " << seconds << " s\n";
        RC_ASSERT(g.advance(seconds * sim::kSecondMs).ok());
      } else {
        const std::string& action = *rc::gen::elementOf(actions);
        const Json input = test::props::random_input(g.model(), action, pool);
        const sim::Caller& who = *rc::gen::element(test::props::us(), test::props::other());
        auto result = g.call(who, action, input);
        RC_LOG() << action << " " << input.dump() << " -> "
                 << (result.ok() ? "ok" : result.error().code) << "\n";
      }
      check_picture(g);
    }
  });
}

}  // namespace AMISIM_UNITY_ID
