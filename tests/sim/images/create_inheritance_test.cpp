// What CreateImage carries (sim/state/image.hpp): every trait of the instance's AMI (the
// instance's own copy, taken at launch, when that AMI is gone); of the AMI's own fields, none.
// Facts: aws-facts.md §3.3; UG23:enhanced-networking-ena.md ("The AMI inherits the enhanced
// networking enaSupport attribute from the instance").
#include "tests/sim/images/image_fixture.hpp"
#include "tests/sim/images/inheritance_fixture.hpp"
#include "tests/sim/instances/instance_test_helpers.hpp"

using namespace sim;
using test::expect_ok;

namespace {

// A running instance of an image of the caller's, and that image.
struct Launched {
  InstanceId instance;
  ImageId image;
};
Launched launched_from_own_image(test::Harness& h) {
  const ImageId image = test::registered_image(h, h.caller, "base");
  RunInstancesRequest r;
  r.image_id = image.str();
  r.instance_type = "t3.micro";
  const InstanceId instance = expect_ok(run_instances(h.world, h.caller, r)).instances.at(0)->id;
  h.settle();
  return {instance, image};
}

}  // namespace

TEST_CASE("An instance takes its AMI's traits at launch") {
  test::Harness h;
  const InstanceId id = test::launch(h, h.caller, "windows-2022-x86_64");
  const Image& ami = test::image_of(h, h.caller, h.catalogue_image("windows-2022-x86_64"));
  CHECK(test::instance(h, id).traits == ami.traits);
  CHECK_FALSE(test::instance(h, id).traits.billing_products->empty());
}

TEST_CASE("CreateImage carries every trait of the instance's AMI") {
  test::Harness h;
  const Launched l = launched_from_own_image(h);
  test::decorate(h.world.region_of(h.caller).images.at(l.image), h.world.now());
  const ImageId id =
      expect_ok(create_image(h.world, h.caller, test::create_request(l.instance, "baked")));
  CHECK(test::image_of(h, h.caller, id).traits == test::distinctive_traits());
}

TEST_CASE("CreateImage carries the instance's copy of the traits when its AMI is gone") {
  test::Harness h;
  const Launched l = launched_from_own_image(h);
  Instance& instance = test::instance(h, l.instance);
  instance.traits = test::distinctive_traits();
  instance.image_id = ImageId("ami-0000000000000dead");  // no such AMI in the Region
  const ImageId id =
      expect_ok(create_image(h.world, h.caller, test::create_request(l.instance, "orphan")));
  CHECK(test::image_of(h, h.caller, id).traits == test::distinctive_traits());
}

TEST_CASE("CreateImage takes the request's name and description and none of the AMI's own") {
  test::Harness h;
  const Launched l = launched_from_own_image(h);
  const Image& ami = h.world.region_of(h.caller).images.at(l.image);
  test::decorate(h.world.region_of(h.caller).images.at(l.image), h.world.now());
  CreateImageRequest r = test::create_request(l.instance, "baked");
  r.description = "baked from an instance";
  const Image& made = test::image_of(h, h.caller, expect_ok(create_image(h.world, h.caller, r)));
  CHECK(made.name == "baked");
  CHECK(made.description == "baked from an instance");
  CHECK(made.owner == h.caller.account);
  CHECK(made.image_location() == h.caller.account.str() + "/baked");
  CHECK(made.creation == h.world.now());
  CHECK(made.source_instance_id == l.instance);
  CHECK(made.tags->empty());  // only the request's TagSpecifications tag it
  test::check_own_lifecycle(made, ami);
}

TEST_CASE("CreateImage records the instance's AMI as its source image") {
  test::Harness h;
  const Launched l = launched_from_own_image(h);
  const Image& made = test::image_of(
      h, h.caller,
      expect_ok(create_image(h.world, h.caller, test::create_request(l.instance, "baked"))));
  CHECK(made.source_image_id == l.image);
  CHECK(made.source_image_region == h.caller.region);
  CHECK(made.source_instance_id == l.instance);
}
