#include "api/dlm/policy_json.hpp"

#include <utility>

#include "api/dlm/shapes.hpp"

namespace amisim::dlm {
namespace {

using shape::child;
using shape::item;
using shape::Text;

constexpr Text kString{0, 500, ""};                                 // String (a Tag's members)
constexpr Text kName{0, 120, "[0-9A-Za-z _-]+"};                    // ScheduleName
constexpr Text kDescription{0, 500, "[0-9A-Za-z _-]+"};             // PolicyDescription
constexpr Text kTime{5, 5, "^(0[0-9]|1[0-9]|2[0-3]):[0-5][0-9]$"};  // Time
constexpr Text kCron{17, 106, R"(cron\([^\n]{11,100}\))"};          // CronExpression
constexpr Text kTargetRegion{0, 16, R"(([a-z]+-){2,3}\d)"};         // TargetRegion
constexpr Text kAccount{12, 12, "^[0-9]{12}$"};                     // AwsAccountId
constexpr Text kAvailabilityZone{0, 16, R"(([a-z]+-){2,3}\d[a-z])"};
constexpr Text kAvailabilityZoneId{0, 16, R"([a-z]{3,4}\d-az\d+)"};
constexpr Text kCmkArn{0, 2048, R"(arn:aws(-[a-z]{1,3}){0,2}:kms:([a-z]+-){2,3}\d:\d+:key/.*)"};
constexpr Text kRoleArn{0, 2048, R"(arn:aws(-[a-z]{1,3}){0,2}:iam::\d+:role/.*)"};

sim::DlmUnit unit_of(const std::string& s) {
  return s == "WEEKS"    ? sim::DlmUnit::kWeeks
         : s == "MONTHS" ? sim::DlmUnit::kMonths
         : s == "YEARS"  ? sim::DlmUnit::kYears
                         : sim::DlmUnit::kDays;
}

// Members of default and event-based policies, refused wherever they appear [?].
void refuse_unmodelled_members(const Json& in, bool details) {
  for (std::string_view key : {"DefaultPolicy", "CreateInterval", "RetainInterval", "CopyTags",
                               "ExtendDeletion", "CrossRegionCopyTargets", "Exclusions"}) {
    if (key == "DefaultPolicy" && details) continue;  // not a member of PolicyDetails
    if (shape::find(in, key) != nullptr)
      shape::unmodelled("default policies (" + std::string(key) + ")");
  }
  if (!details) return;
  if (shape::find(in, "ResourceType") != nullptr)
    shape::unmodelled("default policies (PolicyDetails.ResourceType)");
  for (std::string_view key : {"EventSource", "Actions"})
    if (shape::find(in, key) != nullptr)
      shape::unmodelled("event-based policies (PolicyDetails." + std::string(key) + ")");
}

std::vector<sim::Tag> read_tags(const Json& in, std::string_view key, std::string_view path,
                                std::size_t min, std::size_t max) {
  std::vector<sim::Tag> out;
  const Json* list = shape::list(in, key, path, min, max);
  if (list == nullptr) return out;
  const std::string at = child(path, key);
  for (std::size_t i = 0; i < list->size(); ++i) {
    const Json& tag = (*list)[i];
    const std::string p = item(at, i);
    if (!tag.is_object()) shape::refuse(p, &tag, "Member must be a structure");
    out.push_back({shape::required_text(tag, "Key", p, kString),
                   shape::required_text(tag, "Value", p, kString)});
  }
  return out;
}

// Interval + IntervalUnit (an age): both or neither.
std::optional<sim::DlmPeriod> read_period(const Json& in, std::string_view path,
                                          std::string_view interval_key, std::string_view unit_key,
                                          int min_interval) {
  auto interval = shape::integer(in, interval_key, path, min_interval);
  auto unit = shape::one_of(in, unit_key, path, {"DAYS", "WEEKS", "MONTHS", "YEARS"});
  if (!interval && !unit) return std::nullopt;
  if (!interval) shape::refuse(child(path, interval_key), nullptr, "Member must not be null");
  if (!unit) shape::refuse(child(path, unit_key), nullptr, "Member must not be null");
  return sim::DlmPeriod{*interval, unit_of(*unit)};
}

// RetainRule, DeprecateRule, RetentionArchiveTier: Count or Interval + IntervalUnit.
sim::DlmCountOrAge read_count_or_age(const Json* in, std::string_view path, int count_min,
                                     int interval_min) {
  sim::DlmCountOrAge out;
  if (in == nullptr) return out;
  out.count = shape::integer(*in, "Count", path, count_min, 1000);
  out.age = read_period(*in, path, "Interval", "IntervalUnit", interval_min);
  return out;
}

sim::DlmCreateRule read_create_rule(const Json& in, std::string_view path) {
  if (auto location = shape::one_of(in, "Location", path, {"CLOUD", "OUTPOST_LOCAL", "LOCAL_ZONE"});
      location && *location != "CLOUD")
    shape::unmodelled("snapshots on Outposts or in Local Zones (CreateRule.Location " + *location +
                      ")");
  if (shape::list(in, "Scripts", path, 0, 1) != nullptr)
    shape::unmodelled("pre and post scripts (CreateRule.Scripts)");
  sim::DlmCreateRule rule;
  rule.interval_hours = shape::integer(in, "Interval", path, 1);
  (void)shape::one_of(in, "IntervalUnit", path, {"HOURS"});
  if (const Json* times = shape::list(in, "Times", path, 0, 1); times && !times->empty())
    rule.time = shape::text_value((*times)[0], item(child(path, "Times"), 0), kTime);
  rule.cron = shape::text(in, "CronExpression", path, kCron);
  return rule;
}

sim::DlmCrossRegionCopyRule read_cross_region_copy(const Json& in, std::string_view path) {
  if (shape::find(in, "Target") != nullptr)
    shape::unmodelled("copies to Outposts (CrossRegionCopyRule.Target)");
  sim::DlmCrossRegionCopyRule rule;
  rule.target = sim::RegionName(shape::required_text(in, "TargetRegion", path, kTargetRegion));
  auto encrypted = shape::boolean(in, "Encrypted", path);
  if (!encrypted) shape::refuse(child(path, "Encrypted"), nullptr, "Member must not be null");
  rule.encrypted = *encrypted;
  rule.cmk_arn = shape::text(in, "CmkArn", path, kCmkArn);
  rule.copy_tags = shape::boolean(in, "CopyTags", path).value_or(false);
  if (const Json* retain = shape::object(in, "RetainRule", path))
    rule.retain = read_period(*retain, child(path, "RetainRule"), "Interval", "IntervalUnit", 1);
  if (const Json* deprecate = shape::object(in, "DeprecateRule", path))
    rule.deprecate =
        read_period(*deprecate, child(path, "DeprecateRule"), "Interval", "IntervalUnit", 1);
  return rule;
}

sim::DlmShareRule read_share_rule(const Json& in, std::string_view path) {
  sim::DlmShareRule rule;
  const Json* accounts = shape::list(in, "TargetAccounts", path, 1);
  if (accounts == nullptr)
    shape::refuse(child(path, "TargetAccounts"), nullptr, "Member must not be null");
  for (std::size_t i = 0; i < accounts->size(); ++i)
    rule.accounts.emplace_back(
        shape::text_value((*accounts)[i], item(child(path, "TargetAccounts"), i), kAccount));
  rule.unshare_after = read_period(in, path, "UnshareInterval", "UnshareIntervalUnit", 1);
  return rule;
}

sim::DlmArchiveRule read_archive_rule(const Json& in, std::string_view path) {
  const Json* retain = shape::required_object(in, "RetainRule", path);
  const std::string retain_path = child(path, "RetainRule");
  const Json* tier = shape::required_object(*retain, "RetentionArchiveTier", retain_path);
  return {read_count_or_age(tier, child(retain_path, "RetentionArchiveTier"), 1, 1)};
}

// FastRestoreRule: its shape is checked, and the rule only echoed.
void check_fast_restore(const Json& in, std::string_view path) {
  (void)read_count_or_age(&in, path, 1, 1);
  for (auto [key, zone] : {std::pair{"AvailabilityZones", kAvailabilityZone},
                           std::pair{"AvailabilityZoneIds", kAvailabilityZoneId}}) {
    if (const Json* zones = shape::list(in, key, path, 1, 10))
      for (std::size_t i = 0; i < zones->size(); ++i)
        (void)shape::text_value((*zones)[i], item(child(path, key), i), zone);
  }
}

template <class Read>
auto read_rules(const Json& in, std::string_view key, std::string_view path, std::size_t max,
                Read read) {
  std::vector<decltype(read(in, path))> out;
  const Json* list = shape::list(in, key, path, 0, max);
  if (list == nullptr) return out;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const std::string p = item(child(path, key), i);
    if (!(*list)[i].is_object()) shape::refuse(p, &(*list)[i], "Member must be a structure");
    out.push_back(read((*list)[i], p));
  }
  return out;
}

sim::DlmSchedule read_schedule(const Json& in, std::string_view path) {
  sim::DlmSchedule s;
  s.name = shape::text(in, "Name", path, kName).value_or("");
  s.copy_tags = shape::boolean(in, "CopyTags", path).value_or(false);
  s.tags_to_add = read_tags(in, "TagsToAdd", path, 0, 45);
  s.variable_tags = read_tags(in, "VariableTags", path, 0, 45);
  if (const Json* create = shape::object(in, "CreateRule", path))
    s.create = read_create_rule(*create, child(path, "CreateRule"));
  s.retain =
      read_count_or_age(shape::object(in, "RetainRule", path), child(path, "RetainRule"), 0, 0);
  s.deprecate = read_count_or_age(shape::object(in, "DeprecateRule", path),
                                  child(path, "DeprecateRule"), 1, 1);
  s.cross_region_copies = read_rules(in, "CrossRegionCopyRules", path, 3, read_cross_region_copy);
  if (auto shares = read_rules(in, "ShareRules", path, 1, read_share_rule); !shares.empty())
    s.share = std::move(shares[0]);
  if (const Json* archive = shape::object(in, "ArchiveRule", path))
    s.archive = read_archive_rule(*archive, child(path, "ArchiveRule"));
  if (const Json* fast = shape::object(in, "FastRestoreRule", path)) {
    check_fast_restore(*fast, child(path, "FastRestoreRule"));
    s.fast_restore = true;
  }
  return s;
}

void read_parameters(const Json& in, std::string_view path, sim::DlmPolicyDetails& d) {
  const Json* params = shape::object(in, "Parameters", path);
  if (params == nullptr) return;
  const std::string p = child(path, "Parameters");
  if (shape::find(*params, "ExcludeDataVolumeTags") != nullptr)
    shape::unmodelled("excluding data volumes by tag (Parameters.ExcludeDataVolumeTags)");
  d.no_reboot = shape::boolean(*params, "NoReboot", p).value_or(true);
  d.exclude_boot_volume = shape::boolean(*params, "ExcludeBootVolume", p).value_or(false);
}

// The policy's target: its type, the one resource type, where, and which tags.
void read_target(const Json& in, std::string_view path, sim::DlmPolicyDetails& d) {
  auto type = shape::one_of(in, "PolicyType", path,
                            {"EBS_SNAPSHOT_MANAGEMENT", "IMAGE_MANAGEMENT", "EVENT_BASED_POLICY"});
  if (type == "EVENT_BASED_POLICY") shape::unmodelled("event-based policies (EVENT_BASED_POLICY)");
  // AWS's default PolicyType is EBS_SNAPSHOT_MANAGEMENT (API reference, PolicyDetails).
  d.type = type == "IMAGE_MANAGEMENT" ? sim::DlmPolicyType::kImage : sim::DlmPolicyType::kSnapshot;
  if (auto language = shape::one_of(in, "PolicyLanguage", path, {"SIMPLIFIED", "STANDARD"});
      language == "SIMPLIFIED")
    shape::unmodelled("default policies (PolicyLanguage SIMPLIFIED)");
  if (const Json* where = shape::list(in, "ResourceLocations", path, 1, 1)) {
    const std::string p = item(child(path, "ResourceLocations"), 0);
    const Json& location = (*where)[0];
    if (location != "CLOUD" && location != "OUTPOST" && location != "LOCAL_ZONE")
      shape::refuse(p, &location,
                    "Member must satisfy enum value set: [CLOUD, OUTPOST, LOCAL_ZONE]");
    if (location != "CLOUD")
      shape::unmodelled("resources on Outposts or in Local Zones (ResourceLocations " +
                        location.get<std::string>() + ")");
  }
  // Custom policies need a resource type, target tags and schedules; without them the typed
  // details cannot be made [?].
  const Json* types = shape::list(in, "ResourceTypes", path, 1, 1);
  if (types == nullptr)
    shape::refuse(child(path, "ResourceTypes"), nullptr, "Member must not be null");
  const Json& resource = (*types)[0];
  if (resource != "VOLUME" && resource != "INSTANCE")
    shape::refuse(item(child(path, "ResourceTypes"), 0), &resource,
                  "Member must satisfy enum value set: [VOLUME, INSTANCE]");
  d.resource_type =
      resource == "VOLUME" ? sim::DlmResourceType::kVolume : sim::DlmResourceType::kInstance;
  if (shape::find(in, "TargetTags") == nullptr)
    shape::refuse(child(path, "TargetTags"), nullptr, "Member must not be null");
  d.target_tags = read_tags(in, "TargetTags", path, 1, 50);
}

sim::DlmPolicyDetails read_details(const Json& in, std::string_view path) {
  refuse_unmodelled_members(in, true);
  sim::DlmPolicyDetails d;
  read_target(in, path, d);
  if (shape::find(in, "Schedules") == nullptr)
    shape::refuse(child(path, "Schedules"), nullptr, "Member must not be null");
  d.schedules = read_rules(in, "Schedules", path, 4, read_schedule);
  if (d.schedules.empty())
    shape::refuse(child(path, "Schedules"), shape::find(in, "Schedules"),
                  "Member must have length greater than or equal to 1");
  read_parameters(in, path, d);
  return d;
}

}  // namespace

sim::DlmPolicySpec read_policy_spec(const Json& in, bool create) {
  refuse_unmodelled_members(in, false);
  sim::DlmPolicySpec spec;
  spec.execution_role_arn = create ? shape::required_text(in, "ExecutionRoleArn", "", kRoleArn)
                                   : shape::text(in, "ExecutionRoleArn", "", kRoleArn);
  spec.description = create ? shape::required_text(in, "Description", "", kDescription)
                            : shape::text(in, "Description", "", kDescription);
  auto state = shape::one_of(in, "State", "", {"ENABLED", "DISABLED"});
  if (create && !state) shape::refuse("state", nullptr, "Member must not be null");
  if (state) spec.enabled = *state == "ENABLED";
  if (const Json* details = shape::object(in, "PolicyDetails", "")) {
    spec.details = read_details(*details, "policyDetails");
    spec.details_document = details->dump();
  }
  if (create) spec.tags = read_tag_map(in, "Tags");
  return spec;
}

std::vector<sim::Tag> read_tag_map(const Json& in, std::string_view key) {
  std::vector<sim::Tag> out;
  const Json* map = shape::find(in, key);
  if (map == nullptr) return out;
  const std::string path = child("", key);
  if (!map->is_object()) shape::refuse(path, map, "Member must be a map");
  if (map->empty()) shape::refuse(path, map, "Member must have length greater than or equal to 1");
  if (map->size() > 200)
    shape::refuse(path, map, "Member must have length less than or equal to 200");
  for (const auto& [k, v] : map->items()) {
    (void)shape::text_value(Json(k), path, shape::kTagKey);
    out.push_back({k, shape::text_value(v, path, shape::kTagValue)});
  }
  return out;
}

Json tag_map_json(const std::vector<sim::Tag>& tags) {
  Json out = Json::object();
  for (const auto& t : tags) out[t.key] = t.value;
  return out;
}

}  // namespace amisim::dlm
