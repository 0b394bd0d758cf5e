// A random driver for model-based properties: an Action is plain data RapidCheck can generate and
// shrink; apply() interprets it against a World, picking "the n-th existing instance" so the same
// actions mean the same thing in every world with the same history.
#pragma once

#include <rapidcheck.h>

#include <cstdint>
#include <string>
#include <vector>

#include "sim/state/world.hpp"

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

struct Action {
  ActionKind kind = ActionKind::kAdvance;
  int region = 0;   // index into the world's Regions
  int account = 0;  // index into kAccounts
  int pick = 0;     // which existing resource
  int amount = 0;   // seconds to advance, count to launch, ...
};

inline const std::vector<std::string> kAccounts = {"123456789012", "210987654321"};

// Applies one action. Errors from the model are fine (they are part of the behaviour); the
// returned string names what happened, for failure messages.
std::string apply(sim::World& world, const Action& action, const std::vector<std::string>& regions);

// The regions the driver uses (a few, to keep runs fast).
std::vector<std::string> driver_regions();

}  // namespace test

namespace rc {
template <>
struct Arbitrary<test::Action> {
  static Gen<test::Action> arbitrary() {
    return gen::build<test::Action>(
        gen::set(&test::Action::kind,
                 gen::map(gen::inRange(0, test::kActionKinds),
                          [](int k) { return static_cast<test::ActionKind>(k); })),
        gen::set(&test::Action::region, gen::inRange(0, 2)),
        gen::set(&test::Action::account, gen::inRange(0, 2)),
        gen::set(&test::Action::pick, gen::inRange(0, 8)),
        gen::set(&test::Action::amount, gen::inRange(1, 600)));
  }
};
}  // namespace rc
