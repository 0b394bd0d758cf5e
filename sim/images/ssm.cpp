#include "sim/images/ssm.hpp"

#include <algorithm>
#include <utility>

namespace amisim::sim {
namespace {

// "NAME:SELECTOR" split into the name and ":SELECTOR" (a version number or a label, as
// GetParameter's Name and resolve:ssm accept them); a colon followed by more path is not one.
std::pair<std::string_view, std::string_view> split_selector(std::string_view name) {
  const auto colon = name.rfind(':');
  if (colon == std::string_view::npos || name.find('/', colon) != std::string_view::npos)
    return {name, {}};
  return {name.substr(0, colon), name.substr(colon)};
}

// The catalogue image whose public parameter is `name` in `region`, or nullptr. A linear scan:
// only resolve:ssm launches and SSM calls come here, never ordinary launches.
const CatalogueImage* find_by_parameter(const Fixtures& fixtures, const RegionName& region,
                                        std::string_view name) {
  if (name.empty()) return nullptr;
  auto it =
      std::find_if(fixtures.images.begin(), fixtures.images.end(), [&](const CatalogueImage& c) {
        return c.region == region && c.public_ssm_parameter == name;
      });
  return it == fixtures.images.end() ? nullptr : &*it;
}

}  // namespace

Result<PublicParameter> find_public_parameter(const World& world, const Caller& caller,
                                              std::string_view name) {
  const auto [base, selector] = split_selector(name);
  const CatalogueImage* image = find_by_parameter(world.fixtures(), caller.region, base);
  if (image == nullptr) return errors::parameter_not_found(base);
  // Labels and older versions do not exist: each public parameter has only its version 1 [?].
  if (!selector.empty() && selector.substr(1) != std::to_string(kPublicParameterVersion))
    return errors::parameter_version_not_found(base, selector.substr(1));
  return PublicParameter{std::string(base),       image->id.str(), std::string(selector),
                         kPublicParameterVersion, image->creation, caller.region};
}

Result<std::string> get_public_parameter(const World& world, const Caller& caller,
                                         std::string_view name) {
  auto parameter = find_public_parameter(world, caller, name);
  if (!parameter) return parameter.error();
  return std::move(parameter->value);
}

Result<ImageId> resolve_image_reference(const World& world, const Caller& caller,
                                        std::string_view image_id_or_resolve) {
  if (image_id_or_resolve.substr(0, kResolveSsmPrefix.size()) != kResolveSsmPrefix)
    return ImageId(std::string(image_id_or_resolve));
  const std::string_view name = image_id_or_resolve.substr(kResolveSsmPrefix.size());
  auto value = get_public_parameter(world, caller, name);
  // EC2 names the alias as given after "resolve:ssm:" (a wrong version included) [?].
  if (!value) return errors::ssm_invalid_parameter(name);
  return ImageId(std::move(*value));
}

}  // namespace amisim::sim
