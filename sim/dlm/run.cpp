// What a lifecycle policy does on the clock (sim/dlm/dlm.hpp): runs, retention, deprecation,
// copies and sharing.
#include "sim/dlm/dlm.hpp"

namespace amisim::sim {

void on_dlm_event(World& world, const Event& event) {
  (void)world;
  (void)event;
}

}  // namespace amisim::sim
