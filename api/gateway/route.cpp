#include "api/gateway/route.hpp"

#include <fmt/format.h>

#include "api/account/account.hpp"
#include "api/ce/ce.hpp"
#include "api/s3/rest.hpp"
#include "api/ssm/ssm.hpp"

namespace amisim::gateway {
namespace {

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

std::string_view path_of(const http::HttpRequest& request) {
  return std::string_view(request.target).substr(0, request.target.find('?'));
}

bool is_control_path(std::string_view path) {
  return starts_with(path, "/_amisim/") || path == "/_amisim" || starts_with(path, "/moto-api/") ||
         starts_with(path, "/_localstack/");
}

// The SigV4 scope's service, else the Host's first label (unsigned calls), else nothing.
std::optional<std::string> service_of(const http::HttpRequest& request) {
  std::optional<std::string> service = scope_service(request);
  if (!service) {
    auto host = request.headers.find("Host");
    if (!host) return std::nullopt;
    service = std::string(host->substr(0, host->find('.')));
  }
  return service;
}

// STS or IAM by the request's service.
std::optional<Route> query_service_of(const http::HttpRequest& request) {
  std::optional<std::string> service = service_of(request);
  if (service == "sts") return Route::kSts;
  if (service == "iam") return Route::kIam;
  return std::nullopt;
}

Route route_of(const http::HttpRequest& request) {
  if (is_control_path(path_of(request))) return Route::kControl;
  if (account::is_account_request(request)) return Route::kAccount;
  if (service_of(request) == "rbin") return Route::kRbin;
  if (service_of(request) == "dlm") return Route::kDlm;
  if (ssm::is_ssm_request(request)) return Route::kSsm;
  if (ce::is_ce_request(request)) return Route::kCostExplorer;
  if (auto query_service = query_service_of(request)) return *query_service;
  if (s3::is_s3_request(request)) return Route::kS3;
  return Route::kEc2;
}

}  // namespace

Classified classify(const http::HttpRequest& request,
                    const std::function<bool(std::string_view)>& is_region) {
  Classified out;
  out.route = route_of(request);
  if (out.route != Route::kControl) out.identity = identify(request, is_region);
  return out;
}

std::string log_line(const http::HttpRequest& request, const Classified& classified,
                     const Answer& answer) {
  const sim::Caller& who = classified.identity.caller;
  std::string_view action = answer.action;
  if (action.empty()) action = "-";
  std::string what;
  switch (classified.route) {
    case Route::kControl:
      what = fmt::format("{} {}", request.method, path_of(request));
      break;
    case Route::kSsm:
      what = fmt::format("ssm {} {} {}", who.region.str(), who.account.str(), answer.request_id);
      break;
    case Route::kCostExplorer:
      what = fmt::format("ce {} {}", who.account.str(), answer.request_id);
      break;
    case Route::kAccount:
      what = fmt::format("account {} {} {}", action, who.account.str(), answer.request_id);
      break;
    case Route::kRbin:
    case Route::kDlm:
      what = fmt::format("{} {} {} {} {}", classified.route == Route::kRbin ? "rbin" : "dlm",
                         action, who.region.str(), who.account.str(), answer.request_id);
      break;
    case Route::kS3:
      what = fmt::format("s3 {} {} {} {}", action, who.region.str(), who.account.str(),
                         answer.request_id);
      break;
    case Route::kEc2:
      what = fmt::format("{} {} {} {}", action, who.region.str(), who.account.str(),
                         answer.request_id);
      break;
    case Route::kSts:
    case Route::kIam:
      what = fmt::format("{} {} {}", classified.route == Route::kSts ? "sts" : "iam",
                         who.account.str(), answer.request_id);
      break;
  }
  return fmt::format("{} {} -> {}{}", request.remote, what, answer.response.status,
                     answer.error_code ? " " + *answer.error_code : std::string());
}

}  // namespace amisim::gateway
