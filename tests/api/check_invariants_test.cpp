// The built-in invariants of `amisim check` (api/check/invariants.hpp; issue 21, "invariants are
// each tested with a world built to break them and one built to keep them"): each judged on a
// world before and after a "workflow" made of EC2 calls, once broken and once kept, plus the
// parsing of their names.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "api/check/invariants.hpp"
#include "sim/billing/billing.hpp"
#include "tests/api/ec2_support.hpp"
#include "tests/sim/images/image_fixture.hpp"

namespace check = amisim::check;
using test::Ec2;
using test::Json;

namespace {

check::Invariant invariant(const std::string& text) {
  std::string error;
  auto parsed = check::parse_invariant(text, &error);
  INFO(error);
  REQUIRE(parsed);
  return *parsed;
}

std::vector<check::Violation> judged(const std::string& name, const sim::World& before,
                                     const sim::World& after) {
  return check::violations(invariant(name), before, after);
}

// An image of the caller's, from a new instance (left running).
std::string baked(Ec2& ec2, const std::string& name) {
  return test::own_image(ec2, ec2.caller, name).str();
}

std::string instance_of(Ec2& ec2, const std::string& image) {
  Json run =
      ec2.ok("RunInstances",
             {{"ImageId", image}, {"InstanceType", "t3.micro"}, {"MinCount", 1}, {"MaxCount", 1}});
  ec2.settle();
  return run["Instances"][0]["InstanceId"];
}

std::vector<std::string> snapshots_of(Ec2& ec2, const std::string& image) {
  std::vector<std::string> out;
  const Json described = test::describe_image(ec2, image);  // kept: the loop reads into it
  for (const auto& m : described["BlockDeviceMappings"])
    if (m.contains("Ebs")) out.push_back(m["Ebs"]["SnapshotId"]);
  return out;
}

// The snapshots `world` records for an image (by its ID, in us-east-1).
std::vector<std::string> snapshots_of_record(const sim::World& world, const std::string& image) {
  std::vector<std::string> out;
  const sim::RegionState* r = world.region(sim::RegionName("us-east-1"));
  auto it = r->images.find(image);
  if (it == r->images.end()) return out;
  for (const auto& m : it->second.mappings)
    if (m.ebs && m.ebs->snapshot_id && !m.ebs->snapshot_id->empty())
      out.push_back(m.ebs->snapshot_id->str());
  return out;
}

}  // namespace

TEST_CASE(
    "Invariant names: the built-in ones, bill-under with an amount; others refused in one line",
    "[check]") {
  for (const std::string name : {"no-dangling-launch-template", "no-orphan-snapshots",
                                 "never-deregisters-in-use", "never-deletes-protected"}) {
    CHECK(invariant(name).name == name);
  }
  CHECK(invariant("bill-under:12.5").limit == 12'500'000);
  CHECK(invariant("bill-under:0").limit == 0);
  for (const std::string bad :
       {"no-such-thing", "bill-under:", "bill-under:-1", "bill-under:ten", "bill-under:1e400",
        "bill-under:nan", "no-orphan-snapshots:3", "bill-under", ""}) {
    INFO(bad);
    std::string error;
    CHECK_FALSE(check::parse_invariant(bad, &error));
    CHECK_FALSE(error.empty());
    CHECK(error.find('\n') == std::string::npos);
  }
}

TEST_CASE(
    "no-dangling-launch-template: broken by deregistering an image a version names, kept by "
    "moving the template off it first",
    "[check]") {
  Ec2 ec2;
  const std::string old_image = baked(ec2, "web-1");
  const std::string new_image = baked(ec2, "web-2");
  Json lt = ec2.ok("CreateLaunchTemplate", {{"LaunchTemplateName", "web"},
                                            {"LaunchTemplateData", {{"ImageId", old_image}}}});
  const std::string lt_id = lt["LaunchTemplate"]["LaunchTemplateId"];
  const sim::World before = ec2.world;

  SECTION("broken") {
    ec2.ok("DeregisterImage", {{"ImageId", old_image}});
    auto v = judged("no-dangling-launch-template", before, ec2.world);
    REQUIRE(v.size() == 1);
    CHECK(v[0].what.find("launch template web (" + lt_id + ") version 1 names " + old_image) == 0);
    CHECK(v[0].what.find("is deregistered") != std::string::npos);
  }
  SECTION("kept") {
    ec2.ok("CreateLaunchTemplateVersion",
           {{"LaunchTemplateId", lt_id}, {"LaunchTemplateData", {{"ImageId", new_image}}}});
    ec2.ok("ModifyLaunchTemplate", {{"LaunchTemplateId", lt_id}, {"DefaultVersion", "2"}});
    ec2.ok("DeleteLaunchTemplateVersions", {{"LaunchTemplateId", lt_id}, {"Versions", {"1"}}});
    ec2.ok("DeregisterImage", {{"ImageId", old_image}});
    CHECK(judged("no-dangling-launch-template", before, ec2.world).empty());
  }
}

TEST_CASE(
    "no-orphan-snapshots: broken by deregistering and leaving the snapshots, kept by "
    "deleting them too",
    "[check]") {
  Ec2 ec2;
  const std::string image = baked(ec2, "old");
  const auto snaps = snapshots_of(ec2, image);
  REQUIRE_FALSE(snaps.empty());
  const sim::World before = ec2.world;
  ec2.ok("DeregisterImage", {{"ImageId", image}});

  SECTION("broken, and still seen after the image's record is gone (90 days later)") {
    ec2.advance(90LL * 24 * 3600 * sim::kSecondMs);
    auto v = judged("no-orphan-snapshots", before, ec2.world);
    REQUIRE(v.size() == snaps.size());
    CHECK(v[0].what.find("of deregistered image " + image + " (old, created 0 days ago)") !=
          std::string::npos);
  }
  SECTION("kept") {
    for (const auto& s : snaps) ec2.ok("DeleteSnapshot", {{"SnapshotId", s}});
    CHECK(judged("no-orphan-snapshots", before, ec2.world).empty());
  }
}

TEST_CASE(
    "no-orphan-snapshots and no-dangling-launch-template judge the workflow's doing: what the "
    "world began with does not count, what the workflow adds does",
    "[check]") {
  Ec2 ec2;
  // The world as a random plan leaves it: an image deregistered with its snapshots left behind,
  // and a template version still naming it.
  const std::string forgotten = baked(ec2, "forgotten");
  ec2.ok("CreateLaunchTemplate",
         {{"LaunchTemplateName", "old"}, {"LaunchTemplateData", {{"ImageId", forgotten}}}});
  ec2.ok("DeregisterImage", {{"ImageId", forgotten}});
  const std::string live = baked(ec2, "live");
  ec2.ok("CreateLaunchTemplateVersion",
         {{"LaunchTemplateName", "old"}, {"LaunchTemplateData", {{"ImageId", live}}}});
  const sim::World before = ec2.world;
  CHECK(judged("no-orphan-snapshots", before, ec2.world).empty());
  CHECK(judged("no-dangling-launch-template", before, ec2.world).empty());

  // The workflow deregisters the live image: its snapshots and version 2 are its doing.
  ec2.ok("DeregisterImage", {{"ImageId", live}});
  auto orphans = judged("no-orphan-snapshots", before, ec2.world);
  REQUIRE(orphans.size() == snapshots_of_record(before, live).size());
  CHECK(orphans[0].what.find(live) != std::string::npos);
  auto dangling = judged("no-dangling-launch-template", before, ec2.world);
  REQUIRE(dangling.size() == 1);
  CHECK(dangling[0].what.find("version 2 names " + live) != std::string::npos);
}

TEST_CASE("no-orphan-snapshots: a snapshot another image still uses is not an orphan", "[check]") {
  Ec2 ec2;
  const std::string image = baked(ec2, "twin");
  const auto snaps = snapshots_of(ec2, image);
  REQUIRE(snaps.size() == 1);
  // A second image registered on the same snapshot.
  ec2.ok("RegisterImage", {{"Name", "twin-2"},
                           {"RootDeviceName", "/dev/xvda"},
                           {"Architecture", "x86_64"},
                           {"BlockDeviceMappings",
                            {{{"DeviceName", "/dev/xvda"}, {"Ebs", {{"SnapshotId", snaps[0]}}}}}}});
  const sim::World before = ec2.world;
  ec2.ok("DeregisterImage", {{"ImageId", image}});
  CHECK(judged("no-orphan-snapshots", before, ec2.world).empty());
}

TEST_CASE(
    "never-deregisters-in-use: broken while a stopped instance came from the image, kept once "
    "it is terminated",
    "[check]") {
  Ec2 ec2;
  const std::string image = baked(ec2, "app");
  const std::string instance = instance_of(ec2, image);
  ec2.ok("StopInstances", {{"InstanceIds", {instance}}});
  ec2.settle();

  SECTION("broken, the image's age told as it was when the workflow began") {
    ec2.advance(120LL * 24 * 3600 * sim::kSecondMs);
    const sim::World before = ec2.world;
    ec2.advance(3LL * 24 * 3600 * sim::kSecondMs);
    ec2.ok("DeregisterImage", {{"ImageId", image}});
    auto v = judged("never-deregisters-in-use", before, ec2.world);
    REQUIRE(v.size() == 1);
    CHECK(v[0].what == "image " + image +
                           " (app, created 120 days ago) was deregistered while instance " +
                           instance + " (stopped) was launched from it");
  }
  SECTION("kept") {
    ec2.ok("TerminateInstances", {{"InstanceIds", {instance}}});
    ec2.settle();
    const sim::World before = ec2.world;
    ec2.ok("DeregisterImage", {{"ImageId", image}});
    CHECK(judged("never-deregisters-in-use", before, ec2.world).empty());
  }
}

TEST_CASE(
    "never-deletes-protected: broken by deregistering a shared image or deleting a shared "
    "snapshot, kept when the workflow leaves them",
    "[check]") {
  Ec2 ec2;
  const std::string image = baked(ec2, "shared");
  ec2.ok("ModifyImageAttribute",
         {{"ImageId", image}, {"LaunchPermission", {{"Add", {{{"UserId", test::kOther}}}}}}});
  const std::string snapshot = test::completed_snapshot(ec2);
  ec2.ok("ModifySnapshotAttribute", {{"SnapshotId", snapshot},
                                     {"Attribute", "createVolumePermission"},
                                     {"OperationType", "add"},
                                     {"UserIds", {test::kOther}}});
  const sim::World before = ec2.world;

  SECTION("broken") {
    ec2.ok("DeregisterImage", {{"ImageId", image}});
    ec2.ok("DeleteSnapshot", {{"SnapshotId", snapshot}});
    auto v = judged("never-deletes-protected", before, ec2.world);
    REQUIRE(v.size() == 2);
    CHECK(v[0].what ==
          "image " + image +
              " (shared, created 0 days ago), shared with 1 account(s), was deregistered");
    CHECK(v[1].what == "snapshot " + snapshot + ", shared with 1 account(s), was deleted");
  }
  SECTION("kept: a plain image may go") {
    const std::string plain = baked(ec2, "plain");
    const sim::World later = ec2.world;
    ec2.ok("DeregisterImage", {{"ImageId", plain}});
    CHECK(judged("never-deletes-protected", later, ec2.world).empty());
  }
}

TEST_CASE("bill-under: the cost from the workflow's start to its end against the limit",
          "[check]") {
  Ec2 ec2;
  const sim::World before = ec2.world;
  const std::string image = baked(ec2, "costly");
  instance_of(ec2, image);
  ec2.advance(30LL * 24 * 3600 * sim::kSecondMs);
  sim::BillRequest window;
  window.from = before.now();
  window.to = ec2.world.now();
  const sim::MicroUsd cost = sim::compute_bill(ec2.world, window).total;
  REQUIRE(cost > 0);
  const auto usd = [](sim::MicroUsd m) { return std::to_string(static_cast<double>(m) / 1e6); };
  auto over = judged("bill-under:" + usd(cost - 10'000), before, ec2.world);
  REQUIRE(over.size() == 1);
  CHECK(over[0].what.find("is $" + sim::format_usd(cost)) != std::string::npos);
  CHECK(judged("bill-under:" + usd(cost + 10'000), before, ec2.world).empty());
}
