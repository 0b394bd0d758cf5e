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

// What an operation does with a MaxResults above its maximum.
enum class AboveMaximum {
  kClamp,   // answers pages of at most the maximum, as if the maximum had been asked for
  kRefuse,  // InvalidParameterValue, like a value below the minimum
};

// How an operation words a MaxResults outside its range: AWS words it differently per operation.
enum class RangeWording {
  // "Value ( 3 ) for parameter maxResults is invalid. Expecting a value greater than 5." (below,
  // [obs] DescribeInstances); above: "... Expecting a value less than or equal to 1000." (the
  // wording [obs] on DescribeAddressTransfers; [?] for the operations here).
  kValueGreaterThan,
  // "Maximum results allowed are between 1 and 200" at either end ([obs] DescribeLaunchTemplates
  // and DescribeLaunchTemplateVersions).
  kAllowedBetween,
  // [?] "Value ( 0 ) for parameter maxResults is invalid. Expecting a value between 1 and 200."
  kValueBetween,
};

// An operation's MaxResults/NextToken rules.
struct PageRule {
  long min_results;  // below: InvalidParameterValue
  long max_results;  // above: `above` says
  AboveMaximum above;
  RangeWording wording;
  std::string_view ids_set;  // "instancesSet": MaxResults with IDs is InvalidParameterCombination
};

// Every operation's rule, in one place. The range comes from the service model where its shape
// has min/max (fixtures/aws/: DescribeSecurityGroups, DescribeLaunchTemplates,
// DescribeStoreImageTasks, DescribeExportImageTasks), else from the API reference's text
// ("This value can be between 5 and 1000"; MODEL-1.29 kept it for instances, snapshots, volumes
// and tags, the current model for tags and launch template versions), else [?]. Above the
// maximum: refused where the model constrains the member; clamped where the API reference says
// "if MaxResults is given a value larger than 1,000, only 1,000 results are returned"
// (DescribeSnapshots, DescribeVolumes with 500); clamped for DescribeInstances, which a
// third-party emulator whose MaxResults refusals are captured from AWS lists as accepting
// MaxResults=5000 ([3p] mulgadc/spinifex, TestEC2Request_MaxResultsInRange); [?] clamped for the
// rest, whose text gives a range but not what lies beyond it.
inline constexpr PageRule kDescribeInstancesPages{5, 1000, AboveMaximum::kClamp,
                                                  RangeWording::kValueGreaterThan, "instancesSet"};
// The model's DescribeInstanceCreditSpecificationsMaxResults is 5-1000 (refused beyond); with IDs
// it is refused ("You cannot specify this parameter and the instance IDs parameter in the same
// call", API reference), [?] naming the IDs' wire name.
inline constexpr PageRule kDescribeInstanceCreditSpecificationsPages{
    5, 1000, AboveMaximum::kRefuse, RangeWording::kValueGreaterThan, "InstanceId"};
// [?] The API reference's range for DescribeInstanceStatus is DescribeInstances'; so is the clamp.
inline constexpr PageRule kDescribeInstanceStatusPages{
    5, 1000, AboveMaximum::kClamp, RangeWording::kValueGreaterThan, "instancesSet"};
inline constexpr PageRule kDescribeSnapshotsPages{5, 1000, AboveMaximum::kClamp,
                                                  RangeWording::kValueGreaterThan, "snapshotSet"};
inline constexpr PageRule kDescribeVolumesPages{5, 500, AboveMaximum::kClamp,
                                                RangeWording::kValueGreaterThan, "volumeSet"};
// DescribeImages' range is published nowhere ([?] fact sheet §1.7): DescribeInstances' is used.
inline constexpr PageRule kDescribeImagesPages{5, 1000, AboveMaximum::kClamp,
                                               RangeWording::kValueGreaterThan, "imageIdsSet"};
// [?] Above 1000: clamped, as DescribeInstances, whose API reference uses the same words.
inline constexpr PageRule kDescribeTagsPages{5, 1000, AboveMaximum::kClamp,
                                             RangeWording::kValueGreaterThan, ""};
inline constexpr PageRule kDescribeSecurityGroupsPages{
    5, 1000, AboveMaximum::kRefuse, RangeWording::kValueGreaterThan, "groupIdSet"};
// The model's DescribeSecurityGroupRulesMaxResults is 5-1000; rule IDs and MaxResults may be
// given together [?].
inline constexpr PageRule kDescribeSecurityGroupRulesPages{5, 1000, AboveMaximum::kRefuse,
                                                           RangeWording::kValueGreaterThan, ""};
inline constexpr PageRule kDescribeLaunchTemplatesPages{1, 200, AboveMaximum::kRefuse,
                                                        RangeWording::kAllowedBetween, ""};
inline constexpr PageRule kDescribeLaunchTemplateVersionsPages{1, 200, AboveMaximum::kRefuse,
                                                               RangeWording::kAllowedBetween, ""};
// DescribeStoreImageTasks' own error for MaxResults with ImageIds comes first (store_restore.cpp).
inline constexpr PageRule kDescribeStoreImageTasksPages{1, 200, AboveMaximum::kRefuse,
                                                        RangeWording::kValueBetween, ""};
inline constexpr PageRule kDescribeExportImageTasksPages{1, 500, AboveMaximum::kRefuse,
                                                         RangeWording::kValueBetween, ""};
// [?] DescribeImportImageTasks and DescribeImportSnapshotTasks: no range published; the export
// tasks' range, clamped.
inline constexpr PageRule kDescribeImportTasksPages{1, 500, AboveMaximum::kClamp,
                                                    RangeWording::kValueBetween, ""};
// [?] DescribeSnapshotTierStatus: no range published; DescribeSnapshots' rule, without IDs.
inline constexpr PageRule kDescribeSnapshotTierStatusPages{5, 1000, AboveMaximum::kClamp,
                                                           RangeWording::kValueGreaterThan, ""};

// The network's Describe calls: the service model's ranges (DescribeVpcsMaxResults, ... 5-1000;
// DescribeRouteTablesMaxResults 5-100), refused outside them. [?] MaxResults with IDs is accepted
// (no ids_set): the API reference states no such rule for these calls.
inline constexpr PageRule kDescribeVpcsPages{5, 1000, AboveMaximum::kRefuse,
                                             RangeWording::kValueGreaterThan, ""};
inline constexpr PageRule kDescribeSubnetsPages = kDescribeVpcsPages;
inline constexpr PageRule kDescribeInternetGatewaysPages = kDescribeVpcsPages;
inline constexpr PageRule kDescribeNetworkAclsPages = kDescribeVpcsPages;
inline constexpr PageRule kDescribeNetworkInterfacesPages = kDescribeVpcsPages;
inline constexpr PageRule kDescribeRouteTablesPages{5, 100, AboveMaximum::kRefuse,
                                                    RangeWording::kValueGreaterThan, ""};

// Validates MaxResults against the rule; `ids_given` = the request named IDs. Errors:
// InvalidParameterCombination (MaxResults with IDs, checked first), InvalidParameterValue (below
// the minimum; above the maximum where the rule refuses it).
Status check_page_request(const PageRequest& page, const PageRule& rule, bool ids_given);

// The position a NextToken stands for: the key of the last item already returned.
// Tokens are opaque to callers; an unreadable one is InvalidPaginationToken.
std::string make_page_token(std::string_view last_key);
Result<std::string> read_page_token(std::string_view token);

// Cuts one page out of `items`, which must be sorted by `key(item)`: at most MaxResults items, or
// the rule's maximum when MaxResults is above it. Returns the page and sets `next_token` to "" on
// the last page. Call check_page_request first.
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
