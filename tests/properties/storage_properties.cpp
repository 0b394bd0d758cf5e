// Incremental snapshot storage against a tiny reference model. Random sequences of volume writes,
// snapshots, restores, sharing, image registrations and snapshot deletions run on the model and
// on a plain map of (block -> version) per volume and snapshot; after every step:
//   (a) every remaining snapshot holds, and restores to, exactly the blocks it captured;
//   (b) each owner's pool stores the union of (block, version) over its remaining snapshots,
//       never more than was ever written;
//   (c) each snapshot is attributed the blocks no earlier remaining snapshot of its owner holds,
//       and these add up to the pool's stored bytes;
//   (d) a snapshot a registered image maps cannot be deleted.
#include <rapidcheck/catch.h>

#include <catch2/catch.hpp>
#include <map>
#include <set>

#include "harness.hpp"
#include "sim/ebs/snapshots.hpp"
#include "sim/ebs/volumes.hpp"
#include "sim/timeline.hpp"
#include "steps.hpp"
#include "unity_id.hpp"

namespace AMISIM_UNITY_ID {

using namespace sim;

namespace {

enum class Op : int {
  kCreateVolume,
  kAppend,
  kWriteAt,
  kSnapshot,
  kDelete,
  kRegisterImage,
  kDeregisterImage,
  kShare,
  kRestore,
  kDeleteAsStranger,
  kSettle
};
constexpr int kOps = 11;

std::string_view op_name(Op op) {
  static constexpr std::string_view kNames[] = {
      "create-volume",    "append", "write-at", "snapshot",           "delete", "register-image",
      "deregister-image", "share",  "restore",  "delete-as-stranger", "settle"};
  static_assert(std::size(kNames) == kOps);
  return kNames[static_cast<std::size_t>(op)];
}

constexpr std::uint64_t kCapacityBlocks = kGiB / kBlockBytes;  // 1 GiB volumes

// account: who acts (of props::kAccounts); pick: which volume, snapshot or image; amount: how
// many blocks to write (or, odd or even, whether a registered image is available); variant: the
// first block WriteAt writes.
using Step = test::props::Step<Op>;

rc::Gen<std::vector<Step>> steps() {
  return test::props::steps<Op>(
      {.op = test::props::any_of<Op>(kOps),
       .accounts = 2,
       .picks = 16,
       .amount = rc::gen::oneOf(rc::gen::inRange(1, 64), rc::gen::inRange(64, 900)),
       .variant = rc::gen::inRange(0, static_cast<int>(kCapacityBlocks))});
}

const std::vector<std::string>& kOwners = test::props::kAccounts;

using Blocks = std::map<std::uint64_t, std::uint64_t>;  // block -> version

struct ModelVolume {
  VolumeId id;
  int owner;
  Blocks blocks;
};
struct ModelSnapshot {
  SnapshotId id;
  int owner;
  Blocks blocks;
};
struct ModelImage {
  SnapshotId snapshot;
  ImageState* state;  // the image in the World (map nodes are stable)
};

std::vector<Extent> extents_of(const Blocks& blocks) {
  BlockMap m;
  for (const auto& [block, version] : blocks) m.write(block, 1, version);
  return m.extents();
}

Blocks blocks_of(const BlockMap& map) {
  Blocks out;
  for (const Extent& e : map.extents()) {
    for (std::uint64_t b = e.first_block; b < e.first_block + e.block_count; ++b)
      out[b] = e.version;
  }
  return out;
}

class Driver {
 public:
  explicit Driver(std::uint64_t seed) : h_(seed) {
    for (const auto& o : kOwners) callers_.push_back(h_.as(o));
  }

  std::string apply(const Step& s);
  void check() const;

 private:
  Caller& caller(int account) { return callers_[static_cast<std::size_t>(account)]; }
  Volume& volume(const ModelVolume& v) { return h_.world.region_of(callers_[0]).volumes.at(v.id); }
  void record_write(ModelVolume& mv, std::uint64_t first, std::uint64_t count);
  std::string create_volume_op(const Step& s);
  std::string write_op(const Step& s);
  std::string snapshot_op(const Step& s);
  std::string delete_op(const Step& s);
  std::string register_op(const Step& s);
  std::string share_op(const Step& s);
  std::string restore_op(const Step& s);
  std::string stranger_op(const Step& s);

  test::Harness h_;
  std::vector<Caller> callers_;
  std::vector<ModelVolume> volumes_;
  std::vector<ModelSnapshot> snapshots_;  // remaining ones
  std::vector<ModelImage> images_;
  std::set<std::pair<std::uint64_t, std::uint64_t>> ever_written_;
  std::set<SnapshotId> shared_;  // shared with the other account
};

void Driver::record_write(ModelVolume& mv, std::uint64_t first, std::uint64_t count) {
  // The version is the model's to choose; read it back once and use it for every block.
  const Blocks now = blocks_of(volume(mv).data->blocks);
  const std::uint64_t version = now.at(first);
  for (std::uint64_t b = first; b < first + count; ++b) {
    mv.blocks[b] = version;
    ever_written_.insert({b, version});
  }
}

std::string Driver::create_volume_op(const Step& s) {
  CreateVolumeRequest r;
  r.zone = ZoneName("us-east-1a");
  r.size_gib = 1;
  auto v = create_volume(h_.world, caller(s.account), r);
  RC_ASSERT(v.ok());
  volumes_.push_back(ModelVolume{(*v)->id, s.account, {}});
  sim::advance_by(h_.world, kVolumeCreateMs);  // available: snapshots need it
  return "create volume";
}

std::string Driver::write_op(const Step& s) {
  ModelVolume* picked = test::props::nth(volumes_, s.pick);
  if (!picked) return "no volume";
  ModelVolume& mv = *picked;
  std::uint64_t first = static_cast<std::uint64_t>(s.variant);
  std::uint64_t count = static_cast<std::uint64_t>(s.amount);
  if (s.op == Op::kAppend) {
    write_to_volume(h_.world, volume(mv), count * kBlockBytes);
    // Appends go after the highest written block; a full volume rewrites its last blocks.
    first = mv.blocks.empty() ? 0 : mv.blocks.rbegin()->first + 1;
    if (first + count > kCapacityBlocks) first = kCapacityBlocks - count;
  } else {
    write_blocks(h_.world, volume(mv), first, count);
    count = std::min(count, kCapacityBlocks - first);
  }
  record_write(mv, first, count);
  return "write " + std::to_string(count) + " at " + std::to_string(first);
}

std::string Driver::snapshot_op(const Step& s) {
  const ModelVolume* picked = test::props::nth(volumes_, s.pick);
  if (!picked) return "no volume";
  const ModelVolume& mv = *picked;
  auto snap = create_snapshot(h_.world, caller(mv.owner), {mv.id, "prop", {}, false});
  RC_ASSERT(snap.ok());
  snapshots_.push_back(ModelSnapshot{(*snap)->id, mv.owner, mv.blocks});
  return "snapshot " + mv.id.str();
}

std::string Driver::delete_op(const Step& s) {
  if (snapshots_.empty()) return "no snapshot";
  const std::size_t i = static_cast<std::size_t>(s.pick) % snapshots_.size();
  const ModelSnapshot ms = snapshots_[i];
  bool in_use = false;
  for (const auto& image : images_) {
    in_use |= image.snapshot == ms.id && *image.state != ImageState::kDeregistered;
  }
  const Status st = delete_snapshot(h_.world, caller(ms.owner), ms.id);
  if (in_use) {  // (d)
    RC_ASSERT(!st.ok());
    RC_ASSERT(st.error().name() == std::string("InvalidSnapshot.InUse"));
    RC_ASSERT(h_.world.region_of(callers_[0]).snapshots.count(ms.id) == 1u);
    return "delete refused (in use)";
  }
  RC_ASSERT(st.ok());
  snapshots_.erase(snapshots_.begin() + static_cast<std::ptrdiff_t>(i));
  return "delete " + ms.id.str();
}

std::string Driver::register_op(const Step& s) {
  const ModelSnapshot* picked = test::props::nth(snapshots_, s.pick);
  if (!picked) return "no snapshot";
  const ModelSnapshot& ms = *picked;
  // An image as RegisterImage leaves it: only its mapping matters to snapshot deletion.
  Image image;
  image.id = ImageId(h_.world.new_id("ami"));
  image.owner = AccountId(kOwners[static_cast<std::size_t>(ms.owner)]);
  image.state = s.amount % 2 ? ImageState::kAvailable : ImageState::kDisabled;
  EbsBlockDevice ebs;
  ebs.snapshot_id = ms.id;
  image.mappings.push_back(BlockDeviceMapping{"/dev/xvda", ebs, "", false});
  const ImageId id = image.id;
  auto& stored = h_.world.region_of(callers_[0]).images.emplace(id, std::move(image)).first->second;
  images_.push_back(ModelImage{ms.id, &stored.state});
  return "register image on " + ms.id.str();
}

std::string Driver::share_op(const Step& s) {
  const ModelSnapshot* picked = test::props::nth(snapshots_, s.pick);
  if (!picked) return "no snapshot";
  const ModelSnapshot& ms = *picked;
  const int other = 1 - ms.owner;
  ModifySnapshotAttributeRequest r{ms.id, "createVolumePermission",
                                   "add", {callers_[static_cast<std::size_t>(other)].account},
                                   {},    false};
  RC_ASSERT(modify_snapshot_attribute(h_.world, caller(ms.owner), r).ok());
  shared_.insert(ms.id);
  return "share " + ms.id.str();
}

// (a): a volume restored from a remaining snapshot holds exactly the captured blocks.
std::string Driver::restore_op(const Step& s) {
  const ModelSnapshot* picked = test::props::nth(snapshots_, s.pick);
  if (!picked) return "no snapshot";
  const ModelSnapshot& ms = *picked;
  const int who = shared_.count(ms.id) ? s.account : ms.owner;
  sim::settle(h_.world);  // only completed snapshots restore
  CreateVolumeRequest r;
  r.zone = ZoneName("us-east-1b");
  r.snapshot_id = ms.id;
  auto v = create_volume(h_.world, caller(who), r);
  RC_ASSERT(v.ok());
  RC_ASSERT((*v)->data->blocks.extents() == extents_of(ms.blocks));
  volumes_.push_back(ModelVolume{(*v)->id, who, ms.blocks});
  sim::advance_by(h_.world, kVolumeCreateMs);
  return "restore " + ms.id.str();
}

std::string Driver::stranger_op(const Step& s) {
  const ModelSnapshot* picked = test::props::nth(snapshots_, s.pick);
  if (!picked) return "no snapshot";
  const ModelSnapshot& ms = *picked;
  const Status st = delete_snapshot(h_.world, caller(1 - ms.owner), ms.id);
  RC_ASSERT(!st.ok());
  return "stranger delete refused";
}

std::string Driver::apply(const Step& s) {
  switch (s.op) {
    case Op::kCreateVolume:
      return create_volume_op(s);
    case Op::kAppend:
    case Op::kWriteAt:
      return write_op(s);
    case Op::kSnapshot:
      return snapshot_op(s);
    case Op::kDelete:
      return delete_op(s);
    case Op::kRegisterImage:
      return register_op(s);
    case Op::kDeregisterImage:
      if (ModelImage* image = test::props::nth(images_, s.pick)) {
        *image->state = ImageState::kDeregistered;
        return "deregister";
      }
      return "no image";
    case Op::kShare:
      return share_op(s);
    case Op::kRestore:
      return restore_op(s);
    case Op::kDeleteAsStranger:
      return stranger_op(s);
    case Op::kSettle:
      sim::settle(h_.world);
      return "settle";
  }
  return "?";
}

void Driver::check() const {
  const RegionState& region = h_.world.region_of(callers_[0]);
  for (int owner = 0; owner < static_cast<int>(kOwners.size()); ++owner) {
    std::set<std::pair<std::uint64_t, std::uint64_t>> held;
    std::uint64_t attributed = 0;
    for (const auto& ms : snapshots_) {
      if (ms.owner != owner) continue;
      const Snapshot& s = region.snapshots.at(ms.id);
      RC_ASSERT(s.data->blocks.extents() == extents_of(ms.blocks));  // (a)
      // snapshots_ is in creation order: a snapshot pays for what no earlier one still holds.
      std::uint64_t own = 0;
      for (const auto& pair : ms.blocks) own += held.insert(pair).second ? 1 : 0;
      RC_ASSERT(snapshot_stored_bytes(region, s) == own * kBlockBytes);
      attributed += snapshot_stored_bytes(region, s);
    }
    const std::uint64_t stored = region_stored_bytes(region, AccountId(kOwners[owner]));
    RC_ASSERT(stored == held.size() * kBlockBytes);           // (b)
    RC_ASSERT(stored <= ever_written_.size() * kBlockBytes);  // (b)
    RC_ASSERT(attributed == stored);                          // (c)
  }
}

}  // namespace

TEST_CASE("Incremental snapshot storage keeps every snapshot whole and counts each block once") {
  rc::prop("after any sequence of writes, snapshots, restores and deletions the invariants hold",
           [] {
             Driver d(1);
             test::props::run(d, *steps());
           });
}

}  // namespace AMISIM_UNITY_ID
