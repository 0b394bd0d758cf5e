// Errors of images, Systems Manager public parameters and AWS Marketplace (errors.hpp). Sources:
// ../shared/reference/aws-facts.md §1.5, §2.4, §3; [?] marks texts no source confirms.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "sim/core/errors.hpp"

namespace amisim::sim::errors {
namespace {
using C = ErrorCode;
}  // namespace

// Text as moto writes it [3p]; an AMI ID is "ami-" + 17 hex (ERRCODES).
Error image_id_malformed(std::string_view id) {
  return {C::kInvalidAmiIdMalformed, fmt::format("Invalid id: \"{}\" (expecting \"ami-...\")", id)};
}
// Real text, brackets inside the quotes [obs] REAL:35228809710, REAL:66759562308.
Error image_not_found(std::string_view id) {
  return {C::kInvalidAmiIdNotFound, fmt::format("The image id '[{}]' does not exist", id)};
}
// Real texts (moto's AWS-verified test_ami_describe_non_existent): "The image id '[ami-abcd1234]'
// does not exist"; for several, "The image ids '[ami-abcd1234, ami-1234abcd]' do not exist".
Error images_not_found(const std::vector<std::string>& ids) {
  if (ids.size() == 1)
    return {C::kInvalidAmiIdNotFound, fmt::format("The image id '[{}]' does not exist", ids[0])};
  return {C::kInvalidAmiIdNotFound,
          fmt::format("The image ids '[{}]' do not exist", fmt::join(ids, ", "))};
}
// "AMI <id> is pending, and cannot be run." (Auto Scaling troubleshooting text, fact sheet §1.5).
Error image_unavailable(std::string_view id, std::string_view state) {
  return {C::kInvalidAmiIdUnavailable, fmt::format("AMI {} is {}, and cannot be run.", id, state)};
}
// Real text: "Not authorized for images: [ami-12cb8f72]".
Error image_not_authorized(std::string_view id) {
  return {C::kAuthFailure, fmt::format("Not authorized for images: [{}]", id)};
}
// Real text [obs] REAL:26742777719.
Error image_name_duplicate(std::string_view name, std::string_view existing_id) {
  return {C::kInvalidAmiNameDuplicate,
          fmt::format("AMI name {} is already in use by AMI {}", name, existing_id)};
}
// Real text (RegisterImage, an older quoted CLI error) [obs] REAL:14109233122.
Error image_name_malformed() {
  return {C::kInvalidAmiNameMalformed,
          "AMI names must be between 3 and 128 characters long, and may contain letters, numbers, "
          "'(', ')', '.', '-', '/' and '_'"};
}
// Owner-only image actions by another account. Text as an EC2-compatible cloud's tests assert it
// for DeregisterImage (outscale qa tests, "Not authorized for image:<id>") [3p].
Error image_not_owned(std::string_view id) {
  return {C::kAuthFailure, fmt::format("Not authorized for image:{}", id)};
}
// Deregistering twice: code as cleanup scripts catch it ("Already deleted") [3p]; text [?].
Error image_deregistered(std::string_view id) {
  return {C::kInvalidAmiIdUnavailable,
          fmt::format("The image '{}' is deregistered and no longer available.", id)};
}
// [?] No source gives the code or text (fact sheet §3.5, §8); OperationNotPermitted is what EC2
// answers for the analogous termination protection (fact sheet §1.5).
Error image_deregistration_protected(std::string_view id) {
  return {C::kOperationNotPermitted,
          fmt::format("The image '{}' has deregistration protection enabled and cannot be "
                      "deregistered. Disable deregistration protection and try again.",
                      id)};
}
Error missing_image_name() { return missing_parameter("name"); }
// [?] AWS's exact answer to EBS mappings without RootDeviceName is unconfirmed.
Error missing_root_device_name() { return missing_parameter("rootDeviceName"); }
// RegisterImage from an S3 manifest (outside the model); text [?].
Error s3_manifest_registration_unsupported() {
  return {C::kUnsupportedOperation,
          "Registering an instance store-backed AMI from an S3 manifest is not supported."};
}
// [?] text: AWS requires the root device among the mappings; no source quotes the message.
Error root_device_without_snapshot(std::string_view device) {
  return {C::kInvalidBlockDeviceMapping,
          fmt::format("The device name {} of the root device must have a block device mapping "
                      "with a snapshot.",
                      device)};
}
// CreateImage of an instance neither running nor stopped (fact sheet §3.3); the code is [?]:
// IncorrectInstanceState, as for every other state-dependent instance action; text [?].
Error cannot_create_image(std::string_view instance_id) {
  return {C::kIncorrectInstanceState,
          fmt::format("The instance '{}' is not in a state from which an image can be created.",
                      instance_id)};
}
// [?] text: AWS documents the rule, not the message.
Error create_image_mapping_changed(std::string_view device) {
  return {C::kInvalidBlockDeviceMapping,
          fmt::format("Only DeleteOnTermination can be modified for the block device mapping of "
                      "{} in CreateImage.",
                      device)};
}

// Image attributes (fact sheet §3.8).
Error missing_attribute() { return missing_parameter("attribute"); }
Error imds_support_invalid(std::string_view value) {
  return {C::kInvalidParameterValue,
          fmt::format("Value ({}) for parameter imdsSupport is invalid. Expected: 'v2.0'.", value)};
}
// The API reference: "currently you can only reset the launch permission attribute"; text [?].
Error attribute_not_resettable(std::string_view attribute) {
  return {C::kInvalidParameterValue,
          fmt::format("Value ({}) for parameter attribute is invalid. Only launchPermission can "
                      "be reset.",
                      attribute)};
}
// ERRCODES names the code for an invalid account ID; the text is [?].
Error launch_permission_user_invalid(std::string_view account) {
  return {C::kInvalidAmiAttributeItemValue,
          fmt::format("Invalid attribute item value \"{}\" for userId item type.", account)};
}
// Images with product codes or encrypted snapshots cannot be public (fact sheet §3.8); texts [?].
Error public_image_with_product_codes(std::string_view id) {
  return {C::kInvalidParameterValue,
          fmt::format("Image {} has product codes and cannot be made public.", id)};
}
Error public_image_with_encrypted_snapshots(std::string_view id) {
  return {C::kInvalidParameterValue,
          fmt::format("Image {} has encrypted snapshots and cannot be made public.", id)};
}
// The launch permission's group and operation as the wire spells them; [?] texts, in the
// "Value (...) for parameter ... is invalid." form.
// A launch permission group other than "all": an item of the image attribute that is not valid
// (ERRCODES InvalidAMIAttributeItemValue, "The value of an item added to, or removed from, an
// image attribute is not valid"); the text follows the userId one's pattern [?].
Error launch_permission_group_invalid(std::string_view group) {
  return {C::kInvalidAmiAttributeItemValue,
          fmt::format("Invalid attribute item value \"{}\" for group item type.", group)};
}
Error image_operation_type_invalid(std::string_view operation_type) {
  return {C::kInvalidParameterValue,
          fmt::format("Value ({}) for parameter OperationType is invalid. Expected: add, remove.",
                      operation_type)};
}
// Organization and OU shares are not modelled (amisim has no AWS Organizations).
Error organization_sharing_unsupported() {
  return {C::kUnsupportedOperation,
          "Sharing images with organizations or organizational units is not supported by "
          "amisim."};
}
// ModifyImageAttribute ProductCodes: the API model documents it as "Not supported"; refused [?].
Error product_codes_unsupported() {
  return {C::kUnsupportedOperation, "Adding product codes to an image is not supported."};
}

// Deprecation (fact sheet §3.6). Texts [?]: the rules are documented, the messages are not.
Error deprecation_time_in_past(std::string_view at) {
  return {C::kInvalidParameterValue,
          fmt::format("The deprecation time {} cannot be in the past.", at)};
}
Error deprecation_time_too_far(std::string_view at) {
  return {C::kInvalidParameterValue,
          fmt::format("The deprecation time {} cannot be more than 10 years in the future.", at)};
}
Error public_deprecation_time_too_far(std::string_view at) {
  return {C::kInvalidParameterValue,
          fmt::format("The deprecation time {} of a public image cannot be more than 2 years "
                      "after its creation.",
                      at)};
}
// DisableImage/EnableImage (fact sheet §3.7). [?] code and text: AWS documents which states can
// be disabled or enabled, not the refusal.
Error cannot_disable_image(std::string_view id, std::string_view state) {
  return {C::kIncorrectState,
          fmt::format("The image '{}' is {} and cannot be disabled.", id, state)};
}
Error cannot_enable_image(std::string_view id, std::string_view state) {
  return {C::kIncorrectState,
          fmt::format("The image '{}' is {} and cannot be enabled.", id, state)};
}

// RunInstances with "resolve:ssm:NAME" for a parameter that does not exist: code and text as two
// independent users quote EC2's answer (docs 59666948599, 60573578572) [3p].
Error ssm_invalid_parameter(std::string_view name) {
  return {C::kSsmInvalidParameter, fmt::format("The following aliases are invalid: {}", name)};
}
// SSM GetParameter: AWS sends no message (aws-solutions/aws-control-tower-customizations#68 shows
// an empty one) [3p].
Error parameter_not_found(std::string_view /*name*/) { return {C::kParameterNotFound, ""}; }
// [?] text.
Error parameter_version_not_found(std::string_view name, std::string_view version) {
  return {C::kParameterVersionNotFound,
          fmt::format("Systems Manager could not find version {} of {}. Verify the version and "
                      "try again.",
                      version, name)};
}

// Real text and HTTP 401 (fact sheet §1.5: [obs] REAL:24611433770; also quoted in
// PaloAltoNetworks/aws-transit-vpc#1).
Error marketplace_opt_in_required(std::string_view product_code) {
  return {C::kOptInRequired,
          fmt::format("In order to use this AWS Marketplace product you need to accept terms and "
                      "subscribe. To do so please visit "
                      "https://aws.amazon.com/marketplace/pp?sku={}",
                      product_code)};
}
// Real code and text for an instance type (or Region) the product does not support: "Error
// Code: UnsupportedOperation", Status Code 400 (F5Networks/f5-aws-cloudformation#115, #117;
// ansible/workshops#378, #1828). An older variant named the product page instead of "the AWS
// Marketplace site" (SungardAS/enhanced-snapshots#68, 2016).
Error marketplace_unsupported_configuration() {
  return {C::kUnsupportedOperation,
          "The instance configuration for this AWS Marketplace product is not supported. Please "
          "see the AWS Marketplace site for more information about supported instance types, "
          "regions, and operating systems."};
}
// The control plane's answer for a product code the fixtures do not list (amisim only) [?].
Error unknown_marketplace_product(std::string_view product_code) {
  return {C::kInvalidParameterValue,
          fmt::format("No AWS Marketplace product has the code '{}'.", product_code)};
}

// issue 17: image references, lineage, block public access
// [?] texts: AWS documents the rules (APIREF:DescribeImageReferences: 1-10 ImageIds; "Either
// IncludeAllResourceTypes or ResourceTypes must be specified"; options valid only for ec2:Instance
// and ec2:LaunchTemplate) but quotes no error; the codes are EC2's usual ones for such input.
Error image_references_too_many_ids(long count, long maximum) {
  return {C::kInvalidParameterValue,
          fmt::format("Value ({}) for parameter ImageId is invalid. At most {} image IDs may be "
                      "specified.",
                      count, maximum)};
}
Error image_references_no_resource_types() {
  return {C::kMissingParameter,
          "Either IncludeAllResourceTypes or ResourceTypes must be specified."};
}
Error image_reference_type_invalid(std::string_view type) {
  return {C::kInvalidParameterValue,
          fmt::format("Value ({}) for parameter ResourceType is invalid. Valid values: "
                      "ec2:Instance | ec2:LaunchTemplate | ssm:Parameter | "
                      "imagebuilder:ImageRecipe | imagebuilder:ContainerRecipe",
                      type)};
}
Error image_reference_option_invalid(std::string_view type, std::string_view option) {
  return {C::kInvalidParameterValue,
          fmt::format("The option ({}) is not valid for resource type {}.", option, type)};
}
Error image_reference_option_value_invalid(std::string_view option, std::string_view value,
                                           std::string_view valid) {
  return {
      C::kInvalidParameterValue,
      fmt::format("Value ({}) for option {} is invalid. Valid values: {}", value, option, valid)};
}
// [?] text, in EC2's enum wording; the model's ImageBlockPublicAccessEnabledState has one value.
Error image_block_public_access_state_invalid(std::string_view state) {
  return {C::kInvalidParameterValue,
          fmt::format("Value ({}) for parameter ImageBlockPublicAccessState is invalid. Valid "
                      "values: block-new-sharing",
                      state)};
}
// Real code and text, apostrophe as AWS writes it [obs] hortonworks/cloudbreak-images#926
// (scripts/img-copy.sh quotes "An error occurred (OperationNotPermitted) when calling the
// ModifyImageAttribute operation: ...").
Error public_image_sharing_blocked() {
  return {C::kOperationNotPermitted,
          "You can\u2019t publicly share this image because block public access for AMIs is "
          "enabled for this account. To publicly share the image, you must call the "
          "DisableImageBlockPublicAccess API."};
}

}  // namespace amisim::sim::errors
