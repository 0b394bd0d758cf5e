// Who is calling, from an HTTP request (DESIGN.md "One request, end to end", step 3;
// aws-facts.md §1.6):
//   Region:  the SigV4 credential scope (Authorization header "Credential=AKID/date/REGION/ec2/
//            aws4_request", or a presigned X-Amz-Credential query parameter), else a Region name
//            among the Host's dot-separated labels ("ec2.eu-west-1.amazonaws.com"), else
//            us-east-1. Clients given one custom --endpoint-url still put their configured Region
//            into the scope, so the scope wins.
//   Account: the access key ID when it is 12 digits, else 123456789012.
// Signatures are not verified here: by default amisim accepts any credentials, as local emulators
// do. `amisim serve --auth sigv4` verifies them (api/auth/verify.hpp) and then the account is the
// one the credentials file gives the access key (gateway.cpp replaces the one found here).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "api/http/request.hpp"
#include "sim/state/world.hpp"

namespace amisim::gateway {

struct CallerIdentity {
  sim::Caller caller;
  std::string access_key;  // as sent ("" when unsigned)
};

// The Region and access key of a SigV4 credential "AKID/20260101/eu-west-1/ec2/aws4_request"
// (nullopt when it does not have that form).
struct Credential {
  std::string access_key;
  std::string region;
};
std::optional<Credential> parse_credential(std::string_view credential);

// The service of the request's SigV4 credential scope (".../eu-west-1/sts/aws4_request" -> "sts"),
// from the Authorization header or a presigned X-Amz-Credential; nullopt when unsigned.
std::optional<std::string> scope_service(const http::HttpRequest& request);

// The first of the Host's dot-separated labels that `is_region` accepts ("ec2.eu-west-1.
// amazonaws.com" -> "eu-west-1"); nullopt when none is.
std::optional<std::string> region_in_host(const http::HttpRequest& request,
                                          const std::function<bool(std::string_view)>& is_region);

// `is_region` says which names are Regions (for the Host rule); the SigV4 scope is taken as
// given, so an unknown Region there reaches ec2::call, which refuses it.
CallerIdentity identify(const http::HttpRequest& request,
                        const std::function<bool(std::string_view)>& is_region);

}  // namespace amisim::gateway
