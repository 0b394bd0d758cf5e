// Internal helpers shared by the instance operation files (run.cpp, transitions.cpp,
// describe.cpp, boot.cpp, events.cpp in sim/instances/). Not part of the contract
// between families: other families use sim/instances/instances.hpp.
#pragma once

#include <string>
#include <vector>

#include "sim/instances/instances.hpp"

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

// The root volume of the instance (the block device at root_device_name), or nullptr.
Volume* root_volume(RegionState& region, const Instance& instance);
const Volume* root_volume(const RegionState& region, const Instance& instance);

// First boot: schedules the user-data installs the root volume lacks and sets ready_at.
void begin_first_boot_installs(World& world, RegionState& region, Instance& instance);

// Applies one kPackageInstalled: writes the package to the root volume, schedules the next.
void finish_package_install(World& world, RegionState& region, Instance& instance,
                            const std::string& package);

}  // namespace amisim::sim::detail
