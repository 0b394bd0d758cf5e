#include "api/ce/ce.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "api/ce/cost_and_usage.hpp"

namespace amisim::ce {
namespace {

using Json = nlohmann::json;

http::HttpResponse json_reply(int status, const Json& body, const std::string& request_id) {
  http::HttpResponse r;
  r.status = status;
  r.headers.add("Content-Type", "application/x-amz-json-1.1");
  r.headers.add("x-amzn-RequestId", request_id);
  r.body = body.dump();
  return r;
}

// The awsJson error body: {"__type": code, "message": text}; no "message" when there is none.
http::HttpResponse error_reply(std::string_view code, std::string_view message, int status,
                               const std::string& request_id) {
  Json body = {{"__type", std::string(code)}};
  if (!message.empty()) body["message"] = std::string(message);
  return json_reply(status, body, request_id);
}

}  // namespace

bool is_ce_request(const http::HttpRequest& request) {
  auto target = request.headers.find("X-Amz-Target");
  return target && target->substr(0, kTargetPrefix.size()) == kTargetPrefix;
}

http::HttpResponse handle_ce(const sim::World& world, const sim::Caller& caller,
                             const http::HttpRequest& request, const std::string& request_id) {
  const std::string_view target = request.headers.find("X-Amz-Target").value_or("");
  const std::string_view operation = target.substr(std::min(target.size(), kTargetPrefix.size()));
  // Every other Cost Explorer operation: 400 {"__type": "UnknownOperationException"}, as an
  // awsJson1.1 service answers an operation it lacks (aws/aws-sdk-net#1536) [3p] (api/ssm too).
  if (operation != "GetCostAndUsage")
    return error_reply("UnknownOperationException", "", 400, request_id);
  Json input = request.body.empty() ? Json::object() : Json::parse(request.body, nullptr, false);
  if (input.is_discarded() || !input.is_object())
    return error_reply("SerializationException", "", 400, request_id);  // [?]
  auto out = get_cost_and_usage(world, caller.account, input);
  if (!out.ok())
    return error_reply(out.error().code, out.error().message, out.error().http_status, request_id);
  return json_reply(200, out.value(), request_id);
}

}  // namespace amisim::ce
