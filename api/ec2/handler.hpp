// The EC2 handlers: one function per action, from the operation's input JSON (the SDK's shape:
// {"ImageIds": [...], "Filters": [{"Name": ..., "Values": [...]}]}) to a typed sim call and back
// to output JSON in the SDK's shape ({"Images": [{"ImageId": ..., "State": ...}]}).
//
// Every door shares these (DESIGN.md, "One request, end to end"): the HTTP gateway after the
// query parser, the scenario runner and C++ callers through ec2::call (api/ec2/dispatch.hpp).
//
// Handlers report failures by throwing ApiError (input accessors and unwrap() do it for them);
// ec2::call catches it, so nothing escapes a door. Output keys are the model's member names;
// the XML writer turns them into wire element names.
#pragma once

#include <nlohmann/json.hpp>
#include <span>
#include <string_view>

#include "api/protocol/wire_error.hpp"
#include "sim/core/errors.hpp"
#include "sim/core/result.hpp"
#include "sim/state/world.hpp"

namespace amisim::ec2 {

using Json = nlohmann::json;
using protocol::WireError;
using protocol::WireResult;

// A failure on the way through a handler: bad input or a model error.
struct ApiError {
  WireError error;
};

[[noreturn]] inline void fail(WireError error) { throw ApiError{std::move(error)}; }
[[noreturn]] inline void fail(const sim::Error& error) { fail(protocol::to_wire(error)); }

// The value of a model result, or throws its error.
template <class T>
T unwrap(sim::Result<T>&& result) {
  if (!result.ok()) fail(result.error());
  return std::move(result).value();
}
inline void unwrap(sim::Status&& status) {
  if (!status.ok()) fail(status.error());
}

// A handler. Handlers of actions that do not change the world (HandlerEntry::mutates == false)
// must not modify it: describe calls are const in the model, and the state journal
// (api/control) skips them.
//
// DryRun, for every changing action (HandlerEntry::mutates == true), including new ones: one code
// path, the real call stopped before it changes anything. Real EC2 "checks whether you have the
// required permissions for the action, without actually making the request" (the DryRun member
// in the service model) and runs every check the call would run first: RunInstances --dry-run
// with an unknown instance type answers InvalidParameterValue, not DryRunOperation. So:
//   - the handler reads the flag with dry_run(in) (api/ec2/input.hpp) and passes it to the model,
//     as the sim request's `dry_run` member or the operation's last `bool dry_run` argument;
//   - the model operation makes every check in AWS's order (existence, ownership and
//     permission, state, instance type and architecture, Marketplace subscription, limits,
//     names, tags, ClientToken) and then, before its first change, `if (dry_run) return
//     errors::dry_run();`. Nothing before that line may change the World: no new_id, no
//     next_random, no schedule, no map insert. A ClientToken seen before answers DryRunOperation
//     too (the real call would succeed);
//   - a handler that calls the model more than once (all-or-nothing changes) checks every part
//     first and fails with sim::errors::dry_run() after the checks.
// ec2::call turns a changing handler that answers normally under DryRun into InternalError, and
// tests/properties/dry_run_properties.cpp checks, for random calls of every changing action, that
// DryRun leaves the world's digest as it was and answers DryRunOperation exactly when the same
// call without DryRun succeeds (else the same error).
using HandlerFn = Json (*)(sim::World& world, const sim::Caller& caller, const Json& input);

struct HandlerEntry {
  std::string_view action;  // "DescribeImages"
  HandlerFn fn;
  bool mutates;
};

// Each resource group lists its handlers (defined in the group's .cpp).
std::span<const HandlerEntry> image_handlers();            // images.cpp
std::span<const HandlerEntry> instance_handlers();         // instances.cpp
std::span<const HandlerEntry> recycle_bin_handlers();      // recycle_bin.cpp
std::span<const HandlerEntry> volume_handlers();           // volumes.cpp
std::span<const HandlerEntry> snapshot_handlers();         // snapshots.cpp
std::span<const HandlerEntry> key_pair_handlers();         // key_pairs.cpp
std::span<const HandlerEntry> security_group_handlers();   // security_groups.cpp
std::span<const HandlerEntry> tag_handlers();              // tags.cpp
std::span<const HandlerEntry> region_handlers();           // regions.cpp
std::span<const HandlerEntry> launch_template_handlers();  // launch_templates.cpp
std::span<const HandlerEntry> image_task_handlers();       // image_tasks.cpp
std::span<const HandlerEntry> snapshot_tier_handlers();    // snapshot_tiers.cpp
std::span<const HandlerEntry> instance_type_handlers();    // instance_types.cpp
std::span<const HandlerEntry> network_handlers();          // vpcs.cpp
std::span<const HandlerEntry> address_handlers();          // addresses.cpp
// issue 17: snapshot lock and block public access
std::span<const HandlerEntry> snapshot_lock_handlers();                 // snapshot_locks.cpp
std::span<const HandlerEntry> snapshot_block_public_access_handlers();  // snapshot_block_...cpp
std::span<const HandlerEntry> image_usage_handlers();       // image_usage.cpp (issue 17)
std::span<const HandlerEntry> allowed_images_handlers();    // allowed_images.cpp (issue 18)
std::span<const HandlerEntry> metadata_options_handlers();  // metadata_options.cpp

}  // namespace amisim::ec2
