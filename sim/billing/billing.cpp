#include "sim/billing/billing.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <limits>
#include <map>
#include <tuple>

namespace amisim::sim {
namespace {

// 128-bit sums: price x bytes x milliseconds exceeds 64 bits (GCC and Clang both have it).
__extension__ typedef __int128 Wide;

// Billed time of a segment up to t, in milliseconds (1 for a one-time charge that happened).
Wide billed_time(const Segment& s, Charge charge, TimeMs t) {
  if (charge == Charge::kOnce) return t >= s.start ? 1 : 0;
  if (t < s.start) return 0;
  const TimeMs end = s.end ? std::min(*s.end, t) : t;
  const TimeMs elapsed = end - s.start;
  switch (charge) {
    case Charge::kProrated:
      return elapsed;
    case Charge::kPerSecondMin60: {
      const TimeMs whole_seconds = elapsed / 1000 * 1000;
      return std::max<TimeMs>(60 * 1000, whole_seconds);  // the minimum counts from the start
    }
    case Charge::kPerStartedHour: {
      const TimeMs hours = elapsed == 0 ? 1 : (elapsed + kHourMs - 1) / kHourMs;
      return static_cast<Wide>(hours) * kHourMs;
    }
    case Charge::kOnce:
      break;
  }
  return 0;
}

struct Totals {
  Wide money = 0;  // sum of price x quantity x time
  Wide usage = 0;  // sum of quantity x time
};

Totals totals(const LineUsage& line, TimeMs t, bool open_only, TimeMs open_from) {
  Totals out;
  for (const Segment& s : line.segments) {
    if (open_only && s.end) continue;
    Segment seg = s;
    if (open_only) seg.start = open_from;  // a projection restarts open usage now
    const Wide time = billed_time(
        seg, open_only && line.charge == Charge::kPerSecondMin60 ? Charge::kProrated : line.charge,
        t);
    out.money += time * seg.quantity * seg.price;
    out.usage += time * seg.quantity;
  }
  return out;
}

std::int64_t floor_div(Wide a, Wide b) { return static_cast<std::int64_t>(a / b); }

// Cost and usage of one line over (from, to].
BillLine line_bill(const LineGroup& key, const std::string& resource_id, const LineUsage& line,
                   std::optional<TimeMs> from, TimeMs to, bool open_only = false,
                   TimeMs open_from = 0) {
  const Wide unit = static_cast<Wide>(line.quantity_unit) * line.time_unit;
  const Totals at_to = totals(line, to, open_only, open_from);
  const Totals at_from = from ? totals(line, *from, open_only, open_from) : Totals{};
  BillLine out;
  out.account = key.account;
  out.region = key.region;
  out.usage_type = key.usage_type;
  out.resource_id = resource_id;
  out.unit = line.unit;
  out.cost = floor_div(at_to.money, unit) - floor_div(at_from.money, unit);
  out.usage_micro =
      floor_div(at_to.usage * 1'000'000, unit) - floor_div(at_from.usage * 1'000'000, unit);
  return out;
}

Bill group(Bill bill, BillGrouping by) {
  if (by == BillGrouping::kNone || by == BillGrouping::kResource) return bill;
  std::map<std::tuple<AccountId, RegionName, std::string>, BillLine> groups;
  for (const BillLine& l : bill.lines) {
    const std::string usage = by == BillGrouping::kUsageType ? l.usage_type : "";
    auto [it, fresh] = groups.try_emplace({l.account, l.region, usage});
    BillLine& g = it->second;
    if (fresh) {
      g.account = l.account;
      g.region = l.region;
      g.usage_type = usage;
      g.unit = l.unit;
    } else if (g.unit != l.unit) {
      g.unit.clear();
    }
    g.cost += l.cost;
    g.usage_micro += l.usage_micro;
  }
  bill.lines.clear();
  for (auto& [k, g] : groups) {
    if (g.unit.empty()) g.usage_micro = 0;
    bill.lines.push_back(std::move(g));
  }
  return bill;
}

}  // namespace

Bill compute_bill(const World& world, const BillRequest& request) {
  Bill bill;
  // Nothing is billed ahead of the model's now (project_bill is for that): a window reaching
  // past it ends at now.
  bill.to = std::min(request.to, world.now());
  if (request.from) bill.from = std::min(*request.from, bill.to);
  world.meter().for_each_line(
      [&](const LineGroup& key, const std::string& resource, const LineUsage& line) {
        if (request.account && key.account != *request.account) return;
        BillLine l = line_bill(key, resource, line, bill.from, bill.to);
        if (l.cost == 0 && l.usage_micro == 0) return;
        bill.total += l.cost;
        bill.lines.push_back(std::move(l));
      });
  return group(std::move(bill), request.group_by);
}

Bill project_bill(const World& world, DurationMs span, const std::optional<AccountId>& account) {
  Bill bill;
  const TimeMs now = world.now();
  bill.from = now;
  bill.to = now + span;
  world.meter().for_each_line(
      [&](const LineGroup& key, const std::string& resource, const LineUsage& line) {
        if (account && key.account != *account) return;
        if (line.charge == Charge::kOnce) return;
        BillLine l = line_bill(key, resource, line, now, now + span, true, now);
        if (l.cost == 0 && l.usage_micro == 0) return;
        bill.total += l.cost;
        bill.lines.push_back(std::move(l));
      });
  return bill;
}

std::string format_usd(MicroUsd amount) { return format_micro(amount); }

std::string format_micro(std::int64_t micro) {
  const char* sign = micro < 0 ? "-" : "";
  const std::uint64_t v =
      micro < 0 ? static_cast<std::uint64_t>(-micro) : static_cast<std::uint64_t>(micro);
  return fmt::format("{}{}.{:06}", sign, v / 1'000'000, v % 1'000'000);
}

}  // namespace amisim::sim
