// Small distinct ID types (CONVENTIONS.md, Habits 5): the model never takes a bare string where an
// ID is meant. Each wraps the AWS string form ("ami-0123456789abcdef0"); ordering is by string so
// ordered containers give a stable output order.
#pragma once

#include <compare>
#include <functional>
#include <string>
#include <string_view>
#include <utility>

namespace amisim::sim {

template <class Tag>
class Id {
 public:
  Id() = default;
  explicit Id(std::string value) : value_(std::move(value)) {}

  const std::string& str() const { return value_; }
  bool empty() const { return value_.empty(); }

  friend auto operator<=>(const Id&, const Id&) = default;
  friend bool operator==(const Id&, const Id&) = default;

 private:
  std::string value_;
};

using ImageId = Id<struct ImageTag>;
using InstanceId = Id<struct InstanceTag>;
using ReservationId = Id<struct ReservationTag>;
using VolumeId = Id<struct VolumeTag>;
using SnapshotId = Id<struct SnapshotTag>;
using KeyPairId = Id<struct KeyPairTag>;
using SecurityGroupId = Id<struct SecurityGroupTag>;
using SecurityGroupRuleId = Id<struct SecurityGroupRuleTag>;  // "sgr-0123456789abcdef0"
using VpcId = Id<struct VpcTag>;
using LaunchTemplateId = Id<struct LaunchTemplateTag>;  // "lt-0123456789abcdef0"
using AccountId = Id<struct AccountTag>;                // 12 digits, e.g. "123456789012"
using RegionName = Id<struct RegionTag>;                // "us-east-1"
using ZoneName = Id<struct ZoneTag>;                    // "us-east-1a"
// The network (sim/state/network.hpp).
using SubnetId = Id<struct SubnetTag>;                      // "subnet-..."
using InternetGatewayId = Id<struct InternetGatewayTag>;    // "igw-..."
using RouteTableId = Id<struct RouteTableTag>;              // "rtb-..."
using NetworkAclId = Id<struct NetworkAclTag>;              // "acl-..."
using NetworkInterfaceId = Id<struct NetworkInterfaceTag>;  // "eni-..."
using AllocationId = Id<struct AllocationTag>;              // "eipalloc-..."

// True when `text` is `prefix` + '-' + 8 or 17 lowercase hex digits: the two forms AWS issues.
bool is_well_formed_id(std::string_view prefix, std::string_view text);

// True for a 12-digit account ID.
bool is_account_id(std::string_view text);

}  // namespace amisim::sim

// For unordered containers' bucketing only: std::hash differs between standard libraries, so its
// values must never reach output, an ID or a digest (those use sim/core/hash.hpp). Iteration
// order of an unordered container depends on it too: never let that order reach output either.
template <class Tag>
struct std::hash<amisim::sim::Id<Tag>> {
  std::size_t operator()(const amisim::sim::Id<Tag>& id) const noexcept {
    return std::hash<std::string>()(id.str());
  }
};
