// VM Import/Export: ImportImage, ImportSnapshot, DescribeImport*Tasks, CancelImportTask,
// ExportImage, DescribeExportImageTasks. Facts: fact sheet §6 (VMIE23:*), the API reference's
// request and result shapes; choices marked [?]. Store/restore and the shared helpers are in
// sim/s3/store_restore.cpp.
#include <fmt/format.h>

#include <algorithm>

#include "sim/core/text.hpp"
#include "sim/ebs/kms.hpp"
#include "sim/ebs/snapshots.hpp"
#include "sim/images/images.hpp"
#include "sim/images/marketplace.hpp"
#include "sim/s3/detail.hpp"
#include "sim/s3/image_tasks.hpp"
#include "sim/s3/s3.hpp"

namespace amisim::sim {

using namespace detail;
// --- VM Import -------------------------------------------------------------------------------

namespace {

const std::vector<std::string>& image_formats() {
  static const std::vector<std::string> f = {"OVA", "VMDK", "VHD", "VHDX", "RAW"};
  return f;
}
const std::vector<std::string>& snapshot_formats() {
  static const std::vector<std::string> f = {"VMDK", "VHD", "VHDX", "RAW"};
  return f;
}

std::string format_from_key(const std::string& key) {
  auto dot = key.rfind('.');
  if (dot == std::string::npos) return "";
  std::string ext = upper(key.substr(dot + 1));
  if (ext == "IMG") return "RAW";
  return ext;
}

// Splits "s3://bucket/key" or "https://bucket.s3[.region].amazonaws.com/key"; false otherwise.
bool parse_s3_url(const std::string& url, std::string& bucket, std::string& key) {
  auto take = [&](std::string_view rest) {
    auto slash = rest.find('/');
    if (slash == std::string_view::npos || slash == 0 || slash + 1 >= rest.size()) return false;
    bucket = std::string(rest.substr(0, slash));
    key = std::string(rest.substr(slash + 1));
    return true;
  };
  std::string_view u = url;
  if (u.rfind("s3://", 0) == 0) return take(u.substr(5));
  for (std::string_view scheme : {"https://", "http://"}) {
    if (u.rfind(scheme, 0) != 0) continue;
    std::string_view rest = u.substr(scheme.size());
    auto host_end = rest.find('/');
    if (host_end == std::string_view::npos) return false;
    std::string_view host = rest.substr(0, host_end);
    auto s3 = host.find(".s3");
    if (s3 == std::string_view::npos) return false;
    bucket = std::string(host.substr(0, s3));
    key = std::string(rest.substr(host_end + 1));
    return !bucket.empty() && !key.empty();
  }
  return false;
}

// Whether the object's bytes are a disk of `format`, by its magic (VMDK "KDMV" or a text
// descriptor; VHD footer "conectix"; VHDX "vhdxfile"; OVA a tar archive; RAW anything). A
// model-made export is valid for the format its key names.
bool looks_like(const S3Object& object, const std::string& format) {
  if (object.synthetic) return !object.stored_image && format_from_key(object.key) == format;
  const std::string& b = object.body;
  if (format == "RAW") return !b.empty();
  if (format == "VMDK") return b.rfind("KDMV", 0) == 0 || b.rfind("# Disk DescriptorFile", 0) == 0;
  if (format == "VHD")
    return b.rfind("conectix", 0) == 0 ||
           (b.size() >= 512 && b.compare(b.size() - 512, 8, "conectix") == 0);
  if (format == "VHDX") return b.rfind("vhdxfile", 0) == 0;
  if (format == "OVA") return b.size() >= 262 && b.compare(257, 5, "ustar") == 0;
  return false;
}

// Checks one disk container; fills `disk`; returns a failure text for the task ("" = fine) or a
// synchronous error.
Result<std::string> read_disk(const World& world, const Caller& caller, const ImportRequest& r,
                              const DiskContainer& c, ImportDisk& disk) {
  const auto& formats = r.kind == ImportKind::kImage ? image_formats() : snapshot_formats();
  disk.description = c.description;
  disk.device_name = c.device_name;
  disk.url = c.url;
  if (!c.snapshot_id.empty()) {
    if (r.kind != ImportKind::kImage) return errors::snapshot_id_in_snapshot_import();
    if (!is_well_formed_id("snap", c.snapshot_id))
      return errors::snapshot_id_malformed(c.snapshot_id);
    const Snapshot* s = find_visible_snapshot(world, caller, SnapshotId(c.snapshot_id));
    if (s == nullptr || s->owner != caller.account)
      return errors::snapshot_not_found(c.snapshot_id);
    disk.from_snapshot = s->id;
    disk.format = c.format.empty() ? "RAW" : upper(c.format);
    disk.bytes = static_cast<std::uint64_t>(s->volume_size_gib) * kGiB;
    return std::string();
  }
  if (!c.bucket.empty() || !c.key.empty()) {
    if (c.bucket.empty()) return errors::missing_user_bucket_name();
    if (c.key.empty()) return errors::missing_user_bucket_key();
    disk.bucket = c.bucket;
    disk.key = c.key;
  } else if (!c.url.empty()) {
    if (!parse_s3_url(c.url, disk.bucket, disk.key)) return errors::disk_url_invalid(c.url);
  } else {
    return errors::missing_user_bucket();
  }
  disk.format = c.format.empty() ? format_from_key(disk.key) : upper(c.format);
  if (std::find(formats.begin(), formats.end(), disk.format) == formats.end()) {
    const std::string& shown = c.format.empty() ? disk.key : c.format;
    return r.kind == ImportKind::kImage ? errors::image_disk_format_unsupported(shown)
                                        : errors::snapshot_disk_format_unsupported(shown);
  }
  const Bucket* bucket = bucket_named(world, disk.bucket);
  const std::string role = r.role_name.empty() ? "vmimport" : r.role_name;
  if (bucket == nullptr || bucket->owner != caller.account)
    return errors::service_role_invalid(role);
  if (bucket->region != caller.region)  // rule: fact sheet §6
    return errors::disk_bucket_elsewhere(disk.bucket, bucket->region.str(), caller.region.str());
  auto obj = bucket->objects.find(disk.key);
  if (obj == bucket->objects.end()) return errors::disk_object_not_found(disk.bucket, disk.key);
  disk.bytes = obj->second.size;
  if (obj->second.stored_image) return std::string("ClientError: Unknown OS / Missing OS files.");
  if (!looks_like(obj->second, disk.format)) {
    return fmt::format("ClientError: Disk validation failed [Unsupported {} File Format]",
                       disk.format);
  }
  if (disk.bytes >= 16 * kTiB)
    return std::string("ClientError: Disk validation failed [Disk size exceeds the limit]");
  return std::string();
}

// Phases an active task shows, with the progress each starts at (fact sheet §6 statuses; the
// image phases after "converting" are what DescribeImportImageTasks reports in practice [?]).
struct Phase {
  int from_percent;
  const char* message;
};
constexpr Phase kImagePhases[] = {{0, "pending"},       {5, "validating"}, {15, "validated"},
                                  {20, "converting"},   {60, "updating"},  {80, "booting"},
                                  {90, "preparing ami"}};
constexpr Phase kSnapshotPhases[] = {{0, "pending"}, {10, "downloading/converting"}};

// The text an import keeps and describes back as given (sim/core/text.hpp).
Status check_import_text(const ImportRequest& r) {
  for (const auto& [parameter, value] :
       {std::pair<std::string_view, const std::string&>{"Description", r.description},
        {"Architecture", r.architecture},
        {"Platform", r.platform},
        {"LicenseType", r.license_type},
        {"BootMode", r.boot_mode},
        {"RoleName", r.role_name},
        {"KmsKeyId", r.kms_key_id}}) {
    if (auto s = check_text(parameter, value); !s) return s;
  }
  for (const DiskContainer& c : r.disks) {
    for (const auto& [parameter, value] : {std::pair<std::string_view, const std::string&>{
                                               "DiskContainer.Description", c.description},
                                           {"DiskContainer.DeviceName", c.device_name},
                                           {"DiskContainer.Format", c.format},
                                           {"DiskContainer.Url", c.url},
                                           {"DiskContainer.UserBucket.S3Bucket", c.bucket},
                                           {"DiskContainer.UserBucket.S3Key", c.key},
                                           {"DiskContainer.SnapshotId", c.snapshot_id}}) {
      if (auto s = check_text(parameter, value); !s) return s;
    }
  }
  return check_client_token(r.client_token);
}

}  // namespace

Result<const ImportTask*> import_disk(World& world, const Caller& caller, const ImportRequest& r) {
  if (r.disks.empty()) {
    return r.kind == ImportKind::kImage ? errors::missing_disk_containers()
                                        : errors::missing_disk_container();
  }
  if (r.kind == ImportKind::kImage && r.disks.size() > 21) return errors::too_many_import_disks();
  if (auto s = check_import_text(r); !s) return s.error();
  if (!r.kms_key_id.empty() && !(r.encrypted && *r.encrypted))
    return errors::kms_key_requires_encrypted();
  if (!r.architecture.empty() && r.architecture != "x86_64" && r.architecture != "arm64" &&
      r.architecture != "i386")
    return errors::import_architecture_invalid(r.architecture);
  if (!r.platform.empty() && lower(r.platform) != "linux" && lower(r.platform) != "windows")
    return errors::import_platform_invalid(r.platform);
  if (r.boot_mode == "uefi-preferred") return errors::import_boot_mode_unsupported();
  const char* task_type =
      r.kind == ImportKind::kImage ? "import-image-task" : "import-snapshot-task";
  if (auto s = check_tag_resource_types(r.tag_specifications, {task_type}); !s) return s.error();
  if (auto s = validate_tags(tags_for(r.tag_specifications, task_type)); !s) return s.error();
  RegionState& region = world.region_of(caller);
  // ClientToken: the same task again [?] (no mismatch check: the request shape is large).
  if (!r.client_token.empty()) {
    for (const auto& [id, t] : region.tasks.imports)
      if (t.owner == caller.account && t.kind == r.kind && t.client_token == r.client_token)
        return r.dry_run ? Result<const ImportTask*>(errors::dry_run()) : &t;
  }
  ImportTask task;
  task.kind = r.kind;
  std::string failure;
  for (const DiskContainer& c : r.disks) {
    ImportDisk disk;
    auto f = read_disk(world, caller, r, c, disk);
    if (!f) return f.error();
    if (failure.empty()) failure = *f;
    task.disks.push_back(std::move(disk));
  }
  if (r.dry_run) return errors::dry_run();

  task.id = world.new_id(r.kind == ImportKind::kImage ? "import-ami" : "import-snap");
  task.owner = caller.account;
  task.start = world.now();
  std::uint64_t bytes = 0;
  for (const auto& d : task.disks) bytes += d.bytes;
  const DurationMs full = import_duration(r.kind, bytes);
  task.failure = failure;
  // A bad disk is found while validating [?]: the task fails at the end of that phase.
  task.end = task.start + (failure.empty() ? full : full * 15 / 100);
  task.description = r.description;
  task.architecture =
      r.kind == ImportKind::kImage ? (r.architecture.empty() ? "x86_64" : r.architecture) : "";
  task.platform =
      r.kind == ImportKind::kImage ? (lower(r.platform) == "windows" ? "Windows" : "Linux") : "";
  task.license_type = r.license_type;
  task.boot_mode = r.boot_mode;
  task.role_name = r.role_name.empty() ? "vmimport" : r.role_name;
  task.encrypted = r.encrypted.value_or(false);
  if (task.encrypted) {
    task.kms_key_id =
        r.kms_key_id.empty() ? default_ebs_key_arn(caller.region, caller.account) : r.kms_key_id;
  }
  task.client_token = r.client_token;
  apply_tags(task.tags, tags_for(r.tag_specifications, task_type));
  const std::string id = task.id;
  schedule_task(world, caller.region, task.end, id, "import", &task.seq);
  return &region.tasks.imports.emplace(id, std::move(task)).first->second;
}

ImportTaskView view_import_task(const World& world, const ImportTask& task) {
  ImportTaskView v;
  v.task = &task;
  v.status = task.status;
  if (task.status == "completed") return v;
  if (task.status == "deleting" || task.status == "deleted") {
    v.status_message = task.cancelled_at != 0 ? "User requested cancel" : task.failure;  // [?]
    return v;
  }
  const TimeMs span = std::max<TimeMs>(1, task.end - task.start);
  // A failing task's clock runs to the end of validating (15 %).
  const int scale = task.failure.empty() ? 100 : 15;
  int percent =
      static_cast<int>(std::min<TimeMs>(scale - 1, (world.now() - task.start) * scale / span));
  percent = std::max(percent, 0);
  const Phase* begin =
      task.kind == ImportKind::kImage ? std::begin(kImagePhases) : std::begin(kSnapshotPhases);
  const Phase* end =
      task.kind == ImportKind::kImage ? std::end(kImagePhases) : std::end(kSnapshotPhases);
  for (const Phase* p = begin; p != end; ++p)
    if (percent >= p->from_percent) v.status_message = p->message;
  v.progress = std::to_string(std::max(percent, 2));
  return v;
}

Result<DescribeImportTasksResult> describe_import_tasks(const World& world, const Caller& caller,
                                                        const DescribeImportTasksRequest& r) {
  if (auto s = check_filters(r.filters); !s) return s.error();
  for (const auto& f : r.filters)
    if (f.name != "task-state") return errors::invalid_filter(f.name);
  if (auto s = check_page_request(r.page, kDescribeImportTasksPages, false); !s) return s.error();
  const char* prefix = r.kind == ImportKind::kImage ? "import-ami" : "import-snap";
  const RegionState& region = world.region_of(caller);
  for (const std::string& id : r.task_ids) {
    if (!is_well_formed_id(prefix, id)) return errors::import_task_id_malformed(id);
    auto it = region.tasks.imports.find(id);
    if (it == region.tasks.imports.end() || it->second.owner != caller.account)
      return errors::import_task_not_found(id);
  }
  std::vector<ImportTaskView> matching;
  for (const auto& [id, t] : region.tasks.imports) {
    if (t.owner != caller.account || t.kind != r.kind) continue;
    if (!r.task_ids.empty() &&
        std::find(r.task_ids.begin(), r.task_ids.end(), id) == r.task_ids.end())
      continue;
    ImportTaskView v = view_import_task(world, t);
    bool keep = true;
    for (const auto& f : r.filters)
      if (!any_match(f.values, v.status)) keep = false;
    if (keep) matching.push_back(v);
  }
  std::sort(matching.begin(), matching.end(), [](const ImportTaskView& a, const ImportTaskView& b) {
    return a.task->start != b.task->start ? a.task->start < b.task->start : a.task->id < b.task->id;
  });
  DescribeImportTasksResult out;
  auto key = [](const ImportTaskView& v) {
    return fmt::format("{:020}|{}", v.task->start, v.task->id);
  };
  auto page = paginate(std::move(matching), r.page, kDescribeImportTasksPages, key, out.next_token);
  if (!page) return page.error();
  out.tasks = std::move(*page);
  return out;
}

Result<CancelImportResult> cancel_import_task(World& world, const Caller& caller,
                                              const std::string& task_id, bool dry_run) {
  if (task_id.empty()) return errors::missing_import_task_id();
  if (!is_well_formed_id("import-ami", task_id) && !is_well_formed_id("import-snap", task_id))
    return errors::import_task_id_malformed(task_id);
  RegionState& region = world.region_of(caller);
  auto it = region.tasks.imports.find(task_id);
  if (it == region.tasks.imports.end() || it->second.owner != caller.account)
    return errors::import_task_not_found(task_id);
  ImportTask& t = it->second;
  if (t.status != "active") return errors::import_task_not_cancellable(task_id, t.status);
  if (dry_run) return errors::dry_run();
  t.status = "deleting";
  t.cancelled_at = world.now();
  t.end = world.now() + kCancelMs;
  schedule_task(world, caller.region, t.end, t.id, "import", &t.seq);
  return CancelImportResult{t.id, "active", "deleting"};
}

namespace {

// The text an export keeps and describes back as given (sim/core/text.hpp).
Status check_export_text(const ExportImageRequest& r) {
  if (auto s = check_description("Description", r.description); !s) return s;
  if (auto s = check_text("S3ExportLocation.S3Prefix", r.prefix); !s) return s;
  if (auto s = check_text("RoleName", r.role_name); !s) return s;
  return check_client_token(r.client_token);
}

// An imported AMI's traits: made from disks, not from another AMI (sim/state/image.hpp), so from
// the task: its architecture and platform; Windows is billed as Windows; the root is /dev/sda1.
ImageTraits imported_traits(const ImportTask& t) {
  ImageTraits traits;
  traits.architecture = t.architecture;
  if (t.platform == "Windows") {
    traits.platform = "windows";
    traits.platform_details = "Windows";
    traits.usage_operation = "RunInstances:0002";
  }
  traits.root_device_name = "/dev/sda1";
  traits.boot_mode = t.boot_mode;
  return traits;
}

}  // namespace

namespace detail {

// Completes an import: the snapshots (and, for ImportImage, the AMI) appear, completed and
// available at once [?] (the task's own time covered the work).
void finish_import(World& world, RegionState& region, ImportTask& t) {
  if (t.status == "deleting") {
    t.status = "deleted";
    return;
  }
  if (t.status != "active") return;
  if (!t.failure.empty()) {
    t.status = "deleted";
    return;
  }
  const Caller caller{t.owner, region.name()};
  std::vector<SnapshotId> made;
  for (ImportDisk& d : t.disks) {
    const VolumeData* from = nullptr;
    if (!d.from_snapshot.empty()) {
      auto s = region.snapshots.find(d.from_snapshot);
      if (s != region.snapshots.end()) from = s->second.data.get();
    }
    const int size_gib = static_cast<int>(std::max<std::uint64_t>(1, (d.bytes + kGiB - 1) / kGiB));
    Snapshot& s = new_snapshot(world, caller, size_gib, fresh_data(world, from, d.bytes),
                               fmt::format("Created by AWS-VMImport service for {}", t.id),
                               world.now(), t.encrypted, t.kms_key_id);
    // Completed at once: the import's own time covered the conversion.
    s.state = SnapshotState::kCompleted;
    s.completion_time = world.now();
    s.pending_seq = 0;
    d.snapshot_id = s.id;
    made.push_back(s.id);
  }
  if (t.kind == ImportKind::kImage) {
    Image image;
    image.id = ImageId(world.new_id("ami"));
    image.region = region.name();
    image.owner = t.owner;
    image.owner_alias = world.owner_alias(t.owner);
    image.name = t.id;  // imported AMIs are named after their task [?]
    image.description = t.description.empty() ? "AWS-VMImport service: " + t.id : t.description;
    image.creation = world.now();
    image.set_image_location(t.owner.str() + "/" + t.id);
    image.traits = imported_traits(t);
    image.state = ImageState::kAvailable;
    for (std::size_t i = 0; i < t.disks.size(); ++i) {
      BlockDeviceMapping m;
      m.device_name =
          i == 0 ? "/dev/sda1" : fmt::format("/dev/sd{}", static_cast<char>('b' + i - 1));
      EbsBlockDevice ebs;
      ebs.snapshot_id = made[i];
      ebs.volume_size_gib = region.snapshots.at(made[i]).volume_size_gib;
      ebs.volume_type = "gp2";
      ebs.encrypted = t.encrypted;
      m.ebs = ebs;
      image.mappings.push_back(std::move(m));
    }
    t.image_id = image.id;
    const ImageId id = image.id;
    Image& added = region.images.emplace(id, std::move(image)).first->second;
    index_name(region, added);
  }
  t.status = "completed";
}

}  // namespace detail

// --- VM Export -------------------------------------------------------------------------------

Result<const ExportTask*> export_image(World& world, const Caller& caller,
                                       const ExportImageRequest& r) {
  if (r.image_id.empty()) return errors::missing_image_id();
  if (r.format.empty()) return errors::missing_disk_image_format();
  if (r.bucket.empty()) return errors::missing_export_bucket();
  if (auto s = check_export_text(r); !s) return s.error();
  const std::string format = upper(r.format);
  if (format != "VMDK" && format != "VHD" && format != "RAW")
    return errors::export_format_invalid(r.format);
  auto found = visible_image(world, caller, r.image_id);
  if (!found) return found.error();
  const Image& ami = **found;
  if (has_marketplace_code(ami)) return errors::marketplace_image_not_exportable(ami.id.str());
  const RegionState& region = world.region_of(caller);
  auto snapshots = image_snapshot_copies(region, ami);
  for (const auto& [id, s] : snapshots) {
    if (s.owner != caller.account) return errors::foreign_snapshot_not_exportable(id.str());
    // Rules: fact sheet §6.
    if (s.encrypted) return errors::encrypted_image_not_exportable(ami.id.str());
    if (static_cast<std::uint64_t>(s.volume_size_gib) * kGiB > kTiB)
      return errors::large_image_not_exportable(ami.id.str());
  }
  if (ami.traits.platform == "windows" || !ami.traits.billing_products->empty())
    return errors::aws_software_not_exportable(ami.id.str());
  if (ami.state != ImageState::kAvailable)
    return errors::image_unavailable(ami.id.str(), to_string(ami.state));
  const std::string role = r.role_name.empty() ? "vmimport" : r.role_name;
  if (usable_bucket(world, caller, r.bucket) == nullptr) return errors::service_role_invalid(role);
  if (auto s = check_tag_resource_types(r.tag_specifications, {"export-image-task"}); !s)
    return s.error();
  if (auto s = validate_tags(tags_for(r.tag_specifications, "export-image-task")); !s)
    return s.error();
  int active = 0;
  for (const auto& [id, t] : region.tasks.exports) {
    if (t.status != "active") continue;
    ++active;
    if (t.image == ami.id) return errors::export_in_progress(ami.id.str());  // fact sheet §6
  }
  if (active >= kMaxConcurrentExports) return errors::export_limit_exceeded(kMaxConcurrentExports);
  if (r.dry_run) return errors::dry_run();
  ExportTask t;
  t.id = world.new_id("export-ami");
  t.owner = caller.account;
  t.image = ami.id;
  t.format = format;
  t.bucket = r.bucket;
  t.prefix = r.prefix;
  t.role_name = role;
  t.description = r.description;
  t.start = world.now();
  // RAW is the whole disk; VMDK (stream-optimized) and VHD hold the written data [?].
  t.bytes = format == "RAW" ? image_volume_bytes(ami) : written_bytes(snapshots);
  t.end = t.start + export_duration(t.bytes);
  apply_tags(t.tags, tags_for(r.tag_specifications, "export-image-task"));
  const std::string id = t.id;
  schedule_task(world, caller.region, t.end, id, "export");
  RegionState& mutable_region = world.region_of(caller);
  return &mutable_region.tasks.exports.emplace(id, std::move(t)).first->second;
}

ExportTaskView view_export_task(const World& world, const ExportTask& t) {
  ExportTaskView v;
  v.task = &t;
  v.status = t.status;
  if (t.status != "active") return v;
  const TimeMs span = std::max<TimeMs>(1, t.end - t.start);
  const int percent = static_cast<int>(std::min<TimeMs>(99, (world.now() - t.start) * 100 / span));
  v.status_message = percent < 10   ? "validating"
                     : percent < 85 ? "converting"
                                    : "uploading";  // [?]
  v.progress = std::to_string(percent);
  return v;
}

Result<DescribeExportImageTasksResult> describe_export_image_tasks(
    const World& world, const Caller& caller, const DescribeExportImageTasksRequest& r) {
  if (auto s = check_page_request(r.page, kDescribeExportImageTasksPages, false); !s)
    return s.error();
  const RegionState& region = world.region_of(caller);
  for (const std::string& id : r.task_ids) {
    auto it = region.tasks.exports.find(id);
    if (it == region.tasks.exports.end() || it->second.owner != caller.account)
      return errors::export_task_not_found(id);
  }
  std::vector<ExportTaskView> matching;
  for (const auto& [id, t] : region.tasks.exports) {
    if (t.owner != caller.account) continue;
    if (!r.task_ids.empty() &&
        std::find(r.task_ids.begin(), r.task_ids.end(), id) == r.task_ids.end())
      continue;
    matching.push_back(view_export_task(world, t));
  }
  DescribeExportImageTasksResult out;
  auto page = paginate(
      std::move(matching), r.page, kDescribeExportImageTasksPages,
      [](const ExportTaskView& v) { return v.task->id; }, out.next_token);
  if (!page) return page.error();
  out.tasks = std::move(*page);
  return out;
}

namespace detail {

void finish_export(World& world, ExportTask& t) {
  if (t.status != "active") return;
  Bucket* bucket = bucket_named(world, t.bucket);
  if (bucket == nullptr || bucket->owner != t.owner) {
    t.status = "deleted";  // [?] the bucket went away meanwhile
    return;
  }
  S3Object object;
  object.key = fmt::format("{}{}.{}", t.prefix, t.id, lower(t.format));
  object.size = t.bytes;
  object.etag = fmt::format("\"{:016x}{:016x}\"", etag_hash(t.id), t.bytes);
  put_model_object(world, *bucket, std::move(object));
  t.status = "completed";
}

}  // namespace detail

}  // namespace amisim::sim
