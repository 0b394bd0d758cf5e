// What CopyImage and CopySnapshot share: Regions, keys, the data a copy moves and its timing.
// Facts: fact sheet §4 (CopyImage), §5 (CopySnapshot).
#include "sim/copies/copies.hpp"

#include <algorithm>

#include "sim/billing/metering.hpp"
#include "sim/copies/detail.hpp"
#include "sim/ebs/kms.hpp"
#include "sim/ebs/snapshots.hpp"
#include "sim/regions/opt_in.hpp"

namespace amisim::sim {

DurationMs copy_duration(std::uint64_t bytes) {
  const std::uint64_t per_second = kCopyBytesPerSecond;
  return kCopyBaseMs + static_cast<DurationMs>((bytes * 1000 + per_second - 1) / per_second);
}

// A copy is an image with a source that neither CreateImage (which records its instance) nor a
// restore (restored_from_s3) made: all three record a source (sim/state/image.hpp).
bool is_pending_copy(const Image& image) {
  return !image.source_image_id->empty() && image.source_instance_id->empty() &&
         !image.restored_from_s3 && image.state == ImageState::kPending;
}

void cancel_pending_copy(World& world, RegionState& region, const Image& image) {
  for (auto it = region.snapshots.begin(); it != region.snapshots.end();) {
    const Snapshot& s = it->second;
    if (s.copied_for_image != image.id) {
      ++it;
      continue;
    }
    // Its completion event finds nothing and changes nothing (on_snapshot_event).
    if (s.pool_order != 0) region.accounts.at(s.owner).pool.remove(s.pool_order, s.data->blocks);
    it = region.snapshots.erase(it);
  }
  meter_snapshots(world, region, image.owner);
}

namespace detail {

Result<const RegionState*> source_region(const World& world, const Caller& caller,
                                         const RegionName& name) {
  const RegionState* region = world.region(name);
  if (!region) return errors::invalid_region(name.str());
  // An opt-in source Region must be enabled for the caller, as its endpoint must (opt_in.hpp).
  if (!region_enabled(world, caller.account, name))
    return errors::region_not_enabled_source(name.str());
  return region;
}

Result<std::optional<std::string>> requested_key(const Caller& caller,
                                                 std::optional<bool> encrypted,
                                                 const std::string& kms_key_id) {
  const bool encrypt = encrypted.value_or(false);
  if (!kms_key_id.empty() && !encrypt) return errors::kms_key_requires_encrypted();
  if (!encrypt) return std::optional<std::string>();
  if (kms_key_id.empty())
    return std::optional<std::string>(default_ebs_key_arn(caller.region, caller.account));
  auto key = resolve_kms_key(caller.region, caller.account, kms_key_id);
  if (!key) return errors::kms_key_not_found(kms_key_id, caller.region.str());
  return key;
}

Status check_source_encryption(const Caller& caller, const Snapshot& source,
                               std::optional<bool> encrypted) {
  if (!source.encrypted) return ok_status();
  if (encrypted && !*encrypted) return errors::unencrypted_copy_of_encrypted(source.id.str());
  // [?] the refusal for a key the caller cannot use; amisim has only default keys, which AWS
  // does not let an account share.
  if (source.owner != caller.account)
    return errors::kms_key_not_found(source.kms_key_id, source.region.str());
  return ok_status();
}

std::string copy_key(const Caller& caller, const Snapshot& source,
                     const std::optional<std::string>& requested) {
  if (requested) return *requested;
  if (!source.encrypted) return "";
  if (source.region == caller.region && !source.kms_key_id.empty()) return source.kms_key_id;
  return default_ebs_key_arn(caller.region, caller.account);
}

namespace {

// The source's data as `dest` stores it under `key`: the same data when the key is the source's,
// else every block re-encrypted, i.e. given a new version. The (version, key) -> version map is
// kept per destination Region, so a later copy under the same key yields the same versions and
// is incremental again (UG23:ebs-copy-snapshot.md: incremental "if the previous copy still
// exists with the same key").
std::shared_ptr<const VolumeData> copy_data(World& world, RegionState& dest, const Snapshot& source,
                                            const std::string& key) {
  if (key == source.kms_key_id) return source.data;
  auto data = std::make_shared<VolumeData>();
  data->packages = source.data->packages;
  for (const Extent& e : source.data->blocks.extents()) {
    auto [it, inserted] = dest.copies.reencrypted_versions.try_emplace({e.version, key}, 0);
    if (inserted) it->second = world.next_write_version();
    data->blocks.write(e.first_block, e.block_count, it->second);
  }
  return data;
}

// The latest completion of a copy of `source` still pending into the caller's pool here.
TimeMs after_pending_copies(const RegionState& dest, const AccountId& owner, const Snapshot& source,
                            TimeMs at) {
  for (const auto& [id, s] : dest.snapshots) {
    if (s.owner == owner && s.source_snapshot_id == source.id && s.state == SnapshotState::kPending)
      at = std::max(at, s.completion_time);
  }
  return at;
}

}  // namespace

Snapshot& start_copy(World& world, RegionState& dest, const Caller& caller, const Snapshot& source,
                     const std::string& key, std::string description) {
  Snapshot s;
  s.id = SnapshotId(world.new_id("snap"));
  s.region = dest.name();
  s.owner = caller.account;
  s.owner_alias = world.owner_alias(caller.account);
  s.volume_id = VolumeId("vol-ffffffff");  // copies report an arbitrary volume (fact sheet §5)
  s.volume_size_gib = source.volume_size_gib;
  s.description = std::move(description);
  s.state = SnapshotState::kPending;
  s.start_time = world.now();
  s.encrypted = !key.empty();
  s.kms_key_id = key;
  s.data = copy_data(world, dest, source, key);
  s.source_snapshot_id = source.id;
  s.source_region = source.region;
  s.pool_order = dest.next_pool_order++;
  s.copy_bytes = dest.accounts.at(caller.account).pool.add(s.pool_order, s.data->blocks);
  s.completion_time = after_pending_copies(dest, caller.account, source,
                                           s.start_time + copy_duration(s.copy_bytes));
  // The bytes that cross are metered when the copy completes (sim/ebs/snapshots.cpp,
  // on_snapshot_event), not now: a bill whose window covers the copy's work covers its transfer.
  return add_pending_snapshot(world, dest, std::move(s));
}

int pending_image_copies(const RegionState& dest, const AccountId& account) {
  return static_cast<int>(std::count_if(dest.images.begin(), dest.images.end(), [&](const auto& p) {
    const Image& i = p.second;
    return i.owner == account && is_pending_copy(i);
  }));
}

int pending_snapshot_copies(const RegionState& dest, const AccountId& account) {
  return static_cast<int>(
      std::count_if(dest.snapshots.begin(), dest.snapshots.end(), [&](const auto& p) {
        const Snapshot& s = p.second;
        return s.owner == account && !s.source_snapshot_id.empty() && s.copied_for_image.empty() &&
               s.state == SnapshotState::kPending;
      }));
}

}  // namespace detail
}  // namespace amisim::sim
