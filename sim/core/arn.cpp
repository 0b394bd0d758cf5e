#include "sim/core/arn.hpp"

#include <fmt/format.h>

namespace amisim::sim {

std::optional<ArnParts> parse_arn(std::string_view arn, std::string_view service,
                                  std::string_view type) {
  const std::string prefix = fmt::format("arn:aws:{}:", service);
  if (arn.substr(0, prefix.size()) != prefix) return std::nullopt;
  std::string_view rest = arn.substr(prefix.size());
  const auto colon = rest.find(':');
  if (colon == std::string_view::npos) return std::nullopt;
  ArnParts parts;
  parts.region = rest.substr(0, colon);
  rest = rest.substr(colon + 1);
  const auto colon2 = rest.find(':');
  if (colon2 == std::string_view::npos) return std::nullopt;
  parts.account = rest.substr(0, colon2);
  rest = rest.substr(colon2 + 1);
  const std::string head = fmt::format("{}/", type);
  if (rest.substr(0, head.size()) != head) return std::nullopt;
  parts.id = rest.substr(head.size());
  return parts;
}

}  // namespace amisim::sim
