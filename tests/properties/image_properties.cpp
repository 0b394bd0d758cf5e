// AMI properties: random sequences of sharing, publishing, disabling, enabling, deregistering and
// snapshot deletions over account A's images, checked after every step against a tiny reference
// model (CONVENTIONS.md, Habits 12):
//   - an image is visible (DescribeImages) and launchable only to accounts with permission;
//   - deregistering never deletes snapshots unless asked, and then only those no other image uses;
//   - a snapshot an image uses cannot be deleted (InvalidSnapshot.InUse) until it is deregistered.
#include <rapidcheck/catch.h>

#include <algorithm>
#include <array>
#include <catch2/catch.hpp>
#include <set>

#include "harness.hpp"
#include "sim/ebs/snapshots.hpp"
#include "sim/ebs/volumes.hpp"
#include "sim/images/images.hpp"
#include "sim/instances/instances.hpp"
#include "steps.hpp"
#include "unity_id.hpp"

namespace AMISIM_UNITY_ID {

using namespace sim;

namespace {

enum class Op : std::uint8_t {
  kShare,
  kUnshare,
  kPublic,
  kPrivate,
  kDisable,
  kEnable,
  kDeregister,
  kDeregisterDelete,
  kDeleteSnapshot,
  kAdvance,
};
constexpr int kOps = 10;
constexpr int kImages = 3;  // images 0 and 1 share snapshot 0; image 2 uses snapshot 1
constexpr int kSnapshots = 2;

std::string_view op_name(Op op) {
  static constexpr std::string_view kNames[] = {
      "share",      "unshare",           "public",          "private", "disable", "enable",
      "deregister", "deregister-delete", "delete-snapshot", "advance"};
  static_assert(std::size(kNames) == kOps);
  return kNames[static_cast<std::size_t>(op)];
}

// account: the grantee (0 = B, 1 = C); pick: which image (pick % kImages) or snapshot
// (pick % kSnapshots), every pair reachable; amount: minutes to advance.
using Step = test::props::Step<Op>;

int image_of(const Step& s) { return s.pick % kImages; }
int snapshot_of(const Step& s) { return s.pick % kSnapshots; }

rc::Gen<std::vector<Step>> steps() {
  return test::props::steps<Op>({.op = test::props::any_of<Op>(kOps),
                                 .accounts = 2,
                                 .picks = kImages * kSnapshots,
                                 .amount = rc::gen::inRange(1, 120)});
}

const std::array<std::string, 2> kGrantees = {"222222222222", "333333333333"};

enum class State { kAvailable, kDisabled, kDeregistered };

// The reference model: what each image's permissions and state should be.
struct ModelImage {
  std::set<int> accounts;
  bool is_public = false;
  State state = State::kAvailable;
  int snapshot = 0;
};

struct Scene {
  test::Harness h;
  Caller a = h.caller;
  std::array<Caller, 2> grantee = {h.as(kGrantees[0]), h.as(kGrantees[1])};
  std::array<SnapshotId, kSnapshots> snapshots;
  std::array<ImageId, kImages> images;
  std::array<ModelImage, kImages> model;
  std::array<bool, kSnapshots> snapshot_exists = {true, true};

  Scene() {
    for (auto& s : snapshots) s = snapshot_of_new_volume();
    for (int i = 0; i < kImages; ++i) {
      model[i].snapshot = i < 2 ? 0 : 1;
      images[i] = register_over(snapshots[model[i].snapshot], "prop-" + std::to_string(i));
    }
  }

  SnapshotId snapshot_of_new_volume() {
    CreateVolumeRequest v;
    v.zone = ZoneName("us-east-1a");
    v.size_gib = 8;
    const VolumeId volume = create_volume(h.world, a, v).value()->id;
    h.settle();
    CreateSnapshotRequest s;
    s.volume_id = volume;
    const SnapshotId id = create_snapshot(h.world, a, s).value()->id;
    h.settle();
    return id;
  }

  ImageId register_over(const SnapshotId& snap, const std::string& name) {
    RegisterImageRequest r;
    r.name = name;
    r.root_device_name = "/dev/xvda";
    r.architecture = "x86_64";
    r.virtualization_type = "hvm";
    EbsBlockDevice ebs;
    ebs.snapshot_id = snap;
    r.block_device_mappings.push_back(BlockDeviceMapping{"/dev/xvda", ebs, "", false});
    return register_image(h.world, a, r).value();
  }

  bool live_user_of(int snapshot, int except) const {
    for (int i = 0; i < kImages; ++i) {
      if (i != except && model[i].snapshot == snapshot && model[i].state != State::kDeregistered)
        return true;
    }
    return false;
  }
};

Status permission(Scene& s, const ImageId& id, int account, bool add, bool group) {
  ModifyImageAttributeRequest r;
  r.image_id = id;
  r.attribute = "launchPermission";
  auto& lp = r.launch_permission;
  if (group)
    (add ? lp.add_public : lp.remove_public) = true;
  else
    (add ? lp.add_users : lp.remove_users).push_back(AccountId(kGrantees[account]));
  return modify_image_attribute(s.h.world, s.a, r);
}

// Applies one step to the world and to the model; the world's success must match the model's.
void apply_image_step(Scene& s, const Step& step) {
  ModelImage& m = s.model[image_of(step)];
  const ImageId& id = s.images[image_of(step)];
  const bool live = m.state != State::kDeregistered;
  bool ok = false;
  switch (step.op) {
    case Op::kShare:
    case Op::kUnshare:
      ok = permission(s, id, step.account, step.op == Op::kShare, false).ok();
      if (live && step.op == Op::kShare) m.accounts.insert(step.account);
      if (live && step.op == Op::kUnshare) m.accounts.erase(step.account);
      break;
    case Op::kPublic:
    case Op::kPrivate:
      ok = permission(s, id, 0, step.op == Op::kPublic, true).ok();
      if (live) m.is_public = step.op == Op::kPublic;
      break;
    case Op::kDisable:
      ok = disable_image(s.h.world, s.a, id).ok();
      if (live) m = ModelImage{{}, false, State::kDisabled, m.snapshot};
      break;
    case Op::kEnable:
      ok = enable_image(s.h.world, s.a, id).ok();
      if (live) m.state = State::kAvailable;
      break;
    default:
      return;
  }
  RC_ASSERT(ok == live);
}

void apply_deregister(Scene& s, const Step& step) {
  ModelImage& m = s.model[image_of(step)];
  const bool live = m.state != State::kDeregistered;
  const bool remove = step.op == Op::kDeregisterDelete;
  auto result = deregister_image(s.h.world, s.a, s.images[image_of(step)], remove);
  RC_ASSERT(result.ok() == live);
  if (!live) return;
  m.state = State::kDeregistered;
  if (!remove) {
    RC_ASSERT(result->deleted_snapshots.empty());
    return;
  }
  RC_ASSERT(result->deleted_snapshots.size() == 1u);
  const bool deletable =
      s.snapshot_exists[m.snapshot] && !s.live_user_of(m.snapshot, image_of(step));
  RC_ASSERT((result->deleted_snapshots[0].return_code == "success") == deletable);
  if (deletable) s.snapshot_exists[m.snapshot] = false;
}

void apply_delete_snapshot(Scene& s, const Step& step) {
  const Status st = delete_snapshot(s.h.world, s.a, s.snapshots[snapshot_of(step)]);
  if (!s.snapshot_exists[snapshot_of(step)]) {
    RC_ASSERT(!st.ok());
    return;
  }
  const bool in_use = s.live_user_of(snapshot_of(step), -1);
  RC_ASSERT(st.ok() == !in_use);
  if (in_use)
    RC_ASSERT(st.error().is(ErrorCode::kInvalidSnapshotInUse));
  else
    s.snapshot_exists[snapshot_of(step)] = false;
}

void apply_step(Scene& s, const Step& step) {
  switch (step.op) {
    case Op::kDeregister:
    case Op::kDeregisterDelete:
      apply_deregister(s, step);
      return;
    case Op::kDeleteSnapshot:
      apply_delete_snapshot(s, step);
      return;
    case Op::kAdvance:
      s.h.advance(step.amount * kMinuteMs);
      return;
    default:
      apply_image_step(s, step);
      return;
  }
}

bool has_permission(const ModelImage& m, int account) {
  return m.is_public || m.accounts.count(account) != 0;
}

std::set<ImageId> listed_for(Scene& s, const Caller& c) {
  DescribeImagesRequest r;
  r.include_disabled = true;
  r.include_deprecated = true;
  std::set<ImageId> out;
  const auto result = describe_images(s.h.world, c, r);
  RC_ASSERT(result.ok());
  for (const Image* i : result->images) out.insert(i->id);
  return out;
}

// Visibility and launchability match the model's permissions for B and C.
void check_access(Scene& s) {
  for (int g = 0; g < 2; ++g) {
    const std::set<ImageId> listed = listed_for(s, s.grantee[g]);
    for (int i = 0; i < kImages; ++i) {
      const ModelImage& m = s.model[i];
      const bool allowed = has_permission(m, g);
      const bool live = m.state != State::kDeregistered;
      RC_ASSERT(listed.count(s.images[i]) == static_cast<std::size_t>(allowed && live));
      const auto launch = find_launchable_image(s.h.world, s.grantee[g], s.images[i].str());
      RC_ASSERT(launch.ok() == (allowed && m.state == State::kAvailable));
      if (!allowed) RC_ASSERT(!launch.ok());
      DescribeImagesRequest named;
      named.image_ids = {s.images[i]};
      if (!allowed) RC_ASSERT(!describe_images(s.h.world, s.grantee[g], named).ok());
    }
  }
}

// Snapshots exist exactly as the model says, and every live image's snapshot exists.
void check_snapshots(Scene& s) {
  const RegionState& r = s.h.world.region_of(s.a);
  for (int k = 0; k < kSnapshots; ++k)
    RC_ASSERT(r.snapshots.count(s.snapshots[k]) == static_cast<std::size_t>(s.snapshot_exists[k]));
  for (int i = 0; i < kImages; ++i) {
    if (s.model[i].state != State::kDeregistered) RC_ASSERT(s.snapshot_exists[s.model[i].snapshot]);
  }
}

// RunInstances agrees with find_launchable_image (checked once per run: launches are costlier).
void check_run_instances(Scene& s) {
  for (int g = 0; g < 2; ++g) {
    for (int i = 0; i < kImages; ++i) {
      RunInstancesRequest r;
      r.image_id = s.images[i].str();
      r.instance_type = "t3.micro";
      const bool expected = has_permission(s.model[i], g) && s.model[i].state == State::kAvailable;
      RC_ASSERT(run_instances(s.h.world, s.grantee[g], r).ok() == expected);
    }
  }
}

// The scene as props::run drives it: access and snapshots are checked after every step.
struct Driver {
  Scene s;
  void apply(const Step& step) { apply_step(s, step); }
  void check() {
    check_access(s);
    check_snapshots(s);
  }
};

}  // namespace

TEST_CASE("Image permissions, deregistration and snapshot protection follow the reference model") {
  rc::prop("after every step, access and snapshots match the model", [] {
    Driver d;
    check_access(d.s);
    test::props::run(d, *steps());
    check_run_instances(d.s);
  });
}

}  // namespace AMISIM_UNITY_ID
