#include "api/scenario/paths.hpp"

#include <charconv>
#include <string>
#include <vector>

namespace amisim::scenario {
namespace {

using Json = nlohmann::json;

// One member with its brackets: "Instances[0]" -> {"Instances", {0}}; "Images[]" -> flatten.
struct Segment {
  std::string member;
  std::vector<long> indexes;
  bool flatten = false;  // "[]" (waiter expressions only)
};

// Letters, digits, _ and - (S3 metadata keys such as "ami-name" have hyphens; JMESPath would
// quote them, member paths do not need to).
bool is_member_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-';
}

// Splits a path; nullopt when malformed. `allow_flatten` admits "[]", `allow_index` "[N]".
std::optional<std::vector<Segment>> parse(std::string_view path, bool allow_flatten,
                                          bool allow_index) {
  std::vector<Segment> out;
  std::size_t i = 0;
  while (true) {
    Segment s;
    while (i < path.size() && is_member_char(path[i])) s.member += path[i++];
    if (s.member.empty()) return std::nullopt;
    while (i < path.size() && path[i] == '[') {
      const std::size_t close = path.find(']', i);
      if (close == std::string_view::npos) return std::nullopt;
      std::string_view inside = path.substr(i + 1, close - i - 1);
      if (inside.empty()) {
        if (!allow_flatten || s.flatten || !s.indexes.empty()) return std::nullopt;
        s.flatten = true;
      } else {
        long n = 0;
        auto [end, ec] = std::from_chars(inside.data(), inside.data() + inside.size(), n);
        if (!allow_index || s.flatten || ec != std::errc() || end != inside.data() + inside.size())
          return std::nullopt;
        s.indexes.push_back(n);
      }
      i = close + 1;
    }
    out.push_back(std::move(s));
    if (i == path.size()) return out;
    if (path[i] != '.') return std::nullopt;
    ++i;
  }
}

const Json* index_into(const Json& list, long n) {
  if (!list.is_array()) return nullptr;
  const long size = static_cast<long>(list.size());
  if (n < 0) n += size;
  if (n < 0 || n >= size) return nullptr;
  return &list[static_cast<std::size_t>(n)];
}

const Json* member_of(const Json& doc, const std::string& name) {
  if (!doc.is_object()) return nullptr;
  auto it = doc.find(name);
  return it == doc.end() ? nullptr : &*it;
}

// A flattening projection: every current value's member, lists spliced in, nulls dropped.
Json evaluate_projection(const Json& doc, const std::vector<Segment>& segments) {
  std::vector<const Json*> current{&doc};
  bool projected = false;
  for (const Segment& s : segments) {
    std::vector<const Json*> next;
    for (const Json* v : current) {
      const Json* m = member_of(*v, s.member);
      if (m == nullptr || m->is_null()) continue;
      if (!s.flatten) {
        next.push_back(m);
        continue;
      }
      if (!m->is_array()) continue;  // a projection over a non-list is null, dropped
      for (const Json& e : *m) {
        if (!e.is_null()) next.push_back(&e);
      }
    }
    projected = projected || s.flatten;
    current = std::move(next);
  }
  if (!projected) return current.empty() ? Json(nullptr) : *current.front();
  Json out = Json::array();
  for (const Json* v : current) out.push_back(*v);
  return out;
}

// "length(P) > `N`": {P, N}; nullopt when `expression` is not of that form.
std::optional<std::pair<std::string_view, long>> length_test(std::string_view expression) {
  constexpr std::string_view kOpen = "length(";
  if (expression.substr(0, kOpen.size()) != kOpen) return std::nullopt;
  const std::size_t close = expression.find(')');
  if (close == std::string_view::npos) return std::nullopt;
  std::string_view inner = expression.substr(kOpen.size(), close - kOpen.size());
  std::string_view rest = expression.substr(close + 1);
  constexpr std::string_view kGreater = " > `";
  if (rest.substr(0, kGreater.size()) != kGreater || rest.size() < kGreater.size() + 2 ||
      rest.back() != '`')
    return std::nullopt;
  std::string_view digits = rest.substr(kGreater.size(), rest.size() - kGreater.size() - 1);
  long n = 0;
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), n);
  if (ec != std::errc() || end != digits.data() + digits.size()) return std::nullopt;
  return std::pair{inner, n};
}

}  // namespace

bool is_member_path(std::string_view path) { return parse(path, false, true).has_value(); }

std::optional<Json> value_at(const Json& doc, std::string_view path) {
  auto segments = parse(path, false, true);
  if (!segments) return std::nullopt;
  const Json* v = &doc;
  for (const Segment& s : *segments) {
    v = member_of(*v, s.member);
    for (long n : s.indexes) {
      if (v == nullptr) break;
      v = index_into(*v, n);
    }
    if (v == nullptr) return std::nullopt;
  }
  return *v;
}

bool is_waiter_expression(std::string_view expression) {
  if (auto test = length_test(expression)) expression = test->first;
  return parse(expression, true, false).has_value();
}

Json search(const Json& doc, std::string_view expression) {
  if (auto test = length_test(expression)) {
    auto segments = parse(test->first, true, false);
    if (!segments) return nullptr;
    Json value = evaluate_projection(doc, *segments);
    const long length = value.is_array() || value.is_object() ? static_cast<long>(value.size())
                        : value.is_string() ? static_cast<long>(value.get<std::string>().size())
                                            : -1;
    return length >= 0 && length > test->second;
  }
  auto segments = parse(expression, true, false);
  if (!segments) return nullptr;
  return evaluate_projection(doc, *segments);
}

bool same_value(const Json& actual, const Json& expected) {
  if (actual == expected) return true;
  if (actual.is_string() && !expected.is_string() && !expected.is_structured())
    return actual.get<std::string>() == expected.dump();
  if (expected.is_string() && !actual.is_string() && !actual.is_structured())
    return expected.get<std::string>() == actual.dump();
  return false;
}

}  // namespace amisim::scenario
