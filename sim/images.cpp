#include "sim/images.hpp"

namespace sim {

void on_image_event(World&, const Event&) {}

}  // namespace sim
