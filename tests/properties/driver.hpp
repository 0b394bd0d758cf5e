// The world driver: steps over a whole World (instances, images, volumes, snapshots, sharing and
// time in a few Regions and two accounts), for properties that hold of any history, such as
// determinism and Region isolation (world_properties.cpp). apply() interprets a step against a
// World, picking "the n-th existing instance" so the same steps mean the same thing in every
// world with the same history.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sim/state/world.hpp"
#include "steps.hpp"

using namespace amisim;

namespace test {

enum class ActionKind : std::uint8_t {
  kRun,
  kStop,
  kStart,
  kReboot,
  kTerminate,
  kCreateImage,
  kCreateImageNoReboot,
  kCreateVolume,
  kAttach,
  kSnapshot,
  kDeleteSnapshot,
  kDeregister,
  kShareImage,
  kAdvance,
  kSettle,
};
inline constexpr int kActionKinds = 15;
std::string_view op_name(ActionKind kind);

// account: of props::kAccounts; region: of driver_regions(); amount: seconds to advance, a
// volume's size, whether to launch two or from an own image, ...
using Action = props::Step<ActionKind>;

// Random actions: every kind, both accounts and Regions, amounts 1 .. 599.
rc::Gen<std::vector<Action>> actions();

// The regions the driver uses (a few, to keep runs fast).
std::vector<std::string> driver_regions();

// Applies one action. Errors from the model are fine (they are part of the behaviour); the
// returned string names what happened, for failure messages.
std::string apply(sim::World& world, const Action& action, const std::vector<std::string>& regions);

// A World driven by actions, for props::run.
struct WorldDriver {
  explicit WorldDriver(std::uint64_t seed);
  std::string apply(const Action& action) { return test::apply(world, action, regions); }

  sim::World world;
  std::vector<std::string> regions = driver_regions();
};

}  // namespace test
