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

}  // namespace

TEST_CASE("A refused call leaves the world as it was, and the journal replays without it") {
  const std::vector<std::string> actions = test::props::changing_actions();
  rc::prop("random changing calls, most of them refused", [&actions] {
    gw::GatewayOptions options;
    options.seed = 17;
    gw::Gateway g(test::fixtures(), options);
    Pool pool;
    test::props::populate(
        g.world(),
        [&g](const sim::Caller& who, const std::string& action, const Json& input) {
          return must(g, who, action, input);
        },
        pool);
    const int steps = *rc::gen::inRange(1, 40);
    for (int i = 0; i < steps; ++i) {
      const std::string& action = *rc::gen::elementOf(actions);
      const Json input = test::props::random_input(g.model(), action, pool);
      const sim::Caller& who = *rc::gen::element(test::props::us(), test::props::other());
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

}  // namespace AMISIM_UNITY_ID
