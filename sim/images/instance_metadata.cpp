// DescribeInstanceImageMetadata. Facts: docs/aws-facts.md §U (APIREF:DescribeInstanceImageMetadata;
// the aws CLI's examples of it).
#include <algorithm>
#include <set>

#include "sim/images/allowed_images.hpp"
#include "sim/images/usage.hpp"

namespace amisim::sim {
namespace {

std::string zone_id_of(const World& world, const Instance& i) {
  const RegionInfo* info = world.fixtures().find_region(i.region);
  if (info == nullptr) return "";
  for (const ZoneInfo& z : info->zones) {
    if (z.name == i.zone) return z.zone_id;
  }
  return "";
}

ImageMetadataView image_view(const World& world, const Caller& caller, const Instance& i) {
  ImageMetadataView v;
  v.image_id = i.image_id;
  if (const Image* image = image_record(world, i.region, i.image_id)) {
    v.image_allowed = image_allowed(world, caller.account, *image);
    v.name = image->name;
    v.owner = image->owner;
    v.owner_alias = image->owner_alias;
    v.creation = image->creation;
    v.state = image->state;
    v.deprecation_time = image->deprecation_time;
    v.is_public = image->is_public;
    return v;
  }
  // The record is gone: what the instance kept at launch (sim/state/instance.hpp) [?].
  v.name = i.image_name;
  v.owner = i.image_owner;
  v.owner_alias = i.image_owner_alias;
  v.creation = i.image_creation;
  Image kept;
  kept.region = i.region;
  kept.owner = v.owner;
  kept.owner_alias = v.owner_alias;
  kept.name = v.name;
  kept.creation = v.creation;
  v.image_allowed = image_allowed(world, caller.account, kept);
  return v;
}

using Values = std::vector<std::string>;

// The values an item has for a filter name (APIREF:DescribeInstanceImageMetadata), or nullopt
// for a name the operation does not take. owner-alias and owner-id are the AMI's [?] (every
// instance listed is the caller's own).
std::optional<Values> filter_values(const InstanceImageMetadata& m, const std::string& name) {
  const Instance& i = *m.instance;
  if (name == "availability-zone") return Values{i.zone.str()};
  if (name == "zone-id") return Values{m.zone_id};
  if (name == "instance-id") return Values{i.id.str()};
  if (name == "instance-state-name") return Values{std::string(to_string(i.state))};
  if (name == "instance-type") return Values{i.instance_type};
  if (name == "launch-time") return Values{format_iso8601(i.launch_time)};
  if (name == "image-allowed")
    return Values{m.image.image_allowed.value_or(true) ? "true" : "false"};
  if (name == "owner-alias") return Values{m.image.owner_alias};
  if (name == "owner-id") return Values{m.image.owner.str()};
  if (name == "tag-key") {
    Values out;
    for (const auto& [k, v] : i.tags) out.push_back(k);
    return out;
  }
  if (name.rfind("tag:", 0) == 0) {
    auto it = i.tags.find(name.substr(4));
    return it == i.tags.end() ? Values{} : Values{it->second};
  }
  return std::nullopt;
}

Status check_filter_names(const std::vector<Filter>& filters) {
  if (auto s = check_filters(filters); !s) return s;
  InstanceImageMetadata probe;
  Instance blank;
  probe.instance = &blank;
  for (const Filter& f : filters) {
    if (!filter_values(probe, f.name)) return errors::invalid_filter(f.name);
  }
  return ok_status();
}

bool matches(const InstanceImageMetadata& m, const std::vector<Filter>& filters) {
  return std::all_of(filters.begin(), filters.end(), [&](const Filter& f) {
    return any_match(f.values, *filter_values(m, f.name));
  });
}

// The instances asked for: all the caller's, or the named ones. "If you specify an instance ID
// that is not valid, an instance that doesn't exist, or an instance that you do not own, an error
// (InvalidInstanceID.NotFound) is returned" (APIREF); a malformed one is Malformed, as elsewhere.
Result<std::vector<const Instance*>> wanted_instances(const RegionState& region,
                                                      const Caller& caller,
                                                      const std::vector<std::string>& ids) {
  std::vector<const Instance*> out;
  if (ids.empty()) {
    for (const auto& [id, instance] : region.instances) {
      if (instance.owner == caller.account) out.push_back(&instance);
    }
    return out;
  }
  std::set<std::string> seen;
  std::vector<std::string> missing;
  for (const std::string& id : ids) {
    if (!is_well_formed_id("i", id)) return errors::instance_id_malformed(id);
    if (!seen.insert(id).second) continue;
    auto it = region.instances.find(InstanceId(id));
    if (it == region.instances.end() || it->second.owner != caller.account)
      missing.push_back(id);
    else
      out.push_back(&it->second);
  }
  if (!missing.empty()) return errors::instances_not_found(missing);
  std::sort(out.begin(), out.end(),
            [](const Instance* a, const Instance* b) { return a->id < b->id; });
  return out;
}

}  // namespace

Result<DescribeInstanceImageMetadataResult> describe_instance_image_metadata(
    const World& world, const Caller& caller, const DescribeInstanceImageMetadataRequest& request) {
  if (auto s = check_filter_names(request.filters); !s) return s.error();
  if (auto s = check_page_request(request.page, kDescribeInstanceImageMetadataPages, false); !s)
    return s.error();
  auto instances = wanted_instances(world.region_of(caller), caller, request.instance_ids);
  if (!instances) return instances.error();
  DescribeInstanceImageMetadataResult result;
  for (const Instance* i : *instances) {
    InstanceImageMetadata m{i, zone_id_of(world, *i), image_view(world, caller, *i)};
    if (matches(m, request.filters)) result.items.push_back(std::move(m));
  }
  auto page = paginate(
      std::move(result.items), request.page, kDescribeInstanceImageMetadataPages,
      [](const InstanceImageMetadata& m) -> std::string_view { return m.instance->id.str(); },
      result.next_token);
  if (!page) return page.error();
  result.items = std::move(*page);
  return result;
}

}  // namespace amisim::sim
