// What a lifecycle policy does on the clock (sim/dlm/dlm.hpp): runs, retention, deprecation,
// copies and sharing. Facts: docs/aws-facts.md §D. Every event is housekeeping (settles=false):
// schedules recur, so only advancing the clock runs them.
//
// Events (EventKind::kDlmRun, target = policy ID, region = the policy's):
//   run:<i>        schedule i is due; every schedule due at the same time runs with it
//   expire:<id>    an age-based retention (or an archive retention, or a copy's) ends
//   ready:<id>     check whether the new AMI or snapshot is complete, then copy and share it
//   unshare:<id>   the share rule's UnshareInterval ends
#include <fmt/format.h>

#include <algorithm>

#include "sim/copies/copies.hpp"
#include "sim/dlm/detail.hpp"
#include "sim/dlm/dlm.hpp"
#include "sim/ebs/snapshot_tiers.hpp"
#include "sim/ebs/snapshots.hpp"
#include "sim/images/images.hpp"

namespace amisim::sim {
namespace {

// How often a run looks again whether what it made is complete before copying or sharing it [?]
// (AWS does not say how soon after completion the copy starts).
constexpr DurationMs kReadyPollMs = 5 * kMinuteMs;

std::uint64_t schedule_event(World& world, const LifecyclePolicy& p, TimeMs at,
                             std::string detail) {
  Event e;
  e.at = at;
  e.kind = EventKind::kDlmRun;
  e.region = p.region;
  e.target = p.id;
  e.detail = std::move(detail);
  e.settles = false;
  return world.schedule(std::move(e));
}

bool is_targeted(const Tags& tags, const std::vector<Tag>& targets) {
  return std::any_of(targets.begin(), targets.end(), [&](const Tag& t) {
    auto it = tags.find(t.key);
    return it != tags.end() && it->second == t.value;
  });
}

// "20260101T010000": the run's time in an AMI name (which takes no ':').
std::string name_stamp(TimeMs t) {
  std::string out;
  for (char c : format_iso8601(t).substr(0, 19)) {
    if (c != '-' && c != ':') out.push_back(c);
  }
  return out;
}

bool is_image(const std::string& id) { return id.rfind("ami-", 0) == 0; }

// The tags DLM puts on what it makes (UG:snapshot-lifecycle.md, "Amazon Data Lifecycle Manager
// tags"): the source's own tags with CopyTags, the schedule's TagsToAdd and VariableTags
// ($(instance-id), $(timestamp)), and the system tags aws:dlm:lifecycle-policy-id,
// aws:dlm:lifecycle-schedule-name, aws:dlm:managed ("true" [?]), aws:dlm:expirationTime (snapshots
// with an age-based schedule).
void put_dlm_tags(Tags& tags, const LifecyclePolicy& p, const DlmSchedule& s,
                  const std::string& instance_id, const Tags& source_tags, TimeMs at,
                  std::optional<TimeMs> expires, bool snapshot) {
  if (s.copy_tags) {
    for (const auto& [k, v] : source_tags) {
      if (k.rfind("aws:", 0) != 0) tags[k] = v;
    }
  }
  for (const auto& t : s.tags_to_add) tags[t.key] = t.value;
  for (const auto& t : s.variable_tags) {
    std::string v = t.value;
    if (v == "$(instance-id)") v = instance_id;
    if (v == "$(timestamp)") v = format_iso8601(at);
    tags[t.key] = v;
  }
  tags["aws:dlm:lifecycle-policy-id"] = p.id;
  tags["aws:dlm:lifecycle-schedule-name"] = s.name;
  tags["aws:dlm:managed"] = "true";
  if (snapshot && expires) tags["aws:dlm:expirationTime"] = format_iso8601(*expires);
}

// Retention of a schedule, for "the schedule that has the highest retention period".
bool retains_longer(const DlmSchedule& a, const DlmSchedule& b) {
  if (a.retain.count && b.retain.count) return *a.retain.count > *b.retain.count;
  if (a.retain.age && b.retain.age)
    return add_period(0, *a.retain.age) > add_period(0, *b.retain.age);
  return false;
}

class Runner {
 public:
  Runner(World& world, LifecyclePolicy& p) : world_(world), p_(p) {}

  void run(TimeMs at);
  void expire(const std::string& id);
  void ready(const std::string& id);
  void unshare(const std::string& id);

 private:
  DlmManaged* record(const std::string& id) {
    for (auto& m : p_.managed) {
      if (m.resource_id == id) return &m;
    }
    return nullptr;
  }
  RegionState& region_of(const DlmManaged& m) { return *world_.region(m.region); }
  bool exists(const DlmManaged& m) {
    RegionState& r = region_of(m);
    if (is_image(m.resource_id)) {
      auto it = r.images.find(ImageId(m.resource_id));
      return it != r.images.end() && it->second.owner == p_.owner &&
             it->second.state != ImageState::kDeregistered;
    }
    auto it = r.snapshots.find(SnapshotId(m.resource_id));
    return it != r.snapshots.end() && it->second.owner == p_.owner;
  }
  // The records of the same schedule, source and copy rule as `m`, oldest first.
  std::vector<DlmManaged*> group_of(const DlmManaged& m, bool archived) {
    std::vector<DlmManaged*> g;
    for (auto& o : p_.managed) {
      if (o.schedule == m.schedule && o.source_id == m.source_id && o.copy_rule == m.copy_rule &&
          o.archived == archived)
        g.push_back(&o);
    }
    return g;
  }
  void fail(std::string what) {
    if (!failures_.empty()) failures_ += "; ";
    failures_ += what;
  }
  void forget(const std::string& id) {
    std::erase_if(p_.managed, [&](const DlmManaged& m) { return m.resource_id == id; });
  }
  void dispose(const DlmManaged& m);
  void archive_or_dispose(DlmManaged& m);
  void keep_age(DlmManaged& m, const DlmPeriod& age, TimeMs from);
  void make_image(const DlmSchedule& s, std::size_t si, const Instance& inst, TimeMs at);
  void make_snapshot(const DlmSchedule& s, std::size_t si, const Snapshot& snap,
                     const std::string& instance_id, const Tags& source_tags, TimeMs at);
  void record_new(DlmManaged m, const DlmSchedule& s);
  void retain_by_count();
  void sweep_expired(TimeMs now);
  void finish_status();

  World& world_;
  LifecyclePolicy& p_;
  std::string failures_;
};

void Runner::dispose(const DlmManaged& m) {
  if (!exists(m)) return;
  const Caller caller{p_.owner, m.region};
  if (is_image(m.resource_id)) {
    // "When Amazon Data Lifecycle Manager deregisters an AMI, it automatically deletes its
    // backing snapshots" (UG:ami-policy.md): DeregisterImage with DeleteAssociatedSnapshots, so
    // the Recycle Bin's rules apply as to any deregistration.
    if (auto r = deregister_image(world_, caller, ImageId(m.resource_id), true); !r)
      fail(fmt::format("{}: {}", m.resource_id, r.error().message));
    return;
  }
  if (auto r = delete_snapshot(world_, caller, SnapshotId(m.resource_id)); !r)
    fail(fmt::format("{}: {}", m.resource_id, r.error().message));
}

void Runner::keep_age(DlmManaged& m, const DlmPeriod& age, TimeMs from) {
  m.expires = add_period(from, age);
  schedule_event(world_, p_, *m.expires, "expire:" + m.resource_id);
}

// A snapshot leaving the standard tier's retention goes to the archive tier when the schedule
// has an ArchiveRule (DLM:ArchiveRule), else it is disposed of.
void Runner::archive_or_dispose(DlmManaged& m) {
  const DlmSchedule& s = p_.details.schedules[m.schedule];
  if (s.archive && !m.archived && !is_image(m.resource_id) && m.copy_rule < 0) {
    const Caller caller{p_.owner, m.region};
    ModifySnapshotTierRequest request;
    request.snapshot_id = SnapshotId(m.resource_id);
    if (auto r = modify_snapshot_tier(world_, caller, request); r) {
      m.archived = true;
      m.expires.reset();
      if (s.archive->retain.age) keep_age(m, *s.archive->retain.age, world_.now());
      return;
    } else {
      fail(fmt::format("{}: {}", m.resource_id, r.error().message));
    }
  }
  dispose(m);
  forget(m.resource_id);
}

void Runner::record_new(DlmManaged m, const DlmSchedule& s) {
  if (s.retain.age) keep_age(m, *s.retain.age, m.created);
  if (!s.cross_region_copies.empty() || s.share)
    schedule_event(world_, p_, world_.now() + kReadyPollMs, "ready:" + m.resource_id);
  p_.managed.push_back(std::move(m));
}

void Runner::make_image(const DlmSchedule& s, std::size_t si, const Instance& inst, TimeMs at) {
  const Caller caller{p_.owner, p_.region};
  CreateImageRequest request;
  request.instance_id = inst.id;
  // AMI names and descriptions of DLM's AMIs are amisim's [?] (AWS does not document them).
  request.name = fmt::format("dlm-{}-{}-{}", p_.id, inst.id.str(), name_stamp(at));
  request.description = fmt::format("Created for policy: {} schedule: {}", p_.id, s.name);
  request.no_reboot = p_.details.no_reboot;
  auto made = create_image(world_, caller, request);
  if (!made) {
    fail(fmt::format("{}: {}", inst.id.str(), made.error().message));
    return;
  }
  Image& image = world_.region(p_.region)->images.at(*made);
  DlmManaged m;
  m.resource_id = made->str();
  m.region = p_.region;
  m.source_id = inst.id.str();
  m.schedule = si;
  m.created = at;
  put_dlm_tags(image.tags.mut(), p_, s, inst.id.str(), inst.tags, at, std::nullopt, false);
  // Age-based deprecation: the AMI's DeprecationTime is set when it is made (a later change of
  // the rule applies to new AMIs only, UG:ami-policy.md).
  if (s.deprecate.age) image.deprecation_time = add_period(at, *s.deprecate.age);
  record_new(std::move(m), s);
}

void Runner::make_snapshot(const DlmSchedule& s, std::size_t si, const Snapshot& snap,
                           const std::string& instance_id, const Tags& source_tags, TimeMs at) {
  Snapshot& stored = world_.region(p_.region)->snapshots.at(snap.id);
  DlmManaged m;
  m.resource_id = snap.id.str();
  m.region = p_.region;
  m.source_id = stored.volume_id.str();
  m.schedule = si;
  m.created = at;
  std::optional<TimeMs> expires;
  if (s.retain.age) expires = add_period(at, *s.retain.age);
  put_dlm_tags(stored.tags, p_, s, instance_id, source_tags, at, expires, true);
  record_new(std::move(m), s);
}

// Count-based retention: "After the maximum count is reached, the oldest AMI is deregistered when
// a new one is created" - per target resource; a source no longer targeted (terminated, or its
// tag removed) is no longer managed: its records are dropped (UG:ami-policy.md).
void Runner::retain_by_count() {
  const RegionState& home = *world_.region(p_.region);
  std::erase_if(p_.managed, [&](const DlmManaged& m) {
    const DlmSchedule& s = p_.details.schedules[m.schedule];
    if (!s.retain.count || m.copy_rule >= 0) return false;
    if (p_.details.type == DlmPolicyType::kImage) {
      auto it = home.instances.find(InstanceId(m.source_id));
      return it == home.instances.end() || it->second.state == InstanceState::kTerminated ||
             it->second.state == InstanceState::kShuttingDown ||
             !is_targeted(it->second.tags, p_.details.target_tags);
    }
    return false;
  });
  // Oldest first within each group; the standard tier first, as what leaves it may enter the
  // archive's count. Copy the IDs first: disposing edits the list.
  std::vector<std::string> order;
  for (const auto& m : p_.managed) order.push_back(m.resource_id);
  for (const bool archived_pass : {false, true}) {
    for (const auto& id : order) {
      DlmManaged* m = record(id);
      if (m == nullptr || m->copy_rule >= 0 || m->archived != archived_pass) continue;
      const DlmSchedule& s = p_.details.schedules[m->schedule];
      if (!s.retain.count) continue;
      if (m->archived && (!s.archive || !s.archive->retain.count)) continue;
      auto group = group_of(*m, m->archived);
      const int keep = m->archived ? *s.archive->retain.count : *s.retain.count;
      if (static_cast<int>(group.size()) > keep && group.front() == m) archive_or_dispose(*m);
    }
  }
  // Count-based deprecation: of each group's AMIs, all but the newest (RetainCount -
  // DeprecateCount) are deprecated ("the number of oldest AMIs to deprecate", UG:ami-policy.md;
  // amisim's reading [?]). A DeprecationTime already set (by hand too) is left alone.
  for (auto& m : p_.managed) {
    const DlmSchedule& s = p_.details.schedules[m.schedule];
    if (!s.retain.count || !s.deprecate.count || m.copy_rule >= 0 || m.deprecated_by_policy)
      continue;
    auto group = group_of(m, false);
    const auto pos_from_newest =
        static_cast<int>(group.end() - std::find(group.begin(), group.end(), &m) - 1);
    if (pos_from_newest < *s.retain.count - *s.deprecate.count) continue;
    auto it = region_of(m).images.find(ImageId(m.resource_id));
    if (it == region_of(m).images.end()) continue;
    if (!it->second.deprecation_time) it->second.deprecation_time = world_.now();
    m.deprecated_by_policy = true;
  }
}

// Age-based retention past due: "Amazon Data Lifecycle Manager will always retain the last AMI
// until the next one is created" (UG:ami-policy.md) - the newest of a group waits for a newer one.
void Runner::sweep_expired(TimeMs now) {
  std::vector<std::string> order;
  for (const auto& m : p_.managed) order.push_back(m.resource_id);
  for (const auto& id : order) {
    DlmManaged* m = record(id);
    if (m == nullptr || !m->expires || *m->expires > now) continue;
    auto group = group_of(*m, m->archived);
    if (group.back() == m && !m->archived) continue;
    archive_or_dispose(*m);
  }
}

void Runner::finish_status() {
  // A run that could not do everything shows as State ERROR with what failed in StatusMessage;
  // the next run that succeeds clears it [?] (AWS documents the ERROR state, not its texts).
  p_.error = !failures_.empty();
  p_.status_message = failures_;
}

void Runner::run(TimeMs at) {
  auto& schedules = p_.details.schedules;
  std::vector<std::size_t> due;
  for (std::size_t k = 0; k < schedules.size(); ++k) {
    if (p_.run_seq[k] != 0 && p_.next_run[k] == at) due.push_back(k);
  }
  if (due.empty()) return;
  // "If multiple schedules are initiated at the same time, Amazon Data Lifecycle Manager creates
  // only one snapshot or AMI and applies the retention settings of the schedule that has the
  // highest retention period. The tags of all of the initiated schedules are applied"
  // (UG:snapshot-lifecycle.md). The lead schedule's copy and share rules apply [?] (AWS copies to
  // every Region of every initiated schedule).
  std::size_t lead = due.front();
  for (std::size_t k : due) {
    if (retains_longer(schedules[k], schedules[lead])) lead = k;
  }
  for (std::size_t k : due) {
    p_.run_seq[k] = 0;
    if (auto t = next_fire(schedules[k].create, at)) {
      p_.next_run[k] = *t;
      p_.run_seq[k] = schedule_event(world_, p_, *t, fmt::format("run:{}", k));
    }
  }
  DlmSchedule s = schedules[lead];
  for (std::size_t k : due) {
    if (k == lead) continue;
    for (const auto& t : schedules[k].tags_to_add) s.tags_to_add.push_back(t);
  }
  RegionState& region = *world_.region(p_.region);
  const auto& targets = p_.details.target_tags;
  // Targets in ID order (the maps are ordered): an instance running or stopped, a volume
  // available or in use [?] (others are not backed up this run).
  std::vector<InstanceId> instances;
  for (const auto& [key, inst] : region.instances) {
    if (inst.owner == p_.owner && is_targeted(inst.tags, targets) &&
        (inst.state == InstanceState::kRunning || inst.state == InstanceState::kStopped))
      instances.push_back(inst.id);
  }
  if (p_.details.type == DlmPolicyType::kImage) {
    for (const auto& id : instances) make_image(s, lead, region.instances.at(id), at);
  } else if (p_.details.resource_type == DlmResourceType::kInstance) {
    for (const auto& id : instances) {
      const Caller caller{p_.owner, p_.region};
      CreateSnapshotsRequest request;
      request.instance_id = id;
      request.exclude_boot_volume = p_.details.exclude_boot_volume;
      request.description = fmt::format("Created for policy: {} schedule: {}", p_.id, s.name);
      auto made = create_snapshots(world_, caller, request);
      if (!made) {
        fail(fmt::format("{}: {}", id.str(), made.error().message));
        continue;
      }
      const Tags source = region.instances.at(id).tags;
      for (const Snapshot* snap : *made) make_snapshot(s, lead, *snap, id.str(), source, at);
    }
  } else {
    std::vector<VolumeId> volumes;
    for (const auto& [key, vol] : region.volumes) {
      if (vol.owner == p_.owner && is_targeted(vol.tags, targets) &&
          (vol.state == VolumeState::kAvailable || vol.state == VolumeState::kInUse))
        volumes.push_back(vol.id);
    }
    for (const auto& id : volumes) {
      const Caller caller{p_.owner, p_.region};
      CreateSnapshotRequest request;
      request.volume_id = id;
      request.description = fmt::format("Created for policy: {} schedule: {}", p_.id, s.name);
      auto made = create_snapshot(world_, caller, request);
      if (!made) {
        fail(fmt::format("{}: {}", id.str(), made.error().message));
        continue;
      }
      const Volume& vol = region.volumes.at(id);
      const std::string instance_id =
          vol.attachment ? vol.attachment->instance_id.str() : std::string();
      make_snapshot(s, lead, **made, instance_id, vol.tags, at);
    }
  }
  sweep_expired(at);
  retain_by_count();
  finish_status();
}

void Runner::expire(const std::string& id) {
  DlmManaged* m = record(id);
  if (m == nullptr || !m->expires || *m->expires > world_.now()) return;
  if (!exists(*m)) {
    forget(id);
    return;
  }
  auto group = group_of(*m, m->archived);
  if (group.back() == m && !m->archived) return;  // the last one waits for a newer one
  archive_or_dispose(*m);
  if (!failures_.empty()) finish_status();
}

void Runner::ready(const std::string& id) {
  DlmManaged* found = record(id);
  if (found == nullptr) return;
  if (!exists(*found)) {
    forget(id);
    return;
  }
  RegionState& home = region_of(*found);
  bool complete = false;
  if (is_image(id)) {
    complete = home.images.at(ImageId(id)).state == ImageState::kAvailable;
  } else {
    complete = home.snapshots.at(SnapshotId(id)).state == SnapshotState::kCompleted;
  }
  if (!complete) {
    schedule_event(world_, p_, world_.now() + kReadyPollMs, "ready:" + id);
    return;
  }
  const DlmManaged m = *found;  // copies below add records: the reference would dangle
  const DlmSchedule& s = p_.details.schedules[m.schedule];
  for (std::size_t j = 0; j < s.cross_region_copies.size(); ++j) {
    const auto& rule = s.cross_region_copies[j];
    const Caller there{p_.owner, rule.target};
    DlmManaged copy;
    copy.region = rule.target;
    copy.source_id = m.source_id;
    copy.schedule = m.schedule;
    copy.copy_rule = static_cast<int>(j);
    copy.created = world_.now();
    if (is_image(id)) {
      const Image& source = home.images.at(ImageId(id));
      CopyImageRequest request;
      request.source_region = m.region;
      request.source_image_id = ImageId(id);
      request.name = source.name;
      request.description = source.description;
      request.copy_image_tags = rule.copy_tags;
      if (rule.encrypted) request.encrypted = true;
      auto made = copy_image(world_, there, request);
      if (!made) {
        fail(fmt::format("copy of {} to {}: {}", id, rule.target.str(), made.error().message));
        continue;
      }
      Image& image = world_.region(rule.target)->images.at(*made);
      put_dlm_tags(image.tags.mut(), p_, s, m.source_id, {}, copy.created, std::nullopt, false);
      if (rule.deprecate) image.deprecation_time = add_period(copy.created, *rule.deprecate);
      copy.resource_id = made->str();
    } else {
      CopySnapshotRequest request;
      request.source_region = m.region;
      request.source_snapshot_id = SnapshotId(id);
      request.description = home.snapshots.at(SnapshotId(id)).description;
      if (rule.encrypted) request.encrypted = true;
      auto made = copy_snapshot(world_, there, request);
      if (!made) {
        fail(fmt::format("copy of {} to {}: {}", id, rule.target.str(), made.error().message));
        continue;
      }
      Snapshot& snap = world_.region(rule.target)->snapshots.at((*made)->id);
      if (rule.copy_tags) snap.tags = home.snapshots.at(SnapshotId(id)).tags;
      std::optional<TimeMs> expires;
      if (rule.retain) expires = add_period(copy.created, *rule.retain);
      put_dlm_tags(snap.tags, p_, s, m.source_id, {}, copy.created, expires, true);
      copy.resource_id = snap.id.str();
    }
    if (rule.retain) keep_age(copy, *rule.retain, copy.created);
    p_.managed.push_back(std::move(copy));
  }
  if (s.share && m.copy_rule < 0) {
    const Caller caller{p_.owner, m.region};
    Status shared = ok_status();
    if (is_image(id)) {
      ModifyImageAttributeRequest request;
      request.image_id = ImageId(id);
      request.attribute = "launchPermission";
      request.launch_permission.add_users = s.share->accounts;
      shared = modify_image_attribute(world_, caller, request);
    } else {
      ModifySnapshotAttributeRequest request;
      request.snapshot_id = SnapshotId(id);
      request.operation_type = "add";
      request.user_ids = s.share->accounts;
      shared = modify_snapshot_attribute(world_, caller, request);
    }
    if (!shared) {
      fail(fmt::format("share of {}: {}", id, shared.error().message));
    } else if (DlmManaged* again = record(id)) {
      again->shared = true;
      if (s.share->unshare_after) {
        again->unshare_at = add_period(world_.now(), *s.share->unshare_after);
        schedule_event(world_, p_, *again->unshare_at, "unshare:" + id);
      }
    }
  }
  if (!failures_.empty()) finish_status();
}

void Runner::unshare(const std::string& id) {
  DlmManaged* m = record(id);
  if (m == nullptr || !m->shared || !exists(*m)) return;
  const DlmSchedule& s = p_.details.schedules[m->schedule];
  if (!s.share) return;
  const Caller caller{p_.owner, m->region};
  if (is_image(id)) {
    ModifyImageAttributeRequest request;
    request.image_id = ImageId(id);
    request.attribute = "launchPermission";
    request.launch_permission.remove_users = s.share->accounts;
    (void)modify_image_attribute(world_, caller, request);
  } else {
    ModifySnapshotAttributeRequest request;
    request.snapshot_id = SnapshotId(id);
    request.operation_type = "remove";
    request.user_ids = s.share->accounts;
    (void)modify_snapshot_attribute(world_, caller, request);
  }
  m->shared = false;
}

}  // namespace

namespace detail {

void dlm_plan_runs(World& world, LifecyclePolicy& policy) {
  const std::size_t n = policy.details.schedules.size();
  policy.next_run.assign(n, 0);
  policy.run_seq.assign(n, 0);
  // Records of schedules that no longer exist are no longer managed [?].
  std::erase_if(policy.managed, [&](const DlmManaged& m) { return m.schedule >= n; });
  if (!policy.enabled) return;
  // "The first policy run starts within an hour after the time that you schedule": amisim runs at
  // the scheduled time itself [?].
  for (std::size_t i = 0; i < n; ++i) {
    if (auto t = next_fire(policy.details.schedules[i].create, world.now())) {
      policy.next_run[i] = *t;
      policy.run_seq[i] = schedule_event(world, policy, *t, fmt::format("run:{}", i));
    }
  }
}

}  // namespace detail

void on_dlm_event(World& world, const Event& event) {
  RegionState* region = world.region(event.region);
  if (region == nullptr) return;
  auto it = region->lifecycle_policies.find(event.target);
  // A deleted policy creates nothing more; a disabled one does nothing.
  if (it == region->lifecycle_policies.end() || !it->second.enabled) return;
  LifecyclePolicy& p = it->second;
  Runner runner(world, p);
  const std::string_view d = event.detail;
  const auto colon = d.find(':');
  const std::string_view what = d.substr(0, colon);
  const std::string arg(colon == std::string_view::npos ? "" : d.substr(colon + 1));
  if (what == "run") {
    const std::size_t k = static_cast<std::size_t>(std::stoul(arg));
    // A run planned before an update or a disable/enable is stale.
    if (k >= p.run_seq.size() || p.run_seq[k] != event.seq) return;
    runner.run(event.at);
  } else if (what == "expire") {
    runner.expire(arg);
  } else if (what == "ready") {
    runner.ready(arg);
  } else if (what == "unshare") {
    runner.unshare(arg);
  }
}

}  // namespace amisim::sim
