// Handlers for instance metadata options and detailed monitoring
// (sim/instances/metadata_options.hpp): ModifyInstanceMetadataOptions,
// GetInstanceMetadataDefaults, ModifyInstanceMetadataDefaults, MonitorInstances,
// UnmonitorInstances.
#include "sim/instances/metadata_options.hpp"

#include <string>
#include <vector>

#include "api/ec2/input.hpp"
#include "api/ec2/instance_json.hpp"

namespace amisim::ec2 {
namespace {

// The reply answers "pending" whatever it replaces: API reference, "When you modify the parameters
// on a running instance, the API responds with a state of pending".
Json modify_instance_metadata_options(sim::World& world, const sim::Caller& caller,
                                      const Json& in) {
  const std::string id = required_string(in, "InstanceId");
  const sim::Instance* instance = unwrap(sim::modify_instance_metadata_options(
      world, caller, id, metadata_options_request(in), dry_run(in)));
  Json options = metadata_options_json(*instance);
  options["State"] = "pending";
  return {{"InstanceId", instance->id.str()}, {"InstanceMetadataOptions", std::move(options)}};
}

// AccountLevel holds the defaults that are set; ManagedBy is "account" (amisim has no declarative
// policies), as in the UG's example output.
Json get_instance_metadata_defaults(sim::World& world, const sim::Caller& caller, const Json&) {
  const sim::InstanceMetadataDefaults& d = sim::instance_metadata_defaults(world, caller);
  Json level = Json::object();
  if (d.http_tokens) level["HttpTokens"] = *d.http_tokens;
  if (d.hop_limit) level["HttpPutResponseHopLimit"] = *d.hop_limit;
  if (d.http_endpoint) level["HttpEndpoint"] = *d.http_endpoint;
  if (d.instance_metadata_tags) level["InstanceMetadataTags"] = *d.instance_metadata_tags;
  if (d.http_tokens_enforced) level["HttpTokensEnforced"] = *d.http_tokens_enforced;
  level["ManagedBy"] = "account";
  return {{"AccountLevel", std::move(level)}};
}

Json modify_instance_metadata_defaults(sim::World& world, const sim::Caller& caller,
                                       const Json& in) {
  sim::InstanceMetadataDefaults change;
  change.http_tokens = opt_string(in, "HttpTokens");
  change.hop_limit = opt_int(in, "HttpPutResponseHopLimit");
  change.http_endpoint = opt_string(in, "HttpEndpoint");
  change.instance_metadata_tags = opt_string(in, "InstanceMetadataTags");
  change.http_tokens_enforced = opt_string(in, "HttpTokensEnforced");
  unwrap(sim::modify_instance_metadata_defaults(world, caller, change, dry_run(in)));
  return {{"Return", true}};
}

Json monitorings_json(const std::vector<const sim::Instance*>& instances, const char* state) {
  Json out = Json::array();
  for (const sim::Instance* i : instances)
    out.push_back({{"InstanceId", i->id.str()}, {"Monitoring", {{"State", state}}}});
  return out;
}

Json monitor_instances(sim::World& world, const sim::Caller& caller, const Json& in) {
  auto instances = unwrap(
      sim::set_detailed_monitoring(world, caller, strings(in, "InstanceIds"), true, dry_run(in)));
  return {{"InstanceMonitorings", monitorings_json(instances, "pending")}};
}

Json unmonitor_instances(sim::World& world, const sim::Caller& caller, const Json& in) {
  auto instances = unwrap(
      sim::set_detailed_monitoring(world, caller, strings(in, "InstanceIds"), false, dry_run(in)));
  return {{"InstanceMonitorings", monitorings_json(instances, "disabling")}};
}

constexpr HandlerEntry kMetadataOptionsHandlers[] = {
    {"GetInstanceMetadataDefaults", get_instance_metadata_defaults, false},
    {"ModifyInstanceMetadataDefaults", modify_instance_metadata_defaults, true},
    {"ModifyInstanceMetadataOptions", modify_instance_metadata_options, true},
    {"MonitorInstances", monitor_instances, true},
    {"UnmonitorInstances", unmonitor_instances, true},
};

}  // namespace

std::span<const HandlerEntry> metadata_options_handlers() { return kMetadataOptionsHandlers; }

}  // namespace amisim::ec2
