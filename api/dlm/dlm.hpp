// Amazon Data Lifecycle Manager's dlm API over its restJson1 protocol (botocore dlm 2018-01-12:
// protocol rest-json, signing name "dlm"): CreateLifecyclePolicy POST /policies,
// GetLifecyclePolicies GET /policies?policyIds=&state=&resourceTypes=&targetTags=&tagsToAdd=
// &defaultPolicyType=, GetLifecyclePolicy GET /policies/{policyId}, UpdateLifecyclePolicy PATCH
// /policies/{policyId}, DeleteLifecyclePolicy DELETE /policies/{policyId}, TagResource POST
// /tags/{resourceArn}, UntagResource DELETE /tags/{resourceArn}?tagKeys=..., ListTagsForResource
// GET /tags/{resourceArn}. Every success is 200 with a JSON body (the model gives no other
// responseCode); an error is its status with an x-amzn-ErrorType header and the error shape's
// members {"Message", "Code"} (botocore and the JS SDK read either "message" or "Message").
// Shapes are checked here (api/dlm/shapes.hpp, policy_json.hpp); the policies' rules are the
// model's (sim/dlm/dlm.hpp).
//
// The gateway (api/gateway/route.hpp) routes here a request whose SigV4 scope names the service
// "dlm", or whose Host's first label is "dlm". The caller is the account of the access key in the
// signing Region. The changing operations are journaled (gateway/journal.hpp).
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "api/http/request.hpp"
#include "api/protocol/wire_error.hpp"
#include "sim/state/world.hpp"

namespace amisim::dlm {

using Json = nlohmann::json;

// One call as the HTTP request states it: the operation its method and path name and its input
// (the JSON body with the path's and query's members added under their SDK names: PolicyId,
// ResourceArn, TagKeys, PolicyIds, State, ResourceTypes, TargetTags, TagsToAdd,
// DefaultPolicyType), or the error a malformed one gets.
struct DlmCall {
  std::string operation;
  Json input = Json::object();
  std::optional<protocol::WireError> error;
};
DlmCall parse_request(const http::HttpRequest& request);

// Whether the operation changes the world (Create, Update, Delete, TagResource, UntagResource).
bool mutates(std::string_view operation);
// Whether `operation` is one of the eight.
bool is_operation(std::string_view operation);

// Runs one operation for `caller` with SDK-shaped input (the in-process door, and what the HTTP
// route calls). Never throws.
protocol::WireResult<Json> call(sim::World& world, const sim::Caller& caller,
                                std::string_view operation, const Json& input);

// The restJson1 reply to a call's result.
http::HttpResponse write_response(std::string_view operation,
                                  const protocol::WireResult<Json>& result,
                                  const std::string& request_id);

}  // namespace amisim::dlm
