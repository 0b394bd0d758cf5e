#include "sim/core/cidr.hpp"

#include <fmt/format.h>

namespace amisim::sim {
namespace {

// One decimal octet without leading zeros, or nullopt.
std::optional<std::uint32_t> parse_octet(std::string_view text) {
  if (text.empty() || text.size() > 3) return std::nullopt;
  if (text.size() > 1 && text[0] == '0') return std::nullopt;
  std::uint32_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + static_cast<std::uint32_t>(c - '0');
  }
  if (value > 255) return std::nullopt;
  return value;
}

}  // namespace

std::optional<std::uint32_t> parse_ipv4(std::string_view text) {
  std::uint32_t out = 0;
  for (int i = 0; i < 4; ++i) {
    const std::size_t dot = i < 3 ? text.find('.') : text.size();
    if (dot == std::string_view::npos) return std::nullopt;
    auto octet = parse_octet(text.substr(0, dot));
    if (!octet) return std::nullopt;
    out = (out << 8) | *octet;
    text = i < 3 ? text.substr(dot + 1) : std::string_view();
  }
  return out;
}

std::string ipv4_string(std::uint32_t a) {
  return fmt::format("{}.{}.{}.{}", a >> 24, (a >> 16) & 255, (a >> 8) & 255, a & 255);
}

std::string ipv4_dashed(std::uint32_t a) {
  return fmt::format("{}-{}-{}-{}", a >> 24, (a >> 16) & 255, (a >> 8) & 255, a & 255);
}

std::string Cidr::str() const { return fmt::format("{}/{}", ipv4_string(base), prefix); }

std::optional<Cidr> parse_cidr(std::string_view text) {
  const std::size_t slash = text.find('/');
  if (slash == std::string_view::npos) return std::nullopt;
  auto address = parse_ipv4(text.substr(0, slash));
  auto length = parse_octet(text.substr(slash + 1));
  if (!address || !length || *length > 32) return std::nullopt;
  Cidr out{*address, static_cast<int>(*length)};
  if (out.prefix < 32 && (out.base & static_cast<std::uint32_t>(out.size() - 1)) != 0)
    return std::nullopt;
  return out;
}

}  // namespace amisim::sim
