// DeregisterImage and deregistration protection.
#include "tests/sim/images/image_fixture.hpp"

using namespace sim;
using test::expect_error;
using test::expect_ok;

namespace {

using test::kOther;

bool snapshot_exists(test::Harness& h, const SnapshotId& id) {
  return h.world.region_of(h.caller).snapshots.count(id) != 0;
}

SnapshotId root_snapshot(test::Harness& h, const ImageId& id) {
  return *test::image_of(h, h.caller, id).mappings.at(0).ebs->snapshot_id;
}

}  // namespace

TEST_CASE("DeregisterImage keeps the image's snapshots by default") {
  test::Harness h;
  const ImageId id = test::own_image(h, h.caller, "keep-snaps");
  const SnapshotId snap = root_snapshot(h, id);
  const auto result = expect_ok(deregister_image(h.world, h.caller, id));
  CHECK(result.deleted_snapshots.empty());
  CHECK(snapshot_exists(h, snap));
  CHECK(test::image_of(h, h.caller, id).state == ImageState::kDeregistered);
}

TEST_CASE("DeregisterImage with DeleteAssociatedSnapshots deletes them, skipping shared ones") {
  test::Harness h;
  const SnapshotId shared = test::own_snapshot(h, h.caller);
  const SnapshotId own = test::own_snapshot(h, h.caller);
  RegisterImageRequest r = test::register_request("two-snaps", shared);
  EbsBlockDevice data;
  data.snapshot_id = own;
  r.block_device_mappings.push_back(BlockDeviceMapping{"/dev/sdf", data, "", false});
  const ImageId id = expect_ok(register_image(h.world, h.caller, r));
  const ImageId other =
      expect_ok(register_image(h.world, h.caller, test::register_request("other", shared)));

  const auto result = expect_ok(deregister_image(h.world, h.caller, id, true));
  REQUIRE(result.deleted_snapshots.size() == 2);
  CHECK(result.deleted_snapshots[0].snapshot_id == shared);
  CHECK(result.deleted_snapshots[0].return_code == "skipped");
  CHECK(result.deleted_snapshots[1].snapshot_id == own);
  CHECK(result.deleted_snapshots[1].return_code == "success");
  CHECK(snapshot_exists(h, shared));
  CHECK_FALSE(snapshot_exists(h, own));
  CHECK(test::image_of(h, h.caller, other).state == ImageState::kAvailable);
}

TEST_CASE("Only the owner may deregister an image") {
  test::Harness h;
  const ImageId id = test::registered_image(h, h.caller, "owned");
  expect_ok(test::make_public(h, h.caller, id));
  const Error e = expect_error(deregister_image(h.world, h.as(kOther), id), "AuthFailure");
  CHECK(e.message == "Not authorized for image:" + id.str());
  expect_error(deregister_image(h.world, h.caller, h.catalogue_image("al2023-x86_64")),
               "AuthFailure");
  expect_error(deregister_image(h.world, h.caller, ImageId("ami-0123456789abcdef0")),
               "InvalidAMIID.NotFound");
  expect_error(deregister_image(h.world, h.caller, ImageId("ami-x")), "InvalidAMIID.Malformed");
}

TEST_CASE("Deregistering twice answers InvalidAMIID.Unavailable, later NotFound") {
  test::Harness h;
  const ImageId id = test::registered_image(h, h.caller, "twice");
  expect_ok(deregister_image(h.world, h.caller, id));
  expect_error(deregister_image(h.world, h.caller, id), "InvalidAMIID.Unavailable");
  h.advance(kDeregisteredImageVisibleMs);
  expect_error(deregister_image(h.world, h.caller, id), "InvalidAMIID.NotFound");
}

TEST_CASE("DeregisterImage with DryRun leaves the image registered") {
  test::Harness h;
  const ImageId id = test::registered_image(h, h.caller, "dry");
  expect_error(deregister_image(h.world, h.caller, id, false, true), "DryRunOperation");
  CHECK(test::image_of(h, h.caller, id).state == ImageState::kAvailable);
}

TEST_CASE("Deregistration protection refuses deregistration while enabled") {
  test::Harness h;
  const ImageId id = test::registered_image(h, h.caller, "protected");
  CHECK(deregistration_protection_text(test::image_of(h, h.caller, id), h.world.now()) ==
        "disabled");
  CHECK(expect_ok(enable_image_deregistration_protection(h.world, h.caller, id, false)) ==
        "enabled-without-cooldown");
  const Error e = expect_error(deregister_image(h.world, h.caller, id), "OperationNotPermitted");
  CHECK(e.message.find(id.str()) != std::string::npos);
  CHECK(expect_ok(disable_image_deregistration_protection(h.world, h.caller, id)) == "disabled");
  expect_ok(deregister_image(h.world, h.caller, id));
}

TEST_CASE("Protection with cooldown holds for 24 hours after it is disabled") {
  test::Harness h;
  const ImageId id = test::registered_image(h, h.caller, "cooldown");
  CHECK(expect_ok(enable_image_deregistration_protection(h.world, h.caller, id, true)) ==
        "enabled-with-cooldown");
  const TimeMs disabled_at = h.world.now();
  const std::string text =
      expect_ok(disable_image_deregistration_protection(h.world, h.caller, id));
  CHECK(text == "disabled after " + format_iso8601(disabled_at + 24 * kHourMs));
  expect_error(deregister_image(h.world, h.caller, id), "OperationNotPermitted");
  h.advance(24 * kHourMs - 1);
  expect_error(deregister_image(h.world, h.caller, id), "OperationNotPermitted");
  h.advance(1);
  CHECK(deregistration_protection_text(test::image_of(h, h.caller, id), h.world.now()) ==
        "disabled");
  expect_ok(deregister_image(h.world, h.caller, id));
}

TEST_CASE("Only the owner may change deregistration protection") {
  test::Harness h;
  const ImageId id = test::registered_image(h, h.caller, "theirs-to-protect");
  expect_ok(test::share(h, h.caller, id, kOther));
  expect_error(enable_image_deregistration_protection(h.world, h.as(kOther), id, false),
               "AuthFailure");
  expect_error(disable_image_deregistration_protection(h.world, h.as(kOther), id), "AuthFailure");
}
