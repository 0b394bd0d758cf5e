#include "api/ec2/dispatch.hpp"

#include <algorithm>
#include <exception>
#include <map>
#include <string>

#include "api/ec2/input.hpp"
#include "api/protocol/service_model.hpp"
#include "sim/network/network.hpp"
#include "sim/regions/opt_in.hpp"

namespace amisim::ec2 {
namespace {

using Table = std::map<std::string_view, const HandlerEntry*>;

Table build_table() {
  Table table;
  for (auto group :
       {image_handlers(), instance_handlers(), volume_handlers(), snapshot_handlers(),
        key_pair_handlers(), security_group_handlers(), tag_handlers(), region_handlers(),
        launch_template_handlers(), image_task_handlers(), snapshot_tier_handlers(),
        instance_type_handlers(), network_handlers(), address_handlers(), recycle_bin_handlers(),

        // issue 17: snapshot lock and block public access
        snapshot_lock_handlers(), snapshot_block_public_access_handlers(),
        // issue 17: image references, lineage, block public access
        image_usage_handlers(),
        // issue 18: Allowed AMIs
        allowed_images_handlers(),
        // instance metadata options and detailed monitoring
        metadata_options_handlers()}) {
    for (const HandlerEntry& e : group) table.emplace(e.action, &e);
  }
  return table;
}

const Table& table() {
  static const Table t = build_table();
  return t;
}

bool in_service_model(std::string_view action) {
  static const auto model = protocol::ServiceModel::load_ec2();
  return model->operation(action) != nullptr;
}

}  // namespace

const HandlerEntry* find_handler(std::string_view action) {
  auto it = table().find(action);
  return it == table().end() ? nullptr : it->second;
}

std::vector<std::string_view> supported_actions() {
  std::vector<std::string_view> out;
  for (const auto& [name, entry] : table()) out.push_back(name);
  return out;
}

bool mutates(std::string_view action) {
  const HandlerEntry* h = find_handler(action);
  return h != nullptr && h->mutates;
}

WireResult<Json> call(sim::World& world, const sim::Caller& caller, std::string_view action,
                      const Json& input) {
  if (world.region(caller.region) == nullptr)
    return protocol::wire_errors::unknown_region(caller.region.str());
  if (!sim::is_account_id(caller.account.str())) return protocol::wire_errors::auth_failure();
  world.ensure_account(caller.account);
  // An opt-in Region the account has not enabled: real EC2 answers AuthFailure (401) "AWS was not
  // able to validate the provided access credentials" [obs] turbot/steampipe-plugin-aws#75,
  // fog/fog-aws#585, redhat-cop/agnosticd#3762 (sim/regions/opt_in.hpp).
  if (!sim::region_enabled(world, caller.account, caller.region))
    return protocol::wire_errors::auth_failure();
  // The caller's network in this Region, on its first use there (sim/network/network.hpp). The
  // gateway journals it (engine.cpp), so a replay makes it in the same order.
  sim::ensure_default_network(world, caller);
  const HandlerEntry* handler = find_handler(action);
  if (handler == nullptr) {
    if (in_service_model(action)) return protocol::wire_errors::action_not_implemented(action);
    return protocol::wire_errors::invalid_action(action);
  }
  if (!input.is_null() && !input.is_object()) {
    return protocol::wire_errors::input_not_structure(input.dump().substr(0, 64));
  }
  try {
    static const Json kEmpty = Json::object();
    const Json& args = input.is_object() ? input : kEmpty;
    const bool dry = dry_run(args);
    // A describe checks permissions only; amisim has no IAM, so it would have succeeded.
    if (dry && !handler->mutates) return protocol::to_wire(sim::errors::dry_run());
    Json out = handler->fn(world, caller, args);
    // A changing handler stops with DryRunOperation before it changes anything (handler.hpp): one
    // that answered instead ignored DryRun, a defect.
    if (dry) return protocol::wire_errors::internal_error(action, "DryRun was not honoured");
    return out;
  } catch (const ApiError& e) {
    return e.error;
  } catch (const std::exception& e) {
    return protocol::wire_errors::internal_error(action, e.what());
  }
}

}  // namespace amisim::ec2
