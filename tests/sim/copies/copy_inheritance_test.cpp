// What CopyImage carries of its source (sim/state/image.hpp): every trait; of the source's own
// fields, none. Facts: aws-facts.md §4, UG23:CopyingAMIs.md ("an identical but distinct target
// AMI"; launch permissions, user-defined tags and S3 bucket permissions are not copied).
#include <catch2/catch.hpp>

#include "sim/copies/copies.hpp"
#include "tests/sim/images/image_fixture.hpp"
#include "tests/sim/images/inheritance_fixture.hpp"

using namespace sim;
using test::expect_ok;

namespace {

using test::kWest;

// An available image of the caller's, decorated (test::decorate).
const Image& decorated_image(test::Harness& h, const std::string& name) {
  const ImageId id = test::registered_image(h, h.caller, name);
  Image& image = h.world.region_of(h.caller).images.at(id);
  test::decorate(image, h.world.now());
  return image;
}

CopyImageRequest copy_request(const Image& source, const std::string& name) {
  CopyImageRequest r;
  r.source_region = source.region;
  r.source_image_id = source.id;
  r.name = name;
  return r;
}

}  // namespace

TEST_CASE("CopyImage carries every trait of its source, free-tier eligibility included") {
  test::Harness h;
  const Image& source = decorated_image(h, "decorated");
  const Caller west = h.in(kWest.str());
  const ImageId id = expect_ok(copy_image(h.world, west, copy_request(source, "decorated-copy")));
  CHECK(test::image_of(h, west, id).traits == test::distinctive_traits());
  CHECK(test::image_of(h, west, id).traits.free_tier_eligible);
}

TEST_CASE("A same-Region CopyImage carries every trait too") {
  test::Harness h;
  const Image& source = decorated_image(h, "decorated");
  const ImageId id =
      expect_ok(copy_image(h.world, h.caller, copy_request(source, "decorated-copy")));
  CHECK(test::image_of(h, h.caller, id).traits == source.traits);
}

TEST_CASE("CopyImage takes the request's name and description and none of the source's own") {
  test::Harness h;
  const Image& source = decorated_image(h, "decorated");
  const Caller west = h.in(kWest.str());
  CopyImageRequest r = copy_request(source, "decorated-copy");
  SECTION("with a description") {
    r.description = "the copy's description";
    const Image& copy = test::image_of(h, west, expect_ok(copy_image(h.world, west, r)));
    CHECK(copy.description == "the copy's description");
  }
  SECTION("without one") {
    const Image& copy = test::image_of(h, west, expect_ok(copy_image(h.world, west, r)));
    CHECK(copy.description.empty());
    CHECK(copy.name == "decorated-copy");
    CHECK(copy.region == kWest);
    CHECK(copy.owner == h.caller.account);
    CHECK(copy.image_location() == h.caller.account.str() + "/decorated-copy");
    CHECK(copy.creation == h.world.now());
    CHECK(copy.tags->empty());  // CopyImageTags not asked for
    CHECK(copy.source_image_id == source.id);
    CHECK(copy.source_image_region == source.region);
    CHECK(copy.source_instance_id->empty());
    test::check_own_lifecycle(copy, source);
  }
}
