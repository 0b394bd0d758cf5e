#include "api/ce/cost_and_usage.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <limits>
#include <map>
#include <optional>
#include <vector>

#include "api/ce/dimensions.hpp"
#include "api/ce/expression.hpp"
#include "sim/billing/billing.hpp"
#include "sim/core/time.hpp"

namespace amisim::ce {
namespace {

using Json = nlohmann::json;
using protocol::WireError;
using protocol::WireResult;
namespace wire_errors = protocol::wire_errors;

enum class Granularity { kDaily, kMonthly, kHourly };

struct Period {
  sim::TimeMs start = 0;  // inclusive
  sim::TimeMs end = 0;    // exclusive
};

struct Query {
  Granularity granularity = Granularity::kDaily;
  std::vector<Period> periods;
  std::vector<std::string> metrics;  // request order, each once
  std::vector<Dimension> group_by;
  Json group_definitions = Json::array();
  std::optional<Expression> filter;
};

// botocore ce MetricName values listed in GetCostAndUsageRequest.Metrics.
constexpr std::array<std::string_view, 7> kMetrics = {
    "AmortizedCost",         "BlendedCost",   "NetAmortizedCost", "NetUnblendedCost",
    "NormalizedUsageAmount", "UnblendedCost", "UsageQuantity"};

// "2026-01-01" (midnight UTC) or "2026-01-01T05:00:00Z", the date pattern's two forms
// (wire_error_json.cpp: no fraction, no offset); nullopt for anything else, including dates that
// do not exist (parse_iso8601 would roll 2026-02-30 over into March).
std::optional<sim::TimeMs> parse_date(std::string_view text) {
  if (text.size() != 10 && !(text.size() == 20 && text[10] == 'T' && text[19] == 'Z'))
    return std::nullopt;
  auto t = sim::parse_iso8601(text, sim::DateOnly::kMidnightUtc);
  const std::size_t written = std::min<std::size_t>(text.size(), 19);
  if (!t || sim::format_iso8601(*t).substr(0, written) != text.substr(0, written))
    return std::nullopt;
  return t;
}

WireResult<sim::TimeMs> date_member(const Json& period, const char* name, const char* member,
                                    Granularity granularity) {
  auto it = period.find(name);
  if (it == period.end() || it->is_null()) return wire_errors::member_null(member);
  const std::string text = it->is_string() ? it->get<std::string>() : it->dump();
  auto t = it->is_string() ? parse_date(text) : std::nullopt;
  if (!t) return wire_errors::ce_date_invalid(text, member);
  // A time of day outside HOURLY.
  if (text.size() != 10 && granularity != Granularity::kHourly)
    return wire_errors::ce_hourly_unsupported();
  return *t;
}

WireResult<Granularity> granularity_of(const Json& input) {
  auto it = input.find("Granularity");
  if (it == input.end() || it->is_null()) return wire_errors::ce_granularity_null();
  if (*it == "DAILY") return Granularity::kDaily;
  if (*it == "MONTHLY") return Granularity::kMonthly;
  if (*it == "HOURLY") return Granularity::kHourly;
  return wire_errors::ce_granularity_invalid(it->is_string() ? it->get<std::string>() : it->dump());
}

// The first instant of the calendar month after the one holding t.
sim::TimeMs next_month(sim::TimeMs t) {
  const std::string iso = sim::format_iso8601(t);
  int year = std::stoi(iso.substr(0, 4));
  int month = std::stoi(iso.substr(5, 2)) + 1;
  if (month == 13) {
    month = 1;
    ++year;
  }
  return sim::parse_iso8601(fmt::format("{:04}-{:02}-01T00:00:00Z", year, month))
      .value_or(std::numeric_limits<sim::TimeMs>::max());
}

WireResult<std::vector<Period>> periods_of(const Json& input, Granularity granularity) {
  auto tp = input.find("TimePeriod");
  if (tp == input.end() || !tp->is_object()) return wire_errors::ce_time_period_null();
  auto start = date_member(*tp, "Start", "timePeriod.start", granularity);
  if (!start.ok()) return start.error();
  auto end = date_member(*tp, "End", "timePeriod.end", granularity);
  if (!end.ok()) return end.error();
  if (start.value() >= end.value()) return wire_errors::ce_period_reversed();
  std::vector<Period> out;
  for (sim::TimeMs s = start.value(); s < end.value(); s = out.back().end) {
    if (static_cast<std::int64_t>(out.size()) == kMaxPeriods)
      return wire_errors::ce_too_many_periods(kMaxPeriods);
    const sim::TimeMs next = granularity == Granularity::kDaily    ? s + sim::kDayMs
                             : granularity == Granularity::kHourly ? s + sim::kHourMs
                                                                   : next_month(s);
    out.push_back(Period{s, std::min(next, end.value())});
  }
  return out;
}

WireResult<std::vector<std::string>> metrics_of(const Json& input) {
  auto it = input.find("Metrics");
  if (it == input.end() || it->is_null()) return wire_errors::ce_metrics_null();
  if (!it->is_array() || it->empty()) return wire_errors::ce_metrics_empty();
  std::vector<std::string> out;
  for (const Json& m : *it) {
    const std::string name = m.is_string() ? m.get<std::string>() : m.dump();
    if (std::find(kMetrics.begin(), kMetrics.end(), name) == kMetrics.end())
      return wire_errors::ce_metric_invalid(name);
    if (std::find(out.begin(), out.end(), name) == out.end()) out.push_back(name);
  }
  return out;
}

// The member `name` of `object` when it is a string, else "".
std::string string_member(const Json& object, const char* name) {
  if (!object.is_object()) return {};
  auto it = object.find(name);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// One GroupDefinition.
WireResult<Dimension> group_key(const Json& g) {
  const std::string type = string_member(g, "Type");
  const std::string key = string_member(g, "Key");
  if (type.empty() || key.empty()) return wire_errors::ce_group_incomplete();
  if (type == "TAG" || type == "COST_CATEGORY") return wire_errors::ce_group_by_tags(type);
  if (type != "DIMENSION") return wire_errors::ce_group_type_invalid();
  if (auto d = parse_dimension(key)) return *d;
  if (is_aws_dimension(key))
    return wire_errors::ce_group_by_unsupported(key, supported_dimensions());
  return wire_errors::ce_group_dimension_invalid();
}

// At most two groups (botocore ce, GetCostAndUsageRequest.GroupBy; aws/aws-sdk#369).
WireResult<bool> read_group_by(const Json& input, Query& q) {
  auto it = input.find("GroupBy");
  if (it == input.end() || it->is_null()) return true;
  if (!it->is_array()) return wire_errors::ce_group_by_not_list();
  if (it->size() > 2) return wire_errors::ce_too_many_groups();
  for (const Json& g : *it) {
    auto d = group_key(g);
    if (!d.ok()) return d.error();
    q.group_by.push_back(d.value());
    q.group_definitions.push_back({{"Type", "DIMENSION"}, {"Key", g.at("Key")}});
  }
  return true;
}

WireResult<Query> parse_query(const Json& input) {
  Query q;
  auto granularity = granularity_of(input);
  if (!granularity.ok()) return granularity.error();
  q.granularity = granularity.value();
  auto periods = periods_of(input, q.granularity);
  if (!periods.ok()) return periods.error();
  q.periods = std::move(periods.value());
  auto metrics = metrics_of(input);
  if (!metrics.ok()) return metrics.error();
  q.metrics = std::move(metrics.value());
  if (auto grouped = read_group_by(input, q); !grouped.ok()) return grouped.error();
  if (auto f = input.find("Filter"); f != input.end() && !f->is_null()) {
    auto filter = parse_expression(*f);
    if (!filter.ok()) return filter.error();
    q.filter = std::move(filter.value());
  }
  // amisim never hands out a page token, so none can be valid.
  if (auto t = input.find("NextPageToken");
      t != input.end() && t->is_string() && !t->get<std::string>().empty())
    return wire_errors::ce_invalid_next_token();
  return q;
}

// Cost and usage of the lines in one group (or the total).
struct Sums {
  std::int64_t cost = 0;
  std::int64_t usage = 0;
  std::string unit;
  bool any = false;
  bool mixed = false;

  void add(const sim::BillLine& l) {
    cost += l.cost;
    usage += l.usage_micro;
    if (any && unit != l.unit) mixed = true;
    if (!any) unit = l.unit;
    any = true;
  }
};

Json metric_json(const std::string& metric, const Sums& s) {
  if (metric == "UsageQuantity")
    return {{"Amount", format_amount(s.usage)},
            {"Unit", s.any && !s.mixed && !s.unit.empty() ? s.unit : "N/A"}};
  if (metric == "NormalizedUsageAmount") return {{"Amount", "0"}, {"Unit", "N/A"}};  // [?]
  return {{"Amount", format_amount(s.cost)}, {"Unit", "USD"}};
}

Json metrics_json(const Query& q, const Sums& s) {
  Json out = Json::object();
  for (const std::string& m : q.metrics) out[m] = metric_json(m, s);
  return out;
}

std::string label(sim::TimeMs t, Granularity granularity) {
  const std::string iso = sim::format_iso8601(t);
  return granularity == Granularity::kHourly ? iso.substr(0, 19) + "Z" : iso.substr(0, 10);
}

// The bill of [p.start, p.end) up to now, by usage type: the window (start - 1 ms, end - 1 ms].
sim::Bill bill_of(const sim::World& world, const sim::AccountId& account, const Period& p) {
  sim::BillRequest r;
  r.from = p.start - 1;
  r.to = std::min(p.end - 1, world.now());
  r.account = account;
  r.group_by = sim::BillGrouping::kUsageType;
  if (r.to <= *r.from) return sim::Bill{};
  return sim::compute_bill(world, r);
}

Json result_json(const sim::World& world, const sim::AccountId& account, const Query& q,
                 const Period& p) {
  const sim::Bill bill = bill_of(world, account, p);
  Sums total;
  std::map<std::vector<std::string>, Sums> groups;  // ordered by keys, byte-wise
  for (const sim::BillLine& l : bill.lines) {
    const CeLine line = classify(world, l);
    if (q.filter && !matches(*q.filter, line)) continue;
    total.add(l);
    if (q.group_by.empty()) continue;
    std::vector<std::string> keys;
    for (Dimension d : q.group_by) keys.emplace_back(value_of(line, d));
    groups[keys].add(l);
  }
  Json out = {{"TimePeriod",
               {{"Start", label(p.start, q.granularity)}, {"End", label(p.end, q.granularity)}}}};
  out["Total"] = q.group_by.empty() ? metrics_json(q, total) : Json::object();
  Json group_list = Json::array();
  for (const auto& [keys, sums] : groups)
    group_list.push_back({{"Keys", keys}, {"Metrics", metrics_json(q, sums)}});
  out["Groups"] = std::move(group_list);
  out["Estimated"] = p.end - 1 > world.now();  // the period is not over in model time [?]
  return out;
}

}  // namespace

std::string format_amount(std::int64_t micro) {
  if (micro == 0) return "0";
  std::string s = sim::format_micro(micro);
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  return s;
}

WireResult<Json> get_cost_and_usage(const sim::World& world, const sim::AccountId& account,
                                    const Json& input) {
  auto query = parse_query(input);
  if (!query.ok()) return query.error();
  const Query& q = query.value();
  Json results = Json::array();
  for (const Period& p : q.periods) results.push_back(result_json(world, account, q, p));
  Json out = Json::object();
  // Without GroupBy the reply has no GroupDefinitions [?].
  if (!q.group_definitions.empty()) out["GroupDefinitions"] = q.group_definitions;
  out["ResultsByTime"] = std::move(results);
  out["DimensionValueAttributes"] = Json::array();
  return out;
}

}  // namespace amisim::ce
