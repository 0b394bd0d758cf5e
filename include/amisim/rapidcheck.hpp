// Random world plans (amisim/world_plan.hpp) for RapidCheck: an Arbitrary, a generator with
// bounds, and a printer, so a property can say "for any estate of images, instances and launch
// templates, my clean-up job never deregisters an image in use" and get the smallest plan that
// breaks it when it does not hold.
//
//   #include <amisim/rapidcheck.hpp>
//   rc::prop("...", [](const amisim::WorldPlan& plan) {
//     amisim::World world;
//     RC_ASSERT(world.build(plan).ok());
//     ... run your code against `world`, check what it left ...
//   });
//
// The plans are built from rc::gen combinators, so RapidCheck shrinks a failing one: fewer
// accounts, fewer and younger images with fewer flags and instances, fewer templates and
// versions. Every plan drawn keeps world_plan.hpp's rules, so World::build accepts it.
//
// Header-only; needs RapidCheck (<rapidcheck.h>; Debian's librapidcheck-dev) besides this library.
#pragma once

#include <rapidcheck.h>

#include <algorithm>
#include <cstddef>
#include <ostream>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "amisim/world_plan.hpp"

namespace amisim {

// How large the drawn plans may be. RapidCheck's size grows over a run, so early cases are small.
struct PlanBounds {
  int max_accounts = 2;  // 1 to 6: 123456789012 first, then 210987654321, 333344445555, ...
  std::vector<std::string> regions = {"us-east-1", "us-west-2"};  // enabled for every account
  int max_images = 8;                                             // in the whole plan
  int max_age_days = 400;
  int max_instances = 2;  // per image, running and stopped together (at most 10)
  int max_templates = 3;  // in the whole plan
  int max_versions = 3;   // per template
};

namespace plan_detail {

inline const std::vector<std::string>& accounts() {
  static const std::vector<std::string> ids = {"123456789012", "210987654321", "333344445555",
                                               "444455556666", "555566667777", "666677778888"};
  return ids;
}

// What becomes of an image, simplest first (RapidCheck shrinks towards it).
enum class Fate { kKept, kProtected, kDisabled, kDeregistered };

inline PlannedImage image_of(const std::tuple<std::string, std::string, int, Fate, bool, int, bool,
                                              bool, bool, int, int, std::string>& drawn,
                             int max_instances) {
  const auto& [account, region, age, fate, deprecated, deprecated_raw, is_public, shared,
               marketplace, running, stopped, team] = drawn;
  PlannedImage p;
  p.account = account;
  p.region = region;
  p.age_days = age;
  p.protected_from_deregistration = fate == Fate::kProtected;
  p.disabled = fate == Fate::kDisabled;
  p.deregistered = fate == Fate::kDeregistered;
  p.deprecated = deprecated && age > 0;
  p.deprecated_after_days = p.deprecated ? 1 + deprecated_raw % age : 0;
  p.marketplace = marketplace;
  p.is_public = is_public && !p.disabled && !p.marketplace;
  p.shared = shared;
  if (!p.deregistered) {
    p.running = std::min(running, max_instances);
    p.stopped = std::min(stopped, max_instances - p.running);
  }
  p.team = team;
  return p;
}

inline rc::Gen<PlannedImage> planned_image(const std::vector<std::string>& accounts,
                                           const PlanBounds& bounds) {
  const int max_instances = std::clamp(bounds.max_instances, 0, 10);
  return rc::gen::map(
      rc::gen::tuple(rc::gen::elementOf(accounts), rc::gen::elementOf(bounds.regions),
                     rc::gen::inRange(0, std::clamp(bounds.max_age_days, 0, 3650) + 1),
                     rc::gen::weightedElement<Fate>({{6, Fate::kKept},
                                                     {1, Fate::kProtected},
                                                     {1, Fate::kDisabled},
                                                     {2, Fate::kDeregistered}}),
                     rc::gen::weightedElement<bool>({{3, false}, {1, true}}),
                     rc::gen::inRange(0, 3650),
                     rc::gen::weightedElement<bool>({{5, false}, {1, true}}),
                     rc::gen::weightedElement<bool>({{3, false}, {1, true}}),
                     rc::gen::weightedElement<bool>({{9, false}, {1, true}}),
                     rc::gen::inRange(0, max_instances + 1), rc::gen::inRange(0, max_instances + 1),
                     rc::gen::elementOf(std::vector<std::string>{"web", "data", "platform"})),
      [max_instances](const auto& drawn) { return image_of(drawn, max_instances); });
}

// One template in the account and Region of images[anchor], its versions naming images there.
inline rc::Gen<PlannedTemplate> planned_template(const std::vector<PlannedImage>& images,
                                                 std::size_t anchor, const PlanBounds& bounds) {
  std::vector<std::size_t> here;
  for (std::size_t i = 0; i < images.size(); ++i) {
    if (images[i].account == images[anchor].account && images[i].region == images[anchor].region)
      here.push_back(i);
  }
  PlannedTemplate shape;
  shape.account = images[anchor].account;
  shape.region = images[anchor].region;
  auto versions =
      rc::gen::mapcat(rc::gen::inRange(1, std::max(1, bounds.max_versions) + 1), [here](int n) {
        return rc::gen::container<std::vector<std::size_t>>(static_cast<std::size_t>(n),
                                                            rc::gen::elementOf(here));
      });
  return rc::gen::map(
      rc::gen::pair(std::move(versions), rc::gen::weightedElement<bool>({{4, false}, {1, true}})),
      [shape](std::pair<std::vector<std::size_t>, bool> drawn) {
        PlannedTemplate t = shape;
        t.versions = std::move(drawn.first);
        t.ssm_version = drawn.second;
        return t;
      });
}

inline rc::Gen<std::vector<PlannedTemplate>> planned_templates(
    const std::vector<PlannedImage>& images, const PlanBounds& bounds) {
  if (images.empty() || bounds.max_templates <= 0)
    return rc::gen::just(std::vector<PlannedTemplate>{});
  auto one = rc::gen::mapcat(
      rc::gen::inRange<std::size_t>(0, images.size()),
      [images, bounds](std::size_t anchor) { return planned_template(images, anchor, bounds); });
  return rc::gen::mapcat(rc::gen::inRange(0, bounds.max_templates + 1), [one](int n) {
    return rc::gen::container<std::vector<PlannedTemplate>>(static_cast<std::size_t>(n), one);
  });
}

}  // namespace plan_detail

// Plans within `bounds`: 1 to max_accounts accounts; up to max_images images, each in one of
// them and one of bounds.regions; up to max_templates templates. max_accounts is held to 1-6,
// max_age_days to 0-3650, max_instances to 0-10; bounds.regions must be non-empty and name
// Regions enabled for every account.
inline rc::Gen<WorldPlan> world_plans(PlanBounds bounds = {}) {
  const int max_accounts = std::clamp(bounds.max_accounts, 1, 6);
  return rc::gen::mapcat(rc::gen::inRange(1, max_accounts + 1), [bounds](int n) {
    const std::vector<std::string> accounts(plan_detail::accounts().begin(),
                                            plan_detail::accounts().begin() + n);
    auto images = rc::gen::mapcat(
        rc::gen::inRange(0, std::max(0, bounds.max_images) + 1), [accounts, bounds](int count) {
          return rc::gen::container<std::vector<PlannedImage>>(
              static_cast<std::size_t>(count), plan_detail::planned_image(accounts, bounds));
        });
    return rc::gen::mapcat(images, [accounts, bounds](const std::vector<PlannedImage>& drawn) {
      return rc::gen::map(plan_detail::planned_templates(drawn, bounds),
                          [accounts, drawn](std::vector<PlannedTemplate> templates) {
                            return WorldPlan{accounts, drawn, std::move(templates)};
                          });
    });
  });
}

// How RapidCheck prints a plan (a counterexample): one line per image and template.
inline void showValue(const WorldPlan& plan, std::ostream& os) {
  os << "WorldPlan: accounts";
  for (const auto& a : plan.accounts) os << ' ' << a;
  for (std::size_t i = 0; i < plan.images.size(); ++i) {
    const PlannedImage& p = plan.images[i];
    os << "\n  images[" << i << "] " << p.account << ' ' << p.region << ' '
       << (p.name.empty() ? "" : p.name + ' ') << "age " << p.age_days << "d, team " << p.team;
    if (p.deprecated) os << ", deprecated after " << p.deprecated_after_days << "d";
    if (p.disabled) os << ", disabled";
    if (p.is_public) os << ", public";
    if (p.shared) os << ", shared";
    if (p.protected_from_deregistration) os << ", protected";
    if (p.marketplace) os << ", marketplace";
    if (p.deregistered) os << ", deregistered";
    if (p.running > 0) os << ", " << p.running << " running";
    if (p.stopped > 0) os << ", " << p.stopped << " stopped";
  }
  for (std::size_t t = 0; t < plan.templates.size(); ++t) {
    const PlannedTemplate& lt = plan.templates[t];
    os << "\n  templates[" << t << "] " << lt.account << ' ' << lt.region << ' '
       << (lt.name.empty() ? "" : lt.name + ' ') << "versions: images";
    for (std::size_t v : lt.versions) os << ' ' << v;
    if (lt.ssm_version) os << ", then an SSM parameter";
  }
}

}  // namespace amisim

namespace rc {

// Any plan within the default PlanBounds (amisim::world_plans for others).
template <>
struct Arbitrary<amisim::WorldPlan> {
  static Gen<amisim::WorldPlan> arbitrary() { return amisim::world_plans(); }
};

}  // namespace rc
