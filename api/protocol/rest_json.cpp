#include "api/protocol/rest_json.hpp"

#include "sim/regions/opt_in.hpp"

namespace amisim::protocol {

std::optional<WireError> admit_call(sim::World& world, const sim::Caller& caller,
                                    const nlohmann::json& input) {
  if (world.region(caller.region) == nullptr)
    return wire_errors::unknown_region(caller.region.str());
  if (!sim::is_account_id(caller.account.str())) return wire_errors::auth_failure();
  world.ensure_account(caller.account);
  if (!sim::region_enabled(world, caller.account, caller.region))
    return wire_errors::auth_failure();
  if (!input.is_null() && !input.is_object()) return wire_errors::serialization_exception();
  return std::nullopt;
}

std::optional<WireError> merge_json_body(std::string_view body, nlohmann::json& input) {
  if (body.empty()) return std::nullopt;
  auto parsed = nlohmann::json::parse(body, nullptr, false);
  if (parsed.is_discarded() || !parsed.is_object()) return wire_errors::serialization_exception();
  for (auto& [key, value] : parsed.items()) {
    if (!input.contains(key)) input[key] = std::move(value);
  }
  return std::nullopt;
}

}  // namespace amisim::protocol
