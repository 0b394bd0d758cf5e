// Amazon Data Lifecycle Manager (facts §D in docs/aws-facts.md): lifecycle policies per account
// per Region, and what they do on the clock. The state is sim/state/lifecycle_policy.hpp; the
// dlm API's wire (restJson1) is api/dlm.
//
// Policies (DLM:CreateLifecyclePolicy ... UntagResource): IMAGE_MANAGEMENT (AMIs of instances
// with a target tag) and EBS_SNAPSHOT_MANAGEMENT (snapshots of volumes, or of every volume of an
// instance, with a target tag); up to four schedules, each with a CreateRule (interval in hours
// from a start time, or a cron expression), a RetainRule (count or age), and optionally a
// DeprecateRule (AMIs), cross-Region copy rules with their own retention and deprecation, a share
// rule, and an archive rule (snapshots). 100 policies per Region.
//
// The clock: each enabled policy's schedules have a next run (EventKind::kDlmRun, housekeeping:
// the instant clock mode does not run them; advancing the clock does). A run makes one AMI or
// snapshot per target through the same paths as CreateImage and CreateSnapshot, tags it as DLM
// does (aws:dlm:lifecycle-policy-id, aws:dlm:lifecycle-schedule-name, aws:dlm:managed, ...),
// then applies retention (deregister the AMI and delete its snapshots / delete the snapshot),
// deprecation, copies (once the AMI or snapshot is complete) and sharing. A disabled policy does
// nothing; a deleted one creates nothing more and leaves what it made in place.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sim/core/event.hpp"
#include "sim/core/result.hpp"
#include "sim/state/lifecycle_policy.hpp"
#include "sim/state/world.hpp"

namespace amisim::sim {

// CreateLifecyclePolicy / UpdateLifecyclePolicy as the door parsed them: shapes and enums
// checked there (InvalidRequestException), the rules between fields checked here.
struct DlmPolicySpec {
  std::optional<std::string> execution_role_arn;
  std::optional<std::string> description;
  std::optional<bool> enabled;  // State: ENABLED | DISABLED
  std::optional<DlmPolicyDetails> details;
  std::optional<std::string> details_document;  // with details: the JSON to echo
  std::vector<Tag> tags;                        // CreateLifecyclePolicy only
};

Result<const LifecyclePolicy*> create_lifecycle_policy(World& world, const Caller& caller,
                                                       const DlmPolicySpec& spec);
Result<const LifecyclePolicy*> get_lifecycle_policy(const World& world, const Caller& caller,
                                                    const std::string& id);
// Only what the spec gives changes; PolicyDetails is replaced whole. Schedules restart from the
// new details (next runs recomputed from now); what the policy already made stays managed.
Result<const LifecyclePolicy*> update_lifecycle_policy(World& world, const Caller& caller,
                                                       const std::string& id,
                                                       const DlmPolicySpec& spec);
// The policy is gone; the AMIs and snapshots it made stay (nothing manages them any more).
Status delete_lifecycle_policy(World& world, const Caller& caller, const std::string& id);

// GetLifecyclePolicies' filters (each optional; all given must hold).
struct DlmPolicyFilter {
  std::vector<std::string> policy_ids;      // unknown IDs: ResourceNotFoundException
  std::optional<std::string> state;         // ENABLED | DISABLED | ERROR
  std::vector<std::string> resource_types;  // VOLUME | INSTANCE
  std::vector<Tag> target_tags;             // "key=value": a policy targeting any of them
  std::vector<Tag> tags_to_add;             // "key=value": a policy adding any of them
};
Result<std::vector<const LifecyclePolicy*>> get_lifecycle_policies(const World& world,
                                                                   const Caller& caller,
                                                                   const DlmPolicyFilter& filter);

// A policy's own tags by its ARN ("arn:aws:dlm:<region>:<account>:policy/<id>"); 45 at most.
Status tag_lifecycle_policy(World& world, const Caller& caller, const std::string& arn,
                            const std::vector<Tag>& tags);
Status untag_lifecycle_policy(World& world, const Caller& caller, const std::string& arn,
                              const std::vector<std::string>& keys);
Result<std::vector<Tag>> lifecycle_policy_tags(const World& world, const Caller& caller,
                                               const std::string& arn);

std::string policy_arn(const LifecyclePolicy& policy);
// "ENABLED" | "DISABLED" | "ERROR"
std::string_view policy_state(const LifecyclePolicy& policy);
std::string_view to_string(DlmPolicyType t);    // EBS_SNAPSHOT_MANAGEMENT | IMAGE_MANAGEMENT
std::string_view to_string(DlmResourceType t);  // VOLUME | INSTANCE

// The clock's DLM events (EventKind::kDlmRun: target = policy ID, detail = what is due).
void on_dlm_event(World& world, const Event& event);

// --- schedules (sim/dlm/schedule.cpp) -----------------------------------------------------------

// Why a CreateRule is refused ("" when it is valid): an interval not one of 1, 2, 3, 4, 6, 8, 12
// or 24 hours, a time not "hh:mm", a cron expression EventBridge would not take or that runs
// more often than DLM allows, both or neither of interval and cron.
std::string create_rule_problem(const DlmCreateRule& rule);
// The first time strictly after `after` at which the rule fires, or nullopt if never (a cron
// expression whose years are all past).
std::optional<TimeMs> next_fire(const DlmCreateRule& rule, TimeMs after);
// `from` plus an age (months and years as calendar months and years, the day clamped to the end
// of a shorter month).
TimeMs add_period(TimeMs from, const DlmPeriod& period);

}  // namespace amisim::sim
