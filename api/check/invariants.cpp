#include "api/check/invariants.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <map>
#include <set>

#include "sim/billing/billing.hpp"
#include "sim/core/time.hpp"

namespace amisim::check {
namespace {

using sim::Image;
using sim::ImageState;
using sim::World;

constexpr std::string_view kBillUnder = "bill-under:";

bool own(const Image& i) { return i.owner_alias.empty(); }
bool deregistered(const Image& i) { return i.state == ImageState::kDeregistered; }

// The image `id` in `region` of `world`, or null.
const Image* find_image(const World& world, const sim::RegionName& region, std::string_view id) {
  const sim::RegionState* r = world.region(region);
  if (r == nullptr) return nullptr;
  auto it = r->images.find(id);
  return it == r->images.end() ? nullptr : &it->second;
}

// "ami-… (web-3, created 120 days ago)": its age when the workflow began.
std::string image_words(const Image& i, const World& before) {
  const sim::DurationMs age = before.now() > i.creation ? before.now() - i.creation : 0;
  const long long days = age / sim::kDayMs;
  return fmt::format("{} ({}, created {} day{} ago)", i.id.str(), i.name, days,
                     days == 1 ? "" : "s");
}

// Whether an image there and usable before is deregistered or gone after.
bool lost(const Image& before, const World& after) {
  const Image* now = find_image(after, before.region, before.id.str());
  return now == nullptr || deregistered(*now);
}

std::vector<std::string> snapshots_of(const Image& i) {
  std::vector<std::string> out;
  for (const auto& m : i.mappings) {
    if (m.ebs && m.ebs->snapshot_id && !m.ebs->snapshot_id->empty())
      out.push_back(m.ebs->snapshot_id->str());
  }
  return out;
}

// Whether `version` of a template in `region` names an image deregistered or missing in `world`.
bool dangles(const World& world, const sim::RegionName& region,
             const std::optional<std::string>& image) {
  if (!image || image->rfind("ami-", 0) != 0) return false;  // unset, or resolve:ssm:…
  const Image* i = find_image(world, region, *image);
  return i == nullptr || deregistered(*i);
}

std::vector<Violation> dangling_launch_templates(const World& before, const World& after) {
  std::vector<Violation> out;
  for (const auto& [name, region] : after.regions()) {
    const sim::RegionState* was = before.region(name);
    for (const auto& [id, lt] : region.launch_templates) {
      for (const auto& [number, version] : lt.versions) {
        const auto& image = version.data.image_id;
        if (!dangles(after, name, image)) continue;
        // A version that dangled before the workflow ran is not the workflow's doing.
        if (was != nullptr) {
          auto old = was->launch_templates.find(id);
          if (old != was->launch_templates.end()) {
            auto v = old->second.versions.find(number);
            if (v != old->second.versions.end() && v->second.data.image_id == image &&
                dangles(before, name, image))
              continue;
          }
        }
        const Image* i = find_image(after, name, *image);
        out.push_back(
            {"no-dangling-launch-template",
             fmt::format("launch template {} ({}) version {} names {}, which {} in {}", lt.name,
                         lt.id.str(), number, *image,
                         i == nullptr ? "does not exist" : "is deregistered", name.str())});
      }
    }
  }
  return out;
}

std::vector<Violation> orphan_snapshots(const World& before, const World& after) {
  // Snapshots an image not deregistered uses after the run (any owner's: a shared image counts).
  std::set<std::string> used;
  for (const auto& [name, region] : after.regions()) {
    for (const auto& [id, image] : region.images) {
      if (deregistered(image)) continue;
      for (auto& s : snapshots_of(image)) used.insert(std::move(s));
    }
  }
  // Each left snapshot once, named with the first deregistered image found using it.
  std::map<std::string, Violation> left;
  for (const World* w : {&before, &after}) {
    for (const auto& [name, region] : w->regions()) {
      for (const auto& [id, image] : region.images) {
        if (!own(image) || !lost(image, after)) continue;
        // Deregistered before the workflow ran: its snapshots are not the workflow's doing.
        const Image* was = find_image(before, name, id.str());
        if (was != nullptr && deregistered(*was)) continue;
        const sim::RegionState* now = after.region(name);
        for (const auto& snap : snapshots_of(image)) {
          if (used.count(snap) != 0 || left.count(snap) != 0) continue;
          if (now == nullptr || now->snapshots.find(snap) == now->snapshots.end()) continue;
          left.emplace(snap, Violation{"no-orphan-snapshots",
                                       fmt::format("snapshot {} of deregistered image {} is "
                                                   "left in {}, and no image uses it",
                                                   snap, image_words(image, before), name.str())});
        }
      }
    }
  }
  std::vector<Violation> out;
  for (auto& [snap, v] : left) out.push_back(std::move(v));
  return out;
}

bool in_use(sim::InstanceState s) {
  return s == sim::InstanceState::kPending || s == sim::InstanceState::kRunning ||
         s == sim::InstanceState::kStopping || s == sim::InstanceState::kStopped;
}

std::vector<Violation> deregistered_in_use(const World& before, const World& after) {
  std::map<std::string, Violation> found;  // by image: each once
  for (const World* w : {&before, &after}) {
    for (const auto& [name, region] : w->regions()) {
      for (const auto& [id, instance] : region.instances) {
        if (!in_use(instance.state)) continue;
        const Image* was = find_image(before, name, instance.image_id.str());
        if (was == nullptr || !own(*was) || deregistered(*was) || !lost(*was, after)) continue;
        if (found.count(was->id.str()) != 0) continue;
        found.emplace(was->id.str(),
                      Violation{"never-deregisters-in-use",
                                fmt::format("image {} was deregistered while instance {} ({}) "
                                            "was launched from it",
                                            image_words(*was, before), instance.id.str(),
                                            sim::to_string(instance.state))});
      }
    }
  }
  std::vector<Violation> out;
  for (auto& [image, v] : found) out.push_back(std::move(v));
  return out;
}

std::vector<Violation> deleted_protected(const World& before, const World& after) {
  std::vector<Violation> out;
  for (const auto& [name, region] : before.regions()) {
    for (const auto& [id, image] : region.images) {
      if (!own(image) || deregistered(image) || !lost(image, after)) continue;
      std::vector<std::string> why;
      if (image.protection != sim::DeregistrationProtection::kDisabled)
        why.push_back("protected from deregistration");
      if (image.is_public) why.push_back("public");
      if (!image.launch_permissions->empty())
        why.push_back(fmt::format("shared with {} account(s)", image.launch_permissions->size()));
      if (why.empty()) continue;
      out.push_back({"never-deletes-protected",
                     fmt::format("image {}, {}, was deregistered", image_words(image, before),
                                 fmt::join(why, " and "))});
    }
    const sim::RegionState* now = after.region(name);
    for (const auto& [id, snap] : region.snapshots) {
      if (!snap.owner_alias.empty()) continue;
      if (now != nullptr && now->snapshots.find(id.str()) != now->snapshots.end()) continue;
      std::vector<std::string> why;
      if (snap.lock) why.push_back("locked");
      if (snap.is_public) why.push_back("public");
      if (!snap.create_volume_permissions.empty())
        why.push_back(
            fmt::format("shared with {} account(s)", snap.create_volume_permissions.size()));
      if (why.empty()) continue;
      out.push_back({"never-deletes-protected", fmt::format("snapshot {}, {}, was deleted",
                                                            id.str(), fmt::join(why, " and "))});
    }
  }
  return out;
}

std::vector<Violation> bill_over(sim::MicroUsd limit, const World& before, const World& after) {
  sim::BillRequest request;
  request.from = before.now();
  request.to = after.now();
  const sim::Bill bill = sim::compute_bill(after, request);
  if (bill.total <= limit) return {};
  return {{"bill-under",
           fmt::format("the bill from {} to {} is ${}, over ${}", sim::format_iso8601(before.now()),
                       sim::format_iso8601(after.now()), sim::format_usd(bill.total),
                       sim::format_usd(limit))}};
}

}  // namespace

const std::vector<std::string>& invariant_names() {
  static const std::vector<std::string> names = {"no-dangling-launch-template",
                                                 "no-orphan-snapshots", "never-deregisters-in-use",
                                                 "never-deletes-protected", "bill-under:USD"};
  return names;
}

std::optional<Invariant> parse_invariant(std::string_view text, std::string* error) {
  if (text.rfind(kBillUnder, 0) == 0) {
    const std::string_view amount = text.substr(kBillUnder.size());
    double usd = 0;
    auto [end, ec] = std::from_chars(amount.data(), amount.data() + amount.size(), usd);
    if (amount.empty() || ec != std::errc() || end != amount.data() + amount.size() ||
        !std::isfinite(usd) || usd < 0 || usd > 1e12) {
      *error =
          fmt::format("invariant '{}': give an amount in US dollars, as in bill-under:25.50", text);
      return std::nullopt;
    }
    return Invariant{"bill-under", static_cast<sim::MicroUsd>(std::llround(usd * 1e6))};
  }
  for (const auto& name : invariant_names()) {
    if (name == text && text.find(':') == std::string_view::npos) return Invariant{name, {}};
  }
  *error = fmt::format("no built-in invariant '{}' (there are: {})", text,
                       fmt::join(invariant_names(), ", "));
  return std::nullopt;
}

std::vector<Violation> violations(const Invariant& invariant, const World& before,
                                  const World& after) {
  if (invariant.name == "no-dangling-launch-template")
    return dangling_launch_templates(before, after);
  if (invariant.name == "no-orphan-snapshots") return orphan_snapshots(before, after);
  if (invariant.name == "never-deregisters-in-use") return deregistered_in_use(before, after);
  if (invariant.name == "never-deletes-protected") return deleted_protected(before, after);
  if (invariant.name == "bill-under" && invariant.limit)
    return bill_over(*invariant.limit, before, after);
  return {};
}

}  // namespace amisim::check
