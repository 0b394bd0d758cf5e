// Amazon Data Lifecycle Manager policies of one Region (sim/dlm/dlm.hpp has their rules; facts
// §D in docs/aws-facts.md): what a policy says (its PolicyDetails, typed where amisim acts on
// them) and what it has made (the AMIs and snapshots it manages, for retention, deprecation,
// copies and sharing). The PolicyDetails document as the caller gave it is kept too, for
// GetLifecyclePolicy to echo: api/dlm writes and reads it, sim/ never parses it.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sim/core/ids.hpp"
#include "sim/core/tags.hpp"
#include "sim/core/time.hpp"

namespace amisim::sim {

enum class DlmPolicyType : std::uint8_t { kSnapshot, kImage };  // EBS_SNAPSHOT_/IMAGE_MANAGEMENT
enum class DlmResourceType : std::uint8_t { kVolume, kInstance };
enum class DlmUnit : std::uint8_t { kDays, kWeeks, kMonths, kYears };  // RetentionIntervalUnit

// An age: Interval + IntervalUnit (DAYS | WEEKS | MONTHS | YEARS).
struct DlmPeriod {
  int interval = 0;
  DlmUnit unit = DlmUnit::kDays;
};

// CreateRule: every `interval_hours` hours from `time` ("hh:mm" UTC) each day, or a cron
// expression ("cron(...)", six fields as EventBridge writes them).
struct DlmCreateRule {
  std::optional<int> interval_hours;
  std::optional<std::string> time;  // Times: at most one
  std::optional<std::string> cron;
};

// RetainRule and DeprecateRule: a count (1-1000) or an age; never both.
struct DlmCountOrAge {
  std::optional<int> count;
  std::optional<DlmPeriod> age;
  bool empty() const { return !count && !age; }
};

struct DlmCrossRegionCopyRule {
  RegionName target;                   // TargetRegion (or Target for Outposts: not modelled)
  bool encrypted = false;              // Encrypted (required)
  std::optional<std::string> cmk_arn;  // CmkArn: echoed; the copy uses the Region's default key
  bool copy_tags = false;              // CopyTags
  std::optional<DlmPeriod> retain;     // the copy's RetainRule
  std::optional<DlmPeriod> deprecate;  // the copy's DeprecateRule (AMI policies)
};

struct DlmShareRule {
  std::vector<AccountId> accounts;         // TargetAccounts
  std::optional<DlmPeriod> unshare_after;  // UnshareInterval + UnshareIntervalUnit
};

// ArchiveRule (snapshot policies): snapshots leaving the standard tier's retention go to the
// archive tier and stay there by RetentionArchiveTier's count or age.
struct DlmArchiveRule {
  DlmCountOrAge retain;
};

struct DlmSchedule {
  std::string name;
  bool copy_tags = false;
  std::vector<Tag> tags_to_add;
  std::vector<Tag> variable_tags;  // values "$(instance-id)" or "$(timestamp)"
  DlmCreateRule create;
  DlmCountOrAge retain;
  DlmCountOrAge deprecate;                                  // AMI policies only
  std::vector<DlmCrossRegionCopyRule> cross_region_copies;  // up to 3
  std::optional<DlmShareRule> share;
  std::optional<DlmArchiveRule> archive;
  bool fast_restore = false;  // FastRestoreRule given: echoed only (fast snapshot restore is not
                              // modelled)
};

struct DlmPolicyDetails {
  DlmPolicyType type = DlmPolicyType::kImage;
  DlmResourceType resource_type = DlmResourceType::kInstance;
  std::vector<Tag> target_tags;  // a resource with any one of them is a target
  std::vector<DlmSchedule> schedules;
  bool no_reboot = true;             // Parameters.NoReboot (AMI policies; AWS's default true)
  bool exclude_boot_volume = false;  // Parameters.ExcludeBootVolume (multi-volume snapshots)
};

// One AMI or snapshot the policy made (in its own Region or, for a copy, in the copy rule's),
// while the policy still manages it.
struct DlmManaged {
  std::string resource_id;  // "ami-..." or "snap-..."
  RegionName region;
  std::string source_id;     // the instance or volume it was made from
  std::size_t schedule = 0;  // index into schedules
  int copy_rule = -1;        // -1 for the original; else the cross-Region copy rule's index
  TimeMs created = 0;
  std::optional<TimeMs> expires;     // age-based retention
  std::optional<TimeMs> unshare_at;  // ShareRule's UnshareInterval
  bool shared = false;
  bool deprecated_by_policy = false;  // count-based deprecation already done
  bool archived = false;              // moved to the archive tier by the ArchiveRule
};

struct LifecyclePolicy {
  std::string id;  // "policy-" and 17 hex digits
  AccountId owner;
  RegionName region;
  std::string description;
  bool enabled = true;         // State ENABLED | DISABLED
  std::string status_message;  // StatusMessage: "ENABLED", "DISABLED" or what the last run hit
  bool error = false;          // State ERROR (shown instead of ENABLED)
  std::string execution_role_arn;
  TimeMs created = 0;
  TimeMs modified = 0;
  DlmPolicyDetails details;
  std::string details_document;  // the PolicyDetails JSON as given (api/dlm's)
  std::vector<Tag> tags;         // the policy's own tags
  // The next run of each schedule (index as details.schedules) and its event's sequence number.
  std::vector<TimeMs> next_run;
  std::vector<std::uint64_t> run_seq;
  std::vector<DlmManaged> managed;  // in creation order
};

}  // namespace amisim::sim
