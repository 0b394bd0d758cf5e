#include "sim/core/utf8.hpp"

namespace amisim::sim {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

bool is_continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

// The range the second byte of a sequence may take after `lead` (Unicode Table 3-7): narrower
// than 80..BF after E0 (overlongs), ED (surrogates), F0 (overlongs) and F4 (above U+10FFFF).
bool second_byte_fits(unsigned char lead, unsigned char second) {
  if (lead == 0xE0) return second >= 0xA0 && second <= 0xBF;
  if (lead == 0xED) return second >= 0x80 && second <= 0x9F;
  if (lead == 0xF0) return second >= 0x90 && second <= 0xBF;
  if (lead == 0xF4) return second >= 0x80 && second <= 0x8F;
  return is_continuation(second);
}

}  // namespace

std::optional<Utf8Char> decode_utf8(std::string_view text, std::size_t pos) {
  const auto lead = static_cast<unsigned char>(text[pos]);
  if (lead < 0x80) return Utf8Char{lead, 1};
  std::size_t length = 0;
  char32_t code_point = 0;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
    code_point = lead & 0x1F;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    code_point = lead & 0x0F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    code_point = lead & 0x07;
  } else {
    return std::nullopt;  // a continuation byte, C0/C1 (overlong) or F5..FF
  }
  if (text.size() - pos < length) return std::nullopt;
  if (!second_byte_fits(lead, static_cast<unsigned char>(text[pos + 1]))) return std::nullopt;
  for (std::size_t k = 1; k < length; ++k) {
    const auto c = static_cast<unsigned char>(text[pos + k]);
    if (!is_continuation(c)) return std::nullopt;
    code_point = (code_point << 6) | (c & 0x3F);
  }
  return Utf8Char{code_point, length};
}

bool is_utf8(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    auto c = decode_utf8(text, i);
    if (!c) return false;
    i += c->length;
  }
  return true;
}

bool is_xml_char(char32_t c) {
  return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) ||
         (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
}

bool is_xml_text(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    auto c = decode_utf8(text, i);
    if (!c || !is_xml_char(c->code_point)) return false;
    i += c->length;
  }
  return true;
}

std::size_t character_count(std::string_view text) {
  std::size_t count = 0;
  for (std::size_t i = 0; i < text.size(); ++count) {
    auto c = decode_utf8(text, i);
    i += c ? c->length : 1;
  }
  return count;
}

std::string to_xml_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    auto c = decode_utf8(text, i);
    if (c && is_xml_char(c->code_point)) {
      out.append(text.substr(i, c->length));
    } else {
      out.append(kReplacement);
    }
    i += c ? c->length : 1;
  }
  return out;
}

}  // namespace amisim::sim
