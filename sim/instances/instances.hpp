// Instance operations: RunInstances, Start/Stop/Reboot/TerminateInstances,
// Modify/DescribeInstanceAttribute, DescribeInstances, DescribeInstanceStatus. Facts: fact sheet
// §2. Boot and readiness: each instance type boots in its fixture time; user data lines
// "#amisim install <pkg>..." install software from fixtures/software.json at first boot, and
// status checks stay "initializing" until boot plus the missing installs are done.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sim/core/query.hpp"
#include "sim/state/world.hpp"

namespace amisim::sim {

inline constexpr std::size_t kMaxUserDataBytes = 16 * 1024;        // raw, before base64
inline constexpr DurationMs kStopDurationMs = 30 * kSecondMs;      // stopping -> stopped [?]
inline constexpr DurationMs kShutdownDurationMs = 30 * kSecondMs;  // shutting-down -> terminated
inline constexpr DurationMs kTerminatedVisibleMs = kHourMs;        // then gone from Describe
inline constexpr DurationMs kRebootDurationMs = 60 * kSecondMs;    // reboot, until checks pass
// A RunInstances ClientToken "is valid for at least 24 hours after the termination of the
// instance" (API Reference, Ensuring idempotency): amisim forgets it 24 hours after the last of
// its reservation's instances terminated [?: "at least"; the exact end is ours]. Until then a retry
// answers IdempotentInstanceTerminated, even once the instances and the reservation are purged.
inline constexpr DurationMs kClientTokenValidMs = 24 * kHourMs;

// How many instances one RunInstances call can launch: the model's stand-in for the account's
// instance/vCPU quota, so a huge MaxCount is bounded work. AWS launches up to MaxCount as capacity
// allows, and fails only when MinCount cannot be met (APIREF RunInstances). The figure is ours [?].
inline constexpr int kMaxInstancesPerLaunch = 1000;

inline constexpr const char* kDefaultInstanceType = "m1.small";  // AWS's documented default

// RunInstances' LaunchTemplate: an ID or a name (not both) and a version ("1", "$Latest",
// "$Default"; "" = the default version). Strings: validated by sim/instances/launch_templates.cpp.
struct LaunchTemplateSpecification {
  std::string id;
  std::string name;
  std::string version;
};

// RunInstances' NetworkInterfaces entry (InstanceNetworkInterfaceSpecification): device index 0
// only, a new interface (sim/network/interfaces.hpp).
struct LaunchInterfaceSpec {
  int device_index = 0;
  std::string subnet_id;
  std::vector<std::string> group_ids;
  std::optional<bool> associate_public_ip;
  bool delete_on_termination = true;
  std::string private_ip;
  std::string network_interface_id;  // attaching an existing interface: not modelled
};

struct RunInstancesRequest {
  std::string image_id;  // a string: validated here (Malformed / NotFound)
  int min_count = 1;
  int max_count = 1;
  std::string instance_type;  // "" = the launch template's, else kDefaultInstanceType
  std::string key_name;
  std::vector<std::string> security_group_ids;
  std::vector<std::string> security_groups;  // names, resolved in the default VPC
  std::string user_data;                     // raw bytes (the wire decodes base64)
  std::vector<BlockDeviceMapping> block_device_mappings;
  std::optional<ZoneName> availability_zone;  // Placement.AvailabilityZone
  std::string subnet_id;                      // "" = a default subnet
  std::string private_ip;  // PrivateIpAddress: the primary interface's ("" = the next free one)
  std::vector<LaunchInterfaceSpec> network_interfaces;
  std::vector<TagSpecification> tag_specifications;
  std::string client_token;
  std::string cpu_credits;  // CreditSpecification.CpuCredits; "" = the type's default
  // Unset: the launch template's, else off (and "stop").
  std::optional<bool> disable_api_termination;
  std::optional<bool> disable_api_stop;
  std::optional<std::string> shutdown_behavior;  // InstanceInitiatedShutdownBehavior
  std::optional<bool> ebs_optimized;
  MetadataOptionsRequest metadata_options;  // MetadataOptions (sim/instances/metadata_options.hpp)
  std::optional<bool> monitoring;           // Monitoring.Enabled: detailed monitoring
  bool dry_run = false;
  // The template version's data fills every member above left unset
  // (sim/instances/launch_templates.hpp).
  std::optional<LaunchTemplateSpecification> launch_template;
  // Set by apply_launch_template, not by callers: the tags EC2 gives every instance launched from
  // a template, aws:ec2launchtemplate:id and aws:ec2launchtemplate:version ("automatically
  // assigned ... You cannot remove or edit these tags", UG launch-instances-from-launch-template).
  std::vector<Tag> system_tags;
};

struct RunInstancesResult {
  ReservationId reservation_id;
  AccountId owner;
  std::vector<const Instance*> instances;
};

// Launches min(max_count, kMaxInstancesPerLaunch) instances (InstanceLimitExceeded when
// min_count is above that, InsufficientFreeAddressesInSubnet when its subnet has fewer free
// addresses) in one reservation, in one subnet: the requested one, else the requested zone's
// default subnet, else a default subnet (sim/network/interfaces.hpp says which); each gets a
// primary network interface with the subnet's next free address. Each gets EBS volumes from the
// image's mappings merged with the request's (same device = override, NoDevice = drop), state
// pending, running after the type's boot time. A ClientToken seen before (per account per
// Region) returns the same reservation for the same request. Checks in AWS's order: image
// (InvalidAMIID.Malformed/NotFound/Unavailable, AuthFailure), counts (InvalidParameterValue),
// instance type (InvalidParameterValue: unknown, or architecture unlike the image's), key pair
// (InvalidKeyPair.NotFound), security groups (InvalidGroup.NotFound, InvalidGroupId.Malformed),
// zone (InvalidParameterValue), user data > 16384 bytes (InvalidParameterValue), block device
// mappings (InvalidBlockDeviceMapping, InvalidSnapshot.NotFound), tags (InvalidParameterValue,
// TagLimitExceeded), DryRunOperation. ClientToken: IdempotentParameterMismatch (other request),
// IdempotentInstanceTerminated (an instance of that reservation is terminated or gone).
Result<RunInstancesResult> run_instances(World& world, const Caller& caller,
                                         const RunInstancesRequest& request);

// Burstable performance instances' credit option (API reference, RunInstances CreditSpecification,
// DescribeInstanceCreditSpecifications, ModifyInstanceCreditSpecification). A launch of a
// burstable type without CreditSpecification gets its default: standard for T2, unlimited for
// T3, T3a and T4g; CreditSpecification on any other type is
// InstanceCreditSpecification.NotSupported. `value` "standard" | "unlimited", else
// InvalidParameterValue.
Result<CpuCredits> parse_cpu_credits(std::string_view value);
CpuCredits default_cpu_credits(const InstanceTypeInfo& type);
std::string_view to_string(CpuCredits credits);

struct DescribeCreditsRequest {
  std::vector<std::string> instance_ids;
  std::vector<Filter> filters;  // instance-id
  PageRequest page;             // MaxResults 5-1000, not with IDs
};
struct DescribeCreditsResult {
  std::vector<const Instance*> instances;  // each has cpu_credits != kNone
  std::string next_token;
};
// With IDs: each (InvalidInstanceID.Malformed/.NotFound as DescribeInstances), refused with
// InstanceCreditSpecification.NotSupported [?] for one that never was burstable ("an error is
// returned", API reference). Without: the caller's instances whose option is unlimited (AWS
// lists only those). Terminated instances appear until purged ("recently terminated instances
// might appear").
Result<DescribeCreditsResult> describe_instance_credit_specifications(
    const World& world, const Caller& caller, const DescribeCreditsRequest& request);

struct CreditChange {
  std::string instance_id;
  std::string cpu_credits;
};
struct CreditChangeFailure {
  std::string instance_id;
  Error error;  // InvalidInstanceID.Malformed/.NotFound, IncorrectInstanceState,
                // InstanceCreditSpecification.NotSupported (the API's documented codes)
};
struct ModifyCreditsResult {
  std::vector<std::string> successful;
  std::vector<CreditChangeFailure> unsuccessful;
};
// Per instance, as the API reports it: what can change changes, the rest is listed with its
// error. A value other than standard/unlimited refuses the whole call (InvalidParameterValue).
Result<ModifyCreditsResult> modify_instance_credit_specification(
    World& world, const Caller& caller, const std::vector<CreditChange>& changes, bool dry_run);

struct InstanceStateChange {
  InstanceId instance_id;
  InstanceState previous;
  InstanceState current;
};

// All-or-nothing: an unknown or malformed ID fails the whole call. Errors per ID:
// InvalidInstanceID.NotFound/.Malformed, IncorrectInstanceState. Each change reports previous and
// current state; a call with nothing to do for an instance reports previous == current.
// Stop: running -> stopping -> stopped after kStopDurationMs; stopping/stopped succeed unchanged;
// pending, shutting-down, terminated are IncorrectInstanceState (stop is from running only).
// Start: stopped -> pending -> running after the type's boot time (user data does not run
// again); pending/running succeed unchanged; stopping, shutting-down, terminated refused.
Result<std::vector<InstanceStateChange>> stop_instances(World& world, const Caller& caller,
                                                        const std::vector<std::string>& ids,
                                                        bool force = false, bool dry_run = false);
Result<std::vector<InstanceStateChange>> start_instances(World& world, const Caller& caller,
                                                         const std::vector<std::string>& ids,
                                                         bool dry_run = false);
// Idempotent: terminating a terminated instance succeeds.
Result<std::vector<InstanceStateChange>> terminate_instances(World& world, const Caller& caller,
                                                             const std::vector<std::string>& ids,
                                                             bool dry_run = false);
Status reboot_instances(World& world, const Caller& caller, const std::vector<std::string>& ids,
                        bool dry_run = false);

// Reboot: running only (IncorrectInstanceState otherwise); the instance stays running and its
// status checks report initializing for kRebootDurationMs.

// Starts a reboot of a running instance (RebootInstances and CreateImage without NoReboot):
// schedules kInstanceRebooted after kRebootDurationMs and holds ready_at until then.
void begin_reboot(World& world, Instance& instance);

struct ModifyInstanceAttributeRequest {
  InstanceId instance_id;
  std::optional<std::string> instance_type;
  std::optional<std::string> user_data;  // raw bytes
  // DeviceName -> DeleteOnTermination
  std::vector<std::pair<std::string, bool>> delete_on_termination;
  std::optional<bool> disable_api_termination;
  std::optional<bool> disable_api_stop;
  std::optional<std::string> shutdown_behavior;  // "stop" | "terminate"
  std::optional<bool> ebs_optimized;
  std::optional<bool> source_dest_check;
  // Groups: security group IDs replacing the instance's (and its primary interface's); empty = not
  // given.
  std::vector<std::string> groups;
  bool dry_run = false;
};
// Groups: each a group of the caller's in the instance's VPC (InvalidGroupId.Malformed,
// InvalidGroup.NotFound, InvalidParameter for another VPC's), in any state but shutting-down or
// terminated (IncorrectInstanceState [?]); the primary network interface takes them too (API
// reference ModifyInstanceAttribute: "Replaces the security groups of the instance with the
// specified security groups").
// instanceType, userData and EbsOptimized only while stopped (IncorrectInstanceState "... not in
// the 'stopped' state."; UG "Modify a stopped instance"); InvalidInstanceAttributeValue for
// unknown or architecture-incompatible types and unmapped devices; InvalidParameterCombination
// "No attributes specified."; user data > 16 KB is InvalidParameterValue. DeleteOnTermination,
// termination and stop protection, the shutdown behaviour and SourceDestCheck change in any state.
Status modify_instance_attribute(World& world, const Caller& caller,
                                 const ModifyInstanceAttributeRequest& request);

struct InstanceAttribute {
  InstanceId instance_id;
  std::optional<std::string> instance_type;
  std::optional<std::string> user_data;  // raw bytes; the wire encodes base64
  std::vector<InstanceBlockDevice> block_devices;
  std::optional<std::string> root_device_name;
  std::optional<bool> flag;          // disableApiTermination, disableApiStop, ebsOptimized,
                                     // sourceDestCheck
  std::optional<std::string> value;  // instanceInitiatedShutdownBehavior
};
// attribute: instanceType | userData | blockDeviceMapping | rootDeviceName | disableApiTermination
// | disableApiStop | instanceInitiatedShutdownBehavior | ebsOptimized | sourceDestCheck; any other
// name is InvalidParameterValue "Value (x) for parameter attribute is invalid. Unknown attribute.".
// InvalidInstanceID.Malformed/.NotFound.
Result<InstanceAttribute> describe_instance_attribute(const World& world, const Caller& caller,
                                                      const InstanceId& instance_id,
                                                      const std::string& attribute);

struct DescribeInstancesRequest {
  std::vector<std::string> instance_ids;
  std::vector<Filter> filters;  // instance-id, instance-state-name, instance-state-code,
                                // image-id, availability-zone, instance-type, key-name,
                                // reservation-id, architecture, owner-id, vpc-id,
                                // private-ip-address, ip-address, root-device-name,
                                // root-device-type, ami-launch-index, platform-details,
                                // client-token, group-id, instance.group-id, tag:<key>,
                                // tag-key, tag-value, metadata-options.http-tokens |
                                // .http-put-response-hop-limit | .http-endpoint |
                                // .instance-metadata-tags, monitoring-state
  PageRequest page;
};
struct ReservationView {
  ReservationId reservation_id;
  AccountId owner;
  std::vector<const Instance*> instances;
};
struct DescribeInstancesResult {
  std::vector<ReservationView> reservations;
  std::string next_token;
};
// Instances grouped by reservation (a reservation's instances together, in launch-index order);
// terminated ones until purged. Errors: InvalidInstanceID.Malformed, InvalidInstanceID.NotFound
// (every unknown ID; another account's IDs are silently left out, fact sheet §2.2),
// InvalidFilter, FilterLimitExceeded, MaxResults 5-1000 and not with IDs
// (InvalidParameterValue / InvalidParameterCombination), InvalidPaginationToken.
Result<DescribeInstancesResult> describe_instances(const World& world, const Caller& caller,
                                                   const DescribeInstancesRequest& request);

struct InstanceStatus {
  const Instance* instance;
  std::string instance_status;  // "initializing" | "ok" | "not-applicable"
  std::string system_status;
};
struct DescribeInstanceStatusRequest {
  std::vector<std::string> instance_ids;
  std::vector<Filter> filters;
  bool include_all_instances = false;
  PageRequest page;
};
struct DescribeInstanceStatusResult {
  std::vector<InstanceStatus> statuses;
  std::string next_token;
};
// Running instances only unless include_all_instances; instance and system status are
// "initializing" until ready_at (boot + first-boot installs, or a reboot), then "ok";
// "not-applicable" when not running. Filters: instance-id, availability-zone,
// instance-state-name, instance-state-code, instance-status.status, system-status.status.
Result<DescribeInstanceStatusResult> describe_instance_status(
    const World& world, const Caller& caller, const DescribeInstanceStatusRequest& request);

// Keeps RegionState::instance_tags in step with the instances' tags: index_tags after an instance
// is placed or its tags changed, unindex_tags before they change or it is erased.
// rebuild_tag_index makes the index again from `instances` (a world snapshot's load).
void index_tags(RegionState& region, const Instance& instance);
void unindex_tags(RegionState& region, const Instance& instance);
void rebuild_tag_index(RegionState& region);

// Packages named by "#amisim install a b c" lines of user data, in order, without duplicates.
// At first boot each one known to fixtures/software.json and absent from the root volume is
// installed in turn; unknown names are ignored (a failing user-data line does not fail a launch).
std::vector<std::string> packages_in_user_data(const std::string& user_data);

// Applies kInstanceRunning, kInstanceStopped, kInstanceTerminated, kInstancePurged,
// kInstanceRebooted, kPackageInstalled. A purge erases the instance, then its reservation once
// none of the reservation's instances is left (scheduling the ClientToken's end), and lets the
// images family forget a deregistered AMI only this instance still used (sim/images/images.hpp).
void on_instance_event(World& world, const Event& event);
// Applies kClientTokenExpired: the token is forgotten unless it was used again meanwhile.
void on_client_token_event(World& world, const Event& event);

// The caller's instance with this ID in the caller's Region, or nullptr.
Instance* find_instance(World& world, const Caller& caller, const InstanceId& id);
const Instance* find_instance(const World& world, const Caller& caller, const InstanceId& id);

}  // namespace amisim::sim
