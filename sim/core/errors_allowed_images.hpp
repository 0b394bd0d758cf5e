// Named constructors (errors.hpp) of Allowed AMIs (issue 18; docs/aws-facts.md §A): the refusals
// of EnableAllowedImagesSettings and ReplaceImageCriteriaInAllowedImagesSettings. AWS documents
// the limits and valid values but not the words of these refusals: codes and texts are [?].
// Included by errors.hpp, which callers include.
#pragma once

#include <cstddef>
#include <string_view>

#include "sim/core/errors.hpp"

namespace amisim::sim::errors {

// EnableAllowedImagesSettings with a state other than enabled or audit-mode
// (InvalidParameterValue).
Error allowed_images_state_invalid(std::string_view state);
// More than `limit` of `what` (ImageCriterion, or one criterion's ImageProviders, ImageNames or
// MarketplaceProductCodes) (InvalidParameterValue).
Error image_criteria_limit_exceeded(std::string_view what, std::size_t count, std::size_t limit);
// A value outside the parameter's documented rule `rule` (InvalidParameterValue).
Error image_criterion_value_invalid(std::string_view parameter, std::string_view value,
                                    std::string_view rule);
// An ImageCriterion with no parameter at all (InvalidParameterValue).
Error image_criterion_empty();
// ImageProviders holding `none` and another value (InvalidParameterCombination).
Error image_provider_none_not_alone();

}  // namespace amisim::sim::errors
