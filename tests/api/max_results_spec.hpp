// What each EC2 operation does with MaxResults, written out as a specification for the tests
// (ec2_pagination_test.cpp, properties/max_results_properties.cpp) rather than read from
// sim/core/query.hpp, where the rules live with their sources.
#pragma once

#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace test::max_results {

using Json = nlohmann::json;

enum class Above { kClamp, kRefuse };
enum class Words { kGreaterThan, kAllowedBetween, kValueBetween };

struct Case {
  const char* action;
  long min;
  long max;
  Above above;
  Words words;
  Json input = Json::object();  // what the action needs besides MaxResults
  // The same as Query form fields, where their wire names differ from the SDK's ("ImageId.1"
  // for "ImageIds"); empty when `input` serves both doors.
  Json form = Json::object();
};

// Every supported operation whose input has MaxResults.
inline std::vector<Case> max_results_cases(const std::string& template_id) {
  using A = Above;
  using W = Words;
  return {
      {"DescribeImages", 5, 1000, A::kClamp, W::kGreaterThan},
      {"DescribeInstances", 5, 1000, A::kClamp, W::kGreaterThan},
      {"DescribeInstanceStatus", 5, 1000, A::kClamp, W::kGreaterThan},
      {"DescribeSnapshots", 5, 1000, A::kClamp, W::kGreaterThan},
      {"DescribeVolumes", 5, 500, A::kClamp, W::kGreaterThan},
      {"DescribeTags", 5, 1000, A::kClamp, W::kGreaterThan},
      {"DescribeSecurityGroups", 5, 1000, A::kRefuse, W::kGreaterThan},
      {"DescribeSecurityGroupRules", 5, 1000, A::kRefuse, W::kGreaterThan},
      {"DescribeLaunchTemplates", 1, 200, A::kRefuse, W::kAllowedBetween},
      {"DescribeLaunchTemplateVersions",
       1,
       200,
       A::kRefuse,
       W::kAllowedBetween,
       {{"LaunchTemplateId", template_id}}},
      {"DescribeStoreImageTasks", 1, 200, A::kRefuse, W::kValueBetween},
      {"DescribeExportImageTasks", 1, 500, A::kRefuse, W::kValueBetween},
      {"DescribeImportImageTasks", 1, 500, A::kClamp, W::kValueBetween},
      {"DescribeImportSnapshotTasks", 1, 500, A::kClamp, W::kValueBetween},
      {"DescribeSnapshotTierStatus", 5, 1000, A::kClamp, W::kGreaterThan},
      {"DescribeInstanceTypes", 5, 100, A::kRefuse, W::kGreaterThan},
      {"DescribeInstanceTypeOfferings", 5, 1000, A::kRefuse, W::kGreaterThan},
      {"DescribeInstanceCreditSpecifications", 5, 1000, A::kRefuse, W::kGreaterThan},
      {"DescribeVpcs", 5, 1000, A::kRefuse, W::kGreaterThan},
      {"DescribeSubnets", 5, 1000, A::kRefuse, W::kGreaterThan},
      {"DescribeInternetGateways", 5, 1000, A::kRefuse, W::kGreaterThan},
      {"DescribeNetworkAcls", 5, 1000, A::kRefuse, W::kGreaterThan},
      {"DescribeNetworkInterfaces", 5, 1000, A::kRefuse, W::kGreaterThan},
      {"DescribeRouteTables", 5, 100, A::kRefuse, W::kGreaterThan},
      {"ListImagesInRecycleBin", 1, 1000, A::kRefuse, W::kValueBetween},
      {"ListSnapshotsInRecycleBin", 5, 1000, A::kRefuse, W::kValueBetween},
      {"ListVolumesInRecycleBin", 5, 1000, A::kRefuse, W::kValueBetween},
      // issue 17: snapshot lock and block public access
      {"DescribeLockedSnapshots", 5, 1000, A::kRefuse, W::kGreaterThan},
      // issue 17: image references, lineage, block public access
      {"DescribeImageReferences",
       5,
       1000,
       A::kClamp,
       W::kGreaterThan,
       {{"ImageIds", {"ami-0123456789abcdef0"}}, {"IncludeAllResourceTypes", true}},
       {{"ImageId.1", "ami-0123456789abcdef0"}, {"IncludeAllResourceTypes", "true"}}},
      {"DescribeInstanceImageMetadata", 1, 1000, A::kRefuse, W::kValueBetween},
  };
}

// The message the operation answers `value` with.
inline std::string max_results_message(const Case& c, long value) {
  switch (c.words) {
    case Words::kAllowedBetween:
      return fmt::format("Maximum results allowed are between {} and {}", c.min, c.max);
    case Words::kValueBetween:
      return fmt::format(
          "Value ( {} ) for parameter maxResults is invalid. Expecting a value between {} and {}.",
          value, c.min, c.max);
    case Words::kGreaterThan:
      break;
  }
  return value < c.min
             ? fmt::format(
                   "Value ( {} ) for parameter maxResults is invalid. Expecting a value greater "
                   "than {}.",
                   value, c.min)
             : fmt::format(
                   "Value ( {} ) for parameter maxResults is invalid. Expecting a value less than "
                   "or equal to {}.",
                   value, c.max);
}

}  // namespace test::max_results
