// AMIs and S3 (fact sheet §6): storing an AMI as an object (CreateStoreImageTask), making a new AMI
// from such an object (CreateRestoreImageTask), VM Import (ImportImage, ImportSnapshot,
// CancelImportTask) and VM Export (ExportImage). Nothing launches from S3: an object is never an
// image; only a restore or an import makes one, always with a new ID.
//
// Task speeds are the model's own [?] (AWS promises none); they fit the AWS SDK waiters
// (StoreImageTaskComplete: 40 x 5 s; SnapshotImported: 40 x 15 s) for images of a few GiB of
// written data.
#pragma once

#include <fmt/format.h>

#include <optional>
#include <string>
#include <vector>

#include "sim/core/query.hpp"
#include "sim/core/result.hpp"
#include "sim/state/image_task.hpp"
#include "sim/state/world.hpp"

namespace amisim::sim {

// Store/restore: 30 s + the data at 32 MiB/s [?]. Import: 2 min (snapshot) / 10 min (image) + the
// disk at 16 MiB/s [?]. Export: 5 min + the data at 16 MiB/s [?].
DurationMs store_duration(std::uint64_t bytes);
DurationMs import_duration(ImportKind kind, std::uint64_t bytes);
DurationMs export_duration(std::uint64_t bytes);

// In-progress quotas per account per Region (fact sheet §6: 600/300 GB in the 2023 user guide,
// 1,200/600 GB in newer copies; the newer figures are used, as for CopyImage).
inline constexpr std::uint64_t kStoreInProgressBytes = 1200ULL * 1000 * 1000 * 1000;
inline constexpr std::uint64_t kRestoreInProgressBytes = 600ULL * 1000 * 1000 * 1000;
// At most 5,000 GB before compression (fact sheet §6).
inline constexpr std::uint64_t kStoreMaxImageBytes = 5000ULL * 1000 * 1000 * 1000;
// Concurrent export conversion tasks per Region (fact sheet §6: 5, adjustable to 20).
inline constexpr int kMaxConcurrentExports = 5;

// --- store / restore -------------------------------------------------------------------------

struct StoreImageRequest {
  ImageId image_id;
  std::string bucket;
  std::vector<Tag> object_tags;
  bool dry_run = false;
};

// Starts storing the AMI; returns the object key "<ami-id>.bin". The object appears in the bucket
// when the task completes, with the AMI's metadata (name, description, creation date, owner, store
// time). Errors: InvalidAMIID.Malformed/.NotFound, InvalidAMIID.Unavailable (not available),
// InvalidRequest [?: texts] (not owned or directly shared — public is not enough; instance-store;
// paravirtual; over 5,000 GB), InvalidParameterValue [?] (bucket missing, not the caller's, or in
// another Region), ResourceLimitExceeded [?] (in-progress quota), DryRunOperation.
Result<std::string> store_image(World& world, const Caller& caller,
                                const StoreImageRequest& request);

struct StoreTaskView {
  const StoreImageTask* task = nullptr;
  int progress = 0;  // percent
};
// DescribeStoreImageTasks: the caller's tasks here, newest first, from the last 31 days; with
// image IDs, only those AMIs' tasks (an ID with no task: InvalidAMIID.NotFound [?]).
// Filters: task-state, bucket. MaxResults: 1-200, not with image IDs (sim/core/query.hpp).
struct DescribeStoreImageTasksRequest {
  std::vector<ImageId> image_ids;
  std::vector<Filter> filters;
  PageRequest page;
};
struct DescribeStoreImageTasksResult {
  std::vector<StoreTaskView> tasks;
  std::string next_token;
};
Result<DescribeStoreImageTasksResult> describe_store_image_tasks(
    const World& world, const Caller& caller, const DescribeStoreImageTasksRequest& request);

struct RestoreImageRequest {
  std::string bucket;
  std::string object_key;
  std::string name;                                  // "" = the stored AMI's name
  std::vector<TagSpecification> tag_specifications;  // "image", "snapshot"
  bool dry_run = false;
};

// Returns the new AMI's ID (never the stored one): pending, with new snapshots holding the stored
// data, available when they complete. The restored AMI keeps the stored AMI's attributes, tags and
// product codes [?: AWS documents tags; product codes are kept so a restore cannot strip a
// Marketplace code]. Errors: InvalidParameterValue [?] (bucket missing / not the caller's / in
// another Region, object missing, or not a stored AMI), InvalidAMIName.Duplicate/.Malformed,
// ResourceLimitExceeded [?], DryRunOperation. The restored AMI records the stored one as its
// SourceImageId/SourceImageRegion (fact sheet §9).
Result<ImageId> restore_image(World& world, const Caller& caller,
                              const RestoreImageRequest& request);

// --- VM Import --------------------------------------------------------------------------------

struct DiskContainer {
  std::string description;
  std::string device_name;
  std::string format;  // any case; "" = from the key's extension
  std::string url;     // s3://bucket/key or https://bucket.s3.amazonaws.com/key
  std::string bucket;  // UserBucket
  std::string key;
  std::string snapshot_id;  // ImportImage only
};

struct ImportRequest {
  ImportKind kind = ImportKind::kImage;
  std::vector<DiskContainer> disks;  // ImportSnapshot: exactly one
  std::string description;
  std::string architecture;
  std::string platform;
  std::string license_type;
  std::string boot_mode;
  std::string role_name;
  std::optional<bool> encrypted;
  std::string kms_key_id;
  std::string client_token;
  std::vector<TagSpecification> tag_specifications;
  bool dry_run = false;
};

// Starts an import; returns the task (status active, message "pending"). The disk is read when
// the task starts: a disk whose bytes are not of the named format fails the task later with
// status "deleted" and "ClientError: Disk validation failed [Unsupported <FORMAT> File Format]"
// [?: the VMDK text is the one users quote]; a stored-AMI object fails with "ClientError: Unknown
// OS / Missing OS files." [?]. Synchronous errors: MissingParameter, InvalidParameterValue
// (format, architecture, platform, boot mode uefi-preferred), InvalidParameterDependency
// (KmsKeyId without Encrypted), InvalidParameter "The service role <role> provided does not exist
// or does not have sufficient permissions" (bucket missing or not the caller's, [obs]
// aws/aws-cli#8873 for the text; using it for a missing bucket is our choice [?]),
// InvalidParameter [?] (bucket in another Region, object missing), InvalidSnapshot.NotFound,
// DryRunOperation.
Result<const ImportTask*> import_disk(World& world, const Caller& caller,
                                      const ImportRequest& request);

// What DescribeImport*Tasks show for a task now.
struct ImportTaskView {
  const ImportTask* task = nullptr;
  std::string status;          // active | deleting | deleted | completed
  std::string status_message;  // phase while active; failure or cancel text
  std::string progress;        // percent while active, "" otherwise
};
ImportTaskView view_import_task(const World& world, const ImportTask& task);

struct DescribeImportTasksRequest {
  ImportKind kind = ImportKind::kImage;
  std::vector<std::string> task_ids;
  std::vector<Filter> filters;  // task-state [?]
  PageRequest page;
};
struct DescribeImportTasksResult {
  std::vector<ImportTaskView> tasks;
  std::string next_token;
};
// The caller's tasks of that kind, oldest first. Errors: InvalidConversionTaskId.Malformed (an ID
// that is not import-ami-/import-snap-), InvalidConversionTaskId [?] (unknown ID), paging
// (MaxResults: sim/core/query.hpp).
Result<DescribeImportTasksResult> describe_import_tasks(const World& world, const Caller& caller,
                                                        const DescribeImportTasksRequest& request);

struct CancelImportResult {
  std::string task_id;
  std::string previous_state;
  std::string state;
};
// Cancels an active import: "deleting" now, "deleted" a minute later [?]. Errors:
// InvalidConversionTaskId.Malformed, InvalidConversionTaskId (unknown, or not active [?]).
Result<CancelImportResult> cancel_import_task(World& world, const Caller& caller,
                                              const std::string& task_id, bool dry_run = false);

// --- VM Export --------------------------------------------------------------------------------

struct ExportImageRequest {
  ImageId image_id;
  std::string format;  // VMDK | VHD | RAW
  std::string bucket;
  std::string prefix;
  std::string role_name;
  std::string description;
  std::string client_token;
  std::vector<TagSpecification> tag_specifications;  // "export-image-task"
  bool dry_run = false;
};

// Starts exporting; the object "<prefix><task-id>.<format>" appears when done. Refusals (fact
// sheet §6): NotExportable for a Marketplace-derived AMI ("The image ID provided (ami-…) is a
// marketplace AMI and is not exportable.", [obs] aws/aws-sdk#203), an AMI shared from another
// account (text after the instance-export one, [obs] aws/aws-cli#6779, adapted [?]), Windows /
// billing-product AMIs [?], encrypted snapshots [?], volumes over 1 TiB [?];
// InvalidParameterValue (format); the role error for a bucket the caller cannot write;
// ResourceLimitExceeded [?] (an export of the AMI already active, or 5 active in the Region).
Result<const ExportTask*> export_image(World& world, const Caller& caller,
                                       const ExportImageRequest& request);

struct ExportTaskView {
  const ExportTask* task = nullptr;
  std::string status;
  std::string status_message;
  std::string progress;
};
ExportTaskView view_export_task(const World& world, const ExportTask& task);

struct DescribeExportImageTasksRequest {
  std::vector<std::string> task_ids;
  PageRequest page;
};
struct DescribeExportImageTasksResult {
  std::vector<ExportTaskView> tasks;
  std::string next_token;
};
// Errors: InvalidExportTaskID.NotFound [?: code from ERRCODES] (unknown ID), paging (MaxResults
// 1-500: sim/core/query.hpp).
Result<DescribeExportImageTasksResult> describe_export_image_tasks(
    const World& world, const Caller& caller, const DescribeExportImageTasksRequest& request);

// How long a finished task stays listed, then leaves memory (issue 19). Store tasks: "only tasks
// from the past 31 days can be viewed" (APIREF DescribeStoreImageTasks), counted from the task's
// start. Import image and snapshot tasks: "currently active or were completed or canceled in the
// previous 7 days" (APIREF DescribeImportImageTasks, DescribeImportSnapshotTasks), counted from
// the end. Export image tasks: AWS says nothing; amisim keeps them 7 days too [?].
inline constexpr DurationMs kStoreTaskVisibleMs = 31 * kDayMs;
inline constexpr DurationMs kImportTaskVisibleMs = 7 * kDayMs;
inline constexpr DurationMs kExportTaskVisibleMs = 7 * kDayMs;

// Applies a kImageTaskDone event; a task that finished schedules its kImageTaskPurged.
void on_image_task_event(World& world, const Event& event);
// Applies kImageTaskPurged: the finished task leaves its Region's lists.
void on_image_task_purge_event(World& world, const Event& event);

}  // namespace amisim::sim
