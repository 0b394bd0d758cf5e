#include "api/picture/recorder.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <utility>

namespace amisim::picture {
namespace {

// How each kind of resource is drawn: whether at all, its state, and its track when first seen.
bool drawn(const sim::Instance&) { return true; }
bool drawn(const sim::Volume&) { return true; }
bool drawn(const sim::Snapshot& s) { return s.owner_alias.empty(); }
bool drawn(const sim::Image& i) { return i.owner_alias.empty(); }

// A look compares every resource's state with its bar's, so these make no string.
std::string_view state_of(const sim::Instance& i) { return sim::to_string(i.state); }
std::string_view state_of(const sim::Volume& v) { return sim::to_string(v.state); }
std::string_view state_of(const sim::Snapshot& s) {
  if (s.storage_tier != "archive") return sim::to_string(s.state);
  switch (s.state) {
    case sim::SnapshotState::kPending:
      return "pending, archived";
    case sim::SnapshotState::kCompleted:
      return "completed, archived";
    case sim::SnapshotState::kError:
      return "error, archived";
    case sim::SnapshotState::kRecoverable:
      return "recoverable, archived";
    case sim::SnapshotState::kRecovering:
      return "recovering, archived";
  }
  return "archived";
}
std::string_view state_of(const sim::Image& i) { return sim::to_string(i.state); }

std::vector<std::string> codes_of(const sim::ImageTraits& traits) {
  std::vector<std::string> out;
  for (const auto& c : traits.product_codes.get()) out.push_back(c.code);
  return out;
}

Track track_of(const sim::Instance& i) {
  Track t;
  t.id = i.id.str();
  t.kind = "instance";
  t.account = i.owner;
  t.region = i.region;
  t.label = i.instance_type;
  t.product_codes = codes_of(i.traits);
  t.states.push_back({i.launch_time, std::string(state_of(i))});
  return t;
}

Track track_of(const sim::Volume& v) {
  Track t;
  t.id = v.id.str();
  t.kind = "volume";
  t.account = v.owner;
  t.region = v.region;
  t.label = fmt::format("{} GiB {}", v.size_gib, v.volume_type);
  t.states.push_back({v.create_time, std::string(state_of(v))});
  if (v.snapshot_id && !v.snapshot_id->empty())
    t.edges.push_back({v.snapshot_id->str(), t.id, "volume"});
  return t;
}

Track track_of(const sim::Snapshot& s) {
  Track t;
  t.id = s.id.str();
  t.kind = "snapshot";
  t.account = s.owner;
  t.region = s.region;
  t.label = fmt::format("{} GiB", s.volume_size_gib);
  t.states.push_back({s.start_time, std::string(state_of(s))});
  if (!s.source_snapshot_id.empty()) {
    t.edges.push_back({s.source_snapshot_id.str(), t.id, "copy"});
  } else if (!s.volume_id.empty() && s.volume_id.str() != "vol-ffffffff") {
    t.edges.push_back({s.volume_id.str(), t.id, "snapshot"});
  }
  return t;
}

Track track_of(const sim::Image& i) {
  Track t;
  t.id = i.id.str();
  t.kind = "image";
  t.account = i.owner;
  t.region = i.region;
  t.label = i.name;
  t.product_codes = codes_of(i.traits);
  t.states.push_back({i.creation, std::string(state_of(i))});
  if (!i.source_instance_id->empty())
    t.edges.push_back({i.source_instance_id->str(), t.id, "image"});
  // CreateImage records the instance's AMI as the source (its ancestry), CopyImage the image
  // copied.
  if (!i.source_image_id->empty()) {
    t.edges.push_back(
        {i.source_image_id->str(), t.id, i.source_instance_id->empty() ? "copy" : "ancestor"});
  }
  for (const auto& m : i.mappings) {
    if (m.ebs && m.ebs->snapshot_id && !m.ebs->snapshot_id->empty())
      t.edges.push_back({t.id, m.ebs->snapshot_id->str(), "snapshot"});
  }
  return t;
}

}  // namespace

Recorder::Recorder(bool on, std::size_t max_tracks, std::size_t max_calls)
    : on_(on),
      max_tracks_(std::max<std::size_t>(max_tracks, 1)),
      max_calls_(std::max<std::size_t>(max_calls, 1)) {}

void Recorder::restart(const sim::World& world) {
  started_ = now_ = world.now();
  tracks_.clear();
  free_.clear();
  gone_order_.clear();
  seen_.clear();
  calls_.clear();
  changed_.clear();
  next_call_ = 1;
  truncated_ = false;
  ++version_;
  if (!on_) return;
  for (const auto& [name, region] : world.regions()) look_region(region, nullptr);
}

void Recorder::look(const sim::World& world, const sim::RegionName* region) {
  if (!on_) return;
  now_ = world.now();
  if (region != nullptr) {
    if (const sim::RegionState* r = world.region(*region)) look_region(*r, &changed_);
    return;
  }
  for (const auto& [name, r] : world.regions()) look_region(r, &changed_);
}

void Recorder::call(const sim::Caller& caller, sim::TimeMs at, std::string_view service,
                    std::string_view action, std::string_view error) {
  if (!on_) return;
  CallRecord record;
  record.at = at;
  record.account = caller.account.str();
  record.region = caller.region.str();
  record.service = std::string(service);
  record.action = std::string(action);
  record.error = std::string(error);
  log(std::move(record));
}

void Recorder::clock_moved(sim::TimeMs at, std::string_view action) {
  if (!on_) return;
  ++version_;  // the bars and the bill reach further even when no state changed
  if (changed_.empty()) return;
  CallRecord record;
  record.at = at;
  record.service = "amisim";
  record.action = std::string(action);
  log(std::move(record));
}

void Recorder::log(CallRecord record) {
  record.seq = next_call_++;
  // Each ID once, in the order first seen (a look per instant can see one change twice).
  std::set<std::string_view> once;
  for (auto& id : changed_)
    if (once.insert(id).second) record.changed.push_back(id);
  changed_.clear();
  calls_.push_back(std::move(record));
  if (calls_.size() > max_calls_) calls_.pop_front();
  ++version_;
}

void Recorder::look_region(const sim::RegionState& region, std::vector<std::string>* changed) {
  RegionSeen& seen = seen_[region.name()];
  walk(region.instances, seen.instances, changed);
  walk(region.volumes, seen.volumes, changed);
  // The catalogue's images (a million, with --catalog-size) and their snapshots share the maps of
  // the accounts' own: those maps are walked when their size changed (one made, or one gone),
  // else the ones drawn are looked up.
  walk_or_find(region.snapshots, seen.snapshots, seen.snapshot_count, changed);
  walk_or_find(region.images, seen.images, seen.image_count, changed);
}

template <class Map>
void Recorder::walk_or_find(const Map& map, std::vector<Seen>& seen, std::size_t& count,
                            std::vector<std::string>* changed) {
  if (map.size() != count) {
    count = map.size();
    walk(map, seen, changed, /*whole=*/true);
    return;
  }
  for (const Seen& s : seen) {
    auto it = map.find(std::string_view(s.id));
    if (it != map.end()) set_state(s.track, state_of(it->second), now_, changed);
  }
}

template <class Map>
void Recorder::walk(const Map& map, std::vector<Seen>& seen, std::vector<std::string>* changed,
                    bool whole) {
  if (!whole && map.size() > max_tracks_) {
    truncated_ = true;
    return;
  }
  // The map and `seen` are both in ID order: one merge finds what is new, what changed and what
  // is gone. New ones are drawn after it, so that room left by the gone is there for them.
  std::vector<Seen> next;
  next.reserve(seen.size() + 1);
  std::vector<std::pair<std::size_t, const typename Map::mapped_type*>> added;
  auto old = seen.begin();
  for (const auto& [key, resource] : map) {
    if (!drawn(resource)) continue;
    const std::string_view id = key.str();
    while (old != seen.end() && std::string_view(old->id) < id) end((old++)->track, now_, changed);
    if (old != seen.end() && old->id == id) {
      set_state(old->track, state_of(resource), now_, changed);
      next.push_back(std::move(*old++));
    } else {
      added.emplace_back(next.size(), &resource);
      next.push_back({std::string(id), kNoTrack});
    }
  }
  while (old != seen.end()) end((old++)->track, now_, changed);
  for (const auto& [at, resource] : added) {
    if (auto track = add_track(track_of(*resource), changed)) next[at].track = *track;
  }
  if (!added.empty()) {
    std::erase_if(next, [](const Seen& s) { return s.track == kNoTrack; });
  }
  seen = std::move(next);
}

std::optional<std::uint32_t> Recorder::add_track(Track track, std::vector<std::string>* changed) {
  std::size_t live = tracks_.size() - free_.size();
  if (live >= max_tracks_) {
    if (gone_order_.empty()) {
      truncated_ = true;
      return std::nullopt;
    }
    const std::uint32_t oldest = gone_order_.front();
    gone_order_.pop_front();
    tracks_[oldest] = Track{};
    free_.push_back(oldest);
    truncated_ = true;
  }
  // A resource first seen after a call (and, in the instant clock, the settle after it) began in
  // its kind's first state at its creation time and has been in its state since now: the model
  // starts every one that way. One there when the picture started is drawn from its creation.
  StateSpan& first = track.states.front();
  const std::string_view initial = track.kind == "volume" ? "creating" : "pending";
  if (changed != nullptr && first.from < now_ && first.state != initial) {
    std::string state = std::move(first.state);
    first.state = std::string(initial);
    track.states.push_back({now_, std::move(state)});
  }
  if (changed != nullptr) changed->push_back(track.id);
  ++version_;
  if (!free_.empty()) {
    const std::uint32_t slot = free_.back();
    free_.pop_back();
    tracks_[slot] = std::move(track);
    return slot;
  }
  tracks_.push_back(std::move(track));
  return static_cast<std::uint32_t>(tracks_.size() - 1);
}

void Recorder::set_state(std::uint32_t index, std::string_view state, sim::TimeMs at,
                         std::vector<std::string>* changed) {
  Track& t = tracks_[index];
  if (t.states.back().state == state) return;
  if (t.states.back().from >= at) {
    // Changed again at the same model time (a settle in the instant clock): the last state
    // wins, and a span equal to the one before it merges with it.
    t.states.back().state = state;
    if (t.states.size() > 1 && t.states[t.states.size() - 2].state == state) t.states.pop_back();
  } else {
    t.states.push_back({at, std::string(state)});
  }
  if (changed != nullptr) changed->push_back(t.id);
  ++version_;
}

void Recorder::end(std::uint32_t index, sim::TimeMs at, std::vector<std::string>* changed) {
  Track& t = tracks_[index];
  t.gone = std::max(at, t.states.back().from);
  gone_order_.push_back(index);
  if (changed != nullptr) changed->push_back(t.id);
  ++version_;
}

}  // namespace amisim::picture
