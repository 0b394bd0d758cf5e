#include "sim/core/tags.hpp"

#include <catch2/catch.hpp>

using namespace amisim;

using namespace sim;

TEST_CASE("Only keys that start with lower-case aws: are AWS-reserved") {
  CHECK(is_aws_reserved_key("aws:cloudformation:stack-name"));
  CHECK(is_aws_reserved_key("aws:"));
  CHECK_FALSE(is_aws_reserved_key("aws"));
  CHECK_FALSE(is_aws_reserved_key("Name"));
  CHECK_FALSE(is_aws_reserved_key(""));
  CHECK_FALSE(is_aws_reserved_key("my-aws:key"));
  CHECK_FALSE(is_aws_reserved_key("AWS:key"));  // as amisim has always compared it [?]
}

TEST_CASE("Copying user tags leaves out aws: ones and overwrites same-named tags") {
  const Tags from = {{"aws:ec2launchtemplate:id", "lt-1"}, {"Name", "web"}, {"team", "a"}};
  Tags into = {{"team", "b"}, {"keep", "yes"}};
  copy_user_tags(into, from);
  CHECK(into == Tags{{"Name", "web"}, {"keep", "yes"}, {"team", "a"}});
}

TEST_CASE("Users may not set an aws: tag") {
  auto refused = validate_tags({{"aws:owner", "me"}});
  REQUIRE_FALSE(refused);
  CHECK(refused.error().message == "Tag keys starting with 'aws:' are reserved for internal use");
  CHECK(validate_tags({{"owner:aws", "me"}}));
}

namespace {

const AccountId kOwner("111111111111");
const AccountId kGrantee("222222222222");

// A resource that can be shared, and one that cannot, with just what the rule reads.
struct SharedThing {
  AccountId owner = kOwner;
  Tags tags;
  GranteeTags grantee_tags;
};
struct PrivateThing {
  AccountId owner = kOwner;
  Tags tags;
};

}  // namespace

TEST_CASE("Each account sees its own tags on a shareable resource, never another's") {
  SharedThing r;
  r.tags = {{"secret", "a-private-value"}};
  CHECK(tags_seen_by(r, kOwner) == Tags{{"secret", "a-private-value"}});
  CHECK(tags_seen_by(r, kGrantee).empty());
  apply_tags(tags_set_by(r, kGrantee), {{"team", "b"}});
  CHECK(tags_seen_by(r, kGrantee) == Tags{{"team", "b"}});
  CHECK(tags_seen_by(r, kOwner) == Tags{{"secret", "a-private-value"}});
  CHECK(&tags_set_by(r, kOwner) == &r.tags);
  // An emptied set of a grantee's is forgotten; the owner's stays.
  tags_set_by(r, kGrantee).clear();
  forget_empty_tags(r, kGrantee);
  CHECK(r.grantee_tags.empty());
  r.tags.clear();
  forget_empty_tags(r, kOwner);
  CHECK(r.grantee_tags.empty());
}

TEST_CASE("Only the owner sees the tags of a resource that cannot be shared") {
  PrivateThing r;
  r.tags = {{"env", "prod"}};
  CHECK(tags_seen_by(r, kOwner) == r.tags);
  CHECK(tags_seen_by(r, kGrantee).empty());
  STATIC_REQUIRE(Shareable<SharedThing>);
  STATIC_REQUIRE_FALSE(Shareable<PrivateThing>);
}

TEST_CASE("Tag filters read keys for tag-key and one key's value for tag:<key>") {
  const Tags tags = {{"Name", "web"}, {"env", "prod"}};
  CHECK(tag_filter_values(tags, "tag-key") == std::vector<std::string>{"Name", "env"});
  CHECK(tag_filter_values(tags, "tag:env") == std::vector<std::string>{"prod"});
  CHECK(tag_filter_values(tags, "tag:team") == std::vector<std::string>{});
  CHECK_FALSE(tag_filter_values(tags, "name"));
  CHECK(is_tag_filter("tag:x"));
  CHECK(is_tag_filter("tag-key"));
  CHECK_FALSE(is_tag_filter("tag-value"));
  CHECK_FALSE(is_tag_filter("key"));
}
