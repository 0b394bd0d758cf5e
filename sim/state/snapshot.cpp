#include "sim/state/snapshot.hpp"

namespace amisim::sim {

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

std::string_view to_string(TieringState s) {
  switch (s) {
    case TieringState::kNone:
      return "";
    case TieringState::kArchivalInProgress:
      return "archival-in-progress";
    case TieringState::kArchivalCompleted:
      return "archival-completed";
    case TieringState::kArchivalFailed:
      return "archival-failed";
    case TieringState::kTemporaryRestoreInProgress:
      return "temporary-restore-in-progress";
    case TieringState::kTemporaryRestoreCompleted:
      return "temporary-restore-completed";
    case TieringState::kTemporaryRestoreFailed:
      return "temporary-restore-failed";
    case TieringState::kPermanentRestoreInProgress:
      return "permanent-restore-in-progress";
    case TieringState::kPermanentRestoreCompleted:
      return "permanent-restore-completed";
    case TieringState::kPermanentRestoreFailed:
      return "permanent-restore-failed";
  }
  return "";
}

}  // namespace amisim::sim
