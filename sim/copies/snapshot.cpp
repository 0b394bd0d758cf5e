// CopySnapshot. Facts: fact sheet §5 (UG23:ebs-copy-snapshot.md, APIREF:CopySnapshot).
#include "sim/copies/copies.hpp"
#include "sim/copies/detail.hpp"
#include "sim/core/text.hpp"
#include "sim/ebs/snapshot_tiers.hpp"
#include "sim/ebs/snapshots.hpp"

namespace amisim::sim {
namespace {

using namespace detail;

// The source snapshot as the caller may read it: it must be in SourceRegion and be the caller's,
// shared with the caller (createVolumePermission) or public; else "not found", as DescribeSnapshots
// does not show it either.
Result<const Snapshot*> readable_source(const World& world, const Caller& caller,
                                        const CopySnapshotRequest& request) {
  auto region = source_region(world, caller, request.source_region);
  if (!region) return region.error();
  const std::string& sid = request.source_snapshot_id.str();
  if (!is_well_formed_id("snap", sid)) return errors::snapshot_id_malformed(sid);
  auto it = (*region)->snapshots.find(request.source_snapshot_id);
  if (it == (*region)->snapshots.end() ||
      !snapshot_visible_to(**region, it->second, caller.account))
    return errors::snapshot_not_found(sid);
  const Snapshot& s = it->second;
  if (s.state != SnapshotState::kCompleted)
    return errors::snapshot_not_completed(sid, to_string(s.state));
  // Archived snapshots cannot be copied (fact sheet §5).
  if (auto ok = check_snapshot_usable(s); !ok) return ok.error();
  return &s;
}

Status check_request(const World& world, const Caller& caller, const CopySnapshotRequest& r) {
  // At most 255 characters (EC2 API reference, CreateSnapshot) [doc]; sim/core/text.hpp.
  if (auto ok = check_description("Description", r.description); !ok) return ok;
  if (auto ok = check_tag_resource_types(r.tag_specifications, {"snapshot"}); !ok) return ok;
  if (auto ok = validate_tags(tags_for(r.tag_specifications, "snapshot")); !ok) return ok;
  const RegionState& dest = world.region_of(caller);
  if (pending_snapshot_copies(dest, caller.account) >= kMaxConcurrentSnapshotCopies)
    return errors::snapshot_copy_limit_exceeded(kMaxConcurrentSnapshotCopies, caller.region.str());
  return ok_status();
}

}  // namespace

Result<const Snapshot*> copy_snapshot(World& world, const Caller& caller,
                                      const CopySnapshotRequest& request) {
  auto source = readable_source(world, caller, request);
  if (!source) return source.error();
  if (auto ok = check_source_encryption(caller, **source, request.encrypted); !ok)
    return ok.error();
  auto key = requested_key(caller, request.encrypted, request.kms_key_id);
  if (!key) return key.error();
  if (auto ok = check_request(world, caller, request); !ok) return ok.error();
  if (request.dry_run) return errors::dry_run();
  RegionState& dest = world.region_of(caller);
  Snapshot& copy = start_copy(world, dest, caller, **source, copy_key(caller, **source, *key),
                              request.description);
  apply_tags(copy.tags, tags_for(request.tag_specifications, "snapshot"));
  return &copy;
}

}  // namespace amisim::sim
