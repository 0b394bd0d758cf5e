#include "api/scenario/substitute.hpp"

#include <string_view>

namespace amisim::scenario {
namespace {

using Json = nlohmann::json;

// Replaces the references in one string; false (with `unknown` set) at an unset variable.
bool replace(std::string_view in, const Variables& vars, std::string& out, std::string& unknown) {
  out.clear();
  std::size_t i = 0;
  while (i < in.size()) {
    const std::size_t open = in.find("${", i);
    const std::size_t close = open == std::string_view::npos ? open : in.find('}', open + 2);
    if (close == std::string_view::npos) {
      out += in.substr(i);
      break;
    }
    out += in.substr(i, open - i);
    std::string_view name = in.substr(open + 2, close - open - 2);
    auto it = vars.find(name);
    if (it == vars.end()) {
      unknown = std::string(name);
      return false;
    }
    out += it->second;
    i = close + 1;
  }
  return true;
}

// Depth-first over the value; nesting is bounded by the JSON parser's input.
bool walk(Json& v, const Variables& vars, std::string& unknown) {
  std::string replaced;
  if (v.is_string()) {
    if (!replace(v.get_ref<const std::string&>(), vars, replaced, unknown)) return false;
    v = replaced;
    return true;
  }
  if (v.is_array()) {
    for (Json& e : v) {
      if (!walk(e, vars, unknown)) return false;
    }
    return true;
  }
  if (!v.is_object()) return true;
  Json out = Json::object();
  for (auto& [key, member] : v.items()) {
    if (!replace(key, vars, replaced, unknown) || !walk(member, vars, unknown)) return false;
    out[replaced] = std::move(member);
  }
  v = std::move(out);
  return true;
}

}  // namespace

sim::Result<Json, std::string> substitute(const Json& value, const Variables& vars) {
  Json out = value;
  std::string unknown;
  if (!walk(out, vars, unknown)) return "${" + unknown + "} is not set";
  return out;
}

}  // namespace amisim::scenario
