// Store, restore, VM Import, CancelImportTask and ExportImage in random order over model time
// (sim/s3/image_tasks.hpp), by two accounts sharing a pool of two bucket names that come and go.
// After every step:
//   (a) tasks only move forward: store InProgress -> Completed | Failed; import active ->
//       deleting -> deleted, or active -> deleted | completed; export active -> completed |
//       deleted;
//   (b) a store task is InProgress exactly until its end, a Completed one left its object in the
//       bucket, and DescribeStoreImageTasks lists each account's tasks newest first with their
//       progress in range (0-99 in progress, 100 completed, 0 failed);
//   (c) an import is active only before its end; a deleting one was cancelled less than a minute
//       ago; a completed one made its snapshots (and AMI), a deleted one nothing;
//   (d) no account has more than five exports active, and no AMI more than one; a completed
//       export left its object;
//   (e) every accepted call made exactly one task (a restore: one new AMI, pending until all its
//       snapshots are completed, then available); CancelImportTask succeeds exactly on active
//       tasks.
#include <rapidcheck/catch.h>

#include <catch2/catch.hpp>
#include <iterator>
#include <map>
#include <memory>

#include "steps.hpp"
#include "tests/sim/s3/image_task_fixture.hpp"
#include "unity_id.hpp"

namespace AMISIM_UNITY_ID {

using namespace sim;

namespace {

enum class Op : int {
  kStore,
  kRestore,
  kImport,
  kImportJunk,
  kCancel,
  kExport,
  kDeleteBucket,
  kCreateBucket,
  kDeregister,
  kAdvance
};
constexpr int kOps = 10;

std::string_view op_name(Op op) {
  static constexpr std::string_view kNames[] = {
      "store",  "restore",       "import",        "import-junk", "cancel",
      "export", "delete-bucket", "create-bucket", "deregister",  "advance"};
  static_assert(std::size(kNames) == kOps);
  return kNames[static_cast<std::size_t>(op)];
}

// account: who acts; pick: which image, bucket, object or task; amount: seconds to advance (and,
// odd or even, the export format).
using Step = test::props::Step<Op>;

rc::Gen<std::vector<Step>> steps() {
  return test::props::steps<Op>(
      {.op = test::props::any_of<Op>(kOps),
       .accounts = 2,
       .picks = 8,
       .amount = rc::gen::oneOf(rc::gen::inRange(1, 40), rc::gen::inRange(40, 900))});
}

const std::vector<std::string>& kAccounts = test::props::kAccounts;
const std::vector<std::string> kBucketPool = {"out-0", "out-1"};
constexpr int kImagesPerAccount = 3;

std::string refused(const char* what, const Error& e) {
  return std::string(what) + " refused: " + std::string(e.name());
}

class Driver {
 public:
  Driver() {
    for (std::size_t a = 0; a < kAccounts.size(); ++a) {
      callers_.push_back(h_.as(kAccounts[a]));
      const Caller& c = callers_.back();
      const std::string disks = "disks-" + std::to_string(a);
      test::make_bucket(h_, c, disks);
      test::upload(h_, c, disks, "good.raw", std::string(64 * 1024, 'x'));
      test::upload(h_, c, disks, "junk.vmdk", "not a disk");
      test::make_bucket(h_, c, kBucketPool[a]);
      std::vector<ImageId> mine;
      for (int i = 0; i < kImagesPerAccount; ++i) {
        const std::string name = "img-" + std::to_string(a) + "-" + std::to_string(i);
        mine.push_back(test::image_with_data(h_, c, name, (i + 1) * kBlockBytes));
      }
      images_.push_back(mine);
    }
  }

  std::string apply(const Step& s);
  void check();

 private:
  const Caller& caller(int account) const { return callers_[static_cast<std::size_t>(account)]; }
  RegionState& region() { return h_.world.region_of(callers_[0]); }
  const ImageId& image(const Step& s) const {
    const auto& mine = images_[static_cast<std::size_t>(s.account)];
    return mine[static_cast<std::size_t>(s.pick) % mine.size()];
  }
  const std::string& pool_bucket(const Step& s) const {
    return kBucketPool[static_cast<std::size_t>(s.pick) % kBucketPool.size()];
  }
  std::string store_op(const Step& s);
  std::string restore_op(const Step& s);
  std::string import_op(const Step& s);
  std::string cancel_op(const Step& s);
  std::string export_op(const Step& s);
  std::string bucket_op(const Step& s);
  void check_store();
  void check_imports();
  void check_exports();
  void check_restores();

  test::Harness h_;
  std::vector<Caller> callers_;
  std::vector<std::vector<ImageId>> images_;
  std::size_t stores_ = 0, imports_ = 0, exports_ = 0, restores_ = 0;
  std::map<std::uint64_t, std::string> store_seen_;  // task number -> last state
  std::map<std::string, std::string> import_seen_;   // task ID -> last status
  std::map<std::string, std::string> export_seen_;   // task ID -> last status
};

std::string Driver::store_op(const Step& s) {
  StoreImageRequest r;
  r.image_id = image(s);
  r.bucket = pool_bucket(s);
  auto key = store_image(h_.world, caller(s.account), r);
  if (!key) return refused("store", key.error());
  RC_ASSERT(*key == r.image_id.str() + ".bin");
  ++stores_;
  return "store " + r.image_id.str() + " in " + r.bucket;
}

std::string Driver::restore_op(const Step& s) {
  const Bucket* bucket = bucket_named(h_.world, pool_bucket(s));
  if (bucket == nullptr || bucket->objects.empty()) return "no object to restore";
  auto it = bucket->objects.begin();
  std::advance(it, static_cast<long>(static_cast<std::size_t>(s.pick) % bucket->objects.size()));
  RestoreImageRequest r;
  r.bucket = bucket->name;
  r.object_key = it->first;
  r.name = "restored-" + std::to_string(restores_);
  const std::shared_ptr<const StoredImage> stored = it->second.stored_image;
  auto id = restore_image(h_.world, caller(s.account), r);
  if (!id) return refused("restore", id.error());
  RC_ASSERT(stored != nullptr);  // an exported disk is no AMI
  RC_ASSERT(!(*id == stored->image.id));
  ++restores_;
  return "restore " + r.object_key + " as " + id->str();
}

std::string Driver::import_op(const Step& s) {
  ImportRequest r;
  r.kind = s.pick % 2 ? ImportKind::kImage : ImportKind::kSnapshot;
  DiskContainer d;
  d.bucket = "disks-" + std::to_string(s.account);
  d.key = s.op == Op::kImportJunk ? "junk.vmdk" : "good.raw";
  r.disks = {d};
  auto task = import_disk(h_.world, caller(s.account), r);
  if (!task) return refused("import", task.error());
  ++imports_;
  return "import " + d.key + " as " + (*task)->id;
}

std::string Driver::cancel_op(const Step& s) {
  std::vector<const ImportTask*> mine;
  for (const auto& [id, t] : region().tasks.imports)
    if (t.owner == caller(s.account).account) mine.push_back(&t);
  if (mine.empty()) return "no import to cancel";
  const ImportTask& t = *mine[static_cast<std::size_t>(s.pick) % mine.size()];
  const bool active = t.status == "active";
  auto result = cancel_import_task(h_.world, caller(s.account), t.id);
  RC_ASSERT(result.ok() == active);
  if (!result) {
    RC_ASSERT(std::string(result.error().name()) == "InvalidConversionTaskId");
    return "cancel refused for " + t.id;
  }
  RC_ASSERT(result->state == "deleting");
  return "cancel " + t.id;
}

std::string Driver::export_op(const Step& s) {
  ExportImageRequest r;
  r.image_id = image(s);
  r.bucket = pool_bucket(s);
  r.format = s.amount % 2 ? "VMDK" : "RAW";
  auto task = export_image(h_.world, caller(s.account), r);
  if (!task) return refused("export", task.error());
  ++exports_;
  return "export " + r.image_id.str() + " as " + (*task)->id;
}

std::string Driver::bucket_op(const Step& s) {
  const Caller& c = caller(s.account);
  const std::string& name = pool_bucket(s);
  if (s.op == Op::kDeleteBucket) {
    auto st = delete_bucket(h_.world, c, name);
    return st ? "delete bucket " + name : refused("delete bucket", st.error());
  }
  const std::string constraint;
  auto b = create_bucket(h_.world, c, name, constraint);
  return b ? "create bucket " + name : refused("create bucket", b.error());
}

std::string Driver::apply(const Step& s) {
  switch (s.op) {
    case Op::kStore:
      return store_op(s);
    case Op::kRestore:
      return restore_op(s);
    case Op::kImport:
    case Op::kImportJunk:
      return import_op(s);
    case Op::kCancel:
      return cancel_op(s);
    case Op::kExport:
      return export_op(s);
    case Op::kDeleteBucket:
    case Op::kCreateBucket:
      return bucket_op(s);
    case Op::kDeregister: {
      auto r = deregister_image(h_.world, caller(s.account), image(s));
      return r ? "deregister " + image(s).str() : std::string("deregister refused");
    }
    case Op::kAdvance:
      h_.advance(s.amount * kSecondMs);
      return "advance " + std::to_string(s.amount) + " s";
  }
  return "?";
}

// (a) `now` may follow `before` in a task's life.
bool moves_forward(const std::string& before, const std::string& now) {
  if (before == now) return true;
  static const std::multimap<std::string, std::string> kNext = {
      {"InProgress", "Completed"}, {"InProgress", "Failed"}, {"active", "deleting"},
      {"active", "deleted"},       {"active", "completed"},  {"deleting", "deleted"}};
  auto [from, to] = kNext.equal_range(before);
  for (auto it = from; it != to; ++it)
    if (it->second == now) return true;
  return false;
}

void Driver::check_store() {
  const TimeMs now = h_.world.now();
  RC_ASSERT(region().tasks.store.size() == stores_);
  for (const StoreImageTask& t : region().tasks.store) {
    RC_ASSERT(moves_forward(store_seen_.emplace(t.number, t.state).first->second, t.state));
    store_seen_[t.number] = t.state;
    RC_ASSERT((t.state == "InProgress") == (now < t.end));
    if (t.state == "Completed") {
      const Bucket* b = bucket_named(h_.world, t.bucket);
      RC_ASSERT(b != nullptr);
      RC_ASSERT(b->objects.count(t.key) == 1u);
    }
  }
  for (const Caller& c : callers_) {
    auto listed = describe_store_image_tasks(h_.world, c, {});
    RC_ASSERT(listed.ok());
    std::vector<const StoreImageTask*> expected;
    for (auto it = region().tasks.store.rbegin(); it != region().tasks.store.rend(); ++it)
      if (it->owner == c.account) expected.push_back(&*it);
    RC_ASSERT(listed->tasks.size() == expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
      const StoreTaskView& v = listed->tasks[i];
      RC_ASSERT(v.task == expected[i]);
      if (v.task->state == "InProgress") RC_ASSERT(v.progress >= 0 && v.progress <= 99);
      if (v.task->state == "Completed") RC_ASSERT(v.progress == 100);
      if (v.task->state == "Failed") RC_ASSERT(v.progress == 0);
    }
  }
}

void Driver::check_imports() {
  const TimeMs now = h_.world.now();
  const RegionState& r = region();
  RC_ASSERT(r.tasks.imports.size() == imports_);
  for (const auto& [id, t] : r.tasks.imports) {
    const std::string status = view_import_task(h_.world, t).status;
    RC_ASSERT(moves_forward(import_seen_.emplace(id, status).first->second, status));
    import_seen_[id] = status;
    if (status == "active") RC_ASSERT(now < t.end);
    if (status == "deleting") RC_ASSERT(t.cancelled_at != 0 && now < t.cancelled_at + kMinuteMs);
    if (status == "completed") {
      RC_ASSERT(t.cancelled_at == 0 && t.failure.empty());
      for (const ImportDisk& d : t.disks)
        RC_ASSERT(r.snapshots.at(d.snapshot_id).state == SnapshotState::kCompleted);
      if (t.kind == ImportKind::kImage)
        RC_ASSERT(r.images.at(t.image_id).state == ImageState::kAvailable);
    }
    if (status == "deleted") {
      RC_ASSERT(t.cancelled_at != 0 || !t.failure.empty());
      RC_ASSERT(t.image_id.empty());
      for (const ImportDisk& d : t.disks) RC_ASSERT(d.snapshot_id.empty());
    }
  }
}

void Driver::check_exports() {
  const TimeMs now = h_.world.now();
  RC_ASSERT(region().tasks.exports.size() == exports_);
  std::map<AccountId, int> active;
  std::map<ImageId, int> per_image;
  for (const auto& [id, t] : region().tasks.exports) {
    RC_ASSERT(moves_forward(export_seen_.emplace(id, t.status).first->second, t.status));
    export_seen_[id] = t.status;
    RC_ASSERT((t.status == "active") == (now < t.end));
    if (t.status == "active") {
      RC_ASSERT(++active[t.owner] <= kMaxConcurrentExports);
      RC_ASSERT(++per_image[t.image] == 1);
    }
    if (t.status == "completed") {
      const Bucket* b = bucket_named(h_.world, t.bucket);
      const std::string ext = t.format == "VMDK" ? "vmdk" : t.format == "VHD" ? "vhd" : "raw";
      RC_ASSERT(b != nullptr);
      RC_ASSERT(b->objects.count(t.prefix + id + "." + ext) == 1u);
    }
  }
}

void Driver::check_restores() {
  const RegionState& r = region();
  std::size_t restored = 0;
  for (const auto& [id, image] : r.images) {
    if (!image.restored_from_s3) continue;
    ++restored;
    bool all_completed = true;
    for (const SnapshotId& s : image_snapshots(image))
      all_completed &= r.snapshots.at(s).state == SnapshotState::kCompleted;
    RC_ASSERT(image.state == (all_completed ? ImageState::kAvailable : ImageState::kPending));
  }
  RC_ASSERT(restored == restores_);
}

void Driver::check() {
  check_store();
  check_imports();
  check_exports();
  check_restores();
}

}  // namespace

TEST_CASE("Store, restore, import, cancel and export tasks keep consistent states over time") {
  rc::prop("after any sequence of task calls, bucket changes and time the invariants hold", [] {
    Driver d;
    test::props::run(d, *steps());
  });
}

}  // namespace AMISIM_UNITY_ID
