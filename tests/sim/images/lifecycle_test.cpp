// Enable/DisableImageDeprecation and Enable/DisableImage.
#include "tests/sim/images/image_fixture.hpp"

using namespace sim;
using test::expect_error;
using test::expect_ok;

namespace {
using test::kOther;
}

TEST_CASE("EnableImageDeprecation rounds to the nearest minute") {
  test::Harness h;
  const ImageId id = test::registered_image(h, h.caller, "deprecate");
  const TimeMs base = (h.world.now() / kMinuteMs + 24 * 60) * kMinuteMs;  // a whole minute
  expect_ok(enable_image_deprecation(h.world, h.caller, id, base + 29 * kSecondMs));
  CHECK(test::image_of(h, h.caller, id).deprecation_time == base);
  expect_ok(enable_image_deprecation(h.world, h.caller, id, base + 30 * kSecondMs));
  CHECK(test::image_of(h, h.caller, id).deprecation_time == base + kMinuteMs);
}

TEST_CASE("EnableImageDeprecation refuses past dates and dates beyond 10 years") {
  test::Harness h;
  const ImageId id = test::registered_image(h, h.caller, "deprecate-bounds");
  expect_error(
      Result<int>(enable_image_deprecation(h.world, h.caller, id, h.world.now() - kHourMs).error()),
      "InvalidParameterValue");
  expect_error(
      Result<int>(
          enable_image_deprecation(h.world, h.caller, id, h.world.now() + 3700 * kDayMs).error()),
      "InvalidParameterValue");
  expect_ok(enable_image_deprecation(h.world, h.caller, id, h.world.now() + 3600 * kDayMs));
  // A public image: at most 2 years after its creation.
  expect_ok(disable_image_deprecation(h.world, h.caller, id));
  expect_ok(test::make_public(h, h.caller, id));
  CHECK_FALSE(enable_image_deprecation(h.world, h.caller, id, h.world.now() + 800 * kDayMs).ok());
  expect_ok(enable_image_deprecation(h.world, h.caller, id, h.world.now() + 700 * kDayMs));
}

TEST_CASE("A deprecated image is still launchable, and DisableImageDeprecation cancels it") {
  test::Harness h;
  const ImageId id = test::registered_image(h, h.caller, "old-but-ok");
  expect_ok(enable_image_deprecation(h.world, h.caller, id, h.world.now() + kMinuteMs));
  h.advance(kHourMs);
  CHECK(is_deprecated(test::image_of(h, h.caller, id), h.world.now()));
  expect_ok(find_launchable_image(h.world, h.caller, id.str()));
  expect_ok(disable_image_deprecation(h.world, h.caller, id));
  CHECK_FALSE(is_deprecated(test::image_of(h, h.caller, id), h.world.now()));
}

TEST_CASE("DisableImage removes every launch permission, EnableImage does not restore them") {
  test::Harness h;
  const ImageId id = test::registered_image(h, h.caller, "disable-me");
  expect_ok(test::share(h, h.caller, id, kOther));
  expect_ok(test::make_public(h, h.caller, id));
  expect_ok(disable_image(h.world, h.caller, id));
  const Image& image = test::image_of(h, h.caller, id);
  CHECK(image.state == ImageState::kDisabled);
  CHECK_FALSE(image.is_public);
  CHECK(image.launch_permissions->empty());
  expect_ok(disable_image(h.world, h.caller, id));  // idempotent
  expect_ok(enable_image(h.world, h.caller, id));
  CHECK(image.state == ImageState::kAvailable);
  CHECK_FALSE(image.is_public);
  CHECK(image.launch_permissions->empty());
  expect_error(find_launchable_image(h.world, h.as(kOther), id.str()), "AuthFailure");
}

TEST_CASE("A disabled image's snapshots still cannot be deleted") {
  test::Harness h;
  const ImageId id = test::registered_image(h, h.caller, "disabled-snaps");
  expect_ok(disable_image(h.world, h.caller, id));
  const SnapshotId snap = *test::image_of(h, h.caller, id).mappings.at(0).ebs->snapshot_id;
  const Status s = delete_snapshot(h.world, h.caller, snap);
  REQUIRE_FALSE(s.ok());
  CHECK(s.error().name() == std::string("InvalidSnapshot.InUse"));
}

TEST_CASE("DisableImage and EnableImage are the owner's, and only for available images") {
  test::Harness h;
  const ImageId id = test::registered_image(h, h.caller, "owner-only");
  expect_ok(test::make_public(h, h.caller, id));
  expect_error(Result<int>(disable_image(h.world, h.as(kOther), id).error()), "AuthFailure");
  const InstanceId instance = test::launch(h, h.caller);
  const ImageId pending =
      expect_ok(create_image(h.world, h.caller, test::create_request(instance, "still-pending")));
  expect_error(Result<int>(disable_image(h.world, h.caller, pending).error()), "IncorrectState");
}
