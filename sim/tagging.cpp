// CreateTags, DeleteTags, DescribeTags across the resource types the model has. A resource is
// found by its ID prefix in the caller's Region. The caller acts on its own tags only (the rule in
// sim/core/tags.hpp): on its own resources, and on the images and snapshots it may see because
// they are shared with it or public. All-or-nothing: every resource and tag is checked before
// anything changes.
#include "sim/tagging.hpp"

#include <algorithm>
#include <functional>

#include "sim/ebs/snapshots.hpp"
#include "sim/images/images.hpp"
#include "sim/instances/instances.hpp"

namespace amisim::sim {
namespace {

// The caller's own tag set on one resource, as tags_seen_by and tags_set_by give it, whatever the
// resource's type.
struct TagTarget {
  std::function<const Tags&()> seen;  // what the caller sees now
  std::function<Tags&()> writable;    // where its changes go
  std::function<void()> tidy;         // after a change: forget an emptied set of a grantee's
  std::function<void()> before;       // before a change (an instance leaves the tag index)
};

template <class R>
TagTarget target_of(R& resource, const AccountId& caller) {
  return TagTarget{[&resource, caller]() -> const Tags& { return tags_seen_by(resource, caller); },
                   [&resource, caller]() -> Tags& { return tags_set_by(resource, caller); },
                   [&resource, caller] { forget_empty_tags(resource, caller); }, [] {}};
}

// A resource the caller owns here, with the prefix's NotFound error otherwise.
template <class Map, class Id, class NotFound>
Result<TagTarget> owned(Map& map, const Caller& caller, const Id& id, NotFound not_found) {
  auto it = map.find(id);
  if (it == map.end() || it->second.owner != caller.account) return not_found(id.str());
  return target_of(it->second, caller.account);
}

// One of the caller's instances: RegionState::instance_tags follows its tags (index_tags).
Result<TagTarget> instance_target(RegionState& region, const Caller& caller, const InstanceId& id) {
  auto target = owned(region.instances, caller, id, errors::instance_not_found);
  if (!target) return target;
  Instance& instance = region.instances.find(id)->second;
  target->before = [&region, &instance] { unindex_tags(region, instance); };
  target->tidy = [&region, &instance, tidy = std::move(target->tidy)] {
    tidy();
    index_tags(region, instance);
  };
  return target;
}

// An image the caller owns, or another account's it may launch (shared with it or public): tags
// on public or shared resources are the tagging account's own (sim/core/tags.hpp). Another
// account's image it may not use answers AuthFailure, as every owner-only image action does.
Result<TagTarget> image_target(World& world, const Caller& caller, const ImageId& id) {
  Image* image = find_image(world, caller, id);
  if (image && image->owner != caller.account && image->state != ImageState::kDeregistered &&
      image_visible_to(*image, caller.account))
    return target_of(*image, caller.account);
  auto own = owned_image(world, caller, id);
  if (!own) return own.error();
  return target_of(**own, caller.account);
}

// A snapshot the caller owns or may restore (shared with it or public); any other is NotFound,
// as DescribeSnapshots does not show it either.
Result<TagTarget> snapshot_target(RegionState& region, const Caller& caller, const SnapshotId& id) {
  auto it = region.snapshots.find(id);
  if (it == region.snapshots.end() || !snapshot_visible_to(region, it->second, caller.account))
    return errors::snapshot_not_found(id.str());
  return target_of(it->second, caller.account);
}

// A rule of one of the caller's security groups: its tags are its group owner's.
Result<TagTarget> rule_target(RegionState& region, const Caller& caller, const std::string& id) {
  for (auto& [group_id, group] : region.security_groups) {
    if (group.owner != caller.account) continue;
    for (SecurityGroupRule& rule : group.rules) {
      if (rule.id.str() != id) continue;
      return TagTarget{[&rule]() -> const Tags& { return rule.tags; },
                       [&rule]() -> Tags& { return rule.tags; }, [] {}, [] {}};
    }
  }
  return errors::rule_id_not_found(id);
}

// The network's resources (sim/state/network.hpp).
Result<TagTarget> resolve_network(RegionState& r, const Caller& caller, const std::string& prefix,
                                  const std::string& id) {
  if (prefix == "vpc") return owned(r.vpcs, caller, VpcId(id), errors::vpc_not_found);
  if (prefix == "subnet") return owned(r.subnets, caller, SubnetId(id), errors::subnet_not_found);
  if (prefix == "igw")
    return owned(r.internet_gateways, caller, InternetGatewayId(id), errors::gateway_not_found);
  if (prefix == "rtb")
    return owned(r.route_tables, caller, RouteTableId(id), errors::route_table_not_found);
  if (prefix == "acl")
    return owned(r.network_acls, caller, NetworkAclId(id), errors::network_acl_not_found);
  if (prefix == "eni")
    return owned(r.network_interfaces, caller, NetworkInterfaceId(id), errors::interface_not_found);
  if (prefix == "eipalloc")
    return owned(r.addresses, caller, AllocationId(id), errors::allocation_not_found);
  return errors::invalid_id(id);
}

Result<TagTarget> resolve(World& world, const Caller& caller, const std::string& id) {
  const std::string prefix = id.substr(0, id.find('-'));
  if (!is_well_formed_id(prefix, id)) return errors::invalid_id(id);
  RegionState& r = world.region_of(caller);
  if (prefix == "ami") return image_target(world, caller, ImageId(id));
  if (prefix == "snap") return snapshot_target(r, caller, SnapshotId(id));
  if (prefix == "i") return instance_target(r, caller, InstanceId(id));
  if (prefix == "vol") return owned(r.volumes, caller, VolumeId(id), errors::volume_not_found);
  if (prefix == "sg")
    return owned(r.security_groups, caller, SecurityGroupId(id), errors::group_not_found);
  if (prefix == "key") return owned(r.key_pairs, caller, KeyPairId(id), errors::key_pair_not_found);
  if (prefix == "sgr") return rule_target(r, caller, id);
  return resolve_network(r, caller, prefix, id);
}

Result<std::vector<TagTarget>> resolve_all(World& world, const Caller& caller,
                                           const std::vector<std::string>& ids) {
  if (ids.empty()) return errors::missing_resource_ids();
  std::vector<TagTarget> out;
  for (const auto& id : ids) {
    auto target = resolve(world, caller, id);
    if (!target) return target.error();
    out.push_back(std::move(*target));
  }
  return out;
}

}  // namespace

Status create_tags(World& world, const Caller& caller, const std::vector<std::string>& resource_ids,
                   const std::vector<Tag>& tags, bool dry_run) {
  auto targets = resolve_all(world, caller, resource_ids);
  if (!targets) return targets.error();
  if (tags.empty()) return errors::missing_tags();
  for (const TagTarget& target : *targets) {
    if (auto s = validate_tags(tags, target.seen()); !s) return s;
  }
  if (dry_run) return errors::dry_run();
  for (const TagTarget& target : *targets) {
    target.before();
    apply_tags(target.writable(), tags);
    target.tidy();
  }
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
  for (const TagTarget& target : *targets) {
    if (target.seen().empty()) continue;  // none of the caller's: nothing to delete
    target.before();
    Tags& existing = target.writable();
    if (tags.empty()) existing.clear();
    for (const auto& t : tags) {
      auto it = existing.find(t.key);
      if (it != existing.end() && (!t.value || *t.value == it->second)) existing.erase(it);
    }
    target.tidy();
  }
  return ok_status();
}

namespace {

// The rows of `viewer`'s own tags on the resources of `map` it may see.
template <class Map, class Visible>
void add_rows(const Map& map, const AccountId& viewer, std::string_view type, Visible visible,
              std::vector<TagDescription>& out) {
  for (const auto& [id, resource] : map) {
    if (!visible(resource)) continue;
    for (const auto& [k, v] : tags_seen_by(resource, viewer))
      out.push_back(TagDescription{id.str(), std::string(type), k, v});
  }
}

std::vector<TagDescription> all_tags(const World& world, const Caller& caller) {
  const RegionState& r = world.region_of(caller);
  const AccountId& me = caller.account;
  const auto mine = [&](const auto& resource) { return resource.owner == me; };
  const auto image_seen = [&](const Image& i) {
    return i.state != ImageState::kDeregistered && image_visible_to(i, me);
  };
  const auto snapshot_seen = [&](const Snapshot& s) { return snapshot_visible_to(r, s, me); };
  std::vector<TagDescription> out;
  add_rows(r.images, me, "image", image_seen, out);
  add_rows(r.instances, me, "instance", mine, out);
  add_rows(r.volumes, me, "volume", mine, out);
  add_rows(r.snapshots, me, "snapshot", snapshot_seen, out);
  add_rows(r.security_groups, me, "security-group", mine, out);
  add_rows(r.key_pairs, me, "key-pair", mine, out);
  for (const auto& [id, group] : r.security_groups) {
    if (group.owner != me) continue;
    for (const SecurityGroupRule& rule : group.rules)
      for (const auto& [k, v] : rule.tags)
        out.push_back(TagDescription{rule.id.str(), "security-group-rule", k, v});
  }
  add_rows(r.vpcs, me, "vpc", mine, out);
  add_rows(r.subnets, me, "subnet", mine, out);
  add_rows(r.internet_gateways, me, "internet-gateway", mine, out);
  add_rows(r.route_tables, me, "route-table", mine, out);
  add_rows(r.network_acls, me, "network-acl", mine, out);
  add_rows(r.network_interfaces, me, "network-interface", mine, out);
  add_rows(r.addresses, me, "elastic-ip", mine, out);
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
