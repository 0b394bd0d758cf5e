// DescribeSnapshots. Scope per the EC2 API reference (DescribeSnapshots): with no options, every
// snapshot the caller has create-volume permission for (its own, explicitly shared, public);
// OwnerIds narrows to owners (account IDs, "self", "amazon"); RestorableBy to account IDs (for
// snapshots the caller owns), "self" (own or explicitly shared) or "all" (public); a named ID the
// caller cannot see is left out, a named ID that does not exist is InvalidSnapshot.NotFound.
#include <algorithm>
#include <array>
#include <string_view>

#include "sim/ebs/snapshot_block_public_access.hpp"
#include "sim/ebs/snapshots.hpp"

namespace amisim::sim {
namespace {

// Filter names EC2 documents for DescribeSnapshots (EC2 API reference, Filter.N).
constexpr std::array<std::string_view, 13> kSnapshotFilters{
    "snapshot-id", "volume-id",    "status",     "owner-id", "owner-alias",
    "description", "volume-size",  "start-time", "progress", "tag-key",
    "encrypted",   "storage-tier", "kms-key-id"};

bool known_filter(const std::string& name) {
  if (name.rfind("tag:", 0) == 0) return true;
  return std::find(kSnapshotFilters.begin(), kSnapshotFilters.end(), name) !=
         kSnapshotFilters.end();
}

std::string alias_of(const World& world, const Snapshot& s) {
  return s.owner_alias.empty() ? world.owner_alias(s.owner) : s.owner_alias;
}

// The values filter `name` compares against; tag filters read the tags `viewer` sees
// (tags_seen_by, sim/core/tags.hpp): an account finds a snapshot by its own tags only.
std::vector<std::string> field(const World& world, const AccountId& viewer, const Snapshot& s,
                               const std::string& name) {
  if (name == "snapshot-id") return {s.id.str()};
  if (name == "volume-id") return {s.volume_id.str()};
  if (name == "status") return {std::string(to_string(s.state))};
  if (name == "owner-id") return {s.owner.str()};
  if (name == "owner-alias") return {alias_of(world, s)};
  if (name == "description") return {s.description};
  if (name == "volume-size") return {std::to_string(s.volume_size_gib)};
  if (name == "start-time") return {format_iso8601(s.start_time)};
  if (name == "progress") return {std::to_string(snapshot_progress_percent(s, world.now())) + "%"};
  if (name == "encrypted") return {s.encrypted ? "true" : "false"};
  if (name == "storage-tier") return {s.storage_tier};
  if (name == "kms-key-id") return {};  // no KMS keys in the model
  return tag_filter_values(tags_seen_by(s, viewer), name).value_or(std::vector<std::string>{});
}

bool owner_matches(const World& world, const Caller& caller, const Snapshot& s,
                   const std::vector<std::string>& owners) {
  if (owners.empty()) return true;
  const std::string alias = alias_of(world, s);
  for (const auto& o : owners) {
    if (o == "self" ? s.owner == caller.account : (o == s.owner.str() || o == alias)) return true;
  }
  return false;
}

bool restorable_matches(const RegionState& region, const Caller& caller, const Snapshot& s,
                        const std::vector<std::string>& restorable_by) {
  if (restorable_by.empty()) return true;
  for (const auto& r : restorable_by) {
    const bool self = r == "self" || r == caller.account.str();
    if (r == "all" && snapshot_publicly_available(region, s)) return true;
    if (self && (s.owner == caller.account || s.create_volume_permissions.count(caller.account)))
      return true;
    if (s.owner == caller.account && s.create_volume_permissions.count(AccountId(r))) return true;
  }
  return false;
}

bool matches(const World& world, const Caller& caller, const Snapshot& s,
             const DescribeSnapshotsRequest& request) {
  if (!owner_matches(world, caller, s, request.owner_ids)) return false;
  if (!restorable_matches(world.region_of(caller), caller, s, request.restorable_by)) return false;
  for (const auto& f : request.filters) {
    if (!any_match(f.values, field(world, caller.account, s, f.name))) return false;
  }
  return true;
}

Status check_principals(const DescribeSnapshotsRequest& request) {
  // Owners: account IDs, "self", or an owner alias (the ones fact sheet §3.9 lists); anything
  // else is refused as DescribeImages refuses it [?].
  for (const auto& o : request.owner_ids) {
    const bool alias = o == "amazon" || o == "aws-marketplace" || o == "aws-backup-vault";
    if (o != "self" && !alias && !is_account_id(o)) return errors::invalid_user_id_malformed(o);
  }
  for (const auto& r : request.restorable_by) {
    if (r != "self" && r != "all" && !is_account_id(r)) return errors::invalid_user_id_malformed(r);
  }
  return ok_status();
}

Status check_request(const DescribeSnapshotsRequest& request) {
  if (auto ok = check_filters(request.filters); !ok) return ok;
  for (const auto& f : request.filters) {
    if (!known_filter(f.name)) return errors::invalid_filter(f.name);
  }
  if (auto ok =
          check_page_request(request.page, kDescribeSnapshotsPages, !request.snapshot_ids.empty());
      !ok)
    return ok;
  for (const auto& id : request.snapshot_ids) {
    if (!is_well_formed_id("snap", id.str())) return errors::snapshot_id_malformed(id.str());
  }
  return check_principals(request);
}

// The snapshots in scope before owner/restorable/filters: named ones the caller can see, or
// every snapshot it can see. Region maps are ordered by ID, so the output is too.
Result<std::vector<const Snapshot*>> scope(const World& world, const Caller& caller,
                                           const std::vector<SnapshotId>& ids) {
  const RegionState& region = world.region_of(caller);
  std::vector<const Snapshot*> out;
  if (ids.empty()) {
    for (const auto& [id, s] : region.snapshots) {
      if (snapshot_visible_to(region, s, caller.account)) out.push_back(&s);
    }
    return out;
  }
  for (const auto& id : ids) {
    auto it = region.snapshots.find(id);
    if (it == region.snapshots.end()) return errors::snapshot_not_found(id.str());
    if (snapshot_visible_to(region, it->second, caller.account)) out.push_back(&it->second);
  }
  std::sort(out.begin(), out.end(), [](auto* a, auto* b) { return a->id < b->id; });
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace

Result<DescribeSnapshotsResult> describe_snapshots(const World& world, const Caller& caller,
                                                   const DescribeSnapshotsRequest& request) {
  if (auto ok = check_request(request); !ok) return ok.error();
  auto in_scope = scope(world, caller, request.snapshot_ids);
  if (!in_scope) return in_scope.error();
  std::vector<const Snapshot*> found;
  for (const Snapshot* s : *in_scope) {
    if (matches(world, caller, *s, request)) found.push_back(s);
  }
  DescribeSnapshotsResult result;
  auto page = paginate(
      std::move(found), request.page, kDescribeSnapshotsPages,
      [](const Snapshot* s) { return s->id.str(); }, result.next_token);
  if (!page) return page.error();
  result.snapshots = std::move(*page);
  return result;
}

}  // namespace amisim::sim
