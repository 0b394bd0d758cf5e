// Storing AMIs in S3 (sim/s3/store_restore.cpp: CreateStoreImageTask, DescribeStoreImageTasks; API
// in sim/s3/image_tasks.hpp), called directly; its restores are in restore_image_test.cpp. Facts:
// aws-facts.md §6 (UG23:ami-store-restore.md: the object `<ami-id>.bin` appears only when the task
// is done, with the AMI's metadata; EBS-backed HVM AMIs up to 5,000 GB, owned or directly shared;
// bucket in the Region; in-progress quota; tasks listed newest first for 31 days). Model rate from
// the README ("Model durations"): a store takes 30 s plus the written data at 32 MiB/s.
#include <algorithm>
#include <catch2/catch.hpp>

#include "tests/sim/s3/image_task_fixture.hpp"

using namespace sim;
using test::expect_error;
using test::expect_ok;
using test::kMiB;
using test::store_ms;
using test::store_request;
using test::stored;

namespace {

std::vector<const StoreImageTask*> listed(test::Harness& h, const Caller& caller,
                                          DescribeStoreImageTasksRequest r = {}) {
  std::vector<const StoreImageTask*> out;
  for (const StoreTaskView& v : expect_ok(describe_store_image_tasks(h.world, caller, r)).tasks)
    out.push_back(v.task);
  return out;
}

}  // namespace

// --- durations -----------------------------------------------------------------------------------

TEST_CASE("Store and restore take 30 s plus the written data at 32 MiB/s, rounded up to the ms",
          "[s3][store]") {
  CHECK(store_duration(0) == 30 * kSecondMs);
  CHECK(store_duration(32 * kMiB) == 31 * kSecondMs);
  CHECK(store_duration(kGiB) == 62 * kSecondMs);  // 1,024 MiB / 32 MiB/s = 32 s
  CHECK(store_duration(1) == 30 * kSecondMs + 1);
  // The SDK's StoreImageTaskComplete waiter polls 40 x 5 s: a store of 5 GiB fits in it.
  CHECK(store_duration(5 * kGiB) <= 40 * 5 * kSecondMs);
}

// --- CreateStoreImageTask ------------------------------------------------------------------------

TEST_CASE(
    "CreateStoreImageTask writes <ami-id>.bin only when the task completes, 30 s plus the written "
    "data at 32 MiB/s after it starts",
    "[s3][store]") {
  test::Harness h;
  test::make_bucket(h, h.caller, "amis");
  const ImageId ami = test::image_with_data(h, h.caller, "golden", 64 * kMiB);
  const Image original = test::image_of(h, h.caller, ami);
  const TimeMs start = h.world.now();
  StoreImageRequest r = store_request(ami, "amis");
  r.object_tags = {{"team", "web"}};
  const std::string key = expect_ok(store_image(h.world, h.caller, r));
  CHECK(key == ami.str() + ".bin");
  const Bucket& bucket = *bucket_named(h.world, "amis");
  constexpr DurationMs kTakes = 32 * kSecondMs;  // 30 s + 64 MiB at 32 MiB/s

  StoreTaskView v = test::store_task(h, h.caller, ami);
  CHECK(v.task->state == "InProgress");
  CHECK(v.progress == 0);
  CHECK(v.task->bucket == "amis");
  CHECK(v.task->key == key);
  CHECK(v.task->start == start);
  REQUIRE(v.task->object_tags.size() == 1);
  CHECK(v.task->object_tags[0].key == "team");
  CHECK(bucket.objects.empty());

  h.advance(kTakes / 2);
  CHECK(test::store_task(h, h.caller, ami).progress == 50);
  h.advance(kTakes / 2 - 1);
  v = test::store_task(h, h.caller, ami);
  CHECK(v.task->state == "InProgress");
  CHECK(v.progress == 99);
  CHECK(bucket.objects.empty());

  h.advance(1);
  v = test::store_task(h, h.caller, ami);
  CHECK(v.task->state == "Completed");
  CHECK(v.progress == 100);
  CHECK(v.task->failure_reason.empty());
  REQUIRE(bucket.objects.count(key) == 1);
  const S3Object& object = bucket.objects.at(key);
  // The model does not compress: the object is the AMI's written data (fact sheet §6 allows less).
  CHECK(object.size == 64 * kMiB);
  CHECK(object.synthetic);
  CHECK(object.body.empty());
  CHECK(object.last_modified == start + kTakes);
  CHECK(object.etag.size() > 2);
  CHECK(object.etag.front() == '"');
  CHECK(object.etag.back() == '"');
  // Metadata: AMI name, description, registration date, owner account, store time (§6).
  CHECK(object.metadata.at("ami-name") == "golden");
  CHECK(object.metadata.at("ami-description") == "golden description");
  CHECK(object.metadata.at("ami-creation-date") == format_iso8601(original.creation));
  CHECK(object.metadata.at("ami-owner-account") == h.caller.account.str());
  CHECK(object.metadata.at("ami-store-date") == format_iso8601(start + kTakes));
  REQUIRE(object.stored_image);
  CHECK(object.stored_image->image.id == ami);
  CHECK(object.stored_image->stored_by == h.caller.account);
  // The AMI itself is untouched.
  CHECK(test::image_of(h, h.caller, ami).state == ImageState::kAvailable);
}

TEST_CASE(
    "A stored object holds the written data of every snapshot of the AMI, not the volumes' "
    "sizes",
    "[s3][store]") {
  test::Harness h;
  test::make_bucket(h, h.caller, "amis");
  const ImageId ami = test::image_over(
      h, h.caller, "two-disks",
      {test::snapshot_with(h, h.caller, 64 * kMiB), test::snapshot_with(h, h.caller, 32 * kMiB)});
  const TimeMs start = h.world.now();
  const std::string key = expect_ok(store_image(h.world, h.caller, store_request(ami, "amis")));
  h.advance(store_ms(96 * kMiB) - 1);  // 33 s
  CHECK(test::store_task(h, h.caller, ami).task->state == "InProgress");
  h.advance(1);
  CHECK(test::store_task(h, h.caller, ami).task->state == "Completed");
  const S3Object& object = bucket_named(h.world, "amis")->objects.at(key);
  CHECK(object.size == 96 * kMiB);
  CHECK(object.last_modified == start + 33 * kSecondMs);
  REQUIRE(object.stored_image);
  CHECK(object.stored_image->snapshots.size() == 2);
}

TEST_CASE("CreateStoreImageTask needs an ImageId and a Bucket, and an AMI ID of this Region",
          "[s3][store]") {
  test::Harness h;
  test::make_bucket(h, h.caller, "amis");
  const ImageId ami = test::image_with_data(h, h.caller, "golden", 4 * kMiB);
  expect_error(store_image(h.world, h.caller, store_request(ImageId(), "amis")),
               "MissingParameter");
  expect_error(store_image(h.world, h.caller, store_request(ami, "")), "MissingParameter");
  expect_error(store_image(h.world, h.caller, store_request(ImageId("ami-12"), "amis")),
               "InvalidAMIID.Malformed");
  expect_error(store_image(h.world, h.caller, store_request(ImageId("bucket/ami.bin"), "amis")),
               "InvalidAMIID.Malformed");
  expect_error(
      store_image(h.world, h.caller, store_request(ImageId("ami-0123456789abcdef0"), "amis")),
      "InvalidAMIID.NotFound");
  // AMI IDs are Regional (fact sheet §3.1): the same ID is unknown in another Region.
  const Caller west = h.in("us-west-2");
  test::make_bucket(h, west, "west-amis");
  expect_error(store_image(h.world, west, store_request(ami, "west-amis")),
               "InvalidAMIID.NotFound");
  CHECK(h.world.region_of(h.caller).tasks.store.empty());
  CHECK(h.world.region_of(west).tasks.store.empty());
}

TEST_CASE(
    "Only an AMI the caller owns or that is shared with it directly can be stored: public is not "
    "enough",
    "[s3][store]") {
  test::Harness h;
  const Caller other = h.as(test::kOtherAccount);
  test::make_bucket(h, other, "theirs");
  const ImageId shared = test::image_with_data(h, h.caller, "shared", 4 * kMiB);
  const ImageId made_public = test::image_with_data(h, h.caller, "made-public", 4 * kMiB);
  expect_ok(test::share(h, h.caller, shared, other.account.str()));
  expect_ok(test::make_public(h, h.caller, made_public));

  auto e = expect_error(store_image(h.world, other, store_request(made_public, "theirs")),
                        "InvalidRequest");
  CHECK(e.message.find(made_public.str()) != std::string::npos);
  expect_error(
      store_image(h.world, other, store_request(h.catalogue_image("al2023-x86_64"), "theirs")),
      "InvalidRequest");
  // The grantee stores a directly shared AMI into its own bucket; the task is the grantee's.
  CHECK(expect_ok(store_image(h.world, other, store_request(shared, "theirs"))) ==
        shared.str() + ".bin");
  CHECK(test::store_task(h, other, shared).task->owner == other.account);
  CHECK(listed(h, h.caller).empty());  // the AMI's owner does not see the grantee's task
}

TEST_CASE("Only available, EBS-backed, HVM AMIs up to 5,000 GB can be stored", "[s3][store]") {
  test::Harness h;
  test::make_bucket(h, h.caller, "amis");
  auto store = [&](const ImageId& id) {
    return store_image(h.world, h.caller, store_request(id, "amis"));
  };
  const SnapshotId snap = test::snapshot_with(h, h.caller, 4 * kMiB);

  // Pending: registered over a snapshot that is not completed yet.
  CreateSnapshotRequest s;
  s.volume_id = test::snapshot_of(h, h.caller, snap).volume_id;
  const SnapshotId pending_snap = expect_ok(create_snapshot(h.world, h.caller, s))->id;
  const ImageId pending =
      expect_ok(register_image(h.world, h.caller, test::register_request("pending", pending_snap)));
  REQUIRE(test::image_of(h, h.caller, pending).state == ImageState::kPending);
  expect_error(store(pending), "InvalidAMIID.Unavailable");
  h.settle();

  const ImageId gone = test::image_over(h, h.caller, "gone", {snap});
  expect_ok(deregister_image(h.world, h.caller, gone));
  expect_error(store(gone), "InvalidAMIID.Unavailable");

  Image& instance_store = test::image_using(h, snap, ImageState::kAvailable);
  instance_store.traits.root_device_type = "instance-store";
  expect_error(store(instance_store.id), "InvalidRequest");

  const ImageId pv = test::image_over(h, h.caller, "pv-image", {snap}, std::nullopt, "paravirtual");
  expect_error(store(pv), "InvalidRequest");

  // 5,000 GB = 4,656.6 GiB: a 4,657 GiB volume is over the limit.
  const ImageId huge = test::image_over(h, h.caller, "huge", {snap}, 4657);
  expect_error(store(huge), "InvalidRequest");
  CHECK(h.world.region_of(h.caller).tasks.store.empty());

  // Encrypted snapshots are allowed: they are decrypted during the store (§6).
  const ImageId encrypted = test::image_over(h, h.caller, "encrypted",
                                             {test::snapshot_with(h, h.caller, 4 * kMiB, 8, true)});
  REQUIRE(
      test::snapshot_of(h, h.caller, test::root_snapshot_of(test::image_of(h, h.caller, encrypted)))
          .encrypted);
  expect_ok(store(encrypted));
}

TEST_CASE(
    "A deregistered AMI that DescribeImages no longer answers for is "
    "InvalidAMIID.NotFound to CreateStoreImageTask",
    "[s3][store][!mayfail]") {
  // Fact sheet §3.5: after deregistration the ID is described briefly, then asking for it errors
  // (NotFound); owned_image and find_launchable_image answer so after
  // kDeregisteredImageVisibleMs, visible_image (sim/s3/store_restore.cpp) does not.
  test::Harness h;
  test::make_bucket(h, h.caller, "amis");
  const ImageId ami = test::image_with_data(h, h.caller, "golden", 4 * kMiB);
  expect_ok(deregister_image(h.world, h.caller, ami));
  h.advance(kDeregisteredImageVisibleMs);
  expect_error(store_image(h.world, h.caller, store_request(ami, "amis")), "InvalidAMIID.NotFound");
}

TEST_CASE("Another account's private AMI is InvalidAMIID.NotFound to CreateStoreImageTask",
          "[s3][store][!mayfail]") {
  // visible_image promises "an image the caller can see" (sim/s3/detail.hpp) but looks the ID up
  // whatever its owner, so an unshared AMI answers InvalidRequest "must be owned by you or shared"
  // and so tells a stranger it exists; EC2 answers InvalidAMIID.NotFound for an AMI the caller
  // cannot see (DescribeImages, fact sheet §3.9; ERRCODES).
  test::Harness h;
  const Caller other = h.as(test::kOtherAccount);
  test::make_bucket(h, other, "theirs");
  const ImageId mine = test::image_with_data(h, h.caller, "private", 4 * kMiB);
  expect_error(store_image(h.world, other, store_request(mine, "theirs")), "InvalidAMIID.NotFound");
}

TEST_CASE("The bucket of a store must be the caller's own and in the request's Region",
          "[s3][store]") {
  test::Harness h;
  const ImageId ami = test::image_with_data(h, h.caller, "golden", 4 * kMiB);
  test::make_bucket(h, h.in("us-west-2"), "west-amis");
  test::make_bucket(h, h.as(test::kOtherAccount), "theirs");
  for (const char* bucket : {"nope", "west-amis", "theirs"}) {
    INFO(bucket);
    auto e = expect_error(store_image(h.world, h.caller, store_request(ami, bucket)),
                          "InvalidParameterValue");
    CHECK(e.message.find(bucket) != std::string::npos);
  }
  CHECK(h.world.region_of(h.caller).tasks.store.empty());
}

TEST_CASE("S3ObjectTags are checked like any tags", "[s3][store]") {
  test::Harness h;
  test::make_bucket(h, h.caller, "amis");
  const ImageId ami = test::image_with_data(h, h.caller, "golden", 4 * kMiB);
  StoreImageRequest r = store_request(ami, "amis");
  r.object_tags = {{"", "no key"}};
  expect_error(store_image(h.world, h.caller, r), "InvalidParameterValue");
  CHECK(h.world.region_of(h.caller).tasks.store.empty());
}

TEST_CASE("A DryRun store checks the request and changes nothing", "[s3][store]") {
  test::Harness h;
  test::make_bucket(h, h.caller, "amis");
  const ImageId ami = test::image_with_data(h, h.caller, "golden", 4 * kMiB);
  const std::string before = h.world.digest();
  StoreImageRequest r = store_request(ami, "amis");
  r.dry_run = true;
  expect_error(store_image(h.world, h.caller, r), "DryRunOperation");
  r.bucket = "nope";  // a request that would fail says so, not DryRunOperation
  expect_error(store_image(h.world, h.caller, r), "InvalidParameterValue");
  CHECK(h.world.digest() == before);
  CHECK(h.world.region_of(h.caller).tasks.store.empty());
}

TEST_CASE(
    "A store task fails, writing nothing, when its bucket is gone or another account's by the "
    "time it completes",
    "[s3][store]") {
  test::Harness h;
  const Caller other = h.as(test::kOtherAccount);
  test::make_bucket(h, h.caller, "amis");
  test::make_bucket(h, h.caller, "amis-2");
  const ImageId a = test::image_with_data(h, h.caller, "ami-a", 4 * kMiB);
  const ImageId b = test::image_with_data(h, h.caller, "ami-b", 4 * kMiB);
  expect_ok(store_image(h.world, h.caller, store_request(a, "amis")));
  expect_ok(store_image(h.world, h.caller, store_request(b, "amis-2")));
  expect_ok(delete_bucket(h.world, h.caller, "amis"));
  expect_ok(delete_bucket(h.world, h.caller, "amis-2"));
  test::make_bucket(h, other, "amis-2");  // the name is taken by someone else meanwhile
  h.settle();
  for (const ImageId& id : {a, b}) {
    const StoreTaskView v = test::store_task(h, h.caller, id);
    CHECK(v.task->state == "Failed");
    CHECK(v.progress == 0);
    CHECK_FALSE(v.task->failure_reason.empty());
  }
  CHECK(bucket_named(h.world, "amis") == nullptr);
  CHECK(bucket_named(h.world, "amis-2")->objects.empty());
}

TEST_CASE("A store task fails when the AMI's snapshots are deleted while it runs",
          "[s3][store][!mayfail]") {
  // UG23:ami-store-restore.md, Limitations: "For the duration of the store task, the snapshots
  // must not be deleted ..., otherwise the store process will fail" (fact sheet §6). The model
  // copies the snapshots when the task starts and completes it regardless.
  test::Harness h;
  test::make_bucket(h, h.caller, "amis");
  const ImageId ami = test::image_with_data(h, h.caller, "golden", 64 * kMiB);
  const SnapshotId snap = test::root_snapshot_of(test::image_of(h, h.caller, ami));
  expect_ok(store_image(h.world, h.caller, store_request(ami, "amis")));
  expect_ok(deregister_image(h.world, h.caller, ami));
  expect_ok(delete_snapshot(h.world, h.caller, snap));
  h.settle();
  CHECK(test::store_task(h, h.caller, ami).task->state == "Failed");
  CHECK(bucket_named(h.world, "amis")->objects.empty());
}

TEST_CASE(
    "One object per AMI per bucket: storing the AMI again in the bucket leaves one object, "
    "another bucket gets its own",
    "[s3][store]") {
  test::Harness h;
  test::make_bucket(h, h.caller, "amis");
  test::make_bucket(h, h.caller, "more-amis");
  const ImageId ami = test::image_with_data(h, h.caller, "golden", 4 * kMiB);
  const std::string key = stored(h, h.caller, ami, "amis");
  (void)store_image(h.world, h.caller, store_request(ami, "amis"));  // refused or a replacement
  h.settle();
  CHECK(bucket_named(h.world, "amis")->objects.size() == 1);
  CHECK(bucket_named(h.world, "amis")->objects.count(key) == 1);
  CHECK(stored(h, h.caller, ami, "more-amis") == key);
  CHECK(bucket_named(h.world, "more-amis")->objects.size() == 1);
}

// --- the in-progress store quota -----------------------------------------------------------------

TEST_CASE(
    "The in-progress store quota (1,200 GB per account per Region): two 500 GiB AMIs fit, a "
    "fourth does not, a refusal leaves nothing, other accounts and Regions are apart, completion "
    "frees it",
    "[s3][store][quota]") {
  test::Harness h;
  const Caller west = h.in("us-west-2");
  const Caller other = h.as(test::kOtherAccount);
  test::make_bucket(h, h.caller, "amis");
  test::make_bucket(h, west, "west-amis");
  test::make_bucket(h, other, "their-amis");
  // 500 GiB = 536.9 GB each (the quota counts the AMIs' size before compression).
  const SnapshotId snap = test::snapshot_with(h, h.caller, 0);
  std::vector<ImageId> amis;
  for (int i = 0; i < 4; ++i)
    amis.push_back(test::image_over(h, h.caller, "big-" + std::to_string(i), {snap}, 500));
  const SnapshotId west_snap = test::snapshot_with(h, west, 0);
  const ImageId west_ami = test::image_over(h, west, "big-west", {west_snap}, 500);
  const ImageId their_ami =
      test::image_over(h, other, "big-theirs", {test::snapshot_with(h, other, 0)}, 500);

  std::size_t accepted = 0;
  Result<std::string> refused = std::string();
  for (const ImageId& id : amis) {
    const std::string before = h.world.digest();
    refused = store_image(h.world, h.caller, store_request(id, "amis"));
    if (!refused.ok()) {
      CHECK(h.world.digest() == before);
      break;
    }
    ++accepted;
  }
  CHECK(accepted >= 2);  // 1,073.7 GB
  CHECK(accepted <= 3);  // a fourth would start over 1,200 GB in progress
  expect_error(refused, "ResourceLimitExceeded");
  CHECK(h.world.region_of(h.caller).tasks.store.size() == accepted);

  expect_ok(store_image(h.world, west, store_request(west_ami, "west-amis")));
  expect_ok(store_image(h.world, other, store_request(their_ami, "their-amis")));
  h.settle();
  expect_ok(store_image(h.world, h.caller, store_request(amis[accepted], "amis")));
}

TEST_CASE(
    "A store is refused only while the AMIs in progress already reach the quota, so "
    "one AMI of up to 5,000 GB can be stored",
    "[s3][store][quota][!mayfail]") {
  // UG23:ami-store-restore.md: "Further task creation will be rejected until the tasks in progress
  // are less than the limit. For example, if an AMI with 100 GB ... and another AMI with 200 GB
  // ... are currently being stored, another request will be accepted ... But if a single AMI with
  // 800 GB [over the 600 GB quota of that text] is currently being stored, further tasks are
  // rejected"; AMIs up to 5,000 GB can be stored (fact sheet §6). The model refuses a store when
  // the in-progress data plus the new AMI would pass the quota, so no AMI over 1,200 GB can ever
  // be stored.
  test::Harness h;
  test::make_bucket(h, h.caller, "amis");
  const SnapshotId snap = test::snapshot_with(h, h.caller, 0);
  const ImageId largest = test::image_over(h, h.caller, "largest", {snap}, 4656);  // 4,999.3 GB
  const ImageId small = test::image_over(h, h.caller, "small", {snap});
  const ImageId a = test::image_over(h, h.caller, "a-500", {snap}, 500);
  const ImageId b = test::image_over(h, h.caller, "b-500", {snap}, 500);
  const ImageId c = test::image_over(h, h.caller, "c-500", {snap}, 500);
  expect_ok(store_image(h.world, h.caller, store_request(largest, "amis")));
  expect_error(store_image(h.world, h.caller, store_request(small, "amis")),
               "ResourceLimitExceeded");
  h.settle();
  expect_ok(store_image(h.world, h.caller, store_request(a, "amis")));
  expect_ok(store_image(h.world, h.caller, store_request(b, "amis")));
  expect_ok(store_image(h.world, h.caller, store_request(c, "amis")));  // 1,073.7 GB < 1,200 GB
  expect_error(store_image(h.world, h.caller, store_request(small, "amis")),
               "ResourceLimitExceeded");  // 1,610.6 GB in progress
}

// --- DescribeStoreImageTasks ---------------------------------------------------------------------

TEST_CASE(
    "DescribeStoreImageTasks lists the caller's own tasks in the Region, newest first, for 31 "
    "days",
    "[s3][store][describe]") {
  test::Harness h;
  const Caller other = h.as(test::kOtherAccount);
  const Caller west = h.in("us-west-2");
  test::make_bucket(h, h.caller, "amis");
  test::make_bucket(h, other, "theirs");
  test::make_bucket(h, west, "west-amis");
  const ImageId first = test::image_with_data(h, h.caller, "first", 4 * kMiB);
  const ImageId second = test::image_with_data(h, h.caller, "second", 4 * kMiB);
  const ImageId theirs = test::image_with_data(h, other, "theirs", 4 * kMiB);
  const ImageId in_west = test::image_with_data(h, west, "west", 4 * kMiB);
  stored(h, h.caller, first, "amis");
  h.advance(kDayMs);
  const TimeMs second_start = h.world.now();
  stored(h, h.caller, second, "amis");
  stored(h, other, theirs, "theirs");
  stored(h, west, in_west, "west-amis");

  auto ids = [&](const Caller& c) {
    std::vector<ImageId> out;
    for (const StoreImageTask* t : listed(h, c)) out.push_back(t->image);
    return out;
  };
  CHECK(ids(h.caller) == std::vector<ImageId>{second, first});
  CHECK(ids(other) == std::vector<ImageId>{theirs});
  CHECK(ids(west) == std::vector<ImageId>{in_west});
  // Another account's AMI ID names no task of the caller's.
  DescribeStoreImageTasksRequest r;
  r.image_ids = {theirs};
  expect_error(describe_store_image_tasks(h.world, h.caller, r), "InvalidAMIID.NotFound");

  // 31 days of history: the first task (a day older) drops out a day before the second.
  h.advance(second_start + 29 * kDayMs - h.world.now());
  CHECK(ids(h.caller) == std::vector<ImageId>{second, first});
  h.advance(kDayMs + kDayMs / 2);  // the first is 31.5 days old, the second 30.5
  CHECK(ids(h.caller) == std::vector<ImageId>{second});
  h.advance(kDayMs);
  CHECK(ids(h.caller).empty());
}

TEST_CASE("DescribeStoreImageTasks filters by task-state and bucket and pages newest first",
          "[s3][store][describe]") {
  test::Harness h;
  test::make_bucket(h, h.caller, "amis");
  test::make_bucket(h, h.caller, "other-amis");
  std::vector<ImageId> amis;
  for (int i = 0; i < 3; ++i)
    amis.push_back(test::image_with_data(h, h.caller, "ami-" + std::to_string(i), 4 * kMiB));
  stored(h, h.caller, amis[0], "amis");
  stored(h, h.caller, amis[1], "other-amis");
  expect_ok(store_image(h.world, h.caller, store_request(amis[2], "amis")));  // in progress

  DescribeStoreImageTasksRequest r;
  r.filters = {{"task-state", {"Completed"}}};
  auto completed = listed(h, h.caller, r);
  REQUIRE(completed.size() == 2);
  CHECK(completed[0]->image == amis[1]);
  CHECK(completed[1]->image == amis[0]);
  r.filters = {{"bucket", {"amis"}}};
  auto in_amis = listed(h, h.caller, r);
  REQUIRE(in_amis.size() == 2);
  CHECK(in_amis[0]->image == amis[2]);
  r.filters = {{"bucket", {"amis"}}, {"task-state", {"InProgress"}}};
  auto both = listed(h, h.caller, r);
  REQUIRE(both.size() == 1);
  CHECK(both[0]->image == amis[2]);

  std::vector<ImageId> paged;
  DescribeStoreImageTasksRequest page;
  page.page.max_results = 1;
  do {
    auto out = expect_ok(describe_store_image_tasks(h.world, h.caller, page));
    REQUIRE(out.tasks.size() == 1);
    paged.push_back(out.tasks[0].task->image);
    page.page.next_token = out.next_token;
  } while (!page.page.next_token.empty());
  CHECK(paged == std::vector<ImageId>{amis[2], amis[1], amis[0]});
}

TEST_CASE(
    "DescribeStoreImageTasks refusals: unknown filters, ImageIds with MaxResults, an AMI without "
    "a task",
    "[s3][store][describe]") {
  test::Harness h;
  test::make_bucket(h, h.caller, "amis");
  const ImageId ami = test::image_with_data(h, h.caller, "golden", 4 * kMiB);
  const ImageId idle = test::image_with_data(h, h.caller, "idle", 4 * kMiB);
  stored(h, h.caller, ami, "amis");
  DescribeStoreImageTasksRequest r;
  r.filters = {{"image-id", {ami.str()}}};
  expect_error(describe_store_image_tasks(h.world, h.caller, r), "InvalidFilter");
  r.filters.clear();
  r.image_ids = {ami};
  r.page.max_results = 5;
  expect_error(describe_store_image_tasks(h.world, h.caller, r), "InvalidParameterCombination");
  r.page.max_results.reset();
  r.image_ids = {ami, idle};
  expect_error(describe_store_image_tasks(h.world, h.caller, r), "InvalidAMIID.NotFound");
}
