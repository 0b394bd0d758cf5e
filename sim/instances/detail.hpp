// Internal helpers shared by the instance operation files (run.cpp, transitions.cpp,
// describe.cpp, boot.cpp, events.cpp in sim/instances/). Not part of the contract
// between families: other families use sim/instances/instances.hpp.
#pragma once

#include <string>
#include <vector>

#include "sim/instances/instances.hpp"
#include "sim/instances/security_group_rules.hpp"

namespace amisim::sim::detail {

// The one place an instance's state changes: asserts is_legal_transition, records the time and
// the running periods billing reads.
void transition(World& world, Instance& instance, InstanceState to);

// Schedules `kind` for `instance` after `delay` and makes it the event the instance waits for
// (pending_seq), so any earlier scheduled transition becomes stale. Returns the sequence number.
std::uint64_t schedule_transition(World& world, Instance& instance, EventKind kind,
                                  DurationMs delay, std::string detail = {}, bool settles = true);

// The caller's instances named by `ids`, all or nothing, duplicates removed, request order kept.
// Errors: MissingParameter (no IDs), InvalidInstanceID.Malformed (first malformed ID),
// InvalidInstanceID.NotFound (every unknown ID listed).
Result<std::vector<Instance*>> find_instances(World& world, const Caller& caller,
                                              const std::vector<std::string>& ids);

// The caller's instances named by `ids` (all of the caller's when empty), for the describes.
// Unknown IDs are InvalidInstanceID.NotFound (every one listed); IDs another account owns are
// silently left out (fact sheet §2.2); InvalidInstanceID.Malformed.
Result<std::vector<const Instance*>> select_instances(const World& world, const Caller& caller,
                                                      const std::vector<std::string>& ids);

// The root volume of the instance (the block device at root_device_name), or nullptr.
Volume* root_volume(RegionState& region, const Instance& instance);
// InstanceInitiatedShutdownBehavior: "stop" or "terminate" (RunInstances, ModifyInstanceAttribute).
Status check_shutdown_behavior(std::string_view value);
const Volume* root_volume(const RegionState& region, const Instance& instance);

// First boot: schedules the user-data installs the root volume lacks and sets ready_at.
void begin_first_boot_installs(World& world, RegionState& region, Instance& instance);

// Applies one kPackageInstalled: writes the package to the root volume, schedules the next.
void finish_package_install(World& world, RegionState& region, Instance& instance,
                            const std::string& package);

// --- security groups (security_groups.cpp, security_group_permissions.cpp) -----------------

// The group `owner` has in the Region by ID, or by name in `vpc`; nullptr when none.
const SecurityGroup* group_by_id(const RegionState& region, const AccountId& owner,
                                 const std::string& id);
const SecurityGroup* group_by_name(const RegionState& region, const AccountId& owner,
                                   const VpcId& vpc, const std::string& name);
// The caller's default VPC in its Region.
const VpcId& default_vpc_of(const World& world, const Caller& caller);
// The caller's group a rule call names: by ID, else by name in the default VPC. Errors:
// MissingParameter (neither), InvalidGroupId.Malformed, InvalidGroup.NotFound.
Result<const SecurityGroup*> group_named(const World& world, const Caller& caller,
                                         const std::string& id, const std::string& name);

// The permissions the older top-level form stands for: one, or with SourceSecurityGroupName and
// no protocol the three EC2 grants ("full ICMP, UDP, and TCP access", API reference,
// AuthorizeSecurityGroupIngress). None when the form is not used. Errors: MissingParameter
// (owner without a group), InvalidParameterCombination (mixed with IpPermissions).
Result<std::vector<IpPermissionSpec>> permissions_of(const std::vector<IpPermissionSpec>& given,
                                                     const LegacyPermission& legacy);

// The rules one permission stands for, one per peer, checked and canonical, without IDs, for
// `group` in the direction `egress`. Errors: see authorize_security_group.
Result<std::vector<SecurityGroupRule>> rules_of(const World& world, const Caller& caller,
                                                const SecurityGroup& group, bool egress,
                                                const IpPermissionSpec& permission);

// Checks and canonicalizes a protocol and its ports into `rule`.
Status set_protocol(SecurityGroupRule& rule, const std::string& protocol,
                    std::optional<int> from_port, std::optional<int> to_port);

// Checks the peer value of a rule (CIDR, prefix list) and canonicalizes it into `rule`.
Status set_cidr_ipv4(SecurityGroupRule& rule, const std::string& cidr);
Status set_cidr_ipv6(SecurityGroupRule& rule, const std::string& cidr);
Status set_prefix_list(SecurityGroupRule& rule, const std::string& id);
// A group reference of a rule of `group`: by ID (another account's when user_id names it) or by
// name in the caller's default VPC.
Status set_referenced_group(SecurityGroupRule& rule, const World& world, const Caller& caller,
                            const SecurityGroup& group, const GroupPairSpec& pair);

// True when another group's rule of the same account references `group` (DeleteSecurityGroup's
// DependencyViolation).
bool group_referenced(const RegionState& region, const SecurityGroup& group);

}  // namespace amisim::sim::detail
