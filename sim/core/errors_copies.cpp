// Errors of CopyImage and CopySnapshot (errors.hpp). Sources: ../shared/reference/aws-facts.md §4
// (CopyImage), §5 (CopySnapshot); [?] marks texts no source confirms.
#include <fmt/format.h>

#include "sim/core/errors.hpp"

namespace amisim::sim::errors {
namespace {
using C = ErrorCode;
}  // namespace

// ERRCODES lists InvalidRegion (CopySnapshot); text [?].
Error invalid_region(std::string_view region) {
  return {C::kInvalidRegion, fmt::format("The region '{}' does not exist.", region)};
}
// [?] code and text as EC2 answers KmsKeyId without Encrypted; the rule (KmsKeyId requires
// Encrypted) is in the API model (fact sheet §4).
Error kms_key_requires_encrypted() {
  return {C::kInvalidParameterDependency,
          "The parameter KmsKeyId requires the parameter Encrypted to be set."};
}
// [?] code and text: AWS says the key must exist in the destination (fact sheet §4); for images
// it fails asynchronously there, amisim refuses at once.
Error kms_key_not_found(std::string_view key, std::string_view region) {
  return {C::kInvalidParameterValue,
          fmt::format("The KMS key '{}' does not exist in {}, is not enabled or you do not have "
                      "permission to use it.",
                      key, region)};
}
// Real text [obs] REAL:8368847906 (fact sheet §4).
Error copy_storage_denied() {
  return {C::kInvalidRequest, "You do not have permission to access the storage of this ami"};
}
// "You cannot set this parameter to false" (EC2 API reference, CopySnapshot Encrypted); code and
// text [?].
Error unencrypted_copy_of_encrypted(std::string_view snapshot_id) {
  return {C::kInvalidParameterValue,
          fmt::format("The snapshot '{}' is encrypted: an unencrypted copy of an encrypted "
                      "snapshot cannot be created.",
                      snapshot_id)};
}
// Code per UG23:ebs-copy-snapshot.md (fact sheet §5); texts [?].
Error image_copy_limit_exceeded(long limit, std::string_view region) {
  return {C::kResourceLimitExceeded,
          fmt::format("You have reached the limit of {} concurrent AMI copies into {}. Wait for a "
                      "copy to complete and try again.",
                      limit, region)};
}
Error snapshot_copy_limit_exceeded(long limit, std::string_view region) {
  return {C::kResourceLimitExceeded,
          fmt::format("You have reached the limit of {} concurrent snapshot copies into {}. Wait "
                      "for a copy to complete and try again.",
                      limit, region)};
}
// Only completed snapshots can be copied (fact sheet §5); code and text [?].
Error snapshot_not_completed(std::string_view snapshot_id, std::string_view state) {
  return {C::kIncorrectState,
          fmt::format("Snapshot '{}' is in state '{}' and cannot be copied.", snapshot_id, state)};
}
// The source AMI must be available (fact sheet §3.2, §4); code and text [?].
Error image_not_copyable(std::string_view image_id, std::string_view state) {
  return {C::kInvalidAmiIdUnavailable,
          fmt::format("AMI {} is {}, and cannot be copied.", image_id, state)};
}
// Observed texts, code InvalidRequest (fact sheet §4: [obs] REAL:46283842025; cloudigrade).
Error marketplace_copy_denied() {
  return {C::kInvalidRequest,
          "Images from AWS Marketplace cannot be copied to another AWS account."};
}
Error billing_product_copy_denied() {
  return {C::kInvalidRequest,
          "Images with EC2 BillingProduct codes cannot be copied to another AWS account."};
}

}  // namespace amisim::sim::errors
