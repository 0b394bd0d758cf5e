// Helpers shared by sim/s3/store_restore.cpp (store/restore) and sim/s3/vm_import_export.cpp (VM
// Import/Export); not part of the public model API.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "sim/s3/image_tasks.hpp"
#include "sim/s3/s3.hpp"
#include "sim/state/snapshot.hpp"
#include "sim/state/world.hpp"

namespace amisim::sim::detail {

inline constexpr std::uint64_t kMiB = 1024ULL * 1024;
inline constexpr std::uint64_t kTiB = 1024ULL * kGiB;
inline constexpr DurationMs kCancelMs = 60 * kSecondMs;  // deleting -> deleted [?]

// Milliseconds to move `bytes` at `per_second`, rounded up.
DurationMs transfer_ms(std::uint64_t bytes, std::uint64_t per_second);
// The basis of model-made ETags' FNV-1a (sim/core/hash.hpp): the standard offset basis
// 14695981039346656037 short of its last digit, as first written. Kept, so that ETags stay what
// they were; the hash is as stable with it.
inline constexpr std::uint64_t kEtagFnvBasis = 1469598103934665603ULL;
// FNV-1a from kEtagFnvBasis: the stable part of a model-made ETag.
std::uint64_t etag_hash(std::string_view text);
std::string upper(std::string s);
std::string lower(std::string s);

// Errors whose texts no source gives [?].

// The caller's bucket in the caller's Region, or nullptr.
const Bucket* usable_bucket(const World& world, const Caller& caller, const std::string& name);
// An image the caller can see in its Region, by ID. Errors: Malformed, NotFound.
Result<const Image*> visible_image(const World& world, const Caller& caller, const ImageId& id);
// Total size of the image's EBS volumes, bytes.
std::uint64_t image_volume_bytes(const Image& image);
// The image's snapshots as they are now, by ID.
std::map<SnapshotId, Snapshot> image_snapshot_copies(const RegionState& region, const Image& image);
std::uint64_t written_bytes(const std::map<SnapshotId, Snapshot>& snapshots);
// Schedules kImageTaskDone for a task (`kind` "store", "import" or "export") at `at`.
void schedule_task(World& world, const RegionName& region, TimeMs at, std::string target,
                   std::string kind, std::uint64_t* seq = nullptr);
// New data for a snapshot made from stored or imported bytes: every block a new write version.
std::shared_ptr<const VolumeData> fresh_data(World& world, const VolumeData* from,
                                             std::uint64_t bytes_if_none);
// A new pending snapshot of the caller's in its Region holding `data`, completed at `ready`.
Snapshot& new_snapshot(World& world, const Caller& caller, int size_gib,
                       std::shared_ptr<const VolumeData> data, std::string description,
                       TimeMs ready, bool encrypted, const std::string& key);

// The tasks' completions (sim/s3/vm_import_export.cpp), run by on_image_task_event.
void finish_import(World& world, RegionState& region, ImportTask& task);
void finish_export(World& world, ExportTask& task);

}  // namespace amisim::sim::detail
