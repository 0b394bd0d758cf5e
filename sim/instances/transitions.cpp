// StopInstances, StartInstances, TerminateInstances, RebootInstances. Each is all-or-nothing: every
// ID is found and every state checked before anything changes (fact sheet §2.2: "If one ID in a
// multi-instance request is invalid, none are terminated").
#include <fmt/format.h>

#include "sim/instances/detail.hpp"
#include "sim/instances/instances.hpp"

namespace amisim::sim {
namespace {

using namespace detail;
using S = InstanceState;

using Changes = std::vector<InstanceStateChange>;

// Applies `change` to every instance whose state `acts_on` accepts; the others are reported
// unchanged (previous = current), as already-done requests succeed.
template <class ActsOn, class Change>
Changes apply_to_all(World& world, const std::vector<Instance*>& instances, ActsOn acts_on,
                     Change change) {
  Changes out;
  for (Instance* instance : instances) {
    const S previous = instance->state;
    if (acts_on(previous)) change(world, *instance);
    out.push_back({instance->id, previous, instance->state});
  }
  return out;
}

// A stop or terminate the caller asked for: what DescribeInstances then shows, as EC2 words it
// (StateTransitionReason "User initiated (2026-01-01 00:05:00 GMT)", StateReason
// Client.UserInitiatedShutdown; fact sheet §2.1, real describe-instances output).
void note_user_initiated(World& world, Instance& instance) {
  const std::string iso = format_iso8601(world.now());  // 2026-01-01T00:05:00.000Z
  instance.state_transition_reason =
      fmt::format("User initiated ({} {} GMT)", iso.substr(0, 10), iso.substr(11, 8));
  instance.state_reason_code = "Client.UserInitiatedShutdown";
  instance.state_reason_message = "Client.UserInitiatedShutdown: User initiated shutdown";
}

void begin_stop(World& world, Instance& instance) {
  transition(world, instance, S::kStopping);
  note_user_initiated(world, instance);
  // Installs still queued are abandoned: user data ran at first boot only, and a later start
  // does not run it again.
  instance.pending_packages.clear();
  instance.ready_at.reset();
  schedule_transition(world, instance, EventKind::kInstanceStopped, kStopDurationMs);
}

void begin_start(World& world, Instance& instance) {
  transition(world, instance, S::kPending);
  instance.state_transition_reason.clear();
  instance.state_reason_code.clear();
  instance.state_reason_message.clear();
  // LaunchTime is "the time that the instance was last launched" (API model, Instance.LaunchTime).
  instance.launch_time = world.now();
  const InstanceTypeInfo* type = world.fixtures().find_instance_type(instance.instance_type);
  const DurationMs boot = type ? type->boot_ms : 30 * kSecondMs;
  schedule_transition(world, instance, EventKind::kInstanceRunning, boot);
}

void begin_terminate(World& world, Instance& instance) {
  transition(world, instance, S::kShuttingDown);
  note_user_initiated(world, instance);
  instance.pending_packages.clear();
  instance.ready_at.reset();
  instance.reboot_seq = 0;
  schedule_transition(world, instance, EventKind::kInstanceTerminated, kShutdownDurationMs);
}

}  // namespace

// Stop acts on running instances. Stopping or stopped ones succeed unchanged (AWS documents no
// error for them; fact sheet §2.2 marks the no-op [?]). Pending ones are refused: the lifecycle
// allows stop from running only (UG23:ec2-instance-lifecycle.md), and with no source for a stop
// queued behind a boot we keep the documented rule.
Result<Changes> stop_instances(World& world, const Caller& caller,
                               const std::vector<std::string>& ids, bool /*force*/, bool dry_run) {
  auto instances = find_instances(world, caller, ids);
  if (!instances) return instances.error();
  for (const Instance* instance : *instances) {
    const S s = instance->state;
    if (s == S::kPending || s == S::kShuttingDown || s == S::kTerminated)
      return errors::cannot_stop(instance->id.str());
    if (instance->disable_api_stop)
      return errors::instance_protected(instance->id.str(), "stopped", "disableApiStop");
  }
  if (dry_run) return errors::dry_run();
  return apply_to_all(
      world, *instances, [](S s) { return s == S::kRunning; }, begin_stop);
}

// Start acts on stopped instances; pending or running ones succeed unchanged (a no-op [?], fact
// sheet §2.2). Stopping, shutting-down and terminated are IncorrectInstanceState, with the
// message real EC2 gives (REAL:3545042613).
Result<Changes> start_instances(World& world, const Caller& caller,
                                const std::vector<std::string>& ids, bool dry_run) {
  auto instances = find_instances(world, caller, ids);
  if (!instances) return instances.error();
  for (const Instance* instance : *instances) {
    const S s = instance->state;
    if (s == S::kStopping || s == S::kShuttingDown || s == S::kTerminated)
      return errors::cannot_start(instance->id.str());
  }
  if (dry_run) return errors::dry_run();
  return apply_to_all(
      world, *instances, [](S s) { return s == S::kStopped; }, begin_start);
}

// Idempotent (APIREF:TerminateInstances): shutting-down and terminated instances succeed unchanged.
Result<Changes> terminate_instances(World& world, const Caller& caller,
                                    const std::vector<std::string>& ids, bool dry_run) {
  auto instances = find_instances(world, caller, ids);
  if (!instances) return instances.error();
  // Termination protection refuses the whole call. So does stop protection (UG Stop_Start.md:
  // "Stop protection not only prevents your instance from being accidentally stopped, but also
  // from accidental termination"), with its own attribute's name, the text tools match on
  // TerminateInstances (3P:35690822090).
  for (const Instance* instance : *instances) {
    if (instance->state == S::kShuttingDown || instance->state == S::kTerminated) continue;
    if (instance->disable_api_termination)
      return errors::instance_protected(instance->id.str(), "terminated", "disableApiTermination");
    if (instance->disable_api_stop)
      return errors::instance_protected(instance->id.str(), "terminated", "disableApiStop");
  }
  if (dry_run) return errors::dry_run();
  return apply_to_all(
      world, *instances, [](S s) { return s != S::kShuttingDown && s != S::kTerminated; },
      begin_terminate);
}

// Running instances only; the state stays running (fact sheet §2.2). Other states are refused
// with IncorrectInstanceState (the exact text is [?], see errors::cannot_reboot).
Status reboot_instances(World& world, const Caller& caller, const std::vector<std::string>& ids,
                        bool dry_run) {
  auto instances = find_instances(world, caller, ids);
  if (!instances) return instances.error();
  for (const Instance* instance : *instances) {
    if (instance->state != S::kRunning) return errors::cannot_reboot(instance->id.str());
  }
  if (dry_run) return errors::dry_run();
  for (Instance* instance : *instances) begin_reboot(world, *instance);
  return ok_status();
}

}  // namespace amisim::sim
