// DryRun is the real call stopped before it changes anything (api/ec2/handler.hpp, "DryRun"):
// for random calls of every changing action, with inputs drawn from the service model (so most
// are refused, some succeed), the call with DryRun=true leaves the world's digest as it was, and
// answers DryRunOperation exactly when the same call without DryRun, made on a copy of the world,
// succeeds; otherwise it answers the very error the real call answers (code, message, status).
// The real call's world then goes on, with time moving now and then, so later calls meet
// instances that run, stop and terminate, images that become available, and so on.
#include <rapidcheck/catch.h>

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "api/ec2/dispatch.hpp"
#include "api/protocol/service_model.hpp"
#include "harness.hpp"
#include "properties/model_inputs.hpp"
#include "sim/timeline.hpp"
#include "unity_id.hpp"

namespace AMISIM_UNITY_ID {

using Json = nlohmann::json;

namespace {

Json must(sim::World& world, const sim::Caller& who, const std::string& action, const Json& input) {
  auto r = amisim::ec2::call(world, who, action, input);
  INFO(action << ": " << (r.ok() ? "" : r.error().code + " " + r.error().message));
  REQUIRE(r.ok());
  sim::settle(world);  // as the gateway's instant clock does: the next call sees it done
  return r.value();
}

// One random call, as a dry run and for real; returns the world after the real call.
sim::World check_one(sim::World& world, const std::string& action, const Json& input,
                     const sim::Caller& who) {
  sim::World real = world;
  auto answer = amisim::ec2::call(real, who, action, input);
  Json dry_input = input;
  dry_input["DryRun"] = true;
  const std::string before = world.digest();
  auto dry = amisim::ec2::call(world, who, action, dry_input);
  RC_LOG() << action << " " << input.dump() << " -> "
           << (answer.ok() ? std::string("ok") : answer.error().code) << "\n";
  RC_ASSERT(world.digest() == before);
  RC_ASSERT(!dry.ok());
  if (answer.ok()) {
    RC_ASSERT(dry.error().code == "DryRunOperation");
    RC_ASSERT(dry.error().http_status == 412);
  } else {
    RC_ASSERT(dry.error() == answer.error());
  }
  return real;
}

}  // namespace

TEST_CASE(
    "DryRun answers DryRunOperation exactly when the real call succeeds, and changes nothing") {
  const std::vector<std::string> actions = test::props::changing_actions();
  const auto model = amisim::protocol::ServiceModel::load_ec2();
  rc::prop("random changing calls, each as a dry run and for real", [&actions, &model] {
    sim::World world(test::fixtures(), sim::WorldOptions{.seed = 17});
    world.ensure_account(test::props::us().account);
    world.ensure_account(test::props::other().account);
    test::props::Pool pool;
    test::props::populate(
        world,
        [&world](const sim::Caller& who, const std::string& action, const Json& input) {
          return must(world, who, action, input);
        },
        pool);
    const int steps = *rc::gen::inRange(1, 30);
    for (int i = 0; i < steps; ++i) {
      if (*rc::gen::inRange(0, 6) == 0) sim::advance_by(world, 10 * sim::kMinuteMs);
      const std::string& action = *rc::gen::elementOf(actions);
      const Json input = test::props::random_input(*model, action, pool);
      const sim::Caller& who = *rc::gen::element(test::props::us(), test::props::other());
      world = check_one(world, action, input, who);
    }
  });
}

}  // namespace AMISIM_UNITY_ID
