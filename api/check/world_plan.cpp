#include "api/check/world_plan.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

namespace amisim::check {
namespace {

using Json = nlohmann::json;

// SplitMix64: a small generator whose output is the same everywhere.
class Draw {
 public:
  explicit Draw(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  int in(Range r) {
    if (r.max <= r.min) return r.min;
    return r.min + static_cast<int>(next() % static_cast<std::uint64_t>(r.max - r.min + 1));
  }
  bool chance(double p) { return static_cast<double>(next() >> 11) * 0x1.0p-53 < p; }

 private:
  std::uint64_t state_;
};

// The plan's accounts: the default account first, as every client's default credentials name.
constexpr const char* kAccounts[] = {"123456789012", "210987654321", "333344445555",
                                     "444455556666", "555566667777", "666677778888"};
constexpr const char* kOutsider = "999988887777";  // shared with, when the plan has one account
constexpr const char* kTeams[] = {"web", "data", "platform"};

std::string var(const char* kind, std::size_t i) { return fmt::format("{}{}", kind, i); }

Json call(const std::string& action, const std::string& account, const std::string& region,
          Json params) {
  return {
      {"call", action}, {"account", account}, {"region", region}, {"params", std::move(params)}};
}

// Reads doc[name] as {"min", "max"} within [low, high] into *out; false with *error set.
bool read_range(const Json& doc, const char* name, int low, int high, Range* out,
                std::string* error) {
  auto it = doc.find(name);
  if (it == doc.end()) return true;
  auto bound = [&](const char* which, int* value) {
    auto b = it->find(which);
    if (b == it->end()) return true;
    if (!b->is_number_integer() || b->get<long long>() < low || b->get<long long>() > high) {
      *error =
          fmt::format("\"{}\".{} must be a whole number from {} to {}", name, which, low, high);
      return false;
    }
    *value = b->get<int>();
    return true;
  };
  if (!it->is_object()) {
    *error = fmt::format("\"{}\" must be an object {{\"min\": n, \"max\": n}}", name);
    return false;
  }
  for (const auto& [key, value] : it->items()) {
    if (key != "min" && key != "max") {
      *error = fmt::format("\"{}\" has an unknown member \"{}\" (min, max)", name, key);
      return false;
    }
  }
  Range r = *out;
  if (!bound("min", &r.min) || !bound("max", &r.max)) return false;
  // One bound given past the other's default moves that default along with it.
  if (!it->contains("max")) r.max = std::max(r.max, r.min);
  if (!it->contains("min")) r.min = std::min(r.min, r.max);
  if (r.min > r.max) {
    *error = fmt::format("\"{}\": min {} is more than max {}", name, r.min, r.max);
    return false;
  }
  *out = r;
  return true;
}

}  // namespace

std::optional<WorldShape> parse_world_shape(const Json& doc, const sim::Fixtures& fixtures,
                                            std::string* error) {
  if (!doc.is_object()) {
    *error = "a world shape must be a JSON object";
    return std::nullopt;
  }
  static const std::set<std::string> kMembers = {"accounts",  "regions",  "regions_per_account",
                                                 "images",    "age_days", "instances",
                                                 "templates", "versions", "weights"};
  for (const auto& [key, value] : doc.items()) {
    if (kMembers.count(key) == 0) {
      *error = fmt::format("unknown member \"{}\" (there are: {})", key, fmt::join(kMembers, ", "));
      return std::nullopt;
    }
  }
  WorldShape shape;
  if (auto it = doc.find("regions"); it != doc.end()) {
    if (!it->is_array() || it->empty()) {
      *error = "\"regions\" must be a non-empty list of Region names";
      return std::nullopt;
    }
    shape.regions.clear();
    for (const auto& r : *it) {
      const sim::RegionInfo* known =
          r.is_string() ? fixtures.find_region(sim::RegionName(r.get<std::string>())) : nullptr;
      if (known == nullptr) {
        *error = fmt::format("\"regions\" names {}, which is not a Region amisim knows", r.dump());
        return std::nullopt;
      }
      // [?] A random world's accounts are new: an opt-in Region would refuse their calls
      // (OptInRequired), so the shape may name only Regions enabled by default.
      if (known->opt_in_required()) {
        *error = fmt::format("\"regions\" names {}, an opt-in Region a new account has not enabled",
                             r.dump());
        return std::nullopt;
      }
      if (std::find(shape.regions.begin(), shape.regions.end(), r.get<std::string>()) !=
          shape.regions.end()) {
        *error = fmt::format("\"regions\" names {} twice", r.dump());
        return std::nullopt;
      }
      shape.regions.push_back(r.get<std::string>());
    }
  }
  const int regions = static_cast<int>(shape.regions.size());
  if (!read_range(doc, "accounts", 1, 6, &shape.accounts, error) ||
      !read_range(doc, "regions_per_account", 1, regions, &shape.regions_per_account, error) ||
      !read_range(doc, "images", 0, 50, &shape.images, error) ||
      !read_range(doc, "age_days", 0, 3650, &shape.age_days, error) ||
      !read_range(doc, "instances", 0, 10, &shape.instances, error) ||
      !read_range(doc, "templates", 0, 10, &shape.templates, error) ||
      !read_range(doc, "versions", 1, 10, &shape.versions, error))
    return std::nullopt;
  shape.regions_per_account.max = std::min(shape.regions_per_account.max, regions);
  shape.regions_per_account.min = std::min(shape.regions_per_account.min, regions);
  if (auto it = doc.find("weights"); it != doc.end()) {
    const std::map<std::string, double*> weights = {
        {"deprecated", &shape.deprecated},
        {"disabled", &shape.disabled},
        {"public", &shape.is_public},
        {"shared", &shape.shared},
        {"protected", &shape.protected_from_deregistration},
        {"deregistered", &shape.deregistered},
        {"stopped", &shape.stopped},
        {"marketplace", &shape.marketplace},
        {"ssm", &shape.ssm}};
    if (!it->is_object()) {
      *error = "\"weights\" must be an object of shares from 0 to 1";
      return std::nullopt;
    }
    for (const auto& [key, value] : it->items()) {
      auto w = weights.find(key);
      if (w == weights.end()) {
        *error = fmt::format("\"weights\" has an unknown member \"{}\"", key);
        return std::nullopt;
      }
      if (!value.is_number() || value.get<double>() < 0 || value.get<double>() > 1) {
        *error = fmt::format("\"weights\".{} must be a share from 0 to 1", key);
        return std::nullopt;
      }
      *w->second = value.get<double>();
    }
  }
  return shape;
}

WorldPlan random_plan(const WorldShape& shape, std::uint64_t seed) {
  Draw draw(seed);
  // Marketplace images and SSM versions come from a generator of their own, so that they leave
  // the rest of a seed's world as it was before they existed.
  Draw extra(seed ^ 0xA5F1523B8C7D9E01ULL);
  WorldPlan plan;
  const int accounts =
      std::clamp(draw.in(shape.accounts), 1, static_cast<int>(std::size(kAccounts)));
  for (int a = 0; a < accounts; ++a) plan.accounts.push_back(kAccounts[a]);
  for (const auto& account : plan.accounts) {
    std::vector<std::string> regions = shape.regions;
    const int wanted =
        std::clamp(draw.in(shape.regions_per_account), 1, static_cast<int>(regions.size()));
    // A draw without replacement, in the shape's order.
    while (static_cast<int>(regions.size()) > wanted)
      regions.erase(regions.begin() + static_cast<std::ptrdiff_t>(draw.next() % regions.size()));
    for (const auto& region : regions) {
      const std::size_t first = plan.images.size();
      const int images = draw.in(shape.images);
      for (int i = 0; i < images; ++i) {
        PlannedImage p;
        p.account = account;
        p.region = region;
        p.age_days = draw.in(shape.age_days);
        p.team = kTeams[draw.next() % std::size(kTeams)];
        p.deregistered = draw.chance(shape.deregistered);
        p.protected_from_deregistration =
            !p.deregistered && draw.chance(shape.protected_from_deregistration);
        p.disabled = !p.deregistered && draw.chance(shape.disabled);
        p.deprecated = p.age_days > 0 && draw.chance(shape.deprecated);
        if (p.deprecated) p.deprecated_after_days = draw.in({1, p.age_days});
        p.is_public = !p.disabled && draw.chance(shape.is_public);
        p.shared = draw.chance(shape.shared);
        p.marketplace = extra.chance(shape.marketplace) && !p.is_public;
        if (!p.deregistered) {
          for (int n = draw.in(shape.instances); n > 0; --n)
            (draw.chance(shape.stopped) ? p.stopped : p.running)++;
        }
        plan.images.push_back(std::move(p));
      }
      const std::size_t made = plan.images.size() - first;
      if (made == 0) continue;
      for (int t = draw.in(shape.templates); t > 0; --t) {
        PlannedTemplate lt;
        lt.account = account;
        lt.region = region;
        lt.name = fmt::format("app-{}", plan.templates.size());
        for (int v = std::max(1, draw.in(shape.versions)); v > 0; --v)
          lt.versions.push_back(first + draw.next() % made);
        lt.ssm_version = extra.chance(shape.ssm);
        plan.templates.push_back(std::move(lt));
      }
    }
  }
  reorder(plan);  // oldest first, as the steps make them
  for (std::size_t k = 0; k < plan.images.size(); ++k)
    plan.images[k].name = fmt::format("{}-{}-{}", plan.images[k].team, plan.images[k].region, k);
  return plan;
}

void reorder(WorldPlan& plan) {
  std::vector<std::size_t> order(plan.images.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return plan.images[a].age_days > plan.images[b].age_days;
  });
  std::vector<PlannedImage> sorted;
  std::vector<std::size_t> place(order.size());
  for (std::size_t k = 0; k < order.size(); ++k) {
    place[order[k]] = k;
    sorted.push_back(plan.images[order[k]]);
  }
  plan.images = std::move(sorted);
  for (auto& t : plan.templates)
    for (auto& v : t.versions) v = place[v];
}

Json plan_steps(const WorldPlan& plan, const sim::Fixtures& fixtures, sim::TimeMs start) {
  Json steps = Json::array();
  std::map<std::string, std::string> base;  // Region -> the catalogue image builders start from
  std::map<std::string, std::string> ssm;   // Region -> that image's public SSM parameter
  for (const auto& c : fixtures.images) {
    if (c.family != "al2023-x86_64") continue;
    base.emplace(c.region.str(), c.id.str());
    if (!c.public_ssm_parameter.empty()) ssm.emplace(c.region.str(), c.public_ssm_parameter);
  }
  // Region -> the first Marketplace product offered there on t3.micro, for Marketplace images.
  std::map<std::string, const sim::MarketplaceProduct*> product;
  for (const auto& m : fixtures.marketplace) {
    if (!m.supports("t3.micro")) continue;
    for (const auto& [region, id] : m.images) product.emplace(region.str(), &m);
  }
  std::set<std::pair<std::string, std::string>> subscribed;  // (account, product code)
  const int oldest = plan.images.empty() ? 0 : plan.images.front().age_days;
  std::set<std::pair<std::string, std::string>> public_allowed;
  int day = 0;  // days since start
  for (std::size_t i = 0; i < plan.images.size(); ++i) {
    const PlannedImage& p = plan.images[i];
    const int at = oldest - p.age_days;
    if (at > day) steps.push_back({{"advance", fmt::format("{}d", at - day)}});
    day = at;
    auto in = [&](const std::string& action, Json params) {
      steps.push_back(call(action, p.account, p.region, std::move(params)));
      return &steps.back();
    };
    const std::string builder = var("builder", i), image = var("image", i);
    std::string from = base.at(p.region);
    if (auto m = product.find(p.region); p.marketplace && m != product.end()) {
      from = m->second->images.at(sim::RegionName(p.region)).str();
      if (subscribed.emplace(p.account, m->second->code).second)
        steps.push_back({{"subscribe", m->second->code}, {"account", p.account}});
    }
    (*in("RunInstances", {{"ImageId", from},
                          {"InstanceType", "t3.micro"},
                          {"MinCount", 1},
                          {"MaxCount", 1}}))["save"] = {{builder, "Instances[0].InstanceId"}};
    (*in("CreateImage", {{"InstanceId", "${" + builder + "}"},
                         {"Name", p.name},
                         {"TagSpecifications",
                          {{{"ResourceType", "image"},
                            {"Tags", {{{"Key", "team"}, {"Value", p.team}}}}}}}}))["save"] = {
        {image, "ImageId"}};
    in("TerminateInstances", {{"InstanceIds", {"${" + builder + "}"}}});
    const std::string ref = "${" + image + "}";
    if (p.deprecated) {
      const sim::TimeMs when =
          start + (static_cast<sim::TimeMs>(at) + p.deprecated_after_days) * 24 * 3600 * 1000;
      in("EnableImageDeprecation", {{"ImageId", ref}, {"DeprecateAt", sim::format_iso8601(when)}});
    }
    if (p.is_public) {
      if (public_allowed.emplace(p.account, p.region).second)
        in("DisableImageBlockPublicAccess", Json::object());
      in("ModifyImageAttribute",
         {{"ImageId", ref}, {"LaunchPermission", {{"Add", {{{"Group", "all"}}}}}}});
    }
    if (p.shared) {
      std::string other = kOutsider;
      for (const auto& a : plan.accounts)
        if (a != p.account) other = a;
      in("ModifyImageAttribute",
         {{"ImageId", ref}, {"LaunchPermission", {{"Add", {{{"UserId", other}}}}}}});
    }
    if (p.protected_from_deregistration)
      in("EnableImageDeregistrationProtection", {{"ImageId", ref}});
    for (int n = 0; n < p.running + p.stopped; ++n) {
      const std::string instance = var("instance", i) + "_" + std::to_string(n);
      (*in("RunInstances", {{"ImageId", ref},
                            {"InstanceType", "t3.micro"},
                            {"MinCount", 1},
                            {"MaxCount", 1}}))["save"] = {{instance, "Instances[0].InstanceId"}};
      if (n >= p.running) in("StopInstances", {{"InstanceIds", {"${" + instance + "}"}}});
    }
    if (p.disabled) in("DisableImage", {{"ImageId", ref}});
  }
  // Then the youngest's age, so that every image is its age when the workflow starts.
  if (!plan.images.empty() && plan.images.back().age_days > 0)
    steps.push_back({{"advance", fmt::format("{}d", plan.images.back().age_days)}});
  for (const auto& lt : plan.templates) {
    for (std::size_t v = 0; v < lt.versions.size(); ++v) {
      Json data = {{"ImageId", "${" + var("image", lt.versions[v]) + "}"},
                   {"InstanceType", "t3.micro"}};
      if (v == 0) {
        steps.push_back(call("CreateLaunchTemplate", lt.account, lt.region,
                             {{"LaunchTemplateName", lt.name}, {"LaunchTemplateData", data}}));
      } else {
        steps.push_back(call("CreateLaunchTemplateVersion", lt.account, lt.region,
                             {{"LaunchTemplateName", lt.name}, {"LaunchTemplateData", data}}));
      }
    }
    if (auto param = ssm.find(lt.region); lt.ssm_version && param != ssm.end()) {
      const Json data = {{"ImageId", "resolve:ssm:" + param->second}, {"InstanceType", "t3.micro"}};
      steps.push_back(call("CreateLaunchTemplateVersion", lt.account, lt.region,
                           {{"LaunchTemplateName", lt.name}, {"LaunchTemplateData", data}}));
    }
  }
  // Last, the deregistrations: their snapshots stay behind, as a forgotten clean-up leaves them.
  for (std::size_t i = 0; i < plan.images.size(); ++i) {
    const PlannedImage& p = plan.images[i];
    if (p.deregistered)
      steps.push_back(call("DeregisterImage", p.account, p.region,
                           {{"ImageId", "${" + var("image", i) + "}"}}));
  }
  return steps;
}

}  // namespace amisim::check
