// Helpers shared by the files of sim/images/ only (DescribeImages filters).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "sim/images/images.hpp"

namespace amisim::sim::detail {

// One DescribeImages filter, resolved once per call: the matcher for its name and its values.
using ImageMatchFn = bool (*)(const Image& image, const std::vector<std::string>& patterns,
                              TimeMs now);
struct ImageFilter {
  ImageMatchFn match = nullptr;  // null for a tag filter
  const std::vector<std::string>* patterns = nullptr;
  std::string tag_filter;      // a tag filter's name: "tag:<key>" or "tag-key"
  bool image_allowed = false;  // "image-allowed": reads the viewer's Allowed AMIs
};

// Resolves DescribeImages filters. Errors: InvalidFilter (unknown name), FilterLimitExceeded.
Result<std::vector<ImageFilter>> compile_image_filters(const std::vector<Filter>& filters);

// True when the image passes every filter (filters AND, values within one filter OR). Tag filters
// read the tags `viewer` sees (tags_seen_by, sim/core/tags.hpp): its own, so an account finds an
// image by no other account's tags, the owner's included. image-allowed reads `allowed`, the
// viewer's Allowed AMIs in the image's Region: while disabled every image counts as allowed [?]
// ("disabled: All AMIs are allowed", APIREF GetAllowedImagesSettings).
bool image_matches(const Image& image, const std::vector<ImageFilter>& filters, TimeMs now,
                   const AccountId& viewer, const AllowedImagesSettings& allowed);

// True when an instance of the Region (terminated ones not yet purged included) was launched from
// the image: DescribeImages answers empty for a purged deregistered image while one is
// (sim/images/describe.cpp), and its record stays for that (sim/images/purge.cpp).
bool referenced_by_instance(const RegionState& region, const ImageId& id);

}  // namespace amisim::sim::detail
