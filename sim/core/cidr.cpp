#include "sim/core/cidr.hpp"

#include <fmt/format.h>

#include <array>
#include <vector>

namespace amisim::sim {
namespace {

// A decimal number of 1-3 digits without leading zeros, no greater than `max`, or nullopt.
std::optional<int> small_decimal(std::string_view text, int max) {
  if (text.empty() || text.size() > 3) return std::nullopt;
  if (text.size() > 1 && text[0] == '0') return std::nullopt;
  int value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  if (value > max) return std::nullopt;
  return value;
}

// Splits "a/n" into the address and a prefix length no greater than `max`.
std::optional<std::pair<std::string_view, int>> split_prefix(std::string_view text, int max) {
  const std::size_t slash = text.find('/');
  if (slash == std::string_view::npos) return std::nullopt;
  auto length = small_decimal(text.substr(slash + 1), max);
  if (!length) return std::nullopt;
  return std::make_pair(text.substr(0, slash), *length);
}

using Groups = std::array<std::uint16_t, 8>;

// Hex groups separated by ':' ("" gives none); a dotted IPv4 tail counts as two groups.
std::optional<std::vector<std::uint16_t>> hex_groups(std::string_view text, bool tail_allowed) {
  std::vector<std::uint16_t> out;
  if (text.empty()) return out;
  while (true) {
    const std::size_t colon = text.find(':');
    const std::string_view part = text.substr(0, colon);
    if (colon == std::string_view::npos && tail_allowed && part.find('.') != part.npos) {
      auto v4 = parse_ipv4(part);
      if (!v4) return std::nullopt;
      out.push_back(static_cast<std::uint16_t>(*v4 >> 16));
      out.push_back(static_cast<std::uint16_t>(*v4 & 0xffff));
      return out;
    }
    if (part.empty() || part.size() > 4) return std::nullopt;
    unsigned value = 0;
    for (char c : part) {
      const char l = static_cast<char>(c | 0x20);
      if (c >= '0' && c <= '9') {
        value = value * 16 + static_cast<unsigned>(c - '0');
      } else if (l >= 'a' && l <= 'f') {
        value = value * 16 + static_cast<unsigned>(l - 'a' + 10);
      } else {
        return std::nullopt;
      }
    }
    out.push_back(static_cast<std::uint16_t>(value));
    if (colon == std::string_view::npos) return out;
    text.remove_prefix(colon + 1);
  }
}

std::optional<Groups> parse_ipv6(std::string_view text) {
  const std::size_t gap = text.find("::");
  Groups out{};
  if (gap == std::string_view::npos) {
    auto all = hex_groups(text, true);
    if (!all || all->size() != 8) return std::nullopt;
    std::copy(all->begin(), all->end(), out.begin());
    return out;
  }
  if (text.find("::", gap + 1) != std::string_view::npos) return std::nullopt;
  auto head = hex_groups(text.substr(0, gap), false);
  auto tail = hex_groups(text.substr(gap + 2), true);
  if (!head || !tail || head->size() + tail->size() > 7) return std::nullopt;
  std::copy(head->begin(), head->end(), out.begin());
  std::copy(tail->begin(), tail->end(), out.end() - static_cast<long>(tail->size()));
  return out;
}

// RFC 5952 §4: lower-case hex without leading zeros, the longest run (first on a tie) of two or
// more zero groups as "::".
std::string ipv6_text(const Groups& g) {
  int best = -1, best_len = 1;
  for (int i = 0; i < 8;) {
    int j = i;
    while (j < 8 && g[static_cast<std::size_t>(j)] == 0) ++j;
    if (j - i > best_len) best = i, best_len = j - i;
    i = j == i ? i + 1 : j;
  }
  std::string out;
  for (int i = 0; i < 8; ++i) {
    if (i == best) {
      out += "::";
      i += best_len - 1;
      continue;
    }
    if (!out.empty() && out.back() != ':') out += ':';
    out += fmt::format("{:x}", g[static_cast<std::size_t>(i)]);
  }
  return out;
}

}  // namespace

std::optional<std::uint32_t> parse_ipv4(std::string_view text) {
  std::uint32_t out = 0;
  for (int part = 0; part < 4; ++part) {
    const std::size_t dot = text.find('.');
    const bool last = part == 3;
    if (last != (dot == std::string_view::npos)) return std::nullopt;
    auto octet = small_decimal(text.substr(0, dot), 255);
    if (!octet) return std::nullopt;
    out = (out << 8) | static_cast<std::uint32_t>(*octet);
    if (!last) text.remove_prefix(dot + 1);
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
  auto block = parse_ipv4_cidr(text);
  if (!block || *parse_ipv4(text.substr(0, text.find('/'))) != block->base) return std::nullopt;
  return block;
}

std::optional<Cidr> parse_ipv4_cidr(std::string_view text) {
  auto parts = split_prefix(text, 32);
  if (!parts) return std::nullopt;
  auto address = parse_ipv4(parts->first);
  if (!address) return std::nullopt;
  const int length = parts->second;
  const std::uint32_t mask = length == 0 ? 0 : ~std::uint32_t{0} << (32 - length);
  return Cidr{*address & mask, length};
}

std::optional<std::string> canonical_ipv6_cidr(std::string_view text) {
  auto parts = split_prefix(text, 128);
  if (!parts) return std::nullopt;
  auto groups = parse_ipv6(parts->first);
  if (!groups) return std::nullopt;
  const int length = parts->second;
  for (int bit = length; bit < 128; ++bit) {
    auto& group = (*groups)[static_cast<std::size_t>(bit / 16)];
    group = static_cast<std::uint16_t>(group & ~(0x8000u >> (bit % 16)));
  }
  return ipv6_text(*groups) + "/" + std::to_string(length);
}

}  // namespace amisim::sim
