// Errors of Region opt-in and the Account API (errors.hpp). Sources: botocore's account
// 2021-02-01 service model (shapes, statuses), the Account Management API reference
// (EnableRegion, ConflictException), real output quoted in public issues; [?] marks texts no
// source confirms.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "sim/core/errors.hpp"

namespace amisim::sim::errors {
namespace {
using C = ErrorCode;
}  // namespace

// EnableRegion of a Region already ENABLED: real 400 ValidationException with this text [obs]
// hashicorp/terraform-provider-aws#41430 (2025). amisim gives it for every transition the
// Region's status does not allow (enabling an enabled, enabling or default Region; disabling a
// disabled, disabling, enabling or default one) [?] for the cases other than the quoted one.
Error region_opt_switch_refused() {
  return {C::kAccountValidationException,
          "Unable to switch region status because of its current opt-in status."};
}
// EnableRegion while the Region is DISABLING: the API reference's own example of a
// ConflictException ("if you try to enable a Region that is currently being disabled"); text [?].
Error region_opt_conflict() {
  return {C::kAccountConflictException,
          "Unable to switch region status because of its current opt-in status."};
}
// A RegionName that is no Region of the partition [?] (ValidationException, fieldValidationFailed).
Error account_region_unknown(std::string_view region) {
  return {C::kAccountValidationException, fmt::format("Invalid region name: {}", region)};
}
// A member that breaks the model's constraints (type, length, pattern, range) [?] text.
Error account_field_invalid(std::string_view field, std::string_view reason) {
  return {C::kAccountValidationException,
          fmt::format("1 validation error detected: Value at '{}' failed to satisfy constraint: {}",
                      field, reason)};
}
// AccountId naming another account: only an organization's management account or delegated
// administrator may (API reference, AccountId); amisim models no organizations [?] text.
Error account_other_account(std::string_view account) {
  return {C::kAccountAccessDeniedException,
          fmt::format("You are not authorized to access account {}: amisim models no AWS "
                      "Organizations, so an account can only manage its own Regions.",
                      account)};
}
Error account_next_token_invalid() {
  return {C::kAccountValidationException, "The NextToken is not valid."};  // [?]
}
// CopyImage/CopySnapshot from an opt-in Region the caller has not enabled: EC2 refuses that
// Region's endpoint with AuthFailure (aws-facts.md §4); the copy is refused the same way [?].
Error region_not_enabled_source(std::string_view region) {
  return {C::kAuthFailure,
          fmt::format("AWS was not able to validate the provided access credentials (the "
                      "Region '{}' is not enabled for this account)",
                      region)};
}

// DescribeInstanceTypes naming a type EC2 does not have: real code and text [obs]
// scylladb/scylla-cluster-tests#12419 ("... do not exist: [i8ge.xlarge]"); several joined by ", "
// [?].
Error instance_types_not_found(const std::vector<std::string>& types) {
  return {C::kInvalidInstanceType,
          fmt::format("The following supplied instance types do not exist: [{}]",
                      fmt::join(types, ", "))};
}
// DescribeInstanceTypeOfferings LocationType outside the model's enum [?] text.
Error location_type_invalid(std::string_view value) {
  return {C::kInvalidParameterValue,
          fmt::format("Value ({}) for parameter locationType is invalid. Expecting one of region, "
                      "availability-zone, availability-zone-id, outpost.",
                      value)};
}

}  // namespace amisim::sim::errors
