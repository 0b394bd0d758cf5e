// CreateTags, DeleteTags, DescribeTags across the resource types the model has. A resource is
// found by its ID prefix in the caller's Region and must be the caller's. All-or-nothing: every
// resource and tag is checked before anything changes.
#include "sim/tagging.hpp"

#include <algorithm>

#include "sim/images/images.hpp"

namespace amisim::sim {
namespace {

// The Tags of a resource the caller owns here, with the prefix's NotFound error otherwise. For
// images, another account's image answers AuthFailure as every owner-only image action does.
template <class Map, class Id, class NotFound>
Result<Tags*> owned_tags(Map& map, const Caller& caller, const Id& id, NotFound not_found) {
  auto it = map.find(id);
  if (it == map.end() || it->second.owner != caller.account) return not_found(id.str());
  return &it->second.tags;
}

Result<Tags*> resolve_tags(World& world, const Caller& caller, const std::string& id) {
  const std::string prefix = id.substr(0, id.find('-'));
  if (!is_well_formed_id(prefix, id)) return errors::invalid_id(id);
  RegionState& r = world.region_of(caller);
  if (prefix == "ami") {
    auto image = owned_image(world, caller, ImageId(id));
    if (!image) return image.error();
    return &(*image)->tags;
  }
  if (prefix == "i")
    return owned_tags(r.instances, caller, InstanceId(id), errors::instance_not_found);
  if (prefix == "vol") return owned_tags(r.volumes, caller, VolumeId(id), errors::volume_not_found);
  if (prefix == "snap")
    return owned_tags(r.snapshots, caller, SnapshotId(id), errors::snapshot_not_found);
  if (prefix == "sg")
    return owned_tags(r.security_groups, caller, SecurityGroupId(id), errors::group_not_found);
  if (prefix == "key")
    return owned_tags(r.key_pairs, caller, KeyPairId(id), errors::key_pair_not_found);
  return errors::invalid_id(id);
}

Result<std::vector<Tags*>> resolve_all(World& world, const Caller& caller,
                                       const std::vector<std::string>& ids) {
  if (ids.empty()) return errors::missing_resource_ids();
  std::vector<Tags*> out;
  for (const auto& id : ids) {
    auto tags = resolve_tags(world, caller, id);
    if (!tags) return tags.error();
    out.push_back(*tags);
  }
  return out;
}

}  // namespace

Status create_tags(World& world, const Caller& caller, const std::vector<std::string>& resource_ids,
                   const std::vector<Tag>& tags, bool dry_run) {
  auto targets = resolve_all(world, caller, resource_ids);
  if (!targets) return targets.error();
  if (tags.empty()) return errors::missing_tags();
  for (Tags* existing : *targets) {
    if (auto s = validate_tags(tags, *existing); !s) return s;
  }
  if (dry_run) return errors::dry_run();
  for (Tags* existing : *targets) apply_tags(*existing, tags);
  return ok_status();
}

Status delete_tags(World& world, const Caller& caller, const std::vector<std::string>& resource_ids,
                   const std::vector<TagToDelete>& tags, bool dry_run) {
  auto targets = resolve_all(world, caller, resource_ids);
  if (!targets) return targets.error();
  for (const auto& t : tags) {
    if (is_aws_reserved_key(t.key)) return errors::tag_key_reserved();
  }
  if (dry_run) return errors::dry_run();
  for (Tags* existing : *targets) {
    if (tags.empty()) existing->clear();
    for (const auto& t : tags) {
      auto it = existing->find(t.key);
      if (it != existing->end() && (!t.value || *t.value == it->second)) existing->erase(it);
    }
  }
  return ok_status();
}

namespace {

template <class Map>
void add_owned(const Map& map, const Caller& caller, std::string_view type,
               std::vector<TagDescription>& out) {
  for (const auto& [id, resource] : map) {
    if (resource.owner != caller.account) continue;
    for (const auto& [k, v] : resource.tags)
      out.push_back(TagDescription{id.str(), std::string(type), k, v});
  }
}

std::vector<TagDescription> all_tags(const World& world, const Caller& caller) {
  const RegionState& r = world.region_of(caller);
  std::vector<TagDescription> out;
  for (const auto& [id, image] : r.images) {
    if (image.owner != caller.account || image.state == ImageState::kDeregistered) continue;
    for (const auto& [k, v] : image.tags) out.push_back(TagDescription{id.str(), "image", k, v});
  }
  add_owned(r.instances, caller, "instance", out);
  add_owned(r.volumes, caller, "volume", out);
  add_owned(r.snapshots, caller, "snapshot", out);
  add_owned(r.security_groups, caller, "security-group", out);
  add_owned(r.key_pairs, caller, "key-pair", out);
  return out;
}

bool row_matches(const TagDescription& row, const Filter& f,
                 const std::vector<TagDescription>& all) {
  if (f.name == "key") return any_match(f.values, row.key);
  if (f.name == "value") return any_match(f.values, row.value);
  if (f.name == "resource-id") return any_match(f.values, row.resource_id);
  if (f.name == "resource-type") return any_match(f.values, row.resource_type);
  // tag:<key>: rows of resources that have that tag with a matching value.
  const std::string key = f.name.substr(4);
  return std::any_of(all.begin(), all.end(), [&](const TagDescription& other) {
    return other.resource_id == row.resource_id && other.key == key &&
           any_match(f.values, other.value);
  });
}

Status check_tag_filters(const std::vector<Filter>& filters) {
  if (auto s = check_filters(filters); !s) return s;
  for (const auto& f : filters) {
    const bool known = f.name == "key" || f.name == "value" || f.name == "resource-id" ||
                       f.name == "resource-type" ||
                       (f.name.rfind("tag:", 0) == 0 && f.name.size() > 4);
    if (!known) return errors::invalid_filter(f.name);
  }
  return ok_status();
}

std::string row_key(const TagDescription& row) { return row.resource_id + '\x01' + row.key; }

}  // namespace

Result<DescribeTagsResult> describe_tags(const World& world, const Caller& caller,
                                         const DescribeTagsRequest& request) {
  if (auto s = check_tag_filters(request.filters); !s) return s.error();
  if (auto s = check_page_request(request.page, kDescribeTagsPages, false); !s) return s.error();
  const std::vector<TagDescription> all = all_tags(world, caller);
  std::vector<TagDescription> rows;
  for (const auto& row : all) {
    if (std::all_of(request.filters.begin(), request.filters.end(),
                    [&](const Filter& f) { return row_matches(row, f, all); }))
      rows.push_back(row);
  }
  std::sort(rows.begin(), rows.end(), [](const TagDescription& a, const TagDescription& b) {
    return a.resource_id != b.resource_id ? a.resource_id < b.resource_id : a.key < b.key;
  });
  DescribeTagsResult result;
  auto page =
      paginate(std::move(rows), request.page, kDescribeTagsPages, row_key, result.next_token);
  if (!page) return page.error();
  result.tags = std::move(*page);
  return result;
}

}  // namespace amisim::sim
