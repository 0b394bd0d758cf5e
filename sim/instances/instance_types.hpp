// DescribeInstanceTypes and DescribeInstanceTypeOfferings over the fixtures' instance types
// (fixtures/instance-types.json) and which Regions and zones offer them (fixtures/regions.json).
// Read only: nothing here changes the world.
#pragma once

#include <string>
#include <vector>

#include "sim/core/fixtures.hpp"
#include "sim/core/query.hpp"
#include "sim/core/result.hpp"
#include "sim/state/world.hpp"

namespace amisim::sim {

// DITMaxResults (5-100) and DITOMaxResults (5-1000) of the service model: refused outside.
inline constexpr PageRule kDescribeInstanceTypesPages{5, 100, AboveMaximum::kRefuse,
                                                      RangeWording::kValueGreaterThan, ""};
inline constexpr PageRule kDescribeInstanceTypeOfferingsPages{5, 1000, AboveMaximum::kRefuse,
                                                              RangeWording::kValueGreaterThan, ""};

struct DescribeInstanceTypesRequest {
  std::vector<std::string> instance_types;
  std::vector<Filter> filters;
  PageRequest page;
};

struct DescribeInstanceTypesResult {
  std::vector<const InstanceTypeInfo*> instance_types;  // by name
  std::string next_token;
};

// The types the caller's Region offers, by name. Errors: InvalidInstanceType (a named type EC2
// does not have, or one this Region does not offer), InvalidParameterValue (unknown filter, bad
// MaxResults), InvalidPaginationToken.
Result<DescribeInstanceTypesResult> describe_instance_types(
    const World& world, const Caller& caller, const DescribeInstanceTypesRequest& request);

struct InstanceTypeOffering {
  std::string instance_type;
  std::string location_type;  // "region" | "availability-zone" | "availability-zone-id"
  std::string location;       // "us-east-1", "us-east-1a", "use1-az6"
};

struct DescribeInstanceTypeOfferingsRequest {
  std::string location_type = "region";  // the API's default
  std::vector<Filter> filters;           // "instance-type", "location"
  PageRequest page;
};

struct DescribeInstanceTypeOfferingsResult {
  std::vector<InstanceTypeOffering> offerings;  // by location, then type
  std::string next_token;
};

// Offerings in the caller's Region ("outpost": none, amisim models no Outposts). Errors:
// InvalidParameterValue (unknown LocationType or filter, bad MaxResults), InvalidPaginationToken.
Result<DescribeInstanceTypeOfferingsResult> describe_instance_type_offerings(
    const World& world, const Caller& caller, const DescribeInstanceTypeOfferingsRequest& request);

}  // namespace amisim::sim
