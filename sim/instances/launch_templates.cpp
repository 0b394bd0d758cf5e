// Launch templates: lookup, create, new versions, the default version, deletes, and the merge
// into RunInstances. Describe calls are in launch_templates_describe.cpp beside it.
#include "sim/instances/launch_templates.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "sim/core/text.hpp"
#include "sim/images/images.hpp"
#include "sim/instances/detail.hpp"
#include "sim/instances/metadata_options.hpp"

namespace amisim::sim {
namespace {

// Resource types a template's data may tag: those RunInstances accepts and the model keeps.
const std::vector<std::string> kDataTagTypes = {"instance", "volume", "network-interface"};

// A positive decimal version number, or nullopt.
std::optional<std::int64_t> parse_version_number(const std::string& text) {
  if (text.empty() || text.size() > 18) return std::nullopt;
  if (!std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return std::nullopt;
  return std::stoll(text);
}

// What a template keeps as given and gives back (checked only when an instance launches): XML
// text (sim/core/text.hpp).
Status check_data_text(const LaunchTemplateData& data) {
  const std::vector<std::pair<std::string_view, std::string>> values = {
      {"ImageId", data.image_id.value_or("")},
      {"InstanceType", data.instance_type.value_or("")},
      {"KeyName", data.key_name.value_or("")},
      {"AvailabilityZone", data.availability_zone ? data.availability_zone->str() : ""}};
  for (const auto& [parameter, value] : values) {
    if (auto s = check_text(parameter, value); !s) return s;
  }
  for (const auto& id : data.security_group_ids) {
    if (auto s = check_text("SecurityGroupId", id); !s) return s;
  }
  for (const auto& name : data.security_groups) {
    if (auto s = check_text("SecurityGroup", name); !s) return s;
  }
  return check_mappings_text(data.block_device_mappings);
}

Status check_data(const LaunchTemplateData& data) {
  if (auto s = check_data_text(data); !s) return s;
  if (data.shutdown_behavior) {
    if (auto s = detail::check_shutdown_behavior(*data.shutdown_behavior); !s) return s;
  }
  if (auto s = check_metadata_request(data.metadata_options); !s) return s;
  if (auto s = check_tag_resource_types(data.tag_specifications, kDataTagTypes); !s) return s;
  for (const auto& type : kDataTagTypes) {
    if (auto s = validate_tags(tags_for(data.tag_specifications, type)); !s) return s;
  }
  return ok_status();
}

std::size_t templates_of(const RegionState& region, const AccountId& owner) {
  return static_cast<std::size_t>(
      std::count_if(region.launch_templates.begin(), region.launch_templates.end(),
                    [&](const auto& entry) { return entry.second.owner == owner; }));
}

Status check_new_template(const World& world, const Caller& caller,
                          const CreateLaunchTemplateRequest& r) {
  if (auto s = check_launch_template_name(r.name); !s) return s;
  const RegionState& region = world.region_of(caller);
  if (region.launch_template_names.count({caller.account, r.name}))
    return errors::launch_template_name_in_use();
  if (auto s = check_version_description(r.version_description); !s) return s;
  if (auto s = check_data(r.data); !s) return s;
  if (auto s = check_tag_resource_types(r.tag_specifications, {"launch-template"}); !s) return s;
  if (auto s = validate_tags(tags_for(r.tag_specifications, "launch-template")); !s) return s;
  if (templates_of(region, caller.account) >= kMaxLaunchTemplatesPerRegion)
    return errors::launch_template_limit_exceeded(kMaxLaunchTemplatesPerRegion);
  return ok_status();
}

// `base` with every parameter `given` sets replaced (lists replace whole) [?].
LaunchTemplateData overlay(LaunchTemplateData base, const LaunchTemplateData& given) {
  if (given.image_id) base.image_id = given.image_id;
  if (given.instance_type) base.instance_type = given.instance_type;
  if (given.key_name) base.key_name = given.key_name;
  if (given.user_data) base.user_data = given.user_data;
  if (given.availability_zone) base.availability_zone = given.availability_zone;
  if (!given.security_group_ids.empty() || !given.security_groups.empty()) {
    base.security_group_ids = given.security_group_ids;
    base.security_groups = given.security_groups;
  }
  if (!given.block_device_mappings.empty())
    base.block_device_mappings = given.block_device_mappings;
  if (!given.tag_specifications.empty()) base.tag_specifications = given.tag_specifications;
  if (given.disable_api_termination) base.disable_api_termination = given.disable_api_termination;
  if (given.disable_api_stop) base.disable_api_stop = given.disable_api_stop;
  if (given.shutdown_behavior) base.shutdown_behavior = given.shutdown_behavior;
  if (given.ebs_optimized) base.ebs_optimized = given.ebs_optimized;
  if (!given.metadata_options.empty()) base.metadata_options = given.metadata_options;
  if (given.monitoring) base.monitoring = given.monitoring;
  return base;
}

LaunchTemplate* mutable_template(World& world, const Caller& caller, const LaunchTemplate* lt) {
  return &world.region_of(caller).launch_templates.at(lt->id);
}

// The template's mappings with the request's: same device = the request's entry [?].
std::vector<BlockDeviceMapping> merge_mappings(std::vector<BlockDeviceMapping> base,
                                               const std::vector<BlockDeviceMapping>& request) {
  for (const auto& m : request) {
    auto same = std::find_if(base.begin(), base.end(), [&](const BlockDeviceMapping& b) {
      return b.device_name == m.device_name;
    });
    if (same == base.end()) {
      base.push_back(m);
    } else {
      *same = m;
    }
  }
  return base;
}

}  // namespace

Result<const LaunchTemplate*> find_launch_template(const World& world, const Caller& caller,
                                                   const LaunchTemplateRef& ref) {
  if (ref.id.empty() && ref.name.empty()) return errors::missing_launch_template();
  if (!ref.id.empty() && !ref.name.empty()) return errors::launch_template_id_and_name();
  const RegionState& region = world.region_of(caller);
  if (!ref.id.empty()) {
    if (!is_well_formed_id("lt", ref.id)) return errors::launch_template_id_malformed(ref.id);
    auto it = region.launch_templates.find(LaunchTemplateId(ref.id));
    if (it == region.launch_templates.end() || it->second.owner != caller.account)
      return errors::launch_template_id_not_found(ref.id);
    return &it->second;
  }
  auto named = region.launch_template_names.find({caller.account, ref.name});
  if (named == region.launch_template_names.end())
    return errors::launch_template_name_not_found(ref.name);
  return &region.launch_templates.at(named->second);
}

Result<const LaunchTemplateVersion*> find_launch_template_version(const LaunchTemplate& lt,
                                                                  const std::string& version) {
  std::int64_t number = 0;
  if (version.empty() || version == "$Default") {
    number = lt.default_version;
  } else if (version == "$Latest") {
    number = lt.latest_version();
  } else if (auto parsed = parse_version_number(version)) {
    number = *parsed;
  } else {
    return errors::launch_template_version_invalid(version);
  }
  auto it = lt.versions.find(number);
  if (it == lt.versions.end())
    return errors::launch_template_version_not_found(version, lt.id.str());
  return &it->second;
}

Result<const LaunchTemplate*> create_launch_template(World& world, const Caller& caller,
                                                     const CreateLaunchTemplateRequest& request) {
  if (auto s = check_new_template(world, caller, request); !s) return s.error();
  if (request.dry_run) return errors::dry_run();
  LaunchTemplate lt;
  lt.id = LaunchTemplateId(world.new_id("lt"));
  lt.region = caller.region;
  lt.owner = caller.account;
  lt.name = request.name;
  lt.create_time = world.now();
  lt.created_by = fmt::format("arn:aws:iam::{}:root", caller.account.str());
  lt.versions[1] = LaunchTemplateVersion{1, request.version_description, world.now(), request.data};
  apply_tags(lt.tags, tags_for(request.tag_specifications, "launch-template"));
  RegionState& region = world.region_of(caller);
  region.launch_template_names[{caller.account, lt.name}] = lt.id;
  const LaunchTemplateId id = lt.id;
  return &region.launch_templates.emplace(id, std::move(lt)).first->second;
}

Result<LaunchTemplateVersionView> create_launch_template_version(
    World& world, const Caller& caller, const CreateLaunchTemplateVersionRequest& request) {
  auto found = find_launch_template(world, caller, request.ref);
  if (!found) return found.error();
  LaunchTemplateData data = request.data;
  if (!request.source_version.empty()) {
    auto source = find_launch_template_version(**found, request.source_version);
    if (!source) return source.error();
    data = overlay((*source)->data, request.data);
  }
  if (auto s = check_version_description(request.version_description); !s) return s.error();
  if (auto s = check_data(data); !s) return s.error();
  if ((*found)->versions.size() >= kMaxLaunchTemplateVersions)
    return errors::launch_template_version_limit_exceeded(kMaxLaunchTemplateVersions);
  if (request.dry_run) return errors::dry_run();
  LaunchTemplate* lt = mutable_template(world, caller, *found);
  const std::int64_t number = lt->next_version++;
  LaunchTemplateVersion& v = lt->versions[number];
  v = LaunchTemplateVersion{number, request.version_description, world.now(), std::move(data)};
  return LaunchTemplateVersionView{lt, &v};
}

Result<const LaunchTemplate*> modify_launch_template(World& world, const Caller& caller,
                                                     const LaunchTemplateRef& ref,
                                                     const std::string& default_version,
                                                     bool dry_run) {
  auto found = find_launch_template(world, caller, ref);
  if (!found) return found.error();
  std::optional<std::int64_t> number;
  if (!default_version.empty()) {
    auto version = find_launch_template_version(**found, default_version);
    if (!version) return version.error();
    number = (*version)->number;
  }
  if (dry_run) return errors::dry_run();
  LaunchTemplate* lt = mutable_template(world, caller, *found);
  if (number) lt->default_version = *number;
  return lt;
}

Result<DeleteLaunchTemplateVersionsResult> delete_launch_template_versions(
    World& world, const Caller& caller, const LaunchTemplateRef& ref,
    const std::vector<std::string>& versions, bool dry_run) {
  auto found = find_launch_template(world, caller, ref);
  if (!found) return found.error();
  if (versions.empty()) return errors::missing_launch_template_versions();
  if (versions.size() > kMaxVersionsPerDelete)
    return errors::too_many_versions_to_delete(kMaxVersionsPerDelete);
  std::set<std::int64_t> numbers;  // duplicates count once [?]
  for (const auto& text : versions) {
    auto number = parse_version_number(text);
    if (!number) return errors::launch_template_version_invalid(text);
    numbers.insert(*number);
  }
  if (dry_run) return errors::dry_run();
  LaunchTemplate* lt = mutable_template(world, caller, *found);
  DeleteLaunchTemplateVersionsResult out{lt, {}, {}};
  for (std::int64_t n : numbers) {
    // [?] codes and texts: ResponseError's codes are documented (APIREF ResponseError), the
    // messages and which code AWS gives the default version are not.
    if (!lt->versions.count(n)) {
      out.failed.push_back({n, "launchTemplateVersionDoesNotExist",
                            "The specified launch template version does not exist."});
    } else if (n == lt->default_version) {
      out.failed.push_back(
          {n, "unexpectedError", "Cannot delete the default version of a launch template."});
    } else {
      lt->versions.erase(n);
      out.deleted.push_back({n});
    }
  }
  return out;
}

Result<LaunchTemplate> delete_launch_template(World& world, const Caller& caller,
                                              const LaunchTemplateRef& ref, bool dry_run) {
  auto found = find_launch_template(world, caller, ref);
  if (!found) return found.error();
  if (dry_run) return errors::dry_run();
  RegionState& region = world.region_of(caller);
  LaunchTemplate gone = std::move(region.launch_templates.at((*found)->id));
  region.launch_templates.erase(gone.id);
  region.launch_template_names.erase({gone.owner, gone.name});
  return gone;
}

Result<RunInstancesRequest> apply_launch_template(const World& world, const Caller& caller,
                                                  const RunInstancesRequest& request) {
  const LaunchTemplateSpecification& spec = *request.launch_template;
  auto lt = find_launch_template(world, caller, {spec.id, spec.name});
  if (!lt) return lt.error();
  auto version = find_launch_template_version(**lt, spec.version);
  if (!version) return version.error();
  const LaunchTemplateData& data = (*version)->data;
  RunInstancesRequest out = request;
  out.launch_template.reset();
  if (out.image_id.empty()) out.image_id = data.image_id.value_or("");
  if (out.image_id.empty()) return errors::missing_image_id();  // [?] code
  if (out.instance_type.empty()) out.instance_type = data.instance_type.value_or("");
  if (out.key_name.empty()) out.key_name = data.key_name.value_or("");
  if (out.user_data.empty()) out.user_data = data.user_data.value_or("");
  if (!out.availability_zone) out.availability_zone = data.availability_zone;
  if (out.security_group_ids.empty() && out.security_groups.empty()) {
    out.security_group_ids = data.security_group_ids;
    out.security_groups = data.security_groups;
  }
  out.block_device_mappings =
      merge_mappings(data.block_device_mappings, request.block_device_mappings);
  // The template's tags first, so the request's win per resource type and key [?].
  out.tag_specifications = data.tag_specifications;
  out.tag_specifications.insert(out.tag_specifications.end(), request.tag_specifications.begin(),
                                request.tag_specifications.end());
  if (!out.disable_api_termination) out.disable_api_termination = data.disable_api_termination;
  if (!out.disable_api_stop) out.disable_api_stop = data.disable_api_stop;
  if (!out.shutdown_behavior) out.shutdown_behavior = data.shutdown_behavior;
  if (!out.ebs_optimized) out.ebs_optimized = data.ebs_optimized;
  // MetadataOptions member by member: the launch's own, then its template's (UG, order of
  // precedence for instance metadata options).
  MetadataOptionsRequest& m = out.metadata_options;
  const MetadataOptionsRequest& t = data.metadata_options;
  if (!m.http_tokens) m.http_tokens = t.http_tokens;
  if (!m.hop_limit) m.hop_limit = t.hop_limit;
  if (!m.http_endpoint) m.http_endpoint = t.http_endpoint;
  if (!m.http_protocol_ipv6) m.http_protocol_ipv6 = t.http_protocol_ipv6;
  if (!m.instance_metadata_tags) m.instance_metadata_tags = t.instance_metadata_tags;
  if (!out.monitoring) out.monitoring = data.monitoring;
  out.system_tags = {{"aws:ec2launchtemplate:id", (*lt)->id.str()},
                     {"aws:ec2launchtemplate:version", std::to_string((*version)->number)}};
  return out;
}

}  // namespace amisim::sim
