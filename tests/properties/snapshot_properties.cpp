// The world snapshot (api/io/world_snapshot.hpp) and the state document built on it
// (api/gateway/journal.hpp): for random histories, a snapshot restores to the same world (equal
// digest, the same snapshot written again), and the restored world goes on exactly as the
// original: the same further random calls give the same outputs, digests and documents.
#include <rapidcheck/catch.h>

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "api/gateway/gateway.hpp"
#include "api/io/world_snapshot.hpp"
#include "driver.hpp"
#include "harness.hpp"
#include "properties/model_inputs.hpp"
#include "unity_id.hpp"

namespace AMISIM_UNITY_ID {

namespace gw = amisim::gateway;
using Json = nlohmann::json;

namespace {

// Two worlds: the original, and one restored from its snapshot. Each further action must come
// out the same in both, and leave equal digests.
struct Restored {
  Restored(test::WorldDriver& original) : original(original) {
    const Json snapshot = io::world_snapshot(original.world);
    RC_ASSERT(io::restore_world_snapshot(copy, snapshot) == "");
    RC_ASSERT(copy.digest() == original.world.digest());
    RC_ASSERT(io::world_snapshot(copy) == snapshot);
  }
  std::string apply(const test::Action& action) {
    const std::string what = original.apply(action);
    RC_ASSERT(test::apply(copy, action, original.regions) == what);
    return what;
  }
  void check() const { RC_ASSERT(copy.digest() == original.world.digest()); }

  test::WorldDriver& original;
  sim::World copy{original.world.fixtures_ptr(), original.world.options()};
};

// One call to the original gateway and the same call to the loaded one: the same answer.
std::string same_call(gw::Gateway& a, gw::Gateway& b, const sim::Caller& who,
                      const std::string& action, const Json& input) {
  auto x = a.call(who, action, input);
  auto y = b.call(who, action, input);
  RC_ASSERT(x.ok() == y.ok());
  if (!x.ok()) {
    RC_ASSERT(x.error().code == y.error().code);
    RC_ASSERT(x.error().message == y.error().message);
    return x.error().code;
  }
  RC_ASSERT(x.value() == y.value());
  return "ok";
}

}  // namespace

TEST_CASE("A snapshot restores the world, which then goes on as the original does") {
  rc::prop("random history, snapshot, restore, the same random future", [](std::uint64_t seed) {
    test::WorldDriver original(seed);
    test::props::run(original, *test::actions());
    Restored restored(original);
    test::props::run(restored, *test::actions());
    RC_ASSERT(io::world_snapshot(restored.copy) == io::world_snapshot(original.world));
  });
}

TEST_CASE("A state document with a snapshot loads the world, which then goes on as the original") {
  const std::vector<std::string> actions = test::props::changing_actions();
  rc::prop("random changing calls, a small journal limit, load, the same further calls",
           [&actions] {
             gw::GatewayOptions options;
             options.seed = 29;
             options.journal_limit = static_cast<std::size_t>(*rc::gen::inRange(1, 12));
             options.snapshot_bytes_per_entry = 0;  // exactly at the limit
             gw::Gateway g(test::fixtures(), options);
             test::props::Pool pool;
             test::props::populate(
                 g.world(),
                 [&g](const sim::Caller& who, const std::string& action, const Json& input) {
                   auto r = g.call(who, action, input);
                   RC_ASSERT(r.ok());
                   return r.value();
                 },
                 pool);
             auto random_call = [&] {
               const std::string& action = *rc::gen::elementOf(actions);
               const Json input = test::props::random_input(g.model(), action, pool);
               const sim::Caller& who = *rc::gen::element(test::props::us(), test::props::other());
               return std::tuple{who, action, input};
             };
             const int before = *rc::gen::inRange(0, 30);
             for (int i = 0; i < before; ++i) {
               auto [who, action, input] = random_call();
               (void)g.call(who, action, input);
             }
             const Json document = g.state_document();
             RC_ASSERT(document.contains("snapshot"));  // populate alone journals more than 12
             RC_ASSERT(document["journal"].size() < options.journal_limit);

             gw::Gateway loaded(test::fixtures(), options);
             auto done = loaded.load_state(document);
             RC_ASSERT(done.ok());
             RC_ASSERT(loaded.world().digest() == g.world().digest());
             RC_ASSERT(io::world_snapshot(loaded.world()) == io::world_snapshot(g.world()));

             const int after = *rc::gen::inRange(0, 30);
             for (int i = 0; i < after; ++i) {
               auto [who, action, input] = random_call();
               RC_LOG() << action << " " << input.dump() << " -> "
                        << same_call(g, loaded, who, action, input) << "\n";
               RC_ASSERT(loaded.world().digest() == g.world().digest());
             }
             RC_ASSERT(loaded.state_document() == g.state_document());
           });
}

}  // namespace AMISIM_UNITY_ID
