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

// [?] texts.
Error object_key_length() {
  return {C::kInvalidArgument, "Object keys must be 1 to 1,024 bytes long."};
}
Error object_metadata_invalid(std::string_view name) {
  return {C::kInvalidArgument,
          fmt::format("The metadata {} is not valid: a name is an HTTP token, a value may not hold "
                      "control characters other than tab, line feed and carriage return.",
                      name)};
}
Error content_type_invalid() {
  return {C::kInvalidArgument, "The Content-Type may hold only printable ASCII characters."};
}
Error object_key_not_supported() {
  return {C::kInvalidArgument,
          "Object keys may not hold control characters other than tab, line feed and carriage "
          "return, U+FFFE or U+FFFF."};
}
Error max_keys_negative() { return {C::kInvalidArgument, "max-keys cannot be negative"}; }
Error continuation_token_invalid() {
  return {C::kInvalidArgument, "The continuation token provided is incorrect"};
}

// Store and restore (fact sheet §6: UG23:ami-store-restore.md); texts [?] unless cited.
Error missing_bucket() { return missing_parameter("Bucket"); }
Error missing_object_key() { return missing_parameter("ObjectKey"); }
Error task_bucket_unusable(std::string_view bucket, std::string_view region) {
  return {C::kInvalidParameterValue,
          fmt::format("The S3 bucket '{}' does not exist in {} or you do not have access to it.",
                      bucket, region)};
}
// Also VM Import/Export. [obs] aws/aws-cli#8873 (ImportImage).
Error service_role_invalid(std::string_view role) {
  return {C::kInvalidParameter,
          fmt::format("The service role {} provided does not exist or does not have sufficient "
                      "permissions",
                      role)};
}
// Owned, or shared with the account directly: public sharing is not enough (fact sheet §6).
Error store_needs_direct_share(std::string_view image_id) {
  return {C::kInvalidRequest,
          fmt::format("The AMI {} must be owned by you or shared with your account directly to "
                      "be stored in Amazon S3.",
                      image_id)};
}
Error store_needs_ebs() {
  return {C::kInvalidRequest, "Only EBS-backed AMIs can be stored in Amazon S3."};
}
Error store_of_paravirtual() {
  return {C::kInvalidRequest, "Paravirtual (PV) AMIs cannot be stored in Amazon S3."};
}
Error store_too_large() {
  return {C::kInvalidRequest, "The AMI is larger than 5,000 GB and cannot be stored in Amazon S3."};
}
Error store_limit_exceeded() {
  return {C::kResourceLimitExceeded,
          "You have reached the limit of AMI data being stored to Amazon S3 at the same time. "
          "Wait for a store task to complete and try again."};
}
Error store_tasks_ids_with_max_results() {
  return {C::kInvalidParameterCombination,
          "The parameter ImageIds cannot be used with the parameter MaxResults"};
}
Error stored_object_not_found(std::string_view key, std::string_view bucket) {
  return {C::kInvalidParameterValue,
          fmt::format("The object '{}' does not exist in the S3 bucket '{}'.", key, bucket)};
}
Error object_not_stored_image(std::string_view key) {
  return {C::kInvalidParameterValue,
          fmt::format("The object '{}' is not an AMI stored by CreateStoreImageTask.", key)};
}
Error restore_from_s3_limit_exceeded() {
  return {C::kResourceLimitExceeded,
          "You have reached the limit of AMI data being restored from Amazon S3 at the same "
          "time. Wait for a restore to complete and try again."};
}

// VM Import (fact sheet §6); texts [?] unless cited.
Error missing_disk_containers() { return missing_parameter("DiskContainers"); }
Error missing_disk_container() { return missing_parameter("DiskContainer"); }
Error missing_user_bucket() { return missing_parameter("DiskContainer.UserBucket"); }
Error missing_user_bucket_name() { return missing_parameter("UserBucket.S3Bucket"); }
Error missing_user_bucket_key() { return missing_parameter("UserBucket.S3Key"); }
Error snapshot_id_in_snapshot_import() {
  return {C::kInvalidParameter, "DiskContainer.SnapshotId is not supported here."};
}
Error disk_url_invalid(std::string_view url) {
  return {C::kInvalidParameter,
          fmt::format("The URL {} is not an Amazon S3 URL of a disk image.", url)};
}
Error image_disk_format_unsupported(std::string_view format) {
  return {C::kInvalidParameterValue,
          fmt::format("Unsupported disk image format '{}'. Supported formats: OVA, VMDK, VHD, "
                      "VHDX, RAW.",
                      format)};
}
Error snapshot_disk_format_unsupported(std::string_view format) {
  return {C::kInvalidParameterValue,
          fmt::format("Unsupported disk image format '{}'. Supported formats: VMDK, VHD, VHDX, "
                      "RAW.",
                      format)};
}
Error disk_bucket_elsewhere(std::string_view bucket, std::string_view bucket_region,
                            std::string_view region) {
  return {C::kInvalidParameter,
          fmt::format("The S3 bucket {} is in {}; the disk image must be in a bucket in {}.",
                      bucket, bucket_region, region)};
}
Error disk_object_not_found(std::string_view bucket, std::string_view key) {
  return {C::kInvalidParameter,
          fmt::format("The S3 object s3://{}/{} does not exist.", bucket, key)};
}
Error too_many_import_disks() {
  return {C::kInvalidParameterValue, "A VM can have at most 21 volumes."};
}
Error import_architecture_invalid(std::string_view architecture) {
  return {C::kInvalidParameterValue,
          fmt::format("Value ({}) for parameter Architecture is invalid.", architecture)};
}
Error import_platform_invalid(std::string_view platform) {
  return {C::kInvalidParameterValue,
          fmt::format("Value ({}) for parameter Platform is invalid.", platform)};
}
// The rule: fact sheet §6.
Error import_boot_mode_unsupported() {
  return {C::kInvalidParameterValue, "The boot mode uefi-preferred is not supported for imports."};
}
Error missing_import_task_id() { return missing_parameter("ImportTaskId"); }
Error import_task_id_malformed(std::string_view id) {
  return {C::kInvalidConversionTaskIdMalformed,
          fmt::format("The import task ID '{}' is malformed.", id)};
}
Error import_task_not_found(std::string_view id) {
  return {C::kInvalidConversionTaskId, fmt::format("The import task ID '{}' does not exist.", id)};
}
Error import_task_not_cancellable(std::string_view id, std::string_view status) {
  return {C::kInvalidConversionTaskId,
          fmt::format("The import task {} cannot be cancelled in state {}.", id, status)};
}

// VM Export (fact sheet §6 gives the rules); texts [?] unless cited.
Error missing_export_location() { return missing_parameter("S3ExportLocation"); }
Error missing_disk_image_format() { return missing_parameter("DiskImageFormat"); }
Error missing_export_bucket() { return missing_parameter("S3ExportLocation.S3Bucket"); }
Error export_format_invalid(std::string_view format) {
  return {C::kInvalidParameterValue,
          fmt::format("Value ({}) for parameter DiskImageFormat is invalid. Valid values: VMDK, "
                      "VHD, RAW.",
                      format)};
}
// [obs] aws/aws-sdk#203.
Error marketplace_image_not_exportable(std::string_view image_id) {
  return {C::kNotExportable,
          fmt::format("The image ID provided ({}) is a marketplace AMI and is not exportable.",
                      image_id)};
}
// [obs] aws/aws-cli#6779 (the instance variant).
Error foreign_snapshot_not_exportable(std::string_view snapshot_id) {
  return {C::kNotExportable,
          fmt::format("The snapshot ID ({}) of the image neither is owned by current user nor "
                      "had been previously imported through VMIE.",
                      snapshot_id)};
}
Error encrypted_image_not_exportable(std::string_view image_id) {
  return {C::kNotExportable,
          fmt::format("The image {} has encrypted snapshots and cannot be exported.", image_id)};
}
Error large_image_not_exportable(std::string_view image_id) {
  return {
      C::kNotExportable,
      fmt::format("The image {} has a volume larger than 1 TiB and cannot be exported.", image_id)};
}
Error aws_software_not_exportable(std::string_view image_id) {
  return {C::kNotExportable,
          fmt::format("The image {} contains third-party software provided by AWS and is not "
                      "exportable.",
                      image_id)};
}
// Code [?] too.
Error export_in_progress(std::string_view image_id) {
  return {C::kResourceLimitExceeded,
          fmt::format("An export task for {} is already in progress.", image_id)};
}
Error export_limit_exceeded(long limit) {
  return {C::kResourceLimitExceeded,
          fmt::format("You have reached the limit of {} concurrent export tasks.", limit)};
}
Error export_task_not_found(std::string_view id) {
  return {C::kInvalidExportTaskIdNotFound,
          fmt::format("The export task ID '{}' does not exist.", id)};
}

}  // namespace amisim::sim::errors
