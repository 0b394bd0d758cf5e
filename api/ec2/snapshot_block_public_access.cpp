// Block public access for snapshots: EnableSnapshotBlockPublicAccess,
// DisableSnapshotBlockPublicAccess and GetSnapshotBlockPublicAccessState — SDK-shaped JSON to
// sim/ebs/snapshot_block_public_access.hpp and back.
#include "sim/ebs/snapshot_block_public_access.hpp"

#include "api/ec2/input.hpp"

namespace amisim::ec2 {
namespace {

Json state_json(sim::SnapshotBlockPublicAccess state) {
  return {{"State", std::string(sim::to_string(state))}};
}

Json enable(sim::World& world, const sim::Caller& caller, const Json& in) {
  const std::string state = required_string(in, "State");
  return state_json(
      unwrap(sim::enable_snapshot_block_public_access(world, caller, state, dry_run(in))));
}

Json disable(sim::World& world, const sim::Caller& caller, const Json& in) {
  return state_json(unwrap(sim::disable_snapshot_block_public_access(world, caller, dry_run(in))));
}

Json get_state(sim::World& world, const sim::Caller& caller, const Json&) {
  const sim::World& view = world;
  Json out = state_json(sim::snapshot_block_public_access(view, caller));
  out["ManagedBy"] = "account";  // no declarative policies in amisim
  return out;
}

constexpr HandlerEntry kSnapshotBlockPublicAccessHandlers[] = {
    {"DisableSnapshotBlockPublicAccess", disable, true},
    {"EnableSnapshotBlockPublicAccess", enable, true},
    {"GetSnapshotBlockPublicAccessState", get_state, false},
};

}  // namespace

std::span<const HandlerEntry> snapshot_block_public_access_handlers() {
  return kSnapshotBlockPublicAccessHandlers;
}

}  // namespace amisim::ec2
