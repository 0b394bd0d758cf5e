// What still uses an image and where it came from (issue 17; facts §U in docs/aws-facts.md):
// DescribeImageReferences (the caller's instances, launch templates and SSM parameters that name
// an image), DescribeInstanceImageMetadata (the AMI each of the caller's instances came from, even
// once that AMI is deprecated, disabled or deregistered), GetImageAncestry (the chain of source
// images back to the root), and the delay with which a launch shows as an image's
// LastLaunchedTime.
//
// Everything here reads the world except record_image_launch and the event it schedules. Images
// a later feature hides (a Recycle Bin's binned images) are handled where the image records are
// looked up: image_record() below, the one lookup these reads use.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sim/core/query.hpp"
#include "sim/state/world.hpp"

namespace amisim::sim {

// --- LastLaunchedTime ------------------------------------------------------------------------

// AWS reports LastLaunchedTime "with a delay of up to 24 hours" (fact sheet §9; facts §U). amisim
// shows a launch as LastLaunchedTime exactly 24 hours of model time after it [?]: the longest
// delay AWS allows, so a clean-up job that trusts the value is seen to be a day behind.
inline constexpr DurationMs kLastLaunchedReportDelayMs = 24 * kHourMs;

// A launch from `image` now: schedules its report (kImageLastLaunchReported, a housekeeping
// event: the instant clock mode does not hurry it).
void record_image_launch(World& world, const Image& image);

// Applies kImageLastLaunchReported: the image's LastLaunchedTime becomes the launch's time unless
// a later launch was reported already. An image no longer there is left alone.
void on_image_usage_event(World& world, const Event& event);

// The image record `id` in `region` whatever its state, or nullptr.
const Image* image_record(const World& world, const RegionName& region, const ImageId& id);

// --- DescribeImageReferences -------------------------------------------------------------------

enum class ImageReferenceType {
  kInstance,         // ec2:Instance
  kLaunchTemplate,   // ec2:LaunchTemplate
  kSsmParameter,     // ssm:Parameter
  kImageRecipe,      // imagebuilder:ImageRecipe
  kContainerRecipe,  // imagebuilder:ContainerRecipe
};
std::string_view to_string(ImageReferenceType type);

// One ResourceTypeOption: OptionName and its OptionValues, as sent.
struct ImageReferenceOption {
  std::string name;
  std::vector<std::string> values;
};
struct ImageReferenceTypeRequest {
  std::string resource_type;  // as sent
  std::vector<ImageReferenceOption> options;
};

struct DescribeImageReferencesRequest {
  std::vector<std::string> image_ids;
  bool include_all_resource_types = false;
  std::vector<ImageReferenceTypeRequest> resource_types;
  PageRequest page;
};

struct ImageReference {
  ImageId image_id;
  ImageReferenceType type = ImageReferenceType::kInstance;
  std::string arn;
};
struct DescribeImageReferencesResult {
  std::vector<ImageReference> references;
  std::string next_token;
};

inline constexpr long kMaxImageReferenceIds = 10;  // APIREF: ImageId.N, 1 to 10 items
// version-depth: "Integers between 1 and 10000", "Default: 10" (APIREF ResourceTypeOption).
inline constexpr long kDefaultVersionDepth = 10;
inline constexpr long kMaxVersionDepth = 10000;
// The model's DescribeImageReferencesMaxResults has a minimum of 5 and no maximum: [?] 1000 per
// page, larger values clamped.
inline constexpr PageRule kDescribeImageReferencesPages{5, 1000, AboveMaximum::kClamp,
                                                        RangeWording::kValueGreaterThan, ""};

// The caller's resources in its Region that reference the images: its instances launched from
// them (in the states `state-name` names, default all), its launch templates one of whose latest
// `version-depth` versions (default 10) has the image as ImageId (directly or through a
// resolve:ssm: parameter that resolves to it now), and the SSM parameters it owns whose value is
// the image (amisim's are the parameters of image files' customer images; AWS's public
// /aws/service/ parameters belong to no customer). Image Builder recipes: amisim has no Image
// Builder, so none. The images may be anyone's, in any state, or unknown (nothing references an
// unknown ID) [?]. Ordered by image ID, then resource type, then ARN (the NextToken key).
// Errors: MissingParameter (no ImageIds; neither IncludeAllResourceTypes nor ResourceTypes),
// InvalidParameterValue (more than 10 IDs, a bad type, option or value, MaxResults below 5),
// InvalidAMIID.Malformed, InvalidPaginationToken.
Result<DescribeImageReferencesResult> describe_image_references(
    const World& world, const Caller& caller, const DescribeImageReferencesRequest& request);

// The ARNs AWS gives these resources: "arn:aws:ec2:<region>:<account>:instance/<id>",
// "arn:aws:ec2:<region>:<account>:launch-template/<id>", and
// "arn:aws:ssm:<region>:<account>:parameter/<name without its leading slash>".
std::string instance_arn(const RegionName& region, const AccountId& account, std::string_view id);
std::string launch_template_arn(const RegionName& region, const AccountId& account,
                                std::string_view id);
std::string ssm_parameter_arn(const RegionName& region, const AccountId& account,
                              std::string_view name);

// --- DescribeInstanceImageMetadata -------------------------------------------------------------

struct DescribeInstanceImageMetadataRequest {
  std::vector<std::string> instance_ids;
  std::vector<Filter> filters;
  PageRequest page;
};

// What DescribeInstanceImageMetadata says of an instance's AMI: the image record's values while
// amisim holds it (deregistered included); once the record is gone, what the instance kept at
// launch, with State deregistered, IsPublic false and no DeprecationTime [?].
struct ImageMetadataView {
  ImageId image_id;
  std::string name;
  AccountId owner;
  std::string owner_alias;
  TimeMs creation = 0;
  ImageState state = ImageState::kDeregistered;
  std::optional<TimeMs> deprecation_time;
  bool is_public = false;
  // ImageAllowed: the caller's Allowed AMIs verdict (sim/images/allowed_images.hpp), nullopt
  // while the setting is disabled; a gone record is judged on what the instance kept [?].
  std::optional<bool> image_allowed;
};
struct InstanceImageMetadata {
  const Instance* instance = nullptr;
  std::string zone_id;  // "use1-az6"
  ImageMetadataView image;
};
struct DescribeInstanceImageMetadataResult {
  std::vector<InstanceImageMetadata> items;
  std::string next_token;
};

// MaxResults "1 to 1000, default 1000" (the model's DescribeInstanceImageMetadataMaxResults),
// refused outside; the wording is [?].
inline constexpr PageRule kDescribeInstanceImageMetadataPages{1, 1000, AboveMaximum::kRefuse,
                                                              RangeWording::kValueBetween, ""};

// The caller's instances in its Region (terminated ones until they are purged, as
// DescribeInstances), ordered by instance ID, each with its AMI. Filters: availability-zone,
// image-allowed (the caller's Allowed AMIs; every image while disabled [?]), instance-id,
// instance-state-name, instance-type, launch-time, owner-alias and owner-id (the AMI's owner),
// tag:<key>, tag-key, zone-id. Errors: InvalidInstanceID.Malformed, InvalidInstanceID.NotFound
// (unknown, or another account's), InvalidFilter, FilterLimitExceeded, InvalidParameterValue
// (MaxResults outside 1-1000), InvalidPaginationToken.
Result<DescribeInstanceImageMetadataResult> describe_instance_image_metadata(
    const World& world, const Caller& caller, const DescribeInstanceImageMetadataRequest& request);

// --- GetImageAncestry --------------------------------------------------------------------------

struct ImageAncestryEntry {
  ImageId image_id;
  TimeMs creation = 0;
  std::string owner_alias;
  ImageId source_image_id;  // empty for an AMI with no recorded source
  RegionName source_image_region;
};

inline constexpr std::size_t kMaxAncestryEntries = 50;  // UG ami-ancestry: "The maximum ... is 50"

// The image the caller names, then its source, its source's source ... to the root: an AMI with
// no recorded source (RegisterImage, imports, the catalogue), a public AMI of a verified provider
// (owner alias amazon or aws-marketplace), an AMI whose source record amisim does not hold, or
// the 50th entry (UG ami-ancestry). The walk reads the lineage amisim keeps whatever has become of
// the ancestors since (deregistered, unshared, another account's) [?]. Errors:
// InvalidAMIID.Malformed, InvalidAMIID.NotFound (unknown here, purged, or not visible to the
// caller).
Result<std::vector<ImageAncestryEntry>> get_image_ancestry(const World& world, const Caller& caller,
                                                           const ImageId& image_id);

}  // namespace amisim::sim
