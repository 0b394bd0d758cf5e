// Handlers for instances (placeholder: filled in by the handler work of issue 3).
#include "api/ec2/input.hpp"

namespace amisim::ec2 {

std::span<const HandlerEntry> instance_handlers() { return {}; }

}  // namespace amisim::ec2
