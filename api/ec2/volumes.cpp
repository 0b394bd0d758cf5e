// CreateVolume, DescribeVolumes, AttachVolume, DetachVolume, DeleteVolume: SDK-shaped JSON to the
// model's volume calls (sim/ebs/volumes.hpp) and back to the Volume / VolumeAttachment shapes.
//
// Inputs the model does not have are ignored: KmsKeyId (no KMS), OutpostArn, ClientToken,
// VolumeInitializationRate, Operator, EbsCardIndex, DetachVolume's Device [?]. MultiAttachEnabled
// = true is refused, since a volume here attaches to one instance only.
#include "sim/ebs/volumes.hpp"

#include <limits>

#include "api/ec2/input.hpp"

namespace amisim::ec2 {
namespace {

// AvailabilityZone, or the zone named by AvailabilityZoneId ("use1-az6") in the caller's Region.
// An unknown zone ID answers as an unknown zone name does [?].
sim::ZoneName zone_of(const sim::World& world, const sim::Caller& caller, const Json& in) {
  if (auto name = opt_string(in, "AvailabilityZone")) return sim::ZoneName(*name);
  auto zone_id = opt_string(in, "AvailabilityZoneId");
  if (!zone_id) return {};  // the model answers MissingParameter AvailabilityZone
  for (const auto& r : world.fixtures().regions) {
    if (r.name != caller.region) continue;
    for (const auto& z : r.zones) {
      if (z.zone_id == *zone_id) return z.name;
    }
  }
  fail(sim::errors::zone_not_found(*zone_id));
}

Json attachment_json(const sim::VolumeId& volume_id, const sim::VolumeAttachment& a) {
  return {{"AttachTime", time_json(a.attach_time)},
          {"Device", a.device},
          {"InstanceId", a.instance_id.str()},
          {"State", a.state},
          {"VolumeId", volume_id.str()},
          {"DeleteOnTermination", a.delete_on_termination}};
}

// The Volume shape. SnapshotId, Iops, Throughput and Tags are left out when the model has none
// (real EC2 writes an empty snapshotId and type defaults for Iops/Throughput [?]).
Json volume_json(const sim::Volume& v) {
  Json out = {{"VolumeId", v.id.str()},
              {"Size", v.size_gib},
              {"AvailabilityZone", v.zone.str()},
              {"State", std::string(sim::to_string(v.state))},
              {"CreateTime", time_json(v.create_time)},
              {"VolumeType", v.volume_type},
              {"Encrypted", v.encrypted},
              {"MultiAttachEnabled", false},
              {"Attachments", Json::array()}};
  if (v.snapshot_id) out["SnapshotId"] = v.snapshot_id->str();
  if (v.iops) out["Iops"] = *v.iops;
  if (v.throughput) out["Throughput"] = *v.throughput;
  if (v.attachment) out["Attachments"].push_back(attachment_json(v.id, *v.attachment));
  if (!v.tags.empty()) out["Tags"] = tags_json(v.tags);
  return out;
}

sim::CreateVolumeRequest create_request(const sim::World& world, const sim::Caller& caller,
                                        const Json& in) {
  if (bool_or(in, "MultiAttachEnabled", false)) {
    fail(sim::errors::multi_attach_not_modelled());
  }
  sim::CreateVolumeRequest r;
  r.zone = zone_of(world, caller, in);
  r.size_gib = opt_int32(in, "Size");
  if (auto snap = opt_string(in, "SnapshotId")) r.snapshot_id = sim::SnapshotId(*snap);
  if (auto type = opt_string(in, "VolumeType")) r.volume_type = *type;
  r.iops = opt_int32(in, "Iops");
  r.throughput = opt_int32(in, "Throughput");
  r.encrypted = bool_or(in, "Encrypted", false);
  r.tag_specifications = tag_specifications(in);
  r.dry_run = dry_run(in);
  return r;
}

Json create_volume(sim::World& world, const sim::Caller& caller, const Json& in) {
  return volume_json(*unwrap(sim::create_volume(world, caller, create_request(world, caller, in))));
}

Json describe_volumes(sim::World& world, const sim::Caller& caller, const Json& in) {
  sim::DescribeVolumesRequest r;
  for (auto& id : strings(in, "VolumeIds")) r.volume_ids.emplace_back(std::move(id));
  r.filters = filters(in);
  r.page = page(in);
  const sim::World& view = world;
  sim::DescribeVolumesResult found = unwrap(sim::describe_volumes(view, caller, r));
  Json volumes = Json::array();
  for (const sim::Volume* v : found.volumes) volumes.push_back(volume_json(*v));
  Json out = {{"Volumes", std::move(volumes)}};
  put_nonempty(out, "NextToken", found.next_token);
  return out;
}

Json attach_volume(sim::World& world, const sim::Caller& caller, const Json& in) {
  sim::AttachVolumeRequest r;
  r.volume_id = sim::VolumeId(required_string(in, "VolumeId"));
  r.instance_id = sim::InstanceId(required_string(in, "InstanceId"));
  r.device = required_string(in, "Device");
  r.dry_run = dry_run(in);
  return attachment_json(r.volume_id, unwrap(sim::attach_volume(world, caller, r)));
}

Json detach_volume(sim::World& world, const sim::Caller& caller, const Json& in) {
  sim::DetachVolumeRequest r;
  r.volume_id = sim::VolumeId(required_string(in, "VolumeId"));
  if (auto id = opt_string(in, "InstanceId")) r.instance_id = sim::InstanceId(*id);
  r.force = bool_or(in, "Force", false);
  r.dry_run = dry_run(in);
  return attachment_json(r.volume_id, unwrap(sim::detach_volume(world, caller, r)));
}

Json delete_volume(sim::World& world, const sim::Caller& caller, const Json& in) {
  unwrap(sim::delete_volume(world, caller, sim::VolumeId(required_string(in, "VolumeId")),
                            dry_run(in)));
  return Json::object();  // DeleteVolume has no output shape
}

constexpr HandlerEntry kVolumeHandlers[] = {
    {"AttachVolume", attach_volume, true}, {"CreateVolume", create_volume, true},
    {"DeleteVolume", delete_volume, true}, {"DescribeVolumes", describe_volumes, false},
    {"DetachVolume", detach_volume, true},
};

}  // namespace

std::span<const HandlerEntry> volume_handlers() { return kVolumeHandlers; }

}  // namespace amisim::ec2
