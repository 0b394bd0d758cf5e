// The Recycle Bin (sim/rbin/rbin.hpp): retention rules, what deletion puts in the bin, restore
// under the same ID, the end of a stay. Figures worked by hand from the rules in facts §R.
#include "sim/rbin/rbin.hpp"

#include "sim/images/usage.hpp"
#include "tests/sim/images/image_fixture.hpp"

using namespace sim;
using test::expect_error;
using test::expect_ok;

namespace {

using test::kOther;
constexpr DurationMs kDay = kDayMs;

RbinRuleSpec rule_for(const std::string& type, int days) {
  RbinRuleSpec r;
  r.resource_type = type;
  r.retention_days = days;
  r.retention_unit = "DAYS";
  return r;
}

// A rule that is active: the account's first rule waits 30 minutes.
const RetentionRule& active_rule(test::Harness& h, const RbinRuleSpec& spec) {
  const RetentionRule* rule = expect_ok(create_rule(h.world, h.caller, spec));
  if (rule_status(*rule, h.world.now()) == "pending") h.advance(30 * kMinuteMs);
  REQUIRE(rule_status(*rule, h.world.now()) == "available");
  return *rule;
}

RegionState& region(test::Harness& h) { return h.world.region_of(h.caller); }

SnapshotId root_snapshot(test::Harness& h, const ImageId& id) {
  return *test::image_of(h, h.caller, id).mappings.at(0).ebs->snapshot_id;
}

void tag(Tags& tags, const std::string& k, const std::string& v) { tags[k] = v; }

}  // namespace

TEST_CASE("Recycle Bin: the account's first rule is pending for 30 minutes, later ones at once") {
  test::Harness h;
  const SnapshotId snap = test::own_snapshot(h, h.caller);
  const TimeMs t0 = h.world.now();
  const RetentionRule* first =
      expect_ok(create_rule(h.world, h.caller, rule_for("EBS_SNAPSHOT", 7)));
  CHECK(first->id.size() == 11);
  CHECK(rule_arn(*first) == "arn:aws:rbin:us-east-1:123456789012:rule/" + first->id);
  CHECK(rule_status(*first, t0) == "pending");
  CHECK(rule_status(*first, t0 + 30 * kMinuteMs - 1) == "pending");
  CHECK(rule_status(*first, t0 + 30 * kMinuteMs) == "available");
  const RetentionRule* second = expect_ok(create_rule(h.world, h.caller, rule_for("EC2_IMAGE", 7)));
  CHECK(rule_status(*second, t0) == "available");
  // A snapshot deleted while the only snapshot rule is pending is deleted for good.
  expect_ok(delete_snapshot(h.world, h.caller, snap));
  CHECK(region(h).bin.snapshots.empty());
  // The activation is settling work: settling (the instant clock mode) reaches it.
  h.settle();
  CHECK(h.world.now() == t0 + 30 * kMinuteMs);
}

TEST_CASE("Recycle Bin: a deleted snapshot waits out its retention, restorable under its ID") {
  test::Harness h;
  active_rule(h, rule_for("EBS_SNAPSHOT", 7));
  const SnapshotId snap = test::own_snapshot(h, h.caller);
  const auto data = region(h).snapshots.at(snap).data;
  const TimeMs t = h.world.now();
  expect_ok(delete_snapshot(h.world, h.caller, snap));
  CHECK(region(h).snapshots.count(snap) == 0);  // gone from Describe
  auto listed = expect_ok(list_snapshots_in_recycle_bin(h.world, h.caller, {}, {}));
  REQUIRE(listed.items.size() == 1);
  CHECK(listed.items[0]->snapshot.id == snap);
  CHECK(listed.items[0]->stay.enter == t);
  CHECK(listed.items[0]->stay.exit == t + 7 * kDay);
  // Another account sees nothing of it and cannot restore it.
  CHECK(expect_ok(list_snapshots_in_recycle_bin(h.world, h.as(kOther), {}, {})).items.empty());
  expect_error(restore_snapshot_from_recycle_bin(h.world, h.as(kOther), snap, false),
               "InvalidSnapshot.NotFound");
  h.advance(7 * kDay - 1);
  const Snapshot* back =
      expect_ok(restore_snapshot_from_recycle_bin(h.world, h.caller, snap, false));
  CHECK(back->id == snap);
  CHECK(back->data == data);  // the same blocks
  CHECK(region(h).bin.snapshots.empty());
  // The old expiry is stale: a day later the restored snapshot is still there.
  h.advance(kDay);
  CHECK(region(h).snapshots.count(snap) == 1);
}

TEST_CASE("Recycle Bin: a stay ends at the retention's end, then the ID is gone for good") {
  test::Harness h;
  active_rule(h, rule_for("EBS_SNAPSHOT", 1));
  const SnapshotId snap = test::own_snapshot(h, h.caller);
  expect_ok(delete_snapshot(h.world, h.caller, snap));
  h.advance(kDay);
  CHECK(region(h).bin.snapshots.empty());
  expect_error(restore_snapshot_from_recycle_bin(h.world, h.caller, snap, false),
               "InvalidSnapshot.NotFound");
}

TEST_CASE(
    "Recycle Bin: tag-level rules keep tagged resources, Region-level ones all but excluded") {
  test::Harness h;
  RbinRuleSpec tagged = rule_for("EBS_SNAPSHOT", 3);
  tagged.resource_tags = std::vector<RbinResourceTag>{{"env", std::string("prod")}};
  active_rule(h, tagged);
  const SnapshotId prod = test::own_snapshot(h, h.caller);
  const SnapshotId dev = test::own_snapshot(h, h.caller);
  tag(region(h).snapshots.at(prod).tags, "env", "prod");
  tag(region(h).snapshots.at(dev).tags, "env", "dev");
  expect_ok(delete_snapshot(h.world, h.caller, prod));
  expect_ok(delete_snapshot(h.world, h.caller, dev));
  CHECK(region(h).bin.snapshots.count(prod) == 1);
  CHECK(region(h).bin.snapshots.count(dev) == 0);

  RbinRuleSpec all = rule_for("EBS_VOLUME", 2);
  all.exclude_resource_tags = std::vector<RbinResourceTag>{{"scratch", std::nullopt}};
  active_rule(h, all);
  CreateVolumeRequest v;
  v.zone = ZoneName("us-east-1a");
  v.size_gib = 1;
  const VolumeId keep = expect_ok(create_volume(h.world, h.caller, v))->id;
  const VolumeId scratch = expect_ok(create_volume(h.world, h.caller, v))->id;
  h.settle();
  tag(region(h).volumes.at(scratch).tags, "scratch", "yes");
  expect_ok(delete_volume(h.world, h.caller, keep));
  expect_ok(delete_volume(h.world, h.caller, scratch));
  CHECK(region(h).bin.volumes.count(keep) == 1);
  CHECK(region(h).bin.volumes.count(scratch) == 0);
  expect_ok(restore_volume_from_recycle_bin(h.world, h.caller, keep, false));
  CHECK(region(h).volumes.at(keep).state == VolumeState::kAvailable);
}

TEST_CASE("Recycle Bin: the longest retention of the matching rules wins") {
  test::Harness h;
  active_rule(h, rule_for("EBS_SNAPSHOT", 3));
  active_rule(h, rule_for("EBS_SNAPSHOT", 10));
  active_rule(h, rule_for("EBS_SNAPSHOT", 5));
  const SnapshotId snap = test::own_snapshot(h, h.caller);
  const TimeMs t = h.world.now();
  expect_ok(delete_snapshot(h.world, h.caller, snap));
  CHECK(region(h).bin.snapshots.at(snap).stay.exit == t + 10 * kDay);
}

TEST_CASE("Recycle Bin: a deregistered AMI comes back under its ID once its snapshots are back") {
  test::Harness h;
  active_rule(h, rule_for("EC2_IMAGE", 14));
  active_rule(h, rule_for("EBS_SNAPSHOT", 14));
  const ImageId id = test::own_image(h, h.caller, "golden");
  const SnapshotId snap = root_snapshot(h, id);
  expect_ok(test::make_public(h, h.caller, id));
  const auto result = expect_ok(deregister_image(h.world, h.caller, id, true));
  REQUIRE(result.deleted_snapshots.size() == 1);
  CHECK(result.deleted_snapshots[0].return_code == "success");
  // Both in the bin; nothing describes them; nobody launches the image.
  CHECK(find_image(h.world, h.caller, id) == nullptr);
  CHECK(region(h).bin.images.count(id) == 1);
  CHECK(region(h).bin.snapshots.count(snap) == 1);
  const auto listed = expect_ok(list_images_in_recycle_bin(h.world, h.caller, {id}, {}));
  REQUIRE(listed.items.size() == 1);
  CHECK(listed.items[0]->image.name == "golden");
  // Its name is free while it is binned.
  CHECK(check_image_name(region(h), h.caller.account, "golden").ok());
  // The AMI first: refused, its snapshot is still in the bin.
  const Error e = expect_error(restore_image_from_recycle_bin(h.world, h.caller, id, false),
                               "InvalidSnapshot.NotFound");
  CHECK(e.message.find(snap.str()) != std::string::npos);
  expect_ok(restore_snapshot_from_recycle_bin(h.world, h.caller, snap, false));
  expect_ok(restore_image_from_recycle_bin(h.world, h.caller, id, false));
  const Image& back = test::image_of(h, h.caller, id);
  CHECK(back.state == ImageState::kAvailable);
  CHECK(back.is_public);  // "all of the previous sharing permissions are automatically restored"
  CHECK_FALSE(check_image_name(region(h), h.caller.account, "golden").ok());
}

TEST_CASE("Recycle Bin: an AMI whose snapshots left the bin first can never be restored") {
  test::Harness h;
  active_rule(h, rule_for("EC2_IMAGE", 30));
  active_rule(h, rule_for("EBS_SNAPSHOT", 2));  // shorter than the AMI's: the trap AWS warns of
  const ImageId id = test::own_image(h, h.caller, "golden");
  const SnapshotId snap = root_snapshot(h, id);
  expect_ok(deregister_image(h.world, h.caller, id, true));
  h.advance(2 * kDay);
  CHECK(region(h).bin.snapshots.count(snap) == 0);
  expect_error(restore_image_from_recycle_bin(h.world, h.caller, id, false),
               "InvalidSnapshot.NotFound");
  h.advance(28 * kDay);
  CHECK(region(h).bin.images.empty());
  expect_error(restore_image_from_recycle_bin(h.world, h.caller, id, false),
               "InvalidAMIID.NotFound");
}

TEST_CASE("Recycle Bin: deregistration protection and a protected AMI never reach the bin") {
  test::Harness h;
  active_rule(h, rule_for("EC2_IMAGE", 7));
  const ImageId id = test::registered_image(h, h.caller, "protected");
  expect_ok(enable_image_deregistration_protection(h.world, h.caller, id, false, false));
  expect_error(deregister_image(h.world, h.caller, id), "OperationNotPermitted");
  CHECK(region(h).bin.images.empty());
  CHECK(test::image_of(h, h.caller, id).state == ImageState::kAvailable);
}

TEST_CASE("Recycle Bin rules: locked rules cannot change, unlocking takes the unlock delay") {
  test::Harness h;
  RbinRuleSpec spec = rule_for("EBS_SNAPSHOT", 7);
  spec.unlock_delay_days = 7;
  spec.unlock_delay_unit = "DAYS";
  const RetentionRule* rule = expect_ok(create_rule(h.world, h.caller, spec));
  const std::string id = rule->id;
  CHECK(rule_lock_state(*rule, h.world.now()) == "locked");
  expect_error(update_rule(h.world, h.caller, id, rule_for("EBS_SNAPSHOT", 9)),
               "ConflictException");
  expect_error(delete_rule(h.world, h.caller, id), "ConflictException");
  const TimeMs t = h.world.now();
  rule = expect_ok(unlock_rule(h.world, h.caller, id));
  CHECK(rule_lock_state(*rule, t) == "pending_unlock");
  CHECK(rule_lock_end_time(*rule, t) == t + 7 * kDay);
  h.advance(7 * kDay - 1);
  expect_error(delete_rule(h.world, h.caller, id), "ConflictException");
  h.advance(1);
  CHECK(rule_lock_state(*rule, h.world.now()) == "unlocked");
  CHECK_FALSE(rule_lock_end_time(*rule, h.world.now()));
  rule = expect_ok(update_rule(h.world, h.caller, id, rule_for("EBS_SNAPSHOT", 9)));
  CHECK(rule->retention_days == 9);
  // Re-locking keeps the first unlock delay; a tag-level rule cannot be locked.
  RbinRuleSpec relock;
  relock.unlock_delay_days = 30;
  rule = expect_ok(lock_rule(h.world, h.caller, id, relock));
  CHECK(*rule->unlock_delay_days == 7);
  RbinRuleSpec tagged = rule_for("EBS_SNAPSHOT", 7);
  tagged.resource_tags = std::vector<RbinResourceTag>{{"k", std::string("v")}};
  const std::string tagged_id = expect_ok(create_rule(h.world, h.caller, tagged))->id;
  expect_error(lock_rule(h.world, h.caller, tagged_id, relock), "ConflictException");
  expect_ok(delete_rule(h.world, h.caller, tagged_id));
}

TEST_CASE("Recycle Bin rules: bad input is refused and changes nothing") {
  test::Harness h;
  const std::string before = h.world.digest();
  auto refused = [&](const RbinRuleSpec& spec) {
    expect_error(create_rule(h.world, h.caller, spec), "ValidationException");
  };
  refused(rule_for("EBS_SNAPSHOT", 0));
  refused(rule_for("EBS_SNAPSHOT", 366));  // snapshots and AMIs: 1-365 days
  refused(rule_for("EC2_IMAGE", 3651));
  refused(rule_for("EBS_VOLUME", 8));  // volumes: 1-7 days
  refused(rule_for("EBS_THING", 7));
  RbinRuleSpec unit = rule_for("EBS_SNAPSHOT", 7);
  unit.retention_unit = "WEEKS";
  refused(unit);
  for (int delay : {6, 31}) {
    RbinRuleSpec lock = rule_for("EBS_SNAPSHOT", 7);
    lock.unlock_delay_days = delay;
    refused(lock);
  }
  RbinRuleSpec both = rule_for("EBS_SNAPSHOT", 7);
  both.resource_tags = std::vector<RbinResourceTag>{{"a", std::string("b")}};
  both.exclude_resource_tags = std::vector<RbinResourceTag>{{"c", std::nullopt}};
  refused(both);
  RbinRuleSpec description = rule_for("EBS_SNAPSHOT", 7);
  description.description = "two\nlines";
  refused(description);
  expect_error(get_rule(h.world, h.caller, "abcdefghijk"), "ResourceNotFoundException");
  CHECK(h.world.digest() == before);
  // Another account's rule is not found, nor changeable, by its ID or ARN.
  const RetentionRule* mine =
      expect_ok(create_rule(h.world, h.caller, rule_for("EBS_SNAPSHOT", 7)));
  expect_error(get_rule(h.world, h.as(kOther), mine->id), "ResourceNotFoundException");
  expect_error(delete_rule(h.world, h.as(kOther), mine->id), "ResourceNotFoundException");
  expect_error(tag_rule(h.world, h.as(kOther), rule_arn(*mine), {{"k", "v"}}),
               "ResourceNotFoundException");
  expect_error(rule_tags(h.world, h.caller, "arn:aws:ec2:us-east-1:123456789012:rule/x"),
               "ValidationException");
}

TEST_CASE("Recycle Bin: List and Restore refuse bad IDs and out-of-range MaxResults") {
  test::Harness h;
  expect_error(restore_image_from_recycle_bin(h.world, h.caller, ImageId("ami-bad"), false),
               "InvalidAMIID.Malformed");
  expect_error(restore_snapshot_from_recycle_bin(h.world, h.caller, SnapshotId("snap-1"), false),
               "InvalidSnapshot.Malformed");
  expect_error(
      restore_volume_from_recycle_bin(h.world, h.caller, VolumeId("vol-0123456789abcdef0"), false),
      "InvalidVolume.NotFound");
  PageRequest four;
  four.max_results = 4;
  expect_error(list_snapshots_in_recycle_bin(h.world, h.caller, {}, four), "InvalidParameterValue");
  PageRequest zero;
  zero.max_results = 0;
  expect_error(list_images_in_recycle_bin(h.world, h.caller, {}, zero), "InvalidParameterValue");
}

TEST_CASE("Recycle Bin: List pages through the bin in ID order") {
  test::Harness h;
  active_rule(h, rule_for("EBS_SNAPSHOT", 7));
  std::vector<SnapshotId> ids;
  for (int i = 0; i < 7; ++i) ids.push_back(test::own_snapshot(h, h.caller));
  for (const auto& id : ids) expect_ok(delete_snapshot(h.world, h.caller, id));
  std::sort(ids.begin(), ids.end(),
            [](const SnapshotId& a, const SnapshotId& b) { return a.str() < b.str(); });
  PageRequest page;
  page.max_results = 5;
  auto first = expect_ok(list_snapshots_in_recycle_bin(h.world, h.caller, {}, page));
  REQUIRE(first.items.size() == 5);
  REQUIRE_FALSE(first.next_token.empty());
  page.next_token = first.next_token;
  auto second = expect_ok(list_snapshots_in_recycle_bin(h.world, h.caller, {}, page));
  REQUIRE(second.items.size() == 2);
  CHECK(second.next_token.empty());
  std::vector<SnapshotId> seen;
  for (auto* b : first.items) seen.push_back(b->snapshot.id);
  for (auto* b : second.items) seen.push_back(b->snapshot.id);
  CHECK(seen == ids);
}

TEST_CASE(
    "Recycle Bin: an AMI in the bin is not found itself but stays in its children's lineage") {
  test::Harness h;
  active_rule(h, rule_for("EC2_IMAGE", 7));
  const ImageId parent = test::own_image(h, h.caller, "parent");
  // A child baked from an instance of the parent records it as its source.
  RunInstancesRequest r;
  r.image_id = parent.str();
  r.instance_type = "t3.micro";
  const InstanceId builder = expect_ok(run_instances(h.world, h.caller, r)).instances.at(0)->id;
  h.settle();
  const ImageId child =
      expect_ok(create_image(h.world, h.caller, test::create_request(builder, "child")));
  h.settle();
  expect_ok(deregister_image(h.world, h.caller, parent));
  REQUIRE(region(h).bin.images.count(parent) == 1);
  expect_error(get_image_ancestry(h.world, h.caller, parent), "InvalidAMIID.NotFound");
  // The builder's AMI is in the bin: its metadata is what the instance kept at launch.
  DescribeInstanceImageMetadataRequest meta_request;
  meta_request.instance_ids = {builder.str()};
  const auto meta = expect_ok(describe_instance_image_metadata(h.world, h.caller, meta_request));
  REQUIRE(meta.items.size() == 1);
  CHECK(meta.items[0].image.image_id == parent);
  CHECK(meta.items[0].image.name == "parent");
  CHECK(meta.items[0].image.state == ImageState::kDeregistered);
  const auto chain = expect_ok(get_image_ancestry(h.world, h.caller, child));
  REQUIRE(chain.size() >= 2);
  CHECK(chain[0].image_id == child);
  CHECK(chain[0].source_image_id == parent);
  CHECK(chain[1].image_id == parent);
}
