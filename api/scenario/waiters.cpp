#include "api/scenario/waiters.hpp"

#include <fmt/format.h>

#include <map>
#include <stdexcept>

#include "api/io/fixtures.hpp"
#include "api/scenario/paths.hpp"

namespace amisim::scenario {
namespace {

using Json = nlohmann::json;

constexpr std::string_view kWaitersFile = "aws/ec2-2016-11-15.waiters.json";

// "ImageAvailable" -> "image_available", as boto3 names waiters (botocore xform_name).
std::string snake_case(std::string_view name) {
  std::string out;
  for (char c : name) {
    if (c >= 'A' && c <= 'Z') {
      if (!out.empty()) out += '_';
      out += static_cast<char>(c - 'A' + 'a');
    } else {
      out += c;
    }
  }
  return out;
}

// A waiter we can evaluate: known matchers, expressions in the supported subset.
std::optional<Waiter> read_waiter(const std::string& sdk_name, const Json& spec) {
  Waiter w;
  w.sdk_name = sdk_name;
  w.name = snake_case(sdk_name);
  w.operation = spec.value("operation", "");
  w.delay_s = spec.value("delay", 15);
  w.max_attempts = spec.value("maxAttempts", 40);
  for (const Json& a : spec.value("acceptors", Json::array())) {
    Acceptor acceptor{a.value("state", ""), a.value("matcher", ""), a.value("expected", Json()),
                      a.value("argument", "")};
    const bool path_matcher = acceptor.matcher == "path" || acceptor.matcher == "pathAll" ||
                              acceptor.matcher == "pathAny";
    if (path_matcher ? !is_waiter_expression(acceptor.argument) : acceptor.matcher != "error")
      return std::nullopt;
    w.acceptors.push_back(std::move(acceptor));
  }
  return w;
}

// The waiters, parsed once from the embedded fixture (immutable after that, like all fixtures).
const std::map<std::string, Waiter, std::less<>>& waiters() {
  static const std::map<std::string, Waiter, std::less<>> kWaiters = [] {
    std::map<std::string, Waiter, std::less<>> out;
    for (const auto& [name, text] : io::embedded_fixtures()) {
      if (name != kWaitersFile) continue;
      const Json doc = Json::parse(text);
      for (const auto& [sdk_name, spec] : doc.at("waiters").items()) {
        if (auto w = read_waiter(sdk_name, spec)) out.emplace(w->name, std::move(*w));
      }
      return out;
    }
    throw std::runtime_error(fmt::format("fixtures/{} is not embedded", kWaitersFile));
  }();
  return kWaiters;
}

bool matches(const Acceptor& a, const protocol::WireResult<Json>& response) {
  if (a.matcher == "error") {
    if (a.expected.is_boolean()) return response.ok() != a.expected.get<bool>();
    return !response.ok() && a.expected.is_string() &&
           response.error().code == a.expected.get<std::string>();
  }
  if (!response.ok()) return false;
  const Json value = search(response.value(), a.argument);
  if (a.matcher == "path") return value == a.expected;
  // pathAll / pathAny need a non-empty list (botocore/waiter.py).
  if (!value.is_array() || value.empty()) return false;
  for (const Json& e : value) {
    if (a.matcher == "pathAll" && e != a.expected) return false;
    if (a.matcher == "pathAny" && e == a.expected) return true;
  }
  return a.matcher == "pathAll";
}

std::string expected_text(const Json& expected) {
  return expected.is_string() ? expected.get<std::string>() : expected.dump();
}

}  // namespace

const Waiter* find_waiter(std::string_view name) {
  auto it = waiters().find(name);
  return it == waiters().end() ? nullptr : &it->second;
}

std::vector<std::string> waiter_names() {
  std::vector<std::string> out;
  for (const auto& [name, w] : waiters()) out.push_back(name);
  return out;
}

const Acceptor* matching_acceptor(const Waiter& waiter,
                                  const protocol::WireResult<Json>& response) {
  for (const Acceptor& a : waiter.acceptors) {
    if (matches(a, response)) return &a;
  }
  return nullptr;
}

std::string explanation(const Acceptor& a) {
  const std::string expected = expected_text(a.expected);
  if (a.matcher == "path")
    return fmt::format("For expression \"{}\" we matched expected path: \"{}\"", a.argument,
                       expected);
  if (a.matcher == "pathAll")
    return fmt::format("For expression \"{}\" all members matched expected path: \"{}\"",
                       a.argument, expected);
  if (a.matcher == "pathAny")
    return fmt::format("For expression \"{}\" we matched expected path: \"{}\" at least once",
                       a.argument, expected);
  return fmt::format("Matched expected service error code: {}", expected);
}

}  // namespace amisim::scenario
