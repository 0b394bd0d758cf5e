// DescribeInstanceTypes and DescribeInstanceTypeOfferings (sim/instances/instance_types.hpp):
// the fixtures' instance types as EC2 writes them (InstanceTypeInfo, InstanceTypeOffering in the
// service model), for the caller's Region.
#include "sim/instances/instance_types.hpp"

#include "api/ec2/input.hpp"

namespace amisim::ec2 {
namespace {

Json info_json(const sim::InstanceTypeInfo& t) {
  Json network = {{"NetworkPerformance", t.network_performance},
                  {"MaximumNetworkInterfaces", t.max_network_interfaces},
                  {"Ipv4AddressesPerInterface", t.ipv4_per_interface},
                  {"EnaSupport", t.ena_support}};
  Json processor = {{"SupportedArchitectures", t.architectures}};
  if (!t.manufacturer.empty()) processor["Manufacturer"] = t.manufacturer;
  return {{"InstanceType", t.name},
          {"CurrentGeneration", t.current_generation},
          {"FreeTierEligible", t.free_tier_eligible},
          {"SupportedUsageClasses", {"on-demand", "spot"}},
          {"SupportedRootDeviceTypes", t.root_device_types},
          {"SupportedVirtualizationTypes", t.virtualization_types},
          {"BareMetal", false},
          {"Hypervisor", t.hypervisor},
          {"ProcessorInfo", processor},
          {"VCpuInfo",
           {{"DefaultVCpus", t.vcpus},
            {"DefaultCores", t.default_cores},
            {"DefaultThreadsPerCore", t.threads_per_core}}},
          {"MemoryInfo", {{"SizeInMiB", t.memory_mib}}},
          {"InstanceStorageSupported", false},
          {"NetworkInfo", network},
          {"HibernationSupported", t.hibernation},
          {"BurstablePerformanceSupported", t.burstable_performance},
          {"SupportedBootModes", t.boot_modes}};
}

Json describe_instance_types(sim::World& world, const sim::Caller& caller, const Json& in) {
  sim::DescribeInstanceTypesRequest request{strings(in, "InstanceTypes"), filters(in), page(in)};
  auto result = unwrap(sim::describe_instance_types(world, caller, request));
  Json list = Json::array();
  for (const sim::InstanceTypeInfo* t : result.instance_types) list.push_back(info_json(*t));
  Json out = {{"InstanceTypes", list}};
  if (!result.next_token.empty()) out["NextToken"] = result.next_token;
  return out;
}

Json describe_instance_type_offerings(sim::World& world, const sim::Caller& caller,
                                      const Json& in) {
  sim::DescribeInstanceTypeOfferingsRequest request;
  request.location_type = string_or(in, "LocationType", "region");
  request.filters = filters(in);
  request.page = page(in);
  auto result = unwrap(sim::describe_instance_type_offerings(world, caller, request));
  Json list = Json::array();
  for (const auto& o : result.offerings) {
    list.push_back({{"InstanceType", o.instance_type},
                    {"LocationType", o.location_type},
                    {"Location", o.location}});
  }
  Json out = {{"InstanceTypeOfferings", list}};
  if (!result.next_token.empty()) out["NextToken"] = result.next_token;
  return out;
}

constexpr HandlerEntry kInstanceTypeHandlers[] = {
    {"DescribeInstanceTypeOfferings", describe_instance_type_offerings, false},
    {"DescribeInstanceTypes", describe_instance_types, false},
};

}  // namespace

std::span<const HandlerEntry> instance_type_handlers() { return kInstanceTypeHandlers; }

}  // namespace amisim::ec2
