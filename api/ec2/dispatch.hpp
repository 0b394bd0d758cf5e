// The one way into the EC2 handlers, shared by every door (HTTP gateway, scenario runner, C++).
#pragma once

#include <string_view>
#include <vector>

#include "api/ec2/handler.hpp"

namespace amisim::ec2 {

// The handler of `action`, or null when amisim has none.
const HandlerEntry* find_handler(std::string_view action);

// Every action with a handler, in name order.
std::vector<std::string_view> supported_actions();

// Whether `action` changes the world (false for describes and unknown actions).
bool mutates(std::string_view action);

// Runs one call:
//   1. the caller's Region must exist (else AuthFailure, wire_errors::unknown_region); the
//      account is created on first sight (World::ensure_account), as Caller's contract requires;
//   2. an action without a handler: InvalidAction, or UnsupportedOperation when the service model
//      knows it but amisim does not implement it yet (wire_errors::action_not_implemented);
//   3. "DryRun": true. A describe (HandlerEntry::mutates false) answers DryRunOperation (412)
//      without running: AWS checks only permissions for it, and amisim has no IAM. A changing
//      action runs its handler, which makes every check the real call makes and answers
//      DryRunOperation instead of changing anything, or the error the real call would answer
//      (handler.hpp, "DryRun"); a changing handler that answers anything else is a defect
//      (InternalError);
//   4. the handler, whose ApiError becomes the result's error. Any other exception (a defect)
//      becomes InternalError (500) rather than escaping.
// The clock is not moved here: the edge does that by its clock mode.
WireResult<Json> call(sim::World& world, const sim::Caller& caller, std::string_view action,
                      const Json& input);

}  // namespace amisim::ec2
