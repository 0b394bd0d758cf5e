// Allowed AMIs (sim/images/allowed_images.hpp): how criteria match, what `enabled` hides and
// refuses, what `audit-mode` only reports, and which criteria are refused. Facts: aws-facts.md §A.
#include "sim/images/allowed_images.hpp"

#include <string>
#include <vector>

#include "sim/copies/copies.hpp"
#include "sim/instances/instances.hpp"
#include "tests/sim/images/image_fixture.hpp"

using namespace sim;
using test::expect_error;
using test::expect_ok;

namespace {

const std::string kVendor = "210987654321";
const std::string kPartner = "333333333333";
constexpr TimeMs kNow = 1'800'000'000'000;

Image image(const std::string& owner, const std::string& name, TimeMs created = kNow) {
  Image i;
  i.owner = AccountId(owner);
  i.name = name;
  i.creation = created;
  return i;
}

ImageCriterion providers(std::vector<std::string> p) {
  ImageCriterion c;
  c.image_providers = std::move(p);
  return c;
}

ImageCriterion names(std::vector<std::string> n) {
  ImageCriterion c;
  c.image_names = std::move(n);
  return c;
}

// A public image of another account, registered in the caller's Region.
ImageId public_image(test::Harness& h, const Caller& owner, const std::string& name) {
  const ImageId id = test::registered_image(h, owner, name);
  expect_ok(test::make_public(h, owner, id));
  return id;
}

std::vector<ImageId> listed(test::Harness& h, const Caller& c, DescribeImagesRequest r = {}) {
  std::vector<ImageId> out;
  for (const Image* i : expect_ok(describe_images(h.world, c, r)).images) out.push_back(i->id);
  return out;
}

bool contains(const std::vector<ImageId>& ids, const ImageId& id) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

Result<RunInstancesResult> run(test::Harness& h, const std::string& image_id) {
  RunInstancesRequest r;
  r.image_id = image_id;
  r.instance_type = "t3.micro";
  return run_instances(h.world, h.caller, r);
}

}  // namespace

// --- matching ----------------------------------------------------------------------------------

TEST_CASE("An image matches a criterion only when it matches every parameter given") {
  ImageCriterion c = providers({kVendor});
  c.image_names = {"golden-*"};
  CHECK(criterion_matches(c, image(kVendor, "golden-2026"), kNow));
  CHECK_FALSE(criterion_matches(c, image(kVendor, "scratch"), kNow));       // name fails
  CHECK_FALSE(criterion_matches(c, image(kPartner, "golden-2026"), kNow));  // provider fails
}

TEST_CASE("An image meets the criteria when it matches any one criterion") {
  const std::vector<ImageCriterion> criteria = {providers({kVendor}), names({"base-*"})};
  const AccountId me("123456789012");
  CHECK(meets_image_criteria(criteria, image(kVendor, "anything"), me, kNow));
  CHECK(meets_image_criteria(criteria, image(kPartner, "base-1"), me, kNow));
  CHECK_FALSE(meets_image_criteria(criteria, image(kPartner, "other"), me, kNow));
  CHECK_FALSE(meets_image_criteria({}, image(kPartner, "base-1"), me, kNow));
}

TEST_CASE("The account's own images always meet the criteria, even none") {
  const AccountId me("123456789012");
  CHECK(meets_image_criteria({}, image(me.str(), "x"), me, kNow));
  CHECK(meets_image_criteria({providers({"none"})}, image(me.str(), "x"), me, kNow));
  CHECK_FALSE(meets_image_criteria({providers({"none"})}, image(kVendor, "x"), me, kNow));
}

TEST_CASE("Provider aliases match the owner alias, account IDs the owner") {
  Image amazon = image("137112412989", "al2023");
  amazon.owner_alias = "amazon";
  Image market = image("679593333241", "hardened");
  market.owner_alias = "aws-marketplace";
  CHECK(criterion_matches(providers({"amazon"}), amazon, kNow));
  CHECK_FALSE(criterion_matches(providers({"amazon"}), market, kNow));
  CHECK(criterion_matches(providers({"aws-marketplace"}), market, kNow));
  CHECK_FALSE(criterion_matches(providers({"aws-backup-vault"}), amazon, kNow));
  CHECK(criterion_matches(providers({kVendor, "137112412989"}), amazon, kNow));
}

TEST_CASE("Image names match with the * and ? wildcards, case-sensitively") {
  const Image i = image(kVendor, "golden-ami-2026.1");
  CHECK(criterion_matches(names({"golden-ami-*"}), i, kNow));
  CHECK(criterion_matches(names({"golden-ami-2026.?"}), i, kNow));
  CHECK(criterion_matches(names({"nope", "golden-ami-2026.1"}), i, kNow));
  CHECK_FALSE(criterion_matches(names({"Golden-*"}), i, kNow));
  CHECK_FALSE(criterion_matches(names({"golden"}), i, kNow));
}

TEST_CASE("Marketplace product codes match any of the image's codes") {
  Image i = image(kVendor, "app");
  i.traits.product_codes = std::vector<ProductCode>{{"abcdefg1234567890", "marketplace"}};
  ImageCriterion c;
  c.marketplace_product_codes = {"zzz", "abcdefg1234567890"};
  CHECK(criterion_matches(c, i, kNow));
  c.marketplace_product_codes = {"zzz"};
  CHECK_FALSE(criterion_matches(c, i, kNow));
  CHECK_FALSE(criterion_matches(c, image(kVendor, "no-codes"), kNow));
}

TEST_CASE("CreationDateCondition allows images created less than N days ago") {
  ImageCriterion c;
  c.max_days_since_created = 300;
  CHECK(criterion_matches(c, image(kVendor, "new", kNow - 299 * kDayMs), kNow));
  CHECK_FALSE(criterion_matches(c, image(kVendor, "old", kNow - 300 * kDayMs), kNow));
}

TEST_CASE("DeprecationTimeCondition 0 excludes every deprecated image, N allows N days") {
  Image i = image(kVendor, "aging");
  ImageCriterion zero;
  zero.max_days_since_deprecated = 0;
  ImageCriterion week;
  week.max_days_since_deprecated = 7;
  CHECK(criterion_matches(zero, i, kNow));  // never deprecated
  i.deprecation_time = kNow + kDayMs;       // deprecated tomorrow: not yet
  CHECK(criterion_matches(zero, i, kNow));
  i.deprecation_time = kNow - kMinuteMs;
  CHECK_FALSE(criterion_matches(zero, i, kNow));
  CHECK(criterion_matches(week, i, kNow));
  i.deprecation_time = kNow - 7 * kDayMs;
  CHECK_FALSE(criterion_matches(week, i, kNow));
}

// --- validation --------------------------------------------------------------------------------

TEST_CASE("Criteria beyond the documented limits are refused with InvalidParameterValue") {
  CHECK(check_image_criteria(std::vector<ImageCriterion>(kMaxImageCriteria, names({"a"}))).ok());
  expect_error(
      check_image_criteria(std::vector<ImageCriterion>(kMaxImageCriteria + 1, names({"a"}))),
      "InvalidParameterValue");
  expect_error(check_image_criteria({providers(std::vector<std::string>(201, kVendor))}),
               "InvalidParameterValue");
  CHECK(check_image_criteria({providers(std::vector<std::string>(200, kVendor))}).ok());
  expect_error(check_image_criteria({names(std::vector<std::string>(51, "a*"))}),
               "InvalidParameterValue");
  ImageCriterion codes;
  codes.marketplace_product_codes = std::vector<std::string>(51, "abc");
  expect_error(check_image_criteria({codes}), "InvalidParameterValue");
}

TEST_CASE("Values outside the documented rules are refused") {
  for (const std::string p : {"amazonx", "12345678901", "self", ""}) {
    INFO(p);
    expect_error(check_image_criteria({providers({p})}), "InvalidParameterValue");
  }
  expect_error(check_image_criteria({providers({"none", kVendor})}), "InvalidParameterCombination");
  for (const std::string& n :
       std::vector<std::string>{"", "a,b", "a?", std::string(129, 'a'), "x\\y"}) {
    INFO(n);
    expect_error(check_image_criteria({names({n})}), "InvalidParameterValue");
  }
  CHECK(check_image_criteria({names({"a?b", "(x) [y] ./-'@_ *", std::string(128, 'a')})}).ok());
  ImageCriterion code;
  code.marketplace_product_codes = {std::string(26, 'a')};
  expect_error(check_image_criteria({code}), "InvalidParameterValue");
  code.marketplace_product_codes = {"abc-def"};
  expect_error(check_image_criteria({code}), "InvalidParameterValue");
  ImageCriterion days;
  days.max_days_since_created = -1;
  expect_error(check_image_criteria({days}), "InvalidParameterValue");
  expect_error(check_image_criteria({ImageCriterion{}}), "InvalidParameterValue");
}

TEST_CASE("A refused ReplaceImageCriteria leaves the criteria as they were") {
  test::Harness h;
  expect_ok(replace_image_criteria(h.world, h.caller, {providers({kVendor})}));
  expect_error(replace_image_criteria(h.world, h.caller, {providers({"bogus"})}),
               "InvalidParameterValue");
  expect_error(replace_image_criteria(h.world, h.caller, {providers({kPartner})}, true),
               "DryRunOperation");
  const auto& s = allowed_images_settings(h.world, h.caller.account, h.caller.region);
  REQUIRE(s.criteria.size() == 1);
  CHECK(s.criteria[0] == providers({kVendor}));
}

TEST_CASE("EnableAllowedImagesSettings takes enabled or audit-mode only") {
  test::Harness h;
  for (const std::string bad : {"disabled", "Enabled", "", "audit"}) {
    INFO(bad);
    expect_error(enable_allowed_images_settings(h.world, h.caller, bad), "InvalidParameterValue");
  }
  expect_error(enable_allowed_images_settings(h.world, h.caller, "enabled", true),
               "DryRunOperation");
  CHECK(allowed_images_settings(h.world, h.caller.account, h.caller.region).state ==
        AllowedImagesState::kDisabled);
  CHECK(expect_ok(enable_allowed_images_settings(h.world, h.caller, "audit-mode")) == "audit-mode");
  CHECK(expect_ok(enable_allowed_images_settings(h.world, h.caller, "enabled")) == "enabled");
  CHECK(expect_ok(disable_allowed_images_settings(h.world, h.caller)) == "disabled");
}

// --- what the state does -----------------------------------------------------------------------

TEST_CASE("Enabled hides images outside the criteria from DescribeImages and refuses launches") {
  test::Harness h;
  const Caller vendor = h.as(kVendor);
  const Caller partner = h.as(kPartner);
  const ImageId trusted = public_image(h, vendor, "trusted");
  const ImageId stranger = public_image(h, partner, "stranger");
  const ImageId mine = test::registered_image(h, h.caller, "mine");
  h.settle();
  expect_ok(replace_image_criteria(h.world, h.caller, {providers({kVendor})}));
  expect_ok(enable_allowed_images_settings(h.world, h.caller, "enabled"));

  const auto ids = listed(h, h.caller);
  CHECK(contains(ids, trusted));
  CHECK(contains(ids, mine));
  CHECK_FALSE(contains(ids, stranger));
  CHECK_FALSE(contains(ids, h.catalogue_image("al2023-x86_64")));
  DescribeImagesRequest by_id;
  by_id.image_ids = {stranger};
  expect_error(describe_images(h.world, h.caller, by_id), "InvalidAMIID.NotFound");

  expect_error(run(h, stranger.str()), "InvalidAMIID.NotFound");
  expect_error(run(h, h.catalogue_image("al2023-x86_64").str()), "InvalidAMIID.NotFound");
  expect_ok(run(h, trusted.str()));
  expect_ok(run(h, mine.str()));
  // The other account, and this account in another Region, are not restricted.
  CHECK(contains(listed(h, vendor), stranger));
  expect_ok(run_instances(h.world, h.in("eu-west-1"), [&] {
    RunInstancesRequest r;
    r.image_id = h.catalogue_image("al2023-x86_64", "eu-west-1").str();
    r.instance_type = "t3.micro";
    return r;
  }()));
}

TEST_CASE("Audit mode restricts nothing and reports ImageAllowed") {
  test::Harness h;
  const Caller partner = h.as(kPartner);
  const ImageId stranger = public_image(h, partner, "stranger");
  const ImageId mine = test::registered_image(h, h.caller, "mine");
  h.settle();
  const Image& s = test::image_of(h, h.caller, stranger);
  CHECK_FALSE(image_allowed(h.world, h.caller.account, s).has_value());  // disabled: not reported
  expect_ok(replace_image_criteria(h.world, h.caller, {providers({"amazon"})}));
  expect_ok(enable_allowed_images_settings(h.world, h.caller, "audit-mode"));
  CHECK(image_allowed(h.world, h.caller.account, s) == false);
  CHECK(image_allowed(h.world, h.caller.account, test::image_of(h, h.caller, mine)) == true);
  CHECK(image_allowed(h.world, h.caller.account,
                      test::image_of(h, h.caller, h.catalogue_image("al2023-x86_64"))) == true);
  CHECK(contains(listed(h, h.caller), stranger));
  expect_ok(run(h, stranger.str()));

  DescribeImagesRequest not_allowed;
  not_allowed.filters = {Filter{"image-allowed", {"false"}}};
  const auto ids = listed(h, h.caller, not_allowed);
  CHECK(contains(ids, stranger));
  CHECK_FALSE(contains(ids, mine));
  CHECK_FALSE(contains(ids, h.catalogue_image("al2023-x86_64")));
}

TEST_CASE("CopyImage of an image outside the criteria in its Region is InvalidAMIID.NotFound") {
  test::Harness h;
  const Caller west = h.in("us-west-2");
  CopyImageRequest r;
  r.source_region = h.caller.region;
  r.source_image_id = h.catalogue_image("al2023-x86_64");
  r.name = "copy";
  // The destination's setting does not judge the source [?]: it is discovered in its Region.
  expect_ok(enable_allowed_images_settings(h.world, west, "enabled"));
  expect_ok(copy_image(h.world, west, r));
  expect_ok(enable_allowed_images_settings(h.world, h.caller, "enabled"));
  r.name = "copy-2";
  expect_error(copy_image(h.world, west, r), "InvalidAMIID.NotFound");
  expect_ok(replace_image_criteria(h.world, h.caller, {providers({"amazon"})}));
  expect_ok(copy_image(h.world, west, r));
}

TEST_CASE("Disabling lifts every restriction and keeps the criteria") {
  test::Harness h;
  const ImageId al2023 = h.catalogue_image("al2023-x86_64");
  expect_ok(replace_image_criteria(h.world, h.caller, {providers({kVendor})}));
  expect_ok(enable_allowed_images_settings(h.world, h.caller, "enabled"));
  expect_error(run(h, al2023.str()), "InvalidAMIID.NotFound");
  expect_ok(disable_allowed_images_settings(h.world, h.caller));
  expect_ok(run(h, al2023.str()));
  CHECK(allowed_images_settings(h.world, h.caller.account, h.caller.region).criteria.size() == 1);
}

TEST_CASE("The state digest covers the Allowed AMIs setting and its criteria") {
  test::Harness a;
  test::Harness b;
  const std::string start = a.world.digest();
  expect_ok(enable_allowed_images_settings(a.world, a.caller, "audit-mode"));
  const std::string audit = a.world.digest();
  CHECK(audit != start);
  expect_ok(replace_image_criteria(a.world, a.caller, {providers({kVendor})}));
  CHECK(a.world.digest() != audit);
  // The same calls give the same digest; other criteria another.
  expect_ok(enable_allowed_images_settings(b.world, b.caller, "audit-mode"));
  expect_ok(replace_image_criteria(b.world, b.caller, {providers({kVendor})}));
  CHECK(a.world.digest() == b.world.digest());
  expect_ok(replace_image_criteria(b.world, b.caller, {providers({kPartner})}));
  CHECK(a.world.digest() != b.world.digest());
}
