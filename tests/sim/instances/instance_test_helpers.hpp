// Short helpers for the instance, key pair and security group tests.
#pragma once

#include <string>
#include <vector>

#include "harness.hpp"
#include "sim/instances/instances.hpp"

namespace test {

// A launch request for the us-east-1 Amazon Linux 2023 x86_64 image on a t3.micro.
inline sim::RunInstancesRequest al2023_request(const Harness& h,
                                               const std::string& region = "us-east-1") {
  sim::RunInstancesRequest r;
  r.image_id = h.catalogue_image("al2023-x86_64", region).str();
  r.instance_type = "t3.micro";
  return r;
}

// Launches one instance and returns its ID.
inline sim::InstanceId launch(Harness& h, const sim::RunInstancesRequest& r,
                              const sim::Caller* as = nullptr) {
  auto result = expect_ok(sim::run_instances(h.world, as ? *as : h.caller, r));
  return result.instances.at(0)->id;
}
inline sim::InstanceId launch(Harness& h) { return launch(h, al2023_request(h)); }

// The instance (must exist) as the default caller sees it.
inline sim::Instance& instance(Harness& h, const sim::InstanceId& id,
                               const sim::Caller* as = nullptr) {
  sim::Instance* i = sim::find_instance(h.world, as ? *as : h.caller, id);
  REQUIRE(i != nullptr);
  return *i;
}

inline sim::InstanceState state_of(Harness& h, const sim::InstanceId& id) {
  return instance(h, id).state;
}

// Launches one instance and waits until it runs.
inline sim::InstanceId running_instance(Harness& h) {
  const sim::InstanceId id = launch(h);
  h.advance(5 * sim::kMinuteMs);
  REQUIRE(state_of(h, id) == sim::InstanceState::kRunning);
  return id;
}

inline std::vector<std::string> ids(std::initializer_list<sim::InstanceId> list) {
  std::vector<std::string> out;
  for (const auto& id : list) out.push_back(id.str());
  return out;
}

}  // namespace test
