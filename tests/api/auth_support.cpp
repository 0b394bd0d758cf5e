#include "tests/api/auth_support.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <vector>

#include "api/auth/crypto.hpp"
#include "api/auth/sigv4.hpp"
#include "api/protocol/form_encoding.hpp"

namespace test {

namespace auth = amisim::auth;
using amisim::http::HttpRequest;

namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](char c) {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  });
  return s;
}

std::string scope_of(const SignSpec& spec) {
  return fmt::format("{}/{}/{}/aws4_request",
                     amisim::sim::format_iso8601_basic(spec.at).substr(0, 8), spec.region,
                     spec.service);
}

std::string signature_of(const HttpRequest& r, const SignSpec& spec,
                         const std::string& signed_headers, const std::string& payload,
                         bool presigned) {
  auth::CanonicalInput in;
  in.method = r.method;
  in.target = r.target;
  in.headers = &r.headers;
  in.signed_headers = signed_headers;
  in.payload_hash = payload;
  in.uri_rules = spec.service == "s3" ? auth::UriRules::kS3 : auth::UriRules::kNormalized;
  in.presigned = presigned;
  std::string date = amisim::sim::format_iso8601_basic(spec.at);
  std::string to_sign = auth::string_to_sign(date, scope_of(spec), auth::canonical_request(in));
  return auth::signature(
      auth::signing_key(spec.secret, date.substr(0, 8), spec.region, spec.service), to_sign);
}

}  // namespace

HttpRequest ec2_form(const std::string& form) {
  HttpRequest r;
  r.method = "POST";
  r.target = "/";
  r.headers.add("Host", "127.0.0.1:4566");
  r.headers.add("Content-Type", "application/x-www-form-urlencoded; charset=utf-8");
  r.body = form;
  return r;
}

void sign(HttpRequest& r, const SignSpec& spec) {
  r.headers.add("X-Amz-Date", amisim::sim::format_iso8601_basic(spec.at));
  std::string payload = auth::sha256_hex(r.body);
  if (spec.service == "s3") {
    if (!spec.payload.empty()) payload = spec.payload;
    r.headers.add("x-amz-content-sha256", payload);
  }
  std::vector<std::string> names;
  for (const auto& h : r.headers.fields()) names.push_back(lower(h.name));
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  std::string signed_headers = fmt::format("{}", fmt::join(names, ";"));
  r.headers.add("Authorization",
                fmt::format("AWS4-HMAC-SHA256 Credential={}/{}, SignedHeaders={}, Signature={}",
                            spec.access_key, scope_of(spec), signed_headers,
                            signature_of(r, spec, signed_headers, payload, false)));
}

void presign(HttpRequest& r, const SignSpec& spec, long expires_seconds) {
  namespace p = amisim::protocol;
  r.target += r.target.find('?') == std::string::npos ? "?" : "&";
  r.target += fmt::format(
      "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential={}&X-Amz-Date={}&X-Amz-Expires={}&"
      "X-Amz-SignedHeaders=host",
      p::percent_encode(spec.access_key + "/" + scope_of(spec)),
      amisim::sim::format_iso8601_basic(spec.at), expires_seconds);
  std::string payload =
      spec.service == "s3" ? std::string(auth::kUnsignedPayload) : auth::sha256_hex(r.body);
  r.target += "&X-Amz-Signature=" + signature_of(r, spec, "host", payload, true);
}

}  // namespace test
