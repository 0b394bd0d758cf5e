// A snapshot of a World: its whole state written directly (not the calls that made it), in a
// versioned JSON format, so that a state document holds a snapshot and the journal since it
// instead of every call since the seed (api/gateway/journal.hpp).
//
// What it holds: the clock (time, next sequence number, pending events), the allocator's position,
// the last write version, the accounts, Region opt-ins, Marketplace subscriptions, buckets and
// objects, the meter, and every Region's resources and records (the members of RegionState). What
// it leaves out, because a world built from the same fixtures and seed has it already: the
// fixtures themselves, the world's options, the catalogue IDs the allocator skips, each Region's
// fixture data (RegionState::info), and the catalogue's images and root snapshots where they are
// unchanged — a changed one is written whole, a gone one listed by ID. The indexes
// (RegionState::image_names, instance_tags) are rebuilt from the images and instances. Values
// shared between resources (a volume's data with the snapshots made from it, a stored AMI with its
// task and its object) are written once and stay shared once loaded. snapshot_codec.hpp and
// snapshot_fields.hpp say how values are written, and how a member left out fails the build.
//
// {"format": "amisim-snapshot/3", "digest", "checksum", "clock", "ids", "write_version",
//  "accounts", "region_opt", "subscriptions", "buckets", "meter", "regions", "volume_data",
//  "stored_images"}: "digest" is the world's (World::digest), "checksum" FNV-1a 64 of every other
// member as written, so an edited or torn snapshot is refused before its world is used. "meter":
// {"blocks": [{"account", "region", "usage_type", "charge", "unit", "quantity_unit", "time_unit",
// "lines": [[resource, [[start, end, quantity, price], ...]], ...]}, ...], "retired": [{"account",
// "region", "usage_type", "unit", "days": [[day, cost, usage_micro], ...]}, ...],
// "tier_records_billed"} (format 2 had no "retired", format 1 wrote "lines": [{"key", "usage"}]
// objects, four times the text; both still load).
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "sim/state/world.hpp"

namespace amisim::io {

inline constexpr std::string_view kWorldSnapshotFormat = "amisim-snapshot/3";
// Format 2 had no retired meter days (the meter kept every line's detail); it still loads.
inline constexpr std::string_view kWorldSnapshotFormat2 = "amisim-snapshot/2";
// Format 1 wrote the meter's lines as objects ({"key": ..., "usage": ...}); it still loads.
inline constexpr std::string_view kWorldSnapshotFormat1 = "amisim-snapshot/1";

// The snapshot of `world`. Writing it costs a pass over the catalogue (to find what changed).
nlohmann::json world_snapshot(const sim::World& world);

// Puts `snapshot` into `world`, which must be fresh: just built from the fixtures and seed of the
// world that was snapshotted. "" when done; else one line saying where the snapshot is wrong
// ("snapshot.regions.us-east-1.instances.i-0123456789abcdef0.state: not an integer"), that its
// checksum or digest does not match, and `world` is half restored: drop it.
std::string restore_world_snapshot(sim::World& world, const nlohmann::json& snapshot);

}  // namespace amisim::io
