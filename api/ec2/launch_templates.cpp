// Launch template handlers: CreateLaunchTemplate, CreateLaunchTemplateVersion,
// DescribeLaunchTemplates, DescribeLaunchTemplateVersions, ModifyLaunchTemplate,
// DeleteLaunchTemplateVersions, DeleteLaunchTemplate. LaunchTemplateData members the model does
// not simulate (network interfaces, IAM profile, ...) are accepted and not
// kept [?]: they do not change what the model launches, and DescribeLaunchTemplateVersions leaves
// them out. ClientToken on the create calls is accepted and not checked [?].
#include "sim/instances/launch_templates.hpp"

#include "api/ec2/input.hpp"
#include "sim/core/base64.hpp"

namespace amisim::ec2 {
namespace {

// --- input ---------------------------------------------------------------------------------

sim::LaunchTemplateRef template_ref(const Json& in) {
  return {string_or(in, "LaunchTemplateId"), string_or(in, "LaunchTemplateName")};
}

sim::LaunchTemplateData template_data(const Json& in) {
  sim::LaunchTemplateData d;
  d.image_id = opt_string(in, "ImageId");
  d.instance_type = opt_string(in, "InstanceType");
  d.key_name = opt_string(in, "KeyName");
  d.security_group_ids = strings(in, "SecurityGroupIds");
  d.security_groups = strings(in, "SecurityGroups");
  if (member(in, "UserData") != nullptr) d.user_data = blob_member(in, "UserData");  // base64
  d.block_device_mappings = block_device_mappings(in);
  if (const Json* placement = object(in, "Placement")) {
    if (auto zone = opt_string(*placement, "AvailabilityZone"))
      d.availability_zone = sim::ZoneName(*zone);
  }
  d.tag_specifications = tag_specifications(in);
  d.disable_api_termination = opt_bool(in, "DisableApiTermination");
  d.disable_api_stop = opt_bool(in, "DisableApiStop");
  d.shutdown_behavior = opt_string(in, "InstanceInitiatedShutdownBehavior");
  d.ebs_optimized = opt_bool(in, "EbsOptimized");
  if (const Json* m = object(in, "MetadataOptions"))
    d.metadata_options = metadata_options_request(*m);
  if (const Json* m = object(in, "Monitoring")) d.monitoring = opt_bool(*m, "Enabled");
  return d;
}

// LaunchTemplateData is required by the model.
const Json& required_data(const Json& in) {
  const Json* data = object(in, "LaunchTemplateData");
  if (data == nullptr) fail(sim::errors::missing_launch_template_data());
  return *data;
}

// --- output --------------------------------------------------------------------------------

Json template_json(const sim::LaunchTemplate& lt) {
  Json out = {{"LaunchTemplateId", lt.id.str()},
              {"LaunchTemplateName", lt.name},
              {"CreateTime", time_json(lt.create_time)},
              {"CreatedBy", lt.created_by},
              {"DefaultVersionNumber", lt.default_version},
              {"LatestVersionNumber", lt.latest_version()}};
  if (!lt.tags.empty()) out["Tags"] = tags_json(lt.tags);
  return out;
}

Json tag_specs_json(const std::vector<sim::TagSpecification>& specs) {
  Json out = Json::array();
  for (const auto& s : specs) {
    sim::Tags tags;
    sim::apply_tags(tags, s.tags);
    out.push_back({{"ResourceType", s.resource_type}, {"Tags", tags_json(tags)}});
  }
  return out;
}

// LaunchTemplateInstanceMetadataOptions: the members the version was given [?: AWS's State member
// is left out, as a template's options are not applied to anything].
Json template_metadata_options_json(const sim::MetadataOptionsRequest& m) {
  Json out = Json::object();
  if (m.http_tokens) out["HttpTokens"] = *m.http_tokens;
  if (m.hop_limit) out["HttpPutResponseHopLimit"] = *m.hop_limit;
  if (m.http_endpoint) out["HttpEndpoint"] = *m.http_endpoint;
  if (m.http_protocol_ipv6) out["HttpProtocolIpv6"] = *m.http_protocol_ipv6;
  if (m.instance_metadata_tags) out["InstanceMetadataTags"] = *m.instance_metadata_tags;
  return out;
}

Json data_json(const sim::LaunchTemplateData& d) {
  Json out = Json::object();
  if (d.image_id) out["ImageId"] = *d.image_id;
  if (d.instance_type) out["InstanceType"] = *d.instance_type;
  if (d.key_name) out["KeyName"] = *d.key_name;
  if (!d.security_group_ids.empty()) out["SecurityGroupIds"] = d.security_group_ids;
  if (!d.security_groups.empty()) out["SecurityGroups"] = d.security_groups;
  if (d.user_data) out["UserData"] = sim::base64_encode(*d.user_data);
  if (!d.block_device_mappings.empty())
    out["BlockDeviceMappings"] = block_device_mappings_json(d.block_device_mappings);
  if (d.availability_zone) out["Placement"] = {{"AvailabilityZone", d.availability_zone->str()}};
  if (!d.tag_specifications.empty())
    out["TagSpecifications"] = tag_specs_json(d.tag_specifications);
  if (d.disable_api_termination) out["DisableApiTermination"] = *d.disable_api_termination;
  if (d.disable_api_stop) out["DisableApiStop"] = *d.disable_api_stop;
  if (d.shutdown_behavior) out["InstanceInitiatedShutdownBehavior"] = *d.shutdown_behavior;
  if (d.ebs_optimized) out["EbsOptimized"] = *d.ebs_optimized;
  if (!d.metadata_options.empty())
    out["MetadataOptions"] = template_metadata_options_json(d.metadata_options);
  if (d.monitoring) out["Monitoring"] = {{"Enabled", *d.monitoring}};
  return out;
}

Json version_json(const sim::LaunchTemplateVersionView& view) {
  const sim::LaunchTemplate& lt = *view.launch_template;
  const sim::LaunchTemplateVersion& v = *view.version;
  Json out = {{"LaunchTemplateId", lt.id.str()},
              {"LaunchTemplateName", lt.name},
              {"VersionNumber", v.number},
              {"CreateTime", time_json(v.create_time)},
              {"CreatedBy", lt.created_by},
              {"DefaultVersion", v.number == lt.default_version},
              {"LaunchTemplateData", data_json(v.data)}};
  put_nonempty(out, "VersionDescription", v.description);
  return out;
}

// --- handlers ------------------------------------------------------------------------------

Json create_launch_template(sim::World& world, const sim::Caller& caller, const Json& in) {
  sim::CreateLaunchTemplateRequest r;
  r.name = required_string(in, "LaunchTemplateName");
  r.version_description = string_or(in, "VersionDescription");
  r.data = template_data(required_data(in));
  r.tag_specifications = tag_specifications(in);
  r.dry_run = dry_run(in);
  const sim::LaunchTemplate* lt = unwrap(sim::create_launch_template(world, caller, r));
  return {{"LaunchTemplate", template_json(*lt)}};
}

Json create_launch_template_version(sim::World& world, const sim::Caller& caller, const Json& in) {
  (void)opt_bool(in, "ResolveAlias");  // SSM aliases in ImageId are kept as given [?]
  sim::CreateLaunchTemplateVersionRequest r;
  r.ref = template_ref(in);
  r.source_version = string_or(in, "SourceVersion");
  r.version_description = string_or(in, "VersionDescription");
  r.data = template_data(required_data(in));
  r.dry_run = dry_run(in);
  auto view = unwrap(sim::create_launch_template_version(world, caller, r));
  return {{"LaunchTemplateVersion", version_json(view)}};
}

Json describe_launch_templates(sim::World& world, const sim::Caller& caller, const Json& in) {
  sim::DescribeLaunchTemplatesRequest r{strings(in, "LaunchTemplateIds"),
                                        strings(in, "LaunchTemplateNames"), filters(in), page(in)};
  auto result = unwrap(sim::describe_launch_templates(world, caller, r));
  Json templates = Json::array();
  for (const sim::LaunchTemplate* lt : result.launch_templates)
    templates.push_back(template_json(*lt));
  Json out = {{"LaunchTemplates", std::move(templates)}};
  put_nonempty(out, "NextToken", result.next_token);
  return out;
}

Json describe_launch_template_versions(sim::World& world, const sim::Caller& caller,
                                       const Json& in) {
  sim::DescribeLaunchTemplateVersionsRequest r;
  sim::LaunchTemplateRef ref = template_ref(in);
  if (!ref.id.empty() || !ref.name.empty()) r.ref = ref;
  r.versions = strings(in, "Versions");
  r.min_version = string_or(in, "MinVersion");
  r.max_version = string_or(in, "MaxVersion");
  r.filters = filters(in);
  r.page = page(in);
  auto result = unwrap(sim::describe_launch_template_versions(world, caller, r));
  Json versions = Json::array();
  for (const auto& v : result.versions) versions.push_back(version_json(v));
  Json out = {{"LaunchTemplateVersions", std::move(versions)}};
  put_nonempty(out, "NextToken", result.next_token);
  return out;
}

Json modify_launch_template(sim::World& world, const sim::Caller& caller, const Json& in) {
  // The member is DefaultVersion; the query protocol names it SetDefaultVersion.
  const sim::LaunchTemplate* lt = unwrap(sim::modify_launch_template(
      world, caller, template_ref(in), string_or(in, "DefaultVersion"), dry_run(in)));
  return {{"LaunchTemplate", template_json(*lt)}};
}

Json delete_launch_template_versions(sim::World& world, const sim::Caller& caller, const Json& in) {
  if (member(in, "Versions") == nullptr) fail(sim::errors::missing_launch_template_versions());
  auto result = unwrap(sim::delete_launch_template_versions(world, caller, template_ref(in),
                                                            strings(in, "Versions"), dry_run(in)));
  const sim::LaunchTemplate& lt = *result.launch_template;
  Json deleted = Json::array();
  for (const auto& d : result.deleted)
    deleted.push_back({{"LaunchTemplateId", lt.id.str()},
                       {"LaunchTemplateName", lt.name},
                       {"VersionNumber", d.number}});
  Json failed = Json::array();
  for (const auto& f : result.failed)
    failed.push_back({{"LaunchTemplateId", lt.id.str()},
                      {"LaunchTemplateName", lt.name},
                      {"VersionNumber", f.number},
                      {"ResponseError", {{"Code", f.code}, {"Message", f.message}}}});
  Json out = Json::object();
  if (!deleted.empty()) out["SuccessfullyDeletedLaunchTemplateVersions"] = std::move(deleted);
  if (!failed.empty()) out["UnsuccessfullyDeletedLaunchTemplateVersions"] = std::move(failed);
  return out;
}

Json delete_launch_template(sim::World& world, const sim::Caller& caller, const Json& in) {
  sim::LaunchTemplate gone =
      unwrap(sim::delete_launch_template(world, caller, template_ref(in), dry_run(in)));
  return {{"LaunchTemplate", template_json(gone)}};
}

constexpr HandlerEntry kLaunchTemplateHandlers[] = {
    {"CreateLaunchTemplate", create_launch_template, true},
    {"CreateLaunchTemplateVersion", create_launch_template_version, true},
    {"DeleteLaunchTemplate", delete_launch_template, true},
    {"DeleteLaunchTemplateVersions", delete_launch_template_versions, true},
    {"DescribeLaunchTemplateVersions", describe_launch_template_versions, false},
    {"DescribeLaunchTemplates", describe_launch_templates, false},
    {"ModifyLaunchTemplate", modify_launch_template, true},
};

}  // namespace

std::span<const HandlerEntry> launch_template_handlers() { return kLaunchTemplateHandlers; }

}  // namespace amisim::ec2
