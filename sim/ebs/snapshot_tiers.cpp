#include "sim/ebs/snapshot_tiers.hpp"

#include <algorithm>
#include <array>
#include <string_view>

#include "sim/billing/metering.hpp"
#include "sim/ebs/snapshots.hpp"

namespace amisim::sim {
namespace {

constexpr std::string_view kArchived = "archived";
constexpr std::string_view kRestored = "restored";
constexpr std::string_view kExpired = "expired";

constexpr std::array<std::string_view, 3> kTierFilters{"snapshot-id", "volume-id",
                                                       "last-tiering-operation"};

bool in_progress(TieringState s) {
  return s == TieringState::kArchivalInProgress || s == TieringState::kTemporaryRestoreInProgress ||
         s == TieringState::kPermanentRestoreInProgress;
}

bool restoring(TieringState s) {
  return s == TieringState::kTemporaryRestoreInProgress ||
         s == TieringState::kPermanentRestoreInProgress;
}

bool temporarily_restored(const Snapshot& s) {
  return s.tiering_state == TieringState::kTemporaryRestoreCompleted &&
         s.storage_tier == "standard";
}

// The snapshot a tier call changes: the caller's own, in the caller's Region. Another account's
// snapshot the caller can see is refused as DeleteSnapshot refuses it; one it cannot see is
// "not found" (UG: "You can archive only snapshots that you own").
Result<Snapshot*> tier_owned_snapshot(World& world, const Caller& caller, const SnapshotId& id) {
  if (!is_well_formed_id("snap", id.str())) return errors::snapshot_id_malformed(id.str());
  RegionState& region = world.region_of(caller);
  auto it = region.snapshots.find(id);
  if (it == region.snapshots.end() || !snapshot_visible_to(region, it->second, caller.account))
    return errors::snapshot_not_found(id.str());
  if (it->second.owner != caller.account) return errors::snapshot_not_owned();
  return &it->second;
}

// An image that keeps the snapshot from being archived. UG23 forbids any EBS-backed AMI's
// snapshots; the newer EBS guide (archive-snapshot.html) asks only that the AMIs be disabled
// first, so deregistered and disabled images do not count [?] (fact sheet §8 lists the conflict).
const Image* blocking_image(const RegionState& region, const SnapshotId& id) {
  for (const auto& [image_id, image] : region.images) {
    if (image.state == ImageState::kDeregistered || image.state == ImageState::kDisabled) continue;
    for (const auto& m : image.mappings) {
      if (m.ebs && m.ebs->snapshot_id == id) return &image;
    }
  }
  return nullptr;
}

int count_owned(const RegionState& region, const AccountId& owner, auto&& pred) {
  int n = 0;
  for (const auto& [id, s] : region.snapshots) {
    if (s.owner == owner && pred(s)) ++n;
  }
  return n;
}

Status check_archive_quotas(const RegionState& region, const Snapshot& s) {
  const int archiving = count_owned(region, s.owner, [](const Snapshot& o) {
    return o.tiering_state == TieringState::kArchivalInProgress;
  });
  if (archiving >= kMaxConcurrentArchives)
    return errors::snapshot_archive_limit_exceeded(kMaxConcurrentArchives);
  const int per_volume = count_owned(region, s.owner, [&s](const Snapshot& o) {
    return o.volume_id == s.volume_id &&
           (o.archive_full_bytes != 0 || o.tiering_state == TieringState::kArchivalInProgress);
  });
  if (per_volume >= kMaxArchivedPerVolume)
    return errors::archived_per_volume_limit_exceeded(kMaxArchivedPerVolume);
  return ok_status();
}

Status check_archivable(const RegionState& region, const Snapshot& s,
                        const ModifySnapshotTierRequest& request) {
  if (request.storage_tier != "archive") return errors::storage_tier_invalid(request.storage_tier);
  const std::string& id = s.id.str();
  if (s.state != SnapshotState::kCompleted)
    return errors::snapshot_not_archivable(id, to_string(s.state));
  if (in_progress(s.tiering_state))
    return errors::snapshot_tiering_in_progress(id, to_string(s.tiering_state));
  if (s.storage_tier != "standard") return errors::snapshot_already_archived(id);
  // [?] AWS does not say; a temporary restore still has its archive copy.
  if (temporarily_restored(s)) return errors::snapshot_temporarily_restored(id);
  if (const Image* image = blocking_image(region, s.id))
    return errors::snapshot_in_use(id, image->id.str());
  return check_archive_quotas(region, s);
}

std::uint64_t schedule_tier_event(World& world, const Snapshot& s, TimeMs at,
                                  std::string_view detail, bool settles) {
  Event e;
  e.at = at;
  e.kind = EventKind::kSnapshotTierChanged;
  e.region = s.region;
  e.target = s.id.str();
  e.detail = std::string(detail);
  e.settles = settles;
  return world.schedule(std::move(e));
}

void record(RegionState& region, TierRecordKind kind, const Snapshot& s, TimeMs at,
            std::uint64_t bytes, TimeMs archived_at = 0) {
  region.tier_records.push_back(TierRecord{kind, s.id, s.owner, at, bytes, archived_at});
}

// The archive copy is gone (permanent restore, delete): billing charges the rest of 90 days.
void remove_archive_copy(RegionState& region, Snapshot& s, TimeMs at) {
  if (s.archive_full_bytes == 0) return;
  record(region, TierRecordKind::kArchiveRemoved, s, at, s.archive_full_bytes, s.archived_at);
  s.archive_full_bytes = 0;
  s.archived_at = 0;
}

}  // namespace

Result<TimeMs> modify_snapshot_tier(World& world, const Caller& caller,
                                    const ModifySnapshotTierRequest& request) {
  auto snapshot = tier_owned_snapshot(world, caller, request.snapshot_id);
  if (!snapshot) return snapshot.error();
  Snapshot& s = **snapshot;
  if (auto ok = check_archivable(world.region_of(caller), s, request); !ok) return ok.error();
  if (request.dry_run) return errors::dry_run();
  s.tiering_state = TieringState::kArchivalInProgress;
  s.tiering_start_time = world.now();
  s.tiering_done_time = world.now() + archive_duration(snapshot_full_bytes(s));
  s.tiering_seq = schedule_tier_event(world, s, s.tiering_done_time, kArchived, true);
  return s.tiering_start_time;
}

namespace {

Status check_restore_request(const RestoreSnapshotTierRequest& r) {
  if (r.permanent_restore.value_or(false) && r.temporary_restore_days)
    return errors::permanent_and_temporary_restore();
  if (r.temporary_restore_days &&
      (*r.temporary_restore_days < 1 || *r.temporary_restore_days > kMaxTemporaryRestoreDays))
    return errors::restore_days_invalid(*r.temporary_restore_days, kMaxTemporaryRestoreDays);
  return ok_status();
}

void schedule_expiry(World& world, Snapshot& s, TimeMs from, int days) {
  s.temporary_restore_days = days;
  s.restore_expiry_time = from + days * kDayMs;
  // Housekeeping, not work a caller waits for: the instant mode does not jump N days ahead.
  s.tiering_seq = schedule_tier_event(world, s, s.restore_expiry_time, kExpired, false);
}

// RestoreSnapshotTier on a completed temporary restore: a new period counted from now, or a
// change to permanent, which deletes the archive copy (UG23:working-with-snapshot-archiving.md,
// "Modify the restore period"). No data moves, so there is no retrieval charge and the change
// is immediate [?].
RestoreSnapshotTierResult change_temporary_restore(World& world, RegionState& region, Snapshot& s,
                                                   bool permanent, int days) {
  RestoreSnapshotTierResult out{s.id, world.now(), std::nullopt, permanent};
  if (permanent) {
    s.tiering_state = TieringState::kPermanentRestoreCompleted;
    s.restore_expiry_time = 0;
    s.tiering_seq = 0;
    remove_archive_copy(region, s, world.now());
    return out;
  }
  schedule_expiry(world, s, world.now(), days);
  out.restore_duration_days = days;
  return out;
}

Status check_restorable(const RegionState& region, const Snapshot& s) {
  if (in_progress(s.tiering_state))
    return errors::snapshot_tiering_in_progress(s.id.str(), to_string(s.tiering_state));
  if (s.storage_tier != "archive") return errors::snapshot_not_archived(s.id.str());
  const int restores =
      count_owned(region, s.owner, [](const Snapshot& o) { return restoring(o.tiering_state); });
  if (restores >= kMaxConcurrentRestores)
    return errors::snapshot_restore_limit_exceeded(kMaxConcurrentRestores);
  return ok_status();
}

}  // namespace

Result<RestoreSnapshotTierResult> restore_snapshot_tier(World& world, const Caller& caller,
                                                        const RestoreSnapshotTierRequest& request) {
  auto snapshot = tier_owned_snapshot(world, caller, request.snapshot_id);
  if (!snapshot) return snapshot.error();
  if (auto ok = check_restore_request(request); !ok) return ok.error();
  Snapshot& s = **snapshot;
  RegionState& region = world.region_of(caller);
  const bool permanent = request.permanent_restore.value_or(false);
  const int days = request.temporary_restore_days.value_or(1);  // the UG's default
  if (temporarily_restored(s)) {
    if (request.dry_run) return errors::dry_run();
    auto changed = change_temporary_restore(world, region, s, permanent, days);
    meter_snapshots(world, region, caller.account);
    return changed;
  }
  if (auto ok = check_restorable(region, s); !ok) return ok.error();
  if (request.dry_run) return errors::dry_run();
  s.tiering_state = permanent ? TieringState::kPermanentRestoreInProgress
                              : TieringState::kTemporaryRestoreInProgress;
  s.tiering_start_time = world.now();
  s.tiering_done_time = world.now() + restore_duration(s.archive_full_bytes);
  s.temporary_restore_days = permanent ? 0 : days;
  s.tiering_seq = schedule_tier_event(world, s, s.tiering_done_time, kRestored, true);
  // Retrieval is charged for the full size once a restore starts, even if the snapshot is
  // deleted before it completes (UG23:snapshot-archive.md, "Deleting snapshots").
  record(region, TierRecordKind::kRetrieval, s, world.now(), s.archive_full_bytes);
  meter_snapshots(world, region, caller.account);
  RestoreSnapshotTierResult out{s.id, s.tiering_start_time, std::nullopt, permanent};
  if (!permanent) out.restore_duration_days = days;
  return out;
}

namespace {

std::vector<std::string> tier_field(const Snapshot& s, const std::string& name) {
  if (name == "snapshot-id") return {s.id.str()};
  if (name == "volume-id") return {s.volume_id.str()};
  return {std::string(to_string(s.tiering_state))};  // last-tiering-operation
}

Status check_tier_request(const DescribeSnapshotTierStatusRequest& request) {
  if (auto ok = check_filters(request.filters); !ok) return ok;
  for (const auto& f : request.filters) {
    if (std::find(kTierFilters.begin(), kTierFilters.end(), f.name) == kTierFilters.end())
      return errors::invalid_filter(f.name);
  }
  return check_page_request(request.page, kDescribeSnapshotTierStatusPages, false);
}

bool tier_matches(const Snapshot& s, const DescribeSnapshotTierStatusRequest& request) {
  for (const auto& f : request.filters) {
    if (!any_match(f.values, tier_field(s, f.name))) return false;
  }
  return true;
}

}  // namespace

Result<DescribeSnapshotTierStatusResult> describe_snapshot_tier_status(
    const World& world, const Caller& caller, const DescribeSnapshotTierStatusRequest& request) {
  if (auto ok = check_tier_request(request); !ok) return ok.error();
  std::vector<const Snapshot*> found;
  for (const auto& [id, s] : world.region_of(caller).snapshots) {
    if (s.owner == caller.account && s.tiering_state != TieringState::kNone &&
        tier_matches(s, request))
      found.push_back(&s);
  }
  DescribeSnapshotTierStatusResult result;
  auto page = paginate(
      std::move(found), request.page, kDescribeSnapshotTierStatusPages,
      [](const Snapshot* s) { return s->id.str(); }, result.next_token);
  if (!page) return page.error();
  result.snapshots = std::move(*page);
  return result;
}

int tiering_progress_percent(const Snapshot& snapshot, TimeMs now) {
  if (!in_progress(snapshot.tiering_state)) return 100;
  const DurationMs total = snapshot.tiering_done_time - snapshot.tiering_start_time;
  if (total <= 0 || now >= snapshot.tiering_done_time) return 99;  // completes on its event
  return static_cast<int>((now - snapshot.tiering_start_time) * 100 / total);
}

Status check_snapshot_usable(const Snapshot& snapshot) {
  if (snapshot.storage_tier != "standard") return errors::snapshot_archived(snapshot.id.str());
  return ok_status();
}

std::uint64_t snapshot_full_bytes(const Snapshot& snapshot) {
  return snapshot.data ? snapshot.data->blocks.written_bytes() : 0;
}

namespace {
DurationMs per_gib(std::uint64_t bytes, DurationMs each) {
  return static_cast<DurationMs>((bytes + kGiB - 1) / kGiB) * each;
}
}  // namespace

DurationMs archive_duration(std::uint64_t full_bytes) {
  return kArchiveBaseMs + per_gib(full_bytes, kArchivePerGibMs);
}

DurationMs restore_duration(std::uint64_t full_bytes) {
  return std::min(kMaxRestoreMs, kRestoreBaseMs + per_gib(full_bytes, kRestorePerGibMs));
}

void note_snapshot_deleted(World& world, RegionState& region, const Snapshot& snapshot) {
  // Data archived while an archival was still running is not charged here [?] (AWS bills what
  // had already moved; the model moves it all at completion).
  if (snapshot.archive_full_bytes == 0) return;
  record(region, TierRecordKind::kArchiveRemoved, snapshot, world.now(),
         snapshot.archive_full_bytes, snapshot.archived_at);
}

namespace {

void complete_archival(RegionState& region, Snapshot& s, TimeMs at) {
  s.storage_tier = "archive";
  s.tiering_state = TieringState::kArchivalCompleted;
  s.tiering_done_time = at;
  s.archived_at = at;
  s.archive_full_bytes = snapshot_full_bytes(s);
  s.restored_full_bytes = 0;  // a re-archived permanent restore leaves the standard tier
  // Unique blocks leave the standard tier; blocks other snapshots hold stay and pass to the next
  // holder (no-op for a re-archived permanent restore, whose blocks left at its first archival).
  if (s.pool_order != 0) region.accounts.at(s.owner).pool.remove(s.pool_order, s.data->blocks);
  // "Snapshot sharing [is] automatically disabled after the snapshot is archived" (UG23).
  s.is_public = false;
  s.create_volume_permissions.clear();
  record(region, TierRecordKind::kArchived, s, at, s.archive_full_bytes);
}

void complete_restore(World& world, RegionState& region, Snapshot& s, TimeMs at) {
  s.storage_tier = "standard";
  s.tiering_done_time = at;
  s.restored_full_bytes = s.archive_full_bytes;  // "The restored snapshot is always full" (UG23)
  if (s.tiering_state == TieringState::kPermanentRestoreInProgress) {
    s.tiering_state = TieringState::kPermanentRestoreCompleted;
    remove_archive_copy(region, s, at);
    return;
  }
  s.tiering_state = TieringState::kTemporaryRestoreCompleted;
  schedule_expiry(world, s, at, s.temporary_restore_days);
}

// The temporary copy leaves the standard tier; the archive copy stays. The last operation stays
// temporary-restore-completed [?] and RestoreExpiryTime is no longer shown.
void expire_restore(Snapshot& s) {
  s.storage_tier = "archive";
  s.restored_full_bytes = 0;
  s.restore_expiry_time = 0;
}

}  // namespace

void on_snapshot_tier_event(World& world, const Event& event) {
  RegionState* region = world.region(event.region);
  if (!region) return;
  auto it = region->snapshots.find(SnapshotId(event.target));
  if (it == region->snapshots.end() || it->second.tiering_seq != event.seq) return;
  Snapshot& s = it->second;
  s.tiering_seq = 0;
  if (event.detail == kArchived) {
    complete_archival(*region, s, event.at);
  } else if (event.detail == kRestored) {
    complete_restore(world, *region, s, event.at);
  } else if (event.detail == kExpired) {
    expire_restore(s);
  }
  meter_snapshots(world, *region, s.owner);
}

}  // namespace amisim::sim
