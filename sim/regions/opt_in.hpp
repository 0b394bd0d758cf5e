// Region opt-in, per account (AWS Account Management guide, "Enable or disable AWS Regions in
// your account"; Account API EnableRegion, DisableRegion, GetRegionOptStatus, ListRegions).
//
// Rules:
//  - A Region whose fixture status is "opt-in-not-required" (launched before 2019-03-20) is
//    ENABLED_BY_DEFAULT for every account and can be neither enabled nor disabled.
//  - An opt-in Region starts DISABLED. EnableRegion moves it to ENABLING, and after
//    kRegionOptChangeMs of model time to ENABLED; DisableRegion moves an ENABLED one to DISABLING,
//    then DISABLED. Both are timeline events (settling work: the instant clock mode finishes
//    them before the next call).
//  - An account may use a Region (EC2 answers its calls) when it is ENABLED_BY_DEFAULT or
//    ENABLED. EC2's DescribeRegions OptInStatus reads opt-in-not-required, opted-in (usable) or
//    not-opted-in.
// Every function takes a Region that exists (callers check the name first).
#pragma once

#include <string_view>

#include "sim/core/event.hpp"
#include "sim/core/result.hpp"
#include "sim/state/world.hpp"

namespace amisim::sim {

// AWS documents "a few minutes for most accounts, but it can take several hours" (EnableRegion,
// RegionName); amisim takes 5 minutes of model time each way [?].
inline constexpr DurationMs kRegionOptChangeMs = 5 * kMinuteMs;

RegionOptStatus region_opt_status(const World& world, const AccountId& account,
                                  const RegionName& region);

// Whether the account may call services in the Region (ENABLED_BY_DEFAULT or ENABLED).
bool region_enabled(const World& world, const AccountId& account, const RegionName& region);

// EC2's Region.OptInStatus for the account: "opt-in-not-required", "opted-in" or "not-opted-in"
// (ENABLING and DISABLING read not-opted-in: the Region cannot be used then [?]).
std::string_view ec2_opt_in_status(const World& world, const AccountId& account,
                                   const RegionName& region);

// EnableRegion: DISABLED -> ENABLING. ValidationException for a default Region or one already
// ENABLED or ENABLING; ConflictException while DISABLING.
Status enable_region(World& world, const AccountId& account, const RegionName& region);

// DisableRegion: ENABLED -> DISABLING. ValidationException in any other status.
Status disable_region(World& world, const AccountId& account, const RegionName& region);

// Applies kRegionOptChanged (the end of ENABLING or DISABLING).
void on_region_opt_event(World& world, const Event& event);

}  // namespace amisim::sim
