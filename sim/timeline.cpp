#include "sim/timeline.hpp"

#include "sim/dlm/dlm.hpp"
#include "sim/ebs/snapshot_tiers.hpp"
#include "sim/ebs/snapshots.hpp"
#include "sim/ebs/volumes.hpp"
#include "sim/images/block_public_access.hpp"
#include "sim/images/images.hpp"
#include "sim/images/usage.hpp"
#include "sim/instances/instances.hpp"
#include "sim/rbin/rbin.hpp"
#include "sim/regions/opt_in.hpp"
#include "sim/s3/image_tasks.hpp"

namespace amisim::sim {
namespace {

void apply(World& world, const Event& event) {
  switch (event.kind) {
    case EventKind::kInstanceRunning:
    case EventKind::kInstanceStopped:
    case EventKind::kInstanceTerminated:
    case EventKind::kInstancePurged:
    case EventKind::kInstanceRebooted:
    case EventKind::kPackageInstalled:
      on_instance_event(world, event);
      return;
    case EventKind::kVolumeAvailable:
    case EventKind::kVolumeDeleted:
      on_volume_event(world, event);
      return;
    case EventKind::kSnapshotCompleted:
      on_snapshot_event(world, event);
      return;
    case EventKind::kImageAvailable:
      on_image_event(world, event);
      return;
    case EventKind::kImageTaskDone:
      on_image_task_event(world, event);
      return;
    case EventKind::kSnapshotTierChanged:
      on_snapshot_tier_event(world, event);
      return;
    case EventKind::kRegionOptChanged:
      on_region_opt_event(world, event);
      return;
    case EventKind::kRecycleBinExpired:
      on_recycle_bin_event(world, event);
      return;
    // issue 17: image references, lineage, block public access
    case EventKind::kImageLastLaunchReported:
      on_image_usage_event(world, event);
      return;
    case EventKind::kImageBlockPublicAccessSet:
      on_image_block_public_access_event(world, event);
      return;
    // issue 18: Data Lifecycle Manager
    case EventKind::kDlmRun:
      on_dlm_event(world, event);
      return;
    // issue 19: history leaves memory when AWS stops showing it
    case EventKind::kClientTokenExpired:
      on_client_token_event(world, event);
      return;
    case EventKind::kImagePurged:
      on_image_purge_event(world, event);
      return;
    case EventKind::kImageTaskPurged:
      on_image_task_purge_event(world, event);
      return;
  }
}

}  // namespace

void advance_to(World& world, TimeMs t, const EventObserver& applied) {
  Clock& clock = world.clock();
  while (auto event = clock.pop_due(t)) {
    apply(world, *event);
    if (applied) applied(*event);
  }
  clock.move_to(t);
}

void settle(World& world, const EventObserver& applied) {
  // Each round applies all settling work known now; applying may schedule more (a boot schedules
  // installs), so repeat until none is left. Every event is in the future, so this ends.
  while (auto last = world.clock().last_settling_time()) advance_to(world, *last, applied);
}

}  // namespace amisim::sim
