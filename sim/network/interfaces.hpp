// Instances in subnets: where a launch goes, the primary network interface each instance gets
// (device index 0), its private and public IPv4 addresses, and what stop, start and termination
// do to them (EC2 User Guide, "Amazon EC2 instance IP addressing": a public IPv4 address is
// released when the instance stops and a new one given when it starts; an Elastic IP stays).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sim/state/world.hpp"

namespace amisim::sim {

// RunInstances' network choices: SubnetId, Placement.AvailabilityZone and NetworkInterfaces'
// device 0 (its SubnetId, Groups, AssociatePublicIpAddress, DeleteOnTermination,
// PrivateIpAddress).
struct LaunchNetworkRequest {
  std::string subnet_id;  // "" = not given
  std::optional<ZoneName> zone;
  bool has_interface = false;  // a NetworkInterfaces entry was given
  std::optional<bool> associate_public_ip;
  bool delete_on_termination = true;
  std::string private_ip;     // "" = the subnet's next free address
  std::string instance_type;  // the zone must offer it ("" = any)
};

// Where a launch goes, decided before anything changes.
struct LaunchNetwork {
  VpcId vpc;
  std::optional<SubnetId> subnet;  // unset: a default subnet chosen by launch_subnet
  bool map_public_ip = false;      // decided per subnet when `subnet` is unset
  std::optional<bool> associate_public_ip;
  bool delete_on_termination = true;
  std::optional<std::uint32_t> private_ip;
};

// Checks the request and says where `count` instances go; a default subnet is chosen among the
// zones that offer the instance type, and a subnet or zone asked for that does not offer it is
// Unsupported (AWS's "Your requested instance type (...) is not supported in your requested
// Availability Zone (...)"). Errors: InvalidSubnetID.Malformed /
// NotFound, InvalidParameterValue (a zone of another Region, a subnet in another zone than
// Placement's, a private address outside the subnet or asked for more than one instance),
// InvalidIPAddress.InUse, VPCIdNotSpecified (no default VPC and no subnet),
// InsufficientFreeAddressesInSubnet (fewer free addresses than `min_count`).
Result<LaunchNetwork> plan_launch_network(const World& world, const Caller& caller,
                                          const LaunchNetworkRequest& request, int min_count);

// How many of `wanted` instances the plan's subnet(s) can take (at least min_count, checked).
int launch_capacity(const World& world, const Caller& caller, const LaunchNetwork& plan,
                    int wanted);

// The subnet an instance of the plan goes to: the plan's, else the default subnet with the most
// free addresses, the first in zone order on a tie [?] (AWS says only that it picks one).
const Subnet& launch_subnet(const World& world, const Caller& caller, const LaunchNetwork& plan);

// Gives `instance` its primary interface in `subnet`: the next free private address (or the one
// asked for), an eni- ID and eni-attach- attachment, the instance's groups; sets the instance's
// VpcId, SubnetId, zone-independent fields and private_ip.
void attach_primary_interface(World& world, Instance& instance, const Subnet& subnet,
                              const LaunchNetwork& plan);

// The state machine's hooks (sim/instances/events.cpp): running takes a public address when the
// interface wants one and has no Elastic IP; stopped gives the ephemeral one back; terminated
// disassociates any Elastic IP and deletes the interface (DeleteOnTermination) or detaches it,
// freeing its private address with it.
void on_instance_running(World& world, Instance& instance);
void on_instance_stopped(World& world, Instance& instance);
void on_instance_terminated(World& world, Instance& instance);

}  // namespace amisim::sim
