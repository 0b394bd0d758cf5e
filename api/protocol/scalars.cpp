#include "api/protocol/scalars.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cstdint>
#include <limits>

#include "api/protocol/wire_error.hpp"
#include "sim/core/time.hpp"

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

}  // namespace

bool is_iso8601(std::string_view t) {
  // sim's one ISO-8601 grammar, in the form botocore writes: a date-time with a capital T and
  // Z, at most 9 fraction digits. Values are range-checked where they are used, not here.
  const auto parts = sim::scan_iso8601(t);
  return parts && parts->has_time && !parts->lower_case && parts->fraction_digits <= 9;
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
