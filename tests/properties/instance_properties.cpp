// Instance lifecycle properties: random run/stop/start/reboot/terminate/advance sequences over a
// few instances, checked after every step against an independent table of AWS's lifecycle
// (fact sheet §2.1-2.2) and a tiny reference model of which calls succeed.
#include <rapidcheck/catch.h>

#include <catch2/catch.hpp>
#include <map>
#include <set>

#include "harness.hpp"
#include "sim/instances/instances.hpp"
#include "sim/timeline.hpp"
#include "steps.hpp"
#include "unity_id.hpp"

namespace AMISIM_UNITY_ID {

using namespace sim;

namespace {

enum class Op { kRun, kStop, kStart, kReboot, kTerminate, kAdvance, kSettle };

std::string_view op_name(Op op) {
  static constexpr std::string_view kNames[] = {"run",       "stop",    "start", "reboot",
                                                "terminate", "advance", "settle"};
  return kNames[static_cast<std::size_t>(op)];
}

// pick: which tracked instance; amount: seconds to advance.
using Step = test::props::Step<Op>;

rc::Gen<std::vector<Step>> steps() {
  return test::props::steps<Op>(
      // Time must pass for anything to happen, so advances are the most frequent step.
      {.op = rc::gen::weightedElement<Op>({{1, Op::kRun},
                                           {3, Op::kStop},
                                           {3, Op::kStart},
                                           {1, Op::kReboot},
                                           {1, Op::kTerminate},
                                           {6, Op::kAdvance},
                                           {1, Op::kSettle}}),
       .picks = 4,
       // Mostly short steps, sometimes past the hour a terminated instance stays visible.
       .amount = rc::gen::weightedOneOf<int>(
           {{4, rc::gen::inRange(1, 120)}, {1, rc::gen::inRange(3000, 4000)}})});
}

// AWS's lifecycle written out independently of sim/state/instance.cpp.
const std::set<std::pair<std::string, std::string>> kLegal = {
    {"pending", "running"},       {"pending", "shutting-down"}, {"running", "stopping"},
    {"running", "shutting-down"}, {"stopping", "stopped"},      {"stopping", "shutting-down"},
    {"stopped", "pending"},       {"stopped", "shutting-down"}, {"shutting-down", "terminated"}};

const std::map<std::string, int> kCodes = {{"pending", 0},        {"running", 16},
                                           {"shutting-down", 32}, {"terminated", 48},
                                           {"stopping", 64},      {"stopped", 80}};

// Which state-change calls succeed from which state (stop/start no-ops succeed, fact sheet §2.2).
bool call_should_succeed(Op op, const std::string& state) {
  switch (op) {
    case Op::kStop:
      return state == "running" || state == "stopping" || state == "stopped";
    case Op::kStart:
      return state == "stopped" || state == "pending" || state == "running";
    case Op::kReboot:
      return state == "running";
    case Op::kTerminate:
      return true;
    default:
      return true;
  }
}

struct Tracked {
  InstanceId id;
  VolumeId root;
  std::vector<std::string> states;  // every distinct state observed, in order
  std::optional<TimeMs> terminated_at;
  bool gone = false;
};

struct Checker {
  World world{test::fixtures(), WorldOptions{11}};
  Caller caller;
  std::vector<Tracked> tracked;

  void run() {
    if (tracked.size() >= 4) return;
    RunInstancesRequest r;
    for (const auto& c : world.fixtures().images)
      if (c.family == "al2023-x86_64" && c.region == caller.region) r.image_id = c.id.str();
    r.instance_type = "t3.micro";
    auto out = run_instances(world, caller, r);
    RC_ASSERT(out.ok());
    const Instance& i = *out->instances.at(0);
    tracked.push_back(Tracked{i.id, i.block_devices.at(0).volume_id, {"pending"}, {}, false});
  }

  void call(Op op, Tracked& t) {
    const Instance* before = find_instance(world, caller, t.id);
    const std::vector<std::string> ids = {t.id.str()};
    bool ok = false;
    if (op == Op::kStop) ok = stop_instances(world, caller, ids).ok();
    if (op == Op::kStart) ok = start_instances(world, caller, ids).ok();
    if (op == Op::kReboot) ok = reboot_instances(world, caller, ids).ok();
    if (op == Op::kTerminate) ok = terminate_instances(world, caller, ids).ok();
    const bool expected = before && call_should_succeed(op, std::string(to_string(before->state)));
    RC_ASSERT(ok == expected);
  }

  void observe_all() {
    for (Tracked& t : tracked) observe(t);
  }

  // Time moves in slices shorter than any transition, so every state is observed.
  void advance(DurationMs d) {
    constexpr DurationMs kSlice = 10 * kSecondMs;
    for (DurationMs done = 0; done < d; done += kSlice) {
      sim::advance_by(world, std::min(kSlice, d - done));
      observe_all();
    }
  }

  void settle() {
    while (auto last = world.clock().last_settling_time()) {
      if (*last <= world.now())
        sim::advance_by(world, 0);
      else
        advance(*last - world.now());
    }
  }

  void apply(const Step& s) {
    if (s.op == Op::kRun)
      run();
    else if (s.op == Op::kAdvance)
      advance(s.amount * kSecondMs);
    else if (s.op == Op::kSettle)
      settle();
    else if (Tracked* t = test::props::nth(tracked, s.pick))
      call(s.op, *t);
    observe_all();
  }

  void observe(Tracked& t) {
    const Instance* i = find_instance(world, caller, t.id);
    if (!i) {
      // Only a terminated instance leaves, only after the visibility window, and never returns.
      RC_ASSERT(t.gone || (t.states.back() == "terminated" && t.terminated_at &&
                           world.now() >= *t.terminated_at + kTerminatedVisibleMs));
      t.gone = true;
      return;
    }
    RC_ASSERT(!t.gone);
    const std::string name(to_string(i->state));
    RC_ASSERT(kCodes.at(name) == state_code(i->state));
    if (name != t.states.back()) {
      RC_ASSERT(kLegal.count({t.states.back(), name}) == 1);
      t.states.push_back(name);
    }
    if (name == "terminated") {
      if (!t.terminated_at) t.terminated_at = i->terminated_at;
      RC_ASSERT(world.now() < *t.terminated_at + kTerminatedVisibleMs);
    }
    if (name == "stopping" || name == "stopped") check_volume_kept(*i, t);
  }

  // Stopping keeps EBS volumes (fact sheet §2.5): the launch's root volume is still attached.
  void check_volume_kept(const Instance& i, const Tracked& t) {
    const RegionState& region = world.region_of(caller);
    RC_ASSERT(!i.block_devices.empty());
    RC_ASSERT(i.block_devices.at(0).volume_id == t.root);
    auto v = region.volumes.find(t.root);
    RC_ASSERT(v != region.volumes.end());
    RC_ASSERT(v->second.attachment.has_value());
    RC_ASSERT(v->second.attachment->instance_id == i.id);
  }
};

}  // namespace

TEST_CASE("Instances only ever make AWS's lifecycle transitions") {
  rc::prop(
      "after every step: legal transitions, right codes, volumes kept while stopped, "
      "terminated instances vanish after the window and never come back",
      [] {
        Checker c;
        c.run();
        test::props::run(c, *steps());
        // Finally let everything finish: no instance may be left in a transient state.
        c.apply(Step{.op = Op::kSettle});
        bool purged = false, stopped = false;
        for (const Tracked& t : c.tracked) {
          purged = purged || t.gone;
          for (const auto& st : t.states) stopped = stopped || st == "stopped";
        }
        RC_CLASSIFY(purged, "an instance was purged");
        RC_CLASSIFY(stopped, "an instance stopped");
        for (Tracked& t : c.tracked) {
          if (t.gone) continue;
          const std::string last = t.states.back();
          RC_ASSERT(last != "pending" && last != "stopping" && last != "shutting-down");
        }
      });
}

}  // namespace AMISIM_UNITY_ID
