// Random world plans for RapidCheck (include/amisim/rapidcheck.hpp): every plan drawn keeps its
// bounds and world_plan.hpp's rules, and so does every plan RapidCheck shrinks one to; drawn plans
// build.
#include "amisim/rapidcheck.hpp"

#include <rapidcheck.h>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>

#include "amisim/world.hpp"
#include "harness.hpp"
#include "lib/plan.hpp"

namespace {

// What is wrong with a drawn plan ("" when nothing): the rules, then the bounds.
std::string drawn_problem(const amisim::WorldPlan& plan, const amisim::PlanBounds& bounds) {
  if (auto e = amisim::lib::plan_error(plan, *test::fixtures())) return *e;
  if (static_cast<int>(plan.accounts.size()) > bounds.max_accounts) return "too many accounts";
  if (static_cast<int>(plan.images.size()) > bounds.max_images) return "too many images";
  if (static_cast<int>(plan.templates.size()) > bounds.max_templates) return "too many templates";
  const std::set<std::string> regions(bounds.regions.begin(), bounds.regions.end());
  for (const auto& p : plan.images) {
    if (p.age_days > bounds.max_age_days) return "an image too old";
    if (p.running + p.stopped > bounds.max_instances) return "an image with too many instances";
    if (regions.count(p.region) == 0) return "an image outside the Regions";
    if (!p.name.empty()) return "a drawn image with a name";
  }
  for (const auto& lt : plan.templates)
    if (static_cast<int>(lt.versions.size()) > bounds.max_versions) return "too many versions";
  return "";
}

}  // namespace

TEST_CASE("Every drawn plan, and every first shrink of it, keeps its bounds and the plan rules",
          "[lib]") {
  amisim::PlanBounds wide;
  wide.max_accounts = 6;
  wide.regions = {"eu-west-1", "ap-southeast-2", "us-east-1"};
  wide.max_images = 20;
  wide.max_age_days = 3650;
  wide.max_instances = 4;
  wide.max_templates = 6;
  wide.max_versions = 5;
  std::set<std::size_t> accounts_seen, images_seen;
  bool deregistered = false, protected_seen = false, disabled = false, templates = false;
  bool marketplace = false, ssm = false;
  for (const amisim::PlanBounds& bounds : {amisim::PlanBounds{}, wide}) {
    const auto gen = amisim::world_plans(bounds);
    for (std::uint64_t seed = 1; seed <= 150; ++seed) {
      const auto drawn = gen(rc::Random(seed), static_cast<int>(seed % 101));
      const amisim::WorldPlan plan = drawn.value();
      INFO("seed " << seed << ": " << rc::toString(plan));
      REQUIRE(drawn_problem(plan, bounds) == "");
      accounts_seen.insert(plan.accounts.size());
      images_seen.insert(plan.images.size());
      for (const auto& p : plan.images) {
        deregistered |= p.deregistered;
        protected_seen |= p.protected_from_deregistration;
        disabled |= p.disabled;
        marketplace |= p.marketplace;
      }
      templates |= !plan.templates.empty();
      for (const auto& lt : plan.templates) ssm |= lt.ssm_version;
      auto shrinks = drawn.shrinks();
      for (int n = 0; n < 20; ++n) {
        auto next = shrinks.next();
        if (!next) break;
        REQUIRE(drawn_problem(next->value(), bounds) == "");
      }
    }
  }
  // The draws cover the kinds of estate, not one corner of it.
  CHECK(accounts_seen.size() >= 3);
  CHECK(images_seen.size() >= 10);
  CHECK(images_seen.count(0) == 1);
  CHECK(deregistered);
  CHECK(protected_seen);
  CHECK(disabled);
  CHECK(templates);
  CHECK(marketplace);
  CHECK(ssm);
}

TEST_CASE("Drawn plans build in a World, every image and template made", "[lib]") {
  const auto gen = rc::gen::arbitrary<amisim::WorldPlan>();
  for (std::uint64_t seed = 1; seed <= 12; ++seed) {
    const amisim::WorldPlan plan = gen(rc::Random(seed), 60).value();
    INFO("seed " << seed << ": " << rc::toString(plan));
    amisim::World world({seed});
    const amisim::BuildResult built = world.build(plan);
    INFO((built.error ? built.error->code + ": " + built.error->message : ""));
    REQUIRE(built.ok());
    CHECK(built.image_ids.size() == plan.images.size());
    for (const std::string& id : built.image_ids) CHECK(id.rfind("ami-", 0) == 0);
    for (const std::string& id : built.launch_template_ids) CHECK(id.rfind("lt-", 0) == 0);
    // Each image still registered is its planned age (to the hour: building one takes minutes).
    for (std::size_t i = 0; i < plan.images.size(); ++i) {
      const amisim::PlannedImage& p = plan.images[i];
      if (p.deregistered) continue;
      const nlohmann::json request = {{"IncludeDisabled", true},
                                      {"ImageIds", {built.image_ids[i]}}};
      const amisim::CallResult r =
          world.call("ec2", "DescribeImages", request.dump(), {p.account, p.region});
      REQUIRE(r.ok());
      const auto created = amisim::parse_time(
          nlohmann::json::parse(r.json)["Images"][0]["CreationDate"].get<std::string>());
      REQUIRE(created);
      INFO("images[" << i << "]");
      CHECK(world.now() - *created >= std::chrono::days(p.age_days));
      CHECK(world.now() - *created < std::chrono::days(p.age_days) + std::chrono::hours(1));
    }
  }
}

TEST_CASE("A plan prints one line per image and template", "[lib]") {
  amisim::WorldPlan plan;
  plan.accounts = {"123456789012"};
  plan.images.resize(2);
  plan.images[1].deprecated = true;
  plan.images[1].deprecated_after_days = 3;
  plan.images[1].age_days = 9;
  plan.templates.push_back({"123456789012", "us-east-1", "", {1, 0}});
  std::ostringstream os;
  amisim::showValue(plan, os);
  CHECK(os.str() ==
        "WorldPlan: accounts 123456789012\n"
        "  images[0] 123456789012 us-east-1 age 0d, team web\n"
        "  images[1] 123456789012 us-east-1 age 9d, team web, deprecated after 3d\n"
        "  templates[0] 123456789012 us-east-1 versions: images 1 0");
}
