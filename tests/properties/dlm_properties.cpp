// Data Lifecycle Manager (sim/dlm/dlm.hpp) under random histories of tagged instances, policies
// (count-based AMI policies with random intervals and counts, some copying to eu-west-1),
// disabling, enabling, deleting, untagging, deregistering by hand and time. After every step:
//   (a) a policy never keeps more than its retain count: of each group it manages (one schedule,
//       one source instance, the originals), at most RetainRule.Count AMIs exist;
//   (b) a deleted policy creates nothing more, and a disabled one nothing while disabled: the
//       number of AMIs carrying its policy-ID tag does not grow;
// and the same steps from the same seed give the same world, digest for digest.
#include <rapidcheck/catch.h>

#include <catch2/catch.hpp>
#include <map>
#include <set>

#include "harness.hpp"
#include "sim/dlm/dlm.hpp"
#include "sim/images/images.hpp"
#include "sim/instances/instances.hpp"
#include "steps.hpp"
#include "unity_id.hpp"

namespace AMISIM_UNITY_ID {

using namespace sim;

namespace {

enum class Op : int { kLaunch, kPolicy, kDisable, kEnable, kDelete, kUntag, kDeregister, kAdvance };
constexpr int kOps = 8;

std::string_view op_name(Op op) {
  static constexpr std::string_view kNames[] = {"launch", "policy", "disable",    "enable",
                                                "delete", "untag",  "deregister", "advance"};
  static_assert(std::size(kNames) == kOps);
  return kNames[static_cast<std::size_t>(op)];
}

using Step = test::props::Step<Op>;

constexpr int kIntervals[] = {1, 2, 3, 4, 6, 8, 12, 24};

struct Driver {
  test::Harness h;
  std::vector<InstanceId> instances;
  std::vector<std::string> policies;  // every policy ever made
  std::set<std::string> deleted;
  std::set<std::string> disabled;
  // For a deleted or disabled policy: how many AMIs carried its tag when it stopped.
  std::map<std::string, std::size_t> frozen;

  RegionState& region() { return h.world.region_of(h.caller); }

  std::size_t tagged_images(const std::string& policy) {
    std::size_t n = 0;
    for (const auto& [id, image] : region().images) {
      auto it = image.tags->find("aws:dlm:lifecycle-policy-id");
      n += it != image.tags.end() && it->second == policy;
    }
    return n;
  }

  std::string apply(const Step& s) {
    switch (s.op) {
      case Op::kLaunch: {
        RunInstancesRequest r;
        r.image_id = h.catalogue_image("al2023-x86_64", "us-east-1").str();
        r.instance_type = "t3.micro";
        TagSpecification tags;
        tags.resource_type = "instance";
        tags.tags = {Tag{"purpose", s.variant % 2 == 0 ? "golden" : "other"}};
        r.tag_specifications = {tags};
        auto run = run_instances(h.world, h.caller, r);
        if (run) instances.push_back(run->instances.at(0)->id);
        h.settle();
        return test::props::outcome(run);
      }
      case Op::kPolicy: {
        DlmSchedule sch;
        sch.name = "S";
        sch.create.interval_hours = kIntervals[s.amount % 8];
        sch.create.time = "00:30";
        sch.retain.count = 1 + s.variant % 4;
        if (s.pick % 3 == 0) {
          DlmCrossRegionCopyRule copy;
          copy.target = RegionName("eu-west-1");
          copy.retain = DlmPeriod{1, DlmUnit::kDays};
          sch.cross_region_copies = {copy};
        }
        DlmPolicySpec spec;
        spec.execution_role_arn = "arn:aws:iam::123456789012:role/dlm";
        spec.description = "p";
        spec.enabled = true;
        DlmPolicyDetails d;
        d.target_tags = {Tag{"purpose", "golden"}};
        d.schedules = {sch};
        spec.details = d;
        auto made = create_lifecycle_policy(h.world, h.caller, spec);
        if (made) policies.push_back((*made)->id);
        return test::props::outcome(made);
      }
      case Op::kDisable:
      case Op::kEnable: {
        const std::string* id = test::props::nth(policies, s.pick);
        if (id == nullptr) return "none";
        DlmPolicySpec spec;
        spec.enabled = s.op == Op::kEnable;
        auto done = update_lifecycle_policy(h.world, h.caller, *id, spec);
        if (done && s.op == Op::kDisable) {
          disabled.insert(*id);
          frozen[*id] = tagged_images(*id);
        } else if (done) {
          disabled.erase(*id);
          if (deleted.count(*id) == 0) frozen.erase(*id);
        }
        return test::props::outcome(done);
      }
      case Op::kDelete: {
        const std::string* id = test::props::nth(policies, s.pick);
        if (id == nullptr) return "none";
        auto done = delete_lifecycle_policy(h.world, h.caller, *id);
        RC_ASSERT(done.ok() == (deleted.count(*id) == 0));
        if (done) {
          deleted.insert(*id);
          frozen[*id] = tagged_images(*id);
        }
        return test::props::outcome(done);
      }
      case Op::kUntag: {
        InstanceId* id = test::props::nth(instances, s.pick);
        if (id == nullptr) return "none";
        region().instances.at(*id).tags.erase("purpose");
        return "ok";
      }
      case Op::kDeregister: {
        std::vector<ImageId> managed;
        for (const auto& [id, image] : region().images) {
          if (image.tags->count("aws:dlm:lifecycle-policy-id") != 0 &&
              image.state == ImageState::kAvailable)
            managed.push_back(image.id);
        }
        const ImageId* id = test::props::nth(managed, s.pick);
        if (id == nullptr) return "none";
        return test::props::outcome(deregister_image(h.world, h.caller, *id, true));
      }
      case Op::kAdvance:
        h.advance((1 + s.amount % 48) * kHourMs);
        return "ok";
    }
    return "?";
  }

  void check() {
    for (const auto& [id, p] : region().lifecycle_policies) {
      const int keep = *p.details.schedules.at(0).retain.count;
      std::map<std::string, int> live;  // per source instance
      for (const auto& m : p.managed) {
        if (m.copy_rule >= 0) continue;
        auto it = region().images.find(ImageId(m.resource_id));
        if (it != region().images.end() && it->second.state != ImageState::kDeregistered)
          ++live[m.source_id];
      }
      for (const auto& [source, n] : live) RC_ASSERT(n <= keep);  // (a)
    }
    for (const auto& [id, n] : frozen) RC_ASSERT(tagged_images(id) <= n);  // (b)
  }
};

}  // namespace

TEST_CASE("DLM properties") {
  const auto shape = test::props::Shape<Op>{.op = test::props::any_of<Op>(kOps),
                                            .picks = 6,
                                            .amount = rc::gen::inRange(0, 100),
                                            .variant = rc::gen::inRange(0, 8)};
  rc::prop(
      "a policy never keeps more than its retain count; a deleted or disabled policy creates "
      "nothing",
      [&] {
        Driver d;
        test::props::run(d, *test::props::steps<Op>(shape));
      });
  rc::prop("the same steps give the same world", [&] {
    const auto steps = *test::props::steps<Op>(shape);
    Driver a;
    Driver b;
    for (const auto& s : steps) {
      a.apply(s);
      b.apply(s);
    }
    RC_ASSERT(a.h.world.digest() == b.h.world.digest());
  });
}

}  // namespace AMISIM_UNITY_ID
