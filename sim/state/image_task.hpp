// Work EC2 does between AMIs and S3, as world state per Region (operations in
// sim/s3/image_tasks.hpp): store tasks (CreateStoreImageTask), VM Import tasks (ImportImage,
// ImportSnapshot) and image export tasks (ExportImage). Restores are plain pending AMIs.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "sim/core/ids.hpp"
#include "sim/core/tags.hpp"
#include "sim/core/time.hpp"
#include "sim/state/bucket.hpp"

namespace amisim::sim {

struct StoreImageTask {
  std::uint64_t number = 0;  // creation order in the Region (the event's target)
  ImageId image;
  AccountId owner;
  std::string bucket;
  std::string key;  // "<ami-id>.bin"
  TimeMs start = 0;
  TimeMs end = 0;
  std::uint64_t bytes = 0;                     // the object's size
  std::string state = "InProgress";            // InProgress | Completed | Failed
  std::string failure_reason;                  // StoreTaskFailureReason
  std::vector<Tag> object_tags;                // S3ObjectTags
  std::shared_ptr<const StoredImage> content;  // what the object will hold
};

enum class ImportKind { kImage, kSnapshot };

// One disk of an import: where it came from and what it turned into.
struct ImportDisk {
  std::string format;  // upper case: OVA VMDK VHD VHDX RAW
  std::string bucket;  // UserBucket.S3Bucket (or parsed from Url)
  std::string key;     // UserBucket.S3Key
  std::string url;     // as given, "" for UserBucket
  std::string description;
  std::string device_name;
  SnapshotId from_snapshot;  // DiskContainer.SnapshotId (ImportImage only)
  std::uint64_t bytes = 0;   // DiskImageSize
  SnapshotId snapshot_id;    // the result, once converted
};

struct ImportTask {
  std::string id;  // import-ami-... / import-snap-...
  ImportKind kind = ImportKind::kImage;
  AccountId owner;
  TimeMs start = 0;
  TimeMs end = 0;                 // when it completes (or, for a failing task, fails)
  std::string status = "active";  // active | deleting | deleted | completed
  std::string failure;            // StatusMessage of a task that fails ("ClientError: ...")
  TimeMs cancelled_at = 0;        // CancelImportTask time, 0 if never
  std::string description;
  std::string architecture;  // ImportImage: x86_64 | arm64 | i386 (default x86_64)
  std::string platform;      // Linux | Windows
  std::string license_type;
  std::string boot_mode;
  std::string role_name;  // "vmimport" unless RoleName
  bool encrypted = false;
  std::string kms_key_id;
  std::string client_token;
  std::vector<ImportDisk> disks;
  ImageId image_id;  // ImportImage result
  Tags tags;         // the task's own tags (TagSpecifications import-image-task/-snapshot-task)
  Tags result_tags;  // tags for the image/snapshot it makes [?]: AWS applies the task's tags
  std::uint64_t seq = 0;  // pending event
};

struct ExportTask {
  std::string id;  // export-ami-...
  AccountId owner;
  ImageId image;
  std::string format;  // VMDK | VHD | RAW
  std::string bucket;
  std::string prefix;
  std::string role_name;
  std::string description;
  TimeMs start = 0;
  TimeMs end = 0;
  std::string status = "active";  // active | completed | deleted
  std::uint64_t bytes = 0;
  Tags tags;
};

struct ImageTasks {
  std::vector<StoreImageTask> store;          // in creation order
  std::map<std::string, ImportTask> imports;  // by task ID
  std::map<std::string, ExportTask> exports;  // by task ID
  std::uint64_t next_store_number = 1;
};

}  // namespace amisim::sim
