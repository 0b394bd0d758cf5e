// Checks the Signature Version 4 of one HTTP request (`amisim serve --auth sigv4`): an
// Authorization header "AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=..." or a
// presigned query string (X-Amz-Algorithm, X-Amz-Credential, X-Amz-Date, X-Amz-SignedHeaders,
// X-Amz-Signature, X-Amz-Expires). In order, as AWS's front ends check (each refusal names the
// first thing wrong):
//   1. a signature at all (kMissing), of the one algorithm amisim knows (kUnsupported), with all
//      its parts and a date in ISO-8601 basic format (kIncomplete); the credential's date is the
//      request date's day (kWrongDate);
//   2. the credential scope names the endpoint's service (kWrongService) and, when the Host names
//      a Region, that Region (kWrongRegion); its terminator is aws4_request (kIncomplete);
//   3. the access key is in the credentials file (kUnknownKey);
//   4. time, against the server's wall clock: a header-signed request dated within 15 minutes of
//      it (kTooSkewed); a presigned one not past X-Amz-Date + X-Amz-Expires (kExpired, Expires
//      1..604800 s) and not dated more than 15 minutes ahead (kNotYetValid);
//   5. `host` is signed (kHostNotSigned); S3 only: every x-amz-* header sent is signed
//      (kHeadersNotSigned), and a header-signed request carries x-amz-content-sha256
//      (kPayloadHashMissing) of a known form (kPayloadHashInvalid);
//   6. the signature is the one the secret gives (kBadSignature);
//   7. the body is what was signed: S3's x-amz-content-sha256, when a hash, is the body's
//      (kPayloadHashMismatch); an aws-chunked body signed per chunk (STREAMING-AWS4-HMAC-SHA256-
//      PAYLOAD[-TRAILER]) has every chunk signature right (kBadChunkSignature). Other services
//      sign the body's hash itself, so step 6 covers it.
// The replies each refusal gets, per protocol, are in replies.hpp. Pure: the time is passed in.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "api/auth/credentials.hpp"
#include "api/http/request.hpp"
#include "sim/core/result.hpp"
#include "sim/core/time.hpp"

namespace amisim::auth {

// What the endpoint a request reached expects of its signature.
struct Endpoint {
  std::string service;                     // the scope's service: "ec2", "s3", "ssm", "ce"
  bool s3 = false;                         // S3's rules (path as sent, x-amz-content-sha256, ...)
  std::optional<std::string> host_region;  // a Region the Host names, which the scope must name
};

enum class Problem {
  kMissing,
  kUnsupported,
  kIncomplete,
  kWrongDate,
  kWrongService,
  kWrongRegion,
  kUnknownKey,
  kTooSkewed,
  kExpired,
  kNotYetValid,
  kHostNotSigned,
  kHeadersNotSigned,
  kPayloadHashMissing,
  kPayloadHashInvalid,
  kBadSignature,
  kPayloadHashMismatch,
  kBadChunkSignature,
};

// What a kIncomplete signature lacks (S3 words each differently).
enum class Incomplete { kParts, kCredential, kDate, kExpires };

// Why a request was refused, with what each protocol's error reply may quote.
struct AuthFailure {
  Problem problem = Problem::kMissing;
  bool presigned = false;
  Incomplete incomplete = Incomplete::kParts;  // kIncomplete
  // kUnsupported, kIncomplete, kHostNotSigned: AWS's sentence(s) for what is wrong, in the
  // wording of AWS's common front end ("Authorization header requires 'Signature' parameter.").
  std::string detail;
  std::string access_key_id;
  // kWrongDate, kWrongService, kWrongRegion: what the scope names; kUnsupported: the algorithm;
  // kPayloadHashInvalid: x-amz-content-sha256
  std::string scope_value;
  std::string expected;  // ... and what the endpoint needed
  std::string amz_date;  // the request's date as sent (basic format), when known
  sim::TimeMs request_time = 0;
  sim::TimeMs server_time = 0;
  std::int64_t expires_seconds = 0;  // presigned
  // kBadSignature, kBadChunkSignature
  std::string string_to_sign;
  std::string canonical_request;
  std::string signature_provided;
  // kPayloadHashMismatch
  std::string client_payload_hash;
  std::string computed_payload_hash;
  std::vector<std::string> headers_not_signed;  // kHeadersNotSigned
};

struct Verified {
  Credential credential;
  std::string region;  // the scope's Region
};

// How far a header-signed request's date may be from the server's clock, either way, and how
// long a presigned URL may say it lasts (AWS: 15 minutes; 7 days).
inline constexpr sim::DurationMs kMaxSkewMs = 15 * sim::kMinuteMs;
inline constexpr std::int64_t kMaxExpiresSeconds = 604800;

sim::Result<Verified, AuthFailure> verify(const http::HttpRequest& request,
                                          const Endpoint& endpoint,
                                          const CredentialStore& credentials, sim::TimeMs now);

}  // namespace amisim::auth
