#include "sim/snapshots.hpp"

namespace sim {

void on_snapshot_event(World&, const Event&) {}

}  // namespace sim
