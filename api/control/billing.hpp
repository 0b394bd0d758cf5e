// The bill as JSON (GET /_amisim/billing, GET /_amisim/billing/projection; later the scenario
// runner's expect_bill and Cost Explorer): parsing the query and writing sim::Bill.
#pragma once

#include <initializer_list>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "api/protocol/wire_error.hpp"
#include "sim/billing/billing.hpp"

namespace amisim::control {

// A control endpoint's query string by name; only `allowed` names may appear, each once
// (InvalidParameterValue otherwise).
protocol::WireResult<std::map<std::string, std::string>> query_fields(
    std::string_view query, std::initializer_list<std::string_view> allowed);

// The window a query's "from" and "to" give (ISO-8601), each left as it was when absent;
// InvalidParameterValue for an unreadable time or a from after to.
protocol::WireResult<bool> read_window(const std::map<std::string, std::string>& q,
                                       std::optional<sim::TimeMs>& from, sim::TimeMs& to);

// {"currency": "USD", "from", "to", "total_usd", "line_items": [{"account", "region",
// "usage_type", "resource_id", "quantity", "unit", "cost_usd"}]}; grouped lines leave out the
// fields their grouping merges.
nlohmann::json bill_json(const sim::Bill& bill);

// GET /_amisim/billing?from=<ISO-8601>&to=<ISO-8601>[&account=...][&group_by=region|usage_type|
// resource]: the bill of the window (defaults: from the world's start to now). Errors
// (InvalidParameterValue) for unreadable times, from after to, unknown group_by or keys.
protocol::WireResult<nlohmann::json> billing(const sim::World& world, std::string_view query);

// GET /_amisim/billing/projection?days=N[&account=...] (N in 1..3650, default 30).
protocol::WireResult<nlohmann::json> billing_projection(const sim::World& world,
                                                        std::string_view query);

}  // namespace amisim::control
