// find_launchable_image, image_visible_to, check_image_name, the pending -> available event.
#include "sim/timeline.hpp"
#include "tests/sim/images/image_fixture.hpp"

using namespace sim;
using test::expect_error;
using test::expect_ok;

namespace {
using test::kOther;
}

TEST_CASE("A public catalogue image is launchable by any account in its Region") {
  test::Harness h;
  const ImageId id = h.catalogue_image("al2023-x86_64");
  const Image* image = expect_ok(find_launchable_image(h.world, h.as(kOther), id.str()));
  CHECK(image->id == id);
  CHECK(image->state == ImageState::kAvailable);
}

TEST_CASE("find_launchable_image refuses a malformed ID with InvalidAMIID.Malformed") {
  test::Harness h;
  for (const char* bad :
       {"ami-123", "ami-XYZ12345", "img-0123456789abcdef0", "", "ami-0123456789abcdef"}) {
    const Error e =
        expect_error(find_launchable_image(h.world, h.caller, bad), "InvalidAMIID.Malformed");
    CHECK(e.message == "Invalid id: \"" + std::string(bad) + "\" (expecting \"ami-...\")");
  }
  CHECK(find_launchable_image(h.world, h.caller, "ami-1234abcd").error().name() ==
        std::string("InvalidAMIID.NotFound"));
}

TEST_CASE("An unknown image ID is InvalidAMIID.NotFound with AWS's bracketed message") {
  test::Harness h;
  const Error e = expect_error(find_launchable_image(h.world, h.caller, "ami-0123456789abcdef0"),
                               "InvalidAMIID.NotFound");
  CHECK(e.message == "The image id '[ami-0123456789abcdef0]' does not exist");
}

TEST_CASE("An image ID from another Region is not found in the caller's Region") {
  test::Harness h;
  const ImageId west = h.catalogue_image("al2023-x86_64", "us-west-2");
  expect_error(find_launchable_image(h.world, h.caller, west.str()), "InvalidAMIID.NotFound");
  expect_ok(find_launchable_image(h.world, h.in("us-west-2"), west.str()));
}

TEST_CASE("Another account's private image is refused with AuthFailure until it is shared") {
  test::Harness h;
  const ImageId id = test::registered_image(h, h.caller, "private-one");
  const Caller other = h.as(kOther);
  const Error e = expect_error(find_launchable_image(h.world, other, id.str()), "AuthFailure");
  CHECK(e.message == "Not authorized for images: [" + id.str() + "]");
  CHECK(e.http_status() == 401);
  CHECK_FALSE(image_visible_to(test::image_of(h, h.caller, id), other.account));

  expect_ok(test::share(h, h.caller, id, kOther));
  CHECK(image_visible_to(test::image_of(h, h.caller, id), other.account));
  expect_ok(find_launchable_image(h.world, other, id.str()));
}

TEST_CASE("A pending image is InvalidAMIID.Unavailable until its snapshots complete") {
  test::Harness h;
  const InstanceId instance = test::launch(h, h.caller);
  const ImageId id =
      expect_ok(create_image(h.world, h.caller, test::create_request(instance, "pending-one")));
  const Error e =
      expect_error(find_launchable_image(h.world, h.caller, id.str()), "InvalidAMIID.Unavailable");
  CHECK(e.message == "AMI " + id.str() + " is pending, and cannot be run.");
  h.settle();
  CHECK(test::image_of(h, h.caller, id).state == ImageState::kAvailable);
  expect_ok(find_launchable_image(h.world, h.caller, id.str()));
}

TEST_CASE("The image becomes available exactly when its last snapshot completes") {
  test::Harness h;
  const InstanceId instance = test::launch(h, h.caller);
  const ImageId id =
      expect_ok(create_image(h.world, h.caller, test::create_request(instance, "timed")));
  const Image& image = test::image_of(h, h.caller, id);
  TimeMs last = 0;
  for (const auto& m : image.mappings) {
    const Snapshot& s = h.world.region_of(h.caller).snapshots.at(*m.ebs->snapshot_id);
    last = std::max(last, s.completion_time);
  }
  REQUIRE(last > h.world.now());
  sim::advance_to(h.world, last - 1);
  CHECK(image.state == ImageState::kPending);
  sim::advance_to(h.world, last);
  CHECK(image.state == ImageState::kAvailable);
}

TEST_CASE("A disabled image is Unavailable to its owner and refused to former grantees") {
  test::Harness h;
  const ImageId id = test::registered_image(h, h.caller, "to-disable");
  expect_ok(test::share(h, h.caller, id, kOther));
  expect_ok(disable_image(h.world, h.caller, id));
  const Error e =
      expect_error(find_launchable_image(h.world, h.caller, id.str()), "InvalidAMIID.Unavailable");
  CHECK(e.message == "AMI " + id.str() + " is disabled, and cannot be run.");
  expect_error(find_launchable_image(h.world, h.as(kOther), id.str()), "AuthFailure");
}

TEST_CASE("A deregistered image is Unavailable for a while, then not found") {
  test::Harness h;
  const ImageId id = test::registered_image(h, h.caller, "to-deregister");
  expect_ok(deregister_image(h.world, h.caller, id));
  expect_error(find_launchable_image(h.world, h.caller, id.str()), "InvalidAMIID.Unavailable");
  h.advance(kDeregisteredImageVisibleMs);
  expect_error(find_launchable_image(h.world, h.caller, id.str()), "InvalidAMIID.NotFound");
}

TEST_CASE("Image names are 3-128 characters of the allowed set") {
  test::Harness h;
  const RegionState& r = h.world.region_of(h.caller);
  for (const std::string& ok : std::vector<std::string>{
           "abc", "My AMI (v1) [x86] it's@2026_a/b.c-d", std::string(128, 'n')})
    CHECK(check_image_name(r, h.caller.account, ok).ok());
  for (const std::string& bad :
       std::vector<std::string>{"ab", std::string(129, 'n'), "name!", "tab\tname", "ünï"}) {
    const Status s = check_image_name(r, h.caller.account, bad);
    REQUIRE_FALSE(s.ok());
    CHECK(s.error().name() == std::string("InvalidAMIName.Malformed"));
  }
}

TEST_CASE("An image name is unique per owner per Region, and free again after deregistration") {
  test::Harness h;
  const ImageId first = test::registered_image(h, h.caller, "golden");
  const Status dup = check_image_name(h.world.region_of(h.caller), h.caller.account, "golden");
  REQUIRE_FALSE(dup.ok());
  CHECK(dup.error().name() == std::string("InvalidAMIName.Duplicate"));
  CHECK(dup.error().message == "AMI name golden is already in use by AMI " + first.str());
  // Another account, or another Region, may use the same name.
  CHECK(check_image_name(h.world.region_of(h.caller), AccountId(kOther), "golden").ok());
  CHECK(check_image_name(h.world.region_of(h.in("eu-west-1")), h.caller.account, "golden").ok());
  expect_ok(deregister_image(h.world, h.caller, first));
  CHECK(check_image_name(h.world.region_of(h.caller), h.caller.account, "golden").ok());
}

TEST_CASE("ImageState names are the EC2 API's") {
  CHECK(to_string(ImageState::kPending) == "pending");
  CHECK(to_string(ImageState::kAvailable) == "available");
  CHECK(to_string(ImageState::kDeregistered) == "deregistered");
  CHECK(to_string(ImageState::kDisabled) == "disabled");
  CHECK(to_string(ImageState::kFailed) == "failed");
}
