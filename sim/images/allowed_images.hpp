// Allowed AMIs (issue 18; facts: docs/aws-facts.md §A): one setting per account per Region,
// `disabled` (the start), `audit-mode` or `enabled`, with up to 10 ImageCriterion. An image meets
// the criteria when it matches any criterion (OR); it matches a criterion when it matches every
// parameter the criterion gives (AND), and a list parameter when it matches any of its values.
//
// While `enabled`, an image of another account that does not meet the criteria is not
// discoverable by the account in that Region: DescribeImages leaves it out (by ID too:
// InvalidAMIID.NotFound), and RunInstances (with a launch template or resolve:ssm: as well),
// CopyImage, CreateStoreImageTask, DescribeImageAttribute and GetImageAncestry answer
// InvalidAMIID.NotFound, as for an image that does not exist. `audit-mode` restricts nothing;
// DescribeImages reports ImageAllowed. The account's own images are never restricted and
// always ImageAllowed true. Changes apply at once (AWS documents no delay) [?].
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/core/result.hpp"
#include "sim/state/world.hpp"

namespace amisim::sim {

// The documented limits (ImageCriterionRequest; UG ec2-allowed-amis "Limits").
inline constexpr std::size_t kMaxImageCriteria = 10;
inline constexpr std::size_t kMaxImageProviders = 200;
inline constexpr std::size_t kMaxImageNames = 50;
inline constexpr std::size_t kMaxMarketplaceProductCodes = 50;

std::string_view to_string(AllowedImagesState state);

// The account's setting in the Region (disabled with no criteria when it never set one).
const AllowedImagesSettings& allowed_images_settings(const World& world, const AccountId& account,
                                                     const RegionName& region);

// True when `image` matches the criterion at `now`.
bool criterion_matches(const ImageCriterion& criterion, const Image& image, TimeMs now);
// True when `viewer` owns the image or it matches any of the criteria (none: false).
bool meets_image_criteria(const std::vector<ImageCriterion>& criteria, const Image& image,
                          const AccountId& viewer, TimeMs now);

// ImageAllowed as DescribeImages and DescribeInstanceImageMetadata report it to `viewer`: whether
// the image meets the viewer's criteria in the image's Region; nullopt while the setting there is
// disabled (the field is then left out [?]).
std::optional<bool> image_allowed(const World& world, const AccountId& viewer, const Image& image);

// True when the setting in the image's Region is `enabled` and the image does not meet the
// viewer's criteria: the image is then not discoverable or usable by the viewer.
bool image_restricted(const World& world, const AccountId& viewer, const Image& image);

// EnableAllowedImagesSettings: `state` must be enabled or audit-mode (InvalidParameterValue);
// returns it. DryRunOperation when dry_run.
Result<std::string> enable_allowed_images_settings(World& world, const Caller& caller,
                                                   std::string_view state, bool dry_run = false);
// DisableAllowedImagesSettings: returns "disabled"; the criteria are kept [?].
Result<std::string> disable_allowed_images_settings(World& world, const Caller& caller,
                                                    bool dry_run = false);

// Checks criteria against the documented limits and values, changing nothing. Errors:
// InvalidParameterValue (too many criteria or values, an unknown provider, a malformed name or
// product code, a negative day count, an empty criterion [?]), InvalidParameterCombination
// (`none` with another provider).
Status check_image_criteria(const std::vector<ImageCriterion>& criteria);
// ReplaceImageCriteriaInAllowedImagesSettings: replaces the criteria whatever the state (none
// given: no criteria [?]); on an error nothing changes.
Status replace_image_criteria(World& world, const Caller& caller,
                              std::vector<ImageCriterion> criteria, bool dry_run = false);

}  // namespace amisim::sim
