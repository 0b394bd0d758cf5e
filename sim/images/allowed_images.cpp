// Allowed AMIs. Facts: docs/aws-facts.md §A (UG ec2-allowed-amis, manage-settings-allowed-amis;
// APIREF EnableAllowedImagesSettings, ImageCriterionRequest).
#include "sim/images/allowed_images.hpp"

#include <algorithm>
#include <cstdint>
#include <limits>

#include "sim/core/query.hpp"
#include "sim/images/images.hpp"

namespace amisim::sim {
namespace {

constexpr std::string_view kAliases[] = {"amazon", "aws-marketplace", "aws-backup-vault"};
constexpr std::string_view kNone = "none";

bool is_alias(std::string_view p) {
  return std::find(std::begin(kAliases), std::end(kAliases), p) != std::end(kAliases);
}

// ImageProviders: an alias names the images whose owner alias it is (AWS gives verified providers
// such as Canonical the alias "amazon", as the catalogue does: "amazon" covers them) [?]; `none`
// names no image of another account; anything else is an account ID.
bool provider_matches(const std::string& provider, const Image& image) {
  if (provider == kNone) return false;
  if (is_alias(provider)) return image.owner_alias == provider;
  return image.owner.str() == provider;
}

bool product_code_matches(const std::vector<std::string>& codes, const Image& image) {
  return std::any_of(image.traits.product_codes.begin(), image.traits.product_codes.end(),
                     [&](const ProductCode& c) {
                       return std::find(codes.begin(), codes.end(), c.code) != codes.end();
                     });
}

// "Within the last N days": less than N whole days have passed, so 0 allows nothing, as
// "MaximumDaysSinceDeprecated 0 excludes all deprecated images" (APIREF) asks [?] for the edge.
bool within_days(TimeMs since, TimeMs now, std::int64_t days) {
  return now - since < days * kDayMs;
}

bool deprecation_matches(std::int64_t days, const Image& image, TimeMs now) {
  return !is_deprecated(image, now) || within_days(*image.deprecation_time, now, days);
}

const AllowedImagesSettings* find_settings(const World& world, const AccountId& account,
                                           const RegionName& region) {
  const RegionState* r = world.region(region);
  if (r == nullptr) return nullptr;
  auto it = r->accounts.find(account);
  return it == r->accounts.end() ? nullptr : &it->second.allowed_images;
}

AllowedImagesSettings& settings_of(World& world, const Caller& caller) {
  return world.region_of(caller).accounts[caller.account].allowed_images;
}

bool is_name_char(char c) {
  static constexpr std::string_view kSpecial = "()[]./-'@_*? ";
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         kSpecial.find(c) != std::string_view::npos;
}

bool is_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

Status check_providers(const std::vector<std::string>& providers) {
  if (providers.size() > kMaxImageProviders)
    return errors::image_criteria_limit_exceeded("ImageProviders", providers.size(),
                                                 kMaxImageProviders);
  for (const std::string& p : providers) {
    if (p != kNone && !is_alias(p) && !is_account_id(p))
      return errors::image_criterion_value_invalid(
          "ImageProviders", p,
          "Valid values: amazon, aws-marketplace, aws-backup-vault, none, or a 12-digit "
          "account ID.");
  }
  const bool has_none = std::find(providers.begin(), providers.end(), kNone) != providers.end();
  if (has_none && providers.size() > 1) return errors::image_provider_none_not_alone();
  return ok_status();
}

Status check_names(const std::vector<std::string>& names) {
  if (names.size() > kMaxImageNames)
    return errors::image_criteria_limit_exceeded("ImageNames", names.size(), kMaxImageNames);
  for (const std::string& n : names) {
    const bool has_question = n.find('?') != std::string::npos;
    if (n.empty() || n.size() > 128 || (has_question && n.size() < 3) ||
        !std::all_of(n.begin(), n.end(), is_name_char))
      return errors::image_criterion_value_invalid(
          "ImageNames", n,
          "Names are 1-128 characters (at least 3 with ?): letters, numbers, spaces and "
          "( ) [ ] . / - ' @ _ * ?");
  }
  return ok_status();
}

Status check_product_codes(const std::vector<std::string>& codes) {
  if (codes.size() > kMaxMarketplaceProductCodes)
    return errors::image_criteria_limit_exceeded("MarketplaceProductCodes", codes.size(),
                                                 kMaxMarketplaceProductCodes);
  for (const std::string& c : codes) {
    if (c.empty() || c.size() > 25 || !std::all_of(c.begin(), c.end(), is_alnum))
      return errors::image_criterion_value_invalid("MarketplaceProductCodes", c,
                                                   "Product codes are 1-25 letters and numbers.");
  }
  return ok_status();
}

Status check_days(std::string_view parameter, const std::optional<std::int64_t>& days) {
  if (!days || (*days >= 0 && *days <= std::numeric_limits<std::int32_t>::max()))
    return ok_status();
  return errors::image_criterion_value_invalid(parameter, std::to_string(*days),
                                               "The value must be between 0 and 2147483647.");
}

Status check_criterion(const ImageCriterion& c) {
  if (c.image_providers.empty() && c.marketplace_product_codes.empty() && c.image_names.empty() &&
      !c.max_days_since_created && !c.max_days_since_deprecated)
    return errors::image_criterion_empty();
  if (auto s = check_providers(c.image_providers); !s) return s;
  if (auto s = check_names(c.image_names); !s) return s;
  if (auto s = check_product_codes(c.marketplace_product_codes); !s) return s;
  if (auto s = check_days("MaximumDaysSinceCreated", c.max_days_since_created); !s) return s;
  return check_days("MaximumDaysSinceDeprecated", c.max_days_since_deprecated);
}

}  // namespace

std::string_view to_string(AllowedImagesState state) {
  switch (state) {
    case AllowedImagesState::kDisabled:
      return "disabled";
    case AllowedImagesState::kAuditMode:
      return "audit-mode";
    case AllowedImagesState::kEnabled:
      return "enabled";
  }
  return "disabled";
}

const AllowedImagesSettings& allowed_images_settings(const World& world, const AccountId& account,
                                                     const RegionName& region) {
  static const AllowedImagesSettings kNeverSet;
  const AllowedImagesSettings* s = find_settings(world, account, region);
  return s != nullptr ? *s : kNeverSet;
}

bool criterion_matches(const ImageCriterion& c, const Image& image, TimeMs now) {
  const auto& providers = c.image_providers;
  if (!providers.empty() && std::none_of(providers.begin(), providers.end(),
                                         [&](const auto& p) { return provider_matches(p, image); }))
    return false;
  if (!c.marketplace_product_codes.empty() &&
      !product_code_matches(c.marketplace_product_codes, image))
    return false;
  if (!c.image_names.empty() && !any_match(c.image_names, image.name)) return false;
  if (c.max_days_since_created && !within_days(image.creation, now, *c.max_days_since_created))
    return false;
  return !c.max_days_since_deprecated ||
         deprecation_matches(*c.max_days_since_deprecated, image, now);
}

bool meets_image_criteria(const std::vector<ImageCriterion>& criteria, const Image& image,
                          const AccountId& viewer, TimeMs now) {
  if (image.owner == viewer) return true;
  return std::any_of(criteria.begin(), criteria.end(),
                     [&](const ImageCriterion& c) { return criterion_matches(c, image, now); });
}

std::optional<bool> image_allowed(const World& world, const AccountId& viewer, const Image& image) {
  const AllowedImagesSettings& s = allowed_images_settings(world, viewer, image.region);
  if (s.state == AllowedImagesState::kDisabled) return std::nullopt;
  return meets_image_criteria(s.criteria, image, viewer, world.now());
}

bool image_restricted(const World& world, const AccountId& viewer, const Image& image) {
  const AllowedImagesSettings& s = allowed_images_settings(world, viewer, image.region);
  return s.state == AllowedImagesState::kEnabled &&
         !meets_image_criteria(s.criteria, image, viewer, world.now());
}

Result<std::string> enable_allowed_images_settings(World& world, const Caller& caller,
                                                   std::string_view state, bool dry_run) {
  AllowedImagesState wanted;
  if (state == to_string(AllowedImagesState::kEnabled))
    wanted = AllowedImagesState::kEnabled;
  else if (state == to_string(AllowedImagesState::kAuditMode))
    wanted = AllowedImagesState::kAuditMode;
  else
    return errors::allowed_images_state_invalid(state);
  if (dry_run) return errors::dry_run();
  settings_of(world, caller).state = wanted;
  return std::string(to_string(wanted));
}

Result<std::string> disable_allowed_images_settings(World& world, const Caller& caller,
                                                    bool dry_run) {
  if (dry_run) return errors::dry_run();
  settings_of(world, caller).state = AllowedImagesState::kDisabled;
  return std::string(to_string(AllowedImagesState::kDisabled));
}

Status check_image_criteria(const std::vector<ImageCriterion>& criteria) {
  if (criteria.size() > kMaxImageCriteria)
    return errors::image_criteria_limit_exceeded("ImageCriterion", criteria.size(),
                                                 kMaxImageCriteria);
  for (const ImageCriterion& c : criteria) {
    if (auto s = check_criterion(c); !s) return s;
  }
  return ok_status();
}

Status replace_image_criteria(World& world, const Caller& caller,
                              std::vector<ImageCriterion> criteria, bool dry_run) {
  if (auto s = check_image_criteria(criteria); !s) return s;
  if (dry_run) return errors::dry_run();
  settings_of(world, caller).criteria = std::move(criteria);
  return ok_status();
}

}  // namespace amisim::sim
