// Restoring AMIs from S3 (sim/s3/store_restore.cpp: CreateRestoreImageTask; API in
// sim/s3/image_tasks.hpp), called directly: states, timing, objects, names, quota and errors. What
// a restored AMI carries from the stored one is tests/sim/s3/restore_inheritance_test.cpp's
// subject. Facts: aws-facts.md §6 (UG23:ami-store-restore.md: a new AMI ID, never the stored one;
// pending, then available; the name defaults to the stored AMI's and must be unique in the Region
// for the account; the bucket must be in the restore's Region, which may differ from the store's;
// in-progress quota). Model rate from the README: 30 s plus the written data at 32 MiB/s.
#include <algorithm>
#include <catch2/catch.hpp>

#include "tests/sim/s3/image_task_fixture.hpp"

using namespace sim;
using test::expect_error;
using test::expect_ok;
using test::exported;
using test::kMiB;
using test::restore_request;
using test::store_ms;
using test::stored;

// --- CreateRestoreImageTask ----------------------------------------------------------------------

TEST_CASE(
    "CreateRestoreImageTask makes a new AMI, pending over new pending snapshots holding the stored "
    "data, available 30 s plus the data at 32 MiB/s later",
    "[s3][restore]") {
  test::Harness h;
  test::make_bucket(h, h.caller, "amis");
  const ImageId ami = test::image_with_data(h, h.caller, "golden", 64 * kMiB);
  const SnapshotId original_snap = test::root_snapshot_of(test::image_of(h, h.caller, ami));
  const std::string key = stored(h, h.caller, ami, "amis");

  const TimeMs start = h.world.now();
  const ImageId restored =
      expect_ok(restore_image(h.world, h.caller, restore_request("amis", key, "golden-restored")));
  CHECK(restored != ami);
  CHECK(is_well_formed_id("ami", restored.str()));
  const Image& image = test::image_of(h, h.caller, restored);
  CHECK(image.state == ImageState::kPending);
  CHECK(image.owner == h.caller.account);
  CHECK(image.region == h.caller.region);
  CHECK(image.name == "golden-restored");
  CHECK(image.creation == start);
  const SnapshotId snap = test::root_snapshot_of(image);
  CHECK(snap != original_snap);
  const Snapshot& s = test::snapshot_of(h, h.caller, snap);
  CHECK(s.state == SnapshotState::kPending);
  CHECK(s.owner == h.caller.account);
  CHECK(test::written_in(s) == 64 * kMiB);

  h.advance(store_ms(64 * kMiB) - 1);  // 32 s
  CHECK(test::image_of(h, h.caller, restored).state == ImageState::kPending);
  h.advance(1);
  CHECK(test::image_of(h, h.caller, restored).state == ImageState::kAvailable);
  CHECK(test::snapshot_of(h, h.caller, snap).state == SnapshotState::kCompleted);
  CHECK(test::snapshot_of(h, h.caller, snap).completion_time == start + 32 * kSecondMs);
  // The original and its snapshot are still there, untouched.
  CHECK(test::image_of(h, h.caller, ami).state == ImageState::kAvailable);
  CHECK(test::written_in(test::snapshot_of(h, h.caller, original_snap)) == 64 * kMiB);
}

TEST_CASE("A restore needs only the object: the stored AMI and its snapshots may be gone",
          "[s3][restore]") {
  test::Harness h;
  test::make_bucket(h, h.caller, "amis");
  const ImageId ami = test::image_over(
      h, h.caller, "golden",
      {test::snapshot_with(h, h.caller, 8 * kMiB), test::snapshot_with(h, h.caller, 16 * kMiB)});
  const std::string key = stored(h, h.caller, ami, "amis");
  expect_ok(deregister_image(h.world, h.caller, ami, /*delete_associated_snapshots=*/true));
  h.advance(kDeregisteredImageVisibleMs);
  const ImageId restored =
      expect_ok(restore_image(h.world, h.caller, restore_request("amis", key)));
  h.settle();
  const Image& image = test::image_of(h, h.caller, restored);
  CHECK(image.state == ImageState::kAvailable);
  std::vector<std::uint64_t> written;
  for (const SnapshotId& id : image_snapshots(image))
    written.push_back(test::written_in(test::snapshot_of(h, h.caller, id)));
  std::sort(written.begin(), written.end());
  CHECK(written == std::vector<std::uint64_t>{8 * kMiB, 16 * kMiB});
}

TEST_CASE("Each restore of one object makes another AMI with snapshots of its own",
          "[s3][restore]") {
  test::Harness h;
  test::make_bucket(h, h.caller, "amis");
  const ImageId ami = test::image_with_data(h, h.caller, "golden", 4 * kMiB);
  const std::string key = stored(h, h.caller, ami, "amis");
  const ImageId one =
      expect_ok(restore_image(h.world, h.caller, restore_request("amis", key, "one")));
  const ImageId two =
      expect_ok(restore_image(h.world, h.caller, restore_request("amis", key, "two")));
  CHECK(one != two);
  CHECK(test::root_snapshot_of(test::image_of(h, h.caller, one)) !=
        test::root_snapshot_of(test::image_of(h, h.caller, two)));
  h.settle();
  CHECK(test::image_of(h, h.caller, one).state == ImageState::kAvailable);
  CHECK(test::image_of(h, h.caller, two).state == ImageState::kAvailable);
  // The object stays for further restores.
  CHECK(bucket_named(h.world, "amis")->objects.count(key) == 1);
}

TEST_CASE(
    "A restored AMI's name is the stored AMI's unless given, and must be well formed and free in "
    "the Region for the account",
    "[s3][restore]") {
  test::Harness h;
  const Caller other = h.as(test::kOtherAccount);
  test::make_bucket(h, h.caller, "amis");
  const ImageId ami = test::image_with_data(h, h.caller, "golden", 4 * kMiB);
  const std::string key = stored(h, h.caller, ami, "amis");
  // The original still holds its name in this Region.
  expect_error(restore_image(h.world, h.caller, restore_request("amis", key)),
               "InvalidAMIName.Duplicate");
  expect_error(restore_image(h.world, h.caller, restore_request("amis", key, "ab")),
               "InvalidAMIName.Malformed");
  expect_error(restore_image(h.world, h.caller, restore_request("amis", key, "bad*name")),
               "InvalidAMIName.Malformed");
  // Another account's AMI of that name does not matter: names are per account.
  test::image_with_data(h, other, "taken-elsewhere", 4 * kMiB);
  const ImageId named =
      expect_ok(restore_image(h.world, h.caller, restore_request("amis", key, "taken-elsewhere")));
  CHECK(test::image_of(h, h.caller, named).name == "taken-elsewhere");
  expect_error(restore_image(h.world, h.caller, restore_request("amis", key, "taken-elsewhere")),
               "InvalidAMIName.Duplicate");
  // Deregistering the original frees its name: the default then works.
  expect_ok(deregister_image(h.world, h.caller, ami));
  const ImageId same_name =
      expect_ok(restore_image(h.world, h.caller, restore_request("amis", key)));
  CHECK(test::image_of(h, h.caller, same_name).name == "golden");
}

TEST_CASE(
    "A restore needs a bucket of the caller's in its Region holding an object a store task made",
    "[s3][restore]") {
  test::Harness h;
  const Caller west = h.in("us-west-2");
  const Caller other = h.as(test::kOtherAccount);
  test::make_bucket(h, h.caller, "amis");
  test::make_bucket(h, other, "theirs");
  const ImageId ami = test::image_with_data(h, h.caller, "golden", 4 * kMiB);
  const ImageId their_ami = test::image_with_data(h, other, "their-golden", 4 * kMiB);
  const std::string key = stored(h, h.caller, ami, "amis");
  const std::string their_key = stored(h, other, their_ami, "theirs");
  test::upload(h, h.caller, "amis", "disk.raw", "not an AMI");
  S3Object exported;
  exported.key = "vms/export-ami-0123456789abcdef0.vmdk";
  exported.size = 4 * kMiB;
  put_model_object(h.world, *bucket_named(h.world, "amis"), exported);
  const std::string before = h.world.digest();

  expect_error(restore_image(h.world, h.caller, restore_request("", key, "x-1")),
               "MissingParameter");
  expect_error(restore_image(h.world, h.caller, restore_request("amis", "", "x-1")),
               "MissingParameter");
  expect_error(restore_image(h.world, h.caller, restore_request("nope", key, "x-1")),
               "InvalidParameterValue");
  // The bucket must be in the restore's Region, and the caller's.
  expect_error(restore_image(h.world, west, restore_request("amis", key, "x-1")),
               "InvalidParameterValue");
  expect_error(restore_image(h.world, h.caller, restore_request("theirs", their_key, "x-1")),
               "InvalidParameterValue");
  auto missing =
      expect_error(restore_image(h.world, h.caller, restore_request("amis", "missing.bin", "x-1")),
                   "InvalidParameterValue");
  CHECK(missing.message.find("missing.bin") != std::string::npos);
  expect_error(restore_image(h.world, h.caller, restore_request("amis", "disk.raw", "x-1")),
               "InvalidParameterValue");
  expect_error(restore_image(h.world, h.caller, restore_request("amis", exported.key, "x-1")),
               "InvalidParameterValue");
  CHECK(h.world.digest() == before);
}

TEST_CASE(
    "A restore may run in another Region or account than the store, from a copy of the object in "
    "a bucket there",
    "[s3][restore]") {
  // UG23:ami-store-restore.md: "The restore task can be performed in the same or a different
  // Region"; the user copies the object by any means (the model's S3 subset has no CopyObject, so
  // the copy is made here directly).
  test::Harness h;
  const Caller west = h.in("us-west-2");
  const Caller other = h.as(test::kOtherAccount);
  test::make_bucket(h, h.caller, "amis");
  Bucket& west_bucket = test::make_bucket(h, west, "west-amis");
  Bucket& their_bucket = test::make_bucket(h, other, "theirs");
  const ImageId ami = test::image_with_data(h, h.caller, "golden", 4 * kMiB);
  const std::string key = stored(h, h.caller, ami, "amis");
  const S3Object object = bucket_named(h.world, "amis")->objects.at(key);
  put_model_object(h.world, west_bucket, object);
  put_model_object(h.world, their_bucket, object);

  const ImageId in_west =
      expect_ok(restore_image(h.world, west, restore_request("west-amis", key)));
  const ImageId theirs = expect_ok(restore_image(h.world, other, restore_request("theirs", key)));
  h.settle();
  const Image& w = test::image_of(h, west, in_west);
  CHECK(w.region == west.region);
  CHECK(w.owner == h.caller.account);
  CHECK(w.state == ImageState::kAvailable);
  CHECK(test::snapshot_of(h, west, test::root_snapshot_of(w)).region == west.region);
  const Image& t = test::image_of(h, other, theirs);
  CHECK(t.owner == other.account);
  CHECK(t.state == ImageState::kAvailable);
  CHECK(test::snapshot_of(h, other, test::root_snapshot_of(t)).owner == other.account);
  CHECK(test::written_in(test::snapshot_of(h, other, test::root_snapshot_of(t))) == 4 * kMiB);
}

TEST_CASE("Restore TagSpecifications take image and snapshot resources only", "[s3][restore]") {
  test::Harness h;
  test::make_bucket(h, h.caller, "amis");
  const ImageId ami = test::image_with_data(h, h.caller, "golden", 4 * kMiB);
  const std::string key = stored(h, h.caller, ami, "amis");
  RestoreImageRequest r = restore_request("amis", key, "tagged");
  r.tag_specifications = {{"instance", {{"k", "v"}}}};
  expect_error(restore_image(h.world, h.caller, r), "InvalidParameterValue");
  r.tag_specifications = {{"image", {{"", "v"}}}};
  expect_error(restore_image(h.world, h.caller, r), "InvalidParameterValue");
  r.tag_specifications = {{"image", {{"role", "web"}}}, {"snapshot", {{"backup", "yes"}}}};
  const Image& image = test::image_of(h, h.caller, expect_ok(restore_image(h.world, h.caller, r)));
  CHECK(image.tags->at("role") == "web");
  CHECK(test::snapshot_of(h, h.caller, test::root_snapshot_of(image)).tags.at("backup") == "yes");
}

TEST_CASE("A DryRun restore checks the request and changes nothing", "[s3][restore]") {
  test::Harness h;
  test::make_bucket(h, h.caller, "amis");
  const ImageId ami = test::image_with_data(h, h.caller, "golden", 4 * kMiB);
  const std::string key = stored(h, h.caller, ami, "amis");
  const std::string before = h.world.digest();
  RestoreImageRequest r = restore_request("amis", key, "dry");
  r.dry_run = true;
  expect_error(restore_image(h.world, h.caller, r), "DryRunOperation");
  r.name.clear();  // the stored name is taken: the error, not DryRunOperation
  expect_error(restore_image(h.world, h.caller, r), "InvalidAMIName.Duplicate");
  CHECK(h.world.digest() == before);
}

// --- the in-progress restore quota ---------------------------------------------------------------

namespace {

// `count` stored objects in "amis", each of an AMI with one `gib` GiB volume; returns their keys.
std::vector<std::string> stored_objects(test::Harness& h, const Caller& caller, int count, int gib,
                                        const std::string& bucket = "amis") {
  const SnapshotId snap = test::snapshot_with(h, caller, 0);
  std::vector<std::string> keys;
  for (int i = 0; i < count; ++i) {
    const ImageId id = test::image_over(
        h, caller, bucket + "-" + std::to_string(gib) + "-" + std::to_string(i), {snap}, gib);
    keys.push_back(stored(h, caller, id, bucket));
  }
  return keys;
}

}  // namespace

TEST_CASE(
    "The in-progress restore quota (600 GB per account): one 300 GiB restore fits, a third does "
    "not, a refusal leaves nothing, another account is apart, available AMIs free it",
    "[s3][restore][quota]") {
  test::Harness h;
  const Caller other = h.as(test::kOtherAccount);
  test::make_bucket(h, h.caller, "amis");
  test::make_bucket(h, other, "theirs");
  const auto keys = stored_objects(h, h.caller, 3, 300);  // 322.1 GB each
  const auto their_keys = stored_objects(h, other, 1, 300, "theirs");

  std::size_t accepted = 0;
  Result<ImageId> refused = ImageId();
  for (const std::string& key : keys) {
    const std::string before = h.world.digest();
    refused = restore_image(h.world, h.caller,
                            restore_request("amis", key, "restored-" + std::to_string(accepted)));
    if (!refused.ok()) {
      CHECK(h.world.digest() == before);
      break;
    }
    ++accepted;
  }
  CHECK(accepted >= 1);
  CHECK(accepted <= 2);  // a third would start with 644 GB pending
  expect_error(refused, "ResourceLimitExceeded");
  expect_ok(restore_image(h.world, other, restore_request("theirs", their_keys[0], "theirs-r")));
  h.settle();  // the restored AMIs become available and leave the quota
  expect_ok(restore_image(h.world, h.caller, restore_request("amis", keys[accepted], "again")));
}

TEST_CASE("A restore is refused only while the pending restored AMIs already reach the quota",
          "[s3][restore][quota][!mayfail]") {
  // UG23:ami-store-restore.md: the restore quota "Further task creation will be rejected until the
  // tasks in progress are less than the limit" (the same rule as the store quota, fact sheet §6).
  // The model refuses a restore whose own size would take the pending total past 600 GB, so a
  // stored AMI over 600 GB can never be restored, though it could be stored.
  test::Harness h;
  test::make_bucket(h, h.caller, "amis");
  const auto big = stored_objects(h, h.caller, 1, 700);   // 751.6 GB
  const auto keys = stored_objects(h, h.caller, 3, 300);  // 322.1 GB each
  expect_ok(restore_image(h.world, h.caller, restore_request("amis", big[0], "big-restored")));
  expect_error(restore_image(h.world, h.caller, restore_request("amis", keys[0], "r-0")),
               "ResourceLimitExceeded");
  h.settle();
  expect_ok(restore_image(h.world, h.caller, restore_request("amis", keys[0], "r-0")));
  expect_ok(restore_image(h.world, h.caller, restore_request("amis", keys[1], "r-1")));
  expect_error(restore_image(h.world, h.caller, restore_request("amis", keys[2], "r-2")),
               "ResourceLimitExceeded");
}
