#include "api/ec2/base64.hpp"

#include <cstdint>

#include "api/ec2/input.hpp"
#include "sim/state/key_pair.hpp"

namespace amisim::ec2 {
namespace {

int sextet(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

}  // namespace

std::optional<std::string> base64_decode(std::string_view text) {
  std::string out;
  out.reserve(text.size() / 4 * 3);
  std::uint32_t bits = 0;
  int held = 0;     // sextets in `bits`
  int padding = 0;  // '=' seen
  std::size_t sextets = 0;
  for (char c : text) {
    if (is_space(c)) continue;
    if (c == '=') {
      ++padding;
      continue;
    }
    const int v = sextet(c);
    if (v < 0 || padding > 0) return std::nullopt;  // not base64, or data after padding
    bits = (bits << 6) | static_cast<std::uint32_t>(v);
    ++sextets;
    if (++held == 4) {
      out.push_back(static_cast<char>((bits >> 16) & 0xff));
      out.push_back(static_cast<char>((bits >> 8) & 0xff));
      out.push_back(static_cast<char>(bits & 0xff));
      bits = 0;
      held = 0;
    }
  }
  // A final group of 1 sextet cannot encode a byte; padding must only complete the last group.
  if (held == 1 || padding > 2 || (padding > 0 && (sextets + padding) % 4 != 0))
    return std::nullopt;
  if (held == 2) out.push_back(static_cast<char>((bits >> 4) & 0xff));
  if (held == 3) {
    out.push_back(static_cast<char>((bits >> 10) & 0xff));
    out.push_back(static_cast<char>((bits >> 2) & 0xff));
  }
  return out;
}

std::string blob_member(const Json& input, std::string_view key) {
  std::string text = string_or(input, key);
  auto bytes = base64_decode(text);
  if (!bytes) {
    if (text.size() > 64) text = text.substr(0, 64) + "...";
    fail(protocol::wire_errors::invalid_base64(key, text));
  }
  return std::move(*bytes);
}

std::string base64_encode(std::string_view bytes) { return sim::base64_encode(bytes); }

}  // namespace amisim::ec2
