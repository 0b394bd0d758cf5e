// Errors of the Recycle Bin (errors.hpp). Codes and statuses: botocore's rbin 2021-06-15 service
// model (ValidationException 400 with Reason INVALID_PARAMETER_VALUE or INVALID_PAGE_TOKEN,
// ResourceNotFoundException 404 RULE_NOT_FOUND, ConflictException 409 INVALID_RULE_STATE,
// ServiceQuotaExceededException 402). No public capture of their texts was found: every text here
// is amisim's [?], written in the shape of AWS's JSON services' validation messages.
#include <fmt/format.h>

#include "sim/core/errors.hpp"

namespace amisim::sim::errors {
namespace {
using C = ErrorCode;
}  // namespace

Error rbin_field_invalid(std::string_view field, std::string_view reason) {
  return {C::kAccountValidationException,
          fmt::format("1 validation error detected: Value at '{}' failed to satisfy constraint: {}",
                      field, reason)};
}
Error rbin_rule_not_found(std::string_view id) {
  return {C::kRbinResourceNotFoundException, fmt::format("Retention rule '{}' was not found.", id)};
}
Error rbin_arn_invalid(std::string_view arn) {
  return {C::kAccountValidationException,
          fmt::format("1 validation error detected: Value '{}' at 'resourceArn' failed to "
                      "satisfy constraint: Member must be the ARN of a retention rule "
                      "(arn:aws:rbin:<region>:<account>:rule/<id>)",
                      arn)};
}
// UpdateRule or DeleteRule of a locked or pending_unlock rule (RBIN:UpdateRule "You can't update
// a locked retention rule in any way"; UG23:recycle-bin-working-with-rules.md).
Error rbin_rule_locked(std::string_view id, std::string_view lock_state) {
  return {C::kAccountConflictException,
          fmt::format("Retention rule '{}' is {}: it can be modified or deleted only when it is "
                      "unlocked and its unlock delay period has expired.",
                      id, lock_state)};
}
// LockRule of a tag-level rule or one with exclusion tags ("You can't lock tag-level retention
// rules, or Region-level retention rules that have exclusion tags", RBIN:LockRule).
Error rbin_lock_refused(std::string_view id, std::string_view why) {
  return {C::kAccountConflictException,
          fmt::format("Retention rule '{}' cannot be locked: {}", id, why)};
}
// UnlockRule of a rule that is not locked.
Error rbin_unlock_refused(std::string_view id) {
  return {C::kAccountConflictException, fmt::format("Retention rule '{}' is not locked.", id)};
}
// "Retention rules per Region: 250" (UG23:recycle-bin.md, Quotas).
Error rbin_rule_quota(long limit) {
  return {C::kRbinServiceQuotaExceededException,
          fmt::format("You have reached the maximum of {} retention rules in this Region.", limit)};
}
Error rbin_tag_quota(long limit) {
  return {C::kRbinServiceQuotaExceededException,
          fmt::format("A retention rule can have at most {} tags.", limit)};
}
Error rbin_next_token_invalid() {
  return {C::kAccountValidationException, "The NextToken is not valid."};
}
// RestoreImageFromRecycleBin while a snapshot the AMI maps is still in the bin or gone: the
// snapshots must be restored first (UG23:recycle-bin-factors.md); the code and text are [?].
Error bin_image_snapshot_missing(std::string_view image_id, std::string_view snapshot_id) {
  return {C::kInvalidSnapshotNotFound,
          fmt::format("The snapshot '{}' does not exist. Restore the snapshots of {} from the "
                      "Recycle Bin before the image.",
                      snapshot_id, image_id)};
}

}  // namespace amisim::sim::errors
