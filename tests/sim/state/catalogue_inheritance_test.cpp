// What a catalogue image takes of its fixture row at world start-up (sim/state/world.cpp): all of
// the row's traits (sim/state/image.hpp) and its identity and labels; it starts available and
// public, and nothing else.
#include <memory>

#include "harness.hpp"
#include "tests/sim/images/inheritance_fixture.hpp"

using namespace sim;

TEST_CASE("A catalogue image carries every trait of its fixture row") {
  auto fixtures = std::make_shared<Fixtures>(*test::fixtures());
  CatalogueImage& row = fixtures->images.at(0);
  row.traits = test::distinctive_traits();
  const World world(fixtures, WorldOptions{1});
  CHECK(world.region(row.region)->images.at(row.id).traits == test::distinctive_traits());
}

TEST_CASE("Every catalogue image is its row: traits, identity, labels and root mapping") {
  test::Harness h;
  for (const CatalogueImage& row : h.world.fixtures().images) {
    INFO(row.id.str());
    const Image& image = h.world.region(row.region)->images.at(row.id);
    CHECK(image.traits == row.traits);
    CHECK(image.region == row.region);
    CHECK(image.owner == row.owner);
    CHECK(image.owner_alias == row.owner_alias);
    CHECK(image.name == row.name);
    CHECK(image.description == row.description);
    CHECK(image.image_location() == row.image_location);
    CHECK(image.public_ssm_parameter == row.public_ssm_parameter);
    CHECK(image.creation == row.creation);
    CHECK(image.state == ImageState::kAvailable);
    CHECK(image.is_public);
    REQUIRE(image.mappings.size() == 1);
    CHECK(image.mappings[0].device_name == row.traits.root_device_name);
    CHECK(image.mappings[0].ebs->snapshot_id == row.root_snapshot);
  }
}

TEST_CASE("A catalogue image has no lineage, tags, shares, deprecation or protection") {
  test::Harness h;
  const ImageId id = h.catalogue_image("al2023-x86_64");
  const Image& image = h.world.region(RegionName("us-east-1"))->images.at(id);
  CHECK(image.source_image_id->empty());
  CHECK(image.source_instance_id->empty());
  CHECK(image.tags->empty());
  CHECK(image.launch_permissions->empty());
  CHECK_FALSE(image.deprecation_time);
  CHECK(image.protection == DeregistrationProtection::kDisabled);
}
