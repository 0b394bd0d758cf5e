// World::build (lib/build.cpp) and the public plan's rules and conversion (lib/plan.cpp): a plan
// becomes the world it describes, by the same calls a user makes; a plan that breaks a rule is
// refused before anything changes.
#include "lib/plan.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "amisim/world.hpp"
#include "harness.hpp"

using Json = nlohmann::json;
using namespace std::chrono_literals;

namespace {

const std::string kPlanA = "123456789012";
const std::string kPlanB = "210987654321";

Json plan_call(amisim::World& world, std::string_view action, const Json& request,
               const amisim::Caller& caller = {}) {
  const amisim::CallResult r = world.call("ec2", action, request.dump(), caller);
  INFO(action << ": " << (r.error ? r.error->code + " " + r.error->message : ""));
  REQUIRE(r.ok());
  return Json::parse(r.json);
}

amisim::PlannedImage planned(const std::string& account, const std::string& region, int age) {
  amisim::PlannedImage p;
  p.account = account;
  p.region = region;
  p.age_days = age;
  return p;
}

// Two accounts; in A's us-east-1 an old deprecated image with instances, a protected one baked
// from a Marketplace product, a deregistered one and a public one, and a template of two versions
// and one naming an SSM parameter; in B's us-west-2 a disabled image.
amisim::WorldPlan sample_plan() {
  amisim::WorldPlan plan;
  plan.accounts = {kPlanA, kPlanB};
  plan.images.push_back(planned(kPlanA, "us-east-1", 100));
  plan.images[0].deprecated = true;
  plan.images[0].deprecated_after_days = 30;
  plan.images[0].running = 1;
  plan.images[0].stopped = 1;
  plan.images[0].shared = true;
  plan.images.push_back(planned(kPlanA, "us-east-1", 10));
  plan.images[1].protected_from_deregistration = true;
  plan.images[1].name = "golden-1";
  plan.images[1].team = "platform";
  plan.images[1].marketplace = true;
  plan.images.push_back(planned(kPlanA, "us-east-1", 200));
  plan.images[2].deregistered = true;
  plan.images.push_back(planned(kPlanB, "us-west-2", 50));
  plan.images[3].disabled = true;
  plan.images.push_back(planned(kPlanA, "us-east-1", 0));
  plan.images[4].is_public = true;
  amisim::PlannedTemplate lt;
  lt.versions = {1, 0};
  lt.ssm_version = true;
  plan.templates.push_back(lt);
  return plan;
}

Json image_of(amisim::World& world, const std::string& id, const amisim::Caller& caller = {}) {
  const Json out =
      plan_call(world, "DescribeImages", {{"ImageIds", {id}}, {"IncludeDisabled", true}}, caller);
  REQUIRE(out["Images"].size() == 1);
  return out["Images"][0];
}

}  // namespace

TEST_CASE("A plan builds the world it describes, each image its planned age", "[lib]") {
  amisim::World world;
  const amisim::Time start = world.now();
  const amisim::WorldPlan plan = sample_plan();
  const amisim::BuildResult built = world.build(plan);
  INFO((built.error ? built.error->code + ": " + built.error->message : ""));
  REQUIRE(built.ok());
  REQUIRE(built.image_ids.size() == 5);
  REQUIRE(built.launch_template_ids.size() == 1);
  CHECK(std::set<std::string>(built.image_ids.begin(), built.image_ids.end()).size() == 5);
  CHECK(built.launch_template_ids[0].rfind("lt-", 0) == 0);
  // The oldest image was made at the start; the build ends its age later.
  CHECK(world.now() - start >= std::chrono::days(200));
  CHECK(world.now() - start < std::chrono::days(201));

  for (std::size_t i : {0, 1, 4}) {
    const Json image = image_of(world, built.image_ids[i]);
    const auto created = amisim::parse_time(image["CreationDate"].get<std::string>());
    REQUIRE(created);
    const auto age = world.now() - *created;
    INFO("images[" << i << "] is " << std::chrono::duration_cast<std::chrono::minutes>(age).count()
                   << " minutes old");
    CHECK(age >= std::chrono::days(plan.images[i].age_days));
    CHECK(age < std::chrono::days(plan.images[i].age_days) + 1h);
  }
  const Json old = image_of(world, built.image_ids[0]);
  CHECK(old["Name"] == "web-us-east-1-0");
  CHECK(old.contains("DeprecationTime"));
  CHECK(old["Tags"][0]["Key"] == "team");
  const Json shared =
      plan_call(world, "DescribeImageAttribute",
                {{"ImageId", built.image_ids[0]}, {"Attribute", "launchPermission"}});
  CHECK(shared["LaunchPermissions"][0]["UserId"] == kPlanB);
  const Json golden = image_of(world, built.image_ids[1]);
  CHECK(golden["Name"] == "golden-1");
  CHECK(golden["DeregistrationProtection"].get<std::string>().rfind("enabled", 0) == 0);
  REQUIRE(golden.contains("ProductCodes"));
  CHECK(golden["ProductCodes"][0]["ProductCodeType"] == "marketplace");
  CHECK(image_of(world, built.image_ids[4])["Public"] == true);
  CHECK(image_of(world, built.image_ids[3], {kPlanB, "us-west-2"})["State"] == "disabled");

  // The deregistered image is gone; A's own images in us-east-1 are the three others.
  const Json own = plan_call(world, "DescribeImages", {{"Owners", {"self"}}});
  std::set<std::string> ids;
  for (const Json& image : own["Images"]) ids.insert(image["ImageId"].get<std::string>());
  CHECK(ids == std::set<std::string>{built.image_ids[0], built.image_ids[1], built.image_ids[4]});

  const Json instances =
      plan_call(world, "DescribeInstances",
                {{"Filters", {{{"Name", "image-id"}, {"Values", {built.image_ids[0]}}}}}});
  std::multiset<std::string> states;
  for (const Json& r : instances["Reservations"])
    for (const Json& i : r["Instances"]) states.insert(i["State"]["Name"].get<std::string>());
  CHECK(states == std::multiset<std::string>{"running", "stopped"});

  const Json versions = plan_call(world, "DescribeLaunchTemplateVersions",
                                  {{"LaunchTemplateId", built.launch_template_ids[0]}});
  std::map<int, std::string> launches;
  for (const Json& v : versions["LaunchTemplateVersions"])
    launches[v["VersionNumber"].get<int>()] = v["LaunchTemplateData"]["ImageId"];
  REQUIRE(launches.size() == 3);
  CHECK(launches[1] == built.image_ids[1]);
  CHECK(launches[2] == built.image_ids[0]);
  CHECK(launches[3].rfind("resolve:ssm:/aws/service/", 0) == 0);
}

TEST_CASE("A plan builds the same world for the same seed; a manual World stays manual", "[lib]") {
  amisim::World a({11}), b({11});
  REQUIRE(a.build(sample_plan()).ok());
  REQUIRE(b.build(sample_plan()).ok());
  CHECK(a.digest() == b.digest());

  amisim::World manual({11, amisim::ClockMode::kManual});
  const amisim::BuildResult built = manual.build(sample_plan());
  REQUIRE(built.ok());
  const Json run = plan_call(manual, "RunInstances",
                             {{"ImageId", built.image_ids[1]},
                              {"InstanceType", "t3.micro"},
                              {"MinCount", 1},
                              {"MaxCount", 1}});
  CHECK(run["Instances"][0]["State"]["Name"] == "pending");
}

TEST_CASE("A plan that breaks a rule answers amisim.InvalidPlan naming it, and changes nothing",
          "[lib]") {
  struct Broken {
    const char* rule;
    void (*bend)(amisim::WorldPlan&);
    const char* names;
  };
  const Broken cases[] = {
      {"no accounts", [](amisim::WorldPlan& p) { p.accounts.clear(); }, "accounts"},
      {"a bad account", [](amisim::WorldPlan& p) { p.accounts[1] = "12"; }, "accounts[1]"},
      {"an account twice", [](amisim::WorldPlan& p) { p.accounts[1] = kPlanA; }, "accounts[1]"},
      {"an image of no plan account",
       [](amisim::WorldPlan& p) { p.images[2].account = "999988887777"; }, "images[2].account"},
      {"an unknown Region", [](amisim::WorldPlan& p) { p.images[0].region = "mars-1"; },
       "images[0].region"},
      {"an opt-in Region", [](amisim::WorldPlan& p) { p.images[0].region = "af-south-1"; },
       "images[0].region"},
      {"a negative age", [](amisim::WorldPlan& p) { p.images[1].age_days = -1; },
       "images[1].age_days"},
      {"deprecated after its age",
       [](amisim::WorldPlan& p) { p.images[0].deprecated_after_days = 101; },
       "images[0].deprecated_after_days"},
      {"deregistered and protected",
       [](amisim::WorldPlan& p) { p.images[2].protected_from_deregistration = true; }, "images[2]"},
      {"deregistered and disabled", [](amisim::WorldPlan& p) { p.images[2].disabled = true; },
       "images[2]"},
      {"disabled and public", [](amisim::WorldPlan& p) { p.images[3].is_public = true; },
       "images[3]"},
      {"Marketplace and public", [](amisim::WorldPlan& p) { p.images[1].is_public = true; },
       "images[1]"},
      {"deregistered with instances", [](amisim::WorldPlan& p) { p.images[2].running = 1; },
       "images[2]"},
      {"too many instances", [](amisim::WorldPlan& p) { p.images[0].stopped = 10; }, "images[0]"},
      {"two images of one name", [](amisim::WorldPlan& p) { p.images[4].name = "golden-1"; },
       "images[4]"},
      {"a template without versions", [](amisim::WorldPlan& p) { p.templates[0].versions.clear(); },
       "templates[0].versions"},
      {"a version past the images", [](amisim::WorldPlan& p) { p.templates[0].versions = {5}; },
       "templates[0].versions[0]"},
      {"a version of another place",
       [](amisim::WorldPlan& p) {
         p.templates[0].versions = {0, 3};
       },
       "templates[0].versions[1]"},
  };
  for (const Broken& c : cases) {
    INFO(c.rule);
    amisim::WorldPlan plan = sample_plan();
    c.bend(plan);
    amisim::World world;
    const std::string before = world.digest();
    const amisim::BuildResult built = world.build(plan);
    REQUIRE_FALSE(built.ok());
    CHECK(built.error->code == "amisim.InvalidPlan");
    CHECK(built.error->message.find(c.names) != std::string::npos);
    CHECK(built.image_ids.empty());
    CHECK(world.digest() == before);
  }
  CHECK_FALSE(amisim::lib::plan_error(sample_plan(), *test::fixtures()));
}

TEST_CASE("A plan whose youngest image is old ends when that image is its age", "[lib]") {
  amisim::World world;
  const amisim::Time start = world.now();
  amisim::WorldPlan plan;
  plan.accounts = {kPlanA};
  plan.images = {planned(kPlanA, "us-east-1", 365), planned(kPlanA, "us-east-1", 100)};
  const amisim::BuildResult built = world.build(plan);
  REQUIRE(built.ok());
  CHECK(world.now() - start >= std::chrono::days(365));
  CHECK(world.now() - start < std::chrono::days(365) + 1h);
  for (std::size_t i = 0; i < 2; ++i) {
    const auto created =
        amisim::parse_time(image_of(world, built.image_ids[i])["CreationDate"].get<std::string>());
    REQUIRE(created);
    CHECK(world.now() - *created >= std::chrono::days(plan.images[i].age_days));
    CHECK(world.now() - *created < std::chrono::days(plan.images[i].age_days) + 1h);
  }
}

TEST_CASE("A plan without images makes nothing", "[lib]") {
  amisim::World world;
  const std::string before = world.digest();
  amisim::WorldPlan plan;
  plan.accounts = {kPlanA, kPlanB};
  const amisim::BuildResult built = world.build(plan);
  CHECK(built.ok());
  CHECK(built.image_ids.empty());
  CHECK(world.digest() == before);
}

TEST_CASE("A call the plan makes that fails stops the build with its error", "[lib]") {
  amisim::World world;
  REQUIRE(world.build(sample_plan()).ok());
  // The same names again in the same accounts and Regions: CreateImage refuses the first.
  const amisim::BuildResult again = world.build(sample_plan());
  REQUIRE_FALSE(again.ok());
  CHECK(again.error->code == "InvalidAMIName.Duplicate");
}

TEST_CASE("The public plan converts to check's oldest first, its templates following", "[lib]") {
  const amisim::WorldPlan plan = sample_plan();
  const amisim::check::WorldPlan c = amisim::lib::to_check_plan(plan);
  const std::vector<std::size_t> order = {2, 0, 3, 1, 4};  // check's index -> the plan's
  REQUIRE(c.images.size() == 5);
  for (std::size_t k = 0; k < order.size(); ++k) {
    CHECK(c.images[k].age_days == plan.images[order[k]].age_days);
    CHECK(c.images[k].name == amisim::lib::image_name(plan, order[k]));
  }
  REQUIRE(c.templates.size() == 1);
  CHECK(c.templates[0].name == "app-0");
  CHECK(c.templates[0].versions == std::vector<std::size_t>{3, 1});
  CHECK(c.templates[0].ssm_version);
  CHECK(c.images[3].marketplace);  // the plan's images[1]
  CHECK(c.accounts == plan.accounts);
}
