#include "sim/state/volume.hpp"

namespace amisim::sim {

std::string_view to_string(VolumeState s) {
  switch (s) {
    case VolumeState::kCreating:
      return "creating";
    case VolumeState::kAvailable:
      return "available";
    case VolumeState::kInUse:
      return "in-use";
    case VolumeState::kDeleting:
      return "deleting";
    case VolumeState::kDeleted:
      return "deleted";
    case VolumeState::kError:
      return "error";
  }
  return "error";
}

}  // namespace amisim::sim
