// Properties of what still uses an image, lineage and block public access for AMIs (issue 17):
//  - an image with references is reported by DescribeImageReferences, and nothing else is
//    (random launches, stops, terminations, launch-template versions, against a reference model
//    of which instance and which version names which image);
//  - lineage never forms a cycle (random CreateImage and CopyImage chains across Regions:
//    GetImageAncestry ends, lists each image once, each entry's source is the next entry);
//  - public sharing never appears while block public access is in effect (random enable,
//    disable, advance and make-public/private calls, against a reference model of the setting
//    and its 10-minute delay).
#include <rapidcheck/catch.h>

#include <catch2/catch.hpp>
#include <map>
#include <set>

#include "harness.hpp"
#include "sim/copies/copies.hpp"
#include "sim/images/block_public_access.hpp"
#include "sim/images/images.hpp"
#include "sim/images/usage.hpp"
#include "sim/instances/instances.hpp"
#include "sim/instances/launch_templates.hpp"
#include "steps.hpp"
#include "unity_id.hpp"

namespace AMISIM_UNITY_ID {

using namespace sim;
namespace props = test::props;

namespace {

const std::vector<std::string> kFamilies = {"al2023-x86_64", "ubuntu-24.04-x86_64",
                                            "debian-12-x86_64"};

// --- references ------------------------------------------------------------------------------

enum class RefOp { kLaunch, kStop, kTerminate, kCreateVersion, kAdvance };

std::string_view op_name(RefOp op) {
  static constexpr std::string_view kNames[] = {"launch", "stop", "terminate", "create-version",
                                                "advance"};
  return kNames[static_cast<std::size_t>(op)];
}

struct RefDriver {
  test::Harness h{11};
  // Reference: each launched instance's image, each template's versions' images in order.
  std::map<std::string, ImageId> launched;
  std::map<std::string, std::vector<ImageId>> templates;  // template ID -> image of v1, v2, ...

  ImageId image(int pick) const { return h.catalogue_image(props::cycle(kFamilies, pick)); }

  std::string launch(const props::Step<RefOp>& s) {
    RunInstancesRequest r;
    r.image_id = image(s.pick).str();
    r.instance_type = "t3.micro";
    r.max_count = 1 + s.variant % 2;
    auto out = run_instances(h.world, h.caller, r);
    if (!out) return props::outcome(out);
    for (const Instance* i : out->instances) launched[i->id.str()] = i->image_id;
    return "ok";
  }

  std::string create_version(const props::Step<RefOp>& s) {
    const ImageId img = image(s.pick);
    if (templates.empty() || s.variant % 4 == 0) {
      CreateLaunchTemplateRequest r;
      r.name = "lt-" + std::to_string(templates.size());
      r.data.image_id = img.str();
      auto lt = create_launch_template(h.world, h.caller, r);
      if (!lt) return props::outcome(lt);
      templates[(*lt)->id.str()] = {img};
      return "ok";
    }
    auto it = templates.begin();
    std::advance(it, static_cast<long>(s.variant) % static_cast<long>(templates.size()));
    CreateLaunchTemplateVersionRequest r;
    r.ref.id = it->first;
    r.data.image_id = img.str();
    auto v = create_launch_template_version(h.world, h.caller, r);
    if (!v) return props::outcome(v);
    it->second.push_back(img);
    return "ok";
  }

  std::string change_state(const props::Step<RefOp>& s, bool terminate) {
    if (launched.empty()) return "none";
    auto it = launched.begin();
    std::advance(it, static_cast<long>(s.pick) % static_cast<long>(launched.size()));
    const std::vector<std::string> ids = {it->first};
    if (terminate) return props::outcome(terminate_instances(h.world, h.caller, ids));
    return props::outcome(stop_instances(h.world, h.caller, ids));
  }

  std::string apply(const props::Step<RefOp>& s) {
    switch (s.op) {
      case RefOp::kLaunch:
        return launch(s);
      case RefOp::kStop:
        return change_state(s, false);
      case RefOp::kTerminate:
        return change_state(s, true);
      case RefOp::kCreateVersion:
        return create_version(s);
      case RefOp::kAdvance:
        h.advance((1 + s.amount) * 10 * kMinuteMs);  // up to 2 h: terminated instances go
        return "ok";
    }
    return "?";
  }

  // Expected (image, ARN) pairs for `states` and `depth`, from the reference; an instance the
  // world has purged references nothing.
  std::set<std::pair<std::string, std::string>> expected(const std::set<InstanceState>& states,
                                                         long depth) const {
    std::set<std::pair<std::string, std::string>> out;
    for (const auto& [id, img] : launched) {
      const Instance* i = find_instance(h.world, h.caller, InstanceId(id));
      if (i != nullptr && states.count(i->state))
        out.insert({img.str(), instance_arn(h.caller.region, h.caller.account, id)});
    }
    for (const auto& [lt, versions] : templates) {
      const long n = static_cast<long>(versions.size());
      for (long v = std::max(0L, n - depth); v < n; ++v)
        out.insert({versions[static_cast<std::size_t>(v)].str(),
                    launch_template_arn(h.caller.region, h.caller.account, lt)});
    }
    return out;
  }

  void check(int state_mask, long depth) const {
    std::set<InstanceState> states;
    std::vector<std::string> names;
    for (std::size_t k = 0; k < kAllInstanceStates.size(); ++k) {
      if (state_mask & (1 << k)) {
        states.insert(kAllInstanceStates[k]);
        names.emplace_back(to_string(kAllInstanceStates[k]));
      }
    }
    if (names.empty()) return;
    DescribeImageReferencesRequest r;
    for (const auto& f : kFamilies) r.image_ids.push_back(h.catalogue_image(f).str());
    r.resource_types = {{"ec2:Instance", {{"state-name", names}}},
                        {"ec2:LaunchTemplate", {{"version-depth", {std::to_string(depth)}}}}};
    auto out = describe_image_references(h.world, h.caller, r);
    RC_ASSERT(out.ok());
    std::set<std::pair<std::string, std::string>> got;
    for (const auto& ref : out->references) got.insert({ref.image_id.str(), ref.arn});
    RC_ASSERT(got.size() == out->references.size());  // no duplicates
    RC_ASSERT(got == expected(states, depth));
  }
};

// --- lineage ---------------------------------------------------------------------------------

enum class LineOp { kLaunch, kCreateImage, kCopyImage, kDeregister, kAdvance };

std::string_view op_name(LineOp op) {
  static constexpr std::string_view kNames[] = {"launch", "create-image", "copy-image",
                                                "deregister", "advance"};
  return kNames[static_cast<std::size_t>(op)];
}

const std::vector<std::string> kLineRegions = {"us-east-1", "eu-west-1", "eu-north-1"};

struct LineDriver {
  test::Harness h{13};
  int names = 0;

  Caller in(int region) const { return props::caller(0, region, kLineRegions); }

  // The pick-th available image the caller may launch in `c`'s Region: its own or al2023.
  std::optional<ImageId> available(const Caller& c, int pick) const {
    std::vector<ImageId> ids = {h.catalogue_image("al2023-x86_64", c.region.str())};
    for (const auto& [id, image] : h.world.region_of(c).images) {
      if (image.owner == c.account && image.state == ImageState::kAvailable) ids.push_back(id);
    }
    return props::cycle(ids, pick);
  }

  std::string apply(const props::Step<LineOp>& s) {
    const Caller c = in(s.region);
    RegionState& region = h.world.region_of(c);
    switch (s.op) {
      case LineOp::kLaunch: {
        RunInstancesRequest r;
        r.image_id = available(c, s.pick)->str();
        r.instance_type = "t3.micro";
        return props::outcome(run_instances(h.world, c, r));
      }
      case LineOp::kCreateImage: {
        const Instance* i = props::nth_where(region.instances, s.pick, [&](const Instance& x) {
          return x.owner == c.account &&
                 (x.state == InstanceState::kRunning || x.state == InstanceState::kStopped);
        });
        if (i == nullptr) return "none";
        CreateImageRequest r;
        r.instance_id = i->id;
        r.name = "img-" + std::to_string(names++);
        r.no_reboot = true;
        return props::outcome(create_image(h.world, c, r));
      }
      case LineOp::kCopyImage: {
        const Caller from = in(s.variant);
        CopyImageRequest r;
        r.source_region = from.region;
        r.source_image_id = *available(from, s.pick);
        r.name = "copy-" + std::to_string(names++);
        return props::outcome(copy_image(h.world, c, r));
      }
      case LineOp::kDeregister: {
        const Image* image = props::nth_where(region.images, s.pick, [&](const Image& x) {
          return x.owner == c.account && x.state == ImageState::kAvailable;
        });
        if (image == nullptr) return "none";
        return props::outcome(deregister_image(h.world, c, image->id));
      }
      case LineOp::kAdvance:
        h.advance((1 + s.amount) * 5 * kMinuteMs);
        return "ok";
    }
    return "?";
  }

  void check() const {
    for (const auto& name : kLineRegions) {
      const Caller c{AccountId(props::kAccounts[0]), RegionName(name)};
      for (const auto& [id, image] : h.world.region_of(c).images) {
        if (image.owner != c.account || is_purged(image, h.world.now())) continue;
        auto chain = get_image_ancestry(h.world, c, id);
        RC_ASSERT(chain.ok());
        RC_ASSERT(!chain->empty());
        RC_ASSERT(chain->size() <= kMaxAncestryEntries);
        RC_ASSERT((*chain)[0].image_id == id);
        std::set<std::string> seen;
        for (std::size_t k = 0; k < chain->size(); ++k) {
          const ImageAncestryEntry& e = (*chain)[k];
          RC_ASSERT(seen.insert(e.image_id.str()).second);  // each image once
          if (k + 1 < chain->size()) {
            RC_ASSERT(e.source_image_id == (*chain)[k + 1].image_id);
            RC_ASSERT(e.creation >= (*chain)[k + 1].creation);  // sources are older
          }
        }
      }
    }
  }
};

// --- block public access ----------------------------------------------------------------------

enum class BpaOp { kEnable, kDisable, kAdvance, kMakePublic, kMakePrivate, kNewImage };

std::string_view op_name(BpaOp op) {
  static constexpr std::string_view kNames[] = {"enable",      "disable",      "advance",
                                                "make-public", "make-private", "new-image"};
  return kNames[static_cast<std::size_t>(op)];
}

struct BpaDriver {
  test::Harness h{17};
  // Reference of the setting: in effect, and a change pending until `at`.
  bool blocked = false;
  std::optional<bool> pending;
  TimeMs at = 0;
  int names = 0;

  void settle_reference() {
    if (pending && h.world.now() >= at) {
      blocked = *pending;
      pending.reset();
    }
  }

  void request(bool to) {
    if (pending) {
      if (*pending == to) return;
      pending.reset();
      if (blocked == to) return;
    } else if (blocked == to) {
      return;
    }
    pending = to;
    at = h.world.now() + 10 * kMinuteMs;
  }

  std::set<ImageId> public_images() const {
    std::set<ImageId> out;
    for (const auto& [id, image] : h.world.region_of(h.caller).images) {
      if (image.owner == h.caller.account && image.is_public) out.insert(id);
    }
    return out;
  }

  std::string modify(const props::Step<BpaOp>& s, bool make_public) {
    const Image* image =
        props::nth_where(h.world.region_of(h.caller).images, s.pick,
                         [&](const Image& x) { return x.owner == h.caller.account; });
    if (image == nullptr) return "none";
    ModifyImageAttributeRequest r;
    r.image_id = image->id;
    (make_public ? r.launch_permission.add_public : r.launch_permission.remove_public) = true;
    const bool was_public = image->is_public;
    const ImageId id = image->id;
    Status out = modify_image_attribute(h.world, h.caller, r);
    if (make_public && blocked) {
      RC_ASSERT(!out.ok());
      RC_ASSERT(out.error().is(ErrorCode::kOperationNotPermitted));
      RC_ASSERT(h.world.region_of(h.caller).images.at(id).is_public == was_public);
    }
    return props::outcome(out);
  }

  // An image of the caller's from a new instance; waiting for it moves the clock, which may end
  // the setting's delay.
  std::string new_image() {
    RunInstancesRequest run;
    run.image_id = h.catalogue_image("al2023-x86_64").str();
    run.instance_type = "t3.micro";
    auto launched = run_instances(h.world, h.caller, run);
    if (!launched) return props::outcome(launched);
    const InstanceId instance = launched->instances.at(0)->id;
    h.settle();
    CreateImageRequest r;
    r.instance_id = instance;
    r.name = "img-" + std::to_string(names++);
    r.no_reboot = true;
    auto made = create_image(h.world, h.caller, r);
    h.settle();
    settle_reference();
    return props::outcome(made);
  }

  std::string apply(const props::Step<BpaOp>& s) {
    switch (s.op) {
      case BpaOp::kEnable:
        request(true);
        return props::outcome(
            enable_image_block_public_access(h.world, h.caller, kBlockNewSharing));
      case BpaOp::kDisable:
        request(false);
        return props::outcome(disable_image_block_public_access(h.world, h.caller));
      case BpaOp::kAdvance:
        h.advance((1 + s.amount) * kMinuteMs);  // 1-15 minutes: across the delay or not
        settle_reference();
        return "ok";
      case BpaOp::kMakePublic:
        return modify(s, true);
      case BpaOp::kMakePrivate:
        return modify(s, false);
      case BpaOp::kNewImage:
        return new_image();
    }
    return "?";
  }
};

}  // namespace

TEST_CASE("Image usage properties", "[property][image-usage]") {
  rc::prop("an image with references is reported by DescribeImageReferences, and nothing else", [] {
    RefDriver d;
    const auto steps = *props::steps<RefOp>({.op = props::any_of<RefOp>(5),
                                             .picks = 8,
                                             .amount = rc::gen::inRange(0, 12),
                                             .variant = rc::gen::inRange(0, 8)});
    const int mask = *rc::gen::inRange(1, 64);
    const long depth = *rc::gen::inRange(1, 5);
    for (const auto& s : steps) {
      RC_LOG() << rc::toString(s) << " -> " << d.apply(s) << "\n";
      d.check(mask, depth);
      d.check(63, kDefaultVersionDepth);
    }
  });

  rc::prop("lineage never forms a cycle", [] {
    LineDriver d;
    props::run(d, *props::steps<LineOp>({.op = props::any_of<LineOp>(5),
                                         .regions = 3,
                                         .picks = 8,
                                         .amount = rc::gen::inRange(0, 12),
                                         .variant = rc::gen::inRange(0, 3)}));
  });

  rc::prop("public image sharing never appears while block public access is in effect", [] {
    BpaDriver d;
    const auto steps = *props::steps<BpaOp>(
        {.op = props::any_of<BpaOp>(6), .picks = 8, .amount = rc::gen::inRange(0, 15)});
    for (const auto& s : steps) {
      const std::set<ImageId> before = d.public_images();
      const bool blocked_before = d.blocked;
      RC_LOG() << rc::toString(s) << " -> " << d.apply(s) << "\n";
      // The model's setting is the reference's, and while the block holds no image turns public.
      RC_ASSERT(image_public_sharing_blocked(d.h.world, d.h.caller.account, d.h.caller.region) ==
                d.blocked);
      if (blocked_before && d.blocked) {
        for (const ImageId& id : d.public_images()) RC_ASSERT(before.count(id) == 1);
      }
    }
  });
}

}  // namespace AMISIM_UNITY_ID
