#include "api/dlm/shapes.hpp"

#include <fmt/format.h>

#include <cctype>
#include <regex>

#include "sim/core/errors.hpp"

namespace amisim::dlm::shape {
namespace {

// How the message shows a value: strings as written, anything else as its JSON.
std::string shown(const Json& value) {
  return value.is_string() ? value.get<std::string>() : value.dump();
}

bool matches(std::string_view text, std::string_view pattern) {
  // The patterns are the model's few constants; compiling one per check keeps this stateless.
  const std::regex re(pattern.begin(), pattern.end(), std::regex::ECMAScript);
  return std::regex_match(text.begin(), text.end(), re);
}

}  // namespace

void refuse(std::string_view path, const Json* value, std::string_view constraint) {
  const std::string what = value == nullptr ? "null" : "'" + shown(*value) + "'";
  refuse_with(
      fmt::format("1 validation error detected: Value {} at '{}' failed to satisfy "
                  "constraint: {}",
                  what, path, constraint));
}

void unmodelled(std::string_view what) {
  refuse_with(fmt::format("amisim does not model {}.", what));  // [?] amisim's own refusal
}

void refuse_with(std::string_view message) {
  throw Invalid{sim::errors::dlm_invalid_request(message)};
}

std::string child(std::string_view path, std::string_view member) {
  std::string name(member);
  if (!name.empty()) name[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(name[0])));
  return path.empty() ? name : std::string(path) + "." + name;
}

std::string item(std::string_view path, std::size_t index) {
  return fmt::format("{}.{}.member", path, index + 1);
}

const Json* find(const Json& in, std::string_view key) {
  auto it = in.find(key);
  return it == in.end() || it->is_null() ? nullptr : &*it;
}

std::string text_value(const Json& value, std::string_view path, const Text& shape) {
  if (!value.is_string()) refuse(path, &value, "Member must be a string");
  const std::string s = value.get<std::string>();
  if (s.size() < shape.min)
    refuse(path, &value,
           fmt::format("Member must have length greater than or equal to {}", shape.min));
  if (s.size() > shape.max)
    refuse(path, &value,
           fmt::format("Member must have length less than or equal to {}", shape.max));
  if (!shape.pattern.empty() && !matches(s, shape.pattern))
    refuse(path, &value,
           fmt::format("Member must satisfy regular expression pattern: {}", shape.pattern));
  return s;
}

std::optional<std::string> text(const Json& in, std::string_view key, std::string_view path,
                                const Text& shape) {
  const Json* v = find(in, key);
  if (v == nullptr) return std::nullopt;
  return text_value(*v, child(path, key), shape);
}

std::string required_text(const Json& in, std::string_view key, std::string_view path,
                          const Text& shape) {
  auto s = text(in, key, path, shape);
  if (!s) refuse(child(path, key), nullptr, "Member must not be null");
  return *s;
}

std::optional<std::string> one_of(const Json& in, std::string_view key, std::string_view path,
                                  std::initializer_list<std::string_view> values) {
  auto s = text(in, key, path, Text{});
  if (!s) return s;
  for (std::string_view v : values)
    if (*s == v) return s;
  refuse(child(path, key), find(in, key),
         fmt::format("Member must satisfy enum value set: [{}]", fmt::join(values, ", ")));
}

std::optional<int> integer(const Json& in, std::string_view key, std::string_view path,
                           std::int64_t min, std::int64_t max) {
  const Json* v = find(in, key);
  if (v == nullptr) return std::nullopt;
  const std::string at = child(path, key);
  if (!v->is_number_integer()) refuse(at, v, "Member must be an integer");
  // Parsed JSON holds a non-negative number as unsigned, so each bound reads it as its kind.
  const bool too_big = v->is_number_unsigned()
                           ? v->get<std::uint64_t>() > static_cast<std::uint64_t>(max)
                           : v->get<std::int64_t>() > max;
  if (too_big) refuse(at, v, fmt::format("Member must have value less than or equal to {}", max));
  const auto n = v->get<std::int64_t>();
  if (n < min)
    refuse(at, v, fmt::format("Member must have value greater than or equal to {}", min));
  return static_cast<int>(n);
}

std::optional<bool> boolean(const Json& in, std::string_view key, std::string_view path) {
  const Json* v = find(in, key);
  if (v == nullptr) return std::nullopt;
  if (!v->is_boolean()) refuse(child(path, key), v, "Member must be a boolean");
  return v->get<bool>();
}

const Json* object(const Json& in, std::string_view key, std::string_view path) {
  const Json* v = find(in, key);
  if (v != nullptr && !v->is_object()) refuse(child(path, key), v, "Member must be a structure");
  return v;
}

const Json* required_object(const Json& in, std::string_view key, std::string_view path) {
  const Json* v = object(in, key, path);
  if (v == nullptr) refuse(child(path, key), nullptr, "Member must not be null");
  return v;
}

const Json* list(const Json& in, std::string_view key, std::string_view path, std::size_t min,
                 std::size_t max) {
  const Json* v = find(in, key);
  if (v == nullptr) return nullptr;
  const std::string at = child(path, key);
  if (!v->is_array()) refuse(at, v, "Member must be a list");
  if (v->size() < min)
    refuse(at, v, fmt::format("Member must have length greater than or equal to {}", min));
  if (v->size() > max)
    refuse(at, v, fmt::format("Member must have length less than or equal to {}", max));
  return v;
}

}  // namespace amisim::dlm::shape
