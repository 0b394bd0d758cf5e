// Handlers for tags (placeholder: filled in by the handler work of issue 3).
#include "api/ec2/input.hpp"

namespace amisim::ec2 {

std::span<const HandlerEntry> tag_handlers() { return {}; }

}  // namespace amisim::ec2
