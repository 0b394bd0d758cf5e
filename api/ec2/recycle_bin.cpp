// The EC2 side of the Recycle Bin: ListImagesInRecycleBin, ListSnapshotsInRecycleBin,
// ListVolumesInRecycleBin and the three Restore*FromRecycleBin calls — SDK-shaped JSON to
// sim/rbin/rbin.hpp and back, in the model's result shapes (ImageRecycleBinInfo,
// SnapshotRecycleBinInfo, VolumeRecycleBinInfo, RestoreSnapshotFromRecycleBinResult).
#include <fmt/format.h>

#include "api/ec2/input.hpp"
#include "sim/ebs/snapshots.hpp"
#include "sim/rbin/rbin.hpp"

namespace amisim::ec2 {
namespace {

template <class Id>
std::vector<Id> ids_of(const Json& in, std::string_view key) {
  std::vector<Id> out;
  for (auto& s : strings(in, key)) out.emplace_back(std::move(s));
  return out;
}

void put_stay(Json& out, const sim::BinStay& stay) {
  out["RecycleBinEnterTime"] = time_json(stay.enter);
  out["RecycleBinExitTime"] = time_json(stay.exit);
}

Json list_images_in_recycle_bin(sim::World& world, const sim::Caller& caller, const Json& in) {
  const sim::World& view = world;
  auto found = unwrap(sim::list_images_in_recycle_bin(
      view, caller, ids_of<sim::ImageId>(in, "ImageIds"), page(in)));
  Json images = Json::array();
  for (const sim::BinnedImage* b : found.items) {
    Json item = {{"ImageId", b->image.id.str()}};
    put_nonempty(item, "Name", b->image.name);
    put_nonempty(item, "Description", b->image.description);
    put_stay(item, b->stay);
    images.push_back(std::move(item));
  }
  Json out = {{"Images", std::move(images)}};
  put_nonempty(out, "NextToken", found.next_token);
  return out;
}

Json list_snapshots_in_recycle_bin(sim::World& world, const sim::Caller& caller, const Json& in) {
  const sim::World& view = world;
  auto found = unwrap(sim::list_snapshots_in_recycle_bin(
      view, caller, ids_of<sim::SnapshotId>(in, "SnapshotIds"), page(in)));
  Json snapshots = Json::array();
  for (const sim::BinnedSnapshot* b : found.items) {
    Json item = {{"SnapshotId", b->snapshot.id.str()}, {"VolumeId", b->snapshot.volume_id.str()}};
    put_nonempty(item, "Description", b->snapshot.description);
    put_stay(item, b->stay);
    snapshots.push_back(std::move(item));
  }
  Json out = {{"Snapshots", std::move(snapshots)}};
  put_nonempty(out, "NextToken", found.next_token);
  return out;
}

Json list_volumes_in_recycle_bin(sim::World& world, const sim::Caller& caller, const Json& in) {
  const sim::World& view = world;
  auto found = unwrap(sim::list_volumes_in_recycle_bin(
      view, caller, ids_of<sim::VolumeId>(in, "VolumeIds"), page(in)));
  Json volumes = Json::array();
  for (const sim::BinnedVolume* b : found.items) {
    const sim::Volume& v = b->volume;
    Json item = {{"VolumeId", v.id.str()},
                 {"VolumeType", v.volume_type},
                 {"State", std::string(sim::to_string(v.state))},
                 {"Size", v.size_gib},
                 {"AvailabilityZone", v.zone.str()},
                 {"CreateTime", time_json(v.create_time)}};
    if (v.iops) item["Iops"] = *v.iops;
    if (v.throughput) item["Throughput"] = *v.throughput;
    if (v.snapshot_id) item["SnapshotId"] = v.snapshot_id->str();
    put_stay(item, b->stay);
    volumes.push_back(std::move(item));
  }
  Json out = {{"Volumes", std::move(volumes)}};
  put_nonempty(out, "NextToken", found.next_token);
  return out;
}

Json restore_image_from_recycle_bin(sim::World& world, const sim::Caller& caller, const Json& in) {
  unwrap(sim::restore_image_from_recycle_bin(
      world, caller, sim::ImageId(required_string(in, "ImageId")), dry_run(in)));
  return {{"Return", true}};
}

Json restore_snapshot_from_recycle_bin(sim::World& world, const sim::Caller& caller,
                                       const Json& in) {
  const sim::Snapshot* s = unwrap(sim::restore_snapshot_from_recycle_bin(
      world, caller, sim::SnapshotId(required_string(in, "SnapshotId")), dry_run(in)));
  Json out = {{"SnapshotId", s->id.str()},
              {"Encrypted", s->encrypted},
              {"OwnerId", s->owner.str()},
              {"Progress", fmt::format("{}%", sim::snapshot_progress_percent(*s, world.now()))},
              {"StartTime", time_json(s->start_time)},
              {"State", std::string(sim::to_string(s->state))},
              {"VolumeId", s->volume_id.str()},
              {"VolumeSize", s->volume_size_gib}};
  put_nonempty(out, "Description", s->description);
  return out;
}

Json restore_volume_from_recycle_bin(sim::World& world, const sim::Caller& caller, const Json& in) {
  unwrap(sim::restore_volume_from_recycle_bin(
      world, caller, sim::VolumeId(required_string(in, "VolumeId")), dry_run(in)));
  return {{"Return", true}};
}

constexpr HandlerEntry kRecycleBinHandlers[] = {
    {"ListImagesInRecycleBin", list_images_in_recycle_bin, false},
    {"ListSnapshotsInRecycleBin", list_snapshots_in_recycle_bin, false},
    {"ListVolumesInRecycleBin", list_volumes_in_recycle_bin, false},
    {"RestoreImageFromRecycleBin", restore_image_from_recycle_bin, true},
    {"RestoreSnapshotFromRecycleBin", restore_snapshot_from_recycle_bin, true},
    {"RestoreVolumeFromRecycleBin", restore_volume_from_recycle_bin, true},
};

}  // namespace

std::span<const HandlerEntry> recycle_bin_handlers() { return kRecycleBinHandlers; }

}  // namespace amisim::ec2
