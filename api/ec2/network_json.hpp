// The network's output shapes (Vpc, Subnet, InternetGateway, RouteTable, NetworkAcl,
// NetworkInterface, Address) in the SDK's member names; the XML writer gives the wire names.
#pragma once

#include "api/ec2/handler.hpp"

namespace amisim::ec2 {

Json vpc_json(const sim::Vpc& vpc);
Json subnet_json(const sim::World& world, const sim::Subnet& subnet);
Json internet_gateway_json(const sim::InternetGateway& gateway);
Json route_table_json(const sim::World& world, const sim::RouteTable& table);
Json network_acl_json(const sim::World& world, const sim::NetworkAcl& acl);
Json network_interface_json(const sim::World& world, const sim::NetworkInterface& eni);
// The same interface as an instance shows it (InstanceNetworkInterface): no zone, requester flag
// or tags, an attachment without the instance, associations without the Elastic IP's IDs; its
// SourceDestCheck is the instance's (given, as the caller holds the instance).
Json instance_network_interface_json(const sim::World& world, const sim::NetworkInterface& eni,
                                     bool source_dest_check);
Json address_json(const sim::World& world, const sim::Address& address);

}  // namespace amisim::ec2
