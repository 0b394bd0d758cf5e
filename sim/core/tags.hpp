// Tags: key/value pairs on any resource. Ordered by key so output order is stable. Tags belong to
// the account that set them: tags_seen_by below is the one rule for who sees which.
#pragma once

#include <cassert>
#include <concepts>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/core/ids.hpp"
#include "sim/core/rare.hpp"
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

// True for the tag filters of Describe calls: "tag-key" and "tag:<key>".
bool is_tag_filter(std::string_view filter_name);

// The values a tag filter compares against in `tags`: every key for "tag-key", the value of <key>
// (none when the tag is absent) for "tag:<key>"; nullopt for a name that is not a tag filter.
std::optional<std::vector<std::string>> tag_filter_values(const Tags& tags,
                                                          std::string_view filter_name);

// --- who sees which tags ---------------------------------------------------------------------

// The tags accounts other than the owner set on a resource they may use (an image or a snapshot
// shared with them or public), by account. The owner's own are the resource's `tags`.
using GranteeTags = std::map<AccountId, Tags>;

// A resource its owner can share with other accounts: besides the owner's `tags` it keeps the
// `grantee_tags` other accounts set on it. A new shareable resource type gets that member, and the
// rule below covers it.
// Either member may be Rare (sim/core/rare.hpp): value_of and mutable_of read and change both
// kinds.
template <class R>
concept Shareable = requires(const R& r) {
  { value_of(r.grantee_tags) } -> std::same_as<const GranteeTags&>;
};

// What an account sees on a resource it set no tags on.
inline const Tags kNoTags;

// THE tag visibility rule. Tags belong to the account that set them: "When you tag public or
// shared resources, the tags you assign are available only to your AWS account; no other AWS
// account will have access to those tags" (EC2 user guide, "Tag your Amazon EC2 resources", Tag
// restrictions; "Share an AMI with specific AWS accounts"; aws-facts.md §3.8). Returns the tags
// `viewer` sees on `resource`: the owner its `tags`; any other account the tags it set itself on a
// shareable resource, and none on any other. Every describe output, tag filter and DescribeTags row
// reads tags through this; the caller first checks that `viewer` may see the resource at all.
template <class R>
const Tags& tags_seen_by(const R& resource, const AccountId& viewer) {
  if (resource.owner == viewer) return value_of(resource.tags);
  if constexpr (Shareable<R>) {
    const GranteeTags& grantees = value_of(resource.grantee_tags);
    auto it = grantees.find(viewer);
    if (it != grantees.end()) return it->second;
  }
  return kNoTags;
}

// The same rule for writing: the tag set CreateTags and DeleteTags change for `account` on a
// resource it may see. The owner's `tags`; another account's own entry of a shareable resource,
// made on first use (forget_empty_tags drops it again once empty, so it leaves no trace).
template <class R>
Tags& tags_set_by(R& resource, const AccountId& account) {
  if constexpr (Shareable<R>) {
    if (resource.owner != account) return mutable_of(resource.grantee_tags)[account];
  }
  assert(resource.owner == account);  // nobody else can see a resource that cannot be shared
  return mutable_of(resource.tags);
}

template <class R>
void forget_empty_tags(R& resource, const AccountId& account) {
  if constexpr (Shareable<R>) {
    const GranteeTags& grantees = value_of(resource.grantee_tags);
    auto it = grantees.find(account);
    if (it != grantees.end() && it->second.empty()) {
      if (grantees.size() == 1) {
        resource.grantee_tags = GranteeTags{};  // a Rare member frees its block
      } else {
        mutable_of(resource.grantee_tags).erase(account);
      }
    }
  }
}

}  // namespace amisim::sim
