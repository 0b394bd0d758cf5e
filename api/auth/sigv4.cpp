#include "api/auth/sigv4.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <utility>

#include "api/auth/crypto.hpp"
#include "api/protocol/form_encoding.hpp"
#include "api/protocol/wire_text.hpp"

namespace amisim::auth {
namespace {

using protocol::hex_value;
using protocol::split;

// RFC 3986 §5.2.4 dot-segment removal as the AWS SDKs apply it, which also drops empty
// segments ("//"); a trailing '/' stays when anything remains.
std::string normalize_path(std::string_view path) {
  std::vector<std::string_view> kept;
  for (std::string_view segment : split(path, '/')) {
    if (segment.empty() || segment == ".") continue;
    if (segment == "..") {
      if (!kept.empty()) kept.pop_back();
      continue;
    }
    kept.push_back(segment);
  }
  std::string out = "/";
  for (std::size_t i = 0; i < kept.size(); ++i) {
    if (i > 0) out += '/';
    out += kept[i];
  }
  if (!kept.empty() && path.back() == '/') out += '/';
  return out;
}

// Trims and collapses runs of spaces and tabs into one space.
std::string trim_value(std::string_view value) {
  std::string out;
  bool pending_space = false;
  for (char c : value) {
    if (c == ' ' || c == '\t') {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out += ' ';
    pending_space = false;
    out += c;
  }
  return out;
}

}  // namespace

std::string lower_ascii(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  return out;
}

std::string percent_decode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size()) {
      int hi = hex_value(text[i + 1]);
      int lo = hex_value(text[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out.push_back(static_cast<char>(hi * 16 + lo));
        i += 2;
        continue;
      }
    }
    out.push_back(text[i]);
  }
  return out;
}

std::string Credential5::scope() const {
  return fmt::format("{}/{}/{}/{}", date, region, service, terminator);
}

std::optional<Credential5> split_credential(std::string_view credential) {
  auto parts = split(credential, '/');
  if (parts.size() != 5) return std::nullopt;
  for (std::string_view p : parts) {
    if (p.empty()) return std::nullopt;
  }
  return Credential5{std::string(parts[0]), std::string(parts[1]), std::string(parts[2]),
                     std::string(parts[3]), std::string(parts[4])};
}

std::string canonical_uri(std::string_view path, UriRules rules) {
  if (path.empty()) return "/";
  std::string decoded = rules == UriRules::kS3 ? percent_decode(path) : normalize_path(path);
  auto segments = split(decoded, '/');  // the first is the "" before the leading '/'
  std::string out;
  for (std::size_t i = 0; i < segments.size(); ++i) {
    if (i > 0) out += '/';
    out += protocol::percent_encode(segments[i]);
  }
  return out;
}

std::string canonical_query(std::string_view query, bool presigned) {
  std::vector<std::pair<std::string, std::string>> pairs;
  for (std::string_view field : split(query, '&')) {
    if (field.empty()) continue;
    std::size_t eq = field.find('=');
    std::string name = percent_decode(field.substr(0, eq));
    if (presigned && name == "X-Amz-Signature") continue;
    std::string value =
        eq == std::string_view::npos ? std::string() : percent_decode(field.substr(eq + 1));
    pairs.emplace_back(protocol::percent_encode(name), protocol::percent_encode(value));
  }
  std::sort(pairs.begin(), pairs.end());
  std::string out;
  for (const auto& [name, value] : pairs) {
    if (!out.empty()) out += '&';
    out += name;
    out += '=';
    out += value;
  }
  return out;
}

std::string canonical_headers(const http::Headers& headers,
                              const std::vector<std::string>& signed_names) {
  std::string out;
  for (const std::string& name : signed_names) {
    out += name;
    out += ':';
    bool first = true;
    for (const http::Header& h : headers.fields()) {
      if (lower_ascii(h.name) != name) continue;
      if (!first) out += ',';
      out += trim_value(h.value);
      first = false;
    }
    out += '\n';
  }
  return out;
}

std::vector<std::string> split_signed_headers(std::string_view signed_headers) {
  std::vector<std::string> out;
  for (std::string_view name : split(signed_headers, ';')) out.emplace_back(name);
  return out;
}

std::string canonical_request(const CanonicalInput& input) {
  std::size_t q = input.target.find('?');
  std::string_view path = input.target.substr(0, q);
  std::string_view query =
      q == std::string_view::npos ? std::string_view() : input.target.substr(q + 1);
  return fmt::format("{}\n{}\n{}\n{}\n{}\n{}", input.method, canonical_uri(path, input.uri_rules),
                     canonical_query(query, input.presigned),
                     canonical_headers(*input.headers, split_signed_headers(input.signed_headers)),
                     input.signed_headers, input.payload_hash);
}

std::string string_to_sign(std::string_view amz_date, std::string_view scope,
                           std::string_view canonical_request) {
  return fmt::format("{}\n{}\n{}\n{}", kAlgorithm, amz_date, scope, sha256_hex(canonical_request));
}

std::string signing_key(std::string_view secret, std::string_view date, std::string_view region,
                        std::string_view service) {
  std::string key = bytes_of(hmac_sha256("AWS4" + std::string(secret), date));
  key = bytes_of(hmac_sha256(key, region));
  key = bytes_of(hmac_sha256(key, service));
  return bytes_of(hmac_sha256(key, kScopeTerminator));
}

std::string signature(std::string_view signing_key, std::string_view string_to_sign) {
  return hex(hmac_sha256(signing_key, string_to_sign));
}

}  // namespace amisim::auth
