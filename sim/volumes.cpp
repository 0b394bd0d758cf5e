#include "sim/volumes.hpp"

namespace sim {

void on_volume_event(World&, const Event&) {}

}  // namespace sim
