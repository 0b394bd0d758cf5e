#include "api/control/billing.hpp"

#include <fmt/format.h>

#include <charconv>
#include <map>
#include <optional>

#include "api/control/control.hpp"
#include "api/protocol/form_encoding.hpp"
#include "sim/core/time.hpp"

namespace amisim::control {
namespace {

using Json = nlohmann::json;
using protocol::WireError;
using protocol::WireResult;

WireError bad(std::string message) {
  return WireError{"InvalidParameterValue", std::move(message), 400};
}

}  // namespace

WireResult<std::map<std::string, std::string>> query_fields(
    std::string_view query, std::initializer_list<std::string_view> allowed) {
  auto decoded = protocol::decode_form(query, 16);
  if (!decoded.ok()) return decoded.error();
  std::map<std::string, std::string> out;
  for (auto& f : decoded.value()) {
    bool known = false;
    for (auto name : allowed) known = known || f.name == name;
    if (!known) return bad(fmt::format("Unknown parameter '{}'.", f.name));
    if (!out.emplace(f.name, f.value).second)
      return bad(fmt::format("Parameter '{}' is given twice.", f.name));
  }
  return out;
}

WireResult<bool> read_window(const std::map<std::string, std::string>& q,
                             std::optional<sim::TimeMs>& from, sim::TimeMs& to) {
  for (const char* key : {"from", "to"}) {
    auto it = q.find(key);
    if (it == q.end()) continue;
    auto t = sim::parse_iso8601(it->second);
    if (!t)
      return bad(fmt::format("\"{}\" must be an ISO-8601 time, e.g. 2026-01-01T00:00:00Z.", key));
    if (std::string_view(key) == "from")
      from = *t;
    else
      to = *t;
  }
  if (from && *from > to) return bad("\"from\" is after \"to\".");
  return true;
}

namespace {

WireResult<std::optional<sim::AccountId>> account_of(const std::map<std::string, std::string>& q) {
  auto it = q.find("account");
  if (it == q.end()) return std::optional<sim::AccountId>();
  if (!sim::is_account_id(it->second)) return gateway::invalid_account_id();
  return std::optional<sim::AccountId>(sim::AccountId(it->second));
}

}  // namespace

Json bill_json(const sim::Bill& bill) {
  Json items = Json::array();
  for (const sim::BillLine& l : bill.lines) {
    Json item = {{"account", l.account.str()}, {"region", l.region.str()}};
    if (!l.usage_type.empty()) item["usage_type"] = l.usage_type;
    if (!l.resource_id.empty()) item["resource_id"] = l.resource_id;
    if (!l.unit.empty()) {
      item["quantity"] = sim::format_micro(l.usage_micro);
      item["unit"] = l.unit;
    }
    item["cost_usd"] = sim::format_usd(l.cost);
    items.push_back(std::move(item));
  }
  Json out = {{"currency", "USD"}};
  out["from"] = bill.from ? Json(sim::format_iso8601(*bill.from)) : Json(nullptr);
  out["to"] = sim::format_iso8601(bill.to);
  out["total_usd"] = sim::format_usd(bill.total);
  out["line_items"] = std::move(items);
  return out;
}

WireResult<Json> billing(const sim::World& world, std::string_view query) {
  auto q = query_fields(query, {"from", "to", "account", "group_by"});
  if (!q.ok()) return q.error();
  sim::BillRequest r;
  r.to = world.now();
  if (auto read = read_window(q.value(), r.from, r.to); !read.ok()) return read.error();
  auto account = account_of(q.value());
  if (!account.ok()) return account.error();
  r.account = account.value();
  if (auto it = q.value().find("group_by"); it != q.value().end()) {
    static const std::map<std::string, sim::BillGrouping> kGroups = {
        {"region", sim::BillGrouping::kRegion},
        {"usage_type", sim::BillGrouping::kUsageType},
        {"resource", sim::BillGrouping::kResource}};
    auto g = kGroups.find(it->second);
    if (g == kGroups.end()) return bad("\"group_by\" must be region, usage_type or resource.");
    r.group_by = g->second;
  }
  return bill_json(sim::compute_bill(world, r));
}

WireResult<Json> billing_projection(const sim::World& world, std::string_view query) {
  auto q = query_fields(query, {"days", "account"});
  if (!q.ok()) return q.error();
  long days = 30;
  if (auto it = q.value().find("days"); it != q.value().end()) {
    const std::string& text = it->second;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), days);
    if (ec != std::errc() || end != text.data() + text.size() || days < 1 || days > 3650)
      return bad("\"days\" must be a whole number from 1 to 3650.");
  }
  auto account = account_of(q.value());
  if (!account.ok()) return account.error();
  Json out = bill_json(sim::project_bill(
      world, static_cast<sim::DurationMs>(days) * 24 * 3600 * 1000, account.value()));
  out["days"] = days;
  return out;
}

}  // namespace amisim::control
