// Every struct a world snapshot holds, member by member (snapshot_codec.hpp says how each list is
// used and checked). A new member of one of these structs fails the build until it is listed here:
// list it, and the snapshot saves and loads it. The JSON key is the member's name.
//
// Not here: the classes whose members are private (World, Clock, IdAllocator, Meter, StoragePool,
// BlockMap) and RegionState, whose catalogue images and snapshots are written as differences;
// world_snapshot.cpp writes those by hand and checks their layouts.
#pragma once

#include <tuple>

#include "api/io/snapshot_codec.hpp"
#include "sim/core/event.hpp"
#include "sim/state/world.hpp"

namespace amisim::io::codec {

// Fields<Type> listing the given AMISIM_FIELDs.
#define AMISIM_FIELDS(Type, ...)                          \
  template <>                                             \
  struct Fields<Type> {                                   \
    using S = Type;                                       \
    static constexpr auto list = std::tuple{__VA_ARGS__}; \
  }

#define F AMISIM_FIELD

// --- core ----------------------------------------------------------------------------------------
AMISIM_FIELDS(sim::Tag, F(key), F(value));
AMISIM_FIELDS(sim::TagSpecification, F(resource_type), F(tags));
AMISIM_FIELDS(sim::ProductCode, F(code), F(type));
AMISIM_FIELDS(sim::ImageTraits, F(architecture), F(platform), F(platform_details),
              F(usage_operation), F(billing_products), F(product_codes), F(root_device_name),
              F(root_device_type), F(virtualization_type), F(hypervisor), F(image_type),
              F(boot_mode), F(tpm_support), F(imds_support), F(sriov_net_support), F(ena_support),
              F(free_tier_eligible));
AMISIM_FIELDS(sim::Cidr, F(base), F(prefix));
AMISIM_FIELDS(sim::Event, F(at), F(seq), F(kind), F(region), F(target), F(detail), F(settles));

// --- images
// ----------------------------------------------------------------------------------------
AMISIM_FIELDS(sim::EbsBlockDevice, F(snapshot_id), F(volume_size_gib), F(volume_type),
              F(delete_on_termination), F(encrypted), F(iops), F(throughput));
AMISIM_FIELDS(sim::BlockDeviceMapping, F(device_name), F(ebs), F(virtual_name), F(no_device));
// The location's two members (`location_head`, `location_is_whole`) are written as the one
// "image_location" text they make with the name, as before they were two.
template <>
struct Fields<sim::Image> {
  using S = sim::Image;
  static constexpr std::size_t handled_elsewhere = 2;
  static constexpr auto list = std::tuple{F(id),
                                          F(region),
                                          F(owner),
                                          F(owner_alias),
                                          F(name),
                                          F(description),
                                          F(state_reason_code),
                                          F(state_reason_message),
                                          F(creation),
                                          F(traits),
                                          F(public_ssm_parameter),
                                          F(mappings),
                                          F(launch_permissions),
                                          F(tags),
                                          F(grantee_tags),
                                          F(deprecation_time),
                                          F(protection_cooldown_until),
                                          F(last_launched_time),
                                          F(deregistered_at),
                                          F(source_instance_id),
                                          F(source_image_id),
                                          F(source_image_region),
                                          F(pending_seq),
                                          F(state),
                                          F(protection),
                                          F(is_public),
                                          F(restored_from_s3)};
  static void encode_rest(const sim::Image& image, Json& out, EncodeContext& cx) {
    out["image_location"] = codec::encode(image.image_location(), cx);
  }
  static void decode_rest(const Json& json, sim::Image& out, const Path& at, DecodeContext& cx) {
    std::string location;
    decode_member(json, "image_location", location, at, cx);
    out.set_image_location(location);
  }
};

// --- instances
// -------------------------------------------------------------------------------------
AMISIM_FIELDS(sim::RunningPeriod, F(start), F(end));
AMISIM_FIELDS(sim::InstanceBlockDevice, F(device_name), F(volume_id), F(delete_on_termination),
              F(attach_time));
AMISIM_FIELDS(sim::InstanceMetadataOptions, F(tokens_required), F(hop_limit), F(endpoint_enabled),
              F(ipv6_endpoint), F(tags_enabled), F(changed_while_stopped));
AMISIM_FIELDS(sim::MetadataOptionsRequest, F(http_tokens), F(hop_limit), F(http_endpoint),
              F(http_protocol_ipv6), F(instance_metadata_tags));
AMISIM_FIELDS(sim::InstanceMetadataDefaults, F(http_tokens), F(hop_limit), F(http_endpoint),
              F(instance_metadata_tags), F(http_tokens_enforced));
template <>
struct Fields<sim::Instance> {
  using S = sim::Instance;
  static constexpr auto list = std::tuple{F(id),
                                          F(reservation_id),
                                          F(owner),
                                          F(region),
                                          F(zone),
                                          F(image_id),
                                          F(instance_type),
                                          F(cpu_credits),
                                          F(traits),
                                          F(image_name),
                                          F(image_owner),
                                          F(image_owner_alias),
                                          F(image_creation),
                                          F(key_name),
                                          F(security_groups),
                                          F(vpc_id),
                                          F(subnet_id),
                                          F(network_interface),
                                          F(user_data),
                                          F(state),
                                          F(state_transition_reason),
                                          F(state_reason_code),
                                          F(state_reason_message),
                                          F(launch_time),
                                          F(block_devices),
                                          F(tags),
                                          F(ami_launch_index),
                                          F(client_token),
                                          F(private_ip),
                                          F(public_ip),
                                          F(ready_at),
                                          F(first_boot_done),
                                          F(pending_packages),
                                          F(terminated_at),
                                          F(pending_seq),
                                          F(reboot_seq),
                                          F(running_periods),
                                          F(last_state_change),
                                          F(disable_api_termination),
                                          F(disable_api_stop),
                                          F(shutdown_terminates),
                                          F(ebs_optimized),
                                          F(source_dest_check)};
  static constexpr auto late = std::tuple{F(metadata_options), F(detailed_monitoring)};
};
AMISIM_FIELDS(sim::Reservation, F(id), F(owner), F(instances));
AMISIM_FIELDS(sim::ClientTokenRecord, F(reservation), F(request_digest));
AMISIM_FIELDS(sim::KeyPair, F(id), F(region), F(owner), F(name), F(key_type), F(fingerprint),
              F(public_key), F(create_time), F(tags));
AMISIM_FIELDS(sim::SecurityGroupRule, F(id), F(is_egress), F(protocol), F(from_port), F(to_port),
              F(cidr_ipv4), F(cidr_ipv6), F(prefix_list_id), F(referenced_group),
              F(referenced_owner), F(description), F(tags));
AMISIM_FIELDS(sim::SecurityGroup, F(id), F(region), F(owner), F(vpc_id), F(name), F(description),
              F(tags), F(is_default), F(rules));
template <>
struct Fields<sim::LaunchTemplateData> {
  using S = sim::LaunchTemplateData;
  static constexpr auto list = std::tuple{F(image_id),
                                          F(instance_type),
                                          F(key_name),
                                          F(security_group_ids),
                                          F(security_groups),
                                          F(user_data),
                                          F(block_device_mappings),
                                          F(availability_zone),
                                          F(tag_specifications),
                                          F(disable_api_termination),
                                          F(disable_api_stop),
                                          F(shutdown_behavior),
                                          F(ebs_optimized)};
  static constexpr auto late = std::tuple{F(metadata_options), F(monitoring)};
};
AMISIM_FIELDS(sim::LaunchTemplateVersion, F(number), F(description), F(create_time), F(data));
AMISIM_FIELDS(sim::LaunchTemplate, F(id), F(region), F(owner), F(name), F(create_time),
              F(created_by), F(default_version), F(next_version), F(versions), F(tags));

// --- EBS
// -------------------------------------------------------------------------------------------
AMISIM_FIELDS(sim::Extent, F(first_block), F(block_count), F(version));
AMISIM_FIELDS(sim::VolumeData, F(blocks), F(packages));
AMISIM_FIELDS(sim::VolumeAttachment, F(instance_id), F(device), F(attach_time),
              F(delete_on_termination), F(state));
AMISIM_FIELDS(sim::Volume, F(id), F(region), F(zone), F(owner), F(size_gib), F(volume_type),
              F(iops), F(throughput), F(encrypted), F(snapshot_id), F(state), F(create_time),
              F(attachment), F(tags), F(data), F(pending_seq));
AMISIM_FIELDS(sim::SnapshotLock, F(mode), F(created_on), F(duration_days), F(duration_start),
              F(expires_on), F(cool_off_hours), F(cool_off_expires_on));
AMISIM_FIELDS(sim::Snapshot, F(id), F(region), F(owner), F(owner_alias), F(volume_id),
              F(volume_size_gib), F(description), F(state), F(start_time), F(completion_time),
              F(encrypted), F(storage_tier), F(tags), F(grantee_tags), F(data), F(pool_order),
              F(is_public), F(create_volume_permissions), F(pending_seq), F(kms_key_id),
              F(source_snapshot_id), F(source_region), F(copy_bytes), F(copied_for_image),
              F(tiering_state), F(tiering_start_time), F(tiering_done_time), F(tiering_seq),
              F(archived_at), F(archive_full_bytes), F(restored_full_bytes), F(restore_expiry_time),
              F(temporary_restore_days), F(lock));
AMISIM_FIELDS(sim::TierRecord, F(kind), F(snapshot_id), F(owner), F(at), F(bytes), F(archived_at));
AMISIM_FIELDS(sim::StoragePool::Piece, F(end), F(holders));

// --- the network
// -----------------------------------------------------------------------------------
AMISIM_FIELDS(sim::Vpc, F(id), F(owner), F(region), F(cidr), F(is_default), F(dhcp_options_id),
              F(cidr_association), F(main_route_table), F(default_acl), F(default_group), F(tags));
AMISIM_FIELDS(sim::Subnet, F(id), F(owner), F(region), F(vpc), F(zone), F(cidr), F(default_for_az),
              F(map_public_ip_on_launch), F(acl_association), F(used), F(free_from), F(tags));
AMISIM_FIELDS(sim::InternetGateway, F(id), F(owner), F(region), F(attached_to), F(tags));
AMISIM_FIELDS(sim::Route, F(destination), F(gateway_id));
AMISIM_FIELDS(sim::RouteTable, F(id), F(owner), F(region), F(vpc), F(main), F(main_association),
              F(routes), F(tags));
AMISIM_FIELDS(sim::NetworkAcl, F(id), F(owner), F(region), F(vpc), F(is_default), F(tags));
AMISIM_FIELDS(sim::NetworkInterface, F(id), F(owner), F(region), F(subnet), F(vpc), F(zone),
              F(private_ip), F(mac_address), F(description), F(groups), F(public_ip), F(elastic_ip),
              F(wants_public_ip), F(instance), F(attachment_id), F(attach_time),
              F(delete_on_termination), F(tags));
AMISIM_FIELDS(sim::Address, F(id), F(owner), F(region), F(public_ip), F(interface),
              F(association_id), F(tags));

// --- an account in a Region
// ------------------------------------------------------------------------
AMISIM_FIELDS(sim::Account, F(id), F(alias));
AMISIM_FIELDS(sim::ImageBlockPublicAccess, F(blocked), F(pending), F(pending_at), F(pending_seq));
AMISIM_FIELDS(sim::ImageCriterion, F(image_providers), F(marketplace_product_codes), F(image_names),
              F(max_days_since_created), F(max_days_since_deprecated));
AMISIM_FIELDS(sim::AllowedImagesSettings, F(state), F(criteria));
template <>
struct Fields<sim::AccountRegion> {
  using S = sim::AccountRegion;
  static constexpr auto list = std::tuple{F(network_created),
                                          F(dhcp_options_id),
                                          F(default_vpc),
                                          F(default_group),
                                          F(pool),
                                          F(snapshot_block_public_access),
                                          F(image_block_public_access),
                                          F(allowed_images)};
  static constexpr auto late = std::tuple{F(metadata_defaults)};
};

// --- copies, S3 and image tasks
// --------------------------------------------------------------------
AMISIM_FIELDS(sim::CopyImageTokenRecord, F(image), F(request_digest));
AMISIM_FIELDS(sim::CopyRecords, F(image_tokens), F(reencrypted_versions));
AMISIM_FIELDS(sim::StoredImage, F(image), F(snapshots), F(stored_by), F(stored_at));
AMISIM_FIELDS(sim::S3Object, F(key), F(size), F(body), F(synthetic), F(etag), F(content_type),
              F(last_modified), F(metadata), F(stored_image));
AMISIM_FIELDS(sim::Bucket, F(name), F(owner), F(region), F(created), F(objects));
AMISIM_FIELDS(sim::StoreImageTask, F(number), F(image), F(owner), F(bucket), F(key), F(start),
              F(end), F(bytes), F(state), F(failure_reason), F(object_tags), F(content));
AMISIM_FIELDS(sim::ImportDisk, F(format), F(bucket), F(key), F(url), F(description), F(device_name),
              F(from_snapshot), F(bytes), F(snapshot_id));
AMISIM_FIELDS(sim::ImportTask, F(id), F(kind), F(owner), F(start), F(end), F(status), F(failure),
              F(cancelled_at), F(description), F(architecture), F(platform), F(license_type),
              F(boot_mode), F(role_name), F(encrypted), F(kms_key_id), F(client_token), F(disks),
              F(image_id), F(tags), F(result_tags), F(seq));
AMISIM_FIELDS(sim::ExportTask, F(id), F(owner), F(image), F(format), F(bucket), F(prefix),
              F(role_name), F(description), F(start), F(end), F(status), F(bytes), F(tags));
AMISIM_FIELDS(sim::ImageTasks, F(store), F(imports), F(exports), F(next_store_number));

// --- the Recycle Bin
// -------------------------------------------------------------------------------
AMISIM_FIELDS(sim::RbinResourceTag, F(key), F(value));
AMISIM_FIELDS(sim::RetentionRule, F(id), F(owner), F(region), F(description), F(resource_type),
              F(retention_days), F(resource_tags), F(exclude_resource_tags), F(tags), F(created),
              F(active_from), F(unlock_delay_days), F(locked), F(unlock_requested_at));
AMISIM_FIELDS(sim::BinStay, F(enter), F(exit), F(rule_id), F(expiry_seq));
AMISIM_FIELDS(sim::BinnedImage, F(image), F(stay));
AMISIM_FIELDS(sim::BinnedSnapshot, F(snapshot), F(stay));
AMISIM_FIELDS(sim::BinnedVolume, F(volume), F(stay));
AMISIM_FIELDS(sim::RecycleBin, F(rules), F(images), F(snapshots), F(volumes));

// --- Data Lifecycle Manager
// ------------------------------------------------------------------------
AMISIM_FIELDS(sim::DlmPeriod, F(interval), F(unit));
AMISIM_FIELDS(sim::DlmCreateRule, F(interval_hours), F(time), F(cron));
AMISIM_FIELDS(sim::DlmCountOrAge, F(count), F(age));
AMISIM_FIELDS(sim::DlmCrossRegionCopyRule, F(target), F(encrypted), F(cmk_arn), F(copy_tags),
              F(retain), F(deprecate));
AMISIM_FIELDS(sim::DlmShareRule, F(accounts), F(unshare_after));
AMISIM_FIELDS(sim::DlmArchiveRule, F(retain));
AMISIM_FIELDS(sim::DlmSchedule, F(name), F(copy_tags), F(tags_to_add), F(variable_tags), F(create),
              F(retain), F(deprecate), F(cross_region_copies), F(share), F(archive),
              F(fast_restore));
AMISIM_FIELDS(sim::DlmPolicyDetails, F(type), F(resource_type), F(target_tags), F(schedules),
              F(no_reboot), F(exclude_boot_volume));
AMISIM_FIELDS(sim::DlmManaged, F(resource_id), F(region), F(source_id), F(schedule), F(copy_rule),
              F(created), F(expires), F(unshare_at), F(shared), F(deprecated_by_policy),
              F(archived));
AMISIM_FIELDS(sim::LifecyclePolicy, F(id), F(owner), F(region), F(description), F(enabled),
              F(status_message), F(error), F(execution_role_arn), F(created), F(modified),
              F(details), F(details_document), F(tags), F(next_run), F(run_seq), F(managed));

// --- the meter
// -------------------------------------------------------------------------------------
AMISIM_FIELDS(sim::LineKey, F(account), F(region), F(usage_type), F(resource_id));
AMISIM_FIELDS(sim::Segment, F(start), F(end), F(quantity), F(price));
AMISIM_FIELDS(sim::LineUsage, F(charge), F(unit), F(quantity_unit), F(time_unit), F(segments));

// --- a Region
// ---------------------------------------------------------------------------------------- Every
// member but the five world_snapshot.cpp handles itself: `info` (a pointer into the fixtures,
// linked again on load), `images` and `snapshots` (written as differences from the catalogue),
// `image_names` and `instance_tags` (indexes of `images` and `instances`, rebuilt on load).
template <>
struct Fields<sim::RegionState> {
  using S = sim::RegionState;
  static constexpr std::size_t handled_elsewhere = 5;
  static constexpr auto list = std::tuple{F(instances),
                                          F(reservations),
                                          F(volumes),
                                          F(key_pairs),
                                          F(security_groups),
                                          F(accounts),
                                          F(vpcs),
                                          F(subnets),
                                          F(internet_gateways),
                                          F(route_tables),
                                          F(network_acls),
                                          F(network_interfaces),
                                          F(addresses),
                                          F(public_ips_issued),
                                          F(client_tokens),
                                          F(launch_templates),
                                          F(launch_template_names),
                                          F(next_pool_order),
                                          F(copies),
                                          F(tasks),
                                          F(tier_records),
                                          F(bin),
                                          F(lifecycle_policies)};
};

// The structs above, for tests/api/io_world_snapshot_test.cpp's check of their layouts (Image and
// RegionState, with members written by hand, are checked there on their own).
using FieldStructs = std::tuple<
    sim::Tag, sim::TagSpecification, sim::ProductCode, sim::ImageTraits, sim::Cidr, sim::Event,
    sim::EbsBlockDevice, sim::BlockDeviceMapping, sim::RunningPeriod, sim::InstanceBlockDevice,
    sim::InstanceMetadataOptions, sim::MetadataOptionsRequest, sim::InstanceMetadataDefaults,
    sim::Instance, sim::Reservation, sim::ClientTokenRecord, sim::KeyPair, sim::SecurityGroupRule,
    sim::SecurityGroup, sim::LaunchTemplateData, sim::LaunchTemplateVersion, sim::LaunchTemplate,
    sim::Extent, sim::VolumeData, sim::VolumeAttachment, sim::Volume, sim::SnapshotLock,
    sim::Snapshot, sim::TierRecord, sim::StoragePool::Piece, sim::Vpc, sim::Subnet,
    sim::InternetGateway, sim::Route, sim::RouteTable, sim::NetworkAcl, sim::NetworkInterface,
    sim::Address, sim::Account, sim::ImageBlockPublicAccess, sim::ImageCriterion,
    sim::AllowedImagesSettings, sim::AccountRegion, sim::CopyImageTokenRecord, sim::CopyRecords,
    sim::StoredImage, sim::S3Object, sim::Bucket, sim::StoreImageTask, sim::ImportDisk,
    sim::ImportTask, sim::ExportTask, sim::ImageTasks, sim::RbinResourceTag, sim::RetentionRule,
    sim::BinStay, sim::BinnedImage, sim::BinnedSnapshot, sim::BinnedVolume, sim::RecycleBin,
    sim::DlmPeriod, sim::DlmCreateRule, sim::DlmCountOrAge, sim::DlmCrossRegionCopyRule,
    sim::DlmShareRule, sim::DlmArchiveRule, sim::DlmSchedule, sim::DlmPolicyDetails,
    sim::DlmManaged, sim::LifecyclePolicy, sim::LineKey, sim::Segment, sim::LineUsage>;

#undef F
#undef AMISIM_FIELDS

}  // namespace amisim::io::codec
