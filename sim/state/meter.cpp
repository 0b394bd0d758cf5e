#include "sim/state/meter.hpp"

#include <cassert>

namespace amisim::sim {

void Meter::set(const LineKey& key, TimeMs now, std::int64_t quantity, MicroUsd price,
                const LineUsage& kind) {
  auto it = lines_.find(key);
  if (it == lines_.end()) {
    if (quantity == 0) return;
    LineUsage fresh = kind;
    fresh.segments.clear();
    it = lines_.emplace(key, std::move(fresh)).first;
  }
  auto& segments = it->second.segments;
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
  auto it = lines_.find(key);
  if (it == lines_.end()) {
    LineUsage fresh = kind;
    fresh.segments.clear();
    it = lines_.emplace(key, std::move(fresh)).first;
  }
  it->second.segments.push_back(Segment{at, at, quantity, price});
}

void Meter::reconcile(const AccountId& account, const RegionName& region,
                      const std::string& usage_type,
                      const std::map<std::string, std::int64_t>& desired, TimeMs now,
                      MicroUsd price, const LineUsage& kind) {
  std::vector<LineKey> ended;
  for (auto it = lines_.lower_bound(LineKey{account, region, usage_type, ""});
       it != lines_.end() && it->first.account == account && it->first.region == region &&
       it->first.usage_type == usage_type;
       ++it) {
    const auto& segments = it->second.segments;
    if (!segments.empty() && !segments.back().end && !desired.count(it->first.resource_id))
      ended.push_back(it->first);
  }
  for (const LineKey& key : ended) set(key, now, 0, price, kind);
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
