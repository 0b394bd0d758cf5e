// The random worlds of `amisim check` (api/check/world_plan.hpp; issue 21, section 1): a plan keeps
// to its shape whatever the seed, the same seed gives the same steps, and the steps build the
// planned world through the scenario runner, every call succeeding.
#include <catch2/catch.hpp>
#include <map>
#include <set>
#include <string>

#include "api/check/world_plan.hpp"
#include "api/scenario/loader.hpp"
#include "api/scenario/runner.hpp"
#include "api/scenario_support.hpp"
#include "harness.hpp"
#include "sim/images/marketplace.hpp"

namespace check = amisim::check;
using Json = nlohmann::json;

namespace {

sim::TimeMs world_start() { return sim::World(test::fixtures()).now(); }

}  // namespace

TEST_CASE("A random plan keeps to its shape for every seed", "[check]") {
  const check::WorldShape shape;
  for (std::uint64_t seed = 1; seed <= 60; ++seed) {
    INFO("seed " << seed);
    const check::WorldPlan plan = check::random_plan(shape, seed);
    CHECK(static_cast<int>(plan.accounts.size()) >= shape.accounts.min);
    CHECK(static_cast<int>(plan.accounts.size()) <= shape.accounts.max);
    std::map<std::pair<std::string, std::string>, int> per_place;
    for (std::size_t i = 0; i < plan.images.size(); ++i) {
      const auto& p = plan.images[i];
      per_place[{p.account, p.region}]++;
      CHECK(p.age_days >= shape.age_days.min);
      CHECK(p.age_days <= shape.age_days.max);
      if (i > 0) CHECK(plan.images[i - 1].age_days >= p.age_days);  // oldest first
      CHECK_FALSE((p.deregistered && p.protected_from_deregistration));
      CHECK_FALSE((p.deregistered && p.disabled));
      CHECK_FALSE((p.is_public && p.disabled));
      if (p.deregistered) CHECK(p.running + p.stopped == 0);
      CHECK(p.running + p.stopped <= shape.instances.max);
      if (p.deprecated) CHECK(p.deprecated_after_days >= 1);
      if (p.deprecated) CHECK(p.deprecated_after_days <= p.age_days);
    }
    for (const auto& [place, n] : per_place) {
      CHECK(n >= std::max(1, shape.images.min));
      CHECK(n <= shape.images.max);
    }
    for (const auto& lt : plan.templates) {
      CHECK(static_cast<int>(lt.versions.size()) >= std::max(1, shape.versions.min));
      CHECK(static_cast<int>(lt.versions.size()) <= shape.versions.max);
      for (std::size_t v : lt.versions) {
        REQUIRE(v < plan.images.size());
        CHECK(plan.images[v].account == lt.account);  // a version names its own place's image
        CHECK(plan.images[v].region == lt.region);
      }
    }
  }
}

TEST_CASE("The same seed gives the same steps; other seeds give other worlds", "[check]") {
  const check::WorldShape shape;
  const auto steps = [&](std::uint64_t seed) {
    return check::plan_steps(check::random_plan(shape, seed), *test::fixtures(), world_start());
  };
  CHECK(steps(7) == steps(7));
  std::set<std::string> distinct;
  for (std::uint64_t seed = 1; seed <= 5; ++seed) distinct.insert(steps(seed).dump());
  CHECK(distinct.size() == 5);
}

TEST_CASE("A plan's steps build its world through the scenario runner, every call succeeding",
          "[check]") {
  check::WorldShape shape;
  shape.is_public = 0.3;  // more of each kind than the default mix, so every seed shows them
  shape.disabled = 0.2;
  shape.deprecated = 0.4;
  for (std::uint64_t seed = 1; seed <= 4; ++seed) {
    INFO("seed " << seed);
    const check::WorldPlan plan = check::random_plan(shape, seed);
    const Json doc = {{"name", "random world"},
                      {"seed", 1},
                      {"clock", "instant"},
                      {"steps", check::plan_steps(plan, *test::fixtures(), world_start())}};
    auto scenario = amisim::scenario::parse_scenario(doc.dump(), "random-world.json");
    INFO((scenario.ok() ? std::string() : scenario.error()));
    REQUIRE(scenario.ok());
    test::Watched held;
    amisim::scenario::RunOptions options;
    options.door = [&held](std::uint64_t s, bool instant) {
      return std::make_unique<test::WatchingDoor>(
          amisim::scenario::in_process_door(test::fixtures(), s, instant), held);
    };
    auto result = amisim::scenario::run_scenario(scenario.value(), test::fixtures(), options);
    INFO((result.failure ? result.failure->what + ": " + result.failure->actual : ""));
    REQUIRE(result.passed);

    // What the world holds of the accounts' own: the images in their planned states, the
    // instances running and stopped.
    std::map<std::string, int> images, instances;
    for (const auto& [id, state] : held.at_end) {
      if (held.at_start.count(id) != 0) continue;  // the catalogue's
      const std::string s = state.substr(0, state.find(' '));
      if (id.rfind("ami-", 0) == 0) images[s]++;
      if (id.rfind("i-", 0) == 0) instances[s]++;
    }
    std::map<std::string, int> planned, planned_instances;
    for (const auto& p : plan.images) {
      planned[p.deregistered ? "deregistered" : p.disabled ? "disabled" : "available"]++;
      planned_instances["running"] += p.running;
      planned_instances["stopped"] += p.stopped;
    }
    CHECK(images == planned);
    CHECK(instances["running"] == planned_instances["running"]);
    CHECK(instances["stopped"] == planned_instances["stopped"]);
  }
}

namespace {

// What a built world holds of a plan: each own image's age in whole days and whether it carries
// a Marketplace product code, by name; the launch-template versions naming an SSM parameter.
struct Built {
  std::map<std::string, int> ages;
  std::set<std::string> marketplace;
  int ssm_versions = 0;
};

// A door that, when the run lets go of it, notes what its world built (Built).
class BuiltDoor final : public test::ForwardingDoor {
 public:
  BuiltDoor(std::unique_ptr<amisim::scenario::Door> inner, Built& built)
      : ForwardingDoor(std::move(inner)), built_(built) {}
  ~BuiltDoor() override {
    const sim::World& w = *world();
    for (const auto& [name, region] : w.regions()) {
      for (const auto& [id, image] : region.images) {
        if (!image.owner_alias.empty()) continue;
        built_.ages[image.name] = static_cast<int>((w.now() - image.creation) / sim::kDayMs);
        if (sim::has_marketplace_code(image)) built_.marketplace.insert(image.name);
      }
      for (const auto& [id, lt] : region.launch_templates)
        for (const auto& [n, v] : lt.versions)
          built_.ssm_versions += v.data.image_id && v.data.image_id->rfind("resolve:ssm:", 0) == 0;
    }
  }
  BuiltDoor(const BuiltDoor&) = delete;
  BuiltDoor& operator=(const BuiltDoor&) = delete;

 private:
  Built& built_;
};

}  // namespace

TEST_CASE(
    "Each planned image is its planned age when the steps end, the youngest too; Marketplace "
    "images carry a product code; SSM versions name a parameter",
    "[check]") {
  check::WorldShape shape;
  shape.age_days = {20, 90};  // no image made at the end: the youngest needs the last advance
  shape.marketplace = 0.5;    // both default Regions offer a Marketplace product on t3.micro
  shape.ssm = 0.5;
  shape.templates = {1, 2};
  for (std::uint64_t seed = 1; seed <= 3; ++seed) {
    INFO("seed " << seed);
    const check::WorldPlan plan = check::random_plan(shape, seed);
    const Json doc = {{"name", "ages"},
                      {"seed", 1},
                      {"clock", "instant"},
                      {"steps", check::plan_steps(plan, *test::fixtures(), world_start())}};
    auto scenario = amisim::scenario::parse_scenario(doc.dump(), "ages.json");
    REQUIRE(scenario.ok());
    Built built;
    amisim::scenario::RunOptions options;
    options.door = [&built](std::uint64_t s, bool instant) {
      return std::make_unique<BuiltDoor>(
          amisim::scenario::in_process_door(test::fixtures(), s, instant), built);
    };
    const auto result = amisim::scenario::run_scenario(scenario.value(), test::fixtures(), options);
    INFO((result.failure ? result.failure->what + ": " + result.failure->actual : ""));
    REQUIRE(result.passed);
    REQUIRE(built.ages.size() == plan.images.size());
    std::set<std::string> marketplace;
    int ssm = 0;
    for (const auto& p : plan.images) {
      CHECK(built.ages[p.name] == p.age_days);
      if (p.marketplace) marketplace.insert(p.name);
    }
    for (const auto& t : plan.templates) ssm += t.ssm_version;
    CHECK(built.marketplace == marketplace);
    CHECK_FALSE(marketplace.empty());
    CHECK(built.ssm_versions == ssm);
  }
}

TEST_CASE(
    "A --world document sets the shape's ranges, Regions and weights; the rest keep their "
    "defaults",
    "[check]") {
  std::string error;
  auto empty = check::parse_world_shape(Json::object(), *test::fixtures(), &error);
  REQUIRE(empty);
  CHECK(empty->images.max == check::WorldShape{}.images.max);
  CHECK(empty->regions == check::WorldShape{}.regions);
  auto shape = check::parse_world_shape(Json::parse(R"({
      "accounts": {"min": 2, "max": 3}, "regions": ["eu-west-1"], "images": {"max": 9},
      "age_days": {"min": 30, "max": 60}, "weights": {"deregistered": 0.5, "public": 0}})"),
                                        *test::fixtures(), &error);
  INFO(error);
  REQUIRE(shape);
  CHECK(shape->accounts.min == 2);
  CHECK(shape->accounts.max == 3);
  CHECK(shape->regions == std::vector<std::string>{"eu-west-1"});
  CHECK(shape->regions_per_account.max == 1);  // no more than the Regions given
  CHECK(shape->images.min == check::WorldShape{}.images.min);
  CHECK(shape->images.max == 9);
  CHECK(shape->deregistered == 0.5);
  CHECK(shape->is_public == 0);
  // One bound given past the other's default moves that one along.
  auto older = check::parse_world_shape(Json::parse(R"({"age_days": {"min": 500}})"),
                                        *test::fixtures(), &error);
  REQUIRE(older);
  CHECK(older->age_days.min == 500);
  CHECK(older->age_days.max == 500);
  auto fewer =
      check::parse_world_shape(Json::parse(R"({"images": {"max": 1}})"), *test::fixtures(), &error);
  REQUIRE(fewer);
  CHECK(fewer->images.min == 1);
  CHECK(fewer->images.max == 1);
  // The plan it draws keeps to it.
  const check::WorldPlan plan = check::random_plan(*shape, 3);
  CHECK(plan.accounts.size() >= 2);
  for (const auto& p : plan.images) {
    CHECK(p.region == "eu-west-1");
    CHECK(p.age_days >= 30);
    CHECK(p.age_days <= 60);
    CHECK_FALSE(p.is_public);
  }
}

TEST_CASE("A --world document out of range or misspelt is refused in one line naming the member",
          "[check]") {
  const std::vector<std::pair<std::string, std::string>> bad = {
      {R"([])", "JSON object"},
      {R"({"acounts": {"min": 1}})", "\"acounts\""},
      {R"({"accounts": {"min": 0}})", "\"accounts\".min"},
      {R"({"accounts": {"max": 7}})", "\"accounts\".max"},
      {R"({"images": {"min": 5, "max": 2}})", "min 5 is more than max 2"},
      {R"({"images": 4})", "\"images\" must be an object"},
      {R"({"images": {"least": 1}})", "\"least\""},
      {R"({"age_days": {"max": 1.5}})", "\"age_days\".max"},
      {R"({"regions": []})", "\"regions\""},
      {R"({"regions": ["mars-north-1"]})", "mars-north-1"},
      {R"({"regions": ["af-south-1"]})", "opt-in Region"},
      {R"({"regions": ["us-east-1", "us-east-1"]})", "twice"},
      {R"({"regions_per_account": {"max": 3}})", "\"regions_per_account\".max"},
      {R"({"weights": {"shared": 1.5}})", "\"weights\".shared"},
      {R"({"weights": {"sharde": 0.5}})", "\"sharde\""},
      {R"({"weights": [0.5]})", "\"weights\""},
  };
  for (const auto& [text, names] : bad) {
    INFO(text);
    std::string error;
    CHECK_FALSE(check::parse_world_shape(Json::parse(text), *test::fixtures(), &error));
    CHECK(error.find(names) != std::string::npos);
    CHECK(error.find('\n') == std::string::npos);
  }
}
