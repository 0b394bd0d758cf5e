// The snapshot archive tier: ModifySnapshotTier, RestoreSnapshotTier and
// DescribeSnapshotTierStatus — SDK-shaped JSON to sim/ebs/snapshot_tiers.hpp and back, in the
// API reference's result shapes (ModifySnapshotTierResult, RestoreSnapshotTierResult,
// SnapshotTierStatus).
#include "sim/ebs/snapshot_tiers.hpp"

#include "api/ec2/input.hpp"

namespace amisim::ec2 {
namespace {

Json modify_snapshot_tier(sim::World& world, const sim::Caller& caller, const Json& in) {
  sim::ModifySnapshotTierRequest r;
  r.snapshot_id = sim::SnapshotId(required_string(in, "SnapshotId"));
  // StorageTier is optional in the model and "archive" is its only value.
  r.storage_tier = string_or(in, "StorageTier", "archive");
  r.dry_run = dry_run(in);
  const sim::TimeMs start = unwrap(sim::modify_snapshot_tier(world, caller, r));
  return {{"SnapshotId", r.snapshot_id.str()}, {"TieringStartTime", time_json(start)}};
}

Json restore_snapshot_tier(sim::World& world, const sim::Caller& caller, const Json& in) {
  sim::RestoreSnapshotTierRequest r;
  r.snapshot_id = sim::SnapshotId(required_string(in, "SnapshotId"));
  r.temporary_restore_days = opt_int32(in, "TemporaryRestoreDays");
  r.permanent_restore = opt_bool(in, "PermanentRestore");
  r.dry_run = dry_run(in);
  const sim::RestoreSnapshotTierResult done = unwrap(sim::restore_snapshot_tier(world, caller, r));
  Json out = {{"SnapshotId", done.snapshot_id.str()},
              {"RestoreStartTime", time_json(done.restore_start_time)},
              {"IsPermanentRestore", done.is_permanent}};
  if (done.restore_duration_days) out["RestoreDuration"] = *done.restore_duration_days;
  return out;
}

// One SnapshotTierStatus. Tags when the caller has some on it (as in the Snapshot shape);
// ArchivalCompleteTime while an archive copy exists; RestoreExpiryTime during a temporary restore;
// LastTieringOperationStatusDetail is left out (the model's operations never fail).
Json tier_status_json(const sim::World& world, const sim::Caller& caller, const sim::Snapshot& s) {
  Json out = {{"SnapshotId", s.id.str()},
              {"VolumeId", s.volume_id.str()},
              {"Status", std::string(sim::to_string(s.state))},
              {"OwnerId", s.owner.str()},
              {"StorageTier", s.storage_tier},
              {"LastTieringStartTime", time_json(s.tiering_start_time)},
              {"LastTieringProgress", sim::tiering_progress_percent(s, world.now())},
              {"LastTieringOperationStatus", std::string(sim::to_string(s.tiering_state))}};
  const sim::Tags& tags = sim::tags_seen_by(s, caller.account);
  if (!tags.empty()) out["Tags"] = tags_json(tags);
  if (s.archived_at != 0) out["ArchivalCompleteTime"] = time_json(s.archived_at);
  if (s.restore_expiry_time != 0) out["RestoreExpiryTime"] = time_json(s.restore_expiry_time);
  return out;
}

Json describe_snapshot_tier_status(sim::World& world, const sim::Caller& caller, const Json& in) {
  sim::DescribeSnapshotTierStatusRequest r;
  r.filters = filters(in);
  r.page = page(in);
  const sim::World& view = world;
  auto found = unwrap(sim::describe_snapshot_tier_status(view, caller, r));
  Json statuses = Json::array();
  for (const sim::Snapshot* s : found.snapshots)
    statuses.push_back(tier_status_json(view, caller, *s));
  Json out = {{"SnapshotTierStatuses", std::move(statuses)}};
  put_nonempty(out, "NextToken", found.next_token);
  return out;
}

constexpr HandlerEntry kSnapshotTierHandlers[] = {
    {"DescribeSnapshotTierStatus", describe_snapshot_tier_status, false},
    {"ModifySnapshotTier", modify_snapshot_tier, true},
    {"RestoreSnapshotTier", restore_snapshot_tier, true},
};

}  // namespace

std::span<const HandlerEntry> snapshot_tier_handlers() { return kSnapshotTierHandlers; }

}  // namespace amisim::ec2
