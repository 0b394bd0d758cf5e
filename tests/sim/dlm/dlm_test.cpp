// Data Lifecycle Manager (sim/dlm/dlm.hpp): policies, and what they do on the clock. Timelines
// worked by hand from the rules in facts §D: the world starts 2026-01-01T00:00Z and every daily
// schedule here runs at 01:00 UTC, so day N's run (N = 0, 1, ...) is at start + N days + 1 hour.
#include "sim/dlm/dlm.hpp"

#include <algorithm>

#include "sim/images/images.hpp"
#include "tests/sim/images/image_fixture.hpp"

using namespace sim;
using test::expect_error;
using test::expect_ok;

namespace {

using test::kOther;
constexpr TimeMs kStart = kDefaultWorldStartMs;

TimeMs run_of_day(int n) { return kStart + n * kDayMs + kHourMs; }

DlmSchedule daily(const std::string& name) {
  DlmSchedule s;
  s.name = name;
  s.create.interval_hours = 24;
  s.create.time = "01:00";
  return s;
}

DlmPolicySpec policy_with(DlmPolicyType type, DlmResourceType resource, DlmSchedule schedule) {
  DlmPolicySpec spec;
  spec.execution_role_arn =
      "arn:aws:iam::123456789012:role/AWSDataLifecycleManagerDefaultRoleForAMIManagement";
  spec.description = "golden AMIs";
  spec.enabled = true;
  DlmPolicyDetails d;
  d.type = type;
  d.resource_type = resource;
  d.target_tags = {Tag{"purpose", "golden"}};
  d.schedules = {std::move(schedule)};
  spec.details = d;
  spec.details_document = "{}";
  return spec;
}

DlmPolicySpec image_policy(DlmSchedule schedule) {
  return policy_with(DlmPolicyType::kImage, DlmResourceType::kInstance, std::move(schedule));
}

InstanceId golden_instance(test::Harness& h, const Caller& caller) {
  const InstanceId id = test::launch(h, caller);
  h.world.region_of(caller).instances.at(id).tags["purpose"] = "golden";
  return id;
}

// The caller's 8 GiB volume tagged purpose=golden.
VolumeId golden_volume(test::Harness& h) {
  CreateVolumeRequest v;
  v.zone = ZoneName("us-east-1a");
  v.size_gib = 8;
  const VolumeId vol = expect_ok(create_volume(h.world, h.caller, v))->id;
  h.world.region_of(h.caller).volumes.at(vol).tags["purpose"] = "golden";
  return vol;
}

// The caller's registered AMIs that carry the policy's tag, oldest first (IDs are not in time
// order).
std::vector<const Image*> policy_images(test::Harness& h, const Caller& caller,
                                        const std::string& policy_id) {
  std::vector<const Image*> out;
  for (const auto& [id, image] : h.world.region_of(caller).images) {
    auto it = image.tags->find("aws:dlm:lifecycle-policy-id");
    if (image.owner == caller.account && it != image.tags.end() && it->second == policy_id &&
        image.state != ImageState::kDeregistered)
      out.push_back(&image);
  }
  std::sort(out.begin(), out.end(),
            [](const Image* a, const Image* b) { return a->creation < b->creation; });
  return out;
}

std::size_t own_snapshots(test::Harness& h, const Caller& caller) {
  std::size_t n = 0;
  for (const auto& [id, s] : h.world.region_of(caller).snapshots) n += s.owner == caller.account;
  return n;
}

}  // namespace

TEST_CASE("DLM: a daily AMI policy run for 30 days keeps its 7 newest AMIs, 2 oldest deprecated") {
  test::Harness h;
  golden_instance(h, h.caller);
  const std::size_t snapshots_before = own_snapshots(h, h.caller);
  DlmSchedule s = daily("Daily");
  s.retain.count = 7;
  s.deprecate.count = 2;
  const LifecyclePolicy* p = expect_ok(create_lifecycle_policy(h.world, h.caller, image_policy(s)));
  CHECK(p->next_run == std::vector<TimeMs>{run_of_day(0)});
  const std::string id = p->id;
  CHECK(id.rfind("policy-", 0) == 0);
  CHECK(policy_arn(*p) == "arn:aws:dlm:us-east-1:123456789012:policy/" + id);

  h.advance(kStart + 30 * kDayMs - h.world.now());  // to day 30, 00:00: runs of days 0-29 done
  const auto images = policy_images(h, h.caller, id);
  // 30 runs made 30 AMIs; count retention deregistered the 23 oldest: days 23..29 remain.
  REQUIRE(images.size() == 7);
  for (int i = 0; i < 7; ++i) CHECK(images[i]->creation == run_of_day(23 + i));
  // Each deregistered AMI took its snapshot with it: one root snapshot per kept AMI.
  CHECK(own_snapshots(h, h.caller) == snapshots_before + 7);
  // Deprecation: an AMI is deprecated when it becomes one of the 2 oldest of a full set of 7,
  // i.e. 5 runs after its own: day 23's at day 28's run, day 24's at day 29's; no other.
  CHECK(images[0]->deprecation_time == run_of_day(28));
  CHECK(images[1]->deprecation_time == run_of_day(29));
  for (int i = 2; i < 7; ++i) CHECK_FALSE(images[i]->deprecation_time.has_value());
  // Tags as DLM writes them.
  CHECK(images[6]->tags->at("aws:dlm:lifecycle-schedule-name") == "Daily");
  CHECK(images[6]->tags->at("aws:dlm:managed") == "true");
  CHECK(images[6]->state == ImageState::kAvailable);
}

TEST_CASE("DLM: age-based retention keeps 7 days of daily AMIs, each deprecated after 3 days") {
  test::Harness h;
  golden_instance(h, h.caller);
  DlmSchedule s = daily("Daily");
  s.retain.age = DlmPeriod{7, DlmUnit::kDays};
  s.deprecate.age = DlmPeriod{3, DlmUnit::kDays};
  const std::string id = expect_ok(create_lifecycle_policy(h.world, h.caller, image_policy(s)))->id;
  h.advance(kStart + 30 * kDayMs - h.world.now());
  const auto images = policy_images(h, h.caller, id);
  // Day N's AMI expires at day N+7's run time; day 22's went at day 29's 01:00, so 23..29 remain.
  REQUIRE(images.size() == 7);
  for (int i = 0; i < 7; ++i) {
    CHECK(images[i]->creation == run_of_day(23 + i));
    CHECK(images[i]->deprecation_time == run_of_day(23 + i + 3));
  }
}

TEST_CASE("DLM: the last AMI of an age-based schedule stays until a newer one exists") {
  test::Harness h;
  const InstanceId instance = golden_instance(h, h.caller);
  DlmSchedule s = daily("Daily");
  s.retain.age = DlmPeriod{1, DlmUnit::kDays};
  const std::string id = expect_ok(create_lifecycle_policy(h.world, h.caller, image_policy(s)))->id;
  h.advance(run_of_day(0) + kHourMs - h.world.now());  // day 0's AMI exists
  REQUIRE(policy_images(h, h.caller, id).size() == 1);
  // The instance stops being a target: no new AMIs, and the last one is never deregistered
  // ("up to, but not including, the last AMI", UG:ami-policy.md).
  h.world.region_of(h.caller).instances.at(instance).tags.erase("purpose");
  h.advance(5 * kDayMs);
  REQUIRE(policy_images(h, h.caller, id).size() == 1);
}

TEST_CASE("DLM: a cross-Region copy rule keeps its own count in its Region") {
  test::Harness h;
  golden_instance(h, h.caller);
  DlmSchedule s = daily("Daily");
  s.retain.count = 7;
  DlmCrossRegionCopyRule copy;
  copy.target = RegionName("eu-west-1");
  copy.copy_tags = true;
  copy.retain = DlmPeriod{3, DlmUnit::kDays};
  copy.deprecate = DlmPeriod{2, DlmUnit::kDays};
  s.cross_region_copies = {copy};
  const std::string id = expect_ok(create_lifecycle_policy(h.world, h.caller, image_policy(s)))->id;
  h.advance(kStart + 30 * kDayMs - h.world.now());
  CHECK(policy_images(h, h.caller, id).size() == 7);
  const auto copies = policy_images(h, h.in("eu-west-1"), id);
  // Day N's copy starts once day N's AMI is available (the first check, 5 minutes after the run)
  // and expires 3 days later: at day 30 00:00 the copies of days 27 (expires day 30 01:05), 28
  // and 29 remain.
  REQUIRE(copies.size() == 3);
  for (int i = 0; i < 3; ++i) {
    CHECK(copies[i]->creation == run_of_day(27 + i) + 5 * kMinuteMs);
    CHECK(copies[i]->deprecation_time == run_of_day(27 + i) + 5 * kMinuteMs + 2 * kDayMs);
    CHECK(copies[i]->source_image_region == RegionName("us-east-1"));
  }
}

TEST_CASE("DLM: a disabled policy does nothing, a deleted one creates nothing more") {
  test::Harness h;
  golden_instance(h, h.caller);
  DlmSchedule s = daily("Daily");
  s.retain.count = 3;
  DlmPolicySpec spec = image_policy(s);
  spec.enabled = false;
  const std::string id = expect_ok(create_lifecycle_policy(h.world, h.caller, spec))->id;
  CHECK(policy_state(*expect_ok(get_lifecycle_policy(h.world, h.caller, id))) == "DISABLED");
  h.advance(2 * kDayMs);
  CHECK(policy_images(h, h.caller, id).empty());
  DlmPolicySpec enable;
  enable.enabled = true;
  expect_ok(update_lifecycle_policy(h.world, h.caller, id, enable));
  h.advance(kDayMs);
  CHECK(policy_images(h, h.caller, id).size() == 1);
  expect_ok(delete_lifecycle_policy(h.world, h.caller, id));
  h.advance(3 * kDayMs);
  CHECK(policy_images(h, h.caller, id).size() == 1);  // what it made stays
  expect_error(get_lifecycle_policy(h.world, h.caller, id), "ResourceNotFoundException");
}

TEST_CASE("DLM: a snapshot policy on volumes keeps 3 per volume, tagged as DLM tags them") {
  test::Harness h;
  const VolumeId vol = golden_volume(h);
  DlmSchedule s;
  s.name = "TwiceADay";
  s.create.interval_hours = 12;
  s.create.time = "03:00";
  s.retain.count = 3;
  s.tags_to_add = {Tag{"kind", "backup"}};
  const std::string id =
      expect_ok(create_lifecycle_policy(
                    h.world, h.caller,
                    policy_with(DlmPolicyType::kSnapshot, DlmResourceType::kVolume, s)))
          ->id;
  h.advance(kStart + 2 * kDayMs - h.world.now());  // runs at 03:00 and 15:00 of days 0 and 1
  std::vector<const Snapshot*> snaps;
  for (const auto& [sid, snap] : h.world.region_of(h.caller).snapshots) {
    if (snap.volume_id == vol) snaps.push_back(&snap);
  }
  REQUIRE(snaps.size() == 3);
  for (const Snapshot* snap : snaps) {
    CHECK(snap->tags.at("aws:dlm:lifecycle-policy-id") == id);
    CHECK(snap->tags.at("kind") == "backup");
    CHECK(snap->description == "Created for policy: " + id + " schedule: TwiceADay");
  }
}

TEST_CASE("DLM: a run that cannot deregister shows the policy in ERROR with what failed") {
  test::Harness h;
  golden_instance(h, h.caller);
  DlmSchedule s = daily("Daily");
  s.retain.count = 1;
  const std::string id = expect_ok(create_lifecycle_policy(h.world, h.caller, image_policy(s)))->id;
  h.advance(run_of_day(0) + kHourMs - h.world.now());
  const auto first = policy_images(h, h.caller, id);
  REQUIRE(first.size() == 1);
  expect_ok(enable_image_deregistration_protection(h.world, h.caller, first[0]->id, false));
  h.advance(kDayMs);  // day 1's run cannot retire day 0's AMI
  const LifecyclePolicy* p = expect_ok(get_lifecycle_policy(h.world, h.caller, id));
  CHECK(policy_state(*p) == "ERROR");
  CHECK(p->status_message.find(first[0]->id.str()) != std::string::npos);
  CHECK(policy_images(h, h.caller, id).size() == 2);
}

TEST_CASE("DLM: policies are the owner's alone, tags go by ARN, GetLifecyclePolicies filters") {
  test::Harness h;
  DlmSchedule s = daily("Daily");
  s.retain.count = 2;
  const LifecyclePolicy* p = expect_ok(create_lifecycle_policy(h.world, h.caller, image_policy(s)));
  const std::string id = p->id;
  const std::string arn = policy_arn(*p);
  expect_error(get_lifecycle_policy(h.world, h.as(kOther), id), "ResourceNotFoundException");
  expect_error(delete_lifecycle_policy(h.world, h.as(kOther), id), "ResourceNotFoundException");
  expect_error(tag_lifecycle_policy(h.world, h.as(kOther), arn, {Tag{"a", "b"}}),
               "ResourceNotFoundException");
  expect_ok(tag_lifecycle_policy(h.world, h.caller, arn, {Tag{"team", "core"}}));
  CHECK(expect_ok(lifecycle_policy_tags(h.world, h.caller, arn)).size() == 1);
  expect_ok(untag_lifecycle_policy(h.world, h.caller, arn, {"team"}));
  CHECK(expect_ok(lifecycle_policy_tags(h.world, h.caller, arn)).empty());
  expect_error(lifecycle_policy_tags(h.world, h.caller, "arn:aws:ec2:::x"),
               "InvalidRequestException");

  DlmPolicyFilter f;
  CHECK(expect_ok(get_lifecycle_policies(h.world, h.caller, f)).size() == 1);
  CHECK(expect_ok(get_lifecycle_policies(h.world, h.as(kOther), f)).empty());
  f.resource_types = {"VOLUME"};
  CHECK(expect_ok(get_lifecycle_policies(h.world, h.caller, f)).empty());
  f.resource_types = {"INSTANCE"};
  f.target_tags = {Tag{"purpose", "golden"}};
  CHECK(expect_ok(get_lifecycle_policies(h.world, h.caller, f)).size() == 1);
  f.state = "DISABLED";
  CHECK(expect_ok(get_lifecycle_policies(h.world, h.caller, f)).empty());
  DlmPolicyFilter ids;
  ids.policy_ids = {id, "policy-0123456789abcdef0"};
  expect_error(get_lifecycle_policies(h.world, h.caller, ids), "ResourceNotFoundException");
}

TEST_CASE("DLM: rules between fields are refused with InvalidRequestException, nothing made") {
  test::Harness h;
  const auto refused = [&](DlmSchedule s, DlmPolicyType type = DlmPolicyType::kImage) {
    DlmPolicySpec spec = policy_with(
        type, type == DlmPolicyType::kImage ? DlmResourceType::kInstance : DlmResourceType::kVolume,
        s);
    expect_error(create_lifecycle_policy(h.world, h.caller, spec), "InvalidRequestException");
  };
  DlmSchedule base = daily("Daily");
  base.retain.count = 3;

  DlmSchedule no_retain = daily("Daily");
  refused(no_retain);
  DlmSchedule both = base;
  both.retain.age = DlmPeriod{3, DlmUnit::kDays};
  refused(both);
  DlmSchedule too_many = base;
  too_many.retain.count = 1001;
  refused(too_many);
  DlmSchedule deprecate_more = base;
  deprecate_more.deprecate.count = 4;  // more than the 3 retained
  refused(deprecate_more);
  DlmSchedule deprecate_age_with_count = base;
  deprecate_age_with_count.deprecate.age = DlmPeriod{1, DlmUnit::kDays};
  refused(deprecate_age_with_count);
  DlmSchedule aged = daily("Daily");
  aged.retain.age = DlmPeriod{7, DlmUnit::kDays};
  DlmSchedule deprecate_longer = aged;
  deprecate_longer.deprecate.age = DlmPeriod{2, DlmUnit::kWeeks};
  refused(deprecate_longer);
  DlmSchedule snapshot_deprecate = base;
  snapshot_deprecate.deprecate.count = 1;
  refused(snapshot_deprecate, DlmPolicyType::kSnapshot);
  DlmSchedule home_copy = base;
  DlmCrossRegionCopyRule c;
  c.target = RegionName("us-east-1");
  home_copy.cross_region_copies = {c};
  refused(home_copy);
  DlmSchedule unknown_region = base;
  c.target = RegionName("xx-nowhere-9");
  unknown_region.cross_region_copies = {c};
  refused(unknown_region);
  DlmSchedule archive_on_image = base;
  archive_on_image.archive = DlmArchiveRule{};
  archive_on_image.archive->retain.count = 2;
  refused(archive_on_image);

  // Retention types must agree across schedules; at most four schedules.
  DlmPolicySpec mixed = image_policy(base);
  mixed.details->schedules.push_back(aged);
  mixed.details->schedules.back().name = "Weekly";
  expect_error(create_lifecycle_policy(h.world, h.caller, mixed), "InvalidRequestException");
  DlmPolicySpec five = image_policy(base);
  for (int i = 0; i < 4; ++i) {
    five.details->schedules.push_back(base);
    five.details->schedules.back().name = "S" + std::to_string(i);
  }
  expect_error(create_lifecycle_policy(h.world, h.caller, five), "InvalidRequestException");
  DlmPolicySpec volume_ami = policy_with(DlmPolicyType::kImage, DlmResourceType::kVolume, base);
  expect_error(create_lifecycle_policy(h.world, h.caller, volume_ami), "InvalidRequestException");
  DlmPolicySpec no_role = image_policy(base);
  no_role.execution_role_arn.reset();
  expect_error(create_lifecycle_policy(h.world, h.caller, no_role), "InvalidRequestException");
  CHECK(h.world.region_of(h.caller).lifecycle_policies.empty());

  // An update that breaks a rule changes nothing.
  const std::string id =
      expect_ok(create_lifecycle_policy(h.world, h.caller, image_policy(base)))->id;
  DlmPolicySpec bad;
  bad.details = image_policy(deprecate_more).details;
  bad.description = "changed";
  expect_error(update_lifecycle_policy(h.world, h.caller, id, bad), "InvalidRequestException");
  CHECK(expect_ok(get_lifecycle_policy(h.world, h.caller, id))->description == "golden AMIs");
}

TEST_CASE("DLM: 100 policies per Region per account, then LimitExceededException") {
  test::Harness h;
  DlmSchedule s = daily("Daily");
  s.retain.count = 1;
  for (int i = 0; i < 100; ++i)
    expect_ok(create_lifecycle_policy(h.world, h.caller, image_policy(s)));
  expect_error(create_lifecycle_policy(h.world, h.caller, image_policy(s)),
               "LimitExceededException");
  // Another account has its own quota.
  expect_ok(create_lifecycle_policy(h.world, h.as(kOther), image_policy(s)));
}

TEST_CASE("DLM: a share rule shares each AMI once available, and unshares it after its interval") {
  test::Harness h;
  golden_instance(h, h.caller);
  DlmSchedule s = daily("Daily");
  s.retain.count = 5;
  s.share = DlmShareRule{{AccountId(kOther)}, DlmPeriod{2, DlmUnit::kDays}};
  const std::string id = expect_ok(create_lifecycle_policy(h.world, h.caller, image_policy(s)))->id;
  // Day 0's AMI is shared at the first check after it is available (01:05), unshared 2 days
  // later (day 2, 01:05); day 2's AMI is shared at that same minute.
  h.advance(run_of_day(0) + kHourMs - h.world.now());
  auto images = policy_images(h, h.caller, id);
  REQUIRE(images.size() == 1);
  CHECK(images[0]->launch_permissions->count(AccountId(kOther)) == 1);
  h.advance(run_of_day(2) + 10 * kMinuteMs - h.world.now());
  images = policy_images(h, h.caller, id);
  REQUIRE(images.size() == 3);
  CHECK(images[0]->launch_permissions->empty());                        // day 0: unshared
  CHECK(images[1]->launch_permissions->count(AccountId(kOther)) == 1);  // day 1: 1 day old
  CHECK(images[2]->launch_permissions->count(AccountId(kOther)) == 1);  // day 2: new
}

TEST_CASE("DLM: an archive rule archives what leaves the standard tier, and keeps its own count") {
  test::Harness h;
  const VolumeId vol = golden_volume(h);
  DlmSchedule s;
  s.name = "Monthly";
  s.create.cron = "cron(0 9 1 * ? *)";  // 09:00 on the first of every month
  s.retain.count = 1;
  s.archive = DlmArchiveRule{};
  s.archive->retain.count = 1;
  expect_ok(create_lifecycle_policy(
      h.world, h.caller, policy_with(DlmPolicyType::kSnapshot, DlmResourceType::kVolume, s)));
  // Runs on Jan 1, Feb 1, Mar 1 (2026: 31 + 28 days). Feb 1's run archives Jan's snapshot;
  // Mar 1's archives Feb's and deletes Jan's (the archive keeps 1).
  h.advance(kStart + (31 + 28) * kDayMs + 10 * kHourMs - h.world.now());
  std::vector<const Snapshot*> standard;
  std::vector<const Snapshot*> archived;
  for (const auto& [sid, snap] : h.world.region_of(h.caller).snapshots) {
    if (snap.volume_id != vol) continue;
    (snap.tiering_state == TieringState::kNone && snap.storage_tier == "standard" ? standard
                                                                                  : archived)
        .push_back(&snap);
  }
  REQUIRE(standard.size() == 1);
  REQUIRE(archived.size() == 1);
  CHECK(standard[0]->start_time == kStart + (31 + 28) * kDayMs + 9 * kHourMs);
  CHECK(archived[0]->start_time == kStart + 31 * kDayMs + 9 * kHourMs);
}
