// GetImageAncestry. Facts: docs/aws-facts.md §U (UG ami-ancestry; APIREF:GetImageAncestry).
//
// Lineage cannot form a cycle: an image's source is recorded once, when the image is made, and
// names an image that existed before it (CreateImage the instance's AMI, CopyImage and restore
// the image copied or stored), so following sources goes strictly back in creation order. The
// walk still stops at kMaxAncestryEntries, as AWS's does, and at an image it has already listed.
#include <set>

#include "sim/images/allowed_images.hpp"
#include "sim/images/images.hpp"
#include "sim/images/usage.hpp"

namespace amisim::sim {
namespace {

ImageAncestryEntry entry_of(const Image& image) {
  return {image.id, image.creation, image.owner_alias, image.source_image_id,
          image.source_image_region};
}

// "A public AMI from a verified provider (identified by its owner alias, which is either amazon
// or aws-marketplace)" is a root (UG ami-ancestry).
bool is_verified_root(const Image& image) {
  return image.is_public &&
         (image.owner_alias == "amazon" || image.owner_alias == "aws-marketplace");
}

// An ancestor's record: an image of its Region, or one in its Recycle Bin (a deleted ancestor
// that can still come back keeps its place in the chain [?]; sim/rbin/rbin.hpp).
const Image* ancestor_record(const World& world, const RegionName& region, const ImageId& id) {
  if (const Image* image = image_record(world, region, id)) return image;
  const RegionState* r = world.region(region);
  if (r == nullptr) return nullptr;
  auto binned = r->bin.images.find(id);
  return binned == r->bin.images.end() ? nullptr : &binned->second.image;
}

// The image the caller asks about: one it can see, as DescribeImages would show it by ID.
Result<const Image*> start_image(const World& world, const Caller& caller, const ImageId& id) {
  if (!is_well_formed_id("ami", id.str())) return errors::image_id_malformed(id.str());
  const Image* image = image_record(world, caller.region, id);
  if (image == nullptr || is_purged(*image, world.now()) ||
      !image_visible_to(*image, caller.account) || image_restricted(world, caller.account, *image))
    return errors::image_not_found(id.str());
  return image;
}

}  // namespace

Result<std::vector<ImageAncestryEntry>> get_image_ancestry(const World& world, const Caller& caller,
                                                           const ImageId& image_id) {
  auto start = start_image(world, caller, image_id);
  if (!start) return start.error();
  std::vector<ImageAncestryEntry> chain;
  std::set<std::pair<RegionName, ImageId>> listed;
  const Image* image = *start;
  while (image != nullptr && chain.size() < kMaxAncestryEntries &&
         listed.emplace(image->region, image->id).second) {
    chain.push_back(entry_of(*image));
    if (image->source_image_id->empty() || is_verified_root(*image)) break;
    image = ancestor_record(world, image->source_image_region, image->source_image_id);
  }
  return chain;
}

}  // namespace amisim::sim
