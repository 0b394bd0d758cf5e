#include "sim/state/meter.hpp"

#include <algorithm>
#include <cassert>
#include <limits>
#include <map>
#include <tuple>

namespace amisim::sim {

std::optional<PackedId> PackedId::pack(std::string_view id) {
  const std::size_t dash = id.find('-');
  if (dash == 0 || dash > 8 || dash == std::string_view::npos || id.size() != dash + 18 ||
      id[dash + 1] != '0')
    return std::nullopt;
  PackedId out;
  for (std::size_t i = 0; i < dash; ++i) {
    if (id[i] < 'a' || id[i] > 'z') return std::nullopt;
    out.prefix[i] = id[i];
  }
  for (char c : id.substr(dash + 2)) {
    const int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
    if (digit < 0) return std::nullopt;
    out.bits = out.bits << 4 | static_cast<std::uint64_t>(digit);
  }
  return out;
}

std::string PackedId::str() const {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(prefix.data(), std::find(prefix.begin(), prefix.end(), '\0'));
  out += "-0";
  for (int shift = 60; shift >= 0; shift -= 4) out.push_back(kHex[(bits >> shift) & 0xf]);
  return out;
}

namespace {

// Letters and NUL sort before nothing else that matters here: comparing (prefix, bits) orders
// packed IDs as their strings sort ('-' and the padding NUL both sort before any letter).
bool packed_less(const PackedId& a, const PackedId& b) {
  return std::tie(a.prefix, a.bits) < std::tie(b.prefix, b.bits);
}

bool same_kind(const LineUsage& a, const LineUsage& b) {
  return a.charge == b.charge && a.unit == b.unit && a.quantity_unit == b.quantity_unit &&
         a.time_unit == b.time_unit;
}

}  // namespace

Meter::Lines& Meter::group(const LineKey& key) {
  auto group = groups_.lower_bound(key);
  if (group == groups_.end() || GroupLess{}(key, group->first))
    group =
        groups_.emplace_hint(group, LineGroup{key.account, key.region, key.usage_type}, Lines{});
  return group->second;
}

LineUsage& Meter::line(Lines& lines, const std::string& resource, const LineUsage& kind) {
  auto [it, fresh] = lines.live.try_emplace(resource, kind);
  if (fresh) it->second.segments.clear();
  return it->second;
}

void Meter::fold(Lines& lines, const std::string& resource) {
  if (!folding_) return;
  auto it = lines.live.find(resource);
  if (it == lines.live.end()) return;
  const LineUsage& usage = it->second;
  if (usage.segments.empty() || !std::all_of(usage.segments.begin(), usage.segments.end(),
                                             [](const Segment& s) { return s.end.has_value(); }))
    return;
  auto packed = PackedId::pack(resource);
  if (!packed) return;  // a bucket's line stays whole
  if (lines.folded.empty()) {
    lines.folded_kind = usage;
    lines.folded_kind.segments.clear();
  } else if (!same_kind(lines.folded_kind, usage)) {
    return;
  }
  // Grown by an eighth at a time rather than doubled: the history only grows, and a doubling
  // vector holds up to twice what it needs (the soak measures bytes per purged instance).
  std::vector<FoldedSegment>& folded = lines.folded;
  if (folded.capacity() < folded.size() + usage.segments.size())
    folded.reserve(folded.size() + usage.segments.size() + folded.size() / 8 + 16);
  for (const Segment& s : usage.segments)
    folded.push_back(FoldedSegment{*packed, s.start, *s.end, s.quantity, s.price});
  lines.live.erase(it);
}

void Meter::for_each_merged(
    const Lines& lines, const std::vector<const std::pair<const std::string, LineUsage>*>& sorted,
    const std::function<void(const std::string&, const LineUsage&)>& f) {
  std::vector<std::uint32_t> order(lines.folded.size());
  for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  // Stable: a resource's segments stay in folding order, which is time order.
  std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    return packed_less(lines.folded[a].resource, lines.folded[b].resource);
  });
  auto live = sorted.begin();
  LineUsage merged;
  for (std::size_t i = 0; i < order.size();) {
    const PackedId& id = lines.folded[order[i]].resource;
    const std::string resource = id.str();
    for (; live != sorted.end() && (*live)->first < resource; ++live)
      f((*live)->first, (*live)->second);
    merged = lines.folded_kind;
    for (; i < order.size() && !packed_less(id, lines.folded[order[i]].resource); ++i) {
      const FoldedSegment& s = lines.folded[order[i]];
      merged.segments.push_back(Segment{s.start, s.end, s.quantity, s.price});
    }
    if (live != sorted.end() && (*live)->first == resource) {
      const auto& more = (*live)->second.segments;
      merged.segments.insert(merged.segments.end(), more.begin(), more.end());
      ++live;
    }
    f(resource, merged);
  }
  for (; live != sorted.end(); ++live) f((*live)->first, (*live)->second);
}

void Meter::retire(TimeMs horizon, const DayTotals& days, const Keep& keep) {
  if (!retiring_ || horizon <= retired_through_) return;
  retired_through_ = horizon;
  for (auto& [group, lines] : groups_) {
    if (!lines.folded.empty()) retire_group(group, lines, horizon, days, keep);
  }
}

void Meter::retire_group(const LineGroup& group, Lines& lines, TimeMs horizon,
                         const DayTotals& days, const Keep& keep) {
  // A group's retired days have one unit; lines of another kind keep their detail.
  if (!lines.retired.empty() && lines.retired_unit != lines.folded_kind.unit) return;
  std::vector<FoldedSegment>& folded = lines.folded;
  std::vector<std::uint32_t> order(folded.size());
  for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    return packed_less(folded[a].resource, folded[b].resource);
  });
  std::vector<bool> retired(folded.size(), false);
  std::map<TimeMs, RetiredDay> totals;
  LineUsage line;
  for (std::size_t i = 0; i < order.size();) {
    const PackedId& id = folded[order[i]].resource;
    std::size_t run_end = i;
    TimeMs last_end = std::numeric_limits<TimeMs>::min();
    for (; run_end < order.size() && !packed_less(id, folded[order[run_end]].resource); ++run_end)
      last_end = std::max(last_end, folded[order[run_end]].end);
    const std::size_t run_start = i;
    i = run_end;
    if (last_end > horizon) continue;
    // A resource that may be billed again (a stopped instance started) keeps its detail: its
    // line's cost is one sum over all its segments, never split between detail and retired days.
    const std::string resource = id.str();
    if (lines.live.count(resource) || keep(group, resource)) continue;
    line = lines.folded_kind;
    for (std::size_t k = run_start; k < run_end; ++k) {
      const FoldedSegment& s = folded[order[k]];
      line.segments.push_back(Segment{s.start, s.end, s.quantity, s.price});
      retired[order[k]] = true;
    }
    days(line, totals);
  }
  if (totals.empty() && std::find(retired.begin(), retired.end(), true) == retired.end()) return;
  // Kept in folding order; the vector keeps its capacity for the segments still to come.
  std::size_t kept = 0;
  for (std::size_t i = 0; i < folded.size(); ++i) {
    if (!retired[i]) folded[kept++] = folded[i];
  }
  folded.resize(kept);
  if (lines.retired.empty()) lines.retired_unit = lines.folded_kind.unit;
  for (const RetiredDay& d : lines.retired) {
    RetiredDay& t = totals.try_emplace(d.day, RetiredDay{d.day, 0, 0}).first->second;
    t.cost += d.cost;
    t.usage_micro += d.usage_micro;
  }
  lines.retired.clear();
  for (const auto& [day, t] : totals) {
    if (t.cost != 0 || t.usage_micro != 0) lines.retired.push_back(t);
  }
}

void Meter::restore_retired(const LineGroup& group, std::string unit,
                            std::vector<RetiredDay> days) {
  Lines& lines = this->group(LineKey{group.account, group.region, group.usage_type, ""});
  lines.retired_unit = std::move(unit);
  lines.retired = std::move(days);
}

std::size_t Meter::retired_days() const {
  std::size_t n = 0;
  for (const auto& [group, lines] : groups_) n += lines.retired.size();
  return n;
}

std::size_t Meter::live_lines() const {
  std::size_t n = 0;
  for (const auto& [group, lines] : groups_) n += lines.live.size();
  return n;
}

std::size_t Meter::folded_segments() const {
  std::size_t n = 0;
  for (const auto& [group, lines] : groups_) n += lines.folded.size();
  return n;
}

void Meter::set(const LineKey& key, TimeMs now, std::int64_t quantity, MicroUsd price,
                const LineUsage& kind) {
  if (quantity == 0) {  // ending usage needs the line to exist
    auto group = groups_.find(key);
    if (group == groups_.end()) return;
    auto it = group->second.live.find(key.resource_id);
    if (it == group->second.live.end()) return;
    auto& segments = it->second.segments;
    if (segments.empty() || segments.back().end) return;
    assert(now >= segments.back().start);
    segments.back().end = now;
    fold(group->second, key.resource_id);
    return;
  }
  auto& segments = line(group(key), key.resource_id, kind).segments;
  if (!segments.empty() && !segments.back().end) {
    Segment& open = segments.back();
    if (open.quantity == quantity && open.price == price) return;
    assert(now >= open.start);
    open.end = now;
  }
  segments.push_back(Segment{now, std::nullopt, quantity, price});
}

void Meter::once(const LineKey& key, TimeMs at, std::int64_t quantity, MicroUsd price,
                 const LineUsage& kind) {
  if (quantity == 0) return;
  Lines& lines = group(key);
  line(lines, key.resource_id, kind).segments.push_back(Segment{at, at, quantity, price});
  fold(lines, key.resource_id);
}

void Meter::reconcile(const AccountId& account, const RegionName& region,
                      const std::string& usage_type,
                      const std::map<std::string, std::int64_t>& desired, TimeMs now,
                      MicroUsd price, const LineUsage& kind) {
  std::vector<std::string> ended;
  if (auto group = groups_.find(LineGroup{account, region, usage_type}); group != groups_.end()) {
    for (const auto& [resource, line] : group->second.live) {
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
