// CopyImage and CopySnapshot under random sequences (sim/copies/copies.hpp). Random images with
// random data in random Regions and accounts, sharing, copies between random Regions (same-Region
// too), with and without encryption, cancelled copies, more data and time. After every copy:
//   (a) the copy's ID differs from the source's, and its snapshots' IDs from the source's;
//   (b) the source (image and snapshots) is exactly as before the copy;
//   (c) the copy and its snapshots are in the destination Region and nowhere else; every ID
//       minted in one Region is found in no other;
//   (d) each copy snapshot holds the source snapshot's blocks: the same (block, version) pairs, or
//       one-to-one re-versioned when re-encrypted under a new key;
//   (e) a copy moves exactly the blocks the destination owner's pool lacked, and a repeat of the
//       same copy (same lineage, same key, nothing changed, earlier copy still there) moves 0.
#include <fmt/format.h>
#include <rapidcheck/catch.h>

#include <catch2/catch.hpp>
#include <set>

#include "harness.hpp"
#include "sim/copies/copies.hpp"
#include "sim/ebs/snapshots.hpp"
#include "sim/ebs/volumes.hpp"
#include "sim/images/images.hpp"
#include "steps.hpp"
#include "unity_id.hpp"

namespace AMISIM_UNITY_ID {

using namespace sim;

namespace {

enum class Op : int { kNewImage, kShare, kCopyImage, kCopySnapshot, kDeregister, kSettle };
constexpr int kOps = 6;

std::string_view op_name(Op op) {
  static constexpr std::string_view kNames[] = {"new-image",     "share",      "copy-image",
                                                "copy-snapshot", "deregister", "settle"};
  static_assert(std::size(kNames) == kOps);
  return kNames[static_cast<std::size_t>(op)];
}

// account: who makes or copies; region: the destination (or, for kNewImage, home) Region; pick:
// which image; amount: blocks a new image's volume holds; variant: 1 to copy encrypted.
using Step = test::props::Step<Op>;

rc::Gen<std::vector<Step>> steps() {
  return test::props::steps<Op>({.op = test::props::any_of<Op>(kOps),
                                 .accounts = 2,
                                 .regions = 3,
                                 .picks = 16,
                                 .amount = rc::gen::inRange(1, 200),
                                 .variant = rc::gen::inRange(0, 2)});
}

const std::vector<std::string> kRegions = {"us-east-1", "us-west-2", "eu-west-1"};

// A textual snapshot of everything a describe shows of an image and its snapshots.
std::string render(const World& world, const Image& image) {
  std::string out = fmt::format("{} {} {} {} {} {} {} {}", image.id.str(), image.owner.str(),
                                image.name, static_cast<int>(image.state), image.creation,
                                image.description, image.is_public, image.source_image_id->str());
  for (const auto& a : image.launch_permissions) out += " perm:" + a.str();
  for (const auto& [k, v] : image.tags) out += " tag:" + k + "=" + v;
  const RegionState& region = *world.region(image.region);
  for (const auto& m : image.mappings) {
    if (!m.ebs || !m.ebs->snapshot_id) continue;
    auto found = region.snapshots.find(*m.ebs->snapshot_id);
    if (found == region.snapshots.end()) {
      out += " gone:" + m.ebs->snapshot_id->str();  // a cancelled copy's
      continue;
    }
    const Snapshot& s = found->second;
    out += fmt::format(" snap:{}:{}:{}:{}:{}", s.id.str(), static_cast<int>(s.state), s.encrypted,
                       s.kms_key_id, s.description);
    for (const Extent& e : s.data->blocks.extents())
      out += fmt::format(" {}+{}@{}", e.first_block, e.block_count, e.version);
  }
  return out;
}

// True when `copy` holds `source`'s blocks: equal, or the same extents with the versions mapped
// one to one (re-encryption).
bool same_blocks(const BlockMap& source, const BlockMap& copy, bool reencrypted) {
  if (!reencrypted) return source == copy;
  const auto a = source.extents();
  const auto b = copy.extents();
  if (a.size() != b.size()) return false;
  std::map<std::uint64_t, std::uint64_t> versions;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i].first_block != b[i].first_block || a[i].block_count != b[i].block_count) return false;
    auto [it, inserted] = versions.emplace(a[i].version, b[i].version);
    if (!inserted && it->second != b[i].version) return false;
    if (a[i].version == b[i].version) return false;
  }
  return true;
}

class Driver {
 public:
  std::string apply(const Step& s);
  int copies() const { return copies_; }

 private:
  Caller caller(const Step& s) const { return test::props::caller(s.account, s.region, kRegions); }
  const Image* pick_image(const Step& s) const;
  std::string new_image(const Step& s);
  std::string share(const Step& s);
  std::string copy_image_op(const Step& s);
  std::string copy_snapshot_op(const Step& s);
  std::string deregister(const Step& s);
  void check_ids_regional() const;
  void check_snapshot_copy(const Snapshot& source, const Snapshot& copy,
                           std::uint64_t lacked_bytes) const;
  // Bytes of the copy's data that no other snapshot of its owner in its Region holds: what its
  // owner's pool lacked before the copy (the pool holds exactly its snapshots' blocks).
  std::uint64_t lacked(const Snapshot& copy) const;

  test::Harness h_{7};
  std::vector<std::pair<RegionName, ImageId>> images_;  // every image made or copied
  int names_ = 0;
  int copies_ = 0;  // successful copies, for the run's classification
};

const Image* Driver::pick_image(const Step& s) const {
  const auto* picked = test::props::nth(images_, s.pick);
  return picked ? &h_.world.region(picked->first)->images.at(picked->second) : nullptr;
}

std::string Driver::new_image(const Step& s) {
  const Caller c = caller(s);
  h_.world.ensure_account(c.account);
  CreateVolumeRequest v;
  v.zone = ZoneName(c.region.str() + "a");
  v.size_gib = 1;
  const VolumeId volume = create_volume(h_.world, c, v).value()->id;
  h_.settle();
  write_to_volume(h_.world, *find_volume(h_.world, c, volume),
                  static_cast<std::uint64_t>(s.amount) * kBlockBytes);
  CreateSnapshotRequest sr;
  sr.volume_id = volume;
  const SnapshotId snap = create_snapshot(h_.world, c, sr).value()->id;
  h_.settle();
  RegisterImageRequest r;
  r.name = fmt::format("img-{}", names_++);
  r.root_device_name = "/dev/xvda";
  EbsBlockDevice ebs;
  ebs.snapshot_id = snap;
  r.block_device_mappings.push_back(BlockDeviceMapping{"/dev/xvda", ebs, "", false});
  const ImageId id = register_image(h_.world, c, r).value();
  images_.emplace_back(c.region, id);
  return "new image " + id.str() + " in " + c.region.str();
}

std::string Driver::share(const Step& s) {
  const Image* image = pick_image(s);
  if (!image) return "share: none";
  const Caller owner{image->owner, image->region};
  const auto& accounts = test::props::kAccounts;
  const AccountId other(image->owner.str() == accounts[0] ? accounts[1] : accounts[0]);
  h_.world.ensure_account(other);
  ModifyImageAttributeRequest m;
  m.image_id = image->id;
  m.attribute = "launchPermission";
  m.launch_permission.add_users.push_back(other);
  (void)modify_image_attribute(h_.world, owner, m);
  for (const auto& map : image->mappings) {
    if (!map.ebs || !map.ebs->snapshot_id) continue;
    ModifySnapshotAttributeRequest sm;
    sm.snapshot_id = *map.ebs->snapshot_id;
    sm.operation_type = "add";
    sm.user_ids = {other};
    (void)modify_snapshot_attribute(h_.world, owner, sm);
  }
  return "share " + image->id.str();
}

std::uint64_t Driver::lacked(const Snapshot& copy) const {
  std::set<std::pair<std::uint64_t, std::uint64_t>> held;
  for (const auto& [id, s] : h_.world.region(copy.region)->snapshots) {
    if (s.owner != copy.owner || s.pool_order == 0 || id == copy.id) continue;
    for (const Extent& e : s.data->blocks.extents())
      for (std::uint64_t b = e.first_block; b < e.first_block + e.block_count; ++b)
        held.insert({b, e.version});
  }
  std::uint64_t bytes = 0;
  for (const Extent& e : copy.data->blocks.extents())
    for (std::uint64_t b = e.first_block; b < e.first_block + e.block_count; ++b)
      if (!held.count({b, e.version})) bytes += kBlockBytes;
  return bytes;
}

void Driver::check_snapshot_copy(const Snapshot& source, const Snapshot& copy,
                                 std::uint64_t lacked_bytes) const {
  RC_ASSERT(copy.id != source.id);
  RC_ASSERT(copy.source_snapshot_id == source.id);
  const bool reencrypted = copy.kms_key_id != source.kms_key_id;
  RC_ASSERT(same_blocks(source.data->blocks, copy.data->blocks, reencrypted));
  RC_ASSERT(copy.copy_bytes == lacked_bytes);
  RC_ASSERT(copy.copy_bytes <= copy.data->blocks.written_bytes());
}

std::string Driver::copy_image_op(const Step& s) {
  const Image* source = pick_image(s);
  if (!source || source->state != ImageState::kAvailable) return "copy image: none";
  const Caller c = caller(s);
  h_.world.ensure_account(c.account);
  const std::string before = render(h_.world, *source);
  CopyImageRequest r;
  r.source_region = source->region;
  r.source_image_id = source->id;
  r.name = fmt::format("copy-{}", names_++);
  if (s.variant == 1) r.encrypted = true;
  // What each source snapshot's copy may lack, measured before the copy runs.
  const RegionState& from = *h_.world.region(source->region);
  const SnapshotId src_snap = *source->mappings.at(0).ebs->snapshot_id;
  auto result = copy_image(h_.world, c, r);
  RC_ASSERT(render(h_.world, *source) == before);  // (b), whatever the answer
  if (!result) return "copy image refused: " + result.error().message;
  const ImageId id = result.value();
  RC_ASSERT(id != source->id);  // (a)
  const Image& copy = h_.world.region(c.region)->images.at(id);
  const Snapshot& copy_snap =
      h_.world.region(c.region)->snapshots.at(*copy.mappings.at(0).ebs->snapshot_id);
  check_snapshot_copy(from.snapshots.at(src_snap), copy_snap, lacked(copy_snap));  // (d), (e)
  RC_ASSERT(copy.source_image_id == source->id);
  RC_ASSERT(copy.source_image_region == source->region);
  // (e) repeat: the same copy again moves nothing.
  CopyImageRequest again = r;
  again.name = fmt::format("copy-{}", names_++);
  auto repeat = copy_image(h_.world, c, again);
  if (repeat) {
    const Image& copy2 = h_.world.region(c.region)->images.at(repeat.value());
    const Snapshot& s2 =
        h_.world.region(c.region)->snapshots.at(*copy2.mappings.at(0).ebs->snapshot_id);
    RC_ASSERT(s2.copy_bytes == 0u);
    images_.emplace_back(c.region, repeat.value());
  }
  images_.emplace_back(c.region, id);
  ++copies_;
  check_ids_regional();
  return "copy image " + source->id.str() + " -> " + id.str() + " in " + c.region.str();
}

std::string Driver::copy_snapshot_op(const Step& s) {
  const Image* image = pick_image(s);
  if (!image || image->mappings.empty() || !image->mappings[0].ebs) return "copy snapshot: none";
  const SnapshotId src_id = *image->mappings[0].ebs->snapshot_id;
  const RegionName src_region = image->region;
  const Caller c = caller(s);
  h_.world.ensure_account(c.account);
  CopySnapshotRequest r;
  r.source_region = src_region;
  r.source_snapshot_id = src_id;
  if (s.variant == 1) r.encrypted = true;
  auto found = h_.world.region(src_region)->snapshots.find(src_id);
  if (found == h_.world.region(src_region)->snapshots.end()) return "copy snapshot: gone";
  const Snapshot& source = found->second;
  const std::string before = render(h_.world, *image);
  auto result = copy_snapshot(h_.world, c, r);
  RC_ASSERT(render(h_.world, *image) == before);
  if (!result) return "copy snapshot refused: " + result.error().message;
  const Snapshot& copy = *result.value();
  RC_ASSERT(copy.region == c.region);
  RC_ASSERT(h_.world.region(c.region)->snapshots.count(copy.id) == 1u);
  check_snapshot_copy(source, copy, lacked(copy));  // (d), (e)
  ++copies_;
  check_ids_regional();
  return "copy snapshot " + src_id.str() + " -> " + copy.id.str();
}

std::string Driver::deregister(const Step& s) {
  const Image* image = pick_image(s);
  if (!image) return "deregister: none";
  const Caller owner{image->owner, image->region};
  auto r = deregister_image(h_.world, owner, image->id);
  return "deregister " + image->id.str() + (r ? "" : " refused");
}

void Driver::check_ids_regional() const {
  // (c) every image and snapshot ID lives in exactly one Region.
  std::map<std::string, std::string> home;
  for (const auto& [name, region] : h_.world.regions()) {
    for (const auto& [id, image] : region.images) {
      RC_ASSERT(image.region == name);
      RC_ASSERT(home.emplace(id.str(), name.str()).second);
    }
    for (const auto& [id, snap] : region.snapshots) {
      RC_ASSERT(snap.region == name);
      RC_ASSERT(home.emplace(id.str(), name.str()).second);
    }
  }
}

std::string Driver::apply(const Step& s) {
  switch (s.op) {
    case Op::kNewImage:
      return new_image(s);
    case Op::kShare:
      return share(s);
    case Op::kCopyImage:
      return copy_image_op(s);
    case Op::kCopySnapshot:
      return copy_snapshot_op(s);
    case Op::kDeregister:
      return deregister(s);
    case Op::kSettle:
      h_.settle();
      return "settle";
  }
  return "?";
}

}  // namespace

TEST_CASE("Copies get new Regional IDs, leave the source alone and move only missing blocks") {
  rc::prop("after any sequence of images, shares, copies and deregistrations", [] {
    Driver d;
    test::props::run(d, *steps());
    RC_CLASSIFY(d.copies() > 0, "with copies");
    RC_CLASSIFY(d.copies() > 3, "with more than 3 copies");
  });
}

}  // namespace AMISIM_UNITY_ID
