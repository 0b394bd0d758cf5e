#include "sim/regions/opt_in.hpp"

#include <cassert>

#include "sim/core/errors.hpp"

namespace amisim::sim {
namespace {

using S = RegionOptStatus;

bool opt_in_required(const World& world, const RegionName& region) {
  const RegionInfo* info = world.fixtures().find_region(region);
  assert(info && "callers check the Region name first");
  return info->opt_in_required();
}

// Moves the account's Region to `during` now and schedules the end of the change.
void start_change(World& world, const AccountId& account, const RegionName& region, S during,
                  std::string_view to) {
  world.ensure_account(account);
  world.region_opt()[{account, region}] = during;
  Event e;
  e.at = world.now() + kRegionOptChangeMs;
  e.kind = EventKind::kRegionOptChanged;
  e.region = region;
  e.target = account.str();
  e.detail = std::string(to);
  world.schedule(std::move(e));
}

}  // namespace

RegionOptStatus region_opt_status(const World& world, const AccountId& account,
                                  const RegionName& region) {
  if (!opt_in_required(world, region)) return S::kEnabledByDefault;
  auto it = world.region_opt().find({account, region});
  return it == world.region_opt().end() ? S::kDisabled : it->second;
}

bool region_enabled(const World& world, const AccountId& account, const RegionName& region) {
  S status = region_opt_status(world, account, region);
  return status == S::kEnabledByDefault || status == S::kEnabled;
}

std::string_view ec2_opt_in_status(const World& world, const AccountId& account,
                                   const RegionName& region) {
  switch (region_opt_status(world, account, region)) {
    case S::kEnabledByDefault:
      return "opt-in-not-required";
    case S::kEnabled:
      return "opted-in";
    default:
      return "not-opted-in";
  }
}

Status enable_region(World& world, const AccountId& account, const RegionName& region) {
  S status = region_opt_status(world, account, region);
  if (status == S::kDisabling) return errors::region_opt_conflict();
  if (status != S::kDisabled) return errors::region_opt_switch_refused();
  start_change(world, account, region, S::kEnabling, "ENABLED");
  return ok_status();
}

Status disable_region(World& world, const AccountId& account, const RegionName& region) {
  if (region_opt_status(world, account, region) != S::kEnabled)
    return errors::region_opt_switch_refused();
  start_change(world, account, region, S::kDisabling, "DISABLED");
  return ok_status();
}

void on_region_opt_event(World& world, const Event& event) {
  auto it = world.region_opt().find({AccountId(event.target), event.region});
  if (it == world.region_opt().end()) return;
  if (event.detail == "ENABLED" && it->second == S::kEnabling) it->second = S::kEnabled;
  if (event.detail == "DISABLED" && it->second == S::kDisabling) it->second = S::kDisabled;
}

}  // namespace amisim::sim
