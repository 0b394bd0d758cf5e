#include "api/check/shrink.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <utility>

namespace amisim::check {
namespace {

std::string plural(std::size_t n, const char* one, const char* many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

// The plan without the images `drop` marks; versions naming them go, and templates left with none.
WorldPlan without_images(const WorldPlan& plan, const std::vector<bool>& drop) {
  WorldPlan out;
  out.accounts = plan.accounts;
  std::vector<std::size_t> place(plan.images.size(), 0);
  for (std::size_t i = 0; i < plan.images.size(); ++i) {
    if (drop[i]) continue;
    place[i] = out.images.size();
    out.images.push_back(plan.images[i]);
  }
  for (const auto& t : plan.templates) {
    PlannedTemplate kept = t;
    kept.versions.clear();
    for (std::size_t v : t.versions)
      if (!drop[v]) kept.versions.push_back(place[v]);
    if (!kept.versions.empty()) out.templates.push_back(std::move(kept));
  }
  return out;
}

template <class Pred>
WorldPlan without_images_where(const WorldPlan& plan, Pred pred) {
  std::vector<bool> drop(plan.images.size());
  for (std::size_t i = 0; i < plan.images.size(); ++i) drop[i] = pred(plan.images[i], i);
  return without_images(plan, drop);
}

}  // namespace

std::string describe(const WorldPlan& plan) {
  std::set<std::string> regions;
  std::size_t deregistered = 0, marketplace = 0, instances = 0, versions = 0;
  for (const auto& p : plan.images) {
    regions.insert(p.region);
    deregistered += p.deregistered;
    marketplace += p.marketplace;
    instances += static_cast<std::size_t>(p.running + p.stopped);
  }
  for (const auto& t : plan.templates) versions += t.versions.size() + (t.ssm_version ? 1 : 0);
  std::string out = plural(plan.accounts.size(), "account", "accounts");
  out += ", " + plural(std::max<std::size_t>(regions.size(), 1), "Region", "Regions");
  out += ", " + plural(plan.images.size(), "image", "images");
  std::vector<std::string> about;
  if (deregistered > 0) about.push_back(fmt::format("{} deregistered", deregistered));
  if (marketplace > 0) about.push_back(fmt::format("{} from Marketplace", marketplace));
  if (!plan.images.empty())
    about.push_back(fmt::format("{}{} days old", plan.images.size() == 1 ? "" : "the oldest ",
                                plan.images.front().age_days));
  if (!about.empty()) out += fmt::format(" ({})", fmt::join(about, ", "));
  out += ", " + plural(instances, "instance", "instances");
  out += ", " + plural(plan.templates.size(), "launch template", "launch templates");
  std::size_t ssm = 0;
  for (const auto& t : plan.templates) ssm += t.ssm_version;
  if (!plan.templates.empty())
    out += " (" + plural(versions, "version", "versions") +
           (ssm > 0 ? fmt::format(", {} naming an SSM parameter", ssm) : "") + ")";
  return out;
}

std::vector<WorldPlan> shrink_candidates(const WorldPlan& plan) {
  std::vector<WorldPlan> out;
  const std::size_t n = plan.images.size();
  // Fewer accounts, the last first (without the first, the workflow acts as the next).
  for (std::size_t k = plan.accounts.size(); plan.accounts.size() > 1 && k-- > 0;) {
    WorldPlan c = without_images_where(
        plan, [&](const PlannedImage& p, std::size_t) { return p.account == plan.accounts[k]; });
    c.accounts.erase(c.accounts.begin() + static_cast<std::ptrdiff_t>(k));
    std::vector<PlannedTemplate> kept;
    for (auto& t : c.templates)
      if (t.account != plan.accounts[k]) kept.push_back(std::move(t));
    c.templates = std::move(kept);
    out.push_back(std::move(c));
  }
  // Fewer Regions: each account's and Region's resources at once.
  std::set<std::pair<std::string, std::string>> places;
  for (const auto& p : plan.images) places.emplace(p.account, p.region);
  if (places.size() > 1) {
    for (const auto& [account, region] : places) {
      out.push_back(without_images_where(plan, [&](const PlannedImage& p, std::size_t) {
        return p.account == account && p.region == region;
      }));
    }
  }
  // Half the images, then a quarter, ...; then each.
  for (std::size_t chunk = n / 2; chunk >= 2; chunk /= 2) {
    for (std::size_t from = 0; from < n; from += chunk)
      out.push_back(without_images_where(
          plan, [&](const PlannedImage&, std::size_t i) { return i >= from && i < from + chunk; }));
  }
  for (std::size_t k = 0; k < plan.templates.size(); ++k) {
    WorldPlan c = plan;
    c.templates.erase(c.templates.begin() + static_cast<std::ptrdiff_t>(k));
    out.push_back(std::move(c));
  }
  for (std::size_t k = 0; k < n; ++k)
    out.push_back(
        without_images_where(plan, [&](const PlannedImage&, std::size_t i) { return i == k; }));
  for (std::size_t k = 0; k < plan.templates.size(); ++k) {
    for (std::size_t v = 0;
         plan.templates[k].versions.size() > 1 && v < plan.templates[k].versions.size(); ++v) {
      WorldPlan c = plan;
      c.templates[k].versions.erase(c.templates[k].versions.begin() +
                                    static_cast<std::ptrdiff_t>(v));
      out.push_back(std::move(c));
    }
  }
  // Fewer instances, then fewer flags.
  auto each_image = [&](auto change) {
    for (std::size_t k = 0; k < n; ++k) {
      WorldPlan c = plan;
      if (change(c.images[k])) out.push_back(std::move(c));
    }
  };
  each_image([](PlannedImage& p) { return std::exchange(p.running, 0) > 0; });
  each_image([](PlannedImage& p) { return std::exchange(p.stopped, 0) > 0; });
  each_image([](PlannedImage& p) {
    const bool more = p.running > 1 || p.stopped > 1;
    p.running = std::min(p.running, 1);
    p.stopped = std::min(p.stopped, 1);
    return more;
  });
  for (bool PlannedImage::*flag :
       {&PlannedImage::deregistered, &PlannedImage::protected_from_deregistration,
        &PlannedImage::is_public, &PlannedImage::shared, &PlannedImage::disabled,
        &PlannedImage::deprecated, &PlannedImage::marketplace}) {
    each_image([flag](PlannedImage& p) { return std::exchange(p.*flag, false); });
  }
  for (std::size_t k = 0; k < plan.templates.size(); ++k) {
    if (!plan.templates[k].ssm_version) continue;
    WorldPlan c = plan;
    c.templates[k].ssm_version = false;
    out.push_back(std::move(c));
  }
  // Younger images: none at all, half the age, then ever closer to the age it has.
  for (std::size_t k = 0; k < n; ++k) {
    const int age = plan.images[k].age_days;
    std::vector<int> younger;
    if (age > 0) younger.push_back(0);
    for (int step = age / 2; step >= 1; step /= 2)
      if (age - step > 0) younger.push_back(age - step);
    for (int y : younger) {
      WorldPlan c = plan;
      PlannedImage& p = c.images[k];
      p.age_days = y;
      p.deprecated_after_days = std::min(p.deprecated_after_days, y);
      if (p.deprecated_after_days < 1) p.deprecated = false;
      reorder(c);
      out.push_back(std::move(c));
    }
  }
  return out;
}

ShrinkResult shrink(const WorldPlan& plan, unsigned max_tries,
                    const std::function<bool(const WorldPlan&)>& still_fails,
                    const std::function<void(const WorldPlan&, unsigned tries)>& shrunk) {
  ShrinkResult r{plan, 0};
  std::size_t at = 0;
  std::size_t since_progress = 0;  // candidates tried since the plan last shrank
  while (r.tries < max_tries) {
    const std::vector<WorldPlan> list = shrink_candidates(r.plan);
    if (list.empty() || since_progress >= list.size()) break;
    if (at >= list.size()) at = 0;
    ++r.tries;
    ++since_progress;
    if (!still_fails(list[at])) {
      ++at;
      continue;
    }
    r.plan = list[at];
    since_progress = 0;
    if (shrunk) shrunk(r.plan, r.tries);
  }
  return r;
}

}  // namespace amisim::check
