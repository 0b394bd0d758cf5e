// Helpers shared by the files of sim/images/ only (DescribeImages filters).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "sim/images/images.hpp"

namespace amisim::sim::detail {

// One DescribeImages filter, resolved once per call: the matcher for its name and its values.
using ImageMatchFn = bool (*)(const Image& image, const std::vector<std::string>& patterns,
                              std::string_view tag_key, TimeMs now);
struct ImageFilter {
  ImageMatchFn match = nullptr;
  const std::vector<std::string>* patterns = nullptr;
  std::string tag_key;   // for tag:<key>
  bool on_tags = false;  // tag:<key> and tag-key: only the owner sees an image's tags
};

// Resolves DescribeImages filters. Errors: InvalidFilter (unknown name), FilterLimitExceeded.
Result<std::vector<ImageFilter>> compile_image_filters(const std::vector<Filter>& filters);

// True when the image passes every filter (filters AND, values within one filter OR). Tag filters
// see the tags only when `viewer` owns the image: accounts an image is shared with do not see its
// tags (fact sheet §3.8), so they cannot find it by them either.
bool image_matches(const Image& image, const std::vector<ImageFilter>& filters, TimeMs now,
                   const AccountId& viewer);

}  // namespace amisim::sim::detail
