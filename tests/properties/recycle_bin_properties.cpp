// The Recycle Bin (sim/rbin/rbin.hpp) under random histories of retention rules, snapshots,
// AMIs, deletions, restores and time. After every step:
//   (a) nothing in the bin is described or launchable: a binned AMI is found by no lookup and
//       RunInstances refuses it as not found; a binned snapshot restores no volume;
//   (b) nothing stays in the bin past its exit time, and nothing leaves it but by restore or
//       expiry;
//   (c) a restore gives back the same ID with the same data: a snapshot's blocks (the same
//       VolumeData), an AMI's block device mappings.
#include <rapidcheck/catch.h>

#include <catch2/catch.hpp>
#include <map>

#include "harness.hpp"
#include "sim/ebs/snapshots.hpp"
#include "sim/ebs/volumes.hpp"
#include "sim/images/images.hpp"
#include "sim/instances/instances.hpp"
#include "sim/rbin/rbin.hpp"
#include "sim/timeline.hpp"
#include "steps.hpp"
#include "unity_id.hpp"

namespace AMISIM_UNITY_ID {

using namespace sim;

namespace {

enum class Op : int {
  kRule,
  kSnapshot,
  kRegister,
  kDeleteSnapshot,
  kDeregister,
  kRestoreSnapshot,
  kRestoreImage,
  kAdvance
};
constexpr int kOps = 8;

std::string_view op_name(Op op) {
  static constexpr std::string_view kNames[] = {
      "rule",       "snapshot",         "register",      "delete-snapshot",
      "deregister", "restore-snapshot", "restore-image", "advance"};
  static_assert(std::size(kNames) == kOps);
  return kNames[static_cast<std::size_t>(op)];
}

using Step = test::props::Step<Op>;

struct Driver {
  test::Harness h;
  std::vector<SnapshotId> snapshots;  // every snapshot ever made
  std::vector<ImageId> images;        // every image ever registered
  // What each binned resource held when it went in.
  std::map<std::string, std::shared_ptr<const VolumeData>> binned_data;
  std::map<std::string, std::vector<BlockDeviceMapping>> binned_mappings;

  RegionState& region() { return h.world.region_of(h.caller); }

  std::string apply(const Step& s) {
    switch (s.op) {
      case Op::kRule: {
        RbinRuleSpec spec;
        spec.resource_type = s.variant % 2 == 0 ? "EBS_SNAPSHOT" : "EC2_IMAGE";
        spec.retention_days = 1 + s.amount % 10;
        spec.retention_unit = "DAYS";
        return test::props::outcome(create_rule(h.world, h.caller, spec));
      }
      case Op::kSnapshot: {
        CreateVolumeRequest v;
        v.zone = ZoneName("us-east-1a");
        v.size_gib = 1;
        auto volume = create_volume(h.world, h.caller, v);
        if (!volume) return test::props::outcome(volume);
        const VolumeId vid = (*volume)->id;
        h.settle();
        write_to_volume(h.world, *find_volume(h.world, h.caller, vid),
                        static_cast<std::uint64_t>(1 + s.amount % 8) * kBlockBytes);
        CreateSnapshotRequest r;
        r.volume_id = vid;
        auto snap = create_snapshot(h.world, h.caller, r);
        if (!snap) return test::props::outcome(snap);
        snapshots.push_back((*snap)->id);
        h.settle();
        return "ok";
      }
      case Op::kRegister: {
        const SnapshotId* snap = test::props::nth(snapshots, s.pick);
        if (snap == nullptr) return "none";
        RegisterImageRequest r;
        r.name = "image-" + std::to_string(images.size());
        r.root_device_name = "/dev/xvda";
        r.architecture = "x86_64";
        r.virtualization_type = "hvm";
        EbsBlockDevice ebs;
        ebs.snapshot_id = *snap;
        r.block_device_mappings.push_back(BlockDeviceMapping{"/dev/xvda", ebs, "", false});
        auto id = register_image(h.world, h.caller, r);
        if (id) images.push_back(*id);
        h.settle();
        return test::props::outcome(id);
      }
      case Op::kDeleteSnapshot: {
        const SnapshotId* snap = test::props::nth(snapshots, s.pick);
        if (snap == nullptr) return "none";
        auto live = region().snapshots.find(*snap);
        auto data = live == region().snapshots.end() ? nullptr : live->second.data;
        const Status done = delete_snapshot(h.world, h.caller, *snap);
        if (done && region().bin.snapshots.count(*snap) != 0) binned_data[snap->str()] = data;
        return test::props::outcome(done);
      }
      case Op::kDeregister: {
        const ImageId* image = test::props::nth(images, s.pick);
        if (image == nullptr) return "none";
        auto live = region().images.find(*image);
        const auto mappings = live == region().images.end() ? std::vector<BlockDeviceMapping>{}
                                                            : live->second.mappings;
        std::map<std::string, std::shared_ptr<const VolumeData>> before;
        for (const auto& [id, snap] : region().snapshots) before[id.str()] = snap.data;
        auto done = deregister_image(h.world, h.caller, *image, s.variant % 2 == 1);
        if (done && region().bin.images.count(*image) != 0)
          binned_mappings[image->str()] = mappings;
        // DeleteAssociatedSnapshots may have binned snapshots too.
        for (const auto& [id, binned] : region().bin.snapshots) {
          if (before.count(id.str()) != 0) binned_data[id.str()] = before[id.str()];
        }
        return test::props::outcome(done);
      }
      case Op::kRestoreSnapshot: {
        const SnapshotId* snap = test::props::nth(snapshots, s.pick);
        if (snap == nullptr) return "none";
        const bool was_binned = region().bin.snapshots.count(*snap) != 0;
        auto back = restore_snapshot_from_recycle_bin(h.world, h.caller, *snap, false);
        RC_ASSERT(back.ok() == was_binned);
        if (back) {
          RC_ASSERT((*back)->id == *snap);
          RC_ASSERT((*back)->data == binned_data.at(snap->str()));  // (c)
        }
        return test::props::outcome(back);
      }
      case Op::kRestoreImage: {
        const ImageId* image = test::props::nth(images, s.pick);
        if (image == nullptr) return "none";
        const bool was_binned = region().bin.images.count(*image) != 0;
        const Status back = restore_image_from_recycle_bin(h.world, h.caller, *image, false);
        if (!was_binned) RC_ASSERT(!back.ok());
        if (back) {
          const Image* restored = find_image(h.world, h.caller, *image);
          RC_ASSERT(restored != nullptr);
          const auto& want = binned_mappings.at(image->str());
          RC_ASSERT(restored->mappings.size() == want.size());
          for (std::size_t i = 0; i < want.size(); ++i)
            RC_ASSERT(restored->mappings[i].ebs->snapshot_id == want[i].ebs->snapshot_id);
        }
        return test::props::outcome(back);
      }
      case Op::kAdvance:
        h.advance((1 + s.amount % 72) * kHourMs);
        return "ok";
    }
    return "?";
  }

  void check() {
    const TimeMs now = h.world.now();
    for (const auto& [id, b] : region().bin.images) {
      RC_ASSERT(b.stay.exit > now);                                            // (b)
      RC_ASSERT(find_image(h.world, h.caller, ImageId(id.str())) == nullptr);  // (a)
      RunInstancesRequest r;
      r.image_id = id.str();
      r.instance_type = "t3.micro";
      r.dry_run = true;
      auto launched = run_instances(h.world, h.caller, r);
      RC_ASSERT(!launched.ok());
      RC_ASSERT(std::string(launched.error().name()) == "InvalidAMIID.NotFound");
    }
    for (const auto& [id, b] : region().bin.snapshots) {
      RC_ASSERT(b.stay.exit > now);                  // (b)
      RC_ASSERT(region().snapshots.count(id) == 0);  // (a)
      CreateVolumeRequest v;
      v.zone = ZoneName("us-east-1a");
      v.snapshot_id = SnapshotId(id.str());
      v.dry_run = true;
      auto volume = create_volume(h.world, h.caller, v);
      RC_ASSERT(!volume.ok());
      RC_ASSERT(std::string(volume.error().name()) == "InvalidSnapshot.NotFound");
    }
  }
};

}  // namespace

TEST_CASE("Recycle Bin properties") {
  rc::prop(
      "nothing in the bin is described or launchable; restore gives back the same ID and "
      "data; nothing outstays its retention",
      [] {
        Driver d;
        test::props::run(d, *test::props::steps<Op>({.op = test::props::any_of<Op>(kOps),
                                                     .picks = 8,
                                                     .amount = rc::gen::inRange(0, 200),
                                                     .variant = rc::gen::inRange(0, 4)}));
      });
}

}  // namespace AMISIM_UNITY_ID
