// verify() (api/auth/verify.hpp) and the replies each refusal gets (api/auth/replies.hpp): AWS's
// own S3 examples pass, and every kind of tampering with a signed request is refused with the
// code the protocol's clients expect.
#include <fmt/format.h>

#include <catch2/catch.hpp>
#include <string>

#include "api/auth/chunks.hpp"
#include "api/auth/replies.hpp"
#include "api/auth/sigv4.hpp"
#include "api/auth/verify.hpp"
#include "tests/api/auth_support.hpp"

namespace auth = amisim::auth;
namespace sim = amisim::sim;
using amisim::http::HttpRequest;
using auth::Problem;

namespace {

auth::CredentialStore store() {
  auth::CredentialStore s;
  s.add({"AKIDAMISIMTEST", "amisim-secret", sim::AccountId{"111111111111"}});
  s.add({"AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
         sim::AccountId{"222222222222"}});
  return s;
}

const auth::Endpoint kEc2{"ec2", false, std::nullopt};
const auth::Endpoint kS3{"s3", true, std::nullopt};

// The problem verify() finds, or nullopt when the request passes.
std::optional<Problem> problem(const HttpRequest& r, const auth::Endpoint& e = kEc2,
                               sim::TimeMs now = test::kAuthNow) {
  auto v = auth::verify(r, e, store(), now);
  if (v.ok()) return std::nullopt;
  return v.error().problem;
}

// Why verify() refuses `r` (the test fails when it does not).
auth::AuthFailure failure(const HttpRequest& r, const auth::Endpoint& e = kEc2,
                          sim::TimeMs now = test::kAuthNow) {
  auto v = auth::verify(r, e, store(), now);
  REQUIRE(!v.ok());
  return v.error();
}

std::string ec2_code(const HttpRequest& r, sim::TimeMs now = test::kAuthNow) {
  auto v = auth::verify(r, kEc2, store(), now);
  return v.ok() ? "" : auth::ec2_refusal(v.error()).code;
}

std::string s3_code(const HttpRequest& r, sim::TimeMs now = test::kAuthNow) {
  auto v = auth::verify(r, kS3, store(), now);
  return v.ok() ? "" : auth::s3_refusal(v.error()).error.code;
}

HttpRequest signed_ec2(const test::SignSpec& spec = {}) {
  HttpRequest r = test::ec2_form("Action=DescribeRegions&Version=2016-11-15");
  test::sign(r, spec);
  return r;
}

// The value of header `name` replaced by `value`.
void replace_header(HttpRequest& r, const std::string& name, const std::string& value) {
  amisim::http::Headers h;
  for (const auto& f : r.headers.fields()) h.add(f.name, f.name == name ? value : f.value);
  r.headers = h;
}

sim::TimeMs t2013() { return *sim::parse_iso8601_basic("20130524T000000Z"); }

}  // namespace

TEST_CASE("SigV4 verify: AWS's S3 GetObject header example passes, and its account is the file's") {
  HttpRequest r;
  r.method = "GET";
  r.target = "/test.txt";
  r.headers.add("Host", "examplebucket.s3.amazonaws.com");
  r.headers.add("Range", "bytes=0-9");
  r.headers.add("x-amz-content-sha256",
                "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  r.headers.add("x-amz-date", "20130524T000000Z");
  r.headers.add("Authorization",
                "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/"
                "aws4_request,SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,"
                "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
  auto v = auth::verify(r, kS3, store(), t2013() + 60'000);
  REQUIRE(v.ok());
  CHECK(v->credential.account.str() == "222222222222");
  CHECK(v->region == "us-east-1");
  replace_header(r, "Range", "bytes=0-8");
  CHECK(s3_code(r, t2013()) == "SignatureDoesNotMatch");
}

TEST_CASE("SigV4 verify: AWS's S3 PutObject example (Date header, $ in the key) passes") {
  HttpRequest r;
  r.method = "PUT";
  r.target = "/test%24file.text";
  r.body = "Welcome to Amazon S3.";
  r.headers.add("Host", "examplebucket.s3.amazonaws.com");
  r.headers.add("Date", "Fri, 24 May 2013 00:00:00 GMT");
  r.headers.add("x-amz-date", "20130524T000000Z");
  r.headers.add("x-amz-storage-class", "REDUCED_REDUNDANCY");
  r.headers.add("x-amz-content-sha256",
                "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072");
  r.headers.add("Authorization",
                "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/"
                "aws4_request,SignedHeaders=date;host;x-amz-content-sha256;x-amz-date;"
                "x-amz-storage-class,Signature="
                "98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd");
  CHECK(problem(r, kS3, t2013()) == std::nullopt);
  r.body[0] = 'w';  // one byte of the body: the signed hash no longer describes it
  CHECK(s3_code(r, t2013()) == "XAmzContentSHA256Mismatch");
}

TEST_CASE("SigV4 verify: AWS's presigned S3 URL example passes until it expires") {
  HttpRequest r;
  r.method = "GET";
  r.target =
      "/test.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524"
      "%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&"
      "X-Amz-SignedHeaders=host&X-Amz-Signature="
      "aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404";
  r.headers.add("Host", "examplebucket.s3.amazonaws.com");
  CHECK(problem(r, kS3, t2013() + 3'600'000) == std::nullopt);
  CHECK(problem(r, kS3, t2013() + 86'400'000) == std::nullopt);
  auto late = auth::verify(r, kS3, store(), t2013() + 86'401'000);
  REQUIRE(!late.ok());
  auto e = auth::s3_refusal(late.error());
  CHECK(e.error.code == "AccessDenied");
  CHECK(e.error.message == "Request has expired");
  CHECK(e.error.http_status == 403);
  CHECK(e.details.at(0) == std::pair<std::string, std::string>{"X-Amz-Expires", "86400"});
  CHECK(e.details.at(1) == std::pair<std::string, std::string>{"Expires", "2013-05-25T00:00:00Z"});
}

TEST_CASE(
    "SigV4 verify: AWS's streaming upload example passes, and a changed chunk byte does not") {
  std::string body;
  auto chunk = [&body](std::size_t size, const char* signature) {
    body += fmt::format("{:x};chunk-signature={}\r\n", size, signature);
    body += std::string(size, 'a');
    body += "\r\n";
  };
  chunk(65536, "ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648");
  chunk(1024, "0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497");
  chunk(0, "b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9");
  HttpRequest r;
  r.method = "PUT";
  r.target = "/examplebucket/chunkObject.txt";
  r.body = body;
  r.headers.add("Host", "s3.amazonaws.com");
  r.headers.add("x-amz-date", "20130524T000000Z");
  r.headers.add("x-amz-storage-class", "REDUCED_REDUNDANCY");
  r.headers.add("x-amz-content-sha256", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD");
  r.headers.add("Content-Encoding", "aws-chunked");
  r.headers.add("x-amz-decoded-content-length", "66560");
  r.headers.add("Content-Length", "66824");
  r.headers.add("Authorization",
                "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/"
                "aws4_request,SignedHeaders=content-encoding;content-length;host;"
                "x-amz-content-sha256;x-amz-date;x-amz-decoded-content-length;"
                "x-amz-storage-class,Signature="
                "4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9");
  CHECK(body.size() == 66824);
  CHECK(problem(r, kS3, t2013()) == std::nullopt);
  r.body[body.size() - 200] = 'b';  // inside the 1,024-byte chunk
  CHECK(problem(r, kS3, t2013()) == Problem::kBadChunkSignature);
  CHECK(s3_code(r, t2013()) == "SignatureDoesNotMatch");
}

TEST_CASE("SigV4 verify: a request signed with a file's secret passes as the file's account") {
  auto v = auth::verify(signed_ec2(), kEc2, store(), test::kAuthNow);
  REQUIRE(v.ok());
  CHECK(v->credential.account.str() == "111111111111");
}

TEST_CASE("SigV4 verify: one byte of body, one header, the date or the scope changed is refused") {
  HttpRequest body = signed_ec2();
  body.body.back() = '6';
  CHECK(ec2_code(body) == "SignatureDoesNotMatch");

  HttpRequest header = signed_ec2();
  replace_header(header, "Content-Type", "application/x-www-form-urlencoded");
  CHECK(ec2_code(header) == "SignatureDoesNotMatch");

  HttpRequest date = signed_ec2();
  replace_header(date, "X-Amz-Date", sim::format_iso8601_basic(test::kAuthNow + 1000));
  CHECK(ec2_code(date) == "SignatureDoesNotMatch");

  HttpRequest region = signed_ec2();
  std::string a = std::string(*region.headers.find("Authorization"));
  replace_header(region, "Authorization", a.replace(a.find("us-east-1"), 9, "eu-west-1"));
  CHECK(ec2_code(region) == "SignatureDoesNotMatch");

  HttpRequest service = signed_ec2();
  std::string s = std::string(*service.headers.find("Authorization"));
  replace_header(service, "Authorization", s.replace(s.find("/ec2/"), 5, "/sqs/"));
  CHECK(problem(service) == Problem::kWrongService);
  CHECK(auth::ec2_refusal(failure(service)).message ==
        "Credential should be scoped to correct service: 'ec2'. ");
}

TEST_CASE("SigV4 verify: an unknown key, a wrong secret, an unsigned request get EC2's codes") {
  auto unknown =
      auth::verify(signed_ec2({.access_key = "AKIDNOBODY"}), kEc2, store(), test::kAuthNow);
  REQUIRE(!unknown.ok());
  auto e = auth::ec2_refusal(unknown.error());
  CHECK(e.code == "AuthFailure");
  CHECK(e.http_status == 401);
  CHECK(e.message == "AWS was not able to validate the provided access credentials");

  auto wrong = auth::ec2_refusal(failure(signed_ec2({.secret = "not-the-secret"})));
  CHECK(wrong.code == "SignatureDoesNotMatch");
  CHECK(wrong.http_status == 403);

  auto none = auth::ec2_refusal(failure(test::ec2_form("Action=DescribeRegions")));
  CHECK(none.code == "MissingParameter");
  CHECK(none.message == "The request must contain the parameter AWSAccessKeyId");
}

TEST_CASE("SigV4 verify: a date more than 15 minutes from the server's clock is RequestExpired") {
  constexpr sim::DurationMs k15m = 15 * sim::kMinuteMs;
  CHECK(problem(signed_ec2({.at = test::kAuthNow - k15m})) == std::nullopt);
  CHECK(problem(signed_ec2({.at = test::kAuthNow + k15m})) == std::nullopt);
  CHECK(ec2_code(signed_ec2({.at = test::kAuthNow - k15m - 1000})) == "RequestExpired");
  CHECK(ec2_code(signed_ec2({.at = test::kAuthNow + k15m + 1000})) == "RequestExpired");
  auto json = auth::json_refusal(failure(signed_ec2({.at = test::kAuthNow - k15m - 1000})));
  CHECK(json.code == "InvalidSignatureException");
  CHECK(json.message ==
        "Signature expired: 20260301T114459Z is now earlier than 20260301T114500Z "
        "(20260301T120000Z - 15 min.)");
}

TEST_CASE("SigV4 verify: incomplete signatures name what is missing") {
  HttpRequest r = test::ec2_form("Action=DescribeRegions");
  r.headers.add("Authorization",
                "AWS4-HMAC-SHA256 Credential=AKIDAMISIMTEST/20260301/us-east-1/"
                "ec2/aws4_request");
  auto e = auth::ec2_refusal(failure(r));
  CHECK(e.code == "IncompleteSignature");
  CHECK(e.http_status == 400);
  CHECK(e.message ==
        "Authorization header requires 'Signature' parameter. Authorization header requires "
        "'SignedHeaders' parameter. Authorization header requires existence of either a "
        "'X-Amz-Date' or a 'Date' header. Authorization=AWS4-HMAC-SHA256 "
        "Credential=AKIDAMISIMTEST/20260301/us-east-1/ec2/aws4_request");

  HttpRequest bearer = test::ec2_form("Action=DescribeRegions");
  bearer.headers.add("Authorization", "Bearer abc");
  CHECK(ec2_code(bearer) == "IncompleteSignature");
  CHECK(auth::s3_refusal(failure(bearer, kS3)).error.code == "InvalidArgument");

  HttpRequest no_host = signed_ec2();
  std::string a = std::string(*no_host.headers.find("Authorization"));
  replace_header(no_host, "Authorization", a.replace(a.find("host;"), 5, ""));
  CHECK(problem(no_host) == Problem::kHostNotSigned);
}

TEST_CASE("SigV4 verify: the scope's Region must be the one the Host names") {
  HttpRequest r = test::ec2_form("Action=DescribeRegions");
  replace_header(r, "Host", "ec2.eu-west-1.amazonaws.com");
  test::sign(r, {.region = "us-east-1"});
  auth::Endpoint at_eu{"ec2", false, "eu-west-1"};
  auto v = auth::verify(r, at_eu, store(), test::kAuthNow);
  REQUIRE(!v.ok());
  CHECK(v.error().problem == Problem::kWrongRegion);
  CHECK(auth::ec2_refusal(v.error()).message ==
        "Credential should be scoped to a valid region, not 'us-east-1'. ");
  auto s3 = auth::s3_refusal(v.error());
  CHECK(s3.error.code == "AuthorizationHeaderMalformed");
  CHECK(s3.error.message ==
        "The authorization header is malformed; the region 'us-east-1' is wrong; expecting "
        "'eu-west-1'");
}

TEST_CASE("SigV4 chunks: the trailer after the last chunk is signed too (the AWS CRT's vector)") {
  // awslabs/aws-crt-swift ChunkSignerTests: AWS's streaming example chained on to the trailer
  // headers first:1st, second:2nd, third:3rd.
  std::string body;
  auto chunk = [&body](std::size_t size, const char* signature) {
    body += fmt::format("{:x};chunk-signature={}\r\n", size, signature);
    body += std::string(size, 'a');
    if (size > 0) body += "\r\n";
  };
  chunk(65536, "ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648");
  chunk(1024, "0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497");
  chunk(0, "b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9");
  body +=
      "first:1st\r\nsecond:2nd\r\nthird:3rd\r\nx-amz-trailer-signature:"
      "df5735bd9f3295cd9386572292562fefc93ba94e80a0a1ddcbd652c4e0a75e6c\r\n\r\n";
  std::string key =
      auth::signing_key("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "20130524", "us-east-1", "s3");
  auth::ChunkSigning signing{"4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9",
                             key, "20130524T000000Z", "20130524/us-east-1/s3/aws4_request", true};
  CHECK(!auth::check_chunk_signatures(body, signing).has_value());
  body.replace(body.find("3rd"), 3, "4th");
  auto bad = auth::check_chunk_signatures(body, signing);
  REQUIRE(bad.has_value());
  CHECK(bad->string_to_sign.rfind("AWS4-HMAC-SHA256-TRAILER\n20130524T000000Z\n", 0) == 0);
}
