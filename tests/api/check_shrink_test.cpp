// Shrinking a failing world (api/check/shrink.hpp; issue 21, "On a failure it shrinks"): every
// candidate keeps a plan's rules and is smaller or simpler, never larger; the greedy search finds
// the smallest world a known failure needs; it stops after a fruitless round or its budget.
#include <rapidcheck/catch.h>

#include <catch2/catch.hpp>
#include <set>
#include <string>

#include "api/check/shrink.hpp"

namespace check = amisim::check;

namespace {

// What shrinking may only lower.
struct Size {
  std::size_t accounts = 0, images = 0, templates = 0, versions = 0, instances = 0, flags = 0;
  long long ages = 0;
};

Size size_of(const check::WorldPlan& p) {
  Size s;
  s.accounts = p.accounts.size();
  s.images = p.images.size();
  s.templates = p.templates.size();
  for (const auto& t : p.templates) s.versions += t.versions.size() + t.ssm_version;
  for (const auto& i : p.images) {
    s.instances += static_cast<std::size_t>(i.running + i.stopped);
    s.flags += i.deregistered + i.protected_from_deregistration + i.is_public + i.shared +
               i.disabled + i.deprecated + i.marketplace;
    s.ages += i.age_days;
  }
  return s;
}

// A plan's rules (world_plan.hpp): what random_plan promises and plan_steps relies on.
void check_rules(const check::WorldPlan& p) {
  RC_ASSERT(!p.accounts.empty());
  const std::set<std::string> accounts(p.accounts.begin(), p.accounts.end());
  for (std::size_t i = 0; i < p.images.size(); ++i) {
    const auto& img = p.images[i];
    RC_ASSERT(accounts.count(img.account) == 1U);
    if (i > 0) RC_ASSERT(p.images[i - 1].age_days >= img.age_days);
    RC_ASSERT(img.age_days >= 0);
    RC_ASSERT(!(img.deregistered && img.protected_from_deregistration));
    RC_ASSERT(!(img.deregistered && img.disabled));
    RC_ASSERT(!(img.is_public && img.disabled));
    RC_ASSERT(!(img.is_public && img.marketplace));  // an image with a product code is never public
    if (img.deregistered) RC_ASSERT(img.running + img.stopped == 0);
    if (img.deprecated) RC_ASSERT(img.deprecated_after_days >= 1);
    if (img.deprecated) RC_ASSERT(img.deprecated_after_days <= img.age_days);
  }
  for (const auto& t : p.templates) {
    RC_ASSERT(!t.versions.empty());
    for (std::size_t v : t.versions) {
      RC_ASSERT(v < p.images.size());
      RC_ASSERT(p.images[v].account == t.account);
      RC_ASSERT(p.images[v].region == t.region);
    }
  }
}

check::WorldShape busy_shape() {
  check::WorldShape shape;
  shape.accounts = {1, 3};
  shape.regions = {"us-east-1", "us-west-2", "eu-west-1"};
  shape.regions_per_account = {1, 3};
  shape.images = {0, 6};
  shape.deprecated = shape.shared = shape.is_public = shape.marketplace = shape.ssm = 0.3;
  return shape;
}

// The failure of the naive clean-up (examples/check/naive_cleanup.py) as a predicate: an image at
// least 30 days old that an instance came from.
bool naive_fails(const check::WorldPlan& p) {
  for (const auto& i : p.images)
    if (i.age_days >= 30 && i.running + i.stopped > 0) return true;
  return false;
}

}  // namespace

TEST_CASE("Every shrink candidate keeps a plan's rules and is never larger, one step smaller",
          "[check]") {
  rc::prop("candidates of any random plan", [](std::uint64_t seed) {
    const check::WorldPlan plan = check::random_plan(busy_shape(), seed);
    const Size before = size_of(plan);
    for (const auto& c : check::shrink_candidates(plan)) {
      check_rules(c);
      const Size after = size_of(c);
      RC_ASSERT(after.accounts <= before.accounts);
      RC_ASSERT(after.images <= before.images);
      RC_ASSERT(after.templates <= before.templates);
      RC_ASSERT(after.versions <= before.versions);
      RC_ASSERT(after.instances <= before.instances);
      RC_ASSERT(after.flags <= before.flags);
      RC_ASSERT(after.ages <= before.ages);
      const bool smaller = after.accounts < before.accounts || after.images < before.images ||
                           after.templates < before.templates || after.versions < before.versions ||
                           after.instances < before.instances || after.flags < before.flags ||
                           after.ages < before.ages;
      RC_ASSERT(smaller);
    }
  });
}

TEST_CASE(
    "Shrinking a world the naive clean-up fails in ends at one image 30 days old and one "
    "instance, and says so",
    "[check]") {
  int shrunk = 0;
  for (std::uint64_t seed = 1; seed <= 40; ++seed) {
    const check::WorldPlan plan = check::random_plan(busy_shape(), seed);
    if (!naive_fails(plan)) continue;
    INFO("seed " << seed << ": " << check::describe(plan));
    unsigned told = 0;
    const check::ShrinkResult r =
        check::shrink(plan, 10'000, naive_fails, [&](const check::WorldPlan& p, unsigned tries) {
          CHECK(naive_fails(p));
          CHECK(tries > told);
          told = tries;
        });
    CHECK(check::describe(r.plan) ==
          "1 account, 1 Region, 1 image (30 days old), 1 instance, 0 launch templates");
    CHECK(naive_fails(r.plan));
    REQUIRE(r.plan.images.size() == 1);
    CHECK(r.plan.images[0].age_days == 30);
    ++shrunk;
  }
  CHECK(shrunk >= 10);  // the seeds gave enough failing worlds to mean something
}

TEST_CASE("Shrinking stops after a round that finds nothing, or at its budget", "[check]") {
  const check::WorldPlan plan = check::random_plan(busy_shape(), 5);
  const std::size_t round = check::shrink_candidates(plan).size();
  REQUIRE(round > 0);
  unsigned asked = 0;
  auto never = [&](const check::WorldPlan&) {
    ++asked;
    return false;
  };
  check::ShrinkResult r = check::shrink(plan, 10'000, never);
  CHECK(r.tries == round);
  CHECK(asked == round);
  CHECK(check::describe(r.plan) == check::describe(plan));
  r = check::shrink(plan, 3, [](const check::WorldPlan&) { return true; });
  CHECK(r.tries == 3);
}

TEST_CASE("A plan described in words", "[check]") {
  check::WorldPlan p;
  p.accounts = {"123456789012", "210987654321"};
  CHECK(check::describe(p) == "2 accounts, 1 Region, 0 images, 0 instances, 0 launch templates");
  check::PlannedImage old;
  old.account = "123456789012";
  old.region = "eu-west-1";
  old.age_days = 120;
  old.running = 2;
  old.stopped = 1;
  check::PlannedImage gone = old;
  gone.region = "us-east-1";
  gone.age_days = 3;
  gone.running = gone.stopped = 0;
  gone.deregistered = true;
  p.images = {old, gone};
  p.templates.push_back({"123456789012", "eu-west-1", "app-0", {0, 0}});
  CHECK(check::describe(p) ==
        "2 accounts, 2 Regions, 2 images (1 deregistered, the oldest 120 days old), 3 instances, "
        "1 launch template (2 versions)");
}
