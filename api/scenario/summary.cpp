#include "api/scenario/summary.hpp"

#include <fmt/format.h>

#include <set>
#include <vector>

namespace amisim::scenario {
namespace {

using Json = nlohmann::json;

std::string filters_text(const Json& v);

std::string cut(std::string text, std::size_t width) {
  if (text.size() <= width) return text;
  if (width < 4) return text.substr(0, width);
  return text.substr(0, width - 3) + "...";
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

std::string compact(const Json& value) {
  return value.dump(-1, ' ', false, Json::error_handler_t::replace);
}

std::string input_value(const Json& v) {
  if (v.is_string()) return cut(v.get<std::string>(), 40);
  if (v.is_array()) {
    std::string out;
    if (std::string filters = filters_text(v); !filters.empty()) return cut(filters, 60);
    for (const Json& e : v) {
      if (e.is_structured()) return cut(compact(v), 40);
      out += (out.empty() ? "" : ",") + (e.is_string() ? e.get<std::string>() : compact(e));
    }
    return cut(out, 40);
  }
  return cut(compact(v), 40);
}

// "<key>=<value>" for ID members and states, each once: an object's own members before those of
// the objects inside it, so the resource's ID comes before its snapshots'.
void collect(const Json& v, std::vector<std::string>& out, std::set<std::string>& seen, int depth) {
  if (depth > 6 || out.size() >= 6) return;
  if (v.is_array()) {
    for (const Json& e : v) collect(e, out, seen, depth + 1);
    return;
  }
  if (!v.is_object()) return;
  for (const auto& [key, member] : v.items()) {
    std::string item;
    if (member.is_string() && key != "OwnerId" && key != "ReservationId" && key != "RequesterId" &&
        (ends_with(key, "Id") || key == "State" || key == "ObjectKey"))
      item = key + "=" + member.get<std::string>();
    else if ((key == "State" || key == "CurrentState") && member.is_object() &&
             member.contains("Name") && member["Name"].is_string())
      item = "State=" + member["Name"].get<std::string>();
    if (!item.empty() && seen.insert(item).second) out.push_back(item);
  }
  for (const auto& [key, member] : v.items()) {
    if (member.is_structured() && key != "State" && key != "CurrentState" && key != "PreviousState")
      collect(member, out, seen, depth + 1);
  }
}

// Filters as "name=a,b;architecture=x86_64"; "" when `v` is not a list of {Name, Values}.
std::string filters_text(const Json& v) {
  std::string out;
  for (const Json& f : v) {
    if (!f.is_object() || !f.contains("Name") || !f["Name"].is_string() || !f.contains("Values") ||
        !f["Values"].is_array())
      return "";
    std::string values;
    for (const Json& x : f["Values"]) values += (values.empty() ? "" : ",") + show(x, 40);
    out += (out.empty() ? "" : ";") + f["Name"].get<std::string>() + "=" + values;
  }
  return out;
}

}  // namespace

std::string show(const Json& value, std::size_t width) {
  return cut(value.is_string() ? value.get<std::string>() : compact(value), width);
}

std::string brief_input(const Json& params, std::size_t width) {
  if (!params.is_object()) return "";
  std::string out;
  for (const auto& [key, value] : params.items()) {
    out += fmt::format("{}{}={}", out.empty() ? "" : " ", key, input_value(value));
  }
  return cut(out, width);
}

std::string brief_output(const Json& output, std::size_t width) {
  std::vector<std::string> items;
  std::set<std::string> seen;
  collect(output, items, seen, 0);
  if (items.empty()) return "ok";
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : " ") + i;
  return cut(out, width);
}

std::string call_line(std::string_view region, std::string_view action, const Json& params) {
  std::string input = brief_input(params);
  return fmt::format("{} {}{}{}", region, action, input.empty() ? "" : " ", input);
}

std::string call_outcome(const protocol::WireResult<Json>& result) {
  return result.ok() ? brief_output(result.value()) : "error " + result.error().code;
}

}  // namespace amisim::scenario
