#include "sim/core/query.hpp"

#include <fmt/format.h>
#include <rapidcheck/catch.h>

#include <catch2/catch.hpp>
#include <set>

using namespace amisim;

using namespace sim;

// EC2 user guide, Using_Filtering.md: '*' zero or more characters, '?' zero or one, backslash
// escapes.
TEST_CASE("Filter wildcards follow the EC2 user guide") {
  CHECK(wildcard_match("al2023-ami-*", "al2023-ami-2023.6-x86_64"));
  CHECK_FALSE(wildcard_match("al2023-ami-*", "amzn2-ami-hvm"));
  CHECK(wildcard_match("*", ""));
  CHECK(wildcard_match("ab?d", "abcd"));
  CHECK(wildcard_match("ab?d", "abd"));  // '?' may match nothing
  CHECK_FALSE(wildcard_match("ab?d", "abxxd"));
  CHECK(wildcard_match("a\\*b", "a*b"));
  CHECK_FALSE(wildcard_match("a\\*b", "axb"));
  CHECK_FALSE(wildcard_match("Name", "name"));  // case-sensitive
}

TEST_CASE("A literal prefix stops at the first unescaped wildcard") {
  bool literal = false;
  CHECK(literal_prefix("al2023-*-x86?", &literal) == "al2023-");
  CHECK_FALSE(literal);
  CHECK(literal_prefix("a\\*b", &literal) == "a*b");
  CHECK(literal);
}

TEST_CASE("MaxResults follows each operation's rule") {
  PageRequest page;
  page.max_results = 3;
  auto small = check_page_request(page, kDescribeInstancesPages, false);
  REQUIRE_FALSE(small.ok());
  CHECK(small.error().message ==
        "Value ( 3 ) for parameter maxResults is invalid. Expecting a value greater than 5.");
  page.max_results = 10;
  auto with_ids = check_page_request(page, kDescribeInstancesPages, true);
  REQUIRE_FALSE(with_ids.ok());
  CHECK(with_ids.error().name() == std::string("InvalidParameterCombination"));
  CHECK(with_ids.error().message ==
        "The parameter instancesSet cannot be used with the parameter maxResults");
}

TEST_CASE("Above its maximum, MaxResults is clamped or refused as the rule says") {
  PageRequest page;
  page.max_results = 1001;
  CHECK(check_page_request(page, kDescribeSnapshotsPages, false).ok());
  auto refused = check_page_request(page, kDescribeSecurityGroupsPages, false);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().name() == std::string("InvalidParameterValue"));
  page.max_results = 201;
  CHECK(check_page_request(page, kDescribeLaunchTemplatesPages, false).error().message ==
        "Maximum results allowed are between 1 and 200");
  // A clamped page holds at most the maximum.
  std::vector<std::string> items;
  for (int i = 0; i < 1200; ++i) items.push_back(fmt::format("{:05}", i));
  std::string next;
  page.max_results = 5000;
  auto got = paginate(
      items, page, kDescribeSnapshotsPages, [](const std::string& s) { return s; }, next);
  REQUIRE(got.ok());
  CHECK(got->size() == 1000);
  CHECK_FALSE(next.empty());
}

TEST_CASE("Pages cover every item exactly once, in order") {
  rc::prop("following NextToken visits each item once", [](std::set<std::string> keys) {
    const long size = *rc::gen::inRange(5, 40);
    const std::vector<std::string> items(keys.begin(), keys.end());
    std::vector<std::string> seen;
    PageRequest page;
    page.max_results = size;
    for (int guard = 0; guard < 1000; ++guard) {
      std::string next;
      auto got = paginate(
          items, page, kDescribeInstancesPages, [](const std::string& s) { return s; }, next);
      RC_ASSERT(got.ok());
      RC_ASSERT(got->size() <= static_cast<std::size_t>(size));
      seen.insert(seen.end(), got->begin(), got->end());
      if (next.empty()) break;
      page.next_token = next;
    }
    RC_ASSERT(seen == items);
  });
}

TEST_CASE("A forged page token is refused") {
  std::string next;
  PageRequest page;
  page.next_token = "not-a-token";
  auto got = paginate(
      std::vector<std::string>{"a"}, page, kDescribeInstancesPages,
      [](const std::string& s) { return s; }, next);
  REQUIRE_FALSE(got.ok());
  CHECK(got.error().name() == std::string("InvalidPaginationToken"));
}
