// sim/core/utf8: the UTF-8 decoder and XML 1.0's character class that the model's text rules,
// the XML writer, the XML reader and the form decoder share.
#include "sim/core/utf8.hpp"

#include <catch2/catch.hpp>
#include <string>

using amisim::sim::character_count;
using amisim::sim::decode_utf8;
using amisim::sim::is_utf8;
using amisim::sim::is_xml_char;
using amisim::sim::is_xml_text;
using amisim::sim::to_xml_text;

TEST_CASE("decode_utf8 reads one to four bytes and refuses what Unicode calls ill-formed") {
  CHECK(decode_utf8("A", 0)->code_point == U'A');
  CHECK(decode_utf8("\xC3\xA9", 0)->code_point == U'\u00E9');
  CHECK(decode_utf8("\xE2\x82\xAC", 0)->length == 3);
  CHECK(decode_utf8("\xF4\x8F\xBF\xBF", 0)->code_point == U'\U0010FFFF');
  for (std::string bad :
       {"\x80", "\xC0\xAF", "\xC1\xBF", "\xE0\x80\xAF", "\xED\xA0\x80", "\xED\xBF\xBF",
        "\xF0\x80\x80\xAF", "\xF4\x90\x80\x80", "\xF5\x80\x80\x80", "\xFF", "\xE2\x82", "\xC3"}) {
    INFO(bad.size() << " bytes");
    CHECK_FALSE(decode_utf8(bad, 0).has_value());
  }
}

TEST_CASE("XML 1.0 characters: tab, LF, CR and U+0020 up, but surrogates, U+FFFE and U+FFFF") {
  CHECK(is_xml_char(U'\t'));
  CHECK(is_xml_char(U'\n'));
  CHECK(is_xml_char(U'\r'));
  CHECK(is_xml_char(U' '));
  CHECK(is_xml_char(U'\uFFFD'));
  CHECK(is_xml_char(U'\U00010000'));
  CHECK(is_xml_char(U'\U0010FFFF'));
  CHECK_FALSE(is_xml_char(0));
  CHECK_FALSE(is_xml_char(0x1F));
  CHECK_FALSE(is_xml_char(0xD800));
  CHECK_FALSE(is_xml_char(0xFFFE));
  CHECK_FALSE(is_xml_char(0xFFFF));
  CHECK_FALSE(is_xml_char(0x110000));
}

TEST_CASE("XML text is well-formed UTF-8 of XML characters, the rest becomes U+FFFD") {
  CHECK(is_xml_text("web\t1\r\n\xE2\x82\xAC"));
  CHECK(is_utf8("x\xEF\xBF\xBF"));
  CHECK_FALSE(is_xml_text("x\xEF\xBF\xBF"));  // U+FFFF: UTF-8, not XML
  CHECK_FALSE(is_xml_text(std::string("a\0b", 3)));
  CHECK_FALSE(is_xml_text("a\x01"));
  CHECK_FALSE(is_xml_text("a\xFF"));
  CHECK(to_xml_text("ok") == "ok");
  CHECK(to_xml_text("a\x01"
                    "b\xEF\xBF\xBF\xFF") ==
        "a\xEF\xBF\xBD"
        "b\xEF\xBF\xBD\xEF\xBF\xBD");
  CHECK(is_xml_text(to_xml_text("\xED\xA0\x80\xF4\x90\x80\x80\x7F")));
}

TEST_CASE("Lengths count characters, not bytes") {
  CHECK(character_count("") == 0);
  CHECK(character_count("abc") == 3);
  CHECK(character_count("\xE2\x82\xAC\xF0\x9F\x98\x80") == 2);
  CHECK(character_count("a\xFF") == 2);
}
