// What CreateRestoreImageTask carries of the stored AMI (sim/state/image.hpp): every trait, its
// description, its name unless the request names it, and its user tags; of its sharing and
// lifecycle, nothing. Facts: aws-facts.md §6; UG23:ami-store-restore.md ("all of the AMI metadata
// (excluding sharing information) is preserved"; "If you do not provide a name, the new AMI gets
// the same name as the original AMI").
#include <catch2/catch.hpp>

#include "sim/s3/image_tasks.hpp"
#include "sim/s3/s3.hpp"
#include "sim/tagging.hpp"
#include "tests/sim/images/image_fixture.hpp"
#include "tests/sim/images/inheritance_fixture.hpp"

using namespace sim;
using test::expect_ok;

namespace {

const std::string kBucket = "amisim-inheritance";

// The caller's decorated image (test::decorate), stored in kBucket; returns the object key. The
// store refuses instance-store and paravirtual AMIs (fact sheet §6), so those two traits keep
// their defaults.
std::string stored_decorated_image(test::Harness& h, const std::string& name) {
  const ImageId id = test::registered_image(h, h.caller, name);
  Image& image = h.world.region_of(h.caller).images.at(id);
  test::decorate(image, h.world.now());
  image.traits.root_device_type = "ebs";
  image.traits.virtualization_type = "hvm";
  expect_ok(create_bucket(h.world, h.caller, kBucket, ""));
  StoreImageRequest store;
  store.image_id = id;
  store.bucket = kBucket;
  const std::string key = expect_ok(store_image(h.world, h.caller, store));
  h.settle();
  return key;
}

const Image& stored(test::Harness& h, const std::string& key) {
  return bucket_named(h.world, kBucket)->objects.at(key).stored_image->image;
}

RestoreImageRequest restore_from_bucket(const std::string& key, const std::string& name) {
  RestoreImageRequest r;
  r.bucket = kBucket;
  r.object_key = key;
  r.name = name;
  return r;
}

}  // namespace

TEST_CASE("A restore carries every trait of the stored AMI, free-tier eligibility included") {
  test::Harness h;
  const std::string key = stored_decorated_image(h, "decorated");
  const ImageId id =
      expect_ok(restore_image(h.world, h.caller, restore_from_bucket(key, "restored")));
  const Image& restored = test::image_of(h, h.caller, id);
  CHECK(restored.traits == stored(h, key).traits);
  CHECK(restored.traits.free_tier_eligible);
  CHECK(restored.traits.product_codes == test::distinctive_traits().product_codes);
}

TEST_CASE("A restore keeps the stored description and user tags, not its sharing or lifecycle") {
  test::Harness h;
  const std::string key = stored_decorated_image(h, "decorated");
  const Image& source = stored(h, key);
  const Image& restored = test::image_of(
      h, h.caller,
      expect_ok(restore_image(h.world, h.caller, restore_from_bucket(key, "restored"))));
  CHECK(restored.name == "restored");
  CHECK(restored.description == source.description);
  CHECK(restored.tags == source.tags);
  CHECK(restored.owner == h.caller.account);
  CHECK(restored.image_location() == h.caller.account.str() + "/restored");
  CHECK(restored.creation == h.world.now());
  CHECK(restored.restored_from_s3);
  test::check_own_lifecycle(restored, source);
}

TEST_CASE("A restore without a name takes the stored AMI's") {
  test::Harness h;
  const std::string key = stored_decorated_image(h, "decorated");
  Image& original = h.world.region_of(h.caller).images.at(stored(h, key).id);
  original.protection = DeregistrationProtection::kDisabled;    // decorate() protected it
  expect_ok(deregister_image(h.world, h.caller, original.id));  // frees the name
  const ImageId id = expect_ok(restore_image(h.world, h.caller, restore_from_bucket(key, "")));
  CHECK(test::image_of(h, h.caller, id).name == "decorated");
}

TEST_CASE("A restore records the stored AMI as its source image") {
  test::Harness h;
  const std::string key = stored_decorated_image(h, "decorated");
  const Image& restored = test::image_of(
      h, h.caller,
      expect_ok(restore_image(h.world, h.caller, restore_from_bucket(key, "restored"))));
  CHECK(restored.source_image_id == stored(h, key).id);
  CHECK(restored.source_image_region == stored(h, key).region);
  CHECK(restored.source_instance_id->empty());
}

// Tags belong to the account that set them (EC2 user guide, "Tag your Amazon EC2 resources": tags
// on a shared resource are available only to the account that assigned them), so an account
// storing an AMI shared with it stores the tags it sees: its own.
TEST_CASE("A store of a shared AMI by its grantee keeps the grantee's tags, never the owner's") {
  test::Harness h;
  const Caller grantee = h.as("210987654321");
  const ImageId id = test::registered_image(h, h.caller, "shared");
  const SnapshotId snap = *test::image_of(h, h.caller, id).mappings.at(0).ebs->snapshot_id;
  expect_ok(create_tags(h.world, h.caller, {id.str(), snap.str()}, {{"secret", "a-private"}}));
  expect_ok(test::share(h, h.caller, id, grantee.account.str()));
  // Stores the image into a new bucket of the grantee's and restores it as `name`.
  auto round_trip = [&](const std::string& bucket, const std::string& name) -> const Image& {
    expect_ok(create_bucket(h.world, grantee, bucket, ""));
    StoreImageRequest store;
    store.image_id = id;
    store.bucket = bucket;
    const std::string key = expect_ok(store_image(h.world, grantee, store));
    h.settle();
    RestoreImageRequest restore = restore_from_bucket(key, name);
    restore.bucket = bucket;
    return test::image_of(h, grantee, expect_ok(restore_image(h.world, grantee, restore)));
  };
  const Image& plain = round_trip("grantee-1", "restored-1");
  CHECK(plain.tags->empty());
  const SnapshotId plain_snap = *plain.mappings.at(0).ebs->snapshot_id;
  CHECK(h.world.region_of(grantee).snapshots.at(plain_snap).tags.empty());
  expect_ok(create_tags(h.world, grantee, {id.str()}, {{"team", "b-team"}}));
  CHECK(round_trip("grantee-2", "restored-2").tags == Tags{{"team", "b-team"}});
}
