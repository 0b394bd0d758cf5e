#include "lib/plan.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <utility>

#include "sim/core/ids.hpp"

namespace amisim::lib {
namespace {

constexpr int kMaxAgeDays = 3650;
constexpr int kMaxInstancesPerImage = 10;

std::optional<std::string> accounts_error(const WorldPlan& plan) {
  if (plan.accounts.empty()) return "accounts must name at least one account";
  std::set<std::string> seen;
  for (std::size_t i = 0; i < plan.accounts.size(); ++i) {
    if (!sim::is_account_id(plan.accounts[i]))
      return fmt::format("accounts[{}] (\"{}\") is not a 12-digit account ID", i, plan.accounts[i]);
    if (!seen.insert(plan.accounts[i]).second)
      return fmt::format("accounts[{}] ({}) is named twice", i, plan.accounts[i]);
  }
  return std::nullopt;
}

// Where an image or template lives: its account must be the plan's, its Region one every account
// has (a plan's accounts are new: an opt-in Region would refuse their calls).
std::optional<std::string> place_error(const WorldPlan& plan, const sim::Fixtures& fixtures,
                                       const std::string& what, const std::string& account,
                                       const std::string& region) {
  if (std::find(plan.accounts.begin(), plan.accounts.end(), account) == plan.accounts.end())
    return fmt::format("{}.account ({}) is not one of the plan's accounts", what, account);
  const sim::RegionInfo* known = fixtures.find_region(sim::RegionName(region));
  if (known == nullptr)
    return fmt::format("{}.region (\"{}\") is not a Region amisim knows", what, region);
  if (known->opt_in_required())
    return fmt::format("{}.region ({}) is an opt-in Region a new account has not enabled", what,
                       region);
  return std::nullopt;
}

std::optional<std::string> image_error(const WorldPlan& plan, std::size_t i) {
  const PlannedImage& p = plan.images[i];
  const std::string what = fmt::format("images[{}]", i);
  if (p.age_days < 0 || p.age_days > kMaxAgeDays)
    return fmt::format("{}.age_days ({}) must be from 0 to {}", what, p.age_days, kMaxAgeDays);
  if (p.deprecated && (p.deprecated_after_days < 1 || p.deprecated_after_days > p.age_days))
    return fmt::format("{}.deprecated_after_days ({}) must be from 1 to age_days ({})", what,
                       p.deprecated_after_days, p.age_days);
  if (p.deregistered && p.protected_from_deregistration)
    return what + " is both deregistered and protected from deregistration";
  if (p.deregistered && p.disabled) return what + " is both deregistered and disabled";
  if (p.disabled && p.is_public) return what + " is both disabled and public";
  // An image with a product code cannot be public (fact sheet §3.8; sim/images/attributes.cpp).
  if (p.marketplace && p.is_public) return what + " is both from the Marketplace and public";
  if (p.running < 0 || p.stopped < 0 || p.running + p.stopped > kMaxInstancesPerImage)
    return fmt::format(
        "{}: running ({}) and stopped ({}) must be at least 0 and add up to at most {}", what,
        p.running, p.stopped, kMaxInstancesPerImage);
  if (p.deregistered && p.running + p.stopped > 0)
    return what + " is deregistered but has instances";
  return std::nullopt;
}

std::optional<std::string> template_error(const WorldPlan& plan, std::size_t t) {
  const PlannedTemplate& lt = plan.templates[t];
  const std::string what = fmt::format("templates[{}]", t);
  if (lt.versions.empty()) return what + ".versions must name at least one image";
  for (std::size_t v = 0; v < lt.versions.size(); ++v) {
    const std::size_t i = lt.versions[v];
    if (i >= plan.images.size())
      return fmt::format("{}.versions[{}] ({}) is not an index of images (there are {})", what, v,
                         i, plan.images.size());
    if (plan.images[i].account != lt.account || plan.images[i].region != lt.region)
      return fmt::format("{}.versions[{}] names images[{}], of another account or Region", what, v,
                         i);
  }
  return std::nullopt;
}

// Two of `count` things named alike in one account and Region: the message for the second.
template <class NameOf, class PlaceOf>
std::optional<std::string> duplicate_name(std::size_t count, const char* what, NameOf name_of,
                                          PlaceOf place_of) {
  std::set<std::pair<std::string, std::string>> seen;
  for (std::size_t i = 0; i < count; ++i) {
    if (!seen.emplace(place_of(i), name_of(i)).second)
      return fmt::format("{}[{}]'s name \"{}\" is another's of its account and Region", what, i,
                         name_of(i));
  }
  return std::nullopt;
}

}  // namespace

std::string image_name(const WorldPlan& plan, std::size_t index) {
  const PlannedImage& p = plan.images[index];
  return p.name.empty() ? fmt::format("{}-{}-{}", p.team, p.region, index) : p.name;
}

std::string template_name(const WorldPlan& plan, std::size_t index) {
  const PlannedTemplate& lt = plan.templates[index];
  return lt.name.empty() ? fmt::format("app-{}", index) : lt.name;
}

std::optional<std::string> plan_error(const WorldPlan& plan, const sim::Fixtures& fixtures) {
  if (auto e = accounts_error(plan)) return e;
  for (std::size_t i = 0; i < plan.images.size(); ++i) {
    const PlannedImage& p = plan.images[i];
    if (auto e = place_error(plan, fixtures, fmt::format("images[{}]", i), p.account, p.region))
      return e;
    if (auto e = image_error(plan, i)) return e;
  }
  for (std::size_t t = 0; t < plan.templates.size(); ++t) {
    const PlannedTemplate& lt = plan.templates[t];
    if (auto e =
            place_error(plan, fixtures, fmt::format("templates[{}]", t), lt.account, lt.region))
      return e;
    if (auto e = template_error(plan, t)) return e;
  }
  auto image_place = [&](std::size_t i) { return plan.images[i].account + plan.images[i].region; };
  auto template_place = [&](std::size_t t) {
    return plan.templates[t].account + plan.templates[t].region;
  };
  if (auto e = duplicate_name(
          plan.images.size(), "images", [&](std::size_t i) { return image_name(plan, i); },
          image_place))
    return e;
  return duplicate_name(
      plan.templates.size(), "templates", [&](std::size_t t) { return template_name(plan, t); },
      template_place);
}

check::WorldPlan to_check_plan(const WorldPlan& plan) {
  check::WorldPlan out;
  out.accounts = plan.accounts;
  for (std::size_t i = 0; i < plan.images.size(); ++i) {
    const PlannedImage& p = plan.images[i];
    check::PlannedImage c;
    c.account = p.account;
    c.region = p.region;
    c.name = image_name(plan, i);
    c.age_days = p.age_days;
    c.deprecated = p.deprecated;
    c.deprecated_after_days = p.deprecated ? p.deprecated_after_days : 0;
    c.disabled = p.disabled;
    c.is_public = p.is_public;
    c.shared = p.shared;
    c.protected_from_deregistration = p.protected_from_deregistration;
    c.deregistered = p.deregistered;
    c.marketplace = p.marketplace;
    c.running = p.running;
    c.stopped = p.stopped;
    c.team = p.team;
    out.images.push_back(std::move(c));
  }
  for (std::size_t t = 0; t < plan.templates.size(); ++t) {
    const PlannedTemplate& lt = plan.templates[t];
    check::PlannedTemplate c;
    c.account = lt.account;
    c.region = lt.region;
    c.name = template_name(plan, t);
    c.versions = lt.versions;
    c.ssm_version = lt.ssm_version;
    out.templates.push_back(std::move(c));
  }
  check::reorder(out);
  return out;
}

}  // namespace amisim::lib
