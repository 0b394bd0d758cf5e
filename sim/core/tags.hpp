// Tags: key/value pairs on any resource. Ordered by key so output order is stable.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "sim/core/result.hpp"

namespace amisim::sim {

using Tags = std::map<std::string, std::string>;

struct Tag {
  std::string key;
  std::string value;
};

// One TagSpecifications entry of a create call: which resource type, which tags.
struct TagSpecification {
  std::string resource_type;  // "instance", "volume", "image", "snapshot", ...
  std::vector<Tag> tags;
};

inline constexpr std::size_t kMaxTagsPerResource = 50;

// True for the key of one of AWS's own tags, "aws:..." (lower case only [?]): users may neither
// set nor delete such a tag ("Tag keys starting with 'aws:' are reserved for internal use", fact
// sheet), and what is made from a resource does not carry it (§4 CopyImageTags, §6).
bool is_aws_reserved_key(std::string_view key);

// Merges the user tags of `from` (every tag but the aws: ones) into `into`: the tags a copy,
// a restore or an image made with CopyImageTags carries over.
void copy_user_tags(Tags& into, const Tags& from);

// Checks user tags: each key and value as sim/core/text.hpp says (XML text, key 1-128 characters
// without the "aws:" prefix, value at most 256), at most 50 per resource once merged into
// `existing`. Errors: InvalidParameterValue, TagLimitExceeded.
Status validate_tags(const std::vector<Tag>& tags, const Tags& existing = {});

// Merges `tags` into `into` (later values win).
void apply_tags(Tags& into, const std::vector<Tag>& tags);

// The tags of every specification whose resource type is `type`.
std::vector<Tag> tags_for(const std::vector<TagSpecification>& specs, const std::string& type);

// Checks that every specification names one of `allowed` resource types (InvalidParameterValue
// otherwise, as AWS answers e.g. CreateImage with a "instance" tag specification).
Status check_tag_resource_types(const std::vector<TagSpecification>& specs,
                                const std::vector<std::string>& allowed);

}  // namespace amisim::sim
