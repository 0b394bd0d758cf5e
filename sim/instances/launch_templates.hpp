// Launch template operations: Create/Describe/Modify/DeleteLaunchTemplate(s),
// Create/Describe/DeleteLaunchTemplateVersion(s), and the RunInstances merge. Templates are per
// account per Region (sim/state/launch_template.hpp). Sources: APIREF CreateLaunchTemplate,
// CreateLaunchTemplateVersion, DescribeLaunchTemplates, DescribeLaunchTemplateVersions,
// ModifyLaunchTemplate, DeleteLaunchTemplateVersions, DeleteLaunchTemplate; UG
// ec2-launch-templates ("If you do not specify a version, the default version is used"),
// launch-template-restrictions, delete-launch-template ("Deleting a launch template or launch
// template version doesn't affect any instances that you've launched from the launch template").
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/core/query.hpp"
#include "sim/instances/instances.hpp"
#include "sim/state/world.hpp"

namespace amisim::sim {

// Quotas (UG launch-template-restrictions: 5,000 templates per Region, 10,000 versions per
// template) and APIREF DeleteLaunchTemplateVersions ("up to 200 launch template versions in a
// single request"). [?] The error beyond a quota: AWS does not name it; LaunchTemplateLimitExceeded
// is not in ERRCODES, so ResourceLimitExceeded is used.
inline constexpr std::size_t kMaxLaunchTemplatesPerRegion = 5000;
inline constexpr std::size_t kMaxLaunchTemplateVersions = 10000;
inline constexpr std::size_t kMaxVersionsPerDelete = 200;

// Which template a call means: an ID or a name, not both.
struct LaunchTemplateRef {
  std::string id;
  std::string name;
};

// The template `ref` names among the caller's in the caller's Region. Errors: MissingParameter
// (neither) [?], InvalidParameterCombination (both) [?], InvalidLaunchTemplateId.Malformed,
// InvalidLaunchTemplateId.NotFound (also another account's or another Region's ID),
// InvalidLaunchTemplateName.NotFoundException.
Result<const LaunchTemplate*> find_launch_template(const World& world, const Caller& caller,
                                                   const LaunchTemplateRef& ref);

// The version a version string names: a number, "$Latest" or "$Default" ("" = "$Default").
// Errors: InvalidParameterValue for anything else [?], InvalidLaunchTemplateId.VersionNotFound
// for a number with no live version.
Result<const LaunchTemplateVersion*> find_launch_template_version(const LaunchTemplate& lt,
                                                                  const std::string& version);

struct CreateLaunchTemplateRequest {
  std::string name;
  std::string version_description;
  LaunchTemplateData data;
  std::vector<TagSpecification> tag_specifications;  // ResourceType "launch-template"
  bool dry_run = false;
};
// A new template with version 1 as default and latest, CreatedBy the caller's root ARN. Errors:
// InvalidLaunchTemplateName.MalformedException (3-128 of [a-zA-Z0-9()./_-]),
// InvalidLaunchTemplateName.AlreadyExistsException (per account per Region), InvalidParameterValue
// (description over 255, tag resource types), TagLimitExceeded, ResourceLimitExceeded,
// DryRunOperation.
Result<const LaunchTemplate*> create_launch_template(World& world, const Caller& caller,
                                                     const CreateLaunchTemplateRequest& request);

struct CreateLaunchTemplateVersionRequest {
  LaunchTemplateRef ref;
  std::string source_version;  // "" = start empty
  std::string version_description;
  LaunchTemplateData data;
  bool dry_run = false;
};
struct LaunchTemplateVersionView {
  const LaunchTemplate* launch_template;
  const LaunchTemplateVersion* version;
};
// A new version numbered next_version (never a reused number). With a source version the new data
// is the source's with every parameter `data` sets replaced (APIREF: "inherits the same launch
// parameters as the source version, except for parameters that you specify"). The default does
// not change. Errors: those of find_launch_template and find_launch_template_version (source),
// ResourceLimitExceeded, DryRunOperation.
Result<LaunchTemplateVersionView> create_launch_template_version(
    World& world, const Caller& caller, const CreateLaunchTemplateVersionRequest& request);

struct DescribeLaunchTemplatesRequest {
  std::vector<std::string> ids;
  std::vector<std::string> names;
  std::vector<Filter> filters;  // create-time, launch-template-name, tag:<key>, tag-key
  PageRequest page;
};
struct DescribeLaunchTemplatesResult {
  std::vector<const LaunchTemplate*> launch_templates;  // by ID
  std::string next_token;
};
// The caller's templates in the Region. An ID or name that is not there fails the call
// (InvalidLaunchTemplateId.Malformed/.NotFound, InvalidLaunchTemplateName.NotFoundException);
// InvalidFilter, FilterLimitExceeded, MaxResults 1-200, InvalidPaginationToken.
Result<DescribeLaunchTemplatesResult> describe_launch_templates(
    const World& world, const Caller& caller, const DescribeLaunchTemplatesRequest& request);

struct DescribeLaunchTemplateVersionsRequest {
  std::optional<LaunchTemplateRef> ref;  // none: $Latest/$Default of every template
  std::vector<std::string> versions;     // numbers, "$Latest", "$Default"
  std::string min_version;
  std::string max_version;
  std::vector<Filter> filters;  // create-time, image-id, instance-type, is-default-version,
                                // key-name [?: not in APIREF's list, but harmless]
  PageRequest page;
};
struct DescribeLaunchTemplateVersionsResult {
  std::vector<LaunchTemplateVersionView> versions;  // by template, newest version first [?]
  std::string next_token;
};
// One template's versions: all, the listed ones (each must exist: VersionNotFound) and/or those
// within [min, max]. Without a template only "$Latest"/"$Default" may be listed, and they are
// resolved in every template of the caller (APIREF). Errors: those of find_launch_template,
// find_launch_template_version, MissingParameter [?], InvalidFilter, MaxResults.
Result<DescribeLaunchTemplateVersionsResult> describe_launch_template_versions(
    const World& world, const Caller& caller, const DescribeLaunchTemplateVersionsRequest& request);

// Sets the default version (the rollback lever). New launches without a version use it; running
// instances are untouched. Errors: those of find_launch_template, find_launch_template_version
// ("$Latest" allowed [?]), DryRunOperation.
Result<const LaunchTemplate*> modify_launch_template(World& world, const Caller& caller,
                                                     const LaunchTemplateRef& ref,
                                                     const std::string& default_version,
                                                     bool dry_run = false);

struct DeletedLaunchTemplateVersion {
  std::int64_t number = 0;
};
struct FailedLaunchTemplateVersion {
  std::int64_t number = 0;  // 0 when the version string is not a number
  std::string code;         // LaunchTemplateErrorCode: launchTemplateVersionDoesNotExist, ...
  std::string message;
};
struct DeleteLaunchTemplateVersionsResult {
  const LaunchTemplate* launch_template = nullptr;
  std::vector<DeletedLaunchTemplateVersion> deleted;
  std::vector<FailedLaunchTemplateVersion> failed;
};
// Deletes each listed version number that exists and is not the default; the others are reported
// per version, the call itself succeeding (APIREF: "You can't delete the default version").
// Errors for the whole call: those of find_launch_template, MissingParameter (no versions),
// InvalidParameterValue (over 200) [?], DryRunOperation.
Result<DeleteLaunchTemplateVersionsResult> delete_launch_template_versions(
    World& world, const Caller& caller, const LaunchTemplateRef& ref,
    const std::vector<std::string>& versions, bool dry_run = false);

// Deletes the template and all its versions; returns what it was. Launched instances are not
// affected. Errors: those of find_launch_template, DryRunOperation.
Result<LaunchTemplate> delete_launch_template(World& world, const Caller& caller,
                                              const LaunchTemplateRef& ref, bool dry_run = false);

// The RunInstances request with request.launch_template resolved: the named version's data fills
// every member the request leaves unset (ImageId, InstanceType, KeyName, security groups,
// UserData, Placement zone); block device mappings merge by device and tags by resource type and
// key, the request winning (APIREF RunInstances LaunchTemplate: "Any parameters that you specify
// in RunInstances override the same parameters in the launch template"). The result names no
// template. Errors: those of find_launch_template and find_launch_template_version;
// MissingParameter "ImageId" [?] when neither gives an image.
Result<RunInstancesRequest> apply_launch_template(const World& world, const Caller& caller,
                                                  const RunInstancesRequest& request);

}  // namespace amisim::sim
