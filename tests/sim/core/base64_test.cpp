#include "sim/core/base64.hpp"

#include <rapidcheck/catch.h>

#include <catch2/catch.hpp>

using namespace amisim;

using namespace sim;

namespace {

std::optional<std::string> lenient(std::string_view text) {
  return base64_decode(text, Base64Input::kLenient);
}

std::optional<std::string> strict(std::string_view text) {
  return base64_decode(text, Base64Input::kStrict);
}

}  // namespace

TEST_CASE("base64 encodes with the standard alphabet and pads to a multiple of 4") {
  // RFC 4648 §10 test vectors.
  CHECK(base64_encode("") == "");
  CHECK(base64_encode("f") == "Zg==");
  CHECK(base64_encode("fo") == "Zm8=");
  CHECK(base64_encode("foo") == "Zm9v");
  CHECK(base64_encode("foob") == "Zm9vYg==");
  CHECK(base64_encode("fooba") == "Zm9vYmE=");
  CHECK(base64_encode("foobar") == "Zm9vYmFy");
  CHECK(base64_encode("\xfb\xff") == "+/8=");  // '+' and '/', not the URL alphabet's '-' '_'
}

TEST_CASE("Lenient base64 (wire blobs) skips line breaks and takes missing padding") {
  CHECK(lenient("aGVsbG8gd29ybGQ=") == std::optional<std::string>("hello world"));
  CHECK(lenient("aGVsbG8g\nd29ybGQ=\n") == std::optional<std::string>("hello world"));
  CHECK(lenient("aGVs bG8g\td29y\r\nbGQ=") == std::optional<std::string>("hello world"));
  CHECK(lenient("aGVsbG8gd29ybGQ") == std::optional<std::string>("hello world"));
  CHECK(lenient("YQ==") == std::optional<std::string>("a"));
  CHECK(lenient("YQ") == std::optional<std::string>("a"));
  CHECK(lenient("YQ=\n=") == std::optional<std::string>("a"));
  CHECK(lenient("") == std::optional<std::string>(""));
  CHECK(lenient("/w==") == std::optional<std::string>("\xff"));
}

TEST_CASE("Lenient base64 still refuses what is not base64") {
  CHECK_FALSE(lenient("a"));           // one character encodes no byte
  CHECK_FALSE(lenient("YQ="));         // padding that does not complete the group
  CHECK_FALSE(lenient("YQ==YQ=="));    // data after padding
  CHECK_FALSE(lenient("Y Q-="));       // the URL alphabet's '-'
  CHECK_FALSE(lenient("YQ==="));       // three '='
  CHECK_FALSE(lenient("Zm9v_w=="));    // the URL alphabet's '_'
  CHECK_FALSE(lenient("Zm9v\vYQ=="));  // whitespace is space, tab, CR and LF only
}

TEST_CASE("Strict base64 (an OpenSSH key's blob) takes the encoder's form only") {
  CHECK(strict("Zm9vYmFy") == std::optional<std::string>("foobar"));
  CHECK(strict("Zm9vYg==") == std::optional<std::string>("foob"));
  CHECK(strict("Zm9vYmE=") == std::optional<std::string>("fooba"));
  CHECK_FALSE(strict(""));            // an empty key blob is no key
  CHECK_FALSE(strict("Zm9vYg"));      // padding required
  CHECK_FALSE(strict("Zm9v\nYmFy"));  // no whitespace
  CHECK_FALSE(strict("Zm9vYg=a"));    // data after padding
  CHECK_FALSE(strict("Zg==Zm9v"));    // padding in the middle
  CHECK_FALSE(strict("Z==="));        // three '='
  CHECK_FALSE(strict("Zm9-"));        // the URL alphabet
}

TEST_CASE("base64 decodes what it encodes, in both strictnesses") {
  rc::prop("decode(encode(bytes)) == bytes", [](const std::string& bytes) {
    const std::string text = base64_encode(bytes);
    RC_ASSERT(text.size() % 4 == 0);
    RC_ASSERT(lenient(text) == std::optional<std::string>(bytes));
    if (!bytes.empty()) RC_ASSERT(strict(text) == std::optional<std::string>(bytes));
  });
  rc::prop("lenient decoding ignores line breaks and the padding", [](const std::string& bytes) {
    std::string text = base64_encode(bytes);
    while (!text.empty() && text.back() == '=') text.pop_back();
    std::string wrapped;
    for (std::size_t i = 0; i < text.size(); ++i) {
      if (i > 0 && i % 76 == 0) wrapped += "\r\n";
      wrapped += text[i];
    }
    RC_ASSERT(lenient(wrapped) == std::optional<std::string>(bytes));
  });
}

TEST_CASE("Whatever strict base64 accepts, lenient base64 reads the same") {
  rc::prop("strict => lenient, same bytes", [] {
    const auto text = *rc::gen::container<std::string>(
        rc::gen::element('A', 'Q', 'g', 'w', '/', '+', '=', '\n', '-'));
    if (auto bytes = strict(text)) RC_ASSERT(lenient(text) == bytes);
  });
}
