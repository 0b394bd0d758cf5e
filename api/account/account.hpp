// The AWS Account API's Region operations over its restJson1 protocol (botocore account
// 2021-02-01: protocol rest-json, signing name "account"): POST /enableRegion, /disableRegion,
// /getRegionOptStatus, /listRegions with a JSON body; replies are JSON (EnableRegion and
// DisableRegion an empty 200), errors a status with an x-amzn-ErrorType header and
// {"message": "..."}. The rules are the model's (sim/regions/opt_in.hpp).
//
// The gateway routes here a request whose SigV4 scope names the service "account", or an
// unsigned POST to one of the four paths. The caller is the account of the access key (as for
// EC2); the signing Region does not matter (the Account API has one endpoint). EnableRegion and
// DisableRegion change the world and are journaled (gateway/journal.hpp); the others only read.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "api/http/request.hpp"
#include "api/protocol/wire_error.hpp"
#include "sim/state/world.hpp"

namespace amisim::account {

using Json = nlohmann::json;

// Whether `request` is an Account API call (above).
bool is_account_request(const http::HttpRequest& request);

// One call as the HTTP request states it: the operation its path names and its JSON body, or the
// error a malformed one gets (an unknown path, a body that is not a JSON object).
struct AccountCall {
  std::string operation;
  Json input = Json::object();
  std::optional<protocol::WireError> error;
};
AccountCall parse_request(const http::HttpRequest& request);

// Whether the operation changes the world (EnableRegion, DisableRegion).
bool mutates(std::string_view operation);

// Runs one operation for `caller` (the in-process door, and what the HTTP route calls).
// ValidationException (400) for bad input or a transition the Region's status does not allow,
// ConflictException (409) for EnableRegion while DISABLING, AccessDeniedException (403) for an
// AccountId other than the caller's. Never throws.
protocol::WireResult<Json> call(sim::World& world, const sim::Caller& caller,
                                std::string_view operation, const Json& input);

// The restJson1 reply to a call's result.
http::HttpResponse write_response(const protocol::WireResult<Json>& result,
                                  const std::string& request_id);

}  // namespace amisim::account
