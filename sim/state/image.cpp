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

std::string Image::image_location() const {
  if (location_is_whole) return location_head;
  std::string text;
  text.reserve(location_head.size() + 1 + name.size());
  return text.append(location_head).append(1, '/').append(name);
}

void Image::set_image_location(std::string_view location) {
  const bool relative = location.size() > name.size() &&
                        location.substr(location.size() - name.size()) == name &&
                        location[location.size() - name.size() - 1] == '/';
  location_is_whole = !relative;
  location_head = relative ? location.substr(0, location.size() - name.size() - 1) : location;
}

}  // namespace amisim::sim
