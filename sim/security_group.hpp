// A security group: Region-scoped, in one VPC, named uniquely per VPC. Every account has a
// default VPC and its "default" group in each Region.
#pragma once

#include <string>

#include "sim/ids.hpp"
#include "sim/tags.hpp"

namespace sim {

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

}  // namespace sim
