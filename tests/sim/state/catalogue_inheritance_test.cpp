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

// A Rare member (sim/core/rare.hpp) left at its default reads the one shared default value; one
// that holds a block of its own, even an empty one, does not.
template <class T>
bool holds_no_block(const Rare<T>& member) {
  return &member.get() == &Rare<T>().get();
}

// A catalogue image takes no heap block for what its row leaves empty: a million-image catalogue
// (issue 19) pays a pointer for each, not a block. Filling launch permissions through mut() once
// gave every public image an empty set of its own.
TEST_CASE("A synthetic catalogue image holds no block for its empty rarely-set members") {
  auto fixtures = std::make_shared<Fixtures>(*test::fixtures());
  add_synthetic_catalogue(*fixtures, 100, 1);
  const World world(fixtures, WorldOptions{1});
  int synthetic = 0;
  for (const auto& [name, region] : world.regions()) {
    for (const auto& [id, image] : region.images) {
      if (image.name.rfind("amisim-synthetic-", 0) != 0) continue;
      ++synthetic;
      INFO(image.id.str());
      CHECK(holds_no_block(image.launch_permissions));
      CHECK(holds_no_block(image.tags));
      CHECK(holds_no_block(image.grantee_tags));
      CHECK(holds_no_block(image.traits.product_codes));
      CHECK(holds_no_block(image.traits.billing_products));
      CHECK(holds_no_block(image.public_ssm_parameter));
      CHECK_FALSE(image.location_is_whole);
    }
  }
  CHECK(synthetic == 100);
}
