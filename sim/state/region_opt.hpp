// An account's opt-in status for a Region (AWS Account Management, "Enable or disable AWS Regions
// in your account"): Regions launched before 2019-03-20 are ENABLED_BY_DEFAULT and cannot change;
// opt-in Regions start DISABLED and move ENABLING -> ENABLED, DISABLING -> DISABLED over model
// time (sim/regions/opt_in.hpp holds the rules). Only the opt-in Regions an account has changed
// are stored; every other Region reads its default from the fixtures.
#pragma once

#include <string_view>

namespace amisim::sim {

enum class RegionOptStatus { kEnabledByDefault, kEnabled, kEnabling, kDisabling, kDisabled };

// The Account API's names: "ENABLED_BY_DEFAULT", "ENABLED", "ENABLING", "DISABLING", "DISABLED".
std::string_view region_opt_status_name(RegionOptStatus status);

}  // namespace amisim::sim
