// Handlers for AMIs over sim/images/images.hpp: DescribeImages, CreateImage, RegisterImage,
// DeregisterImage, Describe/Modify/ResetImageAttribute, CancelImageLaunchPermission,
// Enable/DisableImageDeprecation, Enable/DisableImage and Enable/DisableImageDeregistration-
// Protection. Facts: aws-facts.md §3.
//
// Inputs the model has no place for are refused rather than dropped when they would change what
// the caller gets (organization shares, product codes in ModifyImageAttribute); inputs with no
// effect in amisim (KernelId, RamdiskId, UefiData, KmsKeyId, SnapshotLocation) are accepted and
// ignored [?].
#include "sim/images/images.hpp"

#include <limits>
#include <string>
#include <vector>

#include "api/ec2/input.hpp"
#include "sim/copies/copies.hpp"
#include "sim/images/allowed_images.hpp"

namespace amisim::ec2 {
namespace {

// --- input ---------------------------------------------------------------------------------

sim::ImageId image_id(const Json& in) { return sim::ImageId(required_string(in, "ImageId")); }

// An ISO-8601 date-time member, with Z or any offset (api/protocol/scalars.hpp).
sim::TimeMs required_time(const Json& in, std::string_view key) {
  const std::string text = required_string(in, key);
  auto t = sim::parse_iso8601(text);
  if (!t) {
    fail(protocol::wire_errors::invalid_date_time(key, text));
  }
  return *t;
}

bool is_group_all(const std::string& group) {
  if (group != "all") fail(sim::errors::launch_permission_group_invalid(group));
  return true;
}

// LaunchPermission.Add / .Remove: [{UserId} | {Group: "all"} | {OrganizationArn} | ...].
void read_permissions(const Json& mods, std::string_view key, std::vector<sim::AccountId>& users,
                      bool& group_all) {
  for (const Json* p : objects(mods, key)) {
    if (auto u = opt_string_as_sent(*p, "UserId")) users.emplace_back(*u);
    if (auto g = opt_string_as_sent(*p, "Group")) group_all = is_group_all(*g);
    if (member(*p, "OrganizationArn") || member(*p, "OrganizationalUnitArn"))
      fail(sim::errors::organization_sharing_unsupported());
  }
}

// The older form: OperationType=add|remove with UserIds / UserGroups. Packer (every version
// since 2013, step_modify_ami_attributes.go) sends UserIds / UserGroups together with the same
// accounts in LaunchPermission.Add and no OperationType, and EC2 accepts that: without an
// OperationType the older lists beside a LaunchPermission structure restate it and add nothing
// [?] [3p] hashicorp/packer-plugin-amazon.
void read_legacy_permissions(const Json& in, sim::LaunchPermissionChange& lp) {
  if (!strings(in, "OrganizationArns").empty() || !strings(in, "OrganizationalUnitArns").empty())
    fail(sim::errors::organization_sharing_unsupported());
  const std::vector<std::string> users = strings(in, "UserIds");
  const std::vector<std::string> groups = strings(in, "UserGroups");
  if (users.empty() && groups.empty()) return;
  if (!member(in, "OperationType") && object(in, "LaunchPermission") != nullptr) return;
  const std::string op = required_string(in, "OperationType");
  if (op != "add" && op != "remove") fail(sim::errors::image_operation_type_invalid(op));
  const bool add = op == "add";
  for (const auto& u : users) (add ? lp.add_users : lp.remove_users).emplace_back(u);
  for (const auto& g : groups) (add ? lp.add_public : lp.remove_public) = is_group_all(g);
}

sim::ModifyImageAttributeRequest modify_request(const Json& in) {
  sim::ModifyImageAttributeRequest r;
  r.image_id = image_id(in);
  r.attribute = string_or(in, "Attribute");
  if (const Json* d = object(in, "Description")) r.description = string_or(*d, "Value");
  if (const Json* lp = object(in, "LaunchPermission")) {
    read_permissions(*lp, "Add", r.launch_permission.add_users, r.launch_permission.add_public);
    read_permissions(*lp, "Remove", r.launch_permission.remove_users,
                     r.launch_permission.remove_public);
  }
  read_legacy_permissions(in, r.launch_permission);
  if (const Json* imds = object(in, "ImdsSupport")) r.imds_support = string_or(*imds, "Value");
  // Attribute + Value: the older form for description and imdsSupport.
  if (auto value = opt_string_as_sent(in, "Value")) {
    if (r.attribute == "description" && !r.description) r.description = *value;
    if (r.attribute == "imdsSupport" && r.imds_support.empty()) r.imds_support = *value;
  }
  // The model documents ProductCodes as "Not supported" [doc] APIREF model.
  if (!strings(in, "ProductCodes").empty()) fail(sim::errors::product_codes_unsupported());
  r.dry_run = dry_run(in);
  return r;
}

// --- output --------------------------------------------------------------------------------

// What an image is and who owns it.
void put_identity(Json& out, const sim::Image& image) {
  out["ImageId"] = image.id.str();
  put_nonempty(out, "ImageLocation", image.image_location());
  out["State"] = std::string(sim::to_string(image.state));
  out["OwnerId"] = image.owner.str();
  put_nonempty(out, "ImageOwnerAlias", image.owner_alias);
  out["CreationDate"] = time_json(image.creation);
  out["Public"] = image.is_public;
  out["Name"] = image.name;
  put_nonempty(out, "Description", image.description);
  out["ImageType"] = image.traits.image_type;
  if (!image.state_reason_code->empty() || !image.state_reason_message->empty()) {
    out["StateReason"] = {{"Code", image.state_reason_code},
                          {"Message", image.state_reason_message}};
  }
  put_nonempty(out, "SourceInstanceId", image.source_instance_id->str());
  put_nonempty(out, "SourceImageId", image.source_image_id->str());
  put_nonempty(out, "SourceImageRegion", image.source_image_region->str());
}

// How an image boots and is billed.
void put_platform(Json& out, const sim::Image& image) {
  out["Architecture"] = image.traits.architecture;
  put_nonempty(out, "Platform", image.traits.platform);  // "windows" or absent
  out["PlatformDetails"] = image.traits.platform_details;
  out["UsageOperation"] = image.traits.usage_operation;
  if (!image.traits.product_codes->empty())
    out["ProductCodes"] = product_codes_json(image.traits.product_codes);
  out["RootDeviceName"] = image.traits.root_device_name;
  out["RootDeviceType"] = image.traits.root_device_type;
  out["BlockDeviceMappings"] = block_device_mappings_json(image.mappings);
  out["VirtualizationType"] = image.traits.virtualization_type;
  out["Hypervisor"] = image.traits.hypervisor;
  out["EnaSupport"] = image.traits.ena_support;
  put_nonempty(out, "SriovNetSupport", image.traits.sriov_net_support);
  put_nonempty(out, "BootMode", image.traits.boot_mode);
  put_nonempty(out, "TpmSupport", image.traits.tpm_support);
  put_nonempty(out, "ImdsSupport", image.traits.imds_support);
  out["FreeTierEligible"] = image.traits.free_tier_eligible;
}

// DescribeImages' Image. Tags: the caller's own (sim::tags_seen_by): accounts the image is shared
// with never see the owner's (aws-facts.md §3.8), nor the owner theirs.
Json image_json(const sim::Image& image, const sim::Caller& caller, sim::TimeMs now) {
  Json out = Json::object();
  put_identity(out, image);
  put_platform(out, image);
  const sim::Tags& tags = sim::tags_seen_by(image, caller.account);
  if (!tags.empty()) out["Tags"] = tags_json(tags);
  if (image.deprecation_time) out["DeprecationTime"] = time_json(*image.deprecation_time);
  out["DeregistrationProtection"] = sim::deregistration_protection_text(image, now);
  if (image.last_launched_time) out["LastLaunchedTime"] = time_json(*image.last_launched_time);
  return out;
}

Json value_json(const std::string& value) {
  return value.empty() ? Json::object() : Json{{"Value", value}};
}

Json launch_permissions_json(const sim::ImageAttribute& a) {
  Json out = Json::array();
  if (a.launch_permission_public) out.push_back({{"Group", "all"}});
  for (const auto& u : a.launch_permission_users) out.push_back({{"UserId", u.str()}});
  return out;
}

// The member of ImageAttribute that carries `attribute` (the ImageAttributeName enum).
Json attribute_json(const sim::ImageAttribute& a, const std::string& attribute) {
  Json out = {{"ImageId", a.image_id.str()}};
  if (attribute == "description") out["Description"] = value_json(a.description);
  if (attribute == "kernel") out["KernelId"] = Json::object();
  if (attribute == "ramdisk") out["RamdiskId"] = Json::object();
  if (attribute == "launchPermission") out["LaunchPermissions"] = launch_permissions_json(a);
  if (attribute == "productCodes") out["ProductCodes"] = product_codes_json(a.product_codes);
  if (attribute == "blockDeviceMapping")
    out["BlockDeviceMappings"] = block_device_mappings_json(a.block_device_mappings);
  if (attribute == "sriovNetSupport") out["SriovNetSupport"] = value_json(a.sriov_net_support);
  if (attribute == "bootMode") out["BootMode"] = value_json(a.boot_mode);
  if (attribute == "tpmSupport") out["TpmSupport"] = value_json(a.tpm_support);
  if (attribute == "uefiData") out["UefiData"] = Json::object();
  if (attribute == "lastLaunchedTime") {
    out["LastLaunchedTime"] =
        value_json(a.last_launched_time ? time_json(*a.last_launched_time) : std::string());
  }
  if (attribute == "imdsSupport") out["ImdsSupport"] = value_json(a.imds_support);
  if (attribute == "deregistrationProtection")
    out["DeregistrationProtection"] = value_json(a.deregistration_protection);
  return out;
}

const Json& returned_true() {
  static const Json kTrue = {{"Return", true}};
  return kTrue;
}

// --- handlers ------------------------------------------------------------------------------

Json describe_images(sim::World& world, const sim::Caller& caller, const Json& in) {
  sim::DescribeImagesRequest r;
  for (auto& id : strings(in, "ImageIds")) r.image_ids.emplace_back(std::move(id));
  r.owners = strings(in, "Owners");
  r.executable_users = strings(in, "ExecutableUsers");
  r.filters = filters(in);
  r.include_deprecated = bool_or(in, "IncludeDeprecated", false);
  r.include_disabled = bool_or(in, "IncludeDisabled", false);
  r.page = page(in);
  const auto result = unwrap(sim::describe_images(world, caller, r));
  Json images = Json::array();
  for (const sim::Image* image : result.images) {
    Json j = image_json(*image, caller, world.now());
    // ImageAllowed: the caller's Allowed AMIs verdict, left out while disabled [?].
    if (auto allowed = sim::image_allowed(world, caller.account, *image))
      j["ImageAllowed"] = *allowed;
    images.push_back(std::move(j));
  }
  Json out = {{"Images", std::move(images)}};
  put_nonempty(out, "NextToken", result.next_token);
  return out;
}

Json create_image(sim::World& world, const sim::Caller& caller, const Json& in) {
  sim::CreateImageRequest r;
  r.instance_id = sim::InstanceId(required_string(in, "InstanceId"));
  r.name = required_string(in, "Name");
  r.description = string_or(in, "Description");
  r.no_reboot = bool_or(in, "NoReboot", false);
  r.block_device_mappings = block_device_mappings(in);
  r.tag_specifications = tag_specifications(in);
  r.dry_run = dry_run(in);
  return {{"ImageId", unwrap(sim::create_image(world, caller, r)).str()}};
}

Json register_image(sim::World& world, const sim::Caller& caller, const Json& in) {
  sim::RegisterImageRequest r;
  r.name = required_string(in, "Name");
  r.description = string_or(in, "Description");
  r.image_location = string_or(in, "ImageLocation");
  r.architecture = string_or(in, "Architecture");
  r.virtualization_type = string_or(in, "VirtualizationType");
  r.root_device_name = string_or(in, "RootDeviceName");
  r.block_device_mappings = block_device_mappings(in);
  r.ena_support = bool_or(in, "EnaSupport", false);
  r.sriov_net_support = string_or(in, "SriovNetSupport");
  r.boot_mode = string_or(in, "BootMode");
  r.tpm_support = string_or(in, "TpmSupport");
  r.imds_support = string_or(in, "ImdsSupport");
  r.billing_products = strings(in, "BillingProducts");
  r.tag_specifications = tag_specifications(in);
  r.dry_run = dry_run(in);
  return {{"ImageId", unwrap(sim::register_image(world, caller, r)).str()}};
}

// CopyImage (sim/copies/copies.hpp). Accepted and ignored [?]:
// SnapshotCopyCompletionDurationMinutes (time-based copies are not modelled: copies take
// copy_duration of the data moved). Refused: Outposts and Local Zone destinations, which amisim has
// none of.
Json copy_image(sim::World& world, const sim::Caller& caller, const Json& in) {
  for (const char* key :
       {"DestinationOutpostArn", "DestinationAvailabilityZone", "DestinationAvailabilityZoneId"}) {
    if (member(in, key)) fail(sim::errors::parameter_not_supported(key));
  }
  sim::CopyImageRequest r;
  r.source_region = sim::RegionName(required_string(in, "SourceRegion"));
  r.source_image_id = sim::ImageId(required_string(in, "SourceImageId"));
  r.name = required_string(in, "Name");
  r.description = string_or(in, "Description");
  r.copy_image_tags = bool_or(in, "CopyImageTags", false);
  r.encrypted = opt_bool(in, "Encrypted");
  r.kms_key_id = string_or(in, "KmsKeyId");
  r.tag_specifications = tag_specifications(in);
  r.client_token = string_or(in, "ClientToken");
  r.dry_run = dry_run(in);
  return {{"ImageId", unwrap(sim::copy_image(world, caller, r)).str()}};
}

Json deregister_image(sim::World& world, const sim::Caller& caller, const Json& in) {
  const bool delete_snapshots = bool_or(in, "DeleteAssociatedSnapshots", false);
  const auto result =
      unwrap(sim::deregister_image(world, caller, image_id(in), delete_snapshots, dry_run(in)));
  Json out = returned_true();
  if (!delete_snapshots) return out;
  Json deleted = Json::array();
  for (const auto& d : result.deleted_snapshots)
    deleted.push_back({{"SnapshotId", d.snapshot_id.str()}, {"ReturnCode", d.return_code}});
  out["DeleteSnapshotResults"] = std::move(deleted);
  return out;
}

Json describe_image_attribute(sim::World& world, const sim::Caller& caller, const Json& in) {
  const std::string attribute = required_string(in, "Attribute");
  const sim::ImageId id = image_id(in);
  return attribute_json(unwrap(sim::describe_image_attribute(world, caller, id, attribute)),
                        attribute);
}

Json modify_image_attribute(sim::World& world, const sim::Caller& caller, const Json& in) {
  unwrap(sim::modify_image_attribute(world, caller, modify_request(in)));
  return Json::object();
}

Json reset_image_attribute(sim::World& world, const sim::Caller& caller, const Json& in) {
  const std::string attribute = required_string(in, "Attribute");
  unwrap(sim::reset_image_attribute(world, caller, image_id(in), attribute, dry_run(in)));
  return Json::object();
}

Json cancel_image_launch_permission(sim::World& world, const sim::Caller& caller, const Json& in) {
  unwrap(sim::cancel_image_launch_permission(world, caller, image_id(in), dry_run(in)));
  return returned_true();
}

Json enable_image_deprecation(sim::World& world, const sim::Caller& caller, const Json& in) {
  const sim::ImageId id = image_id(in);
  unwrap(sim::enable_image_deprecation(world, caller, id, required_time(in, "DeprecateAt"),
                                       dry_run(in)));
  return returned_true();
}

Json disable_image_deprecation(sim::World& world, const sim::Caller& caller, const Json& in) {
  unwrap(sim::disable_image_deprecation(world, caller, image_id(in), dry_run(in)));
  return returned_true();
}

Json disable_image(sim::World& world, const sim::Caller& caller, const Json& in) {
  unwrap(sim::disable_image(world, caller, image_id(in), dry_run(in)));
  return returned_true();
}

Json enable_image(sim::World& world, const sim::Caller& caller, const Json& in) {
  unwrap(sim::enable_image(world, caller, image_id(in), dry_run(in)));
  return returned_true();
}

Json enable_image_deregistration_protection(sim::World& world, const sim::Caller& caller,
                                            const Json& in) {
  const bool with_cooldown = bool_or(in, "WithCooldown", false);
  return {{"Return", unwrap(sim::enable_image_deregistration_protection(
                         world, caller, image_id(in), with_cooldown, dry_run(in)))}};
}

Json disable_image_deregistration_protection(sim::World& world, const sim::Caller& caller,
                                             const Json& in) {
  return {{"Return", unwrap(sim::disable_image_deregistration_protection(
                         world, caller, image_id(in), dry_run(in)))}};
}

constexpr HandlerEntry kImageHandlers[] = {
    {"CancelImageLaunchPermission", cancel_image_launch_permission, true},
    {"CopyImage", copy_image, true},
    {"CreateImage", create_image, true},
    {"DeregisterImage", deregister_image, true},
    {"DescribeImageAttribute", describe_image_attribute, false},
    {"DescribeImages", describe_images, false},
    {"DisableImage", disable_image, true},
    {"DisableImageDeprecation", disable_image_deprecation, true},
    {"DisableImageDeregistrationProtection", disable_image_deregistration_protection, true},
    {"EnableImage", enable_image, true},
    {"EnableImageDeprecation", enable_image_deprecation, true},
    {"EnableImageDeregistrationProtection", enable_image_deregistration_protection, true},
    {"ModifyImageAttribute", modify_image_attribute, true},
    {"RegisterImage", register_image, true},
    {"ResetImageAttribute", reset_image_attribute, true},
};

}  // namespace

std::span<const HandlerEntry> image_handlers() { return kImageHandlers; }

}  // namespace amisim::ec2
