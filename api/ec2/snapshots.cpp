// CreateSnapshot, CreateSnapshots, DescribeSnapshots, DeleteSnapshot, ModifySnapshotAttribute and
// DescribeSnapshotAttribute: SDK-shaped JSON to the model's snapshot calls (sim/ebs/snapshots.hpp)
// and back to the Snapshot shape.
//
// Inputs the model does not have are ignored: CreateSnapshot's OutpostArn and Location [?].
#include "sim/ebs/snapshots.hpp"

#include <fmt/format.h>

#include "api/ec2/input.hpp"
#include "sim/copies/copies.hpp"

namespace amisim::ec2 {
namespace {

// The Snapshot shape as `caller` sees it. Description, OwnerAlias and Tags are left out when empty;
// Tags are the caller's own (sim::tags_seen_by: an account a snapshot is shared with never sees the
// owner's); CompletionTime only once the snapshot has completed (before that the model's time is
// a plan, not a fact).
Json snapshot_json(const sim::World& world, const sim::Caller& caller, const sim::Snapshot& s) {
  Json out = {{"SnapshotId", s.id.str()},
              {"VolumeId", s.volume_id.str()},
              {"VolumeSize", s.volume_size_gib},
              {"State", std::string(sim::to_string(s.state))},
              {"StartTime", time_json(s.start_time)},
              {"Progress", fmt::format("{}%", sim::snapshot_progress_percent(s, world.now()))},
              {"OwnerId", s.owner.str()},
              {"Encrypted", s.encrypted},
              {"StorageTier", s.storage_tier}};
  put_nonempty(out, "KmsKeyId", s.kms_key_id);
  put_nonempty(out, "Description", s.description);
  put_nonempty(out, "OwnerAlias",
               s.owner_alias.empty() ? world.owner_alias(s.owner) : s.owner_alias);
  if (s.state == sim::SnapshotState::kCompleted) {
    out["CompletionTime"] = time_json(s.completion_time);
  }
  // Only while temporarily restored (sim/ebs/snapshot_tiers.hpp).
  if (s.restore_expiry_time != 0) out["RestoreExpiryTime"] = time_json(s.restore_expiry_time);
  const sim::Tags& tags = sim::tags_seen_by(s, caller.account);
  if (!tags.empty()) out["Tags"] = tags_json(tags);
  return out;
}

Json create_snapshot(sim::World& world, const sim::Caller& caller, const Json& in) {
  sim::CreateSnapshotRequest r;
  r.volume_id = sim::VolumeId(required_string(in, "VolumeId"));
  r.description = string_or(in, "Description");
  r.tag_specifications = tag_specifications(in);
  r.dry_run = dry_run(in);
  return snapshot_json(world, caller, *unwrap(sim::create_snapshot(world, caller, r)));
}

// CreateSnapshots: the instance's snapshot set, each in the SnapshotInfo shape (no tier, alias or
// completion time, which that shape lacks). CopyTagsFromSource takes "volume", its one value.
Json create_snapshots(sim::World& world, const sim::Caller& caller, const Json& in) {
  const Json* spec = object(in, "InstanceSpecification");
  if (spec == nullptr) fail(sim::errors::missing_parameter("InstanceSpecification"));
  sim::CreateSnapshotsRequest r;
  r.instance_id = sim::InstanceId(required_string(*spec, "InstanceId"));
  r.exclude_boot_volume = bool_or(*spec, "ExcludeBootVolume", false);
  for (auto& id : strings(*spec, "ExcludeDataVolumeIds")) r.exclude_volume_ids.emplace_back(id);
  r.description = string_or(in, "Description");
  r.tag_specifications = tag_specifications(in);
  if (auto source = opt_string(in, "CopyTagsFromSource")) {
    if (*source != "volume")
      fail(
          protocol::wire_errors::invalid_value("CopyTagsFromSource", *source, "Expected: volume."));
    r.copy_tags_from_volume = true;
  }
  r.dry_run = dry_run(in);
  Json list = Json::array();
  for (const sim::Snapshot* s : unwrap(sim::create_snapshots(world, caller, r))) {
    Json info = {{"SnapshotId", s->id.str()},
                 {"VolumeId", s->volume_id.str()},
                 {"VolumeSize", s->volume_size_gib},
                 {"State", std::string(sim::to_string(s->state))},
                 {"StartTime", time_json(s->start_time)},
                 {"Progress", fmt::format("{}%", sim::snapshot_progress_percent(*s, world.now()))},
                 {"OwnerId", s->owner.str()},
                 {"Encrypted", s->encrypted}};
    put_nonempty(info, "Description", s->description);
    if (!s->tags.empty()) info["Tags"] = tags_json(s->tags);
    list.push_back(std::move(info));
  }
  return {{"Snapshots", std::move(list)}};
}

// CopySnapshot (sim/copies/copies.hpp). DestinationRegion and PresignedUrl only matter to the SDKs'
// presigning of cross-Region calls: the copy always lands in the caller's Region, as on AWS.
// Accepted and ignored [?]: CompletionDurationMinutes (time-based copies are not modelled).
Json copy_snapshot(sim::World& world, const sim::Caller& caller, const Json& in) {
  for (const char* key : {"DestinationOutpostArn", "DestinationAvailabilityZone"}) {
    if (member(in, key)) fail(sim::errors::parameter_not_supported(key));
  }
  sim::CopySnapshotRequest r;
  r.source_region = sim::RegionName(required_string(in, "SourceRegion"));
  r.source_snapshot_id = sim::SnapshotId(required_string(in, "SourceSnapshotId"));
  r.description = string_or(in, "Description");
  r.encrypted = opt_bool(in, "Encrypted");
  r.kms_key_id = string_or(in, "KmsKeyId");
  r.tag_specifications = tag_specifications(in);
  r.dry_run = dry_run(in);
  const sim::Snapshot* copy = unwrap(sim::copy_snapshot(world, caller, r));
  Json out = {{"SnapshotId", copy->id.str()}};
  if (!copy->tags.empty()) out["Tags"] = tags_json(copy->tags);
  return out;
}

Json describe_snapshots(sim::World& world, const sim::Caller& caller, const Json& in) {
  sim::DescribeSnapshotsRequest r;
  for (auto& id : strings(in, "SnapshotIds")) r.snapshot_ids.emplace_back(std::move(id));
  r.owner_ids = strings(in, "OwnerIds");
  r.restorable_by = strings(in, "RestorableByUserIds");
  r.filters = filters(in);
  r.page = page(in);
  const sim::World& view = world;
  sim::DescribeSnapshotsResult found = unwrap(sim::describe_snapshots(view, caller, r));
  Json snapshots = Json::array();
  for (const sim::Snapshot* s : found.snapshots)
    snapshots.push_back(snapshot_json(view, caller, *s));
  Json out = {{"Snapshots", std::move(snapshots)}};
  put_nonempty(out, "NextToken", found.next_token);
  return out;
}

Json delete_snapshot(sim::World& world, const sim::Caller& caller, const Json& in) {
  unwrap(sim::delete_snapshot(world, caller, sim::SnapshotId(required_string(in, "SnapshotId")),
                              dry_run(in)));
  return Json::object();  // DeleteSnapshot has no output shape
}

// One CreateVolumePermission list ([{"UserId": u}, {"Group": "all"}]) as one model change.
sim::ModifySnapshotAttributeRequest permission_change(
    const sim::ModifySnapshotAttributeRequest& base, std::string operation, const Json& in,
    std::string_view key) {
  sim::ModifySnapshotAttributeRequest r = base;
  r.operation_type = std::move(operation);
  for (const Json* p : objects(in, key)) {
    if (auto user = opt_string_as_sent(*p, "UserId")) r.user_ids.emplace_back(*user);
    if (auto group = opt_string_as_sent(*p, "Group")) r.groups.push_back(*group);
  }
  return r;
}

// The changes a ModifySnapshotAttribute asks for. Two spellings exist: the structure
// CreateVolumePermission {Add: [...], Remove: [...]} (what boto3 users write), and the older
// OperationType + UserIds + GroupNames (what the CLI's --operation-type writes). An
// OperationType beside the structure is refused [?]. UserIds / GroupNames beside it without an
// OperationType restate it and are ignored: Packer's snapshot_users and snapshot_groups send
// both spellings at once (step_modify_ebs_snapshot_attributes / step_modify_ami_attributes) and
// EC2 accepts that [?] [3p] hashicorp/packer-plugin-amazon.
std::vector<sim::ModifySnapshotAttributeRequest> permission_changes(const Json& in) {
  sim::ModifySnapshotAttributeRequest base;
  base.snapshot_id = sim::SnapshotId(required_string(in, "SnapshotId"));
  if (auto attribute = opt_string(in, "Attribute")) base.attribute = *attribute;
  const Json* structured = object(in, "CreateVolumePermission");
  auto operation = opt_string(in, "OperationType");
  std::vector<std::string> users = strings(in, "UserIds");
  std::vector<std::string> groups = strings(in, "GroupNames");
  if (structured == nullptr) {
    base.operation_type = operation.value_or("");
    for (auto& u : users) base.user_ids.emplace_back(std::move(u));
    base.groups = std::move(groups);
    return {base};
  }
  if (operation) fail(sim::errors::volume_permission_spellings_mixed());
  std::vector<sim::ModifySnapshotAttributeRequest> out;
  if (member(*structured, "Add")) out.push_back(permission_change(base, "add", *structured, "Add"));
  if (member(*structured, "Remove")) {
    out.push_back(permission_change(base, "remove", *structured, "Remove"));
  }
  if (out.empty()) out.push_back(base);  // no operation: the model answers InvalidParameterValue
  return out;
}

Json modify_snapshot_attribute(sim::World& world, const sim::Caller& caller, const Json& in) {
  std::vector<sim::ModifySnapshotAttributeRequest> changes = permission_changes(in);
  // All or nothing: each change is first checked as a dry run, so a bad Remove does not leave
  // the Add applied.
  for (sim::ModifySnapshotAttributeRequest check : changes) {
    check.dry_run = true;
    sim::Status s = sim::modify_snapshot_attribute(world, caller, check);
    if (!s.ok() && !s.error().is(sim::ErrorCode::kDryRunOperation)) fail(s.error());
  }
  if (dry_run(in)) fail(sim::errors::dry_run());
  for (const auto& change : changes) unwrap(sim::modify_snapshot_attribute(world, caller, change));
  return Json::object();  // ModifySnapshotAttribute has no output shape
}

Json describe_snapshot_attribute(sim::World& world, const sim::Caller& caller, const Json& in) {
  const sim::World& view = world;
  const sim::SnapshotId id(required_string(in, "SnapshotId"));
  const std::string attribute = required_string(in, "Attribute");
  sim::SnapshotAttribute a = unwrap(sim::describe_snapshot_attribute(view, caller, id, attribute));
  Json permissions = Json::array();
  for (const auto& user : a.user_ids) permissions.push_back({{"UserId", user.str()}});
  if (a.is_public) permissions.push_back({{"Group", "all"}});
  return {{"SnapshotId", a.snapshot_id.str()}, {"CreateVolumePermissions", permissions}};
}

constexpr HandlerEntry kSnapshotHandlers[] = {
    {"CopySnapshot", copy_snapshot, true},
    {"CreateSnapshot", create_snapshot, true},
    {"CreateSnapshots", create_snapshots, true},
    {"DeleteSnapshot", delete_snapshot, true},
    {"DescribeSnapshotAttribute", describe_snapshot_attribute, false},
    {"DescribeSnapshots", describe_snapshots, false},
    {"ModifySnapshotAttribute", modify_snapshot_attribute, true},
};

}  // namespace

std::span<const HandlerEntry> snapshot_handlers() { return kSnapshotHandlers; }

}  // namespace amisim::ec2
