// Handlers for Allowed AMIs (issue 18, sim/images/allowed_images.hpp): EnableAllowedImagesSettings,
// DisableAllowedImagesSettings, GetAllowedImagesSettings and
// ReplaceImageCriteriaInAllowedImagesSettings. Facts: docs/aws-facts.md §A.
#include "sim/images/allowed_images.hpp"

#include <string>
#include <vector>

#include "api/ec2/input.hpp"

namespace amisim::ec2 {
namespace {

// A condition's day count: the model's 32-bit Integer, refused when negative by the model's check.
std::optional<std::int64_t> days(const Json& in, std::string_view condition,
                                 std::string_view member) {
  const Json* c = object(in, condition);
  if (c == nullptr) return std::nullopt;
  return opt_int32(*c, member);
}

sim::ImageCriterion criterion(const Json& in) {
  sim::ImageCriterion c;
  c.image_providers = strings(in, "ImageProviders");
  c.marketplace_product_codes = strings(in, "MarketplaceProductCodes");
  c.image_names = strings(in, "ImageNames");
  c.max_days_since_created = days(in, "CreationDateCondition", "MaximumDaysSinceCreated");
  c.max_days_since_deprecated = days(in, "DeprecationTimeCondition", "MaximumDaysSinceDeprecated");
  return c;
}

// An ImageCriterion as GetAllowedImagesSettings writes it: the parameters that were given.
Json criterion_json(const sim::ImageCriterion& c) {
  Json out = Json::object();
  if (!c.image_providers.empty()) out["ImageProviders"] = c.image_providers;
  if (!c.marketplace_product_codes.empty())
    out["MarketplaceProductCodes"] = c.marketplace_product_codes;
  if (!c.image_names.empty()) out["ImageNames"] = c.image_names;
  if (c.max_days_since_created)
    out["CreationDateCondition"] = {{"MaximumDaysSinceCreated", *c.max_days_since_created}};
  if (c.max_days_since_deprecated)
    out["DeprecationTimeCondition"] = {
        {"MaximumDaysSinceDeprecated", *c.max_days_since_deprecated}};
  return out;
}

Json enable_allowed_images_settings(sim::World& world, const sim::Caller& caller, const Json& in) {
  const std::string state = required_string(in, "AllowedImagesSettingsState");
  return {{"AllowedImagesSettingsState",
           unwrap(sim::enable_allowed_images_settings(world, caller, state, dry_run(in)))}};
}

Json disable_allowed_images_settings(sim::World& world, const sim::Caller& caller, const Json& in) {
  return {{"AllowedImagesSettingsState",
           unwrap(sim::disable_allowed_images_settings(world, caller, dry_run(in)))}};
}

// ManagedBy: "account" (amisim has no declarative policies). ImageCriteria only when there are
// some [?].
Json get_allowed_images_settings(sim::World& world, const sim::Caller& caller, const Json&) {
  const sim::AllowedImagesSettings& s =
      sim::allowed_images_settings(world, caller.account, caller.region);
  Json out = {{"State", std::string(sim::to_string(s.state))}};
  if (!s.criteria.empty()) {
    Json criteria = Json::array();
    for (const sim::ImageCriterion& c : s.criteria) criteria.push_back(criterion_json(c));
    out["ImageCriteria"] = std::move(criteria);
  }
  out["ManagedBy"] = "account";
  return out;
}

Json replace_image_criteria(sim::World& world, const sim::Caller& caller, const Json& in) {
  std::vector<sim::ImageCriterion> criteria;
  for (const Json* c : objects(in, "ImageCriteria")) criteria.push_back(criterion(*c));
  unwrap(sim::replace_image_criteria(world, caller, std::move(criteria), dry_run(in)));
  return {{"ReturnValue", true}};
}

constexpr HandlerEntry kAllowedImagesHandlers[] = {
    {"DisableAllowedImagesSettings", disable_allowed_images_settings, true},
    {"EnableAllowedImagesSettings", enable_allowed_images_settings, true},
    {"GetAllowedImagesSettings", get_allowed_images_settings, false},
    {"ReplaceImageCriteriaInAllowedImagesSettings", replace_image_criteria, true},
};

}  // namespace

std::span<const HandlerEntry> allowed_images_handlers() { return kAllowedImagesHandlers; }

}  // namespace amisim::ec2
