#include "sim/state/region_opt.hpp"

namespace amisim::sim {

std::string_view region_opt_status_name(RegionOptStatus status) {
  switch (status) {
    case RegionOptStatus::kEnabledByDefault:
      return "ENABLED_BY_DEFAULT";
    case RegionOptStatus::kEnabled:
      return "ENABLED";
    case RegionOptStatus::kEnabling:
      return "ENABLING";
    case RegionOptStatus::kDisabling:
      return "DISABLING";
    case RegionOptStatus::kDisabled:
      break;
  }
  return "DISABLED";
}

}  // namespace amisim::sim
