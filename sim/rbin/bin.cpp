// What the Recycle Bin keeps: binning on deletion, List*InRecycleBin, Restore*FromRecycleBin and
// the end of a stay (sim/rbin/rbin.hpp). Facts: docs/aws-facts.md §R.
#include <algorithm>

#include "sim/billing/metering.hpp"
#include "sim/core/errors.hpp"
#include "sim/ebs/snapshot_tiers.hpp"
#include "sim/images/images.hpp"
#include "sim/rbin/rbin.hpp"

namespace amisim::sim {
namespace {

constexpr long kMaxBinResults = 1000;

// List*InRecycleBin MaxResults: ListImagesInRecycleBinMaxResults 1-1000,
// ListSnapshotsInRecycleBinMaxResults 5-1000 (model); volumes' member has no range in the model,
// so amisim takes the snapshots' [?]. Refused outside with EC2's usual wording.
Status check_max_results(const PageRequest& page, long min) {
  if (page.max_results && (*page.max_results < min || *page.max_results > kMaxBinResults))
    return errors::max_results_not_between(*page.max_results, min, kMaxBinResults);
  return ok_status();
}

BinStay start_stay(World& world, const RegionState& region, const std::string& id,
                   std::string_view detail, const RetentionRule& rule) {
  BinStay stay;
  stay.enter = world.now();
  stay.exit = world.now() + rule.retention_days * kDayMs;
  stay.rule_id = rule.id;
  Event e;
  e.at = stay.exit;
  e.kind = EventKind::kRecycleBinExpired;
  e.region = region.name();
  e.target = id;
  e.detail = std::string(detail);
  e.settles = false;  // housekeeping: a retention ends on the clock, never by settling
  stay.expiry_seq = world.schedule(std::move(e));
  return stay;
}

// The caller's binned resources, sorted by ID, optionally only `ids`, one page.
template <class Binned, class Id>
Result<BinPage<Binned>> list_bin(const IdMap<Id, Binned>& bin, const Caller& caller,
                                 const std::vector<Id>& ids, const PageRequest& page,
                                 const AccountId& (*owner)(const Binned&)) {
  std::string after;
  if (!page.next_token.empty()) {
    auto token = read_page_token(page.next_token);
    if (!token) return token.error();
    after = *token;
  }
  BinPage<Binned> out;
  std::string last;
  const long max = page.max_results.value_or(kMaxBinResults);
  for (const auto& [id, binned] : bin) {
    if (owner(binned) != caller.account) continue;
    if (!ids.empty() && std::find(ids.begin(), ids.end(), Id(id.str())) == ids.end()) continue;
    if (!after.empty() && id.str() <= after) continue;
    if (static_cast<long>(out.items.size()) == max) {
      out.next_token = make_page_token(last);
      break;
    }
    out.items.push_back(&binned);
    last = id.str();
  }
  return out;
}

const AccountId& image_owner(const BinnedImage& b) { return b.image.owner; }
const AccountId& snapshot_owner(const BinnedSnapshot& b) { return b.snapshot.owner; }
const AccountId& volume_owner(const BinnedVolume& b) { return b.volume.owner; }

}  // namespace

void bin_image(World& world, RegionState& region, const ImageId& id, const RetentionRule& rule) {
  auto it = region.images.find(id);
  BinnedImage binned{std::move(it->second), start_stay(world, region, id.str(), "image", rule)};
  region.images.erase(it);
  region.bin.images.emplace(id, std::move(binned));
}

void bin_snapshot(World& world, RegionState& region, const SnapshotId& id,
                  const RetentionRule& rule) {
  auto it = region.snapshots.find(id);
  BinnedSnapshot binned{std::move(it->second),
                        start_stay(world, region, id.str(), "snapshot", rule)};
  region.snapshots.erase(it);
  region.bin.snapshots.emplace(id, std::move(binned));
}

void bin_volume(World& world, RegionState& region, const VolumeId& id, const RetentionRule& rule) {
  auto it = region.volumes.find(id);
  BinnedVolume binned{std::move(it->second), start_stay(world, region, id.str(), "volume", rule)};
  region.volumes.erase(it);
  region.bin.volumes.emplace(id, std::move(binned));
}

Result<BinPage<BinnedImage>> list_images_in_recycle_bin(const World& world, const Caller& caller,
                                                        const std::vector<ImageId>& ids,
                                                        const PageRequest& page) {
  if (auto ok = check_max_results(page, 1); !ok) return ok.error();
  return list_bin(world.region_of(caller).bin.images, caller, ids, page, &image_owner);
}

Result<BinPage<BinnedSnapshot>> list_snapshots_in_recycle_bin(const World& world,
                                                              const Caller& caller,
                                                              const std::vector<SnapshotId>& ids,
                                                              const PageRequest& page) {
  if (auto ok = check_max_results(page, 5); !ok) return ok.error();
  return list_bin(world.region_of(caller).bin.snapshots, caller, ids, page, &snapshot_owner);
}

Result<BinPage<BinnedVolume>> list_volumes_in_recycle_bin(const World& world, const Caller& caller,
                                                          const std::vector<VolumeId>& ids,
                                                          const PageRequest& page) {
  if (auto ok = check_max_results(page, 5); !ok) return ok.error();
  return list_bin(world.region_of(caller).bin.volumes, caller, ids, page, &volume_owner);
}

Status restore_image_from_recycle_bin(World& world, const Caller& caller, const ImageId& id,
                                      bool dry_run) {
  if (!is_well_formed_id("ami", id.str())) return errors::image_id_malformed(id.str());
  RegionState& region = world.region_of(caller);
  auto it = region.bin.images.find(id);
  if (it == region.bin.images.end() || it->second.image.owner != caller.account)
    return errors::image_not_found(id.str());
  const Image& image = it->second.image;
  for (const SnapshotId& s : image_snapshots(image)) {
    auto snap = region.snapshots.find(s);
    if (snap == region.snapshots.end() || snap->second.state != SnapshotState::kCompleted)
      return errors::bin_image_snapshot_missing(id.str(), s.str());
  }
  // Its name was freed when it was deregistered: another image may hold it now [?].
  if (auto ok = check_image_name(region, image.owner, image.name); !ok) return ok;
  if (dry_run) return errors::dry_run();
  Image restored = std::move(it->second.image);
  region.bin.images.erase(it);
  index_name(region, region.images.emplace(id, std::move(restored)).first->second);
  return ok_status();
}

Result<const Snapshot*> restore_snapshot_from_recycle_bin(World& world, const Caller& caller,
                                                          const SnapshotId& id, bool dry_run) {
  if (!is_well_formed_id("snap", id.str())) return errors::snapshot_id_malformed(id.str());
  RegionState& region = world.region_of(caller);
  auto it = region.bin.snapshots.find(id);
  if (it == region.bin.snapshots.end() || it->second.snapshot.owner != caller.account)
    return errors::snapshot_not_found(id.str());
  if (dry_run) return errors::dry_run();
  Snapshot restored = std::move(it->second.snapshot);
  region.bin.snapshots.erase(it);
  return &region.snapshots.emplace(id, std::move(restored)).first->second;
}

Status restore_volume_from_recycle_bin(World& world, const Caller& caller, const VolumeId& id,
                                       bool dry_run) {
  if (!is_well_formed_id("vol", id.str())) return errors::volume_id_malformed(id.str());
  RegionState& region = world.region_of(caller);
  auto it = region.bin.volumes.find(id);
  if (it == region.bin.volumes.end() || it->second.volume.owner != caller.account)
    return errors::volume_not_found(id.str());
  if (dry_run) return errors::dry_run();
  Volume restored = std::move(it->second.volume);
  region.bin.volumes.erase(it);
  region.volumes.emplace(id, std::move(restored));
  return ok_status();
}

void on_recycle_bin_event(World& world, const Event& event) {
  RegionState* region = world.region(event.region);
  if (!region) return;
  RecycleBin& bin = region->bin;
  // detail "rule": a rule's activation (sim/rbin/rules.cpp); its status is read from the clock.
  if (event.detail == "image") {
    auto it = bin.images.find(ImageId(event.target));
    if (it == bin.images.end() || it->second.stay.expiry_seq != event.seq) return;
    // An AMI costs nothing itself; its snapshots are billed as snapshots wherever they are.
    bin.images.erase(it);
  } else if (event.detail == "snapshot") {
    auto it = bin.snapshots.find(SnapshotId(event.target));
    if (it == bin.snapshots.end() || it->second.stay.expiry_seq != event.seq) return;
    const Snapshot& s = it->second.snapshot;
    const AccountId owner = s.owner;
    // As DeleteSnapshot does (sim/ebs/snapshots.cpp): an archive copy's end for billing, and the
    // blocks no other snapshot holds leave the pool.
    note_snapshot_deleted(world, *region, s);
    if (s.pool_order != 0) region->accounts.at(owner).pool.remove(s.pool_order, s.data->blocks);
    bin.snapshots.erase(it);
    meter_snapshots(world, *region, owner);
  } else if (event.detail == "volume") {
    auto it = bin.volumes.find(VolumeId(event.target));
    if (it == bin.volumes.end() || it->second.stay.expiry_seq != event.seq) return;
    Volume gone = std::move(it->second.volume);
    bin.volumes.erase(it);
    meter_volume(world, gone, false);
  }
}

}  // namespace amisim::sim
