// CreateLifecyclePolicy's and UpdateLifecyclePolicy's input read into the model's DlmPolicySpec
// (sim/dlm/dlm.hpp): every member against its shape (api/dlm/shapes.hpp), PolicyDetails into the
// typed DlmPolicyDetails, and PolicyDetails as given kept (compact) for GetLifecyclePolicy to
// echo. The rules between members (interval values, count or age, deprecation within retention,
// one retention kind across schedules, the copy's Region, cron expressions) are the model's.
//
// What amisim does not model is refused with InvalidRequestException rather than ignored [?]:
// default policies (DefaultPolicy, CreateInterval, RetainInterval, CopyTags, ExtendDeletion,
// CrossRegionCopyTargets, Exclusions, PolicyDetails.ResourceType), event-based policies
// (EVENT_BASED_POLICY, EventSource, Actions), pre and post scripts (CreateRule.Scripts), Outposts
// and Local Zones (Location, ResourceLocations other than CLOUD, CrossRegionCopyRule.Target),
// PolicyLanguage SIMPLIFIED and Parameters.ExcludeDataVolumeTags.
#pragma once

#include <nlohmann/json.hpp>
#include <string_view>
#include <vector>

#include "sim/dlm/dlm.hpp"

namespace amisim::dlm {

using Json = nlohmann::json;

// The operation's input as a spec; `create`: CreateLifecyclePolicy (ExecutionRoleArn,
// Description and State required, Tags read). Throws shape::Invalid.
sim::DlmPolicySpec read_policy_spec(const Json& in, bool create);

// A TagMap member (TagResource's and CreateLifecyclePolicy's Tags) as tags in key order; an empty
// vector when absent. Throws shape::Invalid.
std::vector<sim::Tag> read_tag_map(const Json& in, std::string_view key);
// Tags as a TagMap.
Json tag_map_json(const std::vector<sim::Tag>& tags);

}  // namespace amisim::dlm
