// Data Lifecycle Manager policies: the dlm API's operations (sim/dlm/dlm.hpp). Facts:
// docs/aws-facts.md §D. The door (api/dlm) has checked shapes and enums; the rules between
// fields are here, each giving InvalidRequestException.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "sim/core/arn.hpp"
#include "sim/core/errors.hpp"
#include "sim/dlm/detail.hpp"
#include "sim/dlm/dlm.hpp"
#include "sim/ebs/snapshot_tiers.hpp"

namespace amisim::sim {
namespace {

constexpr std::size_t kMaxPoliciesPerRegion = 100;  // UG:snapshot-lifecycle.md, Quotas
constexpr std::size_t kMaxPolicyTags = 45;          // "Tags per resource: 45" (same table)
constexpr int kMaxRetainCount = 1000;               // "the range is 1 to 1000" (UG:ami-policy.md)
// Age-based retention: "1 day to 100 years" (UG:ami-policy.md).
constexpr int kMaxRetainYears = 100;
// Deprecation: "can't be greater than 10 years (120 months, 520 weeks, or 3650 days)".
constexpr int kMaxDeprecateYears = 10;

int period_limit(DlmUnit unit, int years) {
  switch (unit) {
    case DlmUnit::kDays:
      return years * 365;
    case DlmUnit::kWeeks:
      return years * 52;
    case DlmUnit::kMonths:
      return years * 12;
    case DlmUnit::kYears:
      return years;
  }
  return years;
}

std::string_view unit_name(DlmUnit unit) {
  switch (unit) {
    case DlmUnit::kDays:
      return "DAYS";
    case DlmUnit::kWeeks:
      return "WEEKS";
    case DlmUnit::kMonths:
      return "MONTHS";
    case DlmUnit::kYears:
      return "YEARS";
  }
  return "";
}

Status check_period(std::string_view what, const DlmPeriod& p, int max_years) {
  if (p.interval < 1 || p.interval > period_limit(p.unit, max_years))
    return errors::dlm_invalid_request(fmt::format("{} must be between 1 and {} {} [?].", what,
                                                   period_limit(p.unit, max_years),
                                                   unit_name(p.unit)));
  return ok_status();
}

// Ages compare by where they end from the same start (a month is not a fixed length).
bool longer(const DlmPeriod& a, const DlmPeriod& b) { return add_period(0, a) > add_period(0, b); }

Status check_schedule(const DlmPolicyDetails& d, const DlmSchedule& s, std::size_t index,
                      const World& world, const RegionName& home) {
  const std::string where =
      fmt::format("Schedule '{}'", s.name.empty() ? std::to_string(index + 1) : s.name);
  if (auto problem = create_rule_problem(s.create); !problem.empty())
    return errors::dlm_invalid_request(fmt::format("{}: {}", where, problem));
  // RetainRule: a count or an age, never both ("You can retain snapshots based on either a
  // count or an age-based setting", DLM:RetainRule). [?] a schedule without one is refused.
  if (s.retain.empty())
    return errors::dlm_invalid_request(fmt::format("{}: RetainRule is required.", where));
  if (s.retain.count && s.retain.age)
    return errors::dlm_invalid_request(fmt::format(
        "{}: RetainRule takes either Count or Interval and IntervalUnit, not both.", where));
  if (s.retain.count && (*s.retain.count < 1 || *s.retain.count > kMaxRetainCount))
    return errors::dlm_invalid_request(
        fmt::format("{}: RetainRule Count must be between 1 and {}.", where, kMaxRetainCount));
  if (s.retain.age) {
    if (auto ok = check_period(where + ": RetainRule Interval", *s.retain.age, kMaxRetainYears);
        !ok)
      return ok;
  }
  if (!s.deprecate.empty()) {
    if (d.type != DlmPolicyType::kImage)
      return errors::dlm_invalid_request(
          fmt::format("{}: DeprecateRule is supported for IMAGE_MANAGEMENT policies only.", where));
    // "If the schedule uses count-based AMI retention, you must specify the number of oldest
    // AMIs to deprecate ... less than or equal to the schedule's AMI retention count"; with
    // age-based retention a period "less than or equal to the schedule's AMI retention period,
    // and it can't be greater than 10 years" (UG:ami-policy.md).
    if (s.retain.count) {
      if (!s.deprecate.count || s.deprecate.age)
        return errors::dlm_invalid_request(
            fmt::format("{}: with count-based retention, DeprecateRule takes a Count.", where));
      if (*s.deprecate.count < 1 || *s.deprecate.count > *s.retain.count)
        return errors::dlm_invalid_request(
            fmt::format("{}: DeprecateRule Count must be between 1 and the RetainRule Count ({}).",
                        where, *s.retain.count));
    } else {
      if (!s.deprecate.age || s.deprecate.count)
        return errors::dlm_invalid_request(fmt::format(
            "{}: with age-based retention, DeprecateRule takes Interval and IntervalUnit.", where));
      if (auto ok = check_period(where + ": DeprecateRule Interval", *s.deprecate.age,
                                 kMaxDeprecateYears);
          !ok)
        return ok;
      if (longer(*s.deprecate.age, *s.retain.age))
        return errors::dlm_invalid_request(fmt::format(
            "{}: the DeprecateRule period must not be longer than the RetainRule period.", where));
    }
  }
  // "You can copy AMIs to up to three additional Regions"; one rule per destination Region.
  for (std::size_t i = 0; i < s.cross_region_copies.size(); ++i) {
    const auto& c = s.cross_region_copies[i];
    if (world.region(c.target) == nullptr)
      return errors::dlm_invalid_request(
          fmt::format("{}: cross-Region copy target Region '{}' is not a valid Region.", where,
                      c.target.str()));
    if (c.target == home)  // [?] a copy to the policy's own Region is refused
      return errors::dlm_invalid_request(fmt::format(
          "{}: the cross-Region copy target Region must differ from the policy's Region.", where));
    for (std::size_t j = 0; j < i; ++j) {
      if (s.cross_region_copies[j].target == c.target)
        return errors::dlm_invalid_request(fmt::format(
            "{}: more than one cross-Region copy rule targets {}.", where, c.target.str()));
    }
    if (c.retain) {
      if (auto ok = check_period(where + ": CrossRegionCopyRule RetainRule Interval", *c.retain,
                                 kMaxRetainYears);
          !ok)
        return ok;
    }
    if (c.deprecate) {
      if (d.type != DlmPolicyType::kImage)
        return errors::dlm_invalid_request(fmt::format(
            "{}: a cross-Region copy DeprecateRule is supported for IMAGE_MANAGEMENT policies "
            "only.",
            where));
      if (auto ok = check_period(where + ": CrossRegionCopyRule DeprecateRule Interval",
                                 *c.deprecate, kMaxDeprecateYears);
          !ok)
        return ok;
      // "The deprecation period must be less than or equal to the copy retention period".
      if (c.retain && longer(*c.deprecate, *c.retain))
        return errors::dlm_invalid_request(fmt::format(
            "{}: the cross-Region copy DeprecateRule period must not be longer than its "
            "RetainRule period.",
            where));
    }
  }
  if (s.share) {
    if (s.share->accounts.empty())
      return errors::dlm_invalid_request(
          fmt::format("{}: ShareRule TargetAccounts must not be empty.", where));
    if (s.share->unshare_after) {
      if (auto ok = check_period(where + ": ShareRule UnshareInterval", *s.share->unshare_after,
                                 kMaxRetainYears);
          !ok)
        return ok;
    }
  }
  if (s.archive) {
    // Archiving applies to snapshot policies (DLM:ArchiveRule) [?] texts.
    if (d.type != DlmPolicyType::kSnapshot)
      return errors::dlm_invalid_request(fmt::format(
          "{}: ArchiveRule is supported for EBS_SNAPSHOT_MANAGEMENT policies only.", where));
    // "the schedule must have a creation frequency of at least 28 days" (DLM:ArchiveRule): an
    // interval rule (at most 24 hours) never does; a cron rule is judged by its next two runs
    // from now [?].
    bool monthly = false;
    if (s.create.cron) {
      if (auto f1 = next_fire(s.create, world.now())) {
        auto f2 = next_fire(s.create, *f1);
        monthly = !f2 || *f2 - *f1 >= 28 * kDayMs;
      }
    }
    if (!monthly)
      return errors::dlm_invalid_request(fmt::format(
          "{}: ArchiveRule needs a schedule that creates snapshots at most once every 28 days.",
          where));
    const auto& r = s.archive->retain;
    if (r.empty() || (r.count && r.age))
      return errors::dlm_invalid_request(fmt::format(
          "{}: ArchiveRule RetentionArchiveTier takes either Count or Interval and IntervalUnit.",
          where));
    if (r.count && (*r.count < 1 || *r.count > kMaxRetainCount))
      return errors::dlm_invalid_request(fmt::format(
          "{}: RetentionArchiveTier Count must be between 1 and {}.", where, kMaxRetainCount));
    // Archived snapshots are billed for at least 90 days (facts §5.x, snapshot archive); the
    // archive retention must be at least that long [?] text.
    if (r.age && add_period(0, *r.age) < kMinimumArchiveDays * kDayMs)
      return errors::dlm_invalid_request(fmt::format(
          "{}: RetentionArchiveTier must retain archived snapshots for at least 90 days.", where));
    if (r.count && s.retain.age)
      return errors::dlm_invalid_request(fmt::format(
          "{}: RetentionArchiveTier must use the same retention type as the RetainRule.", where));
    if (r.age && s.retain.count)
      return errors::dlm_invalid_request(fmt::format(
          "{}: RetentionArchiveTier must use the same retention type as the RetainRule.", where));
  }
  return ok_status();
}

Status check_details(const World& world, const RegionName& home, const DlmPolicyDetails& d) {
  // "AMI lifecycle policies can target instances only" (UG:snapshot-lifecycle.md).
  if (d.type == DlmPolicyType::kImage && d.resource_type != DlmResourceType::kInstance)
    return errors::dlm_invalid_request(
        "IMAGE_MANAGEMENT policies must target the INSTANCE resource type.");
  if (d.target_tags.empty())
    return errors::dlm_invalid_request("TargetTags is required for this policy type.");
  for (const auto& t : d.target_tags) {
    // "You can't use the '\' or '=' characters in a tag key" (UG:snapshot-lifecycle.md).
    if (t.key.find_first_of("\\=") != std::string::npos)
      return errors::dlm_invalid_request(
          fmt::format("Target tag key '{}' must not contain '\\' or '='.", t.key));
  }
  // "Policies can have up to four schedules - one mandatory schedule, and up to three optional".
  if (d.schedules.empty() || d.schedules.size() > 4)
    return errors::dlm_invalid_request("A policy must have between 1 and 4 schedules.");
  for (std::size_t i = 0; i < d.schedules.size(); ++i) {
    if (auto ok = check_schedule(d, d.schedules[i], i, world, home); !ok) return ok;
    // "All schedules must have the same retention type" (UG:ami-policy.md).
    if (static_cast<bool>(d.schedules[i].retain.count) !=
        static_cast<bool>(d.schedules[0].retain.count))
      return errors::dlm_invalid_request(
          "All schedules in a policy must use the same retention type (count or age).");
    for (std::size_t j = 0; j < i; ++j) {
      if (!d.schedules[i].name.empty() && d.schedules[j].name == d.schedules[i].name)
        return errors::dlm_invalid_request(  // [?]
            fmt::format("Schedule names must be unique; '{}' is used twice.", d.schedules[i].name));
    }
  }
  return ok_status();
}

Status check_policy_tags(const std::vector<Tag>& tags) {
  if (tags.size() > kMaxPolicyTags) return errors::dlm_tag_quota(kMaxPolicyTags);
  return ok_status();
}

LifecyclePolicy* find_policy(World& world, const Caller& caller, const std::string& id) {
  RegionState& region = world.region_of(caller);
  auto it = region.lifecycle_policies.find(id);
  if (it == region.lifecycle_policies.end() || it->second.owner != caller.account) return nullptr;
  return &it->second;
}

// Parses "arn:aws:dlm:<region>:<account>:policy/<id>" naming one of the caller's policies.
Result<std::string> policy_id_from_arn(const World& world, const Caller& caller,
                                       const std::string& arn) {
  const auto parts = parse_arn(arn, "dlm", "policy");
  if (!parts) return errors::dlm_arn_invalid(arn);
  // Another account's or Region's is not found from here (accounts are walls).
  if (parts->region != caller.region.str() || parts->account != caller.account.str())
    return errors::dlm_policy_not_found(parts->id);
  if (auto found = get_lifecycle_policy(world, caller, parts->id); !found) return found.error();
  return parts->id;
}

bool has_tag(const std::vector<Tag>& tags, const Tag& wanted) {
  return std::any_of(tags.begin(), tags.end(),
                     [&](const Tag& t) { return t.key == wanted.key && t.value == wanted.value; });
}

}  // namespace

std::string_view to_string(DlmPolicyType t) {
  return t == DlmPolicyType::kImage ? "IMAGE_MANAGEMENT" : "EBS_SNAPSHOT_MANAGEMENT";
}
std::string_view to_string(DlmResourceType t) {
  return t == DlmResourceType::kInstance ? "INSTANCE" : "VOLUME";
}

std::string policy_arn(const LifecyclePolicy& policy) {
  return fmt::format("arn:aws:dlm:{}:{}:policy/{}", policy.region.str(), policy.owner.str(),
                     policy.id);
}

std::string_view policy_state(const LifecyclePolicy& policy) {
  if (!policy.enabled) return "DISABLED";
  return policy.error ? "ERROR" : "ENABLED";
}

Result<const LifecyclePolicy*> create_lifecycle_policy(World& world, const Caller& caller,
                                                       const DlmPolicySpec& spec) {
  // ExecutionRoleArn, Description and State are required (the model); PolicyDetails is too
  // for a policy that is not a default policy (DLM:CreateLifecyclePolicy).
  if (!spec.execution_role_arn) return errors::dlm_invalid_request("ExecutionRoleArn is required.");
  if (!spec.description) return errors::dlm_invalid_request("Description is required.");
  if (!spec.enabled) return errors::dlm_invalid_request("State is required.");
  if (!spec.details) return errors::dlm_invalid_request("PolicyDetails is required.");
  if (auto ok = check_details(world, caller.region, *spec.details); !ok) return ok.error();
  if (auto ok = check_policy_tags(spec.tags); !ok) return ok.error();
  RegionState& region = world.region_of(caller);
  const auto mine =
      std::count_if(region.lifecycle_policies.begin(), region.lifecycle_policies.end(),
                    [&](const auto& kv) { return kv.second.owner == caller.account; });
  if (static_cast<std::size_t>(mine) >= kMaxPoliciesPerRegion)
    return errors::dlm_policy_quota(kMaxPoliciesPerRegion);

  LifecyclePolicy p;
  p.id = world.new_id("policy");
  p.owner = caller.account;
  p.region = caller.region;
  p.description = *spec.description;
  p.enabled = *spec.enabled;
  p.execution_role_arn = *spec.execution_role_arn;
  p.created = p.modified = world.now();
  p.details = *spec.details;
  p.details_document = spec.details_document.value_or("");
  p.tags = spec.tags;
  const std::string id = p.id;
  LifecyclePolicy& stored = region.lifecycle_policies.emplace(id, std::move(p)).first->second;
  detail::dlm_plan_runs(world, stored);
  return &stored;
}

Result<const LifecyclePolicy*> get_lifecycle_policy(const World& world, const Caller& caller,
                                                    const std::string& id) {
  const RegionState& region = world.region_of(caller);
  auto it = region.lifecycle_policies.find(id);
  if (it == region.lifecycle_policies.end() || it->second.owner != caller.account)
    return errors::dlm_policy_not_found(id);
  return &it->second;
}

Result<const LifecyclePolicy*> update_lifecycle_policy(World& world, const Caller& caller,
                                                       const std::string& id,
                                                       const DlmPolicySpec& spec) {
  LifecyclePolicy* p = find_policy(world, caller, id);
  if (p == nullptr) return errors::dlm_policy_not_found(id);
  if (spec.details) {
    if (auto ok = check_details(world, caller.region, *spec.details); !ok) return ok.error();
    // The policy type cannot change [?] (AWS's console offers no such edit).
    if (spec.details->type != p->details.type)
      return errors::dlm_invalid_request("The PolicyType of a policy cannot be changed.");
  }
  if (spec.execution_role_arn) p->execution_role_arn = *spec.execution_role_arn;
  if (spec.description) p->description = *spec.description;
  if (spec.enabled) {
    p->enabled = *spec.enabled;
    p->error = false;  // re-enabling clears the error state
    p->status_message.clear();
  }
  if (spec.details) {
    p->details = *spec.details;
    p->details_document = spec.details_document.value_or("");
  }
  p->modified = world.now();
  detail::dlm_plan_runs(world, *p);
  return p;
}

Status delete_lifecycle_policy(World& world, const Caller& caller, const std::string& id) {
  if (find_policy(world, caller, id) == nullptr) return errors::dlm_policy_not_found(id);
  // Its pending events find no policy and do nothing; what it made stays.
  world.region_of(caller).lifecycle_policies.erase(id);
  return ok_status();
}

Result<std::vector<const LifecyclePolicy*>> get_lifecycle_policies(const World& world,
                                                                   const Caller& caller,
                                                                   const DlmPolicyFilter& filter) {
  const RegionState& region = world.region_of(caller);
  std::vector<std::string> missing;
  for (const auto& id : filter.policy_ids) {
    auto it = region.lifecycle_policies.find(id);
    if (it == region.lifecycle_policies.end() || it->second.owner != caller.account)
      missing.push_back(id);
  }
  if (!missing.empty())
    return errors::dlm_policy_not_found(fmt::format("{}", fmt::join(missing, ", ")));
  std::vector<const LifecyclePolicy*> out;
  for (const auto& [id, p] : region.lifecycle_policies) {
    if (p.owner != caller.account) continue;
    if (!filter.policy_ids.empty() && std::find(filter.policy_ids.begin(), filter.policy_ids.end(),
                                                id) == filter.policy_ids.end())
      continue;
    if (filter.state && *filter.state != policy_state(p)) continue;
    if (!filter.resource_types.empty() &&
        std::find(filter.resource_types.begin(), filter.resource_types.end(),
                  to_string(p.details.resource_type)) == filter.resource_types.end())
      continue;
    if (!filter.target_tags.empty() &&
        std::none_of(filter.target_tags.begin(), filter.target_tags.end(),
                     [&](const Tag& t) { return has_tag(p.details.target_tags, t); }))
      continue;
    if (!filter.tags_to_add.empty() &&
        std::none_of(filter.tags_to_add.begin(), filter.tags_to_add.end(), [&](const Tag& t) {
          return std::any_of(p.details.schedules.begin(), p.details.schedules.end(),
                             [&](const DlmSchedule& s) { return has_tag(s.tags_to_add, t); });
        }))
      continue;
    out.push_back(&p);
  }
  return out;
}

Status tag_lifecycle_policy(World& world, const Caller& caller, const std::string& arn,
                            const std::vector<Tag>& tags) {
  auto id = policy_id_from_arn(world, caller, arn);
  if (!id) return id.error();
  LifecyclePolicy* p = find_policy(world, caller, *id);
  std::vector<Tag> merged = p->tags;
  for (const auto& t : tags) {
    auto it =
        std::find_if(merged.begin(), merged.end(), [&](const Tag& m) { return m.key == t.key; });
    if (it != merged.end())
      it->value = t.value;
    else
      merged.push_back(t);
  }
  if (auto ok = check_policy_tags(merged); !ok) return ok;
  p->tags = std::move(merged);
  return ok_status();
}

Status untag_lifecycle_policy(World& world, const Caller& caller, const std::string& arn,
                              const std::vector<std::string>& keys) {
  auto id = policy_id_from_arn(world, caller, arn);
  if (!id) return id.error();
  LifecyclePolicy* p = find_policy(world, caller, *id);
  std::erase_if(p->tags, [&](const Tag& t) {
    return std::find(keys.begin(), keys.end(), t.key) != keys.end();
  });
  return ok_status();
}

Result<std::vector<Tag>> lifecycle_policy_tags(const World& world, const Caller& caller,
                                               const std::string& arn) {
  auto id = policy_id_from_arn(world, caller, arn);
  if (!id) return id.error();
  return world.region_of(caller).lifecycle_policies.at(*id).tags;
}

}  // namespace amisim::sim
