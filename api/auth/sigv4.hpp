// Signature Version 4, the pieces (AWS General Reference, "Create a signed AWS API request";
// checked against AWS's published SigV4 test suite in tests/api/auth_sigv4_test.cpp):
//
//   CanonicalRequest = Method \n CanonicalURI \n CanonicalQuery \n CanonicalHeaders \n
//                      SignedHeaders \n HexEncode(Hash(payload))
//   StringToSign     = "AWS4-HMAC-SHA256" \n AmzDate \n Scope \n HexEncode(Hash(CanonicalRequest))
//   Scope            = yyyymmdd/region/service/aws4_request
//   SigningKey       = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, yyyymmdd), region), service),
//                           "aws4_request")
//   Signature        = HexEncode(HMAC(SigningKey, StringToSign))
//
// URI rules differ by service: S3 decodes the path and URI-encodes it once (so a client that
// encodes every byte but the unreserved ones and '/', as the SDKs do, signs the path as sent);
// every other service normalizes it (dot segments and empty segments removed) and URI-encodes
// each segment of the already-encoded path again ("double encoding"), as the SDKs sign them.
// Query parameters are decoded, URI-encoded again (RFC 3986 unreserved characters stay, the rest
// become %XY, a space is %20 and '+' on the wire stays a plus sign, %2B [?]), and sorted by name
// then value. Header values are trimmed, runs of spaces become one, and repeated headers are
// joined with ','.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "api/http/request.hpp"

namespace amisim::auth {

inline constexpr std::string_view kAlgorithm = "AWS4-HMAC-SHA256";
inline constexpr std::string_view kScopeTerminator = "aws4_request";
inline constexpr std::string_view kUnsignedPayload = "UNSIGNED-PAYLOAD";

// The credential "AKID/yyyymmdd/region/service/aws4_request", split; nullopt when it does not
// have five non-empty parts.
struct Credential5 {
  std::string access_key_id;
  std::string date;  // yyyymmdd
  std::string region;
  std::string service;
  std::string terminator;  // "aws4_request" when well formed
  // "yyyymmdd/region/service/terminator": the scope line of the string to sign.
  std::string scope() const;
};
std::optional<Credential5> split_credential(std::string_view credential);

// `text` with ASCII capitals made small and every other byte as it is (header names, hex digests):
// SigV4's lower-casing, which is not the locale's.
std::string lower_ascii(std::string_view text);

// Percent-decoding as the canonical forms need it: "%XY" becomes its byte, '+' stays a plus sign,
// and a '%' not followed by two hex digits stays as it is (it then cannot match a signature).
std::string percent_decode(std::string_view text);

enum class UriRules { kNormalized, kS3 };

// The canonical URI of a request path (the request-target before '?').
std::string canonical_uri(std::string_view path, UriRules rules);

// The canonical query string of a raw query string (after '?'); without X-Amz-Signature when
// `presigned`.
std::string canonical_query(std::string_view query, bool presigned);

// "name:value\n" for each of `signed_names` (lower-case, in that order) with the request's
// values of that header joined by ','.
std::string canonical_headers(const http::Headers& headers,
                              const std::vector<std::string>& signed_names);

// The names of "host;x-amz-date" in order ("" parts kept, so a bad list cannot match).
std::vector<std::string> split_signed_headers(std::string_view signed_headers);

struct CanonicalInput {
  std::string_view method;
  std::string_view target;  // request-target as sent: path[?query]
  const http::Headers* headers = nullptr;
  std::string_view signed_headers;  // as in the signature: "host;x-amz-date"
  std::string_view payload_hash;
  UriRules uri_rules = UriRules::kNormalized;
  bool presigned = false;
};
std::string canonical_request(const CanonicalInput& input);

std::string string_to_sign(std::string_view amz_date, std::string_view scope,
                           std::string_view canonical_request);

// The key derived from a secret for one day, Region and service (raw bytes).
std::string signing_key(std::string_view secret, std::string_view date, std::string_view region,
                        std::string_view service);

// HexEncode(HMAC(signing_key, string_to_sign)).
std::string signature(std::string_view signing_key, std::string_view string_to_sign);

}  // namespace amisim::auth
