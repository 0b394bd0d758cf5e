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
using HandlerFn = Json (*)(sim::World& world, const sim::Caller& caller, const Json& input);

struct HandlerEntry {
  std::string_view action;  // "DescribeImages"
  HandlerFn fn;
  bool mutates;
};

// Each resource group lists its handlers (defined in the group's .cpp).
std::span<const HandlerEntry> image_handlers();            // images.cpp
std::span<const HandlerEntry> instance_handlers();         // instances.cpp
std::span<const HandlerEntry> volume_handlers();           // volumes.cpp
std::span<const HandlerEntry> snapshot_handlers();         // snapshots.cpp
std::span<const HandlerEntry> key_pair_handlers();         // key_pairs.cpp
std::span<const HandlerEntry> security_group_handlers();   // security_groups.cpp
std::span<const HandlerEntry> tag_handlers();              // tags.cpp
std::span<const HandlerEntry> region_handlers();           // regions.cpp
std::span<const HandlerEntry> launch_template_handlers();  // launch_templates.cpp
std::span<const HandlerEntry> image_task_handlers();       // image_tasks.cpp
std::span<const HandlerEntry> snapshot_tier_handlers();    // snapshot_tiers.cpp
std::span<const HandlerEntry> network_handlers();          // vpcs.cpp
std::span<const HandlerEntry> address_handlers();          // addresses.cpp

}  // namespace amisim::ec2
