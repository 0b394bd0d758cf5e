// Store/restore (VM Import/Export: sim/s3/vm_import_export.cpp). Facts: fact sheet §6
// (UG23:ami-store-restore.md, VMIE23:*), the API reference's request and result shapes; choices
// marked [?].
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <limits>

#include "sim/core/hash.hpp"
#include "sim/ebs/kms.hpp"
#include "sim/ebs/snapshots.hpp"
#include "sim/images/allowed_images.hpp"
#include "sim/images/images.hpp"
#include "sim/images/marketplace.hpp"
#include "sim/s3/detail.hpp"
#include "sim/s3/image_tasks.hpp"
#include "sim/s3/s3.hpp"

namespace amisim::sim {
namespace detail {

DurationMs transfer_ms(std::uint64_t bytes, std::uint64_t per_second) {
  return static_cast<DurationMs>((bytes * 1000 + per_second - 1) / per_second);
}

std::uint64_t etag_hash(std::string_view text) { return fnv1a(text, kEtagFnvBasis); }

std::string upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}
std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// The caller's bucket in the caller's Region, or nullptr.
const Bucket* usable_bucket(const World& world, const Caller& caller, const std::string& name) {
  const Bucket* b = bucket_named(world, name);
  if (b == nullptr || b->owner != caller.account || b->region != caller.region) return nullptr;
  return b;
}

// An image the caller can see in its Region, by ID. Errors: Malformed, NotFound.
Result<const Image*> visible_image(const World& world, const Caller& caller, const ImageId& id) {
  if (!is_well_formed_id("ami", id.str())) return errors::image_id_malformed(id.str());
  const Image* image = find_image(world, caller, id);
  // Allowed AMIs enabled: an image outside the criteria is not found (UG: "describe, copy, store").
  if (image == nullptr || image_restricted(world, caller.account, *image))
    return errors::image_not_found(id.str());
  return image;
}

// Total size of the image's EBS volumes, bytes.
std::uint64_t image_volume_bytes(const Image& image) {
  std::uint64_t total = 0;
  for (const auto& m : image.mappings)
    if (m.ebs && m.ebs->volume_size_gib)
      total += static_cast<std::uint64_t>(*m.ebs->volume_size_gib) * kGiB;
  return total;
}

// The image's snapshots as they are now, by ID.
std::map<SnapshotId, Snapshot> image_snapshot_copies(const RegionState& region,
                                                     const Image& image) {
  std::map<SnapshotId, Snapshot> out;
  for (const SnapshotId& id : image_snapshots(image)) {
    auto it = region.snapshots.find(id);
    if (it != region.snapshots.end()) out.emplace(id, it->second);
  }
  return out;
}

std::uint64_t written_bytes(const std::map<SnapshotId, Snapshot>& snapshots) {
  std::uint64_t total = 0;
  for (const auto& [id, s] : snapshots) total += s.data ? s.data->blocks.written_bytes() : 0;
  return total;
}

void schedule_task(World& world, const RegionName& region, TimeMs at, std::string target,
                   std::string kind, std::uint64_t* seq) {
  Event e;
  e.at = at;
  e.kind = EventKind::kImageTaskDone;
  e.region = region;
  e.target = std::move(target);
  e.detail = std::move(kind);
  const std::uint64_t s = world.schedule(std::move(e));
  if (seq != nullptr) *seq = s;
}

// New data for a snapshot made from stored or imported bytes: every block a new write version
// (a restore or an import writes new EBS data, never shared with the original's blocks).
std::shared_ptr<const VolumeData> fresh_data(World& world, const VolumeData* from,
                                             std::uint64_t bytes_if_none) {
  auto data = std::make_shared<VolumeData>();
  if (from != nullptr) {
    data->packages = from->packages;
    for (const Extent& e : from->blocks.extents())
      data->blocks.write(e.first_block, e.block_count, world.next_write_version());
  } else if (bytes_if_none > 0) {
    data->blocks.write(0, (bytes_if_none + kBlockBytes - 1) / kBlockBytes,
                       world.next_write_version());
  }
  return data;
}

// A new pending snapshot of the caller's in its Region holding `data`, completed at `ready`.
Snapshot& new_snapshot(World& world, const Caller& caller, int size_gib,
                       std::shared_ptr<const VolumeData> data, std::string description,
                       TimeMs ready, bool encrypted, const std::string& key) {
  RegionState& region = world.region_of(caller);
  Snapshot s;
  s.id = SnapshotId(world.new_id("snap"));
  s.region = caller.region;
  s.owner = caller.account;
  s.owner_alias = world.owner_alias(caller.account);
  s.volume_id = VolumeId("vol-ffffffff");
  s.volume_size_gib = size_gib;
  s.description = std::move(description);
  s.state = SnapshotState::kPending;
  s.start_time = world.now();
  s.encrypted = encrypted;
  s.kms_key_id = key;
  s.data = std::move(data);
  s.pool_order = region.next_pool_order++;
  region.accounts.at(caller.account).pool.add(s.pool_order, s.data->blocks);
  s.completion_time = std::max(ready, world.now() + kSecondMs);
  return add_pending_snapshot(world, region, std::move(s));
}

}  // namespace detail

using namespace detail;

DurationMs store_duration(std::uint64_t bytes) {
  return 30 * kSecondMs + transfer_ms(bytes, 32 * kMiB);
}
DurationMs import_duration(ImportKind kind, std::uint64_t bytes) {
  const DurationMs base = kind == ImportKind::kImage ? 600 * kSecondMs : 120 * kSecondMs;
  return base + transfer_ms(bytes, 16 * kMiB);
}
DurationMs export_duration(std::uint64_t bytes) {
  return 300 * kSecondMs + transfer_ms(bytes, 16 * kMiB);
}

// --- store -----------------------------------------------------------------------------------

namespace {

// The store keeps the AMI's and its snapshots' tags (fact sheet §6), as the storing account sees
// them: its own (tags_seen_by, sim/core/tags.hpp), so an account an AMI is shared with stores none
// of the owner's.
void keep_tags_seen_by(StoredImage& content, const AccountId& account) {
  content.image.tags = tags_seen_by(content.image, account);
  content.image.grantee_tags.reset();
  for (auto& [id, snapshot] : content.snapshots) {
    snapshot.tags = tags_seen_by(snapshot, account);
    snapshot.grantee_tags.clear();
  }
}

}  // namespace

Result<std::string> store_image(World& world, const Caller& caller,
                                const StoreImageRequest& request) {
  if (request.image_id.empty()) return errors::missing_image_id();
  if (request.bucket.empty()) return errors::missing_bucket();
  auto image = visible_image(world, caller, request.image_id);
  if (!image) return image.error();
  const Image& ami = **image;
  // Owned, or shared with the account directly: public sharing is not enough (fact sheet §6).
  if (ami.owner != caller.account && ami.launch_permissions->count(caller.account) == 0)
    return errors::store_needs_direct_share(ami.id.str());
  if (ami.state != ImageState::kAvailable)
    return errors::image_unavailable(ami.id.str(), to_string(ami.state));
  if (ami.traits.root_device_type != "ebs") return errors::store_needs_ebs();
  if (ami.traits.virtualization_type == "paravirtual") return errors::store_of_paravirtual();
  if (image_volume_bytes(ami) > kStoreMaxImageBytes) return errors::store_too_large();
  if (usable_bucket(world, caller, request.bucket) == nullptr)
    return errors::task_bucket_unusable(request.bucket, caller.region.str());
  if (auto s = validate_tags(request.object_tags); !s) return s.error();

  RegionState& region = world.region_of(caller);
  auto snapshots = image_snapshot_copies(region, ami);
  const std::uint64_t bytes = written_bytes(snapshots);
  // The quota counts the AMIs' size before compression [?: "GB of AMI data"].
  std::uint64_t in_progress = 0;
  for (const auto& t : region.tasks.store)
    if (t.owner == caller.account && t.state == "InProgress")
      in_progress += image_volume_bytes(t.content->image);
  if (in_progress + image_volume_bytes(ami) > kStoreInProgressBytes)
    return errors::store_limit_exceeded();
  if (request.dry_run) return errors::dry_run();

  auto content = std::make_shared<StoredImage>();
  content->image = ami;
  content->snapshots = std::move(snapshots);
  keep_tags_seen_by(*content, caller.account);
  content->stored_by = caller.account;
  content->stored_at = world.now();

  StoreImageTask task;
  task.number = region.tasks.next_store_number++;
  task.image = ami.id;
  task.owner = caller.account;
  task.bucket = request.bucket;
  task.key = ami.id.str() + ".bin";
  task.start = world.now();
  task.end = world.now() + store_duration(bytes);
  task.bytes = bytes;
  task.object_tags = request.object_tags;
  task.content = std::move(content);
  schedule_task(world, caller.region, task.end, std::to_string(task.number), "store");
  std::string key = task.key;
  region.tasks.store.push_back(std::move(task));
  return key;
}

namespace {

// Completes a store task: the object appears (the bucket may have gone meanwhile: then the task
// fails [?]).
void finish_store(World& world, RegionState& region, StoreImageTask& task) {
  if (task.state != "InProgress") return;
  Bucket* bucket = bucket_named(world, task.bucket);
  if (bucket == nullptr || bucket->owner != task.owner) {
    task.state = "Failed";
    task.failure_reason = fmt::format("The S3 bucket {} no longer exists.", task.bucket);  // [?]
    return;
  }
  (void)region;
  const Image& ami = task.content->image;
  S3Object object;
  object.key = task.key;
  object.size = task.bytes;
  // [?] names: the user guide lists what the metadata holds, not the header names.
  object.metadata["ami-name"] = ami.name;
  object.metadata["ami-description"] = ami.description;
  object.metadata["ami-creation-date"] = format_iso8601(ami.creation);
  object.metadata["ami-owner-account"] = ami.owner.str();
  object.metadata["ami-store-date"] = format_iso8601(world.now());
  object.etag = fmt::format("\"{:016x}{:016x}\"", etag_hash(task.key), task.number ^ task.bytes);
  object.stored_image = task.content;
  put_model_object(world, *bucket, std::move(object));
  task.state = "Completed";
}

}  // namespace

Result<DescribeStoreImageTasksResult> describe_store_image_tasks(
    const World& world, const Caller& caller, const DescribeStoreImageTasksRequest& request) {
  if (auto s = check_filters(request.filters); !s) return s.error();
  for (const auto& f : request.filters) {
    if (f.name != "task-state" && f.name != "bucket") return errors::invalid_filter(f.name);
  }
  if (!request.image_ids.empty() && request.page.max_results)
    return errors::store_tasks_ids_with_max_results();
  if (auto s = check_page_request(request.page, kDescribeStoreImageTasksPages, false); !s)
    return s.error();
  const RegionState& region = world.region_of(caller);
  std::vector<StoreTaskView> matching;
  for (auto it = region.tasks.store.rbegin(); it != region.tasks.store.rend(); ++it) {
    const StoreImageTask& t = *it;
    if (t.owner != caller.account || world.now() - t.start > kStoreTaskVisibleMs) continue;
    if (!request.image_ids.empty() && std::find(request.image_ids.begin(), request.image_ids.end(),
                                                t.image) == request.image_ids.end())
      continue;
    bool keep = true;
    for (const auto& f : request.filters) {
      const std::string& value = f.name == "task-state" ? t.state : t.bucket;
      if (!any_match(f.values, value)) keep = false;
    }
    if (!keep) continue;
    StoreTaskView v;
    v.task = &t;
    if (t.state == "Completed") {
      v.progress = 100;
    } else if (t.state == "InProgress" && t.end > t.start) {
      v.progress = static_cast<int>(
          std::min<DurationMs>(99, (world.now() - t.start) * 100 / (t.end - t.start)));
    }
    matching.push_back(v);
  }
  for (const ImageId& id : request.image_ids) {
    bool found = std::any_of(matching.begin(), matching.end(),
                             [&](const StoreTaskView& v) { return v.task->image == id; });
    if (!found && request.filters.empty()) return errors::image_not_found(id.str());
  }
  DescribeStoreImageTasksResult out;
  auto page = paginate(
      std::move(matching), request.page, kDescribeStoreImageTasksPages,
      [](const StoreTaskView& v) {
        return fmt::format("{:020}", std::numeric_limits<std::uint64_t>::max() - v.task->number);
      },
      out.next_token);
  if (!page) return page.error();
  out.tasks = std::move(*page);
  return out;
}

// --- restore ---------------------------------------------------------------------------------

Result<ImageId> restore_image(World& world, const Caller& caller,
                              const RestoreImageRequest& request) {
  if (request.bucket.empty()) return errors::missing_bucket();
  if (request.object_key.empty()) return errors::missing_object_key();
  const Bucket* bucket = usable_bucket(world, caller, request.bucket);
  if (bucket == nullptr) return errors::task_bucket_unusable(request.bucket, caller.region.str());
  auto obj = bucket->objects.find(request.object_key);
  if (obj == bucket->objects.end())
    return errors::stored_object_not_found(request.object_key, request.bucket);
  if (!obj->second.stored_image) return errors::object_not_stored_image(request.object_key);
  const StoredImage& stored = *obj->second.stored_image;
  const std::string name = request.name.empty() ? stored.image.name : request.name;
  RegionState& region = world.region_of(caller);
  if (auto s = check_image_name(region, caller.account, name); !s) return s.error();
  if (auto s = check_tag_resource_types(request.tag_specifications, {"image", "snapshot"}); !s)
    return s.error();
  if (auto s = validate_tags(tags_for(request.tag_specifications, "image")); !s) return s.error();
  if (auto s = validate_tags(tags_for(request.tag_specifications, "snapshot")); !s)
    return s.error();
  std::uint64_t in_progress = 0;
  for (const auto& [id, img] : region.images) {
    if (img.owner == caller.account && img.state == ImageState::kPending && img.restored_from_s3)
      in_progress += image_volume_bytes(img);
  }
  if (in_progress + image_volume_bytes(stored.image) > kRestoreInProgressBytes)
    return errors::restore_from_s3_limit_exceeded();
  if (request.dry_run) return errors::dry_run();

  const Image& from = stored.image;
  Image image;
  image.id = ImageId(world.new_id("ami"));
  image.region = caller.region;
  image.owner = caller.account;
  image.owner_alias = world.owner_alias(caller.account);
  image.name = name;                     // the request's, else the stored AMI's (fact sheet §6)
  image.description = from.description;  // the stored AMI's (UG23:ami-store-restore.md)
  image.creation = world.now();
  image.set_image_location(caller.account.str() + "/" + name);
  image.traits = from.traits;  // all of them: the store keeps the metadata (sim/state/image.hpp)
  image.restored_from_s3 = true;
  image.source_image_id = from.id;  // its lineage: the stored AMI (fact sheet §9)
  image.source_image_region = from.region;
  // AMI and snapshot tags are preserved by the store (fact sheet §6).
  image.tags.change([&](Tags& t) { copy_user_tags(t, from.tags); });
  image.tags.change([&](Tags& t) { apply_tags(t, tags_for(request.tag_specifications, "image")); });

  const TimeMs ready = world.now() + store_duration(written_bytes(stored.snapshots));
  const auto snapshot_tags = tags_for(request.tag_specifications, "snapshot");
  image.mappings = from.mappings;
  for (const auto& [old_id, s] : stored.snapshots) {
    Snapshot& fresh =
        new_snapshot(world, caller, s.volume_size_gib, fresh_data(world, s.data.get(), 0),
                     fmt::format("Created by CreateRestoreImageTask for {} from s3://{}/{}",
                                 image.id.str(), request.bucket, request.object_key),  // [?] text
                     ready, false, "");  // stored data was decrypted (fact sheet §6)
    copy_user_tags(fresh.tags, s.tags);
    apply_tags(fresh.tags, snapshot_tags);
    for (auto& m : image.mappings) {
      if (!m.ebs || m.ebs->snapshot_id != old_id) continue;
      m.ebs->snapshot_id = fresh.id;
      m.ebs->encrypted = false;
    }
  }
  const ImageId id = image.id;
  Image& added = region.images.emplace(id, std::move(image)).first->second;
  index_name(region, added);
  schedule_available(world, added, ready);
  return id;
}

namespace {

bool finished(const std::string& status) { return status == "completed" || status == "deleted"; }

void schedule_purge(World& world, const RegionName& region, TimeMs at, std::string target,
                    std::string kind) {
  Event e;
  e.at = std::max(at, world.now());
  e.kind = EventKind::kImageTaskPurged;
  e.region = region;
  e.target = std::move(target);
  e.detail = std::move(kind);
  e.settles = false;  // housekeeping: no caller waits for it
  world.schedule(std::move(e));
}

}  // namespace

void on_image_task_event(World& world, const Event& event) {
  RegionState* region = world.region(event.region);
  if (region == nullptr) return;
  if (event.detail == "store") {
    for (auto& t : region->tasks.store) {
      if (std::to_string(t.number) != event.target || t.state != "InProgress") continue;
      finish_store(world, *region, t);
      // Listed while now - start <= kStoreTaskVisibleMs (describe_store_image_tasks).
      schedule_purge(world, region->name(), t.start + kStoreTaskVisibleMs + 1, event.target,
                     "store");
    }
  } else if (event.detail == "import") {
    auto it = region->tasks.imports.find(event.target);
    if (it == region->tasks.imports.end() || it->second.seq != event.seq) return;
    finish_import(world, *region, it->second);
    if (finished(it->second.status))
      schedule_purge(world, region->name(), world.now() + kImportTaskVisibleMs, event.target,
                     "import");
  } else if (event.detail == "export") {
    auto it = region->tasks.exports.find(event.target);
    if (it == region->tasks.exports.end()) return;
    finish_export(world, it->second);
    if (finished(it->second.status))
      schedule_purge(world, region->name(), world.now() + kExportTaskVisibleMs, event.target,
                     "export");
  }
}

void on_image_task_purge_event(World& world, const Event& event) {
  RegionState* region = world.region(event.region);
  if (region == nullptr) return;
  ImageTasks& tasks = region->tasks;
  if (event.detail == "store") {
    std::erase_if(tasks.store, [&](const StoreImageTask& t) {
      return std::to_string(t.number) == event.target && t.state != "InProgress";
    });
  } else if (event.detail == "import") {
    auto it = tasks.imports.find(event.target);
    if (it != tasks.imports.end() && finished(it->second.status)) tasks.imports.erase(it);
  } else if (event.detail == "export") {
    auto it = tasks.exports.find(event.target);
    if (it != tasks.exports.end() && finished(it->second.status)) tasks.exports.erase(it);
  }
}

}  // namespace amisim::sim
