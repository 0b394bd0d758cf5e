// Tag operations across resource types: CreateTags, DeleteTags, DescribeTags. A resource is found
// by its ID prefix (ami-, i-, vol-, snap-, sg-, key-) in the caller's Region. Tags belong to the
// account that set them (tags_seen_by, sim/core/tags.hpp): a caller reads and writes only its own,
// on its own resources and on the images and snapshots it may use (shared with it, or public).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sim/core/query.hpp"
#include "sim/state/world.hpp"

namespace amisim::sim {

// Sets the caller's own tags on the resources. Errors: MissingParameter (no IDs or no tags),
// InvalidID (unknown prefix or malformed ID), the resource's NotFound error (also another
// account's resource the caller may not use; another account's image it may not launch is
// AuthFailure as for every owner-only image action), InvalidParameterValue, TagLimitExceeded (50
// of the caller's own per resource [?] for a shared one). All-or-nothing: nothing changes unless
// every resource and tag passes.
Status create_tags(World& world, const Caller& caller, const std::vector<std::string>& resource_ids,
                   const std::vector<Tag>& tags, bool dry_run = false);

struct TagToDelete {
  std::string key;
  std::optional<std::string> value;  // only delete when the value matches
};
// Deletes the caller's own tags (none listed = all of them); errors as create_tags.
Status delete_tags(World& world, const Caller& caller, const std::vector<std::string>& resource_ids,
                   const std::vector<TagToDelete>& tags, bool dry_run = false);

struct TagDescription {
  std::string resource_id;
  std::string resource_type;  // "image", "instance", "volume", "snapshot", "security-group",
                              // "key-pair"
  std::string key;
  std::string value;
};
struct DescribeTagsRequest {
  std::vector<Filter> filters;  // key, value, resource-id, resource-type, tag:<key>
  PageRequest page;
};
struct DescribeTagsResult {
  std::vector<TagDescription> tags;
  std::string next_token;
};
// The caller's own tags on the resources it may see in the caller's Region, ordered by resource ID
// then key (the NextToken key).
// Errors: InvalidFilter, FilterLimitExceeded, InvalidParameterValue (MaxResults < 5),
// InvalidPaginationToken.
Result<DescribeTagsResult> describe_tags(const World& world, const Caller& caller,
                                         const DescribeTagsRequest& request);

}  // namespace amisim::sim
