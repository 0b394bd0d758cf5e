#include "api/ssm/ssm.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>
#include <vector>

#include "api/protocol/aws_json.hpp"
#include "sim/images/ssm.hpp"
#include "sim/regions/opt_in.hpp"

namespace amisim::ssm {
namespace {

using Json = nlohmann::json;

// GetParameters takes 1 to 10 names (botocore ssm ParameterNameList: min 1, max 10).
constexpr std::size_t kMaxNames = 10;

http::HttpResponse json_reply(int status, const Json& body, const std::string& request_id) {
  return protocol::aws_json_reply(status, body, request_id);
}

// Every SSM error here is a 400; no "message" when AWS sends none (ParameterNotFound, see
// sim/core/errors_images.cpp).
http::HttpResponse error_reply(const protocol::WireError& error, const std::string& request_id) {
  return protocol::aws_json_error(error, request_id);
}

// The Parameter structure (botocore ssm shape Parameter). LastModifiedDate is a JSON number of
// epoch seconds, as awsJson writes timestamps.
Json parameter_json(const sim::PublicParameter& p) {
  Json out = {{"Name", p.name},
              {"Type", "String"},
              {"Value", p.value},
              {"Version", p.version},
              {"LastModifiedDate", static_cast<double>(p.last_modified) / 1000.0},
              {"ARN", fmt::format("arn:aws:ssm:{}::parameter{}", p.region.str(), p.name)},
              {"DataType", "aws:ec2:image"}};
  if (!p.selector.empty()) out["Selector"] = p.selector;
  return out;
}

http::HttpResponse get_parameter(const sim::World& world, const sim::Caller& caller,
                                 const Json& input, const std::string& request_id) {
  auto name = input.find("Name");
  if (name == input.end() || !name->is_string())
    return error_reply(protocol::wire_errors::ssm_name_null(), request_id);
  auto parameter = sim::find_public_parameter(world, caller, name->get<std::string>());
  if (!parameter) return error_reply(protocol::to_wire(parameter.error()), request_id);
  return json_reply(200, {{"Parameter", parameter_json(*parameter)}}, request_id);
}

// Found parameters sorted by name (the SSM model: "listed in alphabetical order"); names not
// found, or at a version that does not exist, in InvalidParameters in request order [?].
http::HttpResponse get_parameters(const sim::World& world, const sim::Caller& caller,
                                  const Json& input, const std::string& request_id) {
  auto names = input.find("Names");
  if (names == input.end() || !names->is_array())
    return error_reply(protocol::wire_errors::ssm_names_null(), request_id);
  if (names->empty() || names->size() > kMaxNames)
    return error_reply(protocol::wire_errors::ssm_names_count(kMaxNames), request_id);
  std::vector<sim::PublicParameter> found;
  Json invalid = Json::array();
  std::set<std::string> seen;  // a name asked twice is answered once [?]
  for (const auto& n : *names) {
    if (!n.is_string())
      return error_reply(protocol::wire_errors::ssm_name_not_string(), request_id);
    const std::string name = n.get<std::string>();
    if (!seen.insert(name).second) continue;
    auto parameter = sim::find_public_parameter(world, caller, name);
    if (parameter) {
      found.push_back(std::move(*parameter));
    } else {
      invalid.push_back(name);
    }
  }
  std::sort(found.begin(), found.end(),
            [](const auto& a, const auto& b) { return a.name < b.name; });
  Json out = {{"Parameters", Json::array()}, {"InvalidParameters", invalid}};
  for (const auto& p : found) out["Parameters"].push_back(parameter_json(p));
  return json_reply(200, out, request_id);
}

}  // namespace

bool is_ssm_request(const http::HttpRequest& request) {
  return protocol::has_target_prefix(request, kTargetPrefix);
}

http::HttpResponse handle_ssm(const sim::World& world, const sim::Caller& caller,
                              const http::HttpRequest& request, const std::string& request_id) {
  const std::string_view operation = protocol::target_operation(request, kTargetPrefix);
  if (operation != "GetParameter" && operation != "GetParameters")
    return error_reply(protocol::wire_errors::unknown_operation(), request_id);
  if (world.region(caller.region) == nullptr)
    return error_reply(protocol::wire_errors::unrecognized_client(caller.region.str()), request_id);
  // An opt-in Region the account has not enabled (sim/regions/opt_in.hpp).
  if (!sim::region_enabled(world, caller.account, caller.region))
    return error_reply(protocol::wire_errors::region_not_enabled_json(), request_id);
  Json input = request.body.empty() ? Json::object() : Json::parse(request.body, nullptr, false);
  if (input.is_discarded() || !input.is_object())
    return error_reply(protocol::wire_errors::serialization_exception(), request_id);
  return operation == "GetParameter" ? get_parameter(world, caller, input, request_id)
                                     : get_parameters(world, caller, input, request_id);
}

}  // namespace amisim::ssm
