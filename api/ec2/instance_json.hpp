// Instances as the SDK's output shapes: Instance, Reservation, InstanceState, the block device
// list. Shared by RunInstances, DescribeInstances and DescribeInstanceAttribute (instances.cpp).
// Members the model does not carry are left out rather than written empty.
#pragma once

#include <vector>

#include "api/ec2/handler.hpp"
#include "sim/state/instance.hpp"
#include "sim/state/world.hpp"

namespace amisim::ec2 {

// {"Code": 16, "Name": "running"}.
Json instance_state_json(sim::InstanceState state);
// InstanceMetadataOptionsResponse: State (pending | applied) and the five options.
Json metadata_options_json(const sim::Instance& i);

// The Instance shape.
Json instance_json(const sim::World& world, const sim::Instance& instance);

// The Reservation shape: {ReservationId, OwnerId, Groups: [], Instances: [...]}. Groups is the
// EC2-Classic group list, empty for VPC instances (their groups are in Instance.SecurityGroups).
Json reservation_json(const sim::World& world, const sim::ReservationId& id,
                      const sim::AccountId& owner, const std::vector<const sim::Instance*>& list);

// InstanceBlockDeviceMappingList: [{DeviceName, Ebs{VolumeId, Status, AttachTime,
// DeleteOnTermination}}].
Json block_devices_json(const sim::World& world, const sim::RegionName& region,
                        const std::vector<sim::InstanceBlockDevice>& devices);

// GroupIdentifierList: [{GroupId, GroupName}] for the instance's groups.
Json group_identifiers_json(const sim::World& world, const sim::Instance& instance);

}  // namespace amisim::ec2
