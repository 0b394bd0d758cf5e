// A security group: Region-scoped, in one VPC, named uniquely per VPC. Every account has a
// default VPC and its "default" group in each Region.
#pragma once

#include <string>

#include "sim/core/ids.hpp"
#include "sim/core/tags.hpp"

namespace amisim::sim {

struct SecurityGroup {
  SecurityGroupId id;
  RegionName region;
  AccountId owner;
  VpcId vpc_id;
  std::string name;
  std::string description;
  Tags tags;
  bool is_default = false;
};

}  // namespace amisim::sim
