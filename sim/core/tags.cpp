#include "sim/core/tags.hpp"

#include <algorithm>

#include "sim/core/text.hpp"

namespace amisim::sim {

bool is_aws_reserved_key(std::string_view key) { return key.substr(0, 4) == "aws:"; }

void copy_user_tags(Tags& into, const Tags& from) {
  for (const auto& [key, value] : from) {
    if (!is_aws_reserved_key(key)) into[key] = value;
  }
}

Status validate_tags(const std::vector<Tag>& tags, const Tags& existing) {
  Tags merged = existing;
  for (const Tag& tag : tags) {
    if (auto s = check_tag_key(tag.key); !s) return s;
    if (auto s = check_tag_value(tag.value); !s) return s;
    merged[tag.key] = tag.value;
  }
  // Tags with the aws: prefix (EC2's own, such as a launch template's on an instance) do not count
  // toward the limit (AWS tag restrictions: "Tags with the aws: prefix do not count against your
  // tags per resource limit").
  const auto counted = std::count_if(merged.begin(), merged.end(), [](const auto& tag) {
    return !is_aws_reserved_key(tag.first);
  });
  if (static_cast<std::size_t>(counted) > kMaxTagsPerResource) return errors::tag_limit_exceeded();
  return ok_status();
}

void apply_tags(Tags& into, const std::vector<Tag>& tags) {
  for (const Tag& tag : tags) into[tag.key] = tag.value;
}

std::vector<Tag> tags_for(const std::vector<TagSpecification>& specs, const std::string& type) {
  std::vector<Tag> out;
  for (const auto& spec : specs) {
    if (spec.resource_type == type) out.insert(out.end(), spec.tags.begin(), spec.tags.end());
  }
  return out;
}

bool is_tag_filter(std::string_view filter_name) {
  return filter_name == "tag-key" || filter_name.substr(0, 4) == "tag:";
}

std::optional<std::vector<std::string>> tag_filter_values(const Tags& tags,
                                                          std::string_view filter_name) {
  if (!is_tag_filter(filter_name)) return std::nullopt;
  std::vector<std::string> out;
  if (filter_name == "tag-key") {
    for (const auto& [key, value] : tags) out.push_back(key);
  } else if (auto it = tags.find(std::string(filter_name.substr(4))); it != tags.end()) {
    out.push_back(it->second);
  }
  return out;
}

Status check_tag_resource_types(const std::vector<TagSpecification>& specs,
                                const std::vector<std::string>& allowed) {
  for (const auto& spec : specs) {
    if (std::find(allowed.begin(), allowed.end(), spec.resource_type) == allowed.end())
      return errors::tag_resource_type_invalid(spec.resource_type);
  }
  return ok_status();
}

}  // namespace amisim::sim
