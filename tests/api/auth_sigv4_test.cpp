// Signature Version 4's canonical request and signature (api/auth/sigv4.hpp) against AWS's
// published vectors:
//   - the SigV4 test suite (formerly docs.aws.amazon.com/general/latest/gr/signature-v4-test-
//     suite.html; AKIDEXAMPLE, 20150830T123600Z, us-east-1, service "service"), with the request
//     values and signatures as @aws-sdk/signature-v4's suite fixture carries them, and the
//     normalize-path cases' canonical URIs;
//   - the S3 API reference's examples ("Signature calculations for the Authorization header",
//     "Authenticating requests: using query parameters", "Transferring payload in multiple
//     chunks"; AKIAIOSFODNN7EXAMPLE, 20130524T000000Z), checked through verify() in
//     auth_verify_test.cpp.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cctype>
#include <string>
#include <vector>

#include "api/auth/crypto.hpp"
#include "api/auth/sigv4.hpp"

namespace auth = amisim::auth;
using amisim::http::HttpRequest;

namespace {

constexpr const char* kSuiteSecret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
constexpr const char* kSuiteDate = "20150830T123600Z";

struct Vector {
  const char* name;
  const char* method;
  const char* target;
  std::vector<std::pair<const char*, const char*>> extra_headers;  // after host and x-amz-date
  const char* body;
  const char* signature;
};

// The suite's signature of `v` when signed with every header it has, as the suite does.
std::string suite_signature(const Vector& v) {
  HttpRequest r;
  r.method = v.method;
  r.target = v.target;
  r.headers.add("Host", "example.amazonaws.com");
  r.headers.add("X-Amz-Date", kSuiteDate);
  std::vector<std::string> names = {"host", "x-amz-date"};
  for (auto [name, value] : v.extra_headers) {
    r.headers.add(name, value);
    std::string lower = name;
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (std::find(names.begin(), names.end(), lower) == names.end()) names.push_back(lower);
  }
  std::sort(names.begin(), names.end());
  std::string signed_headers;
  for (const std::string& n : names) signed_headers += (signed_headers.empty() ? "" : ";") + n;
  auth::CanonicalInput in;
  in.method = r.method;
  in.target = r.target;
  in.headers = &r.headers;
  in.signed_headers = signed_headers;
  std::string payload = auth::sha256_hex(v.body);
  in.payload_hash = payload;
  std::string to_sign = auth::string_to_sign(kSuiteDate, "20150830/us-east-1/service/aws4_request",
                                             auth::canonical_request(in));
  return auth::signature(auth::signing_key(kSuiteSecret, "20150830", "us-east-1", "service"),
                         to_sign);
}

// The suite's requests (immutable data).
const std::vector<Vector> kSuite = {
    {"get-vanilla",
     "GET",
     "/",
     {},
     "",
     "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"},
    {"get-vanilla-empty-query-key",
     "GET",
     "/?Param1=value1",
     {},
     "",
     "a67d582fa61cc504c4bae71f336f98b97f1ea3c7a6bfe1b6e45aec72011b9aeb"},
    {"get-vanilla-query-order-key-case",
     "GET",
     "/?Param2=value2&Param1=value1",
     {},
     "",
     "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500"},
    {"get-vanilla-query-unreserved",
     "GET",
     "/?-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz="
     "-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
     {},
     "",
     "9c3e54bfcdf0b19771a7f523ee5669cdf59bc7cc0884027167c21bb143a40197"},
    {"get-vanilla-utf8-query",
     "GET",
     "/?\xE1\x88\xB4=bar",
     {},
     "",
     "2cdec8eed098649ff3a119c94853b13c643bcf08f8b0a1d91e12c9027818dd04"},
    {"get-unreserved",
     "GET",
     "/-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
     {},
     "",
     "07ef7494c76fa4850883e2b006601f940f8a34d404d0cfa977f52a65bbf5f24f"},
    {"get-utf8",
     "GET",
     "/\xE1\x88\xB4",
     {},
     "",
     "8318018e0b0f223aa2bbf98705b62bb787dc9c0e678f255a891fd03141be5d85"},
    {"get-header-key-duplicate",
     "GET",
     "/",
     {{"My-Header1", "value2"}, {"My-Header1", "value2"}, {"My-Header1", "value1"}},
     "",
     "c9d5ea9f3f72853aea855b47ea873832890dbdd183b4468f858259531a5138ea"},
    {"get-header-value-order",
     "GET",
     "/",
     {{"My-Header1", "value4,value1,value3,value2"}},
     "",
     "08c7e5a9acfcfeb3ab6b2185e75ce8b1deb5e634ec47601a50643f830c755c01"},
    {"get-header-value-trim",
     "GET",
     "/",
     {{"My-Header1", " value1"}, {"My-Header2", " \"a   b   c\" "}},
     "",
     "acc3ed3afb60bb290fc8d2dd0098b9911fcaa05412b367055dee359757a9c736"},
    {"post-vanilla",
     "POST",
     "/",
     {},
     "",
     "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b"},
    {"post-vanilla-query",
     "POST",
     "/?Param1=value1",
     {},
     "",
     "28038455d6de14eafc1f9222cf5aa6f1a96197d7deb8263271d420d138af7f11"},
    {"post-vanilla-query-nonunreserved",
     "POST",
     "/?@#$%^=&+=/,?><`\";:\\|][{}",
     {},
     "",
     "66c82657c86e26fb25238d0e69f011edc4c6df5ae71119d7cb98ed9b87393c1e"},
    {"post-header-key-sort",
     "POST",
     "/",
     {{"My-Header1", "value1"}},
     "",
     "c5410059b04c1ee005303aed430f6e6645f61f4dc9e1461ec8f8916fdf18852c"},
    {"post-header-value-case",
     "POST",
     "/",
     {{"My-Header1", "VALUE1"}},
     "",
     "cdbc9802e29d2942e5e10b5bccfdd67c5f22c7c4e8ae67b53629efa58b974b7d"},
    {"post-x-www-form-urlencoded",
     "POST",
     "/",
     {{"Content-Type", "application/x-www-form-urlencoded"}},
     "Param1=value1",
     "ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a"},
    {"post-x-www-form-urlencoded-parameters",
     "POST",
     "/",
     {{"Content-Type", "application/x-www-form-urlencoded; charset=utf8"}},
     "Param1=value1",
     "1a72ec8f64bd914b0e42e42607c7fbce7fb2c7465f63e3092b3b0d39fa77a6fe"},
};

}  // namespace

TEST_CASE("SigV4: every vector of AWS's Signature Version 4 test suite signs as published") {
  for (const Vector& v : kSuite) {
    INFO(v.name);
    CHECK(suite_signature(v) == v.signature);
  }
}

TEST_CASE(
    "SigV4: a session token signed as a header is part of the signature (post-sts-header-"
    "before)") {
  Vector v{"post-sts-header-before",
           "POST",
           "/",
           {{"X-Amz-Security-Token",
             "AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeM"
             "icRXmxfpSPfIeoIYRqTflfKD8YUuwthAx7mSEI/qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZam"
             "pKsburEDy0KPkyQDYwT7WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT38xVqr7"
             "ZD0u0iPPkUL64lIZbqBAz+scqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/"
             "oLxBA=="}},
           "",
           "85d96828115b5dc0cfc3bd16ad9e210dd772bbebba041836c64533a82be05ead"};
  CHECK(suite_signature(v) == v.signature);
}

TEST_CASE("SigV4: paths are normalized and encoded twice except for S3 (normalize-path cases)") {
  using auth::UriRules;
  CHECK(auth::canonical_uri("/./", UriRules::kNormalized) == "/");
  CHECK(auth::canonical_uri("/example/..", UriRules::kNormalized) == "/");
  CHECK(auth::canonical_uri("/example1/example2/../..", UriRules::kNormalized) == "/");
  CHECK(auth::canonical_uri("/./example", UriRules::kNormalized) == "/example");
  CHECK(auth::canonical_uri("//example//", UriRules::kNormalized) == "/example/");
  CHECK(auth::canonical_uri("/example space/", UriRules::kNormalized) == "/example%20space/");
  // The SDKs sign a non-S3 path as already encoded, encoding it again; S3 once.
  CHECK(auth::canonical_uri("/a%20b", UriRules::kNormalized) == "/a%2520b");
  CHECK(auth::canonical_uri("/bucket/a%20b", UriRules::kS3) == "/bucket/a%20b");
  CHECK(auth::canonical_uri("/bucket//a/../b", UriRules::kS3) == "/bucket//a/../b");
  CHECK(auth::canonical_uri("/test%24file.text", UriRules::kS3) == "/test%24file.text");
  CHECK(auth::canonical_uri("", UriRules::kS3) == "/");
}

TEST_CASE("SigV4: the query string is decoded, encoded strictly and sorted by name then value") {
  CHECK(auth::canonical_query("b=2&a=2&a=1", false) == "a=1&a=2&b=2");
  CHECK(auth::canonical_query("a=x y&c", false) == "a=x%20y&c=");
  CHECK(auth::canonical_query("k=%7e%2a", false) == "k=~%2A");
  CHECK(auth::canonical_query("X-Amz-Signature=ab&X-Amz-Date=1", true) == "X-Amz-Date=1");
  CHECK(auth::canonical_query("X-Amz-Signature=ab", false) == "X-Amz-Signature=ab");
}

TEST_CASE("SigV4: the signing key is derived per day, Region and service (AWS's example key)") {
  // The General Reference's derivation example: secret wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY,
  // 20120215, us-east-1, iam.
  std::string key = auth::signing_key(kSuiteSecret, "20120215", "us-east-1", "iam");
  auth::Digest d{};
  std::copy(key.begin(), key.end(), d.begin());
  CHECK(auth::hex(d) == "f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d");
}
