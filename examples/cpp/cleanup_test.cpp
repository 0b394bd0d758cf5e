// The clean-up routine (cleanup.hpp), property-tested against amisim: for any estate of images,
// instances and launch templates RapidCheck draws, the routine never deregisters an image in use,
// and leaves no old, unused, unprotected image behind. A failing case prints the smallest plan
// RapidCheck shrinks it to, and RC_PARAMS="seed=N" replays it.
#include "cleanup.hpp"

#include <rapidcheck/catch.h>

#include <amisim/rapidcheck.hpp>
#include <amisim/world.hpp>
#include <catch2/catch.hpp>
#include <set>
#include <string>

using namespace std::chrono_literals;

namespace {

constexpr std::chrono::days kMinAge{90};

// EC2 in one account and Region of `world`, as the routine wants it.
cleanup::Ec2 ec2_of(amisim::World& world, const amisim::Caller& caller) {
  return [&world, caller](const std::string& action, const cleanup::Json& input) {
    const amisim::CallResult r = world.call("ec2", action, input.dump(), caller);
    if (!r.ok()) throw cleanup::AwsError(r.error->code, r.error->message);
    return cleanup::Json::parse(r.json);
  };
}

// Whether `id` is still registered (for its owner, disabled ones included). EC2 goes on
// describing a deregistered image by its ID for a while, in state "deregistered".
bool registered(amisim::World& world, const amisim::Caller& owner, const std::string& id) {
  const amisim::CallResult r =
      world.call("ec2", "DescribeImages",
                 cleanup::Json{{"ImageIds", {id}}, {"IncludeDisabled", true}}.dump(), owner);
  if (!r.ok()) return false;
  const cleanup::Json images = cleanup::Json::parse(r.json)["Images"];
  return !images.empty() && images[0]["State"] != "deregistered";
}

// The property, as a function: what the clean-up got wrong in the world `plan` describes ("" when
// nothing). What is in use comes from the plan, not from the routine's own reading of the world.
std::string what_went_wrong(const amisim::WorldPlan& plan, const cleanup::InUse& in_use) {
  amisim::World world;
  const amisim::BuildResult built = world.build(plan);
  if (!built.ok()) return "the plan did not build: " + built.error->message;
  std::set<std::pair<std::string, std::string>> places;
  for (const auto& image : plan.images) places.insert({image.account, image.region});
  for (const auto& [account, region] : places)
    cleanup::clean_up(ec2_of(world, {account, region}), world.now(), kMinAge, in_use);

  std::set<std::size_t> used;
  for (std::size_t i = 0; i < plan.images.size(); ++i)
    if (plan.images[i].running + plan.images[i].stopped > 0) used.insert(i);
  for (const auto& lt : plan.templates) used.insert(lt.versions.begin(), lt.versions.end());
  for (std::size_t i = 0; i < plan.images.size(); ++i) {
    const amisim::PlannedImage& p = plan.images[i];
    if (p.deregistered) continue;  // gone before the clean-up ran
    const bool kept = registered(world, {p.account, p.region}, built.image_ids[i]);
    const std::string which = "images[" + std::to_string(i) + "] (" + built.image_ids[i] + ")";
    if (used.count(i) != 0 && !kept) return which + " was in use and is deregistered";
    const bool removable = std::chrono::days(p.age_days) >= kMinAge && used.count(i) == 0 &&
                           !p.protected_from_deregistration;
    if (removable && kept) return which + " is old and unused but still registered";
  }
  return "";
}

// A clean-up that forgets launch templates: only instances count as use.
std::set<std::string> instances_only(const cleanup::Ec2& ec2) {
  std::set<std::string> used;
  const cleanup::Json out = ec2("DescribeInstances", cleanup::Json::object());
  for (const auto& reservation : out["Reservations"])
    for (const auto& instance : reservation["Instances"])
      if (instance["State"]["Name"] != "terminated") used.insert(instance["ImageId"]);
  return used;
}

}  // namespace

TEST_CASE("The clean-up keeps every image in use and removes every old unused one") {
  rc::prop("for any world plan", [](const amisim::WorldPlan& plan) {
    const std::string wrong = what_went_wrong(plan, cleanup::images_in_use);
    if (!wrong.empty()) RC_FAIL(wrong);
  });
  // The same with the generator composed: one account and Region, older images, more templates.
  rc::prop("for crowded single-Region estates", [] {
    amisim::PlanBounds bounds;
    bounds.max_accounts = 1;
    bounds.regions = {"eu-west-1"};
    bounds.max_age_days = 1000;
    bounds.max_templates = 5;
    const amisim::WorldPlan plan = *amisim::world_plans(bounds);
    const std::string wrong = what_went_wrong(plan, cleanup::images_in_use);
    if (!wrong.empty()) RC_FAIL(wrong);
  });
}

TEST_CASE("The property catches a clean-up that forgets launch templates") {
  // An old image no instance runs, that a launch template's version 2 still launches.
  amisim::WorldPlan plan;
  plan.accounts = {"123456789012"};
  plan.images.resize(2);
  plan.images[0].age_days = 200;
  plan.images[1].age_days = 10;
  plan.images[1].running = 1;
  plan.templates.push_back({"123456789012", "us-east-1", "web", {1, 0}});
  CHECK(what_went_wrong(plan, cleanup::images_in_use).empty());
  using Catch::Matchers::EndsWith;
  using Catch::Matchers::StartsWith;
  CHECK_THAT(what_went_wrong(plan, instances_only),
             StartsWith("images[0] (ami-") && EndsWith(") was in use and is deregistered"));
}

TEST_CASE("The clean-up deletes the snapshots of what it deregisters, and its bill shows it") {
  amisim::WorldPlan plan;
  plan.accounts = {"123456789012"};
  plan.images.resize(1);
  plan.images[0].age_days = 365;
  amisim::World world;
  REQUIRE(world.build(plan).ok());
  const auto ec2 = ec2_of(world, {});
  const cleanup::Report report = cleanup::clean_up(ec2, world.now(), kMinAge);
  REQUIRE(report.deregistered.size() == 1);
  REQUIRE(report.deleted_snapshots.size() == 1);
  CHECK(report.failed.empty());
  const cleanup::Json left = ec2("DescribeSnapshots", {{"OwnerIds", {"self"}}})["Snapshots"];
  CHECK(left.empty());
  // A month later the account pays for no snapshot storage.
  const amisim::Time cleaned = world.now();
  world.advance(std::chrono::days(30));
  for (const amisim::BillLine& line : world.bill({cleaned, std::nullopt, "123456789012"}).lines)
    CHECK(line.usage_type.find("SnapshotUsage") == std::string::npos);
}
