// UTF-8 and the characters of XML 1.0: the one definition of what text a reply can carry.
//
// EC2 answers in XML 1.0, and XML 1.0 allows only some characters (§2.2 Char: tab, line feed,
// carriage return, U+0020-U+D7FF, U+E000-U+FFFD, U+10000-U+10FFFF) in well-formed UTF-8. The model
// keeps only such text (sim/core/text.hpp refuses the rest where callers name or describe things);
// the wire layer's XML writers never emit anything else and its XML reader accepts nothing else
// (api/protocol/xml_writer.cpp, xml_document.cpp), and its form decoder refuses ill-formed UTF-8
// (form_encoding.cpp). All of them use these functions, so they cannot disagree.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace amisim::sim {

struct Utf8Char {
  char32_t code_point = 0;
  std::size_t length = 0;  // bytes, 1-4
};

// The character whose encoding starts at text[pos] (pos < text.size()), or nullopt when the bytes
// there are not well-formed UTF-8: a stray continuation byte, a truncated sequence, an overlong
// form, a surrogate (U+D800-U+DFFF), or a value above U+10FFFF (Unicode §3.9, Table 3-7).
std::optional<Utf8Char> decode_utf8(std::string_view text, std::size_t pos);

// Whether text is well-formed UTF-8 throughout.
bool is_utf8(std::string_view text);

// XML 1.0 §2.2 Char.
bool is_xml_char(char32_t c);

// Well-formed UTF-8 made only of XML 1.0 characters: text every reply can carry exactly.
bool is_xml_text(std::string_view text);

// How many characters (code points) text holds, counting each byte that does not start a
// well-formed character as one. AWS counts lengths in characters ("128 Unicode characters", EC2
// user guide, Tag restrictions), not bytes.
std::size_t character_count(std::string_view text);

// text with each ill-formed byte and each character XML 1.0 forbids replaced by U+FFFD. For an
// error message that quotes input it refuses, and for the XML writers' last line of defence; never
// for a value the model keeps (those are refused instead, see sim/core/text.hpp).
std::string to_xml_text(std::string_view text);

}  // namespace amisim::sim
