// DescribeImageReferences. Facts: docs/aws-facts.md §U (APIREF:DescribeImageReferences,
// ResourceTypeRequest, ResourceTypeOption; UG ec2-ami-references).
#include <algorithm>
#include <array>
#include <charconv>
#include <set>

#include "sim/images/ssm.hpp"
#include "sim/images/usage.hpp"

namespace amisim::sim {
namespace {

constexpr std::array<ImageReferenceType, 5> kAllTypes = {
    ImageReferenceType::kInstance, ImageReferenceType::kLaunchTemplate,
    ImageReferenceType::kSsmParameter, ImageReferenceType::kImageRecipe,
    ImageReferenceType::kContainerRecipe};

constexpr std::string_view kStateNames =
    "pending | running | shutting-down | terminated | "
    "stopping | stopped";

std::optional<ImageReferenceType> type_from_string(std::string_view s) {
  for (ImageReferenceType t : kAllTypes) {
    if (to_string(t) == s) return t;
  }
  return std::nullopt;
}

// What one resource type is checked with: the states an instance may be in, how many of a
// template's latest versions count.
struct TypeScope {
  bool wanted = false;
  std::set<InstanceState> states{kAllInstanceStates.begin(), kAllInstanceStates.end()};
  long version_depth = kDefaultVersionDepth;
};
using Scopes = std::array<TypeScope, kAllTypes.size()>;

TypeScope& scope_of(Scopes& scopes, ImageReferenceType t) {
  return scopes[static_cast<std::size_t>(t)];
}

Status read_states(const ImageReferenceOption& option, TypeScope& scope) {
  scope.states.clear();
  for (const std::string& v : option.values) {
    auto state = instance_state_from_string(v);
    if (!state) return errors::image_reference_option_value_invalid(option.name, v, kStateNames);
    scope.states.insert(*state);
  }
  if (option.values.empty())
    return errors::image_reference_option_value_invalid(option.name, "", kStateNames);
  return ok_status();
}

Status read_depth(const ImageReferenceOption& option, TypeScope& scope) {
  constexpr std::string_view kValid = "Integers between 1 and 10000";
  if (option.values.size() != 1)
    return errors::image_reference_option_value_invalid(
        option.name, option.values.empty() ? "" : option.values[1], kValid);
  const std::string& v = option.values[0];
  long depth = 0;
  const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), depth);
  if (ec != std::errc() || end != v.data() + v.size() || depth < 1 || depth > kMaxVersionDepth)
    return errors::image_reference_option_value_invalid(option.name, v, kValid);
  scope.version_depth = depth;
  return ok_status();
}

// Options are "valid only when ResourceType is ec2:Instance or ec2:LaunchTemplate", state-name
// for the one and version-depth for the other (APIREF ResourceTypeRequest, ResourceTypeOption).
Status read_option(ImageReferenceType type, const ImageReferenceOption& option, TypeScope& scope) {
  if (type == ImageReferenceType::kInstance && option.name == "state-name")
    return read_states(option, scope);
  if (type == ImageReferenceType::kLaunchTemplate && option.name == "version-depth")
    return read_depth(option, scope);
  return errors::image_reference_option_invalid(to_string(type), option.name);
}

// IncludeAllResourceTypes applies every type's defaults; ResourceTypes given as well override
// them for their types (APIREF IncludeAllResourceTypes).
Result<Scopes> read_scopes(const DescribeImageReferencesRequest& r) {
  if (!r.include_all_resource_types && r.resource_types.empty())
    return errors::image_references_no_resource_types();
  Scopes scopes;
  if (r.include_all_resource_types) {
    for (TypeScope& s : scopes) s.wanted = true;
  }
  for (const ImageReferenceTypeRequest& t : r.resource_types) {
    auto type = type_from_string(t.resource_type);
    if (!type) return errors::image_reference_type_invalid(t.resource_type);
    TypeScope& scope = scope_of(scopes, *type);
    scope.wanted = true;
    for (const ImageReferenceOption& option : t.options) {
      if (auto s = read_option(*type, option, scope); !s) return s.error();
    }
  }
  return scopes;
}

Status check_image_ids(const std::vector<std::string>& ids) {
  if (ids.empty()) return errors::missing_image_id();
  if (static_cast<long>(ids.size()) > kMaxImageReferenceIds)
    return errors::image_references_too_many_ids(static_cast<long>(ids.size()),
                                                 kMaxImageReferenceIds);
  for (const std::string& id : ids) {
    if (!is_well_formed_id("ami", id)) return errors::image_id_malformed(id);
  }
  return ok_status();
}

struct Collector {
  const World& world;
  const Caller& caller;
  const RegionState& region;
  const std::set<ImageId>& images;
  std::vector<ImageReference>& out;
};

void collect_instances(const Collector& c, const TypeScope& scope) {
  for (const auto& [id, instance] : c.region.instances) {
    if (instance.owner != c.caller.account || !c.images.count(instance.image_id) ||
        !scope.states.count(instance.state))
      continue;
    c.out.push_back({instance.image_id, ImageReferenceType::kInstance,
                     instance_arn(c.caller.region, c.caller.account, id.str())});
  }
}

// The image a version's ImageId names now: an ID as written, or what a resolve:ssm: parameter
// holds in the caller's Region [?] (AWS does not say whether it resolves them).
std::optional<ImageId> version_image(const Collector& c, const LaunchTemplateVersion& v) {
  if (!v.data.image_id) return std::nullopt;
  auto resolved = resolve_image_reference(c.world, c.caller, *v.data.image_id);
  if (!resolved) return std::nullopt;
  return *resolved;
}

// One reference per template, named by the template's ARN, when any of its latest
// `version_depth` versions names an image asked about [?] (per template, not per version).
void collect_templates(const Collector& c, const TypeScope& scope) {
  for (const auto& [id, lt] : c.region.launch_templates) {
    if (lt.owner != c.caller.account) continue;
    std::set<ImageId> named;
    long seen = 0;
    for (auto v = lt.versions.rbegin(); v != lt.versions.rend() && seen < scope.version_depth;
         ++v, ++seen) {
      auto image = version_image(c, v->second);
      if (image && c.images.count(*image)) named.insert(*image);
    }
    for (const ImageId& image : named) {
      c.out.push_back({image, ImageReferenceType::kLaunchTemplate,
                       launch_template_arn(c.caller.region, c.caller.account, id.str())});
    }
  }
}

// The caller's own parameters: those an image file gives its customer-owned images (sim/images/
// ssm.hpp), counted when the parameter resolves to the image now. AWS's public /aws/service/
// parameters are AWS's, not "your resources" (APIREF: "Describes your AWS resources ...").
void collect_parameters(const Collector& c) {
  for (const CatalogueImage& row : c.world.fixtures().images) {
    if (row.region != c.caller.region || row.owner != c.caller.account ||
        !row.owner_alias.empty() || row.public_ssm_parameter.empty())
      continue;
    auto value = get_public_parameter(c.world, c.caller, row.public_ssm_parameter);
    if (!value || !c.images.count(ImageId(*value))) continue;
    c.out.push_back(
        {ImageId(*value), ImageReferenceType::kSsmParameter,
         ssm_parameter_arn(c.caller.region, c.caller.account, row.public_ssm_parameter)});
  }
}

std::string page_key(const ImageReference& r) {
  return r.image_id.str() + "|" + std::string(to_string(r.type)) + "|" + r.arn;
}

}  // namespace

std::string_view to_string(ImageReferenceType type) {
  switch (type) {
    case ImageReferenceType::kInstance:
      return "ec2:Instance";
    case ImageReferenceType::kLaunchTemplate:
      return "ec2:LaunchTemplate";
    case ImageReferenceType::kSsmParameter:
      return "ssm:Parameter";
    case ImageReferenceType::kImageRecipe:
      return "imagebuilder:ImageRecipe";
    case ImageReferenceType::kContainerRecipe:
      return "imagebuilder:ContainerRecipe";
  }
  return "";
}

Result<DescribeImageReferencesResult> describe_image_references(
    const World& world, const Caller& caller, const DescribeImageReferencesRequest& request) {
  if (auto s = check_image_ids(request.image_ids); !s) return s.error();
  auto scopes = read_scopes(request);
  if (!scopes) return scopes.error();
  if (auto s = check_page_request(request.page, kDescribeImageReferencesPages, false); !s)
    return s.error();
  std::set<ImageId> images;
  for (const std::string& id : request.image_ids) images.insert(ImageId(id));

  DescribeImageReferencesResult result;
  const Collector c{world, caller, world.region_of(caller), images, result.references};
  if (scope_of(*scopes, ImageReferenceType::kInstance).wanted)
    collect_instances(c, scope_of(*scopes, ImageReferenceType::kInstance));
  if (scope_of(*scopes, ImageReferenceType::kLaunchTemplate).wanted)
    collect_templates(c, scope_of(*scopes, ImageReferenceType::kLaunchTemplate));
  if (scope_of(*scopes, ImageReferenceType::kSsmParameter).wanted) collect_parameters(c);
  // imagebuilder:ImageRecipe and imagebuilder:ContainerRecipe: amisim has no Image Builder.
  auto& refs = result.references;
  std::sort(refs.begin(), refs.end(), [](const ImageReference& a, const ImageReference& b) {
    return page_key(a) < page_key(b);
  });
  auto page = paginate(std::move(refs), request.page, kDescribeImageReferencesPages, page_key,
                       result.next_token);
  if (!page) return page.error();
  result.references = std::move(*page);
  return result;
}

}  // namespace amisim::sim
