// Every AWS error the simulator can return, in two parts:
//  - the table (errors.cpp): one row per ErrorCode with the AWS code string and the HTTP status,
//    nothing else;
//  - the named constructors below, one per situation: each writes its own message, as real AWS
//    writes it where a source quotes it, with that source cited beside it (the fact sheet,
//    ../shared/reference/aws-facts.md §1.5, and others; [?] marks texts no source confirms).
// Call sites use the named constructors and never write message text: a new situation gets a new
// constructor. The constructors live in errors.cpp (common ones) and errors_<family>.cpp.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace amisim::sim {

enum class ErrorCode {
  // Common to every action.
  kAuthFailure,
  kDryRunOperation,
  kFilterLimitExceeded,
  kIdempotentParameterMismatch,
  kIdempotentInstanceTerminated,
  kInvalidAction,
  kInvalidFilter,
  kInvalidPaginationToken,
  kInvalidParameter,
  kInvalidParameterCombination,
  kInvalidParameterValue,
  kInvalidRequest,
  kInvalidUserIdMalformed,
  kMissingParameter,
  kOperationNotPermitted,
  kOptInRequired,
  kResourceLimitExceeded,
  kUnauthorizedOperation,
  kUnknownParameter,
  kUnsupportedOperation,
  kUnsupported,
  // Images.
  kInvalidAmiIdMalformed,
  kInvalidAmiIdNotFound,
  kInvalidAmiIdUnavailable,
  kInvalidAmiNameDuplicate,
  kInvalidAmiNameMalformed,
  kInvalidAmiAttributeItemValue,
  kInvalidBlockDeviceMapping,
  // Instances.
  kIncorrectInstanceState,
  kInvalidInstanceIdMalformed,
  kInvalidInstanceIdNotFound,
  kInvalidInstanceAttributeValue,
  kInstanceLimitExceeded,
  kInstanceCreditSpecificationNotSupported,
  // Key pairs and security groups.
  kInvalidKeyPairDuplicate,
  kInvalidKeyPairFormat,
  kInvalidKeyPairNotFound,
  kInvalidGroupDuplicate,
  kInvalidGroupIdMalformed,
  kInvalidGroupNotFound,
  kInvalidGroupReserved,
  kCannotDelete,
  kDependencyViolation,
  kInvalidKeyFormat,
  kInvalidVpcIdNotFound,
  // Security group rules (sim/instances/security_group_rules.hpp).
  kInvalidPermissionDuplicate,
  kInvalidPermissionMalformed,
  kInvalidPermissionNotFound,
  kRulesPerSecurityGroupLimitExceeded,
  kInvalidSecurityGroupRuleIdMalformed,
  kInvalidSecurityGroupRuleIdNotFound,
  kInvalidPrefixListIdMalformed,
  // EBS.
  kIncorrectState,
  kInvalidAttachmentNotFound,
  kInvalidSnapshotInUse,
  kInvalidSnapshotMalformed,
  kInvalidSnapshotNotFound,
  kInvalidVolumeMalformed,
  kInvalidVolumeNotFound,
  kInvalidVolumeZoneMismatch,
  kVolumeInUse,
  // Tags.
  kInvalidId,
  kTagLimitExceeded,
  // Systems Manager public parameters (sim/images/ssm.hpp).
  kSsmInvalidParameter,
  kParameterNotFound,
  kParameterVersionNotFound,
  // Launch templates (sim/instances/launch_templates.hpp).
  kInvalidLaunchTemplateIdMalformed,
  kInvalidLaunchTemplateIdNotFound,
  kInvalidLaunchTemplateIdVersionNotFound,
  kInvalidLaunchTemplateNameAlreadyExists,
  kInvalidLaunchTemplateNameMalformed,
  kInvalidLaunchTemplateNameNotFound,
  // Copies (sim/copies/copies.hpp).
  kInvalidRegion,
  kInvalidParameterDependency,
  // S3 (sim/s3/s3.hpp). S3 writes its own XML error document (api/s3); codes and statuses from the
  // S3 API reference's error list ("Error responses", ErrorCodeList).
  kNoSuchBucket,
  kNoSuchKey,
  kBucketAlreadyExists,
  kBucketAlreadyOwnedByYou,
  kBucketNotEmpty,
  kInvalidBucketName,
  kIllegalLocationConstraintException,
  kAccessDenied,
  kInvalidArgument,
  kInvalidLocationConstraint,
  // The network (sim/network/).
  kInvalidVpcIdMalformed,
  kInvalidVpcRange,
  kDefaultVpcAlreadyExists,
  kInvalidSubnetIdMalformed,
  kInvalidSubnetIdNotFound,
  kInvalidSubnetRange,
  kInvalidSubnetConflict,
  kInvalidInternetGatewayIdMalformed,
  kInvalidInternetGatewayIdNotFound,
  kResourceAlreadyAssociated,
  kGatewayNotAttached,
  kInvalidRouteTableIdMalformed,
  kInvalidRouteTableIdNotFound,
  kInvalidNetworkAclIdMalformed,
  kInvalidNetworkAclIdNotFound,
  kInvalidNetworkInterfaceIdMalformed,
  kInvalidNetworkInterfaceIdNotFound,
  kInvalidAllocationIdMalformed,
  kInvalidAllocationIdNotFound,
  kInvalidAssociationIdNotFound,
  kInvalidAddressNotFound,
  kInvalidIpAddressInUse,
  kInsufficientFreeAddressesInSubnet,
  kAddressLimitExceeded,
  kVpcLimitExceeded,
  kVpcIdNotSpecified,
  // Store/restore, VM Import/Export (sim/s3/image_tasks.hpp).
  kInvalidConversionTaskIdMalformed,
  kInvalidConversionTaskId,
  kInvalidExportTaskIdNotFound,
  kNotExportable,
  // The Account API (sim/regions/opt_in.hpp; api/account writes restJson1 errors): codes and
  // statuses from botocore's account 2021-02-01 service model.
  kAccountValidationException,
  kAccountConflictException,
  kAccountAccessDeniedException,
  // DescribeInstanceTypes (sim/instances/instance_types.hpp).
  kInvalidInstanceType,
  // issue 17: the Recycle Bin's rbin API (sim/rbin/rbin.hpp; api/rbin writes restJson1 errors):
  // codes and statuses from botocore's rbin 2021-06-15 service model. Its ValidationException
  // (400) and ConflictException (409) are the Account API's rows above: one row per code string.
  kRbinResourceNotFoundException,
  kRbinServiceQuotaExceededException,
  // issue 17: snapshot lock and block public access
  kSnapshotLocked,
  // issue 18: Data Lifecycle Manager's dlm API (sim/dlm/dlm.hpp; api/dlm writes restJson1
  // errors): codes and statuses from botocore's dlm 2018-01-12 service model. Its
  // ResourceNotFoundException (404) is the Recycle Bin's row above.
  kDlmInvalidRequestException,
  kDlmLimitExceededException,
  kCount  // not a code: how many there are (keep last; the table has a row for each above)
};

// One row of the table.
struct ErrorInfo {
  ErrorCode code;
  std::string_view name;  // the AWS code string, e.g. "InvalidAMIID.NotFound"
  int http_status;        // 400 unless AWS says otherwise
};

// The whole table, in ErrorCode order.
const std::vector<ErrorInfo>& error_table();
const ErrorInfo& error_info(ErrorCode code);

// An AWS error: a code and the message EC2 would write. Built only by the named constructors.
struct Error {
  ErrorCode code = ErrorCode::kInvalidRequest;
  std::string message;

  std::string_view name() const { return error_info(code).name; }
  int http_status() const { return error_info(code).http_status; }
  bool is(ErrorCode c) const { return code == c; }
};

// Named constructors, one per situation. Each returns the error AWS returns in that situation.
namespace errors {

// --- Common to every action (errors.cpp) ---------------------------------------------------
Error dry_run();
// The parameter's name arrives at run time from the wire layer's input accessors (and from the
// named missing_* constructors, which fix it per situation).
Error missing_parameter(std::string_view name);
Error invalid_action(std::string_view action);
Error unknown_parameter(std::string_view name);
Error invalid_filter(std::string_view filter_name);
Error filter_limit_exceeded(long max_values);
Error invalid_pagination_token(std::string_view token);
Error invalid_user_id_malformed(std::string_view id);
Error idempotent_parameter_mismatch(std::string_view token);
Error idempotent_instance_terminated(std::string_view token);
// MaxResults outside an operation's range, in the operation's words (sim/core/query.hpp).
Error max_results_too_small(long value, long minimum);
Error max_results_too_large(long value, long maximum);
Error max_results_allowed_between(long minimum, long maximum);
Error max_results_not_between(long value, long minimum, long maximum);
Error max_results_with_ids(std::string_view ids_set_name);
Error invalid_id(std::string_view id);
Error unknown_attribute(std::string_view attribute);
Error missing_image_id();

// What amisim does not model, answered as EC2 answers what it does not support.
Error parameter_not_supported(std::string_view name);

// Regions, Availability Zones and tags.
Error region_name_invalid(std::string_view name);
Error zone_not_found(std::string_view zone);
Error zone_name_not_found(std::string_view name);
Error zone_id_not_found(std::string_view zone_id);
Error tag_key_reserved();
Error tag_key_length(long max_length);
Error tag_value_too_long(long max_length);
Error tag_limit_exceeded();
Error tag_resource_type_invalid(std::string_view resource_type);
Error missing_resource_ids();
Error missing_tags();

// User text (sim/core/text.hpp): a character XML 1.0 cannot carry, an idempotency token that is
// not short ASCII.
Error text_not_supported(std::string_view parameter, std::string_view value);
Error client_token_invalid(std::string_view token, long max_length);

// --- Images, SSM parameters and AWS Marketplace (errors_images.cpp) ------------------------
Error image_id_malformed(std::string_view id);
Error image_not_found(std::string_view id);
Error images_not_found(const std::vector<std::string>& ids);
Error image_unavailable(std::string_view id, std::string_view state);
Error image_not_authorized(std::string_view id);
Error image_name_duplicate(std::string_view name, std::string_view existing_id);
Error image_name_malformed();
Error image_not_owned(std::string_view id);
Error image_deregistered(std::string_view id);
Error image_deregistration_protected(std::string_view id);
Error missing_image_name();
Error missing_root_device_name();
Error s3_manifest_registration_unsupported();
Error root_device_without_snapshot(std::string_view device);
Error cannot_create_image(std::string_view instance_id);
Error create_image_mapping_changed(std::string_view device);
Error missing_attribute();
Error imds_support_invalid(std::string_view value);
Error attribute_not_resettable(std::string_view attribute);
Error launch_permission_user_invalid(std::string_view account);
Error launch_permission_group_invalid(std::string_view group);
Error image_operation_type_invalid(std::string_view operation_type);
Error organization_sharing_unsupported();
Error product_codes_unsupported();
Error public_image_with_product_codes(std::string_view id);
Error public_image_with_encrypted_snapshots(std::string_view id);
Error deprecation_time_in_past(std::string_view at);
Error deprecation_time_too_far(std::string_view at);
Error public_deprecation_time_too_far(std::string_view at);
Error cannot_disable_image(std::string_view id, std::string_view state);
Error cannot_enable_image(std::string_view id, std::string_view state);

Error ssm_invalid_parameter(std::string_view name);
Error parameter_not_found(std::string_view name);
Error parameter_version_not_found(std::string_view name, std::string_view version);

Error marketplace_opt_in_required(std::string_view product_code);
Error marketplace_unsupported_configuration();
Error unknown_marketplace_product(std::string_view product_code);

// --- Instances, key pairs, security groups, launch templates (errors_instances.cpp) ---------
Error instance_id_malformed(std::string_view id);
Error instance_not_found(std::string_view id);
Error instances_not_found(const std::vector<std::string>& ids);
Error cannot_start(std::string_view id);
Error cannot_stop(std::string_view id);
Error cannot_reboot(std::string_view id);
Error not_stopped_for_modify(std::string_view id);
// Termination or stop protection (OperationNotPermitted): "The instance 'i-...' may not be
// terminated. Modify its 'disableApiTermination' instance attribute and try again." (real EC2
// text quoted by AWS's own lab guides and by tools that match it; `action` is "terminated" or
// "stopped", `attribute` the protection's name.)
Error instance_protected(std::string_view id, std::string_view action, std::string_view attribute);
// InstanceInitiatedShutdownBehavior other than stop or terminate: InvalidParameterValue [?] text.
Error shutdown_behavior_invalid(std::string_view value);
Error instance_limit_exceeded(long allowed, long requested);
Error missing_instance_ids();
Error max_count_too_small();
Error min_count_too_small();
Error min_count_above_max();
Error unknown_instance_type(std::string_view type);
Error architecture_mismatch(const std::vector<std::string>& type_architectures,
                            std::string_view image_architecture);
Error user_data_too_large(long max_bytes);
Error missing_mapping_size();
Error no_attributes_specified();
Error unknown_instance_type_attribute(std::string_view type);
Error credits_not_supported(std::string_view type);
Error cpu_credits_invalid(std::string_view value);
Error credits_incorrect_state(std::string_view instance_id);
// Instance metadata options (sim/instances/metadata_options.hpp).
Error metadata_option_invalid(std::string_view parameter, std::string_view value);
Error hop_limit_invalid(std::int64_t value);
Error no_metadata_options();
Error metadata_incorrect_state(std::string_view instance_id, std::string_view state);
Error imdsv1_enforced();
Error groups_incorrect_state(std::string_view instance_id, std::string_view state);
Error type_not_offered_in_region();
Error type_not_offered_in_zone(std::string_view type, std::string_view zone,
                               const std::vector<std::string>& offering_zones);
Error type_lacks_architecture(std::string_view type, std::string_view architecture,
                              std::string_view instance_id);
Error device_not_mapped(std::string_view device);
Error missing_min_count();
Error missing_max_count();
Error missing_attribute_value();
Error attribute_change_not_simulated(std::string_view attribute);
Error member_change_not_simulated(std::string_view member);

Error key_pair_not_found(std::string_view name);
Error key_pair_duplicate(std::string_view name);
Error key_format_invalid();
Error missing_key_name();
Error key_name_invalid(std::string_view name);
Error key_type_invalid(std::string_view key_type);
Error key_format_parameter_invalid(std::string_view key_format);
Error ppk_not_simulated();
Error missing_public_key_material();
Error group_not_found(std::string_view id_or_name);
Error group_name_not_found_in_vpc(std::string_view name, std::string_view vpc_id);
Error group_duplicate(std::string_view name, std::string_view vpc_id);
Error group_id_malformed(std::string_view id);
Error group_reserved(std::string_view name);
Error cannot_delete_default_group();
Error group_dependency(std::string_view group_id);
Error vpc_not_found(std::string_view vpc_id);
Error missing_group_name();
Error missing_group_description();
Error missing_group_id();
Error group_name_too_long(std::string_view name);
Error group_description_too_long(std::string_view description);
Error group_name_like_id(std::string_view name);
Error group_name_not_ascii(std::string_view name);
Error group_description_not_ascii(std::string_view description);
Error group_name_invalid();
Error group_description_invalid();

// --- Security group rules (errors_security_groups.cpp) ---------------------------------------
Error permission_duplicate(std::string_view rule_text);
Error permission_repeated();
Error permission_not_found();
Error rules_per_group_limit_exceeded();
Error cidr_malformed(std::string_view cidr);
Error protocol_unknown(std::string_view protocol);
Error protocol_missing();
Error ports_required(std::string_view protocol_kind);
Error port_out_of_range(long port);
Error port_range_reversed(long from_port, long to_port);
Error icmp_type_out_of_range(long type);
Error icmp_code_out_of_range(long code);
Error rule_source_missing();
Error source_group_id_missing();
Error rule_peer_ambiguous();
Error legacy_permission_with_ip_permissions(std::string_view parameter);
Error rule_ids_with_permissions();
Error groups_in_different_networks();
Error rule_id_malformed(std::string_view id);
Error rule_id_not_found(std::string_view id);
Error rule_description_invalid();
Error prefix_list_id_malformed(std::string_view id);

Error launch_template_id_malformed(std::string_view id);
Error launch_template_id_not_found(std::string_view id);
Error launch_template_name_not_found(std::string_view name);
Error launch_template_version_not_found(std::string_view version, std::string_view template_id);
Error launch_template_name_in_use();
Error launch_template_name_malformed();
Error missing_launch_template();
Error missing_launch_template_data();
Error launch_template_id_and_name();
Error launch_template_version_invalid(std::string_view version);
Error version_bound_invalid(std::string_view bound);
Error missing_launch_template_versions();
Error too_many_versions_to_delete(long max_versions);
Error launch_template_description_too_long();
Error launch_template_limit_exceeded(long max_templates);
Error launch_template_version_limit_exceeded(long max_versions);

// --- EBS: volumes, attachments, snapshots, the archive tier (errors_ebs.cpp) ----------------
Error volume_id_malformed(std::string_view id);
Error volume_not_found(std::string_view id);
Error volume_zone_mismatch(std::string_view volume_id, std::string_view instance_id);
Error volume_in_use(std::string_view volume_id, std::string_view instance_id);
Error volume_not_available(std::string_view volume_id);
Error volume_incorrect_state(std::string_view volume_id, std::string_view state);
Error attachment_not_found(std::string_view volume_id);
Error volume_detach_incorrect_state(std::string_view volume_id, std::string_view state);
Error instance_not_running_or_stopped(std::string_view instance_id);
// CreateSnapshots' InstanceSpecification (InvalidParameterValue; texts [?]).
Error snapshot_set_volume_not_attached(std::string_view volume_id, std::string_view instance_id);
// Iops or Throughput for a volume type that has none to provision: InvalidParameterCombination
// "The parameter iops is not supported for gp2 volumes." (real text, quoted by the Kubernetes
// EBS CSI driver's tests); `parameter` is "iops" or "throughput" (the latter's text [?]).
Error volume_parameter_not_supported(std::string_view parameter, std::string_view volume_type);
Error snapshot_set_root_excluded(std::string_view volume_id);
Error snapshot_set_empty(std::string_view instance_id);
Error volume_size_invalid(std::string_view volume_type, long size_gib, long limit_gib,
                          bool too_small);
Error volume_smaller_than_snapshot(long size_gib, std::string_view snapshot_id, long snapshot_gib);
Error block_device_too_small(long size_gib, std::string_view snapshot_id, long snapshot_gib);
Error device_in_use(std::string_view device);
Error device_name_invalid(std::string_view device);
Error root_volume_detach(std::string_view volume_id, std::string_view instance_id);
Error multi_attach_not_modelled();
Error missing_zone();
Error missing_volume_size();
Error missing_device();
Error volume_type_invalid(std::string_view volume_type);
Error snapshot_not_restorable(std::string_view snapshot_id, std::string_view state);

Error snapshot_id_malformed(std::string_view id);
Error snapshot_not_found(std::string_view id);
Error snapshot_in_use(std::string_view snapshot_id, std::string_view image_id);
Error snapshot_not_owned();
Error description_too_long(long max_length);
Error operation_type_invalid(std::string_view operation_type);
Error volume_permission_group_invalid(std::string_view group);
Error volume_permission_spellings_mixed();

Error snapshot_archived(std::string_view snapshot_id);
Error snapshot_not_archivable(std::string_view snapshot_id, std::string_view state);
Error snapshot_already_archived(std::string_view snapshot_id);
Error snapshot_temporarily_restored(std::string_view snapshot_id);
Error snapshot_not_archived(std::string_view snapshot_id);
Error snapshot_tiering_in_progress(std::string_view snapshot_id, std::string_view status);
Error storage_tier_invalid(std::string_view tier);
Error permanent_and_temporary_restore();
Error restore_days_invalid(long days, long max_days);
Error snapshot_archive_limit_exceeded(long limit);
Error archived_per_volume_limit_exceeded(long limit);
Error snapshot_restore_limit_exceeded(long limit);

// --- CopyImage and CopySnapshot (errors_copies.cpp; fact sheet §4, §5) ----------------------
Error invalid_region(std::string_view region);
Error kms_key_requires_encrypted();
Error kms_key_not_found(std::string_view key, std::string_view region);
Error copy_storage_denied();
Error unencrypted_copy_of_encrypted(std::string_view snapshot_id);
Error image_copy_limit_exceeded(long limit, std::string_view region);
Error snapshot_copy_limit_exceeded(long limit, std::string_view region);
Error snapshot_not_completed(std::string_view snapshot_id, std::string_view state);
Error image_not_copyable(std::string_view image_id, std::string_view state);
Error marketplace_copy_denied();
Error billing_product_copy_denied();

// --- The network: VPCs, subnets, gateways, interfaces, Elastic IPs (errors_network.cpp) -----
Error vpc_id_malformed(std::string_view id);
Error vpc_cidr_invalid(std::string_view cidr);
Error vpc_range(std::string_view cidr);
Error vpc_dependency(std::string_view vpc_id);
Error vpc_limit_exceeded();
Error default_vpc_exists();
Error subnet_id_malformed(std::string_view id);
Error subnet_not_found(std::string_view id);
Error subnet_cidr_invalid(std::string_view cidr);
Error subnet_range(std::string_view cidr);
Error subnet_conflict(std::string_view cidr);
Error subnet_dependency(std::string_view subnet_id);
Error subnet_zone_invalid(std::string_view zone, std::string_view region);
Error subnet_zone_id_invalid(std::string_view zone_id);
Error subnet_zone_and_id();
Error subnet_not_in_zone(std::string_view subnet_id, std::string_view zone);
Error subnet_attribute_missing();
Error gateway_id_malformed(std::string_view id);
Error gateway_not_found(std::string_view id);
Error gateway_already_attached(std::string_view gateway_id, std::string_view vpc_id);
Error vpc_has_gateway(std::string_view vpc_id, std::string_view gateway_id);
Error gateway_not_attached(std::string_view gateway_id, std::string_view vpc_id);
Error gateway_dependency(std::string_view gateway_id);
Error route_table_id_malformed(std::string_view id);
Error route_table_not_found(std::string_view id);
Error network_acl_id_malformed(std::string_view id);
Error network_acl_not_found(std::string_view id);
Error interface_id_malformed(std::string_view id);
Error interface_not_found(std::string_view id);
Error interface_spec_unsupported(std::string_view what);
// NetworkInterfaces with an instance-level parameter that belongs in them: "Network interfaces and
// an instance-level subnet ID may not be specified on the same request" (InvalidParameter-
// Combination); `what` is "subnet ID", "security groups" or "private IP address" [?] (the subnet
// text is the one moto's tests quote; the others follow it).
Error interface_with_instance_level(std::string_view what);
Error private_ip_invalid(std::string_view ip);
Error private_ip_not_in_subnet(std::string_view ip, std::string_view subnet_id);
Error private_ip_not_on_interface(std::string_view ip, std::string_view interface_id);
Error private_ip_in_use(std::string_view ip);
Error insufficient_free_addresses(std::string_view subnet_id);
Error allocation_id_malformed(std::string_view id);
Error allocation_not_found(std::string_view id);
Error association_not_found(std::string_view id);
Error address_not_found(std::string_view ip);
Error address_in_use(std::string_view allocation_id);
Error address_already_associated(std::string_view allocation_id, std::string_view association_id);
Error address_target_missing();
Error address_limit_exceeded();
Error domain_invalid(std::string_view domain);
Error account_attribute_invalid(std::string_view name);
Error no_default_vpc();
Error instance_without_interface(std::string_view instance_id);
Error group_in_other_network(std::string_view group_id, std::string_view vpc_id);

// --- S3, store/restore and VM Import/Export (errors_s3.cpp) --------------------------------
Error no_such_bucket(std::string_view bucket);
Error no_such_key(std::string_view key);
Error bucket_already_exists();
Error bucket_already_owned_by_you();
Error bucket_not_empty();
Error invalid_bucket_name(std::string_view bucket);
Error illegal_location_constraint(std::string_view constraint);
Error invalid_location_constraint();
Error s3_access_denied();
Error object_key_length();
Error object_key_not_supported();
Error object_metadata_invalid(std::string_view name);
Error content_type_invalid();
Error max_keys_negative();
Error continuation_token_invalid();

Error missing_bucket();
Error missing_object_key();
Error task_bucket_unusable(std::string_view bucket, std::string_view region);
Error service_role_invalid(std::string_view role);
Error store_needs_direct_share(std::string_view image_id);
Error store_needs_ebs();
Error store_of_paravirtual();
Error store_too_large();
Error store_limit_exceeded();
Error store_tasks_ids_with_max_results();
Error stored_object_not_found(std::string_view key, std::string_view bucket);
Error object_not_stored_image(std::string_view key);
Error restore_from_s3_limit_exceeded();

Error missing_disk_containers();
Error missing_disk_container();
Error missing_user_bucket();
Error missing_user_bucket_name();
Error missing_user_bucket_key();
Error snapshot_id_in_snapshot_import();
Error disk_url_invalid(std::string_view url);
Error image_disk_format_unsupported(std::string_view format);
Error snapshot_disk_format_unsupported(std::string_view format);
Error disk_bucket_elsewhere(std::string_view bucket, std::string_view bucket_region,
                            std::string_view region);
Error disk_object_not_found(std::string_view bucket, std::string_view key);
Error too_many_import_disks();
Error import_architecture_invalid(std::string_view architecture);
Error import_platform_invalid(std::string_view platform);
Error import_boot_mode_unsupported();
Error missing_import_task_id();
Error import_task_id_malformed(std::string_view id);
Error import_task_not_found(std::string_view id);
Error import_task_not_cancellable(std::string_view id, std::string_view status);

Error missing_export_location();
Error missing_disk_image_format();
Error missing_export_bucket();
Error export_format_invalid(std::string_view format);
Error marketplace_image_not_exportable(std::string_view image_id);
Error foreign_snapshot_not_exportable(std::string_view snapshot_id);
Error encrypted_image_not_exportable(std::string_view image_id);
Error large_image_not_exportable(std::string_view image_id);
Error aws_software_not_exportable(std::string_view image_id);
Error export_in_progress(std::string_view image_id);
Error export_limit_exceeded(long limit);
Error export_task_not_found(std::string_view id);

// --- Regions and the Account API (errors_regions.cpp) ---------------------------------------
Error region_opt_switch_refused();
Error region_opt_conflict();
Error account_region_unknown(std::string_view region);
Error account_field_invalid(std::string_view field, std::string_view reason);
Error account_other_account(std::string_view account);
Error account_next_token_invalid();
Error region_not_enabled_source(std::string_view region);
Error instance_types_not_found(const std::vector<std::string>& types);
Error location_type_invalid(std::string_view value);

}  // namespace errors
}  // namespace amisim::sim

// The named constructors of the guardrails clean-up jobs meet (issue 17): errors_guardrails.hpp.
#include "sim/core/errors_guardrails.hpp"  // IWYU pragma: export
// The named constructors of Allowed AMIs (issue 18): errors_allowed_images.hpp.
#include "sim/core/errors_allowed_images.hpp"  // IWYU pragma: export
