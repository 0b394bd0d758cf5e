#include "sim/instances/instance_types.hpp"

#include <algorithm>
#include <optional>

#include "sim/core/errors.hpp"

namespace amisim::sim {
namespace {

std::string flag(bool b) { return b ? "true" : "false"; }

// The values a DescribeInstanceTypes filter compares (EC2 API reference, DescribeInstanceTypes
// Filters); nullopt for a filter amisim does not model.
std::optional<std::vector<std::string>> type_values(const InstanceTypeInfo& t,
                                                    const std::string& name) {
  using V = std::vector<std::string>;
  if (name == "instance-type") return V{t.name};
  if (name == "current-generation") return V{flag(t.current_generation)};
  if (name == "free-tier-eligible") return V{flag(t.free_tier_eligible)};
  if (name == "hypervisor") return V{t.hypervisor};
  if (name == "bare-metal") return V{"false"};
  if (name == "burstable-performance-supported") return V{flag(t.burstable_performance)};
  if (name == "hibernation-supported") return V{flag(t.hibernation)};
  if (name == "processor-info.supported-architecture") return t.architectures;
  if (name == "processor-info.manufacturer") return V{t.manufacturer};
  if (name == "vcpu-info.default-vcpus") return V{std::to_string(t.vcpus)};
  if (name == "vcpu-info.default-cores") return V{std::to_string(t.default_cores)};
  if (name == "memory-info.size-in-mib") return V{std::to_string(t.memory_mib)};
  if (name == "network-info.ena-support") return V{t.ena_support};
  if (name == "network-info.network-performance") return V{t.network_performance};
  if (name == "supported-boot-mode") return t.boot_modes;
  if (name == "supported-root-device-type") return t.root_device_types;
  if (name == "supported-virtualization-type") return t.virtualization_types;
  if (name == "supported-usage-class") return V{"on-demand", "spot"};
  return std::nullopt;
}

Result<bool> type_matches(const InstanceTypeInfo& t, const std::vector<Filter>& filters) {
  for (const Filter& f : filters) {
    auto values = type_values(t, f.name);
    if (!values) return errors::invalid_filter(f.name);
    if (!any_match(f.values, *values)) return false;
  }
  return true;
}

Status check_named_types(const World& world, const RegionInfo& region,
                         const std::vector<std::string>& names) {
  std::vector<std::string> missing;
  for (const std::string& n : names) {
    if (!world.fixtures().find_instance_type(n) || !region.offers(n)) missing.push_back(n);
  }
  if (!missing.empty()) return errors::instance_types_not_found(missing);
  return ok_status();
}

}  // namespace

Result<DescribeInstanceTypesResult> describe_instance_types(
    const World& world, const Caller& caller, const DescribeInstanceTypesRequest& request) {
  if (auto s = check_filters(request.filters); !s) return s.error();
  if (auto s = check_page_request(request.page, kDescribeInstanceTypesPages, false); !s)
    return s.error();
  const RegionInfo& region = *world.region_of(caller).info;
  if (auto s = check_named_types(world, region, request.instance_types); !s) return s.error();
  std::vector<const InstanceTypeInfo*> matched;
  for (const auto& [name, info] : world.fixtures().instance_types) {
    if (!region.offers(name)) continue;
    if (!request.instance_types.empty() &&
        std::find(request.instance_types.begin(), request.instance_types.end(), name) ==
            request.instance_types.end())
      continue;
    auto ok = type_matches(info, request.filters);
    if (!ok) return ok.error();
    if (*ok) matched.push_back(&info);
  }
  DescribeInstanceTypesResult out;
  auto page = paginate(
      std::move(matched), request.page, kDescribeInstanceTypesPages,
      [](const InstanceTypeInfo* t) { return t->name; }, out.next_token);
  if (!page) return page.error();
  out.instance_types = std::move(*page);
  return out;
}

namespace {

// Every (location, type) the Region offers for the location type, sorted.
std::vector<InstanceTypeOffering> offerings_of(const World& world, const RegionInfo& region,
                                               const std::string& location_type) {
  std::vector<InstanceTypeOffering> out;
  if (location_type == "outpost") return out;  // amisim models no Outposts: none [?]
  for (const auto& [name, info] : world.fixtures().instance_types) {
    if (location_type == "region") {
      if (region.offers(name)) out.push_back({name, location_type, region.name.str()});
      continue;
    }
    for (const ZoneInfo& z : region.zones) {
      if (!region.offers(name, &z)) continue;
      out.push_back(
          {name, location_type, location_type == "availability-zone" ? z.name.str() : z.zone_id});
    }
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return a.location != b.location ? a.location < b.location : a.instance_type < b.instance_type;
  });
  return out;
}

Result<bool> offering_matches(const InstanceTypeOffering& o, const std::vector<Filter>& filters) {
  for (const Filter& f : filters) {
    std::string_view value;
    if (f.name == "instance-type") {
      value = o.instance_type;
    } else if (f.name == "location") {
      value = o.location;
    } else {
      return errors::invalid_filter(f.name);
    }
    if (!any_match(f.values, value)) return false;
  }
  return true;
}

}  // namespace

Result<DescribeInstanceTypeOfferingsResult> describe_instance_type_offerings(
    const World& world, const Caller& caller, const DescribeInstanceTypeOfferingsRequest& request) {
  const std::string& lt = request.location_type;
  if (lt != "region" && lt != "availability-zone" && lt != "availability-zone-id" &&
      lt != "outpost")
    return errors::location_type_invalid(lt);
  if (auto s = check_filters(request.filters); !s) return s.error();
  if (auto s = check_page_request(request.page, kDescribeInstanceTypeOfferingsPages, false); !s)
    return s.error();
  std::vector<InstanceTypeOffering> matched;
  for (auto& o : offerings_of(world, *world.region_of(caller).info, lt)) {
    auto ok = offering_matches(o, request.filters);
    if (!ok) return ok.error();
    if (*ok) matched.push_back(std::move(o));
  }
  DescribeInstanceTypeOfferingsResult out;
  auto page = paginate(
      std::move(matched), request.page, kDescribeInstanceTypeOfferingsPages,
      [](const InstanceTypeOffering& o) { return o.location + "\n" + o.instance_type; },
      out.next_token);
  if (!page) return page.error();
  out.offerings = std::move(*page);
  return out;
}

}  // namespace amisim::sim
