// Helpers for the store/restore and VM Import/Export tests (tests/sim/s3/*_test.cpp): buckets made
// through CreateBucket, AMIs over snapshots holding a known amount of written data, uploads, and
// the tasks as DescribeStoreImageTasks / DescribeImport*Tasks / DescribeExportImageTasks show them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "sim/ebs/snapshots.hpp"
#include "sim/ebs/volumes.hpp"
#include "sim/images/images.hpp"
#include "sim/s3/image_tasks.hpp"
#include "sim/s3/s3.hpp"
#include "tests/sim/images/image_fixture.hpp"

namespace test {

inline constexpr std::uint64_t kMiB = 1024ULL * 1024;
inline constexpr std::uint64_t kTiB = 1024ULL * sim::kGiB;
inline const std::string kOtherAccount = "210987654321";

// A bucket of `owner`'s in its Region, made through CreateBucket (the us-east-1 endpoint takes no
// location constraint; any other Region's endpoint needs its own name).
inline sim::Bucket& make_bucket(Harness& h, const sim::Caller& owner, const std::string& name) {
  const std::string constraint = owner.region == sim::kDefaultRegion ? "" : owner.region.str();
  expect_ok(sim::create_bucket(h.world, owner, name, constraint));
  return *sim::bucket_named(h.world, name);
}

// Uploads `body` as `key` through PutObject.
inline const sim::S3Object& upload(Harness& h, const sim::Caller& owner, const std::string& bucket,
                                   const std::string& key, std::string body) {
  sim::PutObjectRequest r;
  r.bucket = bucket;
  r.key = key;
  r.body = std::move(body);
  r.etag = "\"0\"";
  return *expect_ok(sim::put_object(h.world, owner, std::move(r)));
}

// A completed snapshot of `owner`'s, of a new volume of `size_gib` with `written` bytes written
// (a multiple of kBlockBytes keeps the arithmetic exact).
inline sim::SnapshotId snapshot_with(Harness& h, const sim::Caller& owner, std::uint64_t written,
                                     int size_gib = 8, bool encrypted = false) {
  sim::CreateVolumeRequest v;
  v.zone = sim::ZoneName(owner.region.str() + "a");
  v.size_gib = size_gib;
  v.encrypted = encrypted;
  const sim::VolumeId volume = expect_ok(sim::create_volume(h.world, owner, v))->id;
  h.settle();
  sim::write_to_volume(h.world, *sim::find_volume(h.world, owner, volume), written);
  sim::CreateSnapshotRequest s;
  s.volume_id = volume;
  const sim::SnapshotId id = expect_ok(sim::create_snapshot(h.world, owner, s))->id;
  h.settle();
  return id;
}

// An available HVM image of `owner`'s registered over `snapshots` (the first is the root,
// /dev/xvda; the others /dev/sdb, /dev/sdc, ...), each mapping `volume_gib` when given.
inline sim::ImageId image_over(Harness& h, const sim::Caller& owner, const std::string& name,
                               const std::vector<sim::SnapshotId>& snapshots,
                               std::optional<int> volume_gib = std::nullopt,
                               const std::string& virtualization = "hvm") {
  sim::RegisterImageRequest r = register_request(name, snapshots.at(0));
  r.description = name + " description";
  r.virtualization_type = virtualization;
  r.block_device_mappings.at(0).ebs->volume_size_gib = volume_gib;
  for (std::size_t i = 1; i < snapshots.size(); ++i) {
    sim::EbsBlockDevice ebs;
    ebs.snapshot_id = snapshots[i];
    ebs.volume_size_gib = volume_gib;
    const std::string device = std::string("/dev/sd") + static_cast<char>('a' + i);
    r.block_device_mappings.push_back(sim::BlockDeviceMapping{device, ebs, "", false});
  }
  const sim::ImageId id = expect_ok(sim::register_image(h.world, owner, r));
  REQUIRE(image_of(h, owner, id).state == sim::ImageState::kAvailable);
  return id;
}

// An available image of `owner`'s whose one 8 GiB volume has `written` bytes written.
inline sim::ImageId image_with_data(Harness& h, const sim::Caller& owner, const std::string& name,
                                    std::uint64_t written) {
  return image_over(h, owner, name, {snapshot_with(h, owner, written)});
}

// Bytes written in a snapshot's data.
inline std::uint64_t written_in(const sim::Snapshot& snapshot) {
  return snapshot.data ? snapshot.data->blocks.written_bytes() : 0;
}

// The snapshot of `caller`'s Region with this ID.
inline const sim::Snapshot& snapshot_of(Harness& h, const sim::Caller& caller,
                                        const sim::SnapshotId& id) {
  const auto& snapshots = h.world.region_of(caller).snapshots;
  auto it = snapshots.find(id);
  REQUIRE(it != snapshots.end());
  return it->second;
}

// The image's root snapshot.
inline sim::SnapshotId root_snapshot_of(const sim::Image& image) {
  return *image.mappings.at(0).ebs->snapshot_id;
}

// DescribeStoreImageTasks for one AMI, which must have exactly one task.
inline sim::StoreTaskView store_task(Harness& h, const sim::Caller& caller,
                                     const sim::ImageId& image) {
  sim::DescribeStoreImageTasksRequest r;
  r.image_ids = {image};
  auto out = expect_ok(sim::describe_store_image_tasks(h.world, caller, r));
  REQUIRE(out.tasks.size() == 1);
  return out.tasks[0];
}

// DescribeImport{Image,Snapshot}Tasks for one task ID.
inline sim::ImportTaskView import_task(Harness& h, const sim::Caller& caller,
                                       const std::string& id) {
  sim::DescribeImportTasksRequest r;
  r.kind = id.rfind("import-ami-", 0) == 0 ? sim::ImportKind::kImage : sim::ImportKind::kSnapshot;
  r.task_ids = {id};
  auto out = expect_ok(sim::describe_import_tasks(h.world, caller, r));
  REQUIRE(out.tasks.size() == 1);
  return out.tasks[0];
}

// DescribeExportImageTasks for one task ID.
inline sim::ExportTaskView export_task(Harness& h, const sim::Caller& caller,
                                       const std::string& id) {
  sim::DescribeExportImageTasksRequest r;
  r.task_ids = {id};
  auto out = expect_ok(sim::describe_export_image_tasks(h.world, caller, r));
  REQUIRE(out.tasks.size() == 1);
  return out.tasks[0];
}

// --- store / restore -----------------------------------------------------------------------------

inline sim::StoreImageRequest store_request(const sim::ImageId& image, const std::string& bucket) {
  sim::StoreImageRequest r;
  r.image_id = image;
  r.bucket = bucket;
  return r;
}

inline sim::RestoreImageRequest restore_request(const std::string& bucket, const std::string& key,
                                                const std::string& name = "") {
  sim::RestoreImageRequest r;
  r.bucket = bucket;
  r.object_key = key;
  r.name = name;
  return r;
}

// Stores `image` in `bucket` and waits for the object; returns its key.
inline std::string stored(Harness& h, const sim::Caller& caller, const sim::ImageId& image,
                          const std::string& bucket) {
  const std::string key =
      expect_ok(sim::store_image(h.world, caller, store_request(image, bucket)));
  h.settle();
  REQUIRE(sim::bucket_named(h.world, bucket)->objects.count(key) == 1);
  return key;
}

// The time a store or restore of `bytes` of written data takes by the README's rates: 30 s plus
// the data at 32 MiB/s, rounded up to the millisecond.
constexpr sim::DurationMs store_ms(std::uint64_t bytes) {
  return 30 * sim::kSecondMs +
         static_cast<sim::DurationMs>((bytes * 1000 + 32 * kMiB - 1) / (32 * kMiB));
}

// --- VM Import/Export ----------------------------------------------------------------------------

// Disk images whose first (or last) bytes are what each format starts with.
inline std::string vmdk(std::size_t size = 4096) {
  std::string b = "KDMV";  // a stream-optimized VMDK's sparse extent header
  b.resize(size, '\x01');
  return b;
}
inline std::string vhd(std::size_t size = 4096) {
  std::string b(size, '\0');
  b.replace(size - 512, 8, "conectix");  // the footer cookie
  return b;
}
inline std::string vhdx(std::size_t size = 4096) {
  std::string b = "vhdxfile";
  b.resize(size, '\0');
  return b;
}
inline std::string ova() {
  std::string b(1024, '\0');
  b.replace(257, 5, "ustar");  // a tar header
  return b;
}
inline std::string raw(std::size_t size) { return std::string(size, 'x'); }

inline sim::DiskContainer user_bucket(const std::string& bucket, const std::string& key,
                                      const std::string& format = "") {
  sim::DiskContainer c;
  c.bucket = bucket;
  c.key = key;
  c.format = format;
  return c;
}
inline sim::DiskContainer from_url(const std::string& url, const std::string& format = "") {
  sim::DiskContainer c;
  c.url = url;
  c.format = format;
  return c;
}

inline sim::ImportRequest image_import(std::vector<sim::DiskContainer> disks) {
  sim::ImportRequest r;
  r.kind = sim::ImportKind::kImage;
  r.disks = std::move(disks);
  return r;
}
inline sim::ImportRequest snapshot_import(sim::DiskContainer disk) {
  sim::ImportRequest r;
  r.kind = sim::ImportKind::kSnapshot;
  r.disks = {std::move(disk)};
  return r;
}

// Starts an import; returns its task ID.
inline std::string started(Harness& h, const sim::Caller& caller, const sim::ImportRequest& r) {
  return expect_ok(sim::import_disk(h.world, caller, r))->id;
}

inline const sim::ImportTask& task_of(Harness& h, const sim::Caller& caller,
                                      const std::string& id) {
  return *import_task(h, caller, id).task;
}

// By the README's rates: 10 min (ImportImage) or 2 min (ImportSnapshot) plus the disk at
// 16 MiB/s, rounded up to the millisecond.
constexpr sim::DurationMs import_ms(sim::ImportKind kind, std::uint64_t bytes) {
  return (kind == sim::ImportKind::kImage ? 600 : 120) * sim::kSecondMs +
         static_cast<sim::DurationMs>((bytes * 1000 + 16 * kMiB - 1) / (16 * kMiB));
}
// 5 min plus the data at 16 MiB/s.
constexpr sim::DurationMs export_ms(std::uint64_t bytes) {
  return 300 * sim::kSecondMs +
         static_cast<sim::DurationMs>((bytes * 1000 + 16 * kMiB - 1) / (16 * kMiB));
}

inline sim::ExportImageRequest export_request(const sim::ImageId& image, const std::string& bucket,
                                              const std::string& format = "VMDK") {
  sim::ExportImageRequest r;
  r.image_id = image;
  r.bucket = bucket;
  r.format = format;
  return r;
}

// Starts an export; returns its task ID.
inline std::string exported(Harness& h, const sim::Caller& caller,
                            const sim::ExportImageRequest& r) {
  return expect_ok(sim::export_image(h.world, caller, r))->id;
}

// The role error ([obs] aws/aws-cli#8873) for the default role, vmimport.
inline const std::string kRoleText =
    "The service role vmimport provided does not exist or does not have sufficient permissions";

}  // namespace test
