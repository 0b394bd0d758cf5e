// An EC2 instance and its state machine: pending(0) -> running(16) -> stopping(64) -> stopped(80)
// -> pending ..., and any non-terminated state -> shutting-down(32) -> terminated(48) (fact sheet
// §2). `transition` is the one place state changes.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/core/fixtures.hpp"
#include "sim/core/ids.hpp"
#include "sim/core/image_traits.hpp"
#include "sim/core/tags.hpp"
#include "sim/core/time.hpp"
#include "sim/state/metadata_options.hpp"

namespace amisim::sim {

enum class InstanceState : int {
  kPending = 0,
  kRunning = 16,
  kShuttingDown = 32,
  kTerminated = 48,
  kStopping = 64,
  kStopped = 80,
};
inline constexpr std::array<InstanceState, 6> kAllInstanceStates = {
    InstanceState::kPending,    InstanceState::kRunning,  InstanceState::kShuttingDown,
    InstanceState::kTerminated, InstanceState::kStopping, InstanceState::kStopped};

// "pending", "running", "shutting-down", "terminated", "stopping", "stopped".
std::string_view to_string(InstanceState s);
// The state named `name`, or nullopt.
std::optional<InstanceState> instance_state_from_string(std::string_view name);
inline int state_code(InstanceState s) { return static_cast<int>(s); }

// True when AWS's lifecycle allows `from` -> `to` (a reboot is not a state change):
// pending -> running | shutting-down; running -> stopping | shutting-down;
// stopping -> stopped | shutting-down; stopped -> pending | shutting-down;
// shutting-down -> terminated; terminated -> nothing.
bool is_legal_transition(InstanceState from, InstanceState to);

// One period in state running: [start, end); end unset while still running. Billing integrates
// these (only running is billed, fact sheet §2.1).
struct RunningPeriod {
  TimeMs start = 0;
  std::optional<TimeMs> end;
};

struct InstanceBlockDevice {
  std::string device_name;
  VolumeId volume_id;
  bool delete_on_termination = true;
  TimeMs attach_time = 0;
};

// The credit option of a burstable performance instance (T2, T3, T3a, T4g); kNone for a type that
// never was burstable. RunInstances' CreditSpecification, ModifyInstanceCreditSpecification.
enum class CpuCredits : std::uint8_t { kNone, kStandard, kUnlimited };

struct Instance {
  InstanceId id;
  ReservationId reservation_id;
  AccountId owner;
  RegionName region;
  ZoneName zone;
  ImageId image_id;
  std::string instance_type;
  CpuCredits cpu_credits = CpuCredits::kNone;  // kept when the type changes, as AWS keeps it
  // Its AMI's traits, taken at launch (sim/instances/run.cpp): its architecture, platform and
  // billing (product codes: Marketplace fees), root device name, ... CreateImage gives them to
  // the new AMI (sim/state/image.hpp).
  ImageTraits traits;
  // Its AMI's identity as it was at launch, which never changes: DescribeInstanceImageMetadata
  // reports it should the image record be gone (sim/images/instance_metadata.cpp).
  std::string image_name;
  AccountId image_owner;
  std::string image_owner_alias;
  TimeMs image_creation = 0;
  std::string key_name;
  std::vector<SecurityGroupId> security_groups;
  VpcId vpc_id;
  SubnetId subnet_id;
  NetworkInterfaceId network_interface;  // its primary interface (sim/state/network.hpp)
  std::string user_data;                 // raw bytes (decoded from base64 at the wire)
  InstanceState state = InstanceState::kPending;
  std::string state_transition_reason;
  std::string state_reason_code;
  std::string state_reason_message;
  TimeMs launch_time = 0;
  std::vector<InstanceBlockDevice> block_devices;
  Tags tags;
  int ami_launch_index = 0;
  std::string client_token;
  // Copies of its primary interface's addresses, kept in step by sim/network/interfaces.cpp.
  std::string private_ip;
  std::string public_ip;
  // Readiness: status checks are `initializing` until ready_at, then `ok`.
  std::optional<TimeMs> ready_at;
  bool first_boot_done = false;               // user data runs at first boot only
  std::vector<std::string> pending_packages;  // still to install, in order
  std::optional<TimeMs> terminated_at;
  std::uint64_t pending_seq = 0;               // the transition event this instance waits for
  std::uint64_t reboot_seq = 0;                // an in-progress reboot's event
  std::vector<RunningPeriod> running_periods;  // every period in state running, in order
  std::optional<TimeMs> last_state_change;     // when `state` last changed
  // What the caller sets at launch or with ModifyInstanceAttribute (sim/instances/attributes.cpp):
  // termination and stop protection, what an OS-initiated shutdown does, EBS optimization, and
  // the source/destination check.
  bool disable_api_termination = false;
  bool disable_api_stop = false;
  bool shutdown_terminates = false;  // InstanceInitiatedShutdownBehavior "terminate" (else "stop")
  bool ebs_optimized = false;
  bool source_dest_check = true;
  // Instance metadata service options (sim/instances/metadata_options.hpp) and detailed
  // monitoring (MonitorInstances; Monitoring.State).
  InstanceMetadataOptions metadata_options;
  bool detailed_monitoring = false;
};

}  // namespace amisim::sim
