#include "sim/state/instance.hpp"

namespace amisim::sim {

std::string_view to_string(InstanceState s) {
  switch (s) {
    case InstanceState::kPending:
      return "pending";
    case InstanceState::kRunning:
      return "running";
    case InstanceState::kShuttingDown:
      return "shutting-down";
    case InstanceState::kTerminated:
      return "terminated";
    case InstanceState::kStopping:
      return "stopping";
    case InstanceState::kStopped:
      return "stopped";
  }
  return "unknown";
}

std::optional<InstanceState> instance_state_from_string(std::string_view name) {
  for (InstanceState s : kAllInstanceStates) {
    if (to_string(s) == name) return s;
  }
  return std::nullopt;
}

// The lifecycle of the EC2 user guide (ec2-instance-lifecycle.md; fact sheet §2.2): stop only from
// running, start only from stopped, terminate from every state but terminated, and the two
// intermediate states (stopping, shutting-down) always end in their final state.
bool is_legal_transition(InstanceState from, InstanceState to) {
  using S = InstanceState;
  switch (from) {
    case S::kPending:
      return to == S::kRunning || to == S::kShuttingDown;
    case S::kRunning:
      return to == S::kStopping || to == S::kShuttingDown;
    case S::kStopping:
      return to == S::kStopped || to == S::kShuttingDown;
    case S::kStopped:
      return to == S::kPending || to == S::kShuttingDown;
    case S::kShuttingDown:
      return to == S::kTerminated;
    case S::kTerminated:
      return false;
  }
  return false;
}

}  // namespace amisim::sim
