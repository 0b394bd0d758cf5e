// Errors of instances, key pairs, security groups and launch templates (errors.hpp). Sources:
// ../shared/reference/aws-facts.md §1.5, §2; [?] marks texts no source confirms.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "sim/core/errors.hpp"

namespace amisim::sim::errors {
namespace {

using C = ErrorCode;

// What amisim does not simulate, refused as EC2 refuses what it does not support [?].
Error not_simulated(std::string_view what) {
  return {C::kUnsupportedOperation, fmt::format("amisim does not simulate {}.", what)};
}

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
// Real text, quoted by AWS lab guides and matched by tools (errors.hpp).
Error instance_protected(std::string_view id, std::string_view action, std::string_view attribute) {
  return {C::kOperationNotPermitted,
          fmt::format("The instance '{}' may not be {}. Modify its '{}' instance attribute and try "
                      "again.",
                      id, action, attribute)};
}
Error shutdown_behavior_invalid(std::string_view value) {
  return {C::kInvalidParameterValue,
          fmt::format("Value ({}) for parameter instanceInitiatedShutdownBehavior is invalid. "
                      "Expected: 'stop', 'terminate'.",
                      value)};
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
Error missing_instance_ids() { return missing_parameter("InstanceId"); }

// RunInstances. Real text for MaxCount 0 (jenkinsci/ec2-plugin#252, a real request ID); the other
// two are written to match it [?].
Error max_count_too_small() {
  return {C::kInvalidParameterValue, "Maximum instance count must be greater than zero"};
}
Error min_count_too_small() {
  return {C::kInvalidParameterValue, "Minimum instance count must be greater than zero"};
}
Error min_count_above_max() {
  return {C::kInvalidParameterValue,
          "Minimum instance count must be less than or equal to maximum instance count"};
}
// Real text (cs-actions#308 quotes the XML with its RequestID). DescribeInstanceTypes answers
// unknown names differently ("The following supplied instance types do not exist").
Error unknown_instance_type(std::string_view type) {
  return {C::kInvalidParameterValue, fmt::format("Invalid value '{}' for InstanceType.", type)};
}
// Real text, the type's architectures joined by ',' (aws-parallelcluster#3795,
// gardener-extension-provider-aws#694 shows 'x86_64,i386').
Error architecture_mismatch(const std::vector<std::string>& type_architectures,
                            std::string_view image_architecture) {
  return {C::kInvalidParameterValue,
          fmt::format("The architecture '{}' of the specified instance type does not match the "
                      "architecture '{}' of the specified AMI. Specify an instance type and an "
                      "AMI that have matching architectures, and try again. You can use "
                      "'describe-instance-types' or 'describe-images' to discover the "
                      "architecture of the instance type or AMI.",
                      fmt::join(type_architectures, ","), image_architecture)};
}
// Real text (dask-cloudprovider#249, supergiant/capacity#148 with a request ID); also
// ModifyInstanceAttribute.
Error user_data_too_large(long max_bytes) {
  return {C::kInvalidParameterValue, fmt::format("User data is limited to {} bytes", max_bytes)};
}
// An EBS mapping with neither size nor snapshot [?].
Error missing_mapping_size() { return missing_parameter("size or snapshotId"); }
Error missing_min_count() { return missing_parameter("MinCount"); }
Error missing_max_count() { return missing_parameter("MaxCount"); }

// ModifyInstanceAttribute. Real text for a call naming no attribute
// (ansible-collections/amazon.aws#470).
Error no_attributes_specified() {
  return {C::kInvalidParameterCombination, "No attributes specified."};
}
// [?] text: written as RunInstances words an unknown type.
// Real text for a CreditSpecification on a type that is not burstable, whichever option it names
// (hashicorp/terraform-provider-aws#5067: "standard" for m5.large;
// terraform-aws-modules/terraform-aws-ec2-instance#35: m4.2xlarge).
Error credits_not_supported(std::string_view type) {
  return {C::kInstanceCreditSpecificationNotSupported,
          fmt::format("The {} instance type does not support T2 Unlimited.", type)};
}
// [?] no capture: the common "Value (x) for parameter y is invalid" form.
Error cpu_credits_invalid(std::string_view value) {
  return {C::kInvalidParameterValue,
          fmt::format("Value ({}) for parameter cpuCredits is invalid. Valid values are standard "
                      "and unlimited.",
                      value)};
}
// [?] no capture; the code is one the API reference lists for ModifyInstanceCreditSpecification.
Error credits_incorrect_state(std::string_view instance_id) {
  return {C::kIncorrectInstanceState,
          fmt::format("The instance '{}' is not in a state from which its credit option can be "
                      "modified.",
                      instance_id)};
}
// [?] no capture: the common "Value (x) for parameter y is invalid" form, with the values the API
// reference lists.
Error metadata_option_invalid(std::string_view parameter, std::string_view value) {
  return {C::kInvalidParameterValue,
          fmt::format("Value ({}) for parameter {} is invalid.", value, parameter)};
}
// [?] no capture; the range is the API reference's ("Integers from 1 to 64").
Error hop_limit_invalid(std::int64_t value) {
  return {C::kInvalidParameterValue,
          fmt::format("Value ({}) for parameter HttpPutResponseHopLimit is invalid. Valid values "
                      "are integers from 1 to 64.",
                      value)};
}
// [?] no capture: ModifyInstanceMetadataOptions naming no option, worded as
// ModifyInstanceAttribute's real "No attributes specified.".
Error no_metadata_options() {
  return {C::kInvalidParameterCombination, "No instance metadata options specified."};
}
// [?] no capture: the code the API reference lists for state refusals.
Error metadata_incorrect_state(std::string_view instance_id, std::string_view state) {
  return {C::kIncorrectInstanceState,
          fmt::format("The instance '{}' is in the '{}' state; its metadata options cannot be "
                      "modified.",
                      instance_id, state)};
}
// [?] no capture: the code the API reference lists for state refusals.
Error groups_incorrect_state(std::string_view instance_id, std::string_view state) {
  return {C::kIncorrectInstanceState,
          fmt::format("The instance '{}' is in the '{}' state; its security groups cannot be "
                      "changed.",
                      instance_id, state)};
}
// Real code and text (UG "Troubleshoot Amazon EC2 instance launch issues", "Launching an
// IMDSv1-enabled instance fails"; the same text for a modification, UG "Modify instance metadata
// options for existing instances").
Error imdsv1_enforced() {
  return {C::kUnsupportedOperation,
          "You can't launch instances with IMDSv1 because httpTokensEnforced is enabled for this "
          "account. Either launch the instance with httpTokens=required or contact your account "
          "owner to disable httpTokensEnforced using the ModifyInstanceMetadataDefaults API or "
          "the account settings in the EC2 console."};
}
// Real text for a type the Region does not offer (hashicorp/terraform-provider-aws#9113: t2.micro
// in ap-east-1).
Error type_not_offered_in_region() {
  return {C::kUnsupported,
          "The requested configuration is currently not supported. Please check the "
          "documentation for supported configurations."};
}
// Real text (skyplane-project/skyplane#172, ned1313/Getting-Started-Terraform#44: t3.micro in
// us-east-1e, "... or choosing us-east-1a, us-east-1b, us-east-1c, us-east-1d, us-east-1f.").
Error type_not_offered_in_zone(std::string_view type, std::string_view zone,
                               const std::vector<std::string>& offering_zones) {
  return {C::kUnsupported,
          fmt::format("Your requested instance type ({}) is not supported in your requested "
                      "Availability Zone ({}). Please retry your request by not specifying an "
                      "Availability Zone or choosing {}.",
                      type, zone, fmt::join(offering_zones, ", "))};
}
Error unknown_instance_type_attribute(std::string_view type) {
  return {C::kInvalidInstanceAttributeValue,
          fmt::format("Invalid value '{}' for InstanceType.", type)};
}
// [?] no source for this text.
Error type_lacks_architecture(std::string_view type, std::string_view architecture,
                              std::string_view instance_id) {
  return {C::kInvalidInstanceAttributeValue,
          fmt::format("The instance type '{}' does not support the architecture '{}' of instance "
                      "'{}'.",
                      type, architecture, instance_id)};
}
// [?] text.
Error device_not_mapped(std::string_view device) {
  return {C::kInvalidInstanceAttributeValue,
          fmt::format("No device is currently mapped at {}", device)};
}
Error missing_attribute_value() { return missing_parameter("Value"); }
Error attribute_change_not_simulated(std::string_view attribute) {
  return not_simulated(fmt::format("changing the instance attribute '{}'", attribute));
}
Error member_change_not_simulated(std::string_view member) {
  return not_simulated(fmt::format("changing {}", member));
}

// Real text [obs] REAL:29325044847, REAL:61102774951.
Error key_pair_not_found(std::string_view name) {
  return {C::kInvalidKeyPairNotFound, fmt::format("The key pair '{}' does not exist", name)};
}
Error key_pair_duplicate(std::string_view name) {
  return {C::kInvalidKeyPairDuplicate, fmt::format("The keypair '{}' already exists.", name)};
}
Error missing_key_name() { return missing_parameter("KeyName"); }
// Names are 1-255 ASCII characters (APIREF:CreateKeyPair "KeyName"). [?] texts for the name and
// the type: written in the "Value (...) for parameter ... is invalid." form EC2 uses for bad
// values.
Error key_name_invalid(std::string_view name) {
  return {C::kInvalidParameterValue,
          fmt::format("Value ({}) for parameter keyName is invalid. Length must be 1-255 ASCII "
                      "characters.",
                      name)};
}
Error key_type_invalid(std::string_view key_type) {
  return {C::kInvalidParameterValue,
          fmt::format("Value ({}) for parameter keyType is invalid. Valid values: rsa, ed25519",
                      key_type)};
}
// [?] text.
Error key_format_parameter_invalid(std::string_view key_format) {
  return {C::kInvalidParameterValue,
          fmt::format("Value ({}) for parameter KeyFormat is invalid. Valid values: pem, ppk.",
                      key_format)};
}
// The model makes PEM (OpenSSH-compatible) material only.
Error ppk_not_simulated() { return not_simulated("ppk key material"); }
Error missing_public_key_material() { return missing_parameter("PublicKeyMaterial"); }
// ImportKeyPair with a malformed key (the code's source is beside its table row).
Error key_format_invalid() {
  return {C::kInvalidKeyFormat, "Key is not in valid OpenSSH public key format"};
}
// [obs] "The security group 'sg-…' does not exist": RunInstances with a group ID of another
// Region (mitchellh/vagrant-aws#468) or one that does not exist (aws/aws-sdk-java#202).
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
Error missing_group_name() { return missing_parameter("GroupName"); }
Error missing_group_description() { return missing_parameter("GroupDescription"); }
Error missing_group_id() { return missing_parameter("GroupId"); }
// [?] texts for over-long values, in EC2's "Value (...) for parameter ..." form.
Error group_name_too_long(std::string_view name) {
  return {C::kInvalidParameterValue,
          fmt::format("Value ({}) for parameter GroupName is invalid. Length exceeds 255 "
                      "characters.",
                      name)};
}
Error group_description_too_long(std::string_view description) {
  return {C::kInvalidParameterValue,
          fmt::format("Value ({}) for parameter GroupDescription is invalid. Length exceeds 255 "
                      "characters.",
                      description)};
}
// Real text (pulumi/pulumi-awsx#328, with a request ID).
Error group_name_like_id(std::string_view name) {
  return {C::kInvalidParameterValue,
          fmt::format("Value ({}) for parameter GroupName is invalid. Group names may not be in "
                      "the format sg-*.",
                      name)};
}
// Real texts: a description beyond ASCII (terraform-provider-aws#43854, with a request ID) and
// one outside the VPC set (cds-snc/notification-terraform#561, with a request ID); the name's
// are the same sentences for GroupName, as an EC2-compatible cloud writes them (eucalyptus
// compute, NetworkGroupManager) [3p].
Error group_name_not_ascii(std::string_view name) {
  return {C::kInvalidParameterValue,
          fmt::format("Value ({}) for parameter GroupName is invalid. Character sets beyond ASCII "
                      "are not supported.",
                      name)};
}
Error group_description_not_ascii(std::string_view description) {
  return {C::kInvalidParameterValue,
          fmt::format("Value ({}) for parameter GroupDescription is invalid. Character sets beyond "
                      "ASCII are not supported.",
                      description)};
}
Error group_name_invalid() {
  return {C::kInvalidParameterValue,
          "Invalid security group name. Valid names are non-empty strings less than 256 "
          "characters from the following set:  a-zA-Z0-9. _-:/()#,@[]+=&;{}!$*"};
}
Error group_description_invalid() {
  return {C::kInvalidParameterValue,
          "Invalid security group description. Valid descriptions are strings less than 256 "
          "characters from the following set:  a-zA-Z0-9. _-:/()#,@[]+=&;{}!$*"};
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

// [?] code and text for the rest of the launch template errors.
Error missing_launch_template() {
  return missing_parameter("LaunchTemplateId or LaunchTemplateName");
}
// The text is EC2's (aws-cloudformation-user-guide#453 quotes it with its MissingParameter
// code) [obs].
Error missing_launch_template_data() {
  return {C::kMissingParameter,
          "No launch template data was provided. Launch template data is required to create a "
          "launch template."};
}
// APIREF: "but not both".
Error launch_template_id_and_name() {
  return {C::kInvalidParameterCombination,
          "You must specify either the launch template ID or the launch template name, but not "
          "both."};
}
// AWS's answer to a version that is neither a number nor $Latest/$Default is not documented;
// written in the "Invalid value" style.
Error launch_template_version_invalid(std::string_view version) {
  return {C::kInvalidParameterValue,
          fmt::format("Invalid value '{}' for launch template version. Specify a version number, "
                      "$Latest or $Default.",
                      version)};
}
Error version_bound_invalid(std::string_view bound) {
  return {C::kInvalidParameterValue,
          fmt::format("Invalid value '{}' for MinVersion or MaxVersion.", bound)};
}
Error missing_launch_template_versions() { return missing_parameter("LaunchTemplateVersion"); }
Error too_many_versions_to_delete(long max_versions) {
  return {C::kInvalidParameterValue,
          fmt::format("You can delete up to {} launch template versions in a single request.",
                      max_versions)};
}
Error launch_template_description_too_long() {
  return {C::kInvalidParameterValue,
          "The version description must be at most 255 characters long."};
}
Error launch_template_limit_exceeded(long max_templates) {
  return {C::kResourceLimitExceeded,
          fmt::format("You have reached the maximum of {} launch templates.", max_templates)};
}
Error launch_template_version_limit_exceeded(long max_versions) {
  return {C::kResourceLimitExceeded,
          fmt::format("A launch template can have at most {} versions.", max_versions)};
}

}  // namespace amisim::sim::errors
