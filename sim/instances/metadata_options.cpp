// Instance metadata options and detailed monitoring (sim/instances/metadata_options.hpp).
#include "sim/instances/metadata_options.hpp"

#include "sim/instances/detail.hpp"

namespace amisim::sim {
namespace {

constexpr std::int64_t kMinHopLimit = 1;
constexpr std::int64_t kMaxHopLimit = 64;  // API reference: "Integers from 1 to 64"

bool one_of(const std::string& value, std::string_view a, std::string_view b) {
  return value == a || value == b;
}

Status check_text(const std::optional<std::string>& value, std::string_view parameter,
                  std::string_view a, std::string_view b) {
  if (value && !one_of(*value, a, b)) return errors::metadata_option_invalid(parameter, *value);
  return ok_status();
}

Status check_hop_limit(std::int64_t value) {
  if (value < kMinHopLimit || value > kMaxHopLimit) return errors::hop_limit_invalid(value);
  return ok_status();
}

// A default's text: its values or "no-preference".
Status check_default_text(const std::optional<std::string>& value, std::string_view parameter,
                          std::string_view a, std::string_view b) {
  if (value && *value != "no-preference" && !one_of(*value, a, b))
    return errors::metadata_option_invalid(parameter, *value);
  return ok_status();
}

// `change`'s member over `current`'s: "no-preference" clears it.
void set_default(std::optional<std::string>& current, const std::optional<std::string>& change) {
  if (!change) return;
  if (*change == "no-preference")
    current.reset();
  else
    current = change;
}

bool enforced(const InstanceMetadataDefaults& account) {
  return account.http_tokens_enforced == "enabled";
}

const InstanceMetadataDefaults kNoDefaults{};

}  // namespace

std::string_view metadata_options_state(const Instance& instance) {
  // Applied once the instance has run since the options were last set while it was not running.
  if (instance.running_periods.empty()) return "pending";
  const auto& changed = instance.metadata_options.changed_while_stopped;
  if (changed && instance.running_periods.back().start < *changed) return "pending";
  return "applied";
}

Status check_metadata_request(const MetadataOptionsRequest& r) {
  if (auto s = check_text(r.http_tokens, "HttpTokens", "optional", "required"); !s) return s;
  if (r.hop_limit) {
    if (auto s = check_hop_limit(*r.hop_limit); !s) return s;
  }
  if (auto s = check_text(r.http_endpoint, "HttpEndpoint", "enabled", "disabled"); !s) return s;
  if (auto s = check_text(r.http_protocol_ipv6, "HttpProtocolIpv6", "enabled", "disabled"); !s)
    return s;
  return check_text(r.instance_metadata_tags, "InstanceMetadataTags", "enabled", "disabled");
}

InstanceMetadataOptions launch_metadata_options(const MetadataOptionsRequest& given,
                                                const InstanceMetadataDefaults& account,
                                                std::string_view image_imds_support) {
  const bool ami_v2 = image_imds_support == "v2.0";
  InstanceMetadataOptions out;
  const std::optional<std::string>& tokens =
      given.http_tokens ? given.http_tokens : account.http_tokens;
  out.tokens_required = tokens ? *tokens == "required" : ami_v2;
  const std::optional<std::int64_t> hops = given.hop_limit ? given.hop_limit : account.hop_limit;
  out.hop_limit = static_cast<std::uint8_t>(hops ? *hops : (ami_v2 ? 2 : 1));
  const std::optional<std::string>& endpoint =
      given.http_endpoint ? given.http_endpoint : account.http_endpoint;
  out.endpoint_enabled = endpoint.value_or("enabled") == "enabled";
  out.ipv6_endpoint = given.http_protocol_ipv6.value_or("disabled") == "enabled";
  const std::optional<std::string>& tags =
      given.instance_metadata_tags ? given.instance_metadata_tags : account.instance_metadata_tags;
  out.tags_enabled = tags.value_or("disabled") == "enabled";
  return out;
}

Status check_tokens_enforced(const InstanceMetadataOptions& options,
                             const InstanceMetadataDefaults& account) {
  if (enforced(account) && !options.tokens_required) return errors::imdsv1_enforced();
  return ok_status();
}

const InstanceMetadataDefaults& instance_metadata_defaults(const World& world,
                                                           const Caller& caller) {
  const RegionState& region = world.region_of(caller);
  auto it = region.accounts.find(caller.account);
  return it == region.accounts.end() ? kNoDefaults : it->second.metadata_defaults;
}

Result<const Instance*> modify_instance_metadata_options(World& world, const Caller& caller,
                                                         const std::string& instance_id,
                                                         const MetadataOptionsRequest& request,
                                                         bool dry_run) {
  auto found = detail::find_instances(world, caller, {instance_id});
  if (!found) return found.error();
  Instance& instance = *found->front();
  if (request.empty()) return errors::no_metadata_options();
  if (auto s = check_metadata_request(request); !s) return s.error();
  if (instance.state == InstanceState::kShuttingDown ||
      instance.state == InstanceState::kTerminated)
    return errors::metadata_incorrect_state(instance.id.str(), to_string(instance.state));
  InstanceMetadataOptions after = instance.metadata_options;
  if (request.http_tokens) after.tokens_required = *request.http_tokens == "required";
  if (request.hop_limit) after.hop_limit = static_cast<std::uint8_t>(*request.hop_limit);
  if (request.http_endpoint) after.endpoint_enabled = *request.http_endpoint == "enabled";
  if (request.http_protocol_ipv6) after.ipv6_endpoint = *request.http_protocol_ipv6 == "enabled";
  if (request.instance_metadata_tags)
    after.tags_enabled = *request.instance_metadata_tags == "enabled";
  // Enforcement "blocks enabling IMDSv1 on existing instances that currently have IMDSv1
  // disabled" (UG); an instance that already allows IMDSv1 may still change its other options.
  if (instance.metadata_options.tokens_required && !after.tokens_required) {
    if (auto s = check_tokens_enforced(after, instance_metadata_defaults(world, caller)); !s)
      return s.error();
  }
  if (dry_run) return errors::dry_run();
  if (instance.state != InstanceState::kRunning) after.changed_while_stopped = world.now();
  instance.metadata_options = after;
  return &instance;
}

Status modify_instance_metadata_defaults(World& world, const Caller& caller,
                                         const InstanceMetadataDefaults& change, bool dry_run) {
  if (auto s = check_default_text(change.http_tokens, "HttpTokens", "optional", "required"); !s)
    return s;
  if (change.hop_limit && *change.hop_limit != -1) {
    if (auto s = check_hop_limit(*change.hop_limit); !s) return s;
  }
  if (auto s = check_default_text(change.http_endpoint, "HttpEndpoint", "enabled", "disabled"); !s)
    return s;
  if (auto s = check_default_text(change.instance_metadata_tags, "InstanceMetadataTags", "enabled",
                                  "disabled");
      !s)
    return s;
  if (auto s = check_default_text(change.http_tokens_enforced, "HttpTokensEnforced", "enabled",
                                  "disabled");
      !s)
    return s;
  if (dry_run) return errors::dry_run();
  InstanceMetadataDefaults& d = world.region_of(caller).accounts[caller.account].metadata_defaults;
  set_default(d.http_tokens, change.http_tokens);
  if (change.hop_limit) {
    if (*change.hop_limit == -1)
      d.hop_limit.reset();
    else
      d.hop_limit = change.hop_limit;
  }
  set_default(d.http_endpoint, change.http_endpoint);
  set_default(d.instance_metadata_tags, change.instance_metadata_tags);
  set_default(d.http_tokens_enforced, change.http_tokens_enforced);
  return ok_status();
}

Result<std::vector<const Instance*>> set_detailed_monitoring(World& world, const Caller& caller,
                                                             const std::vector<std::string>& ids,
                                                             bool enabled, bool dry_run) {
  auto found = detail::find_instances(world, caller, ids);
  if (!found) return found.error();
  if (dry_run) return errors::dry_run();
  std::vector<const Instance*> out;
  for (Instance* instance : *found) {
    instance->detailed_monitoring = enabled;
    out.push_back(instance);
  }
  return out;
}

}  // namespace amisim::sim
