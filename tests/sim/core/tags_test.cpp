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
