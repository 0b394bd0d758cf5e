// Helpers shared by the images_*.cpp files (not part of the public model API).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "sim/images.hpp"

namespace sim::images_internal {

// The caller's own image for an owner-only action: InvalidAMIID.Malformed, InvalidAMIID.NotFound
// (no such image here, or deregistered and gone), AuthFailure "Not authorized for image:<id>"
// (another account's image), InvalidAMIID.Unavailable (deregistered, still remembered).
Result<Image*> owned_image(World& world, const Caller& caller, const ImageId& id);

// True when a deregistered image has outlived kDeregisteredImageVisibleMs.
bool is_purged(const Image& image, TimeMs now);

// Keeps RegionState::image_names in step with the images that hold their name.
void index_name(RegionState& region, const Image& image);
void unindex_name(RegionState& region, const Image& image);

// The snapshot IDs an image's mappings use, in mapping order, without duplicates.
std::vector<SnapshotId> image_snapshots(const Image& image);

// Schedules kImageAvailable for a pending image at `at`.
void schedule_available(World& world, Image& image, TimeMs at);

// One DescribeImages filter, resolved once per call: the matcher for its name and its values.
using ImageMatchFn = bool (*)(const Image& image, const std::vector<std::string>& patterns,
                              std::string_view tag_key, TimeMs now);
struct ImageFilter {
  ImageMatchFn match = nullptr;
  const std::vector<std::string>* patterns = nullptr;
  std::string tag_key;  // for tag:<key>
  bool on_tags = false;  // tag:<key> and tag-key: only the owner sees an image's tags
};

// Resolves DescribeImages filters. Errors: InvalidFilter (unknown name), FilterLimitExceeded.
Result<std::vector<ImageFilter>> compile_image_filters(const std::vector<Filter>& filters);

// True when the image passes every filter (filters AND, values within one filter OR). Tag filters
// see the tags only when `viewer` owns the image: accounts an image is shared with do not see its
// tags (fact sheet §3.8), so they cannot find it by them either.
bool image_matches(const Image& image, const std::vector<ImageFilter>& filters, TimeMs now,
                   const AccountId& viewer);

}  // namespace sim::images_internal
