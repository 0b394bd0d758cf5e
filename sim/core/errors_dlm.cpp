// Errors of Data Lifecycle Manager (errors.hpp). Codes and statuses: botocore's dlm 2018-01-12
// service model (InvalidRequestException 400, ResourceNotFoundException 404, LimitExceededException
// 429). Texts: AWS's where a public capture was found (noted at each), else amisim's [?].
#include <fmt/format.h>

#include "sim/core/errors.hpp"

namespace amisim::sim::errors {
namespace {
using C = ErrorCode;
}  // namespace

Error dlm_invalid_request(std::string_view message) {
  return {C::kDlmInvalidRequestException, std::string(message)};
}
Error dlm_policy_not_found(std::string_view ids) {
  return {C::kRbinResourceNotFoundException,
          fmt::format("Lifecycle policy with ID(s) {} not found.", ids)};
}
Error dlm_arn_invalid(std::string_view arn) {
  return {C::kDlmInvalidRequestException,
          fmt::format("The resource ARN '{}' is not the ARN of a lifecycle policy "
                      "(arn:aws:dlm:<region>:<account>:policy/<id>).",
                      arn)};
}
// "Lifecycle policies per Region: 100" (UG:snapshot-lifecycle.md, Quotas).
Error dlm_policy_quota(long limit) {
  return {
      C::kDlmLimitExceededException,
      fmt::format("You have reached the maximum of {} lifecycle policies in this Region.", limit)};
}
// "Tags per resource: 45" (UG:snapshot-lifecycle.md, Quotas).
Error dlm_tag_quota(long limit) {
  return {C::kDlmLimitExceededException,
          fmt::format("A lifecycle policy can have at most {} tags.", limit)};
}

}  // namespace amisim::sim::errors
