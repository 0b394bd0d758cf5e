#include "api/protocol/form_encoding.hpp"

#include <optional>

#include "api/protocol/wire_text.hpp"
#include "sim/core/utf8.hpp"

namespace amisim::protocol {
namespace {

// '+' is a space in a form, itself in a path segment.
std::optional<std::string> percent_decode(std::string_view text, bool plus_is_space = true) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '+' && plus_is_space) {
      out.push_back(' ');
    } else if (c != '%') {
      out.push_back(c);
    } else {
      if (i + 2 >= text.size()) return std::nullopt;
      int hi = hex_value(text[i + 1]), lo = hex_value(text[i + 2]);
      if (hi < 0 || lo < 0) return std::nullopt;
      out.push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    }
  }
  return out;
}

WireResult<FormField> decode_field(std::string_view segment) {
  std::size_t eq = segment.find('=');
  std::string_view raw_name = segment.substr(0, eq);
  std::string_view raw_value = eq == std::string_view::npos ? "" : segment.substr(eq + 1);
  auto name = percent_decode(raw_name);
  auto value = percent_decode(raw_value);
  if (!name || !value) return wire_errors::bad_percent_encoding();
  if (!valid_utf8(*name) || !valid_utf8(*value)) return wire_errors::query_not_utf8();
  return FormField{std::move(*name), std::move(*value)};
}

}  // namespace

WireResult<std::vector<FormField>> decode_form(std::string_view body, std::size_t max_fields) {
  std::vector<FormField> fields;
  while (!body.empty()) {
    std::size_t amp = body.find('&');
    std::string_view segment = body.substr(0, amp);
    body = amp == std::string_view::npos ? std::string_view() : body.substr(amp + 1);
    if (segment.empty()) continue;
    if (fields.size() == max_fields) return wire_errors::too_many_fields(max_fields);
    auto field = decode_field(segment);
    if (!field.ok()) return field.error();
    fields.push_back(std::move(field).value());
  }
  return fields;
}

std::string percent_encode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (char ch : text) {
    auto c = static_cast<unsigned char>(ch);
    bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                      c == '-' || c == '_' || c == '.' || c == '~';
    if (unreserved) {
      out.push_back(ch);
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

bool valid_utf8(std::string_view text) { return sim::is_utf8(text); }

std::optional<std::string> decode_path_segment(std::string_view segment) {
  auto decoded = percent_decode(segment, false);
  if (!decoded || !valid_utf8(*decoded)) return std::nullopt;
  return decoded;
}

}  // namespace amisim::protocol
