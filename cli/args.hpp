// What the commands' argument parsers share.
#pragma once

#include <charconv>
#include <string_view>

namespace amisim::cli {

// True when all of `text` is one number of T (no sign, space or suffix for unsigned T), stored
// in `out`; `out` is left alone otherwise.
template <class T>
bool parse_number(std::string_view text, T& out) {
  T value{};
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) return false;
  out = value;
  return true;
}

}  // namespace amisim::cli
