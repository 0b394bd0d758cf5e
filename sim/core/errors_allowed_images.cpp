// Errors of Allowed AMIs (errors_allowed_images.hpp). The codes follow EC2's habit for a bad value
// (InvalidParameterValue) and for values that exclude each other (InvalidParameterCombination);
// every text is [?]: AWS documents the rules (docs/aws-facts.md §A), not these replies.
#include <fmt/format.h>

#include "sim/core/errors.hpp"

namespace amisim::sim::errors {
namespace {
using C = ErrorCode;
}  // namespace

Error allowed_images_state_invalid(std::string_view state) {
  return {C::kInvalidParameterValue,
          fmt::format("Value ({}) for parameter AllowedImagesSettingsState is invalid. Valid "
                      "values: enabled, audit-mode",
                      state)};
}

Error image_criteria_limit_exceeded(std::string_view what, std::size_t count, std::size_t limit) {
  return {C::kInvalidParameterValue,
          fmt::format("The request specifies {} values for {}, but the maximum is {}.", count, what,
                      limit)};
}

Error image_criterion_value_invalid(std::string_view parameter, std::string_view value,
                                    std::string_view rule) {
  return {C::kInvalidParameterValue,
          fmt::format("Value ({}) for parameter {} is invalid. {}", value, parameter, rule)};
}

Error image_criterion_empty() {
  return {C::kInvalidParameterValue,
          "Each ImageCriterion must specify at least one of ImageProviders, "
          "MarketplaceProductCodes, ImageNames, CreationDateCondition or "
          "DeprecationTimeCondition."};
}

Error image_provider_none_not_alone() {
  return {C::kInvalidParameterCombination,
          "When ImageProviders includes none, it can't include any other value."};
}

}  // namespace amisim::sim::errors
