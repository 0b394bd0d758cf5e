#include "sim/snapshot.hpp"

namespace sim {

std::string_view to_string(SnapshotState s) {
  switch (s) {
    case SnapshotState::kPending:
      return "pending";
    case SnapshotState::kCompleted:
      return "completed";
    case SnapshotState::kError:
      return "error";
    case SnapshotState::kRecoverable:
      return "recoverable";
    case SnapshotState::kRecovering:
      return "recovering";
  }
  return "error";
}

}  // namespace sim
