#include "api/ce/ce.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "api/ce/cost_and_usage.hpp"
#include "api/protocol/aws_json.hpp"

namespace amisim::ce {
namespace {

using Json = nlohmann::json;

using protocol::aws_json_error;
using protocol::aws_json_reply;

}  // namespace

bool is_ce_request(const http::HttpRequest& request) {
  return protocol::has_target_prefix(request, kTargetPrefix);
}

http::HttpResponse handle_ce(const sim::World& world, const sim::Caller& caller,
                             const http::HttpRequest& request, const std::string& request_id) {
  const std::string_view operation = protocol::target_operation(request, kTargetPrefix);
  // Every other Cost Explorer operation.
  if (operation != "GetCostAndUsage")
    return aws_json_error(protocol::wire_errors::unknown_operation(), request_id);
  Json input = request.body.empty() ? Json::object() : Json::parse(request.body, nullptr, false);
  if (input.is_discarded() || !input.is_object())
    return aws_json_error(protocol::wire_errors::serialization_exception(), request_id);
  auto out = get_cost_and_usage(world, caller.account, input);
  if (!out.ok()) return aws_json_error(out.error(), request_id);
  return aws_json_reply(200, out.value(), request_id);
}

}  // namespace amisim::ce
