// Store/restore and VM Import/Export: CreateStoreImageTask, DescribeStoreImageTasks,
// CreateRestoreImageTask, ImportImage, ImportSnapshot, DescribeImportImageTasks,
// DescribeImportSnapshotTasks, CancelImportTask, ExportImage, DescribeExportImageTasks — SDK-shaped
// JSON to sim/s3/image_tasks.hpp and back, in the API reference's result shapes.
//
// Accepted and ignored [?]: ImportImage ClientData, Hypervisor, LicenseSpecifications,
// UsageOperation (licensing is not modelled); roles are not modelled (RoleName is echoed only).
#include "sim/s3/image_tasks.hpp"

#include <fmt/format.h>

#include "api/ec2/input.hpp"

namespace amisim::ec2 {
namespace {

Json create_store_image_task(sim::World& world, const sim::Caller& caller, const Json& in) {
  sim::StoreImageRequest r;
  r.image_id = sim::ImageId(required_string(in, "ImageId"));
  r.bucket = required_string(in, "Bucket");
  r.object_tags = tag_list(in, "S3ObjectTags");
  r.dry_run = dry_run(in);
  return {{"ObjectKey", unwrap(sim::store_image(world, caller, r))}};
}

Json describe_store_image_tasks(sim::World& world, const sim::Caller& caller, const Json& in) {
  sim::DescribeStoreImageTasksRequest r;
  for (auto& id : strings(in, "ImageIds")) r.image_ids.emplace_back(std::move(id));
  r.filters = filters(in);
  r.page = page(in);
  const sim::World& view = world;
  auto found = unwrap(sim::describe_store_image_tasks(view, caller, r));
  Json tasks = Json::array();
  for (const auto& v : found.tasks) {
    Json t = {{"AmiId", v.task->image.str()},     {"TaskStartTime", time_json(v.task->start)},
              {"Bucket", v.task->bucket},         {"S3objectKey", v.task->key},
              {"ProgressPercentage", v.progress}, {"StoreTaskState", v.task->state}};
    put_nonempty(t, "StoreTaskFailureReason", v.task->failure_reason);
    tasks.push_back(std::move(t));
  }
  Json out = {{"StoreImageTaskResults", std::move(tasks)}};
  put_nonempty(out, "NextToken", found.next_token);
  return out;
}

Json create_restore_image_task(sim::World& world, const sim::Caller& caller, const Json& in) {
  sim::RestoreImageRequest r;
  r.bucket = required_string(in, "Bucket");
  r.object_key = required_string(in, "ObjectKey");
  r.name = string_or(in, "Name");
  r.tag_specifications = tag_specifications(in);
  r.dry_run = dry_run(in);
  return {{"ImageId", unwrap(sim::restore_image(world, caller, r)).str()}};
}

sim::DiskContainer disk_container(const Json& c) {
  sim::DiskContainer d;
  d.description = string_or(c, "Description");
  d.device_name = string_or(c, "DeviceName");
  d.format = string_or(c, "Format");
  d.url = string_or(c, "Url");
  d.snapshot_id = string_or(c, "SnapshotId");
  if (const Json* b = object(c, "UserBucket")) {
    d.bucket = string_or(*b, "S3Bucket");
    d.key = string_or(*b, "S3Key");
  }
  return d;
}

void common_import(const Json& in, sim::ImportRequest& r) {
  r.description = string_or(in, "Description");
  r.role_name = string_or(in, "RoleName");
  r.encrypted = opt_bool(in, "Encrypted");
  r.kms_key_id = string_or(in, "KmsKeyId");
  r.client_token = string_or(in, "ClientToken");
  r.tag_specifications = tag_specifications(in);
  r.dry_run = dry_run(in);
}

// The SnapshotDetail / SnapshotTaskDetail shape of one disk.
Json disk_json(const sim::ImportTaskView& v, const sim::ImportDisk& d, bool image_task) {
  Json out = {{"DiskImageSize", static_cast<double>(d.bytes)}, {"Format", d.format}};
  put_nonempty(out, "Description", d.description);
  put_nonempty(out, "DeviceName", d.device_name);
  put_nonempty(out, "Url", d.url);
  if (!d.bucket.empty()) out["UserBucket"] = {{"S3Bucket", d.bucket}, {"S3Key", d.key}};
  put_nonempty(out, "SnapshotId", d.snapshot_id.str());
  out["Status"] = v.status;
  put_nonempty(out, "StatusMessage", v.status_message);
  put_nonempty(out, "Progress", v.progress);
  if (!image_task) {
    out["Encrypted"] = v.task->encrypted;
    put_nonempty(out, "KmsKeyId", v.task->kms_key_id);
  }
  return out;
}

Json import_image_json(const sim::ImportTaskView& v) {
  const sim::ImportTask& t = *v.task;
  Json out = {{"ImportTaskId", t.id},
              {"Architecture", t.architecture},
              {"Platform", t.platform},
              {"Encrypted", t.encrypted},
              {"Status", v.status}};
  put_nonempty(out, "Description", t.description);
  put_nonempty(out, "StatusMessage", v.status_message);
  put_nonempty(out, "Progress", v.progress);
  put_nonempty(out, "ImageId", t.image_id.str());
  put_nonempty(out, "KmsKeyId", t.kms_key_id);
  put_nonempty(out, "LicenseType", t.license_type);
  Json disks = Json::array();
  for (const auto& d : t.disks) disks.push_back(disk_json(v, d, true));
  out["SnapshotDetails"] = std::move(disks);
  if (!t.tags.empty()) out["Tags"] = tags_json(t.tags);
  return out;
}

Json import_snapshot_json(const sim::ImportTaskView& v) {
  const sim::ImportTask& t = *v.task;
  Json out = {{"ImportTaskId", t.id}};
  put_nonempty(out, "Description", t.description);
  if (!t.disks.empty()) out["SnapshotTaskDetail"] = disk_json(v, t.disks.front(), false);
  if (!t.tags.empty()) out["Tags"] = tags_json(t.tags);
  return out;
}

Json import_image(sim::World& world, const sim::Caller& caller, const Json& in) {
  sim::ImportRequest r;
  r.kind = sim::ImportKind::kImage;
  common_import(in, r);
  for (const Json* c : objects(in, "DiskContainers")) r.disks.push_back(disk_container(*c));
  r.architecture = string_or(in, "Architecture");
  r.platform = string_or(in, "Platform");
  r.license_type = string_or(in, "LicenseType");
  r.boot_mode = string_or(in, "BootMode");
  const sim::ImportTask* task = unwrap(sim::import_disk(world, caller, r));
  return import_image_json(sim::view_import_task(world, *task));
}

Json import_snapshot(sim::World& world, const sim::Caller& caller, const Json& in) {
  sim::ImportRequest r;
  r.kind = sim::ImportKind::kSnapshot;
  common_import(in, r);
  if (const Json* c = object(in, "DiskContainer")) r.disks.push_back(disk_container(*c));
  const sim::ImportTask* task = unwrap(sim::import_disk(world, caller, r));
  return import_snapshot_json(sim::view_import_task(world, *task));
}

Json describe_import_tasks(const sim::World& world, const sim::Caller& caller, const Json& in,
                           sim::ImportKind kind) {
  sim::DescribeImportTasksRequest r;
  r.kind = kind;
  r.task_ids = strings(in, "ImportTaskIds");
  r.filters = filters(in);
  r.page = page(in);
  auto found = unwrap(sim::describe_import_tasks(world, caller, r));
  Json tasks = Json::array();
  for (const auto& v : found.tasks) {
    tasks.push_back(kind == sim::ImportKind::kImage ? import_image_json(v)
                                                    : import_snapshot_json(v));
  }
  Json out = {{kind == sim::ImportKind::kImage ? "ImportImageTasks" : "ImportSnapshotTasks",
               std::move(tasks)}};
  put_nonempty(out, "NextToken", found.next_token);
  return out;
}

Json describe_import_image_tasks(sim::World& world, const sim::Caller& caller, const Json& in) {
  return describe_import_tasks(world, caller, in, sim::ImportKind::kImage);
}
Json describe_import_snapshot_tasks(sim::World& world, const sim::Caller& caller, const Json& in) {
  return describe_import_tasks(world, caller, in, sim::ImportKind::kSnapshot);
}

Json cancel_import_task(sim::World& world, const sim::Caller& caller, const Json& in) {
  auto r =
      unwrap(sim::cancel_import_task(world, caller, string_or(in, "ImportTaskId"), dry_run(in)));
  return {{"ImportTaskId", r.task_id}, {"PreviousState", r.previous_state}, {"State", r.state}};
}

Json export_json(const sim::ExportTaskView& v, bool with_role) {
  const sim::ExportTask& t = *v.task;
  Json location = {{"S3Bucket", t.bucket}};
  put_nonempty(location, "S3Prefix", t.prefix);
  Json out = {{"ExportImageTaskId", t.id},
              {"ImageId", t.image.str()},
              {"S3ExportLocation", std::move(location)},
              {"Status", v.status}};
  put_nonempty(out, "Description", t.description);
  put_nonempty(out, "StatusMessage", v.status_message);
  put_nonempty(out, "Progress", v.progress);
  if (with_role) {
    out["DiskImageFormat"] = t.format;
    out["RoleName"] = t.role_name;
  }
  if (!t.tags.empty()) out["Tags"] = tags_json(t.tags);
  return out;
}

Json export_image(sim::World& world, const sim::Caller& caller, const Json& in) {
  sim::ExportImageRequest r;
  r.image_id = sim::ImageId(required_string(in, "ImageId"));
  r.format = required_string(in, "DiskImageFormat");
  const Json* location = object(in, "S3ExportLocation");
  if (location == nullptr) fail(sim::errors::missing_export_location());
  r.bucket = string_or(*location, "S3Bucket");
  r.prefix = string_or(*location, "S3Prefix");
  r.role_name = string_or(in, "RoleName");
  r.description = string_or(in, "Description");
  r.client_token = string_or(in, "ClientToken");
  r.tag_specifications = tag_specifications(in);
  r.dry_run = dry_run(in);
  const sim::ExportTask* task = unwrap(sim::export_image(world, caller, r));
  return export_json(sim::view_export_task(world, *task), true);
}

Json describe_export_image_tasks(sim::World& world, const sim::Caller& caller, const Json& in) {
  sim::DescribeExportImageTasksRequest r;
  r.task_ids = strings(in, "ExportImageTaskIds");
  r.page = page(in);
  const sim::World& view = world;
  auto found = unwrap(sim::describe_export_image_tasks(view, caller, r));
  Json tasks = Json::array();
  for (const auto& v : found.tasks) tasks.push_back(export_json(v, false));
  Json out = {{"ExportImageTasks", std::move(tasks)}};
  put_nonempty(out, "NextToken", found.next_token);
  return out;
}

constexpr HandlerEntry kImageTaskHandlers[] = {
    {"CancelImportTask", cancel_import_task, true},
    {"CreateRestoreImageTask", create_restore_image_task, true},
    {"CreateStoreImageTask", create_store_image_task, true},
    {"DescribeExportImageTasks", describe_export_image_tasks, false},
    {"DescribeImportImageTasks", describe_import_image_tasks, false},
    {"DescribeImportSnapshotTasks", describe_import_snapshot_tasks, false},
    {"DescribeStoreImageTasks", describe_store_image_tasks, false},
    {"ExportImage", export_image, true},
    {"ImportImage", import_image, true},
    {"ImportSnapshot", import_snapshot, true},
};

}  // namespace

std::span<const HandlerEntry> image_task_handlers() { return kImageTaskHandlers; }

}  // namespace amisim::ec2
