// A scheduled change of state. Events are plain data (no closures) so a world can be saved and
// loaded with its pending work; the timeline (sim/timeline.cpp) hands each kind to one transition
// function call.
#pragma once

#include <cstdint>
#include <string>

#include "sim/core/ids.hpp"
#include "sim/core/time.hpp"

namespace amisim::sim {

enum class EventKind : std::uint8_t {
  kInstanceRunning,      // pending -> running
  kInstanceStopped,      // stopping -> stopped
  kInstanceTerminated,   // shutting-down -> terminated
  kInstancePurged,       // terminated instance leaves DescribeInstances (about an hour later)
  kInstanceRebooted,     // a reboot (RebootInstances or CreateImage's) has finished
  kPackageInstalled,     // a user-data package finished installing; detail = package name
  kVolumeAvailable,      // creating -> available
  kVolumeDeleted,        // deleting -> gone
  kSnapshotCompleted,    // pending -> completed
  kImageAvailable,       // pending -> available
  kImageTaskDone,        // a store/import/export task ends; detail = "store"|"import"|"export"
  kSnapshotTierChanged,  // archive tier: detail = "archived"|"restored"|"expired"
  kRegionOptChanged,     // ENABLING -> ENABLED or DISABLING -> DISABLED; target = account
  kRecycleBinExpired,    // a retention ends: detail "image"|"snapshot"|"volume"; or "rule":
                         // a new rule becomes available (sim/rbin)
  // issue 17: image references, lineage, block public access
  kImageLastLaunchReported,    // a launch shows as LastLaunchedTime; detail = its time in ms
  kImageBlockPublicAccessSet,  // an account's image BPA takes effect; target = account
  // issue 18: Data Lifecycle Manager (sim/dlm): a policy's work falls due; target = policy ID,
  // detail = "run:<schedule index>" | "expire" | "copy" | "unshare"
  kDlmRun,
  // issue 19: history leaves memory when AWS stops showing it (housekeeping: these never settle)
  kClientTokenExpired,  // a RunInstances ClientToken is forgotten; target = reservation ID,
                        // detail = "<account>:<token>" (sim/instances/instances.hpp)
  kImagePurged,         // a deregistered image's record may go; target = image ID
                        // (sim/images/images.hpp)
  kImageTaskPurged,     // a finished store/import/export task leaves the listings; target = its
                        // number or ID, detail = "store"|"import"|"export" (sim/s3/image_tasks.hpp)
};

struct Event {
  TimeMs at = 0;
  std::uint64_t seq = 0;  // scheduling order; ties on `at` apply in seq order
  EventKind kind = EventKind::kInstanceRunning;
  RegionName region;
  std::string target;  // the resource ID the event is about
  std::string detail;  // kind-specific extra data
  // Settling events are work in progress a caller waits for (boots, snapshots, images);
  // housekeeping events (purges) are not. The instant clock mode runs settling events only.
  bool settles = true;

  friend bool operator<(const Event& a, const Event& b) {
    return a.at != b.at ? a.at < b.at : a.seq < b.seq;
  }
};

}  // namespace amisim::sim
