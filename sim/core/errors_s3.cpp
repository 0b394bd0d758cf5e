// Errors of S3 buckets and objects, store/restore tasks and VM Import/Export (errors.hpp).
// Sources: the S3 API reference's error code list ("Error responses", ErrorCodeList);
// ../shared/reference/aws-facts.md §6; [?] marks texts no source confirms.
#include <fmt/format.h>

#include "sim/core/errors.hpp"

namespace amisim::sim::errors {
namespace {
using C = ErrorCode;
}  // namespace

// S3 (S3 API reference, error code list).
Error no_such_bucket(std::string_view) {
  return {C::kNoSuchBucket, "The specified bucket does not exist"};
}
Error no_such_key(std::string_view) { return {C::kNoSuchKey, "The specified key does not exist."}; }
Error bucket_already_exists() {
  return {C::kBucketAlreadyExists,
          "The requested bucket name is not available. The bucket namespace is shared by all "
          "users of the system. Please select a different name and try again."};
}
Error bucket_already_owned_by_you() {
  return {C::kBucketAlreadyOwnedByYou,
          "Your previous request to create the named bucket succeeded and you already own it."};
}
Error bucket_not_empty() {
  return {C::kBucketNotEmpty, "The bucket you tried to delete is not empty"};
}
Error invalid_bucket_name(std::string_view) {
  return {C::kInvalidBucketName, "The specified bucket is not valid."};
}
// Real texts: no constraint sent to a Regional endpoint, or a constraint that names another
// Region than the endpoint's (S3 API reference, CreateBucket; commonly quoted messages).
Error illegal_location_constraint(std::string_view constraint) {
  if (constraint.empty()) {
    return {C::kIllegalLocationConstraintException,
            "The unspecified location constraint is incompatible for the region specific "
            "endpoint this request was sent to."};
  }
  return {C::kIllegalLocationConstraintException,
          fmt::format("The {} location constraint is incompatible for the region specific "
                      "endpoint this request was sent to.",
                      constraint)};
}
// An unknown Region, or "us-east-1" spelt out (S3 API reference, CreateBucket: us-east-1 is the
// default and is not a valid constraint value).
Error invalid_location_constraint() {
  return {C::kInvalidLocationConstraint, "The specified location-constraint is not valid"};
}
Error s3_access_denied() { return {C::kAccessDenied, "Access Denied"}; }
Error s3_invalid_argument(std::string_view message) {
  return {C::kInvalidArgument, std::string(message)};
}

}  // namespace amisim::sim::errors
