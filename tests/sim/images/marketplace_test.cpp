// AWS Marketplace products in the model: fixture products and their AMIs, subscriptions, and the
// RunInstances / CreateImage / CopyImage / ModifyImageAttribute rules (sim/images/marketplace.hpp).
#include "sim/images/marketplace.hpp"

#include <catch2/catch.hpp>
#include <set>

#include "sim/copies/copies.hpp"
#include "sim/images/images.hpp"
#include "tests/sim/instances/instance_test_helpers.hpp"

namespace {

const sim::MarketplaceProduct& product(const test::Harness& h, std::size_t i = 0) {
  REQUIRE(h.world.fixtures().marketplace.size() > i);
  return h.world.fixtures().marketplace[i];
}

// An instance type of the image's architecture that the product does not list.
std::string unsupported_type(const test::Harness& h, const sim::MarketplaceProduct& p,
                             const std::string& arch) {
  for (const auto& [name, info] : h.world.fixtures().instance_types) {
    bool arch_ok = std::find(info.architectures.begin(), info.architectures.end(), arch) !=
                   info.architectures.end();
    if (arch_ok && !p.supports(name)) return name;
  }
  FAIL("every instance type of " << arch << " is supported");
  return "";
}

// A Region of the fixtures where the product is not offered.
sim::RegionName unoffered_region(const test::Harness& h, const sim::MarketplaceProduct& p) {
  for (const auto& r : h.world.fixtures().regions)
    if (!p.offered_in(r.name)) return r.name;
  FAIL("the product is offered everywhere");
  return {};
}

sim::RunInstancesRequest product_request(const sim::MarketplaceProduct& p,
                                         const sim::RegionName& region) {
  sim::RunInstancesRequest r;
  r.image_id = p.images.at(region).str();
  r.instance_type = p.instance_types.at(0);
  return r;
}

sim::ImageId image_from(test::Harness& h, const sim::InstanceId& id, const std::string& name) {
  h.settle();
  sim::CreateImageRequest c;
  c.instance_id = id;
  c.name = name;
  c.no_reboot = true;
  sim::ImageId image = test::expect_ok(sim::create_image(h.world, h.caller, c));
  h.settle();
  return image;
}

void share(test::Harness& h, const sim::ImageId& image, const sim::AccountId& with) {
  sim::ModifyImageAttributeRequest m;
  m.image_id = image;
  m.attribute = "launchPermission";
  m.launch_permission.add_users = {with};
  test::expect_ok(sim::modify_image_attribute(h.world, h.caller, m));
}

}  // namespace

TEST_CASE(
    "Marketplace fixtures: coded products offered in some Regions, AMIs public and owned "
    "by aws-marketplace") {
  test::Harness h;
  const auto& fx = h.world.fixtures();
  REQUIRE(fx.marketplace.size() >= 3);
  std::set<std::string> all_ids;
  for (const auto& image : fx.images) CHECK(all_ids.insert(image.id.str()).second);
  for (const auto& p : fx.marketplace) {
    INFO(p.code);
    CHECK(p.code.size() == 25);
    CHECK(p.code.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789") == std::string::npos);
    CHECK(p.owner.str() == "679593333241");
    CHECK(!p.instance_types.empty());
    CHECK(!p.images.empty());
    CHECK(p.images.size() < fx.regions.size());
    for (const auto& t : p.instance_types) CHECK(fx.find_instance_type(t) != nullptr);
    for (const auto& [region, id] : p.images) {
      const sim::Image& image = h.world.region(region)->images.at(id);
      CHECK(image.is_public);
      CHECK(image.owner == p.owner);
      CHECK(image.owner_alias == "aws-marketplace");
      REQUIRE(image.traits.product_codes->size() == 1);
      CHECK(image.traits.product_codes->at(0).code == p.code);
      CHECK(image.traits.product_codes->at(0).type == "marketplace");
    }
  }
  CHECK(h.world.owner_alias(sim::AccountId{"679593333241"}) == "aws-marketplace");
}

TEST_CASE("RunInstances of a Marketplace AMI needs the calling account's subscription") {
  test::Harness h;
  const auto& p = product(h);
  const auto request = product_request(p, h.caller.region);
  auto denied = sim::run_instances(h.world, h.caller, request);
  REQUIRE_FALSE(denied.ok());
  CHECK(denied.error().name() == "OptInRequired");
  CHECK(denied.error().http_status() == 401);
  CHECK(denied.error().message ==
        "In order to use this AWS Marketplace product you need to accept terms and subscribe. To "
        "do so please visit https://aws.amazon.com/marketplace/pp?sku=" +
            p.code);

  // Another account's subscription does not count.
  test::expect_ok(sim::subscribe(h.world, sim::AccountId{"210987654321"}, p.code));
  CHECK(sim::run_instances(h.world, h.caller, request).error().name() == "OptInRequired");

  const std::string before = h.world.digest();
  test::expect_ok(sim::subscribe(h.world, h.caller.account, p.code));
  CHECK(h.world.digest() != before);
  CHECK(sim::is_subscribed(h.world, h.caller.account, p.code));
  test::launch(h, request);

  test::expect_ok(sim::unsubscribe(h.world, h.caller.account, p.code));
  CHECK_FALSE(sim::is_subscribed(h.world, h.caller.account, p.code));
  CHECK(sim::run_instances(h.world, h.caller, request).error().name() == "OptInRequired");

  auto unknown = sim::subscribe(h.world, h.caller.account, "nosuchproduct0000000000000");
  REQUIRE_FALSE(unknown.ok());
  CHECK(unknown.error().name() == "InvalidParameterValue");
}

TEST_CASE(
    "RunInstances of a Marketplace AMI with an instance type the product does not support "
    "fails with UnsupportedOperation") {
  test::Harness h;
  const auto& p = product(h);
  test::expect_ok(sim::subscribe(h.world, h.caller.account, p.code));
  auto request = product_request(p, h.caller.region);
  const sim::Image& image = h.world.region_of(h.caller).images.at(sim::ImageId{request.image_id});
  request.instance_type = unsupported_type(h, p, image.traits.architecture);
  auto r = sim::run_instances(h.world, h.caller, request);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().name() == "UnsupportedOperation");
  CHECK(r.error().message.find("AWS Marketplace product is not supported") != std::string::npos);
}

TEST_CASE(
    "An AMI made from a Marketplace instance keeps the product code: subscription needed, "
    "never public, shown by the product-code filter") {
  test::Harness h;
  const auto& p = product(h);
  test::expect_ok(sim::subscribe(h.world, h.caller.account, p.code));
  auto id = test::launch(h, product_request(p, h.caller.region));
  sim::ImageId derived = image_from(h, id, "derived");
  const sim::Image& image = h.world.region_of(h.caller).images.at(derived);
  REQUIRE(image.traits.product_codes->size() == 1);
  CHECK(image.traits.product_codes->at(0).code == p.code);

  sim::DescribeImagesRequest d;
  d.owners = {"self"};
  d.filters = {sim::Filter{"product-code", {p.code}}};
  auto found = test::expect_ok(sim::describe_images(h.world, h.caller, d));
  REQUIRE(found.images.size() == 1);
  CHECK(found.images[0]->id == derived);

  sim::ModifyImageAttributeRequest m;
  m.image_id = derived;
  m.attribute = "launchPermission";
  m.launch_permission.add_public = true;
  auto made_public = sim::modify_image_attribute(h.world, h.caller, m);
  REQUIRE_FALSE(made_public.ok());
  CHECK(made_public.error().name() == "InvalidParameterValue");
  CHECK_FALSE(h.world.region_of(h.caller).images.at(derived).is_public);

  // Shared with another account, the derived AMI still needs that account's subscription.
  sim::Caller other = h.as("210987654321");
  share(h, derived, other.account);
  sim::RunInstancesRequest r;
  r.image_id = derived.str();
  r.instance_type = p.instance_types.at(0);
  CHECK(sim::run_instances(h.world, other, r).error().name() == "OptInRequired");
  test::expect_ok(sim::subscribe(h.world, other.account, p.code));
  test::launch(h, r, &other);
}

TEST_CASE(
    "CopyImage: Marketplace AMIs never into another account, a same-account copy to a "
    "Region without the product cannot be launched") {
  test::Harness h;
  const auto& p = product(h);
  test::expect_ok(sim::subscribe(h.world, h.caller.account, p.code));

  sim::CopyImageRequest c;
  c.source_region = h.caller.region;
  c.source_image_id = p.images.at(h.caller.region);
  c.name = "copy";
  auto public_copy = sim::copy_image(h.world, h.caller, c);
  REQUIRE_FALSE(public_copy.ok());
  CHECK(public_copy.error().name() == "InvalidRequest");
  CHECK(public_copy.error().message ==
        "Images from AWS Marketplace cannot be copied to another AWS account.");

  auto id = test::launch(h, product_request(p, h.caller.region));
  sim::ImageId derived = image_from(h, id, "derived");
  sim::Caller other = h.as("210987654321");
  share(h, derived, other.account);
  c.source_image_id = derived;
  auto shared_copy = sim::copy_image(h.world, other, c);
  REQUIRE_FALSE(shared_copy.ok());
  CHECK(shared_copy.error().message ==
        "Images from AWS Marketplace cannot be copied to another AWS account.");

  const sim::RegionName elsewhere = unoffered_region(h, p);
  sim::Caller there = h.in(elsewhere.str());
  sim::ImageId copy = test::expect_ok(sim::copy_image(h.world, there, c));
  h.settle();
  const std::vector<sim::ProductCode>& codes =
      h.world.region(elsewhere)->images.at(copy).traits.product_codes;
  REQUIRE(codes.size() == 1);
  CHECK(codes[0].code == p.code);
  sim::RunInstancesRequest r;
  r.image_id = copy.str();
  r.instance_type = p.instance_types.at(0);
  auto launched = sim::run_instances(h.world, there, r);
  REQUIRE_FALSE(launched.ok());
  CHECK(launched.error().name() == "UnsupportedOperation");
}

TEST_CASE("CopyImage: an AMI with billing products shared from another account is refused") {
  test::Harness h;
  sim::RunInstancesRequest r;
  r.image_id = h.catalogue_image("windows-2022-x86_64").str();
  r.instance_type = "t3.micro";
  auto id = test::launch(h, r);
  sim::ImageId derived = image_from(h, id, "windows-gold");
  REQUIRE_FALSE(h.world.region_of(h.caller).images.at(derived).traits.billing_products->empty());
  sim::Caller other = h.as("210987654321");
  share(h, derived, other.account);
  sim::CopyImageRequest c;
  c.source_region = h.caller.region;
  c.source_image_id = derived;
  c.name = "copy";
  auto denied = sim::copy_image(h.world, other, c);
  REQUIRE_FALSE(denied.ok());
  CHECK(denied.error().name() == "InvalidRequest");
  CHECK(denied.error().message ==
        "Images with EC2 BillingProduct codes cannot be copied to another AWS account.");
  // The owner may copy its own.
  test::expect_ok(sim::copy_image(h.world, h.caller, c));
}
