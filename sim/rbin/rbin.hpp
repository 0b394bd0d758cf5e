// The Recycle Bin (facts §R in docs/aws-facts.md): the rbin API's retention rules, what a
// deletion puts in the bin instead of removing it, the EC2 calls that list and restore binned
// resources, and the end of a stay. The state is sim/state/recycle_bin.hpp.
//
// Rules (RBIN:CreateRule ... UntagResource): per account per Region, for one resource type;
// tag-level (ResourceTags: a resource with at least one of the pairs is kept) or Region-level
// (no ResourceTags: every resource of the type is kept, except those with any exclusion tag).
// Retention 1-365 days for snapshots and AMIs, 1-7 for volumes (the model's syntactic range is
// 1-3,650). The account's first rule in a Region is `pending` for 30 minutes ("it can take up
// to 30 minutes for the rule to become active", UG23:recycle-bin-factors.md; amisim takes the
// whole 30 [?]), later ones `available` at once; only an available rule keeps anything. Only a
// Region-level rule without exclusion tags can be locked; a locked rule cannot be updated or
// deleted; UnlockRule starts the unlock delay (7-30 days, fixed by the first lock), during which
// the rule is `pending_unlock` and still cannot be changed; LockRule again re-locks at once.
//
// Deletion: DeregisterImage, DeleteSnapshot and DeleteVolume ask `retaining_rule` after all
// their own checks; if a rule keeps the resource, the call succeeds as usual but the resource
// moves to the bin for the longest matching retention ("the retention rule with the longest
// retention period takes precedence"). It leaves Describe at once; restore puts the same record
// back under the same ID; at the end of the retention it is deleted for good (and its billing
// stops: "Billing stops as soon as the retention period expires", UG23:recycle-bin.md).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sim/core/event.hpp"
#include "sim/core/query.hpp"
#include "sim/core/result.hpp"
#include "sim/state/recycle_bin.hpp"
#include "sim/state/world.hpp"

namespace amisim::sim {

// --- retention rules (the rbin API) ------------------------------------------------------------

struct RbinRuleSpec {
  std::optional<std::string> description;
  std::optional<std::string> resource_type;   // "EBS_SNAPSHOT" | "EC2_IMAGE" | "EBS_VOLUME"
  std::optional<int> retention_days;          // RetentionPeriodValue
  std::optional<std::string> retention_unit;  // RetentionPeriodUnit: "DAYS" only
  std::optional<std::vector<RbinResourceTag>> resource_tags;
  std::optional<std::vector<RbinResourceTag>> exclude_resource_tags;
  std::vector<Tag> tags;                 // CreateRule only
  std::optional<int> unlock_delay_days;  // LockConfiguration.UnlockDelay.UnlockDelayValue
  std::optional<std::string> unlock_delay_unit;
};

Result<const RetentionRule*> create_rule(World& world, const Caller& caller,
                                         const RbinRuleSpec& spec);
Result<const RetentionRule*> get_rule(const World& world, const Caller& caller,
                                      const std::string& id);
// UpdateRule: the description, resource tags, exclusion tags and retention period of an unlocked
// rule. ResourceType "is currently not supported": giving one other than the rule's is refused.
Result<const RetentionRule*> update_rule(World& world, const Caller& caller, const std::string& id,
                                         const RbinRuleSpec& spec);
Status delete_rule(World& world, const Caller& caller, const std::string& id);
Result<const RetentionRule*> lock_rule(World& world, const Caller& caller, const std::string& id,
                                       const RbinRuleSpec& lock);
Result<const RetentionRule*> unlock_rule(World& world, const Caller& caller, const std::string& id);

struct ListRulesRequest {
  std::optional<std::string> resource_type;  // required
  std::optional<std::string> lock_state;
  std::optional<std::vector<RbinResourceTag>> resource_tags;
  std::optional<std::vector<RbinResourceTag>> exclude_resource_tags;
  PageRequest page;  // MaxResults 1-1000
};
struct ListRulesResult {
  std::vector<const RetentionRule*> rules;
  std::string next_token;
};
Result<ListRulesResult> list_rules(const World& world, const Caller& caller,
                                   const ListRulesRequest& request);

// Tags of a rule by its ARN ("arn:aws:rbin:<region>:<account>:rule/<id>"): 50 at most [?].
Status tag_rule(World& world, const Caller& caller, const std::string& arn,
                const std::vector<Tag>& tags);
Status untag_rule(World& world, const Caller& caller, const std::string& arn,
                  const std::vector<std::string>& keys);
Result<std::vector<Tag>> rule_tags(const World& world, const Caller& caller,
                                   const std::string& arn);

std::string rule_arn(const RetentionRule& rule);
std::string_view rule_status(const RetentionRule& rule, TimeMs now);  // "pending" | "available"
// "" (never locked: the API's null), "locked", "pending_unlock" or "unlocked".
std::string_view rule_lock_state(const RetentionRule& rule, TimeMs now);
// The end of the unlock delay while pending_unlock.
std::optional<TimeMs> rule_lock_end_time(const RetentionRule& rule, TimeMs now);

// --- what deletion does ------------------------------------------------------------------------

// The rule that keeps a resource of `owner` with these tags when it is deleted now, or nullptr.
const RetentionRule* retaining_rule(const World& world, const RegionState& region,
                                    const AccountId& owner, RbinResourceType type,
                                    const Tags& tags);
// Move a resource from its Region map to the bin under `rule` (the caller checked everything and
// found the rule). The image/snapshot/volume must be in region's map; it is erased there.
void bin_image(World& world, RegionState& region, const ImageId& id, const RetentionRule& rule);
void bin_snapshot(World& world, RegionState& region, const SnapshotId& id,
                  const RetentionRule& rule);
void bin_volume(World& world, RegionState& region, const VolumeId& id, const RetentionRule& rule);

// --- the EC2 calls -------------------------------------------------------------------------------

template <class Binned>
struct BinPage {
  std::vector<const Binned*> items;
  std::string next_token;
};
// List*InRecycleBin: the caller's binned resources of the Region, by ID, optionally only the
// given IDs (IDs not in the bin are left out [?]). MaxResults: images 1-1000, snapshots 5-1000
// (the model), volumes 5-1000 [?].
Result<BinPage<BinnedImage>> list_images_in_recycle_bin(const World& world, const Caller& caller,
                                                        const std::vector<ImageId>& ids,
                                                        const PageRequest& page);
Result<BinPage<BinnedSnapshot>> list_snapshots_in_recycle_bin(const World& world,
                                                              const Caller& caller,
                                                              const std::vector<SnapshotId>& ids,
                                                              const PageRequest& page);
Result<BinPage<BinnedVolume>> list_volumes_in_recycle_bin(const World& world, const Caller& caller,
                                                          const std::vector<VolumeId>& ids,
                                                          const PageRequest& page);
// Restore*FromRecycleBin: the same record back under the same ID. An AMI needs every snapshot it
// maps restored and completed first ("Before you can restore an AMI from the Recycle Bin, you
// must first restore all of its associated snapshots", UG23:recycle-bin-factors.md).
Status restore_image_from_recycle_bin(World& world, const Caller& caller, const ImageId& id,
                                      bool dry_run);
Result<const Snapshot*> restore_snapshot_from_recycle_bin(World& world, const Caller& caller,
                                                          const SnapshotId& id, bool dry_run);
Status restore_volume_from_recycle_bin(World& world, const Caller& caller, const VolumeId& id,
                                       bool dry_run);

// The end of a stay (EventKind::kRecycleBinExpired; detail "image" | "snapshot" | "volume"), or a
// rule's activation (detail "rule", a settling event: nothing to change).
void on_recycle_bin_event(World& world, const Event& event);

}  // namespace amisim::sim
