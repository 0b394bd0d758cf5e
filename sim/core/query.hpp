// What every Describe call shares: filters with AWS's wildcard rules, and MaxResults/NextToken
// pagination with AWS's limits.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/core/result.hpp"

namespace amisim::sim {

// One Filter.N entry: a name and values. Values within one filter OR; filters AND.
struct Filter {
  std::string name;
  std::vector<std::string> values;
};

inline constexpr std::size_t kMaxFilterValues = 200;  // FilterLimitExceeded above this [?]

// AWS filter wildcards: '*' matches zero or more characters, '?' zero or one (as the EC2 user
// guide documents it, "Using_Filtering.md"), backslash escapes a literal '*', '?' or '\'.
// Matching is case-sensitive.
bool wildcard_match(std::string_view pattern, std::string_view text);

// True when any pattern matches any of the values.
bool any_match(const std::vector<std::string>& patterns, const std::vector<std::string>& values);
bool any_match(const std::vector<std::string>& patterns, std::string_view value);

// The literal prefix of a pattern before its first unescaped wildcard (for index range scans),
// and whether the whole pattern is literal.
std::string literal_prefix(std::string_view pattern, bool* fully_literal = nullptr);

// Checks filter counts (FilterLimitExceeded).
Status check_filters(const std::vector<Filter>& filters);

// MaxResults/NextToken of a request.
struct PageRequest {
  std::optional<long> max_results;
  std::string next_token;
};

// An operation's pagination rules, from the EC2 API reference (fact sheet §1.7).
struct PageRule {
  long min_results;          // below: InvalidParameterValue "... greater than N"
  long max_results;          // above: clamped
  std::string_view ids_set;  // "instancesSet": MaxResults with IDs is InvalidParameterCombination
};

inline constexpr PageRule kDescribeInstancesPages{5, 1000, "instancesSet"};
inline constexpr PageRule kDescribeSnapshotsPages{5, 1000, "snapshotSet"};
inline constexpr PageRule kDescribeVolumesPages{5, 500, "volumeSet"};
// DescribeImages' range is not published ([?] fact sheet §1.7); the instances range is used.
inline constexpr PageRule kDescribeImagesPages{5, 1000, "imageIdsSet"};
inline constexpr PageRule kDescribeTagsPages{5, 1000, ""};
inline constexpr PageRule kDescribeKeyPairsPages{5, 1000, "keyNameSet"};
inline constexpr PageRule kDescribeSecurityGroupsPages{5, 1000, "groupIdSet"};
inline constexpr PageRule kDescribeInstanceStatusPages{5, 1000, "instancesSet"};

// Validates MaxResults against the rule; `ids_given` = the request named IDs.
Status check_page_request(const PageRequest& page, const PageRule& rule, bool ids_given);

// The position a NextToken stands for: the key of the last item already returned.
// Tokens are opaque to callers; an unreadable one is InvalidPaginationToken.
std::string make_page_token(std::string_view last_key);
Result<std::string> read_page_token(std::string_view token);

// Cuts one page out of `items`, which must be sorted by `key(item)`. Returns the page and sets
// `next_token` to "" on the last page. Call check_page_request first.
template <class T, class KeyFn>
Result<std::vector<T>> paginate(std::vector<T> items, const PageRequest& page, const PageRule& rule,
                                KeyFn key, std::string& next_token) {
  next_token.clear();
  std::size_t begin = 0;
  if (!page.next_token.empty()) {
    auto after = read_page_token(page.next_token);
    if (!after) return after.error();
    while (begin < items.size() && !(*after < key(items[begin]))) ++begin;
  }
  std::size_t limit = items.size() - begin;
  if (page.max_results) {
    const long capped = *page.max_results > rule.max_results ? rule.max_results : *page.max_results;
    if (static_cast<std::size_t>(capped) < limit) limit = static_cast<std::size_t>(capped);
  }
  std::vector<T> out;
  out.reserve(limit);
  for (std::size_t i = begin; i < begin + limit; ++i) out.push_back(std::move(items[i]));
  if (begin + limit < items.size() && !out.empty()) next_token = make_page_token(key(out.back()));
  return out;
}

}  // namespace amisim::sim
