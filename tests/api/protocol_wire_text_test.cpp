// Wire-text pieces (api/protocol/wire_text.hpp): split and hex_value.
#include <rapidcheck/catch.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <string>

#include "api/protocol/wire_text.hpp"

using amisim::protocol::hex_value;
using amisim::protocol::split;

TEST_CASE("split keeps empty pieces: a credential scope, a path, nothing") {
  auto scope = split("AKID/20300101/us-east-1/ec2/aws4_request", '/');
  REQUIRE(scope.size() == 5);
  CHECK(scope[2] == "us-east-1");
  auto path = split("/a//b/", '/');
  REQUIRE(path.size() == 5);
  CHECK(path[0].empty());
  CHECK(path[1] == "a");
  CHECK(path[2].empty());
  CHECK(path[4].empty());
  auto none = split("", ';');
  REQUIRE(none.size() == 1);
  CHECK(none[0].empty());
}

TEST_CASE("split: pieces rejoined give the text back, one more piece than separators") {
  rc::prop("join(split(text)) == text", [] {
    const auto text = *rc::gen::container<std::string>(rc::gen::element('a', 'b', '/', '.'));
    auto pieces = split(text, '/');
    RC_ASSERT(pieces.size() ==
              static_cast<std::size_t>(std::count(text.begin(), text.end(), '/')) + 1);
    std::string joined;
    for (std::size_t i = 0; i < pieces.size(); ++i) {
      RC_ASSERT(pieces[i].find('/') == std::string_view::npos);
      if (i > 0) joined += '/';
      joined += pieces[i];
    }
    RC_ASSERT(joined == text);
  });
}

TEST_CASE("hex_value: both cases, and -1 for anything else") {
  CHECK(hex_value('0') == 0);
  CHECK(hex_value('9') == 9);
  CHECK(hex_value('a') == 10);
  CHECK(hex_value('F') == 15);
  CHECK(hex_value('g') == -1);
  CHECK(hex_value('%') == -1);
  CHECK(hex_value('\0') == -1);
}
