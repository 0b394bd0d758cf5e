// DescribeRegions and DescribeAvailabilityZones, answered from the fixtures
// (fixtures/regions.json). Clients call these on their own (the aws CLI's --region checks, SDK
// region discovery), so they must work even though the model has nothing to change about Regions.
#include <set>
#include <string>

#include "api/ec2/dispatch.hpp"
#include "api/ec2/input.hpp"
#include "sim/core/query.hpp"
#include "sim/regions/opt_in.hpp"

namespace amisim::ec2 {
namespace {

// DescribeRegions (EC2 API reference): without AllRegions, the Regions enabled for the account;
// with AllRegions=true, every Region whatever its status. OptInStatus is the account's
// (sim/regions/opt_in.hpp). Regions named in RegionNames are listed whatever their status [?].
bool region_matches(const sim::RegionInfo& r, std::string_view opt_in,
                    const std::vector<sim::Filter>& fs) {
  for (const sim::Filter& f : fs) {
    std::string_view value;
    if (f.name == "region-name") {
      value = r.name.str();
    } else if (f.name == "endpoint") {
      value = r.endpoint;
    } else if (f.name == "opt-in-status") {
      value = opt_in;
    } else {
      fail(sim::errors::invalid_filter(f.name));
    }
    if (!sim::any_match(f.values, value)) return false;
  }
  return true;
}

Json describe_regions(sim::World& world, const sim::Caller& caller, const Json& in) {
  std::vector<std::string> names = strings(in, "RegionNames");
  std::vector<sim::Filter> fs = filters(in);
  unwrap(sim::check_filters(fs));
  const bool all = opt_bool(in, "AllRegions").value_or(false);
  std::set<std::string> wanted(names.begin(), names.end());
  for (const std::string& n : wanted) {
    if (!world.fixtures().find_region(sim::RegionName(n)))
      fail(sim::errors::region_name_invalid(n));
  }
  Json regions = Json::array();
  for (const auto& r : world.fixtures().regions) {
    if (!wanted.empty() && wanted.count(r.name.str()) == 0) continue;
    if (wanted.empty() && !all && !sim::region_enabled(world, caller.account, r.name)) continue;
    std::string_view opt_in = sim::ec2_opt_in_status(world, caller.account, r.name);
    if (!region_matches(r, opt_in, fs)) continue;
    regions.push_back(
        {{"RegionName", r.name.str()}, {"Endpoint", r.endpoint}, {"OptInStatus", opt_in}});
  }
  return {{"Regions", regions}};
}

bool zone_matches(const sim::RegionInfo& r, const sim::ZoneInfo& z,
                  const std::vector<sim::Filter>& fs) {
  for (const sim::Filter& f : fs) {
    std::string_view value;
    if (f.name == "zone-name") {
      value = z.name.str();
    } else if (f.name == "zone-id") {
      value = z.zone_id;
    } else if (f.name == "region-name" || f.name == "group-name") {
      value = r.name.str();
    } else if (f.name == "state") {
      value = "available";
    } else if (f.name == "zone-type") {
      value = "availability-zone";
    } else if (f.name == "opt-in-status") {
      value = "opt-in-not-required";
    } else {
      fail(sim::errors::invalid_filter(f.name));
    }
    if (!sim::any_match(f.values, value)) return false;
  }
  return true;
}

Json describe_availability_zones(sim::World& world, const sim::Caller& caller, const Json& in) {
  std::vector<std::string> names = strings(in, "ZoneNames");
  std::vector<std::string> ids = strings(in, "ZoneIds");
  std::vector<sim::Filter> fs = filters(in);
  unwrap(sim::check_filters(fs));
  const sim::RegionInfo* region = nullptr;
  for (const auto& r : world.fixtures().regions) {
    if (r.name == caller.region) region = &r;
  }
  if (region == nullptr) fail(protocol::wire_errors::unknown_region(caller.region.str()));
  auto known = [&](const std::string& v, bool by_id) {
    for (const auto& z : region->zones) {
      if ((by_id ? z.zone_id : z.name.str()) == v) return true;
    }
    return false;
  };
  for (const auto& n : names) {
    if (!known(n, false)) fail(sim::errors::zone_name_not_found(n));
  }
  for (const auto& n : ids) {
    if (!known(n, true)) fail(sim::errors::zone_id_not_found(n));
  }
  Json zones = Json::array();
  for (const auto& z : region->zones) {
    bool named = names.empty() && ids.empty();
    for (const auto& n : names) named = named || n == z.name.str();
    for (const auto& n : ids) named = named || n == z.zone_id;
    if (!named || !zone_matches(*region, z, fs)) continue;
    zones.push_back({{"State", "available"},
                     {"OptInStatus", "opt-in-not-required"},
                     {"Messages", Json::array()},
                     {"RegionName", region->name.str()},
                     {"ZoneName", z.name.str()},
                     {"ZoneId", z.zone_id},
                     {"GroupName", region->name.str()},
                     {"NetworkBorderGroup", region->name.str()},
                     {"ZoneType", "availability-zone"}});
  }
  return {{"AvailabilityZones", zones}};
}

constexpr HandlerEntry kRegionHandlers[] = {
    {"DescribeAvailabilityZones", describe_availability_zones, false},
    {"DescribeRegions", describe_regions, false},
};

}  // namespace

std::span<const HandlerEntry> region_handlers() { return kRegionHandlers; }

}  // namespace amisim::ec2
