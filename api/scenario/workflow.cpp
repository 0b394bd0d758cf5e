#include "api/scenario/workflow.hpp"

#include <fmt/format.h>

#include "api/scenario/paths.hpp"
#include "api/scenario/summary.hpp"

namespace amisim::scenario {
namespace {

using Json = nlohmann::json;

// The ID an element of a describe list carries, for messages: " (ami-…)" or "".
std::string id_of(const Json& element) {
  if (!element.is_object()) return "";
  for (const char* key : {"ImageId", "InstanceId", "SnapshotId", "VolumeId", "LaunchTemplateId",
                          "KeyName", "GroupId", "Name", "Key"}) {
    auto it = element.find(key);
    if (it != element.end() && it->is_string()) return " (" + it->get<std::string>() + ")";
  }
  return "";
}

// "State = deregistered, expected available" for each output path of `expect` that `doc` does
// not match.
std::vector<std::string> mismatches(const Json& doc, const Json& expect) {
  std::vector<std::string> out;
  auto output = expect.find("output");
  if (output == expect.end()) return out;
  for (const auto& [path, want] : output->items()) {
    auto got = value_at(doc, path);
    if (!got)
      out.push_back(fmt::format("has no {}, expected {}", path, show(want)));
    else if (!same_value(*got, want))
      out.push_back(fmt::format("has {} = {}, expected {}", path, show(*got), show(want)));
  }
  return out;
}

}  // namespace

std::string output_end(const std::string& text, std::size_t lines) {
  std::vector<std::string> all;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    if (end > start) all.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  if (all.empty()) return "no output";
  const std::size_t from = all.size() > lines ? all.size() - lines : 0;
  std::string out = from > 0 ? "... | " : "";
  for (std::size_t i = from; i < all.size(); ++i) out += (i > from ? " | " : "") + all[i];
  return show(out, 500);
}

std::vector<check::Violation> user_invariant_violations(Door& door, const Json& invariant,
                                                        const std::vector<std::string>& accounts,
                                                        const std::vector<std::string>& regions) {
  const std::string name = invariant.value("name", "");
  const std::string action = invariant.value("call", "");
  const Json params = invariant.value("params", Json::object());
  const Json expect = invariant.value("expect", Json::object());
  std::vector<std::string> in_accounts = accounts, in_regions = regions;
  if (invariant.contains("account")) in_accounts = {invariant["account"].get<std::string>()};
  if (invariant.contains("region")) in_regions = {invariant["region"].get<std::string>()};
  std::vector<check::Violation> out;
  auto broken = [&](const std::string& where, const std::string& what) {
    out.push_back({name, fmt::format("in {}, {}", where, what)});
  };
  for (const std::string& account : in_accounts) {
    for (const std::string& region : in_regions) {
      sim::Caller caller;
      caller.account = sim::AccountId(account);
      caller.region = sim::RegionName(region);
      const std::string where = account + " " + region;
      auto result =
          door.call(service_named(invariant.value("service", "ec2")), caller, action, params);
      if (!result) {
        broken(where, fmt::format("{} failed: {}: {}", action, result.error().code,
                                  result.error().message));
        continue;
      }
      const Json& output = result.value();
      if (!invariant.contains("each")) {
        for (const std::string& m : mismatches(output, expect))
          broken(where, fmt::format("{}'s output {}", action, m));
        continue;
      }
      const std::string each = invariant["each"].get<std::string>();
      auto list = value_at(output, each);
      if (list && !list->is_array()) {
        broken(where, fmt::format("{}'s {} is not a list", action, each));
        continue;
      }
      const Json elements = list ? *list : Json::array();  // an absent list is an empty one
      for (std::size_t i = 0; i < elements.size(); ++i) {
        for (const std::string& m : mismatches(elements[i], expect))
          broken(where, fmt::format("{}[{}]{} {}", each, i, id_of(elements[i]), m));
      }
      if (auto count = invariant.find("count"); count != invariant.end()) {
        const auto n = static_cast<long long>(elements.size());
        const long long min = count->value("min", 0LL);
        const long long max = count->value("max", n);
        if (n < min || n > max)
          broken(where,
                 fmt::format("{} holds {} element{}, expected {}", each, n, n == 1 ? "" : "s",
                             count->contains("max") ? fmt::format("{} to {}", min, max)
                                                    : fmt::format("at least {}", min)));
      }
    }
  }
  return out;
}

}  // namespace amisim::scenario
