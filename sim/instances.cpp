#include "sim/instances.hpp"

namespace sim {

void on_instance_event(World&, const Event&) {}

}  // namespace sim
