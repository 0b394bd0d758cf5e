// sim/images/usage.hpp (lineage walk, what an image's lineage records) and the copy detection that
// lineage shares with sim/copies/copies.hpp, called directly. The handlers' behaviour is
// tests/api/ec2_image_usage_test.cpp's subject.
#include "sim/images/usage.hpp"

#include <catch2/catch.hpp>

#include "sim/copies/copies.hpp"
#include "tests/sim/images/image_fixture.hpp"
#include "tests/sim/s3/image_task_fixture.hpp"

using namespace sim;
using test::expect_error;
using test::expect_ok;

namespace {

// Puts a chain of `n` images of the caller's straight into the Region, each the source of the
// next: images[0] has no source.
std::vector<ImageId> chain_of(test::Harness& h, int n) {
  RegionState& region = h.world.region_of(h.caller);
  std::vector<ImageId> ids;
  for (int k = 0; k < n; ++k) {
    Image image;
    image.id = ImageId(h.world.new_id("ami"));
    image.region = h.caller.region;
    image.owner = h.caller.account;
    image.name = "gen-" + std::to_string(k);
    image.state = ImageState::kAvailable;
    image.creation = h.world.now() + k;
    if (!ids.empty()) {
      image.source_image_id = ids.back();
      image.source_image_region = h.caller.region;
    }
    ids.push_back(image.id);
    region.images.emplace(image.id, std::move(image));
  }
  return ids;
}

}  // namespace

TEST_CASE("GetImageAncestry stops at 50 entries, as AWS's list does", "[images][lineage]") {
  test::Harness h;
  const std::vector<ImageId> ids = chain_of(h, 60);
  auto chain = expect_ok(get_image_ancestry(h.world, h.caller, ids.back()));
  REQUIRE(chain.size() == 50);
  CHECK(chain.front().image_id == ids[59]);
  CHECK(chain.back().image_id == ids[10]);  // 59 down to 10: 50 entries
  CHECK(chain.back().source_image_id == ids[9]);
}

TEST_CASE("GetImageAncestry lists each image once even over a cycle the model cannot make",
          "[images][lineage]") {
  test::Harness h;
  const std::vector<ImageId> ids = chain_of(h, 3);
  Image& first = h.world.region_of(h.caller).images.at(ids[0]);
  first.source_image_id = ids[2];  // a -> c -> b -> a: never made by any call
  first.source_image_region = h.caller.region;
  auto chain = expect_ok(get_image_ancestry(h.world, h.caller, ids[2]));
  CHECK(chain.size() == 3);
}

TEST_CASE("GetImageAncestry ends at an ancestor amisim holds no record of", "[images][lineage]") {
  test::Harness h;
  const std::vector<ImageId> ids = chain_of(h, 2);
  Image& first = h.world.region_of(h.caller).images.at(ids[0]);
  first.source_image_id = ImageId("ami-0123456789abcdef0");
  first.source_image_region = RegionName("eu-west-1");
  auto chain = expect_ok(get_image_ancestry(h.world, h.caller, ids[1]));
  REQUIRE(chain.size() == 2);
  CHECK(chain[1].source_image_id.str() == "ami-0123456789abcdef0");
  CHECK(chain[1].source_image_region.str() == "eu-west-1");
}

TEST_CASE("A restored AMI's ancestry goes back through the stored AMI", "[images][lineage]") {
  test::Harness h;
  test::make_bucket(h, h.caller, "amis");
  const ImageId golden = test::own_image(h, h.caller, "golden");
  const std::string key = test::stored(h, h.caller, golden, "amis");
  const ImageId restored = expect_ok(
      restore_image(h.world, h.caller, test::restore_request("amis", key, "golden-restored")));
  auto chain = expect_ok(get_image_ancestry(h.world, h.caller, restored));
  REQUIRE(chain.size() == 3);  // restored -> golden -> al2023 (amazon)
  CHECK(chain[0].source_image_id == golden);
  CHECK(chain[1].image_id == golden);
  CHECK(chain[2].owner_alias == "amazon");
}

TEST_CASE("Only CopyImage's pending images count as pending copies, not CreateImage's or restores'",
          "[images][lineage]") {
  test::Harness h;
  const InstanceId builder = test::launch(h, h.caller);
  const ImageId made =
      expect_ok(create_image(h.world, h.caller, test::create_request(builder, "made")));
  const Image& pending_made = h.world.region_of(h.caller).images.at(made);
  REQUIRE(pending_made.state == ImageState::kPending);
  CHECK_FALSE(pending_made.source_image_id->empty());  // CreateImage records its lineage
  CHECK_FALSE(is_pending_copy(pending_made));
  h.settle();
  CopyImageRequest r;
  r.source_region = h.caller.region;
  r.source_image_id = made;
  r.name = "copied";
  const ImageId copy = expect_ok(copy_image(h.world, h.caller, r));
  CHECK(is_pending_copy(h.world.region_of(h.caller).images.at(copy)));
}
