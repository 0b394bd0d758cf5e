// Small pieces of wire-text handling shared by the protocol, auth and S3 code: splitting
// (credential scopes, paths, host labels, header lists) and hex digits (percent escapes).
#pragma once

#include <string_view>
#include <vector>

namespace amisim::protocol {

// Every piece between separators, empty ones included: "a//b" -> {"a", "", "b"}, "" -> {""}.
// The pieces view text; keep text alive while they are used.
inline std::vector<std::string_view> split(std::string_view text, char sep) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  while (true) {
    std::size_t at = text.find(sep, start);
    out.push_back(text.substr(start, at == std::string_view::npos ? at : at - start));
    if (at == std::string_view::npos) return out;
    start = at + 1;
  }
}

// The value of a hex digit, either case; -1 for anything else.
inline int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace amisim::protocol
