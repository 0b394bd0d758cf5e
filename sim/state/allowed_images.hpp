// The Allowed AMIs settings of one account in one Region (the rules: sim/images/allowed_images.hpp;
// facts: docs/aws-facts.md §A). Every account starts `disabled` with no criteria in every Region.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace amisim::sim {

// GetAllowedImagesSettings State: disabled | audit-mode | enabled.
enum class AllowedImagesState : std::uint8_t {
  kDisabled,
  kAuditMode,
  kEnabled,
};

// One ImageCriterion: an image matches when it matches every parameter given (AND), and a
// parameter's list when it matches any of its values (OR). Lists keep the caller's order.
struct ImageCriterion {
  std::vector<std::string> image_providers;  // amazon, aws-marketplace, aws-backup-vault, IDs, none
  std::vector<std::string> marketplace_product_codes;
  std::vector<std::string> image_names;  // '*' and '?' wildcards
  std::optional<std::int64_t> max_days_since_created;
  std::optional<std::int64_t> max_days_since_deprecated;

  friend bool operator==(const ImageCriterion&, const ImageCriterion&) = default;
};

// The setting and its ImageCriteria (OR across criteria). The criteria are kept whatever the
// state, so disabling and enabling again restores them [?].
struct AllowedImagesSettings {
  AllowedImagesState state = AllowedImagesState::kDisabled;
  std::vector<ImageCriterion> criteria;
};

}  // namespace amisim::sim
