// Describe/Modify/ResetImageAttribute and CancelImageLaunchPermission. Facts: fact sheet §3.8.
#include <cctype>
#include <string_view>

#include "sim/core/text.hpp"
#include "sim/images/allowed_images.hpp"
#include "sim/images/block_public_access.hpp"
#include "sim/images/detail.hpp"
#include "sim/images/images.hpp"

namespace amisim::sim {
namespace {

constexpr const char* kKnownAttributes[] = {"description",
                                            "kernel",
                                            "ramdisk",
                                            "launchPermission",
                                            "productCodes",
                                            "blockDeviceMapping",
                                            "sriovNetSupport",
                                            "bootMode",
                                            "tpmSupport",
                                            "uefiData",
                                            "lastLaunchedTime",
                                            "imdsSupport",
                                            "deregistrationProtection"};

bool is_known_attribute(const std::string& a) {
  for (const char* known : kKnownAttributes) {
    if (a == known) return true;
  }
  return false;
}

bool equal_ignoring_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i])))
      return false;
  }
  return true;
}

// The attribute a ModifyImageAttribute names, in EC2's spelling. amazon.aws's ec2_ami (5.x, whose
// integration tests run against AWS) names it "LaunchPermission" when it shares a new image and
// "Description " (trailing space) when it changes a description, and EC2 accepts both: names
// are matched without regard to case or surrounding blanks [?] [3p] amazon.aws ec2_ami.py.
std::string canonical_attribute(const std::string& name) {
  std::string_view trimmed = name;
  while (!trimmed.empty() && std::isspace(static_cast<unsigned char>(trimmed.front())))
    trimmed.remove_prefix(1);
  while (!trimmed.empty() && std::isspace(static_cast<unsigned char>(trimmed.back())))
    trimmed.remove_suffix(1);
  for (const char* known : kKnownAttributes) {
    if (equal_ignoring_case(trimmed, known)) return known;
  }
  return name;
}

// An image the caller can see (for reading attributes and cancelling its own permission). While
// DescribeImages still shows a deregistered image, its attributes are InvalidAMIID.Unavailable,
// as for every other call on it; after that it is not found. amazon.aws's ec2_ami relies on the
// Unavailable code when it waits for a deregistration [3p] amazon.aws ec2_ami.py get_image_by_id.
Result<const Image*> visible_image(const World& world, const Caller& caller, const ImageId& id) {
  if (!is_well_formed_id("ami", id.str())) return errors::image_id_malformed(id.str());
  const Image* image = find_image(world, caller, id);
  if (!image || is_purged(*image, world.now())) return errors::image_not_found(id.str());
  if (!image_visible_to(*image, caller.account)) return errors::image_not_authorized(id.str());
  // Not discoverable under Allowed AMIs: not found, as DescribeImages by ID [?].
  if (image_restricted(world, caller.account, *image)) return errors::image_not_found(id.str());
  if (image->state == ImageState::kDeregistered) return errors::image_deregistered(id.str());
  return image;
}

void fill_attribute(const Image& image, const std::string& attribute, TimeMs now,
                    ImageAttribute& out) {
  if (attribute == "description") out.description = image.description;
  if (attribute == "launchPermission") {
    out.launch_permission_users.assign(image.launch_permissions->begin(),
                                       image.launch_permissions->end());
    out.launch_permission_public = image.is_public;
  }
  if (attribute == "productCodes") out.product_codes = image.traits.product_codes;
  if (attribute == "blockDeviceMapping") out.block_device_mappings = image.mappings;
  if (attribute == "sriovNetSupport") out.sriov_net_support = image.traits.sriov_net_support;
  if (attribute == "bootMode") out.boot_mode = image.traits.boot_mode;
  if (attribute == "tpmSupport") out.tpm_support = image.traits.tpm_support;
  if (attribute == "lastLaunchedTime") out.last_launched_time = image.last_launched_time;
  if (attribute == "imdsSupport") out.imds_support = image.traits.imds_support;
  if (attribute == "deregistrationProtection")
    out.deregistration_protection = deregistration_protection_text(image, now);
}

}  // namespace

Result<ImageAttribute> describe_image_attribute(const World& world, const Caller& caller,
                                                const ImageId& image_id,
                                                const std::string& attribute) {
  if (attribute.empty()) return errors::missing_attribute();
  if (!is_known_attribute(attribute)) return errors::unknown_attribute(attribute);
  auto found = visible_image(world, caller, image_id);
  if (!found) return found.error();
  const Image& image = **found;
  // Who an image is shared with is the owner's business only.
  if (attribute == "launchPermission" && image.owner != caller.account)
    return errors::image_not_owned(image_id.str());
  ImageAttribute out;
  out.image_id = image.id;
  fill_attribute(image, attribute, world.now(), out);
  return out;
}

namespace {

// The attribute a ModifyImageAttribute call changes: as named, else as implied by its fields.
std::string modified_attribute(const ModifyImageAttributeRequest& r) {
  if (!r.attribute.empty()) return canonical_attribute(r.attribute);
  if (r.description) return "description";
  const auto& lp = r.launch_permission;
  if (!lp.add_users.empty() || !lp.remove_users.empty() || lp.add_public || lp.remove_public)
    return "launchPermission";
  if (!r.imds_support.empty()) return "imdsSupport";
  return "";
}

Status check_accounts(const std::vector<AccountId>& accounts) {
  for (const auto& a : accounts) {
    if (!is_account_id(a.str())) return errors::launch_permission_user_invalid(a.str());
  }
  return ok_status();
}

// Images with product codes or encrypted snapshots cannot be public (fact sheet §3.8).
Status check_can_be_public(const Image& image) {
  if (!image.traits.product_codes->empty())
    return errors::public_image_with_product_codes(image.id.str());
  for (const auto& m : image.mappings) {
    if (m.ebs && m.ebs->encrypted)
      return errors::public_image_with_encrypted_snapshots(image.id.str());
  }
  return ok_status();
}

// `blocked`: block public access for AMIs is in effect for the owner here
// (sim/images/block_public_access.hpp); it refuses making the image public, whichever of
// ModifyImageAttribute's forms asks for it, and nothing else.
Status check_modify(const Image& image, const std::string& attribute,
                    const ModifyImageAttributeRequest& r, bool blocked) {
  if (attribute.empty()) return errors::missing_attribute();
  if (attribute == "description")
    return check_description("Description", r.description.value_or(""));
  if (attribute == "imdsSupport") {
    if (r.imds_support != "v2.0") return errors::imds_support_invalid(r.imds_support);
    return ok_status();
  }
  if (attribute != "launchPermission") return errors::unknown_attribute(attribute);
  const auto& lp = r.launch_permission;
  if (auto s = check_accounts(lp.add_users); !s) return s;
  if (auto s = check_accounts(lp.remove_users); !s) return s;
  if (lp.add_public && blocked) return errors::public_image_sharing_blocked();
  if (lp.add_public) return check_can_be_public(image);
  return ok_status();
}

void apply_launch_permission(Image& image, const LaunchPermissionChange& lp) {
  image.launch_permissions.change([&](std::set<AccountId>& accounts) {
    accounts.insert(lp.add_users.begin(), lp.add_users.end());
    for (const auto& a : lp.remove_users) accounts.erase(a);
  });
  if (lp.add_public) image.is_public = true;
  if (lp.remove_public) image.is_public = false;
}

}  // namespace

Status modify_image_attribute(World& world, const Caller& caller,
                              const ModifyImageAttributeRequest& request) {
  auto found = owned_image(world, caller, request.image_id);
  if (!found) return found.error();
  Image& image = **found;
  const std::string attribute = modified_attribute(request);
  const bool blocked = image_public_sharing_blocked(world, caller.account, caller.region);
  if (auto s = check_modify(image, attribute, request, blocked); !s) return s;
  if (request.dry_run) return errors::dry_run();
  if (attribute == "description") image.description = request.description.value_or("");
  if (attribute == "imdsSupport") image.traits.imds_support = request.imds_support;
  if (attribute == "launchPermission") apply_launch_permission(image, request.launch_permission);
  return ok_status();
}

Status reset_image_attribute(World& world, const Caller& caller, const ImageId& image_id,
                             const std::string& attribute, bool dry_run) {
  auto found = owned_image(world, caller, image_id);
  if (!found) return found.error();
  // The API reference: "currently you can only reset the launch permission attribute".
  if (attribute != "launchPermission") return errors::attribute_not_resettable(attribute);
  if (dry_run) return errors::dry_run();
  (*found)->launch_permissions.reset();
  (*found)->is_public = false;
  return ok_status();
}

Status cancel_image_launch_permission(World& world, const Caller& caller, const ImageId& image_id,
                                      bool dry_run) {
  auto found = visible_image(world, caller, image_id);
  if (!found) return found.error();
  if (dry_run) return errors::dry_run();
  Image* image = find_image(world, caller, image_id);
  image->launch_permissions.change(
      [&](std::set<AccountId>& accounts) { accounts.erase(caller.account); });
  return ok_status();
}

}  // namespace amisim::sim
