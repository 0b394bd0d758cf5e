// A Signature Version 4 signer for tests of `--auth sigv4` (api/auth): it signs plain request
// values with api/auth/sigv4.hpp's pieces, which tests/api/auth_sigv4_test.cpp checks against
// AWS's published vectors, so requests signed here are signed as the SDKs sign them. The
// real clients sign in tests/e2e/test_sigv4.py.
//
//   HttpRequest r = test::ec2_form("Action=DescribeRegions&Version=2016-11-15");
//   test::sign(r, {.access_key = "AKIDA", .secret = "secret-a", .at = kNow});
#pragma once

#include <string>

#include "api/http/request.hpp"
#include "sim/core/time.hpp"

namespace test {

// 2026-03-01T12:00:00Z: the wall clock of the auth tests.
inline constexpr amisim::sim::TimeMs kAuthNow = 1772366400000;

struct SignSpec {
  std::string access_key = "AKIDAMISIMTEST";
  std::string secret = "amisim-secret";
  std::string region = "us-east-1";
  std::string service = "ec2";
  amisim::sim::TimeMs at = kAuthNow;
  // S3: the x-amz-content-sha256 to send and sign ("" = the body's hash); other services sign
  // the body's hash and send no such header.
  std::string payload = "";
};

// A POST of an EC2 Query form to "/", Host 127.0.0.1:4566.
amisim::http::HttpRequest ec2_form(const std::string& form);

// Adds X-Amz-Date (and for S3 x-amz-content-sha256) and an Authorization header that signs
// every header already there plus those.
void sign(amisim::http::HttpRequest& request, const SignSpec& spec);

// Appends the presigned query parameters (X-Amz-Algorithm ... X-Amz-Signature), signing only
// `host`, with UNSIGNED-PAYLOAD for S3.
void presign(amisim::http::HttpRequest& request, const SignSpec& spec, long expires_seconds);

}  // namespace test
