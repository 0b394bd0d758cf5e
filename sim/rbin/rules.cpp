// Recycle Bin retention rules: the rbin API (sim/rbin/rbin.hpp). Facts: docs/aws-facts.md §R.
#include <fmt/format.h>

#include <algorithm>

#include "sim/core/arn.hpp"
#include "sim/core/errors.hpp"
#include "sim/rbin/rbin.hpp"

namespace amisim::sim {
namespace {

// RetentionPeriodValue: the model's range is 1-3,650; the documented periods are 1-365 days for
// snapshots and AMIs, 1-7 for volumes (RBIN RetentionPeriod; EBS user guide,
// recycle-bin-create-rule.html).
constexpr int kMaxRetentionModel = 3650;
constexpr int kMaxRetentionDays = 365;
constexpr int kMaxVolumeRetentionDays = 7;
constexpr int kMinUnlockDelayDays = 7;  // UnlockDelayValue 7-30 (model; UG23 rules page)
constexpr int kMaxUnlockDelayDays = 30;
constexpr std::size_t kMaxRulesPerRegion = 250;  // UG23:recycle-bin.md, Quotas
constexpr std::size_t kMaxResourceTags = 50;     // ResourceTags max 50 (model; Quotas)
constexpr std::size_t kMaxExcludeTags = 5;       // ExcludeResourceTags max 5 (model)
constexpr std::size_t kMaxRulesPerTagPair = 5;   // "a maximum of five retention rules"
constexpr std::size_t kMaxRuleTagsModel = 200;   // TagList max 200 (model)
constexpr std::size_t kMaxRuleTags = 50;         // "up to 50 tags to each rule" (UG23 rules page)
constexpr std::size_t kMaxDescription = 255;
// "When you create your first retention rule, it can take up to 30 minutes for the rule to
// become active" (UG23:recycle-bin-factors.md): amisim takes the whole 30 minutes [?].
constexpr DurationMs kFirstRuleActivationMs = 30 * kMinuteMs;
constexpr long kMaxListResults = 1000;  // ListRules MaxResults 1-1000 (model)

std::optional<RbinResourceType> parse_type(std::string_view s) {
  if (s == "EBS_SNAPSHOT") return RbinResourceType::kSnapshot;
  if (s == "EC2_IMAGE") return RbinResourceType::kImage;
  if (s == "EBS_VOLUME") return RbinResourceType::kVolume;
  return std::nullopt;
}

const char* kTypeConstraint =
    "Member must satisfy enum value set: [EBS_SNAPSHOT, EC2_IMAGE, EBS_VOLUME]";

// Description: "^[\S ]{0,255}$" (model): printable text and spaces, no other whitespace.
Status check_rule_description(std::string_view d) {
  bool bad = d.size() > kMaxDescription;
  for (unsigned char c : d) {
    if (c < 0x20 || c == 0x7f) bad = true;
  }
  if (bad)
    return errors::rbin_field_invalid(
        "description", "Member must satisfy regular expression pattern: ^[\\S ]{0,255}$");
  return ok_status();
}

Status check_resource_tags(std::string_view field, const std::vector<RbinResourceTag>& tags,
                           std::size_t max) {
  if (tags.size() > max)
    return errors::rbin_field_invalid(
        field, fmt::format("Member must have length less than or equal to {}", max));
  for (const auto& t : tags) {
    // ResourceTagKey "^[\S\s]{1,128}$", ResourceTagValue "^[\S\s]{0,256}$" (model).
    if (t.key.empty() || t.key.size() > 128)
      return errors::rbin_field_invalid(fmt::format("{}.member.resourceTagKey", field),
                                        "Member must satisfy regular expression pattern: "
                                        "^[\\S\\s]{1,128}$");
    if (t.value && t.value->size() > 256)
      return errors::rbin_field_invalid(fmt::format("{}.member.resourceTagValue", field),
                                        "Member must satisfy regular expression pattern: "
                                        "^[\\S\\s]{0,256}$");
  }
  return ok_status();
}

// A rule's resource tags and exclusion tags together: each list within its limits, and
// "You can't specify exclusion tags for tag-level retention rules" (model).
Status check_rule_scope(const std::vector<RbinResourceTag>& resource_tags,
                        const std::vector<RbinResourceTag>& exclude) {
  if (auto ok = check_resource_tags("resourceTags", resource_tags, kMaxResourceTags); !ok)
    return ok;
  if (auto ok = check_resource_tags("excludeResourceTags", exclude, kMaxExcludeTags); !ok)
    return ok;
  if (!resource_tags.empty() && !exclude.empty())
    return errors::rbin_field_invalid("excludeResourceTags",
                                      "Exclusion tags can be specified for Region-level retention "
                                      "rules only");
  return ok_status();
}

// Rule tags: Key 1-128, Value 0-256 characters (model).
Status check_rule_tags(const std::vector<Tag>& tags) {
  if (tags.size() > kMaxRuleTagsModel)
    return errors::rbin_field_invalid(
        "tags", fmt::format("Member must have length less than or equal to {}", kMaxRuleTagsModel));
  for (const auto& t : tags) {
    if (t.key.empty() || t.key.size() > 128)
      return errors::rbin_field_invalid("tags.member.key",
                                        "Member must have length between 1 and 128");
    if (t.value.size() > 256)
      return errors::rbin_field_invalid("tags.member.value",
                                        "Member must have length less than or equal to 256");
  }
  return ok_status();
}

Status check_retention(const RbinRuleSpec& spec, RbinResourceType type) {
  const int days = *spec.retention_days;
  if (days < 1 || days > kMaxRetentionModel)
    return errors::rbin_field_invalid("retentionPeriod.retentionPeriodValue",
                                      "Member must have value between 1 and 3650");
  if (spec.retention_unit.value_or("DAYS") != "DAYS")
    return errors::rbin_field_invalid("retentionPeriod.retentionPeriodUnit",
                                      "Member must satisfy enum value set: [DAYS]");
  const int max = type == RbinResourceType::kVolume ? kMaxVolumeRetentionDays : kMaxRetentionDays;
  if (days > max)
    return errors::rbin_field_invalid(
        "retentionPeriod.retentionPeriodValue",
        fmt::format("The retention period for {} must be between 1 and {} days",
                    type == RbinResourceType::kVolume  ? "EBS volumes"
                    : type == RbinResourceType::kImage ? "EBS-backed AMIs"
                                                       : "EBS snapshots",
                    max));
  return ok_status();
}

Status check_unlock_delay(const RbinRuleSpec& spec) {
  if (!spec.unlock_delay_days)
    return errors::rbin_field_invalid("lockConfiguration.unlockDelay.unlockDelayValue",
                                      "Member must not be null");
  if (*spec.unlock_delay_days < kMinUnlockDelayDays ||
      *spec.unlock_delay_days > kMaxUnlockDelayDays)
    return errors::rbin_field_invalid("lockConfiguration.unlockDelay.unlockDelayValue",
                                      "Member must have value between 7 and 30");
  if (spec.unlock_delay_unit.value_or("DAYS") != "DAYS")
    return errors::rbin_field_invalid("lockConfiguration.unlockDelay.unlockDelayUnit",
                                      "Member must satisfy enum value set: [DAYS]");
  return ok_status();
}

bool same_pair(const RbinResourceTag& a, const RbinResourceTag& b) {
  return a.key == b.key && a.value == b.value;
}

// The rules of `owner` in the Region.
template <class Fn>
void for_each_rule(const RegionState& region, const AccountId& owner, Fn fn) {
  for (const auto& [id, rule] : region.bin.rules) {
    if (rule.owner == owner) fn(rule);
  }
}

// "You can add the same tag key and value pair to a maximum of five retention rules" (model):
// `except` is the rule being updated.
Status check_pair_quota(const RegionState& region, const AccountId& owner,
                        const std::vector<RbinResourceTag>& tags, std::string_view except) {
  for (const auto& t : tags) {
    std::size_t uses = 0;
    for_each_rule(region, owner, [&](const RetentionRule& r) {
      if (r.id == except) return;
      for (const auto& u : r.resource_tags) {
        if (same_pair(t, u)) {
          ++uses;
          break;
        }
      }
    });
    if (uses >= kMaxRulesPerTagPair)
      return {errors::rbin_field_invalid(
          "resourceTags", fmt::format("The tag {}={} is already used by {} retention rules, the "
                                      "maximum",
                                      t.key, t.value.value_or(""), kMaxRulesPerTagPair))};
  }
  return ok_status();
}

RetentionRule* find_rule(World& world, const Caller& caller, const std::string& id) {
  RegionState& region = world.region_of(caller);
  auto it = region.bin.rules.find(id);
  if (it == region.bin.rules.end() || it->second.owner != caller.account) return nullptr;
  return &it->second;
}

// RuleIdentifier "[0-9a-zA-Z]{11}" (model), drawn from the world's seeded generator.
std::string new_rule_id(World& world, const RegionState& region) {
  static constexpr std::string_view kAlphabet =
      "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
  for (;;) {
    std::uint64_t bits = world.next_random();
    std::string id;
    for (int i = 0; i < 11; ++i) {
      id.push_back(kAlphabet[bits % kAlphabet.size()]);
      bits /= kAlphabet.size();
      if (bits == 0) bits = world.next_random();
    }
    if (region.bin.rules.count(id) == 0) return id;
  }
}

bool changeable(const RetentionRule& rule, TimeMs now) {
  const std::string_view state = rule_lock_state(rule, now);
  return state.empty() || state == "unlocked";
}

// Parses "arn:aws:rbin:<region>:<account>:rule/<id>" naming one of the caller's rules: its ID.
Result<std::string> rule_id_from_arn(const World& world, const Caller& caller,
                                     const std::string& arn) {
  const auto parts = parse_arn(arn, "rbin", "rule");
  if (!parts) return errors::rbin_arn_invalid(arn);
  // Another account's or Region's is not found from here (accounts are walls).
  if (parts->region != caller.region.str() || parts->account != caller.account.str())
    return errors::rbin_rule_not_found(parts->id);
  if (auto found = get_rule(world, caller, parts->id); !found) return found.error();
  return parts->id;
}

}  // namespace

std::string_view to_string(RbinResourceType t) {
  switch (t) {
    case RbinResourceType::kSnapshot:
      return "EBS_SNAPSHOT";
    case RbinResourceType::kImage:
      return "EC2_IMAGE";
    case RbinResourceType::kVolume:
      return "EBS_VOLUME";
  }
  return "";
}

std::string rule_arn(const RetentionRule& rule) {
  return fmt::format("arn:aws:rbin:{}:{}:rule/{}", rule.region.str(), rule.owner.str(), rule.id);
}

std::string_view rule_status(const RetentionRule& rule, TimeMs now) {
  return now < rule.active_from ? "pending" : "available";
}

std::string_view rule_lock_state(const RetentionRule& rule, TimeMs now) {
  if (rule.locked) return "locked";
  if (!rule.unlock_delay_days) return "";
  if (rule.unlock_requested_at &&
      now < *rule.unlock_requested_at + *rule.unlock_delay_days * kDayMs)
    return "pending_unlock";
  return "unlocked";
}

std::optional<TimeMs> rule_lock_end_time(const RetentionRule& rule, TimeMs now) {
  if (rule_lock_state(rule, now) != "pending_unlock") return std::nullopt;
  return *rule.unlock_requested_at + *rule.unlock_delay_days * kDayMs;
}

Result<const RetentionRule*> create_rule(World& world, const Caller& caller,
                                         const RbinRuleSpec& spec) {
  RegionState& region = world.region_of(caller);
  if (!spec.resource_type)
    return errors::rbin_field_invalid("resourceType", "Member must not be null");
  const auto type = parse_type(*spec.resource_type);
  if (!type) return errors::rbin_field_invalid("resourceType", kTypeConstraint);
  if (!spec.retention_days)
    return errors::rbin_field_invalid("retentionPeriod", "Member must not be null");
  if (auto ok = check_retention(spec, *type); !ok) return ok.error();
  if (auto ok = check_rule_description(spec.description.value_or("")); !ok) return ok.error();
  const auto resource_tags = spec.resource_tags.value_or(std::vector<RbinResourceTag>{});
  const auto exclude = spec.exclude_resource_tags.value_or(std::vector<RbinResourceTag>{});
  if (auto ok = check_rule_scope(resource_tags, exclude); !ok) return ok.error();
  if (auto ok = check_rule_tags(spec.tags); !ok) return ok.error();
  const bool lock = spec.unlock_delay_days.has_value() || spec.unlock_delay_unit.has_value();
  if (lock) {
    if (auto ok = check_unlock_delay(spec); !ok) return ok.error();
    // Only Region-level rules without exclusion tags can be locked (RBIN:LockRule) [?] the code
    // on creation.
    if (!resource_tags.empty() || !exclude.empty())
      return errors::rbin_field_invalid("lockConfiguration",
                                        "Only Region-level retention rules without exclusion tags "
                                        "can be locked");
  }
  std::size_t count = 0;
  for_each_rule(region, caller.account, [&](const RetentionRule&) { ++count; });
  if (count >= kMaxRulesPerRegion) return errors::rbin_rule_quota(kMaxRulesPerRegion);
  if (spec.tags.size() > kMaxRuleTags) return errors::rbin_tag_quota(kMaxRuleTags);
  if (auto ok = check_pair_quota(region, caller.account, resource_tags, ""); !ok) return ok.error();

  RetentionRule rule;
  rule.id = new_rule_id(world, region);
  rule.owner = caller.account;
  rule.region = caller.region;
  rule.description = spec.description.value_or("");
  rule.resource_type = *type;
  rule.retention_days = *spec.retention_days;
  rule.resource_tags = resource_tags;
  rule.exclude_resource_tags = exclude;
  rule.tags = spec.tags;
  rule.created = world.now();
  rule.active_from = count == 0 ? world.now() + kFirstRuleActivationMs : world.now();
  if (lock) {
    rule.unlock_delay_days = spec.unlock_delay_days;
    rule.locked = true;
  }
  if (rule.active_from > world.now()) {
    // The activation is work in progress: the instant clock mode settles past it, so a tool
    // against `amisim serve` finds the rule available by its next call; manual mode shows
    // `pending` for the 30 minutes. The state itself is read from the clock (rule_status).
    Event e;
    e.at = rule.active_from;
    e.kind = EventKind::kRecycleBinExpired;
    e.region = caller.region;
    e.target = rule.id;
    e.detail = "rule";
    world.schedule(std::move(e));
  }
  const std::string id = rule.id;
  return &region.bin.rules.emplace(id, std::move(rule)).first->second;
}

Result<const RetentionRule*> get_rule(const World& world, const Caller& caller,
                                      const std::string& id) {
  const RegionState& region = world.region_of(caller);
  auto it = region.bin.rules.find(id);
  if (it == region.bin.rules.end() || it->second.owner != caller.account)
    return errors::rbin_rule_not_found(id);
  return &it->second;
}

Result<const RetentionRule*> update_rule(World& world, const Caller& caller, const std::string& id,
                                         const RbinRuleSpec& spec) {
  RetentionRule* rule = find_rule(world, caller, id);
  if (rule == nullptr) return errors::rbin_rule_not_found(id);
  if (spec.resource_type) {
    const auto type = parse_type(*spec.resource_type);
    if (!type) return errors::rbin_field_invalid("resourceType", kTypeConstraint);
    // "You can't update a retention rule's resource type after creation" (RBIN:UpdateRule).
    if (*type != rule->resource_type)
      return errors::rbin_field_invalid("resourceType",
                                        "The resource type of a retention rule cannot be changed");
  }
  if (spec.retention_days) {
    if (auto ok = check_retention(spec, rule->resource_type); !ok) return ok.error();
  }
  if (spec.description) {
    if (auto ok = check_rule_description(*spec.description); !ok) return ok.error();
  }
  const auto resource_tags = spec.resource_tags.value_or(rule->resource_tags);
  const auto exclude = spec.exclude_resource_tags.value_or(
      spec.resource_tags && !spec.resource_tags->empty() ? std::vector<RbinResourceTag>{}
                                                         : rule->exclude_resource_tags);
  if (auto ok = check_rule_scope(resource_tags, exclude); !ok) return ok.error();
  // "You can't update a locked retention rule in any way" (UG23 rules page), nor one within its
  // unlock delay period.
  if (!changeable(*rule, world.now()))
    return errors::rbin_rule_locked(id, rule_lock_state(*rule, world.now()));
  if (auto ok = check_pair_quota(world.region_of(caller), caller.account, resource_tags, id); !ok)
    return ok.error();
  // Changes apply to resources deleted from now on; those already in the bin keep their stay
  // ("The changes do not affect resources that it previously sent to the Recycle Bin").
  if (spec.description) rule->description = *spec.description;
  if (spec.retention_days) rule->retention_days = *spec.retention_days;
  rule->resource_tags = resource_tags;
  rule->exclude_resource_tags = exclude;
  return rule;
}

Status delete_rule(World& world, const Caller& caller, const std::string& id) {
  RetentionRule* rule = find_rule(world, caller, id);
  if (rule == nullptr) return errors::rbin_rule_not_found(id);
  if (!changeable(*rule, world.now()))
    return errors::rbin_rule_locked(id, rule_lock_state(*rule, world.now()));
  // What the rule already keeps stays in the bin until its own exit time [?].
  world.region_of(caller).bin.rules.erase(id);
  return ok_status();
}

Result<const RetentionRule*> lock_rule(World& world, const Caller& caller, const std::string& id,
                                       const RbinRuleSpec& lock) {
  RetentionRule* rule = find_rule(world, caller, id);
  if (rule == nullptr) return errors::rbin_rule_not_found(id);
  if (auto ok = check_unlock_delay(lock); !ok) return ok.error();
  if (!rule->resource_tags.empty())
    return errors::rbin_lock_refused(id, "tag-level retention rules cannot be locked");
  if (!rule->exclude_resource_tags.empty())
    return errors::rbin_lock_refused(id, "retention rules with exclusion tags cannot be locked");
  if (rule->locked) return errors::rbin_lock_refused(id, "it is already locked");
  // Re-locking during the unlock delay is allowed and ends it; "You can't change the unlock
  // delay period after the initial lock": a re-lock keeps the first period [?].
  if (!rule->unlock_delay_days) rule->unlock_delay_days = lock.unlock_delay_days;
  rule->locked = true;
  rule->unlock_requested_at.reset();
  return rule;
}

Result<const RetentionRule*> unlock_rule(World& world, const Caller& caller,
                                         const std::string& id) {
  RetentionRule* rule = find_rule(world, caller, id);
  if (rule == nullptr) return errors::rbin_rule_not_found(id);
  if (!rule->locked) return errors::rbin_unlock_refused(id);
  rule->locked = false;
  rule->unlock_requested_at = world.now();
  return rule;
}

Result<ListRulesResult> list_rules(const World& world, const Caller& caller,
                                   const ListRulesRequest& request) {
  if (!request.resource_type)
    return errors::rbin_field_invalid("resourceType", "Member must not be null");
  const auto type = parse_type(*request.resource_type);
  if (!type) return errors::rbin_field_invalid("resourceType", kTypeConstraint);
  if (request.lock_state && *request.lock_state != "locked" &&
      *request.lock_state != "pending_unlock" && *request.lock_state != "unlocked")
    return errors::rbin_field_invalid(
        "lockState", "Member must satisfy enum value set: [locked, pending_unlock, unlocked]");
  if (request.page.max_results &&
      (*request.page.max_results < 1 || *request.page.max_results > kMaxListResults))
    return errors::rbin_field_invalid("maxResults", "Member must have value between 1 and 1000");
  std::string after;
  if (!request.page.next_token.empty()) {
    auto token = read_page_token(request.page.next_token);
    if (!token) return errors::rbin_next_token_invalid();
    after = *token;
  }
  const auto has_all = [](const std::vector<RbinResourceTag>& have,
                          const std::vector<RbinResourceTag>& want) {
    return std::all_of(want.begin(), want.end(), [&](const RbinResourceTag& w) {
      return std::any_of(have.begin(), have.end(),
                         [&](const RbinResourceTag& h) { return same_pair(h, w); });
    });
  };
  ListRulesResult out;
  const long max = request.page.max_results.value_or(kMaxListResults);
  for (const auto& [id, rule] : world.region_of(caller).bin.rules) {
    if (rule.owner != caller.account || rule.resource_type != *type) continue;
    if (!after.empty() && id <= after) continue;
    if (request.lock_state && rule_lock_state(rule, world.now()) != *request.lock_state) continue;
    if (request.resource_tags && !has_all(rule.resource_tags, *request.resource_tags)) continue;
    if (request.exclude_resource_tags &&
        !has_all(rule.exclude_resource_tags, *request.exclude_resource_tags))
      continue;
    if (static_cast<long>(out.rules.size()) == max) {
      out.next_token = make_page_token(out.rules.back()->id);
      break;
    }
    out.rules.push_back(&rule);
  }
  return out;
}

Status tag_rule(World& world, const Caller& caller, const std::string& arn,
                const std::vector<Tag>& tags) {
  auto id = rule_id_from_arn(world, caller, arn);
  if (!id) return id.error();
  if (auto ok = check_rule_tags(tags); !ok) return ok;
  RetentionRule* rule = find_rule(world, caller, *id);
  std::vector<Tag> merged = rule->tags;
  for (const auto& t : tags) {
    auto it =
        std::find_if(merged.begin(), merged.end(), [&](const Tag& m) { return m.key == t.key; });
    if (it != merged.end())
      it->value = t.value;
    else
      merged.push_back(t);
  }
  if (merged.size() > kMaxRuleTags) return errors::rbin_tag_quota(kMaxRuleTags);
  rule->tags = std::move(merged);
  return ok_status();
}

Status untag_rule(World& world, const Caller& caller, const std::string& arn,
                  const std::vector<std::string>& keys) {
  auto id = rule_id_from_arn(world, caller, arn);
  if (!id) return id.error();
  auto& tags = find_rule(world, caller, *id)->tags;
  tags.erase(std::remove_if(tags.begin(), tags.end(),
                            [&](const Tag& t) {
                              return std::find(keys.begin(), keys.end(), t.key) != keys.end();
                            }),
             tags.end());
  return ok_status();
}

Result<std::vector<Tag>> rule_tags(const World& world, const Caller& caller,
                                   const std::string& arn) {
  auto id = rule_id_from_arn(world, caller, arn);
  if (!id) return id.error();
  return world.region_of(caller).bin.rules.at(*id).tags;
}

const RetentionRule* retaining_rule(const World& world, const RegionState& region,
                                    const AccountId& owner, RbinResourceType type,
                                    const Tags& tags) {
  const auto has = [&](const RbinResourceTag& t) {
    auto it = tags.find(t.key);
    return it != tags.end() && (!t.value || it->second == *t.value);
  };
  const RetentionRule* best = nullptr;
  for_each_rule(region, owner, [&](const RetentionRule& rule) {
    if (rule.resource_type != type || rule_status(rule, world.now()) != "available") return;
    const bool matches =
        rule.resource_tags.empty()
            ? std::none_of(rule.exclude_resource_tags.begin(), rule.exclude_resource_tags.end(),
                           has)
            : std::any_of(rule.resource_tags.begin(), rule.resource_tags.end(), has);
    // "the retention rule with the longest retention period takes precedence"; among equals the
    // first by ID.
    if (matches && (best == nullptr || rule.retention_days > best->retention_days)) best = &rule;
  });
  return best;
}

}  // namespace amisim::sim
