#include "api/protocol/xml_document.hpp"

#include <charconv>
#include <optional>

#include "sim/core/utf8.hpp"

namespace amisim::protocol {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

bool is_name_char(char c) {
  return !is_space(c) && c != '<' && c != '>' && c != '/' && c != '=' && c != '"' && c != '\'' &&
         c != '&' && c != '?' && c != '!';
}

void append_utf8(std::string& out, unsigned long cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

// The offset of the first byte that does not start a well-formed UTF-8 XML 1.0 character, or npos.
std::size_t first_non_xml(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    auto c = sim::decode_utf8(text, i);
    if (!c || !sim::is_xml_char(c->code_point)) return i;
    i += c->length;
  }
  return std::string_view::npos;
}

class Parser {
 public:
  Parser(std::string_view text, const XmlLimits& limits) : s_(text), limits_(limits) {}

  WireResult<XmlElement> document() {
    // A document must be UTF-8 made of XML characters (XML 1.0 §2.2; sim/core/utf8.hpp, the
    // writer's own definition): anything else is not a reply, and accepting it would hand the
    // caller text no writer can send back.
    if (std::size_t bad = first_non_xml(s_); bad != std::string_view::npos) {
      pos_ = bad;
      return fail(sim::is_utf8(s_) ? "a character XML 1.0 does not allow" : "not UTF-8");
    }
    if (s_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;
    if (!skip_misc()) return fail("bad prolog");
    if (!looking_at("<")) return fail("no root element");
    XmlElement root;
    if (!element(root, 1)) return fail(error_);
    if (!skip_misc() || pos_ != s_.size()) return fail("content after the root element");
    return root;
  }

 private:
  WireError fail(std::string_view what) const { return wire_errors::malformed_xml(what, pos_); }

  bool looking_at(std::string_view token) const { return s_.substr(pos_, token.size()) == token; }

  // Skips to just past `end`; false when it never comes.
  bool skip_past(std::string_view end) {
    std::size_t at = s_.find(end, pos_);
    if (at == std::string_view::npos) return false;
    pos_ = at + end.size();
    return true;
  }

  // Whitespace, comments and processing instructions outside the root.
  bool skip_misc() {
    for (;;) {
      while (pos_ < s_.size() && is_space(s_[pos_])) ++pos_;
      if (looking_at("<?")) {
        if (!skip_past("?>")) return false;
      } else if (looking_at("<!--")) {
        if (!skip_past("-->")) return false;
      } else {
        return !looking_at("<!");  // DOCTYPE and friends are refused
      }
    }
  }

  std::string name() {
    std::size_t start = pos_;
    while (pos_ < s_.size() && is_name_char(s_[pos_])) ++pos_;
    std::string_view full = s_.substr(start, pos_ - start);
    std::size_t colon = full.rfind(':');
    return std::string(colon == std::string_view::npos ? full : full.substr(colon + 1));
  }

  bool error(std::string message) {
    error_ = std::move(message);
    return false;
  }

  // After "<name": attributes, then "/>" (true, *empty set) or ">".
  bool attributes(bool* empty) {
    for (;;) {
      while (pos_ < s_.size() && is_space(s_[pos_])) ++pos_;
      if (looking_at("/>")) {
        pos_ += 2;
        *empty = true;
        return true;
      }
      if (looking_at(">")) {
        pos_ += 1;
        *empty = false;
        return true;
      }
      if (name().empty()) return error("bad attribute");
      while (pos_ < s_.size() && is_space(s_[pos_])) ++pos_;
      if (!looking_at("=")) return error("attribute without value");
      ++pos_;
      while (pos_ < s_.size() && is_space(s_[pos_])) ++pos_;
      if (pos_ >= s_.size() || (s_[pos_] != '"' && s_[pos_] != '\'')) return error("bad quote");
      char quote = s_[pos_++];
      std::size_t end = s_.find(quote, pos_);
      if (end == std::string_view::npos) return error("unterminated attribute");
      pos_ = end + 1;
    }
  }

  bool element(XmlElement& out, std::size_t depth) {
    if (depth > limits_.max_depth) return error("nesting too deep");
    if (++elements_ > limits_.max_elements) return error("too many elements");
    ++pos_;  // '<'
    out.name = name();
    if (out.name.empty()) return error("bad element name");
    bool empty = false;
    if (!attributes(&empty)) return false;
    if (empty) return true;
    return content(out, depth);
  }

  bool content(XmlElement& out, std::size_t depth) {
    for (;;) {
      if (pos_ >= s_.size()) return error("unterminated element " + out.name);
      if (looking_at("</")) {
        pos_ += 2;
        if (name() != out.name) return error("mismatched end tag for " + out.name);
        while (pos_ < s_.size() && is_space(s_[pos_])) ++pos_;
        if (!looking_at(">")) return error("bad end tag");
        ++pos_;
        return true;
      }
      if (!content_item(out, depth)) return false;
    }
  }

  bool content_item(XmlElement& out, std::size_t depth) {
    if (looking_at("<!--")) return skip_past("-->") || error("unterminated comment");
    if (looking_at("<?")) return skip_past("?>") || error("unterminated processing instruction");
    if (looking_at("<![CDATA[")) {
      std::size_t start = pos_ + 9;
      if (!skip_past("]]>")) return error("unterminated CDATA");
      out.text.append(s_.substr(start, pos_ - 3 - start));
      return true;
    }
    if (looking_at("<!")) return error("declaration inside content");
    if (looking_at("<")) {
      out.children.emplace_back();
      return element(out.children.back(), depth + 1);
    }
    return text(out.text);
  }

  bool text(std::string& out) {
    while (pos_ < s_.size() && s_[pos_] != '<') {
      if (s_[pos_] != '&') {
        out.push_back(s_[pos_++]);
      } else if (!entity(out)) {
        return false;
      }
    }
    return true;
  }

  bool entity(std::string& out) {
    std::size_t semi = s_.find(';', pos_);
    if (semi == std::string_view::npos || semi - pos_ > 12) return error("bad entity");
    std::string_view ref = s_.substr(pos_ + 1, semi - pos_ - 1);
    pos_ = semi + 1;
    if (ref == "lt")
      out.push_back('<');
    else if (ref == "gt")
      out.push_back('>');
    else if (ref == "amp")
      out.push_back('&');
    else if (ref == "quot")
      out.push_back('"');
    else if (ref == "apos")
      out.push_back('\'');
    else if (ref.size() > 1 && ref[0] == '#')
      return char_ref(ref.substr(1), out);
    else
      return error("unknown entity");
    return true;
  }

  bool char_ref(std::string_view digits, std::string& out) {
    int base = 10;
    if (!digits.empty() && digits[0] == 'x') {
      base = 16;
      digits.remove_prefix(1);
    }
    unsigned long cp = 0;
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), cp, base);
    bool bad = digits.empty() || ec != std::errc() || end != digits.data() + digits.size() ||
               cp > 0x10FFFF || !sim::is_xml_char(static_cast<char32_t>(cp));
    if (bad) return error("bad character reference");
    append_utf8(out, cp);
    return true;
  }

  std::string_view s_;
  const XmlLimits& limits_;
  std::size_t pos_ = 0;
  std::size_t elements_ = 0;
  std::string error_;
};

}  // namespace

const XmlElement* XmlElement::child(std::string_view child_name) const {
  for (const auto& c : children) {
    if (c.name == child_name) return &c;
  }
  return nullptr;
}

WireResult<XmlElement> parse_xml(std::string_view text, const XmlLimits& limits) {
  return Parser(text, limits).document();
}

}  // namespace amisim::protocol
