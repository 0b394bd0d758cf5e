// DescribeImages filters: the documented names (fact sheet §3.9) and how each reads an image.
// Values match with AWS's wildcard rules (sim/core/query.hpp). An attribute the image does not have
// (an empty platform, no deprecation time) matches no value, not even "*".
#include <algorithm>
#include <array>
#include <string_view>

#include "sim/images/allowed_images.hpp"
#include "sim/images/detail.hpp"

namespace amisim::sim::detail {
namespace {

using Patterns = std::vector<std::string>;

bool present(const Patterns& p, std::string_view value) {
  return !value.empty() && any_match(p, value);
}
bool flag(const Patterns& p, bool value) { return any_match(p, value ? "true" : "false"); }

// Any EBS mapping for which `field` matches.
template <class Field>
bool any_mapping(const Image& image, const Patterns& p, Field field) {
  return std::any_of(image.mappings.begin(), image.mappings.end(),
                     [&](const BlockDeviceMapping& m) { return field(m, p); });
}

bool bdm_delete(const Image& i, const Patterns& p, TimeMs) {
  return any_mapping(i, p, [](const auto& m, const Patterns& q) {
    return m.ebs && flag(q, m.ebs->delete_on_termination);
  });
}
bool bdm_device(const Image& i, const Patterns& p, TimeMs) {
  return any_mapping(i, p,
                     [](const auto& m, const Patterns& q) { return any_match(q, m.device_name); });
}
bool bdm_snapshot(const Image& i, const Patterns& p, TimeMs) {
  return any_mapping(i, p, [](const auto& m, const Patterns& q) {
    return m.ebs && m.ebs->snapshot_id && any_match(q, m.ebs->snapshot_id->str());
  });
}
bool bdm_size(const Image& i, const Patterns& p, TimeMs) {
  return any_mapping(i, p, [](const auto& m, const Patterns& q) {
    return m.ebs && m.ebs->volume_size_gib && any_match(q, std::to_string(*m.ebs->volume_size_gib));
  });
}
bool bdm_type(const Image& i, const Patterns& p, TimeMs) {
  return any_mapping(i, p, [](const auto& m, const Patterns& q) {
    return m.ebs && any_match(q, m.ebs->volume_type);
  });
}
bool bdm_encrypted(const Image& i, const Patterns& p, TimeMs) {
  return any_mapping(
      i, p, [](const auto& m, const Patterns& q) { return m.ebs && flag(q, m.ebs->encrypted); });
}

bool product_code(const Image& i, const Patterns& p, TimeMs) {
  return std::any_of(i.traits.product_codes.begin(), i.traits.product_codes.end(),
                     [&](const ProductCode& c) { return any_match(p, c.code); });
}
bool product_code_type(const Image& i, const Patterns& p, TimeMs) {
  return std::any_of(i.traits.product_codes.begin(), i.traits.product_codes.end(),
                     [&](const ProductCode& c) { return any_match(p, c.type); });
}
bool deprecation(const Image& i, const Patterns& p, TimeMs) {
  return i.deprecation_time && any_match(p, format_iso8601(*i.deprecation_time));
}
bool state(const Image& i, const Patterns& p, TimeMs) { return any_match(p, to_string(i.state)); }

struct NamedMatcher {
  std::string_view name;
  ImageMatchFn match;
};

#define AMISIM_FIELD(expr) \
  []([[maybe_unused]] const Image& i, [[maybe_unused]] const Patterns& p, TimeMs) { return expr; }

// Sorted by name for binary search.
constexpr std::array<NamedMatcher, 37> kMatchers = {{
    {"architecture", AMISIM_FIELD(any_match(p, i.traits.architecture))},
    {"block-device-mapping.delete-on-termination", bdm_delete},
    {"block-device-mapping.device-name", bdm_device},
    {"block-device-mapping.encrypted", bdm_encrypted},
    {"block-device-mapping.snapshot-id", bdm_snapshot},
    {"block-device-mapping.volume-size", bdm_size},
    {"block-device-mapping.volume-type", bdm_type},
    {"boot-mode", AMISIM_FIELD(present(p, i.traits.boot_mode))},
    {"creation-date", AMISIM_FIELD(any_match(p, format_iso8601(i.creation)))},
    {"deprecation-time", deprecation},
    {"description", AMISIM_FIELD(present(p, i.description))},
    {"ena-support", AMISIM_FIELD(flag(p, i.traits.ena_support))},
    {"free-tier-eligible", AMISIM_FIELD(flag(p, i.traits.free_tier_eligible))},
    {"hypervisor", AMISIM_FIELD(any_match(p, i.traits.hypervisor))},
    {"image-id", AMISIM_FIELD(any_match(p, i.id.str()))},
    {"image-type", AMISIM_FIELD(any_match(p, i.traits.image_type))},
    {"is-public", AMISIM_FIELD(flag(p, i.is_public))},
    {"kernel-id", AMISIM_FIELD(false)},  // no image in the model has a kernel or RAM disk
    {"manifest-location", AMISIM_FIELD(present(p, i.image_location()))},
    {"name", AMISIM_FIELD(any_match(p, i.name))},
    {"owner-alias", AMISIM_FIELD(present(p, i.owner_alias))},
    {"owner-id", AMISIM_FIELD(any_match(p, i.owner.str()))},
    {"platform", AMISIM_FIELD(present(p, i.traits.platform))},
    {"product-code", product_code},
    {"product-code.type", product_code_type},
    {"public-ssm-parameter-name", AMISIM_FIELD(present(p, i.public_ssm_parameter.get()))},
    {"ramdisk-id", AMISIM_FIELD(false)},
    {"root-device-name", AMISIM_FIELD(any_match(p, i.traits.root_device_name))},
    {"root-device-type", AMISIM_FIELD(any_match(p, i.traits.root_device_type))},
    {"source-image-id", AMISIM_FIELD(present(p, i.source_image_id->str()))},
    {"source-image-region", AMISIM_FIELD(present(p, i.source_image_region->str()))},
    {"source-instance-id", AMISIM_FIELD(present(p, i.source_instance_id->str()))},
    {"sriov-net-support", AMISIM_FIELD(present(p, i.traits.sriov_net_support))},
    {"state", state},
    {"state-reason-code", AMISIM_FIELD(present(p, i.state_reason_code.get()))},
    {"state-reason-message", AMISIM_FIELD(present(p, i.state_reason_message.get()))},
    {"virtualization-type", AMISIM_FIELD(any_match(p, i.traits.virtualization_type))},
}};

#undef AMISIM_FIELD

static_assert(std::is_sorted(kMatchers.begin(), kMatchers.end(),
                             [](const NamedMatcher& a, const NamedMatcher& b) {
                               return a.name < b.name;
                             }));

ImageMatchFn find_matcher(std::string_view name) {
  auto it = std::lower_bound(kMatchers.begin(), kMatchers.end(), name,
                             [](const NamedMatcher& m, std::string_view n) { return m.name < n; });
  return it != kMatchers.end() && it->name == name ? it->match : nullptr;
}

}  // namespace

Result<std::vector<ImageFilter>> compile_image_filters(const std::vector<Filter>& filters) {
  if (auto s = check_filters(filters); !s) return s.error();
  std::vector<ImageFilter> out;
  out.reserve(filters.size());
  for (const Filter& f : filters) {
    ImageFilter compiled;
    compiled.patterns = &f.values;
    if (f.name == "image-allowed") {
      compiled.image_allowed = true;  // not in kMatchers: it needs the viewer's settings
    } else if (is_tag_filter(f.name) && f.name != "tag:") {
      compiled.tag_filter = f.name;
    } else {
      compiled.match = find_matcher(f.name);
      if (!compiled.match) return errors::invalid_filter(f.name);
    }
    out.push_back(std::move(compiled));
  }
  return out;
}

bool image_matches(const Image& image, const std::vector<ImageFilter>& filters, TimeMs now,
                   const AccountId& viewer, const AllowedImagesSettings& allowed) {
  for (const ImageFilter& f : filters) {
    bool pass = false;
    if (f.image_allowed) {
      pass = flag(*f.patterns, allowed.state == AllowedImagesState::kDisabled ||
                                   meets_image_criteria(allowed.criteria, image, viewer, now));
    } else if (f.match) {
      pass = f.match(image, *f.patterns, now);
    } else {
      pass = any_match(*f.patterns, *tag_filter_values(tags_seen_by(image, viewer), f.tag_filter));
    }
    if (!pass) return false;
  }
  return true;
}

}  // namespace amisim::sim::detail
