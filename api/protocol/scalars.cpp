#include "api/protocol/scalars.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cstdint>
#include <limits>

#include "api/protocol/wire_error.hpp"

namespace amisim::protocol {
namespace {

using nlohmann::json;

std::optional<json> integer_from_text(std::string_view text, long long lo, long long hi,
                                      std::string* reason) {
  long long v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() || v < lo || v > hi) {
    *reason = fmt::format("Expecting an integer between {} and {}.", lo, hi);
    return std::nullopt;
  }
  return json(v);
}

std::optional<json> double_from_text(std::string_view text, std::string* reason) {
  double v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size()) {
    *reason = "Expecting a number.";
    return std::nullopt;
  }
  return json(v);
}

bool digits(std::string_view text, std::size_t pos, std::size_t count) {
  if (pos + count > text.size()) return false;
  for (std::size_t i = pos; i < pos + count; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
  }
  return true;
}

bool at(std::string_view text, std::size_t pos, char c) {
  return pos < text.size() && text[pos] == c;
}

// The zone suffix: "Z", "+hh:mm" or "-hh:mm", ending the text.
bool zone_at(std::string_view text, std::size_t pos) {
  if (at(text, pos, 'Z')) return pos + 1 == text.size();
  if (!at(text, pos, '+') && !at(text, pos, '-')) return false;
  return digits(text, pos + 1, 2) && at(text, pos + 3, ':') && digits(text, pos + 4, 2) &&
         pos + 6 == text.size();
}

}  // namespace

bool is_iso8601(std::string_view t) {
  bool date = digits(t, 0, 4) && at(t, 4, '-') && digits(t, 5, 2) && at(t, 7, '-') &&
              digits(t, 8, 2) && at(t, 10, 'T');
  bool time =
      digits(t, 11, 2) && at(t, 13, ':') && digits(t, 14, 2) && at(t, 16, ':') && digits(t, 17, 2);
  if (!date || !time) return false;
  std::size_t pos = 19;
  if (at(t, pos, '.')) {
    ++pos;
    std::size_t start = pos;
    while (pos < t.size() && t[pos] >= '0' && t[pos] <= '9' && pos - start < 9) ++pos;
    if (pos == start) return false;
  }
  return zone_at(t, pos);
}

bool is_scalar(ShapeType type) {
  return type != ShapeType::kStructure && type != ShapeType::kList && type != ShapeType::kMap;
}

std::optional<json> scalar_from_text(ShapeType type, std::string_view text, std::string* reason) {
  switch (type) {
    case ShapeType::kInteger:
      return integer_from_text(text, std::numeric_limits<std::int32_t>::min(),
                               std::numeric_limits<std::int32_t>::max(), reason);
    case ShapeType::kLong:
      return integer_from_text(text, std::numeric_limits<std::int64_t>::min(),
                               std::numeric_limits<std::int64_t>::max(), reason);
    case ShapeType::kDouble:
      return double_from_text(text, reason);
    case ShapeType::kBoolean:
      if (text == "true" || text == "false") return json(text == "true");
      *reason = "Expecting 'true' or 'false'.";
      return std::nullopt;
    case ShapeType::kTimestamp:
      if (is_iso8601(text)) return json(std::string(text));
      *reason = wire_errors::kDateTimeExpected;
      return std::nullopt;
    default:
      return json(std::string(text));
  }
}

std::optional<std::string> scalar_to_text(ShapeType type, const json& value) {
  switch (type) {
    case ShapeType::kInteger:
    case ShapeType::kLong:
      if (!value.is_number_integer()) return std::nullopt;
      return value.is_number_unsigned() ? std::to_string(value.get<std::uint64_t>())
                                        : std::to_string(value.get<std::int64_t>());
    case ShapeType::kDouble:
      if (!value.is_number()) return std::nullopt;
      return fmt::format("{}", value.get<double>());
    case ShapeType::kBoolean:
      if (!value.is_boolean()) return std::nullopt;
      return std::string(value.get<bool>() ? "true" : "false");
    default:
      if (!value.is_string()) return std::nullopt;
      return value.get<std::string>();
  }
}

}  // namespace amisim::protocol
