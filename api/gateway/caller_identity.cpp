#include "api/gateway/caller_identity.hpp"

#include <vector>

#include "api/protocol/form_encoding.hpp"
#include "api/protocol/wire_text.hpp"
#include "sim/core/ids.hpp"

namespace amisim::gateway {
namespace {

using protocol::split;

// "AWS4-HMAC-SHA256 Credential=AKID/…/aws4_request, SignedHeaders=…" -> the Credential value.
std::optional<std::string_view> credential_of_authorization(std::string_view header) {
  constexpr std::string_view kKey = "Credential=";
  std::size_t at = header.find(kKey);
  if (at == std::string_view::npos) return std::nullopt;
  std::string_view rest = header.substr(at + kKey.size());
  std::size_t end = rest.find_first_of(", ");
  return rest.substr(0, end);
}

// The X-Amz-Credential parameter of a presigned URL's query string (decoded).
std::optional<std::string> credential_of_query(std::string_view target) {
  std::size_t q = target.find('?');
  if (q == std::string_view::npos) return std::nullopt;
  auto fields = protocol::decode_form(target.substr(q + 1), 5000);
  if (!fields.ok()) return std::nullopt;
  for (const auto& f : fields.value()) {
    if (f.name == "X-Amz-Credential") return f.value;
  }
  return std::nullopt;
}

}  // namespace

std::optional<Credential> parse_credential(std::string_view credential) {
  auto parts = split(credential, '/');
  if (parts.size() != 5 || parts[0].empty() || parts[2].empty()) return std::nullopt;
  return Credential{std::string(parts[0]), std::string(parts[2])};
}

std::optional<std::string> scope_service(const http::HttpRequest& request) {
  std::optional<std::string> credential;
  if (auto auth = request.headers.find("Authorization")) {
    if (auto c = credential_of_authorization(*auth)) credential = std::string(*c);
  }
  if (!credential) credential = credential_of_query(request.target);
  if (!credential) return std::nullopt;
  auto parts = split(*credential, '/');
  if (parts.size() != 5 || parts[3].empty()) return std::nullopt;
  return std::string(parts[3]);
}

std::optional<std::string> region_in_host(const http::HttpRequest& request,
                                          const std::function<bool(std::string_view)>& is_region) {
  auto host = request.headers.find("Host");
  if (!host) return std::nullopt;
  std::string_view name = host->substr(0, host->find(':'));
  for (std::string_view label : split(name, '.')) {
    if (is_region(label)) return std::string(label);
  }
  return std::nullopt;
}

CallerIdentity identify(const http::HttpRequest& request,
                        const std::function<bool(std::string_view)>& is_region) {
  CallerIdentity id;
  std::optional<Credential> credential;
  if (auto auth = request.headers.find("Authorization")) {
    if (auto c = credential_of_authorization(*auth)) credential = parse_credential(*c);
  }
  if (!credential) {
    if (auto c = credential_of_query(request.target)) credential = parse_credential(*c);
  }
  if (credential) {
    id.access_key = credential->access_key;
    id.caller.region = sim::RegionName{credential->region};
  } else if (auto region = region_in_host(request, is_region)) {
    id.caller.region = sim::RegionName{*region};
  }
  if (sim::is_account_id(id.access_key)) {
    id.caller.account = sim::AccountId{id.access_key};
  }
  return id;
}

}  // namespace amisim::gateway
