#include "sim/billing/billing.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <iterator>
#include <limits>
#include <map>
#include <string_view>
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

// A line's cost and usage per usage day (usage_day_of), added to `days`: the differences of its
// cumulative cost between consecutive midnights, so that they sum to the line's whole cost and
// a window between midnights bills exactly what line_bill would.
void add_line_days(const LineUsage& line, std::map<TimeMs, RetiredDay>& days) {
  if (line.segments.empty()) return;
  const Wide unit = static_cast<Wide>(line.quantity_unit) * line.time_unit;
  TimeMs first = line.segments.front().start;
  TimeMs last = first;
  for (const Segment& s : line.segments) {
    first = std::min(first, s.start);
    last = std::max(last, s.end.value_or(s.start));
  }
  TimeMs day = usage_day_of(first);
  std::int64_t cost_before = 0;
  std::int64_t usage_before = 0;
  for (; day <= usage_day_of(last); day += kDayMs) {
    const Totals at = totals(line, day + kDayMs, false, 0);
    const std::int64_t cost = floor_div(at.money, unit);
    const std::int64_t usage = floor_div(at.usage * 1'000'000, unit);
    if (cost != cost_before || usage != usage_before) {
      RetiredDay& d = days.try_emplace(day, RetiredDay{day, 0, 0}).first->second;
      d.cost += cost - cost_before;
      d.usage_micro += usage - usage_before;
    }
    cost_before = cost;
    usage_before = usage;
  }
}

template <class Map>
bool has(const Map& map, std::string_view id) {
  return map.find(id) != map.end();
}

// Whether `id` still names a resource in the Region, the Recycle Bin included: its lines keep
// their detail whatever their age, since it may be billed again (a stopped instance started, a
// snapshot restored from the archive tier or the bin). IDs of kinds the meter does not bill are
// kept too.
bool still_exists(const World& world, const RegionName& region, std::string_view id) {
  const RegionState* r = world.region(region);
  if (r == nullptr) return false;
  const std::string_view prefix = id.substr(0, id.find('-'));
  if (prefix == "i") return has(r->instances, id);
  if (prefix == "vol") return has(r->volumes, id) || has(r->bin.volumes, id);
  if (prefix == "snap") return has(r->snapshots, id) || has(r->bin.snapshots, id);
  if (prefix == "ami") return has(r->images, id) || has(r->bin.images, id);
  if (prefix == "eni") return has(r->network_interfaces, id);
  if (prefix == "eipalloc") return has(r->addresses, id);
  return true;
}

// The lines of usage retired from resource detail that fall in (from, to], one per group.
std::vector<BillLine> retired_lines(const World& world, const BillRequest& request,
                                    std::optional<TimeMs> from, TimeMs to) {
  std::vector<BillLine> out;
  world.meter().for_each_retired(
      [&](const LineGroup& key, const std::string& unit, const std::vector<RetiredDay>& days) {
        if (request.account && key.account != *request.account) return;
        BillLine l;
        for (const RetiredDay& d : days) {
          const TimeMs booked = d.day + kDayMs;
          if ((from && booked <= *from) || booked > to) continue;
          l.cost += d.cost;
          l.usage_micro += d.usage_micro;
        }
        if (l.cost == 0 && l.usage_micro == 0) return;
        l.account = key.account;
        l.region = key.region;
        l.usage_type = key.usage_type;
        l.unit = unit;
        out.push_back(std::move(l));
      });
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
  std::vector<BillLine> retired = retired_lines(world, request, bill.from, bill.to);
  if (!retired.empty()) {
    for (const BillLine& l : retired) bill.total += l.cost;
    // Each before the lines of its group: a retired line has no resource ID.
    std::vector<BillLine> detail = std::move(bill.lines);
    bill.lines.clear();
    auto group_of = [](const BillLine& l) { return std::tie(l.account, l.region, l.usage_type); };
    std::merge(std::make_move_iterator(retired.begin()), std::make_move_iterator(retired.end()),
               std::make_move_iterator(detail.begin()), std::make_move_iterator(detail.end()),
               std::back_inserter(bill.lines),
               [&](const BillLine& a, const BillLine& b) { return group_of(a) < group_of(b); });
  }
  return group(std::move(bill), request.group_by);
}

std::map<std::string, std::vector<MicroUsd>> cost_series_by_usage_type(
    const World& world, const std::vector<TimeMs>& times) {
  std::map<std::string, std::vector<MicroUsd>> out;
  std::vector<TimeMs> ends;
  for (TimeMs t : times) ends.push_back(std::min(t, world.now()));
  // A line's cost up to t, as line_bill gives it for a window from the world's start.
  world.meter().for_each_line([&](const LineGroup& key, const std::string&, const LineUsage& line) {
    const Wide unit = static_cast<Wide>(line.quantity_unit) * line.time_unit;
    std::vector<MicroUsd>* series = nullptr;
    for (std::size_t i = 0; i < ends.size(); ++i) {
      const MicroUsd cost = floor_div(totals(line, ends[i], false, 0).money, unit);
      if (cost == 0) continue;
      if (series == nullptr) {
        series = &out[key.usage_type];
        series->resize(ends.size(), 0);
      }
      (*series)[i] += cost;
    }
  });
  for (std::size_t i = 0; i < ends.size(); ++i) {
    BillRequest request;
    request.to = ends[i];
    for (const BillLine& l : retired_lines(world, request, std::nullopt, ends[i])) {
      auto& series = out[l.usage_type];
      series.resize(ends.size(), 0);
      series[i] += l.cost;
    }
  }
  return out;
}

void retire_bill_detail(World& world) {
  // The horizon: the midnight 14 whole days before today's.
  const TimeMs horizon = usage_day_of(world.now() + 1) - kResourceDetailMs;
  Meter& meter = world.meter();
  if (horizon <= meter.retired_through()) return;
  meter.retire(horizon, add_line_days, [&](const LineGroup& group, const std::string& resource) {
    return still_exists(world, group.region, resource);
  });
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
