// When a deregistered image's record leaves memory (issue 19; sim/images/images.hpp,
// forget_image_if_unused): an hour after deregistration, once no instance and no image record
// still needs it.
#include <algorithm>

#include "sim/images/detail.hpp"
#include "sim/images/images.hpp"

namespace amisim::sim {
namespace detail {

bool referenced_by_instance(const RegionState& region, const ImageId& id) {
  return std::any_of(region.instances.begin(), region.instances.end(),
                     [&](const auto& kv) { return kv.second.image_id == id; });
}

}  // namespace detail
namespace {

// True when some image record (of any Region, or in a Recycle Bin) has `id` as its source.
bool named_as_source(const World& world, const ImageId& id) {
  for (const auto& [name, region] : world.regions()) {
    for (const auto& [other, image] : region.images) {
      if (image.source_image_id == id) return true;
    }
    for (const auto& [other, binned] : region.bin.images) {
      if (binned.image.source_image_id == id) return true;
    }
  }
  return false;
}

void forget_copy_tokens(RegionState& region, const ImageId& id) {
  std::erase_if(region.copies.image_tokens, [&](const auto& kv) { return kv.second.image == id; });
}

}  // namespace

void forget_image_if_unused(World& world, RegionState& region, const ImageId& id) {
  // Each step forgets one image, then looks at its source (lineage has no cycles, and the walk
  // is bounded by the number of records).
  RegionState* here = &region;
  ImageId next = id;
  while (here != nullptr && !next.empty()) {
    auto it = here->images.find(next);
    if (it == here->images.end() || !is_purged(it->second, world.now()) ||
        detail::referenced_by_instance(*here, next) || named_as_source(world, next))
      return;
    const ImageId source = it->second.source_image_id;
    const RegionName source_region = it->second.source_image_region;
    here->images.erase(it);
    forget_copy_tokens(*here, next);
    here = source.empty() ? nullptr : world.region(source_region);
    next = source;
  }
}

void on_image_purge_event(World& world, const Event& event) {
  RegionState* region = world.region(event.region);
  if (region != nullptr) forget_image_if_unused(world, *region, ImageId(event.target));
}

}  // namespace amisim::sim
