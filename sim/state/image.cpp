#include "sim/state/image.hpp"

namespace amisim::sim {

std::string_view to_string(ImageState s) {
  switch (s) {
    case ImageState::kPending:
      return "pending";
    case ImageState::kAvailable:
      return "available";
    case ImageState::kInvalid:
      return "invalid";
    case ImageState::kDeregistered:
      return "deregistered";
    case ImageState::kTransient:
      return "transient";
    case ImageState::kFailed:
      return "failed";
    case ImageState::kError:
      return "error";
    case ImageState::kDisabled:
      return "disabled";
  }
  return "unknown";
}

}  // namespace amisim::sim
