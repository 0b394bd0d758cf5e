// The Recycle Bin's rbin API over its restJson1 protocol (botocore rbin 2021-06-15: protocol
// rest-json, signing name "rbin"): CreateRule POST /rules, GetRule GET /rules/{id}, UpdateRule
// PATCH /rules/{id}, DeleteRule DELETE /rules/{id}, LockRule PATCH /rules/{id}/lock, UnlockRule
// PATCH /rules/{id}/unlock, ListRules POST /list-rules, TagResource POST /tags/{arn},
// UntagResource DELETE /tags/{arn}?tagKeys=..., ListTagsForResource GET /tags/{arn}. Replies are
// JSON (201 for CreateRule and TagResource, 204 for DeleteRule and UntagResource); errors a
// status with an x-amzn-ErrorType header and {"message", "Reason"}. The rules are the model's
// (sim/rbin/rbin.hpp).
//
// The gateway (api/gateway/route.hpp) routes here a request whose SigV4 scope names the service
// "rbin", or whose Host's first label is "rbin" (an unsigned call to rbin.<region>.amazonaws.com).
// The caller is the account of the access key in the signing Region, as for EC2. The changing
// operations are journaled (gateway/journal.hpp).
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "api/http/request.hpp"
#include "api/protocol/wire_error.hpp"
#include "sim/state/world.hpp"

namespace amisim::rbin {

using Json = nlohmann::json;

// One call as the HTTP request states it: the operation its method and path name and its input
// (the JSON body with the path's and query's members added: Identifier, ResourceArn, TagKeys), or
// the error a malformed one gets.
struct RbinCall {
  std::string operation;
  Json input = Json::object();
  std::optional<protocol::WireError> error;
};
RbinCall parse_request(const http::HttpRequest& request);

// Whether the operation changes the world (all but GetRule, ListRules, ListTagsForResource).
bool mutates(std::string_view operation);
// Whether `operation` is one of the ten.
bool is_operation(std::string_view operation);

// Runs one operation for `caller` (the in-process door, and what the HTTP route calls). Never
// throws.
protocol::WireResult<Json> call(sim::World& world, const sim::Caller& caller,
                                std::string_view operation, const Json& input);

// The restJson1 reply to a call's result.
http::HttpResponse write_response(std::string_view operation,
                                  const protocol::WireResult<Json>& result,
                                  const std::string& request_id);

}  // namespace amisim::rbin
