#include "api/account/account.hpp"

#include <algorithm>
#include <array>

#include "sim/core/errors.hpp"
#include "sim/regions/opt_in.hpp"

namespace amisim::account {
namespace {

using protocol::WireError;
using protocol::WireResult;

struct Operation {
  std::string_view path;
  std::string_view name;
  bool mutates;
};

constexpr std::array<Operation, 4> kOperations{{
    {"/enableRegion", "EnableRegion", true},
    {"/disableRegion", "DisableRegion", true},
    {"/getRegionOptStatus", "GetRegionOptStatus", false},
    {"/listRegions", "ListRegions", false},
}};

// The Account API's other operations (botocore account 2021-02-01): real, but not modelled.
constexpr std::array<std::string_view, 11> kOtherPaths{
    "/acceptPrimaryEmailUpdate", "/deleteAlternateContact", "/getAccountInformation",
    "/getAlternateContact",      "/getContactInformation",  "/getGovCloudAccountInformation",
    "/getPrimaryEmail",          "/putAccountName",         "/putAlternateContact",
    "/putContactInformation",    "/startPrimaryEmailUpdate"};

std::string_view path_of(const http::HttpRequest& request) {
  return std::string_view(request.target).substr(0, request.target.find('?'));
}

const Operation* by_path(std::string_view path) {
  for (const auto& op : kOperations) {
    if (op.path == path) return &op;
  }
  return nullptr;
}

// The service of the SigV4 scope "AKID/DATE/REGION/SERVICE/aws4_request" in the Authorization
// header, or "" when there is none.
std::string_view scope_service(const http::HttpRequest& request) {
  auto auth = request.headers.find("Authorization");
  if (!auth) return {};
  std::string_view rest = *auth;
  std::size_t at = rest.find("Credential=");
  if (at == std::string_view::npos) return {};
  rest = rest.substr(at + 11);
  rest = rest.substr(0, rest.find_first_of(", "));
  for (int i = 0; i < 3; ++i) {
    std::size_t slash = rest.find('/');
    if (slash == std::string_view::npos) return {};
    rest = rest.substr(slash + 1);
  }
  return rest.substr(0, rest.find('/'));
}

}  // namespace

bool is_account_request(const http::HttpRequest& request) {
  std::string_view service = scope_service(request);
  if (!service.empty()) return service == "account";
  return request.method == "POST" && by_path(path_of(request)) != nullptr;
}

AccountCall parse_request(const http::HttpRequest& request) {
  AccountCall call;
  std::string_view path = path_of(request);
  const Operation* op = request.method == "POST" ? by_path(path) : nullptr;
  if (op == nullptr) {
    bool known = std::find(kOtherPaths.begin(), kOtherPaths.end(), path) != kOtherPaths.end();
    // A real operation amisim does not model [?]; any other path is API Gateway's answer to a
    // resource it does not have (403 "Missing Authentication Token").
    call.error = known ? WireError{"UnknownOperationException",
                                   "amisim models only the Account API's Region operations: "
                                   "EnableRegion, DisableRegion, GetRegionOptStatus, ListRegions",
                                   400}
                       : WireError{"MissingAuthenticationTokenException",
                                   "Missing Authentication Token", 403};
    return call;
  }
  call.operation = std::string(op->name);
  if (request.body.empty()) return call;
  call.input = Json::parse(request.body, nullptr, false);
  if (call.input.is_discarded() || !call.input.is_object()) {
    call.error = protocol::wire_errors::serialization_exception();
  }
  return call;
}

bool mutates(std::string_view operation) {
  for (const auto& op : kOperations) {
    if (op.name == operation) return op.mutates;
  }
  return false;
}

http::HttpResponse write_response(const WireResult<Json>& result, const std::string& request_id) {
  http::HttpResponse r;
  r.headers.add("Content-Type", "application/json");
  r.headers.add("x-amzn-RequestId", request_id);
  if (result.ok()) {
    r.status = 200;
    if (!result.value().empty()) r.body = result.value().dump();
    return r;
  }
  const WireError& e = result.error();
  r.status = e.http_status;
  r.headers.add("x-amzn-ErrorType", e.code);
  r.body = Json{{"message", e.message}}.dump();
  return r;
}

}  // namespace amisim::account
