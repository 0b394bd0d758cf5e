// Random strings that lean on the corners of text: XML 1.0's forbidden characters (C0 controls,
// NUL, U+FFFE, U+FFFF), surrogates encoded as raw bytes, bytes that are not UTF-8, the last code
// point U+10FFFF, characters XML allows but readers fold (CR, CRLF), markup (< > & ' "), letters
// outside ASCII, and long runs. For the properties that every reply parses, whatever a caller
// sends (xml_text_properties.cpp).
#pragma once

#include <rapidcheck.h>

#include <string>
#include <vector>

namespace test::props {

// A string of random pieces, each a single nasty character, a plain word, or a long run.
inline rc::Gen<std::string> nasty_text() {
  static const std::vector<std::string> kPieces = {std::string("\0", 1),
                                                   "\x01",
                                                   "\x08",
                                                   "\x0B",
                                                   "\x0C",
                                                   "\x1F",
                                                   "\x7F",
                                                   "\t",
                                                   "\r",
                                                   "\n",
                                                   "\r\n",
                                                   "\xEF\xBF\xBE",
                                                   "\xEF\xBF\xBF",
                                                   "\xED\xA0\x80",
                                                   "\xED\xBF\xBF",
                                                   "\xF4\x8F\xBF\xBF",
                                                   "\xF4\x90\x80\x80",
                                                   "\xC0\xAF",
                                                   "\xFF",
                                                   "\x80",
                                                   "\xE2\x82",
                                                   "\xC2\x85",
                                                   "\xE2\x80\xA8",
                                                   "\xEF\xBF\xBD",
                                                   "<",
                                                   ">",
                                                   "&",
                                                   "'",
                                                   "\"",
                                                   "]]>",
                                                   " ",
                                                   "web",
                                                   "golden-1",
                                                   "\xC3\xA9",
                                                   "\xE2\x82\xAC",
                                                   "\xF0\x9F\x98\x80",
                                                   "\xE3\x82\xBB",
                                                   "aws:",
                                                   "()[]./-'@_"};
  auto piece = rc::gen::oneOf(
      rc::gen::elementOf(kPieces),
      rc::gen::map(rc::gen::inRange(1, 400),
                   [](int n) { return std::string(static_cast<std::size_t>(n), 'x'); }),
      rc::gen::container<std::string>(rc::gen::arbitrary<char>()));
  return rc::gen::map(rc::gen::container<std::vector<std::string>>(piece),
                      [](const std::vector<std::string>& parts) {
                        std::string out;
                        for (const auto& p : parts) out += p;
                        return out;
                      });
}

}  // namespace test::props
