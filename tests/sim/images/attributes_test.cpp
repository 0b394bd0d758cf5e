// Describe/Modify/ResetImageAttribute, CancelImageLaunchPermission.
#include "tests/sim/images/image_fixture.hpp"

using namespace sim;
using test::expect_error;
using test::expect_ok;

namespace {
using test::kOther;
using test::kThird;
}  // namespace

TEST_CASE("launchPermission adds and removes accounts and the public group") {
  test::Harness h;
  const ImageId id = test::registered_image(h, h.caller, "shared");
  expect_ok(test::share(h, h.caller, id, kOther));
  expect_ok(test::share(h, h.caller, id, kThird));
  expect_ok(test::make_public(h, h.caller, id));
  auto attr = expect_ok(describe_image_attribute(h.world, h.caller, id, "launchPermission"));
  CHECK(attr.launch_permission_users ==
        std::vector<AccountId>{AccountId(kOther), AccountId(kThird)});
  CHECK(attr.launch_permission_public);

  ModifyImageAttributeRequest r;
  r.image_id = id;
  r.launch_permission.remove_users = {AccountId(kOther)};
  r.launch_permission.remove_public = true;  // Attribute left empty: implied by the change
  expect_ok(modify_image_attribute(h.world, h.caller, r));
  attr = expect_ok(describe_image_attribute(h.world, h.caller, id, "launchPermission"));
  CHECK(attr.launch_permission_users == std::vector<AccountId>{AccountId(kThird)});
  CHECK_FALSE(attr.launch_permission_public);
}

TEST_CASE("launchPermission refuses an invalid account ID with InvalidAMIAttributeItemValue") {
  test::Harness h;
  const ImageId id = test::registered_image(h, h.caller, "bad-share");
  const Status s = test::share(h, h.caller, id, "1234");
  REQUIRE_FALSE(s.ok());
  CHECK(s.error().name() == std::string("InvalidAMIAttributeItemValue"));
  CHECK(test::image_of(h, h.caller, id).launch_permissions->empty());
}

TEST_CASE("Only the owner may modify an image or read who it is shared with") {
  test::Harness h;
  const ImageId id = test::registered_image(h, h.caller, "not-yours");
  expect_ok(test::share(h, h.caller, id, kOther));
  const Caller other = h.as(kOther);
  const Status s = test::share(h, other, id, kThird);
  REQUIRE_FALSE(s.ok());
  CHECK(s.error().name() == std::string("AuthFailure"));
  CHECK(s.error().message == "Not authorized for image:" + id.str());
  expect_error(describe_image_attribute(h.world, other, id, "launchPermission"), "AuthFailure");
  // Other attributes can be read by whoever can see the image.
  expect_ok(describe_image_attribute(h.world, other, id, "description"));
  expect_error(describe_image_attribute(h.world, h.as(kThird), id, "description"), "AuthFailure");
}

TEST_CASE("Images with product codes cannot be made public") {
  test::Harness h;
  const ImageId id = test::registered_image(h, h.caller, "marketplace");
  Image* image = find_image(h.world, h.caller, id);
  image->traits.product_codes.mut().push_back(ProductCode{"abc123", "marketplace"});
  const Status s = test::make_public(h, h.caller, id);
  REQUIRE_FALSE(s.ok());
  CHECK(s.error().name() == std::string("InvalidParameterValue"));
  expect_ok(test::share(h, h.caller, id, kOther));  // sharing with accounts is allowed
}

TEST_CASE("ModifyImageAttribute changes the description and imdsSupport") {
  test::Harness h;
  const ImageId id = test::registered_image(h, h.caller, "describe-me");
  ModifyImageAttributeRequest r;
  r.image_id = id;
  r.description = "new text";
  expect_ok(modify_image_attribute(h.world, h.caller, r));
  CHECK(expect_ok(describe_image_attribute(h.world, h.caller, id, "description")).description ==
        "new text");
  ModifyImageAttributeRequest imds;
  imds.image_id = id;
  imds.attribute = "imdsSupport";
  imds.imds_support = "v1.0";
  expect_error(Result<int>(modify_image_attribute(h.world, h.caller, imds).error()),
               "InvalidParameterValue");
  imds.imds_support = "v2.0";
  expect_ok(modify_image_attribute(h.world, h.caller, imds));
  CHECK(expect_ok(describe_image_attribute(h.world, h.caller, id, "imdsSupport")).imds_support ==
        "v2.0");
  ModifyImageAttributeRequest nothing;
  nothing.image_id = id;
  CHECK(modify_image_attribute(h.world, h.caller, nothing).error().name() ==
        std::string("MissingParameter"));
}

TEST_CASE("DescribeImageAttribute answers the attribute asked for and refuses unknown ones") {
  test::Harness h;
  const ImageId id = test::registered_image(h, h.caller, "attrs");
  const auto bdm = expect_ok(describe_image_attribute(h.world, h.caller, id, "blockDeviceMapping"));
  CHECK(bdm.block_device_mappings.size() == 1);
  CHECK(bdm.description.empty());
  expect_ok(enable_image_deregistration_protection(h.world, h.caller, id, true));
  CHECK(expect_ok(describe_image_attribute(h.world, h.caller, id, "deregistrationProtection"))
            .deregistration_protection == "enabled-with-cooldown");
  expect_error(describe_image_attribute(h.world, h.caller, id, "colour"), "InvalidParameterValue");
}

TEST_CASE("ResetImageAttribute resets launchPermission only") {
  test::Harness h;
  const ImageId id = test::registered_image(h, h.caller, "reset");
  expect_ok(test::share(h, h.caller, id, kOther));
  expect_ok(test::make_public(h, h.caller, id));
  CHECK(reset_image_attribute(h.world, h.caller, id, "description").error().name() ==
        std::string("InvalidParameterValue"));
  expect_ok(reset_image_attribute(h.world, h.caller, id, "launchPermission"));
  const Image& image = test::image_of(h, h.caller, id);
  CHECK(image.launch_permissions->empty());
  CHECK_FALSE(image.is_public);
}

TEST_CASE("CancelImageLaunchPermission removes the caller's own permission") {
  test::Harness h;
  const ImageId id = test::registered_image(h, h.caller, "cancel");
  expect_ok(test::share(h, h.caller, id, kOther));
  expect_ok(test::share(h, h.caller, id, kThird));
  const Caller other = h.as(kOther);
  expect_ok(cancel_image_launch_permission(h.world, other, id));
  CHECK(test::image_of(h, h.caller, id).launch_permissions ==
        std::set<AccountId>{AccountId(kThird)});
  expect_error(find_launchable_image(h.world, other, id.str()), "AuthFailure");
  const Status again = cancel_image_launch_permission(h.world, other, id);
  REQUIRE_FALSE(again.ok());
  CHECK(again.error().name() == std::string("AuthFailure"));
}
