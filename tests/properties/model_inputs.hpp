// Random inputs for any EC2 operation, drawn from its input shape in the service model: the
// members a suite's calls send, their values naming what the world holds (a Pool the suite fills),
// IDs of nothing, and the odd values clients send. Most such calls are refused, some succeed; the
// suites that use them check what must hold either way (journal_properties.cpp: a refused call
// changes nothing; dry_run_properties.cpp: DryRun answers as the real call would).
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "api/protocol/service_model.hpp"
#include "sim/state/world.hpp"

namespace test::props {

// The strings a value is drawn from: fixed odd values, plus the IDs populate() adds.
struct Pool {
  std::vector<std::string> strings;
  Pool();
};

// A random input for `action` (which must be in `model`): required members always, each optional
// one with probability 1/3, never DryRun (the suites set it themselves). Call inside a property.
nlohmann::json random_input(const amisim::protocol::ServiceModel& model, const std::string& action,
                            const Pool& pool);

// Every action amisim implements that changes the world (ec2::mutates), in name order.
std::vector<std::string> changing_actions();

// One call that must succeed, as the suite makes it (through a gateway, or ec2::call on a World).
using MustCall = std::function<nlohmann::json(const amisim::sim::Caller&, const std::string&,
                                              const nlohmann::json&)>;

// The callers the suites act as: the default account in us-east-1, and another in eu-west-1.
const amisim::sim::Caller& us();
const amisim::sim::Caller& other();

// Makes a world with one of most things for the calls to name (the other account, an instance,
// a volume, a snapshot, an image, a key pair, a launch template), and adds their IDs to `pool`.
// `world` is the world `must` acts on, read for a catalogue image.
void populate(const amisim::sim::World& world, const MustCall& must, Pool& pool);

}  // namespace test::props
