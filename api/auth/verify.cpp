#include "api/auth/verify.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>

#include "api/auth/chunks.hpp"
#include "api/auth/crypto.hpp"
#include "api/auth/sigv4.hpp"

namespace amisim::auth {
namespace {

using Outcome = sim::Result<Verified, AuthFailure>;
using Refusal = std::optional<AuthFailure>;

// The signature's own fields, from the Authorization header or the presigned query.
struct Signed {
  bool presigned = false;
  std::string credential;
  std::string signed_headers;
  std::string signature;
  std::string amz_date;
  std::optional<std::string> expires;       // presigned
  std::optional<std::string> payload_hash;  // presigned S3: X-Amz-Content-Sha256
};

AuthFailure refusal(Problem problem, bool presigned, std::string detail = "") {
  AuthFailure f;
  f.problem = problem;
  f.presigned = presigned;
  f.detail = std::move(detail);
  return f;
}

AuthFailure incomplete(Incomplete what, bool presigned, std::string detail) {
  AuthFailure f = refusal(Problem::kIncomplete, presigned, std::move(detail));
  f.incomplete = what;
  return f;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// The decoded query parameter `name` of the request-target, the first if repeated.
std::optional<std::string> query_param(std::string_view target, std::string_view name) {
  std::size_t q = target.find('?');
  if (q == std::string_view::npos) return std::nullopt;
  std::string_view query = target.substr(q + 1);
  while (!query.empty()) {
    std::size_t amp = query.find('&');
    std::string_view field = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    std::size_t eq = field.find('=');
    if (percent_decode(field.substr(0, eq)) != name) continue;
    return eq == std::string_view::npos ? std::string() : percent_decode(field.substr(eq + 1));
  }
  return std::nullopt;
}

// "Sun, 06 Nov 1994 08:49:37 GMT" (an HTTP Date header) as "19941106T084937Z"; "" if not one.
std::string amz_date_of_http_date(std::string_view text) {
  static constexpr std::array<std::string_view, 12> kMonths = {
      "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  if (text.size() != 29 || text.substr(25) != " GMT") return "";
  auto month = std::find(kMonths.begin(), kMonths.end(), text.substr(8, 3));
  if (month == kMonths.end()) return "";
  std::string out =
      fmt::format("{}{:02}{}T{}{}{}Z", text.substr(12, 4), month - kMonths.begin() + 1,
                  text.substr(5, 2), text.substr(17, 2), text.substr(20, 2), text.substr(23, 2));
  return sim::parse_iso8601_basic(out) ? out : "";
}

// The Authorization header's fields; a refusal when it is another scheme or lacks a part.
Refusal parse_header(const http::HttpRequest& request, std::string_view header, Signed& out) {
  std::string_view rest = trim(header);
  std::string_view algorithm = rest.substr(0, rest.find(' '));
  rest.remove_prefix(algorithm.size());
  while (!rest.empty()) {
    std::size_t comma = rest.find(',');
    std::string_view part = trim(rest.substr(0, comma));
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    std::size_t eq = part.find('=');
    std::string_view key = part.substr(0, eq);
    std::string value(eq == std::string_view::npos ? std::string_view() : part.substr(eq + 1));
    if (key == "Credential") out.credential = value;
    if (key == "SignedHeaders") out.signed_headers = value;
    if (key == "Signature") out.signature = value;
  }
  if (auto date = request.headers.find("X-Amz-Date")) {
    out.amz_date = std::string(trim(*date));
  } else if (auto http_date = request.headers.find("Date")) {
    out.amz_date = amz_date_of_http_date(trim(*http_date));
    if (out.amz_date.empty()) out.amz_date = std::string(trim(*http_date));
  }
  std::string missing;
  auto require = [&missing](bool present, std::string_view sentence) {
    if (!present) missing += fmt::format("{}{}", missing.empty() ? "" : " ", sentence);
  };
  require(!out.credential.empty(), "Authorization header requires 'Credential' parameter.");
  require(!out.signature.empty(), "Authorization header requires 'Signature' parameter.");
  require(!out.signed_headers.empty(), "Authorization header requires 'SignedHeaders' parameter.");
  require(!out.amz_date.empty(),
          "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
  std::string said = fmt::format("{} Authorization={}", missing, header);
  if (algorithm != kAlgorithm) {
    // AWS's front end answers another scheme with the sentences above, or names the algorithm
    // when every part is there [?].
    AuthFailure f = refusal(
        Problem::kUnsupported, false,
        missing.empty() ? fmt::format("Unsupported AWS 'algorithm': '{}'.", algorithm) : said);
    f.scope_value = std::string(algorithm);
    return f;
  }
  if (missing.empty()) return std::nullopt;
  bool only_date = !out.credential.empty() && !out.signature.empty() && !out.signed_headers.empty();
  return incomplete(only_date ? Incomplete::kDate : Incomplete::kParts, false, said);
}

// The presigned query's fields; a refusal when one is missing.
Refusal parse_query(const http::HttpRequest& request, const Endpoint& endpoint, Signed& out) {
  out.presigned = true;
  std::string algorithm = query_param(request.target, "X-Amz-Algorithm").value_or("");
  out.credential = query_param(request.target, "X-Amz-Credential").value_or("");
  out.amz_date = query_param(request.target, "X-Amz-Date").value_or("");
  out.signed_headers = query_param(request.target, "X-Amz-SignedHeaders").value_or("");
  out.signature = query_param(request.target, "X-Amz-Signature").value_or("");
  out.expires = query_param(request.target, "X-Amz-Expires");
  out.payload_hash = query_param(request.target, "X-Amz-Content-Sha256");
  if (!algorithm.empty() && algorithm != kAlgorithm) {
    AuthFailure f = refusal(Problem::kUnsupported, true,
                            fmt::format("Unsupported AWS 'algorithm': '{}'.", algorithm));
    f.scope_value = algorithm;
    return f;
  }
  std::string missing;
  auto require = [&missing](bool present, std::string_view name) {
    if (!present) missing += fmt::format("AWS query-string parameters must include '{}'. ", name);
  };
  require(!algorithm.empty(), "X-Amz-Algorithm");
  require(!out.credential.empty(), "X-Amz-Credential");
  require(!out.signature.empty(), "X-Amz-Signature");
  require(!out.amz_date.empty(), "X-Amz-Date");
  require(!out.signed_headers.empty(), "X-Amz-SignedHeaders");
  require(out.expires.has_value() || !endpoint.s3, "X-Amz-Expires");
  if (missing.empty()) return std::nullopt;
  return incomplete(Incomplete::kParts, true, missing + "Re-examine the query-string parameters.");
}

// A Signature Version 2 query (AWSAccessKeyId, Signature): refused, naming the version.
Refusal sigv2_query(const http::HttpRequest& request) {
  if (!query_param(request.target, "AWSAccessKeyId") || !query_param(request.target, "Signature")) {
    return std::nullopt;
  }
  AuthFailure f = refusal(Problem::kUnsupported, true,
                          "amisim --auth sigv4 accepts Signature Version 4 only; this request is "
                          "signed with Signature Version 2 [amisim]");
  f.scope_value = "AWS";  // SigV2's scheme name, as in its Authorization header
  return f;
}

bool is_presigned(const http::HttpRequest& request) {
  for (std::string_view name : {"X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Signature"}) {
    if (query_param(request.target, name)) return true;
  }
  return false;
}

// The parsed credential and the request time, once steps 1 and 2 passed.
struct Scoped {
  Credential5 credential;
  sim::TimeMs time = 0;
};

// Steps 1 (date) and 2: the credential's shape, its day, service, Region and terminator.
sim::Result<Scoped, AuthFailure> check_scope(const Signed& s, const Endpoint& endpoint) {
  std::optional<Credential5> c = split_credential(s.credential);
  if (!c) {
    return incomplete(Incomplete::kCredential, s.presigned,
                      fmt::format("Credential must have exactly 5 slash-delimited elements, e.g. "
                                  "keyid/date/region/service/term, got '{}'",
                                  s.credential));
  }
  std::optional<sim::TimeMs> t = sim::parse_iso8601_basic(s.amz_date);
  if (!t) {
    return incomplete(Incomplete::kDate, s.presigned,
                      fmt::format("Date must be in ISO-8601 'basic format'. Got '{}'. See "
                                  "http://en.wikipedia.org/wiki/ISO_8601",
                                  s.amz_date));
  }
  auto scoped = [&](Problem problem, std::string value, std::string expected) {
    AuthFailure f = refusal(problem, s.presigned);
    f.access_key_id = c->access_key_id;
    f.scope_value = std::move(value);
    f.expected = std::move(expected);
    f.amz_date = s.amz_date;
    return f;
  };
  std::string day = s.amz_date.substr(0, 8);
  if (c->date != day) return scoped(Problem::kWrongDate, c->date, day);
  if (c->service != endpoint.service) {
    return scoped(Problem::kWrongService, c->service, endpoint.service);
  }
  if (endpoint.host_region && c->region != *endpoint.host_region) {
    return scoped(Problem::kWrongRegion, c->region, *endpoint.host_region);
  }
  if (c->terminator != kScopeTerminator) {
    return incomplete(Incomplete::kCredential, s.presigned,
                      fmt::format("Credential should be scoped with a valid terminator: "
                                  "'aws4_request', not '{}'. ",
                                  c->terminator));
  }
  return Scoped{std::move(*c), *t};
}

// Step 4, given the credential is known.
Refusal check_time(const Signed& s, sim::TimeMs t, sim::TimeMs now) {
  AuthFailure f = refusal(Problem::kTooSkewed, s.presigned);
  f.amz_date = s.amz_date;
  f.request_time = t;
  f.server_time = now;
  if (!s.presigned || !s.expires) {
    if (t < now - kMaxSkewMs || t > now + kMaxSkewMs) return f;
    return std::nullopt;
  }
  std::int64_t expires = -1;
  const std::string& text = *s.expires;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), expires);
  if (ec != std::errc() || end != text.data() + text.size() || expires < 0) {
    return incomplete(Incomplete::kExpires, true, "X-Amz-Expires should be a number");
  }
  if (expires > kMaxExpiresSeconds) {
    return incomplete(Incomplete::kExpires, true,
                      "X-Amz-Expires must be less than a week (in seconds); that is, the given "
                      "X-Amz-Expires must be less than 604800 seconds");
  }
  f.expires_seconds = expires;
  if (t > now + kMaxSkewMs)
    f.problem = Problem::kNotYetValid;
  else if (now > t + expires * sim::kSecondMs)
    f.problem = Problem::kExpired;
  else
    return std::nullopt;
  return f;
}

// Step 5: what must be signed is.
Refusal check_signed_headers(const http::HttpRequest& request, const Signed& s,
                             const Endpoint& endpoint) {
  std::vector<std::string> names = split_signed_headers(s.signed_headers);
  auto is_signed = [&names](const std::string& n) {
    return std::find(names.begin(), names.end(), n) != names.end();
  };
  if (!is_signed("host")) {
    return refusal(Problem::kHostNotSigned, s.presigned,
                   "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
  }
  if (!endpoint.s3) return std::nullopt;
  AuthFailure f = refusal(Problem::kHeadersNotSigned, s.presigned);
  for (const http::Header& h : request.headers.fields()) {
    std::string name = lower_ascii(h.name);
    if (name.rfind("x-amz-", 0) == 0 && !is_signed(name) &&
        std::find(f.headers_not_signed.begin(), f.headers_not_signed.end(), name) ==
            f.headers_not_signed.end()) {
      f.headers_not_signed.push_back(name);
    }
  }
  if (f.headers_not_signed.empty()) return std::nullopt;
  std::sort(f.headers_not_signed.begin(), f.headers_not_signed.end());
  return f;
}

bool is_sha256_hex(std::string_view text) {
  return text.size() == 64 && std::all_of(text.begin(), text.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
         });
}

bool is_known_payload_kind(std::string_view text) {
  return text == kUnsignedPayload || text == "STREAMING-UNSIGNED-PAYLOAD-TRAILER" ||
         text == "STREAMING-AWS4-HMAC-SHA256-PAYLOAD" ||
         text == "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER";
}

// Step 5 (S3) and the payload line of the canonical request: S3 signs what
// x-amz-content-sha256 says (UNSIGNED-PAYLOAD when a presigned URL says nothing); every other
// service signs the body's hash.
sim::Result<std::string, AuthFailure> payload_hash(const http::HttpRequest& request,
                                                   const Signed& s, const Endpoint& endpoint) {
  if (!endpoint.s3) return sha256_hex(request.body);
  std::optional<std::string> value = s.payload_hash;
  if (!value) {
    if (auto header = request.headers.find("x-amz-content-sha256")) value = std::string(*header);
  }
  if (!value) {
    if (s.presigned) return std::string(kUnsignedPayload);
    return refusal(Problem::kPayloadHashMissing, false);
  }
  if (!is_sha256_hex(*value) && !is_known_payload_kind(*value)) {
    AuthFailure f = refusal(Problem::kPayloadHashInvalid, s.presigned);
    f.scope_value = *value;
    return f;
  }
  return *value;
}

// Step 7 for S3: the body is what the signature covered.
Refusal check_body(const http::HttpRequest& request, const std::string& payload,
                   const ChunkSigning& signing) {
  if (is_sha256_hex(payload)) {
    std::string computed = sha256_hex(request.body);
    if (lower_ascii(payload) == computed) return std::nullopt;
    AuthFailure f = refusal(Problem::kPayloadHashMismatch, false);
    f.client_payload_hash = payload;
    f.computed_payload_hash = std::move(computed);
    return f;
  }
  if (payload.rfind("STREAMING-AWS4-HMAC-SHA256-PAYLOAD", 0) != 0) return std::nullopt;
  std::optional<ChunkMismatch> bad = check_chunk_signatures(request.body, signing);
  if (!bad) return std::nullopt;
  AuthFailure f = refusal(Problem::kBadChunkSignature, false);
  f.string_to_sign = std::move(bad->string_to_sign);
  f.signature_provided = std::move(bad->provided);
  return f;
}

// Steps 6 and 7, given everything before passed.
Refusal check_signature(const http::HttpRequest& request, const Signed& s, const Endpoint& endpoint,
                        const Scoped& scoped, const Credential& credential,
                        const std::string& payload) {
  CanonicalInput in;
  in.method = request.method;
  in.target = request.target;
  in.headers = &request.headers;
  in.signed_headers = s.signed_headers;
  in.payload_hash = payload;
  in.uri_rules = endpoint.s3 ? UriRules::kS3 : UriRules::kNormalized;
  in.presigned = s.presigned;
  std::string canonical = canonical_request(in);
  std::string scope = scoped.credential.scope();
  std::string to_sign = string_to_sign(s.amz_date, scope, canonical);
  const Credential5& c = scoped.credential;
  std::string key = signing_key(credential.secret_access_key, c.date, c.region, c.service);
  if (!equal_constant_time(signature(key, to_sign), lower_ascii(s.signature))) {
    AuthFailure f = refusal(Problem::kBadSignature, s.presigned);
    f.access_key_id = credential.access_key_id;
    f.string_to_sign = std::move(to_sign);
    f.canonical_request = std::move(canonical);
    f.signature_provided = s.signature;
    return f;
  }
  if (!endpoint.s3 || s.presigned) return std::nullopt;
  ChunkSigning chunks{s.signature, key, s.amz_date, scope,
                      payload == "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER"};
  Refusal refused = check_body(request, payload, chunks);
  if (refused) refused->access_key_id = credential.access_key_id;
  return refused;
}

Outcome verify_signed(const http::HttpRequest& request, const Signed& s, const Endpoint& endpoint,
                      const CredentialStore& credentials, sim::TimeMs now) {
  auto scoped = check_scope(s, endpoint);
  if (!scoped.ok()) return scoped.error();
  const Credential* credential = credentials.find(scoped->credential.access_key_id);
  if (credential == nullptr) {
    AuthFailure f = refusal(Problem::kUnknownKey, s.presigned);
    f.access_key_id = scoped->credential.access_key_id;
    return f;
  }
  if (Refusal r = check_time(s, scoped->time, now)) return *r;
  if (Refusal r = check_signed_headers(request, s, endpoint)) return *r;
  auto payload = payload_hash(request, s, endpoint);
  if (!payload.ok()) return payload.error();
  if (Refusal r = check_signature(request, s, endpoint, *scoped, *credential, *payload)) {
    return *r;
  }
  return Verified{*credential, scoped->credential.region};
}

}  // namespace

Outcome verify(const http::HttpRequest& request, const Endpoint& endpoint,
               const CredentialStore& credentials, sim::TimeMs now) {
  Signed s;
  if (auto header = request.headers.find("Authorization")) {
    if (Refusal r = parse_header(request, *header, s)) return *r;
  } else if (is_presigned(request)) {
    if (Refusal r = parse_query(request, endpoint, s)) return *r;
  } else if (Refusal r = sigv2_query(request)) {
    return *r;
  } else {
    return refusal(Problem::kMissing, false);
  }
  return verify_signed(request, s, endpoint, credentials, now);
}

}  // namespace amisim::auth
