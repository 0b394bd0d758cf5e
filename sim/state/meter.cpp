#include "sim/state/meter.hpp"

#include <cassert>

namespace amisim::sim {

const LineUsage* Meter::find(const LineKey& key) const {
  auto group = groups_.find(key);
  if (group == groups_.end()) return nullptr;
  auto it = group->second.find(key.resource_id);
  return it == group->second.end() ? nullptr : &it->second;
}

LineUsage& Meter::line(const LineKey& key, const LineUsage& kind) {
  auto group = groups_.lower_bound(key);
  if (group == groups_.end() || GroupLess{}(key, group->first))
    group =
        groups_.emplace_hint(group, LineGroup{key.account, key.region, key.usage_type}, Lines{});
  Lines& lines = group->second;
  auto [it, fresh] = lines.try_emplace(key.resource_id, kind);
  if (fresh) it->second.segments.clear();
  return it->second;
}

void Meter::set(const LineKey& key, TimeMs now, std::int64_t quantity, MicroUsd price,
                const LineUsage& kind) {
  // One lookup: ending usage needs the line to exist; any other quantity makes it.
  LineUsage* usage = quantity == 0 ? const_cast<LineUsage*>(find(key)) : &line(key, kind);
  if (usage == nullptr) return;
  auto& segments = usage->segments;
  if (!segments.empty() && !segments.back().end) {
    Segment& open = segments.back();
    if (open.quantity == quantity && open.price == price) return;
    assert(now >= open.start);
    open.end = now;
  }
  if (quantity != 0) segments.push_back(Segment{now, std::nullopt, quantity, price});
}

void Meter::once(const LineKey& key, TimeMs at, std::int64_t quantity, MicroUsd price,
                 const LineUsage& kind) {
  if (quantity == 0) return;
  line(key, kind).segments.push_back(Segment{at, at, quantity, price});
}

void Meter::reconcile(const AccountId& account, const RegionName& region,
                      const std::string& usage_type,
                      const std::map<std::string, std::int64_t>& desired, TimeMs now,
                      MicroUsd price, const LineUsage& kind) {
  std::vector<std::string> ended;
  if (auto group = groups_.find(LineGroup{account, region, usage_type}); group != groups_.end()) {
    for (const auto& [resource, line] : group->second) {
      const auto& segments = line.segments;
      if (!segments.empty() && !segments.back().end && !desired.count(resource))
        ended.push_back(resource);
    }
  }
  for (const std::string& resource : ended)
    set(LineKey{account, region, usage_type, resource}, now, 0, price, kind);
  for (const auto& [resource, quantity] : desired)
    set(LineKey{account, region, usage_type, resource}, now, quantity, price, kind);
}

LineUsage storage_usage() {
  return LineUsage{Charge::kProrated, "GB-Mo", kBytesPerGiB, kBillingMonthMs, {}};
}
LineUsage volume_usage() {
  return LineUsage{Charge::kPerSecondMin60, "GB-Mo", kBytesPerGiB, kBillingMonthMs, {}};
}
LineUsage compute_usage() { return LineUsage{Charge::kPerSecondMin60, "Hrs", 1, kHourMs, {}}; }
LineUsage public_ipv4_usage() { return LineUsage{Charge::kProrated, "Hrs", 1, kHourMs, {}}; }
LineUsage fee_usage() { return LineUsage{Charge::kPerStartedHour, "Hrs", 1, kHourMs, {}}; }
LineUsage transfer_usage() { return LineUsage{Charge::kOnce, "GB", kBytesPerGiB, 1, {}}; }

LineUsage iops_usage() {
  return LineUsage{Charge::kPerSecondMin60, "IOPS-Mo", 1, kBillingMonthMs, {}};
}

LineUsage throughput_usage() {
  return LineUsage{Charge::kPerSecondMin60, "GiBps-mo", 1024, kBillingMonthMs, {}};
}

LineUsage early_delete_usage() {
  return LineUsage{Charge::kOnce, "GB-Mo", kBytesPerGiB, kBillingMonthMs / kHourMs, {}};
}

}  // namespace amisim::sim
