// A launch template: named, versioned launch parameters, per account per Region (a template ID
// looked up in another Region is simply not found there). Versions are numbered from 1 in the
// order they are created; a number is never reused, even after its version is deleted, and a
// version's data never changes once created ("Launch templates are immutable", APIREF
// CreateLaunchTemplateVersion; UG launch-template-restrictions). One version is the default:
// RunInstances without a Version uses it, and changing it is how a fleet rolls back.
//
// Invariants: `versions` holds the default version; next_version > every key of `versions`;
// 1 <= default_version < next_version.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sim/core/ids.hpp"
#include "sim/core/tags.hpp"
#include "sim/core/time.hpp"
#include "sim/state/image.hpp"
#include "sim/state/metadata_options.hpp"

namespace amisim::sim {

// The launch parameters one version holds: the modelled part of RequestLaunchTemplateData.
// An unset optional or an empty list = "not set by the template".
struct LaunchTemplateData {
  std::optional<std::string> image_id;  // kept as given: checked when an instance launches
  std::optional<std::string> instance_type;
  std::optional<std::string> key_name;
  std::vector<std::string> security_group_ids;
  std::vector<std::string> security_groups;  // names
  std::optional<std::string> user_data;      // raw bytes (the wire carries base64)
  std::vector<BlockDeviceMapping> block_device_mappings;
  std::optional<ZoneName> availability_zone;         // Placement.AvailabilityZone
  std::vector<TagSpecification> tag_specifications;  // for the launched resources
  // The instance attributes RunInstances also takes (sim/state/instance.hpp).
  std::optional<bool> disable_api_termination;
  std::optional<bool> disable_api_stop;
  std::optional<std::string> shutdown_behavior;  // InstanceInitiatedShutdownBehavior
  std::optional<bool> ebs_optimized;
  MetadataOptionsRequest metadata_options;  // MetadataOptions: the members given
  std::optional<bool> monitoring;           // Monitoring.Enabled
};

struct LaunchTemplateVersion {
  std::int64_t number = 1;
  std::string description;  // VersionDescription
  TimeMs create_time = 0;
  LaunchTemplateData data;
};

struct LaunchTemplate {
  LaunchTemplateId id;
  RegionName region;
  AccountId owner;
  std::string name;
  TimeMs create_time = 0;
  std::string created_by;  // "arn:aws:iam::<account>:root"
  std::int64_t default_version = 1;
  std::int64_t next_version = 2;  // the number the next CreateLaunchTemplateVersion gets
  std::map<std::int64_t, LaunchTemplateVersion> versions;  // live versions by number
  Tags tags;  // the template's; versions cannot be tagged (UG launch-template-restrictions)

  // LatestVersionNumber: the highest live version. [?] AWS does not document what it reports
  // after the highest version is deleted; the highest remaining one is what $Latest then means.
  std::int64_t latest_version() const { return versions.rbegin()->first; }
};

}  // namespace amisim::sim
