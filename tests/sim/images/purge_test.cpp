// When a deregistered image's record leaves memory (issue 19, sim/images/purge.cpp): an hour after
// deregistration, once no instance uses it and no image names it as its source.
#include "sim/copies/copies.hpp"
#include "sim/images/usage.hpp"
#include "tests/sim/images/image_fixture.hpp"

using namespace sim;
using test::expect_error;
using test::expect_ok;

namespace {

bool held(test::Harness& h, const ImageId& id) {
  return h.world.region_of(h.caller).images.count(id) != 0;
}

Result<DescribeImagesResult> describe_id(test::Harness& h, const ImageId& id) {
  DescribeImagesRequest r;
  r.image_ids = {id};
  return describe_images(h.world, h.caller, r);
}

// An instance of the caller's launched from `image`, running.
InstanceId launch_from(test::Harness& h, const ImageId& image) {
  RunInstancesRequest r;
  r.image_id = image.str();
  r.instance_type = "t3.micro";
  const InstanceId id = expect_ok(run_instances(h.world, h.caller, r)).instances.at(0)->id;
  h.advance(5 * kMinuteMs);
  return id;
}

}  // namespace

TEST_CASE("A deregistered image answers by ID for an hour, then its record leaves memory") {
  test::Harness h;
  const ImageId id = test::registered_image(h, h.caller, "purged-at-the-hour");
  expect_ok(deregister_image(h.world, h.caller, id));
  h.advance(kDeregisteredImageVisibleMs - 1);
  const auto shown = expect_ok(describe_id(h, id));
  REQUIRE(shown.images.size() == 1);
  CHECK(shown.images[0]->state == ImageState::kDeregistered);
  CHECK(held(h, id));
  h.advance(1);
  expect_error(describe_id(h, id), "InvalidAMIID.NotFound");
  CHECK_FALSE(held(h, id));
}

TEST_CASE(
    "A deregistered image an instance uses is held, answering empty, until that instance goes") {
  test::Harness h;
  const ImageId id = test::registered_image(h, h.caller, "used-by-an-instance");
  const InstanceId instance = launch_from(h, id);
  expect_ok(deregister_image(h.world, h.caller, id));
  h.advance(kDeregisteredImageVisibleMs);
  CHECK(expect_ok(describe_id(h, id)).images.empty());  // "returns empty results"
  CHECK(held(h, id));
  expect_ok(terminate_instances(h.world, h.caller, {instance.str()}));
  h.advance(kShutdownDurationMs + kTerminatedVisibleMs - 1);
  CHECK(expect_ok(describe_id(h, id)).images.empty());
  CHECK(held(h, id));
  h.advance(1);  // the instance is purged, and the image with it
  expect_error(describe_id(h, id), "InvalidAMIID.NotFound");
  CHECK_FALSE(held(h, id));
}

TEST_CASE(
    "A deregistered image another image was copied from is held for the lineage, and goes with "
    "it, its copy's ClientToken too") {
  test::Harness h;
  const ImageId parent = test::registered_image(h, h.caller, "parent");
  CopyImageRequest copy;
  copy.source_region = h.caller.region;
  copy.source_image_id = parent;
  copy.name = "child";
  copy.client_token = "copy-19";
  const ImageId child = expect_ok(copy_image(h.world, h.caller, copy));
  h.settle();
  const RegionState& region = h.world.region_of(h.caller);
  CHECK(region.copies.image_tokens.size() == 1);
  expect_ok(deregister_image(h.world, h.caller, parent));
  h.advance(kDeregisteredImageVisibleMs);
  CHECK(held(h, parent));
  const auto chain = expect_ok(get_image_ancestry(h.world, h.caller, child));
  REQUIRE(chain.size() == 2);
  CHECK(chain[1].image_id == parent);

  expect_ok(deregister_image(h.world, h.caller, child));
  h.advance(kDeregisteredImageVisibleMs - 1);
  CHECK(held(h, child));
  CHECK(held(h, parent));
  h.advance(1);
  CHECK_FALSE(held(h, child));
  CHECK_FALSE(held(h, parent));
  CHECK(region.copies.image_tokens.empty());
}

TEST_CASE("An image's purge is housekeeping: settle does not wait for it") {
  test::Harness h;
  const ImageId id = test::registered_image(h, h.caller, "not-waited-for");
  expect_ok(deregister_image(h.world, h.caller, id));
  const TimeMs before = h.world.now();
  h.settle();
  CHECK(h.world.now() < before + kDeregisteredImageVisibleMs);
  CHECK(held(h, id));
}
