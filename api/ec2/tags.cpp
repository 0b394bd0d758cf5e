// CreateTags, DeleteTags, DescribeTags across resource types: SDK-shaped JSON to the model's
// tagging calls (sim/tagging.hpp) and back to the TagDescription shape.
#include "api/ec2/input.hpp"
#include "sim/tagging.hpp"

namespace amisim::ec2 {
namespace {

Json create_tags(sim::World& world, const sim::Caller& caller, const Json& in) {
  const std::vector<std::string> resources = strings(in, "Resources");
  unwrap(sim::create_tags(world, caller, resources, tag_list(in), dry_run(in)));
  return Json::object();  // CreateTags has no output shape
}

// DeleteTags' Tags: a Key alone deletes the tag whatever its value; a Key with a Value (even "")
// deletes it only when the value matches (EC2 API reference, DeleteTags).
std::vector<sim::TagToDelete> tags_to_delete(const Json& in) {
  std::vector<sim::TagToDelete> out;
  for (const Json* t : objects(in, "Tags")) {
    out.push_back({string_or(*t, "Key"), opt_string_as_sent(*t, "Value")});
  }
  return out;
}

Json delete_tags(sim::World& world, const sim::Caller& caller, const Json& in) {
  const std::vector<std::string> resources = strings(in, "Resources");
  unwrap(sim::delete_tags(world, caller, resources, tags_to_delete(in), dry_run(in)));
  return Json::object();  // DeleteTags has no output shape
}

Json describe_tags(sim::World& world, const sim::Caller& caller, const Json& in) {
  sim::DescribeTagsRequest r;
  r.filters = filters(in);
  r.page = page(in);
  const sim::World& view = world;
  sim::DescribeTagsResult found = unwrap(sim::describe_tags(view, caller, r));
  Json tags = Json::array();
  for (const sim::TagDescription& t : found.tags) {
    tags.push_back({{"Key", t.key},
                    {"Value", t.value},
                    {"ResourceId", t.resource_id},
                    {"ResourceType", t.resource_type}});
  }
  Json out = {{"Tags", std::move(tags)}};
  put_nonempty(out, "NextToken", found.next_token);
  return out;
}

constexpr HandlerEntry kTagHandlers[] = {
    {"CreateTags", create_tags, true},
    {"DeleteTags", delete_tags, true},
    {"DescribeTags", describe_tags, false},
};

}  // namespace

std::span<const HandlerEntry> tag_handlers() { return kTagHandlers; }

}  // namespace amisim::ec2
