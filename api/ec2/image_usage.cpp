// Handlers for what still uses an image, its lineage, and block public access for AMIs (issue 17,
// sim/images/usage.hpp and sim/images/block_public_access.hpp): DescribeImageReferences,
// DescribeInstanceImageMetadata, GetImageAncestry, Enable/DisableImageBlockPublicAccess,
// GetImageBlockPublicAccessState. Facts: docs/aws-facts.md §U and §B "Images".
#include <string>
#include <vector>

#include "api/ec2/input.hpp"
#include "sim/images/block_public_access.hpp"
#include "sim/images/usage.hpp"

namespace amisim::ec2 {
namespace {

// ImageMetadata's CreationDate and DeprecationTime are written to the second
// ("YYYY-MM-DDTHH:MM:SSZ": the model's DeprecationTime text and the aws CLI's example output of
// describe-instance-image-metadata).
std::string seconds_json(sim::TimeMs t) {
  const std::string full = sim::format_iso8601(t);  // "2026-01-01T00:00:00.000Z"
  return full.substr(0, 19) + "Z";
}

std::vector<sim::ImageReferenceTypeRequest> resource_types(const Json& in) {
  std::vector<sim::ImageReferenceTypeRequest> out;
  for (const Json* t : objects(in, "ResourceTypes")) {
    sim::ImageReferenceTypeRequest r;
    r.resource_type = string_or(*t, "ResourceType");
    for (const Json* o : objects(*t, "ResourceTypeOptions"))
      r.options.push_back({string_or(*o, "OptionName"), strings(*o, "OptionValues")});
    out.push_back(std::move(r));
  }
  return out;
}

Json describe_image_references(sim::World& world, const sim::Caller& caller, const Json& in) {
  sim::DescribeImageReferencesRequest r;
  r.image_ids = strings(in, "ImageIds");
  r.include_all_resource_types = bool_or(in, "IncludeAllResourceTypes", false);
  r.resource_types = resource_types(in);
  r.page = page(in);
  const auto result = unwrap(sim::describe_image_references(world, caller, r));
  Json refs = Json::array();
  for (const auto& ref : result.references) {
    refs.push_back({{"ImageId", ref.image_id.str()},
                    {"ResourceType", std::string(sim::to_string(ref.type))},
                    {"Arn", ref.arn}});
  }
  Json out = {{"ImageReferences", std::move(refs)}};
  put_nonempty(out, "NextToken", result.next_token);
  return out;
}

Json image_metadata_json(const sim::ImageMetadataView& v) {
  Json out = {{"ImageId", v.image_id.str()}};
  put_nonempty(out, "Name", v.name);
  put_nonempty(out, "OwnerId", v.owner.str());
  out["State"] = std::string(sim::to_string(v.state));
  put_nonempty(out, "ImageOwnerAlias", v.owner_alias);
  out["CreationDate"] = seconds_json(v.creation);
  if (v.deprecation_time) out["DeprecationTime"] = seconds_json(*v.deprecation_time);
  out["IsPublic"] = v.is_public;
  if (v.image_allowed) out["ImageAllowed"] = *v.image_allowed;
  return out;
}

Json instance_metadata_json(const sim::InstanceImageMetadata& m) {
  const sim::Instance& i = *m.instance;
  Json out = {
      {"InstanceId", i.id.str()},
      {"InstanceType", i.instance_type},
      {"LaunchTime", time_json(i.launch_time)},
      {"AvailabilityZone", i.zone.str()},
      {"State",
       {{"Code", sim::state_code(i.state)}, {"Name", std::string(sim::to_string(i.state))}}},
      {"OwnerId", i.owner.str()}};
  put_nonempty(out, "ZoneId", m.zone_id);
  if (!i.tags.empty()) out["Tags"] = tags_json(i.tags);
  out["ImageMetadata"] = image_metadata_json(m.image);
  return out;
}

Json describe_instance_image_metadata(sim::World& world, const sim::Caller& caller,
                                      const Json& in) {
  sim::DescribeInstanceImageMetadataRequest r;
  r.instance_ids = strings(in, "InstanceIds");
  r.filters = filters(in);
  r.page = page(in);
  const auto result = unwrap(sim::describe_instance_image_metadata(world, caller, r));
  Json items = Json::array();
  for (const auto& m : result.items) items.push_back(instance_metadata_json(m));
  Json out = {{"InstanceImageMetadata", std::move(items)}};
  put_nonempty(out, "NextToken", result.next_token);
  return out;
}

Json get_image_ancestry(sim::World& world, const sim::Caller& caller, const Json& in) {
  const sim::ImageId id(required_string(in, "ImageId"));
  Json entries = Json::array();
  for (const auto& e : unwrap(sim::get_image_ancestry(world, caller, id))) {
    Json entry = {{"CreationDate", time_json(e.creation)}, {"ImageId", e.image_id.str()}};
    put_nonempty(entry, "ImageOwnerAlias", e.owner_alias);
    put_nonempty(entry, "SourceImageId", e.source_image_id.str());
    put_nonempty(entry, "SourceImageRegion", e.source_image_region.str());
    entries.push_back(std::move(entry));
  }
  return {{"ImageAncestryEntries", std::move(entries)}};
}

Json enable_image_block_public_access(sim::World& world, const sim::Caller& caller,
                                      const Json& in) {
  const std::string state = required_string(in, "ImageBlockPublicAccessState");
  return {{"ImageBlockPublicAccessState",
           unwrap(sim::enable_image_block_public_access(world, caller, state, dry_run(in)))}};
}

Json disable_image_block_public_access(sim::World& world, const sim::Caller& caller,
                                       const Json& in) {
  return {{"ImageBlockPublicAccessState",
           unwrap(sim::disable_image_block_public_access(world, caller, dry_run(in)))}};
}

// ManagedBy: "account" (amisim has no declarative policies).
Json get_image_block_public_access_state(sim::World& world, const sim::Caller& caller,
                                         const Json&) {
  return {{"ImageBlockPublicAccessState",
           std::string(sim::image_block_public_access_state(world, caller))},
          {"ManagedBy", "account"}};
}

constexpr HandlerEntry kImageUsageHandlers[] = {
    {"DescribeImageReferences", describe_image_references, false},
    {"DescribeInstanceImageMetadata", describe_instance_image_metadata, false},
    {"DisableImageBlockPublicAccess", disable_image_block_public_access, true},
    {"EnableImageBlockPublicAccess", enable_image_block_public_access, true},
    {"GetImageAncestry", get_image_ancestry, false},
    {"GetImageBlockPublicAccessState", get_image_block_public_access_state, false},
};

}  // namespace

std::span<const HandlerEntry> image_usage_handlers() { return kImageUsageHandlers; }

}  // namespace amisim::ec2
