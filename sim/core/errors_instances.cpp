// Errors of instances, key pairs, security groups and launch templates (errors.hpp). Sources:
// ../shared/reference/aws-facts.md §1.5, §2; [?] marks texts no source confirms.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "sim/core/errors.hpp"

namespace amisim::sim::errors {
namespace {
using C = ErrorCode;
}  // namespace

// Text per botocore's parsers.py comment (fact sheet §1.5).
Error instance_id_malformed(std::string_view id) {
  return {C::kInvalidInstanceIdMalformed, fmt::format("Invalid id: \"{}\"", id)};
}
// ERRCODES' example error response (fact sheet §1.5).
Error instance_not_found(std::string_view id) {
  return {C::kInvalidInstanceIdNotFound, fmt::format("The instance ID '{}' does not exist", id)};
}
// Plural form per moto ([3p]): "The instance IDs 'i-1, i-2' do not exist".
Error instances_not_found(const std::vector<std::string>& ids) {
  if (ids.size() == 1) return instance_not_found(ids.front());
  return {C::kInvalidInstanceIdNotFound,
          fmt::format("The instance IDs '{}' do not exist", fmt::join(ids, ", "))};
}
// Real text [obs] REAL:3545042613.
Error cannot_start(std::string_view id) {
  return {C::kIncorrectInstanceState,
          fmt::format("The instance '{}' is not in a state from which it can be started.", id)};
}
// [?] exact real text; emulators and CLI stubs use this form.
Error cannot_stop(std::string_view id) {
  return {C::kIncorrectInstanceState,
          fmt::format("This instance '{}' is not in a state from which it can be stopped.", id)};
}
// [?] no source gives the reboot text; written to match the start message.
Error cannot_reboot(std::string_view id) {
  return {C::kIncorrectInstanceState,
          fmt::format("The instance '{}' is not in a state from which it can be rebooted.", id)};
}
// Real text (ModifyInstanceAttribute while running) [obs] REAL:24141620970.
Error not_stopped_for_modify(std::string_view id) {
  return {C::kIncorrectInstanceState,
          fmt::format("The instance '{}' is not in the 'stopped' state.", id)};
}
// Real text (older accounts' instance quota): "Your quota allows for 0 more running
// instance(s). You requested at least 1." (ERRCODES lists InstanceLimitExceeded).
Error instance_limit_exceeded(long allowed, long requested) {
  return {C::kInstanceLimitExceeded,
          fmt::format("Your quota allows for {} more running instance(s). You requested at least "
                      "{}.",
                      allowed, requested)};
}

// Real text [obs] REAL:29325044847, REAL:61102774951.
Error key_pair_not_found(std::string_view name) {
  return {C::kInvalidKeyPairNotFound, fmt::format("The key pair '{}' does not exist", name)};
}
Error key_pair_duplicate(std::string_view name) {
  return {C::kInvalidKeyPairDuplicate, fmt::format("The keypair '{}' already exists.", name)};
}
// ImportKeyPair with a malformed key (the code's source is beside its table row).
Error key_format_invalid() {
  return {C::kInvalidKeyFormat, "Key is not in valid OpenSSH public key format"};
}
Error group_not_found(std::string_view id_or_name) {
  return {C::kInvalidGroupNotFound,
          fmt::format("The security group '{}' does not exist", id_or_name)};
}
// Real text: "The security group 'WebServerSecurityGroup' does not exist in default VPC 'vpc-…'".
Error group_name_not_found_in_vpc(std::string_view name, std::string_view vpc_id) {
  return {C::kInvalidGroupNotFound,
          fmt::format("The security group '{}' does not exist in default VPC '{}'", name, vpc_id)};
}
Error group_duplicate(std::string_view name, std::string_view vpc_id) {
  return {C::kInvalidGroupDuplicate,
          fmt::format("The security group '{}' already exists for VPC '{}'", name, vpc_id)};
}
Error group_id_malformed(std::string_view id) {
  return {C::kInvalidGroupIdMalformed,
          fmt::format("Invalid id: \"{}\" (expecting \"sg-...\")", id)};
}
Error group_reserved(std::string_view name) {
  return {C::kInvalidGroupReserved, fmt::format("The security group '{}' is reserved.", name)};
}
Error cannot_delete_default_group() {
  return {C::kCannotDelete, "the specified group: \"default\" cannot be deleted"};
}
Error group_dependency(std::string_view group_id) {
  return {C::kDependencyViolation, fmt::format("resource {} has a dependent object", group_id)};
}
// [?] text: no captured real response; written in the style of the other NotFound errors.
Error vpc_not_found(std::string_view vpc_id) {
  return {C::kInvalidVpcIdNotFound, fmt::format("The vpc ID '{}' does not exist", vpc_id)};
}

// Launch templates. Real texts [obs]: NotFound by ID (aws/karpenter-provider-aws#5665, with a
// request ID), by name (getmoto/moto#5477 quotes the AWS CLI), VersionNotFound
// (eksctl-io/eksctl#7786, with a request ID), AlreadyExists (github-aws-runners/
// terraform-aws-github-runner#1382, with a request ID), the name rule (same repository, #932).
// [?] Malformed ID text: written in the "Invalid id" style of the other Malformed errors.
Error launch_template_id_malformed(std::string_view id) {
  return {C::kInvalidLaunchTemplateIdMalformed,
          fmt::format("Invalid id: \"{}\" (expecting \"lt-...\")", id)};
}
Error launch_template_id_not_found(std::string_view id) {
  return {C::kInvalidLaunchTemplateIdNotFound,
          fmt::format("The specified launch template, with template ID {}, does not exist.", id)};
}
Error launch_template_name_not_found(std::string_view name) {
  return {
      C::kInvalidLaunchTemplateNameNotFound,
      fmt::format("The specified launch template, with template name {}, does not exist.", name)};
}
Error launch_template_version_not_found(std::string_view version, std::string_view template_id) {
  return {C::kInvalidLaunchTemplateIdVersionNotFound,
          fmt::format("Could not find the specified version {} for the launch template with ID "
                      "{}.",
                      version, template_id)};
}
Error launch_template_name_in_use() {
  return {C::kInvalidLaunchTemplateNameAlreadyExists, "Launch template name already in use."};
}
Error launch_template_name_malformed() {
  return {C::kInvalidLaunchTemplateNameMalformed,
          "A launch template name must be between 3 and 128 characters, and may contain letters, "
          "numbers, and the following characters: - ( ) . / _."};
}

}  // namespace amisim::sim::errors
