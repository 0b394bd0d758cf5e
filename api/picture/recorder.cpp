#include "api/picture/recorder.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <utility>

namespace amisim::picture {
namespace {

enum class Kind { kInstance, kVolume, kSnapshot, kImage };

// The kind an ID names when it is one drawn: "i-", "vol-", "snap-" or "ami-" and 8 or 17 hex
// digits.
std::optional<Kind> kind_of(std::string_view id) {
  if (sim::is_well_formed_id("i", id)) return Kind::kInstance;
  if (sim::is_well_formed_id("vol", id)) return Kind::kVolume;
  if (sim::is_well_formed_id("snap", id)) return Kind::kSnapshot;
  if (sim::is_well_formed_id("ami", id)) return Kind::kImage;
  return std::nullopt;
}

// The state amisim draws for a resource in the Recycle Bin [?: EC2 gives it none; it is listed
// by ListImagesInRecycleBin and ListSnapshotsInRecycleBin instead].
constexpr std::string_view kInRecycleBin = "in Recycle Bin";

bool binned(const sim::RegionState& r, Kind kind, std::string_view id) {
  switch (kind) {
    case Kind::kImage:
      return r.bin.images.find(id) != r.bin.images.end();
    case Kind::kSnapshot:
      return r.bin.snapshots.find(id) != r.bin.snapshots.end();
    case Kind::kVolume:
      return r.bin.volumes.find(id) != r.bin.volumes.end();
    case Kind::kInstance:
      break;
  }
  return false;
}

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

// A bar that begins at `from` in `state`.
Track begun(std::string id, std::string kind, const sim::AccountId& owner,
            const sim::RegionName& region, std::string label, sim::TimeMs from,
            std::string_view state) {
  Track t;
  t.id = std::move(id);
  t.kind = std::move(kind);
  t.account = owner;
  t.region = region;
  t.label = std::move(label);
  t.states.push_back({from, std::string(state)});
  return t;
}

Track track_of(const sim::Instance& i) {
  Track t =
      begun(i.id.str(), "instance", i.owner, i.region, i.instance_type, i.launch_time, state_of(i));
  t.product_codes = codes_of(i.traits);
  return t;
}

Track track_of(const sim::Volume& v) {
  Track t = begun(v.id.str(), "volume", v.owner, v.region,
                  fmt::format("{} GiB {}", v.size_gib, v.volume_type), v.create_time, state_of(v));
  if (v.snapshot_id && !v.snapshot_id->empty())
    t.edges.push_back({v.snapshot_id->str(), t.id, "volume"});
  return t;
}

Track track_of(const sim::Snapshot& s) {
  Track t = begun(s.id.str(), "snapshot", s.owner, s.region,
                  fmt::format("{} GiB", s.volume_size_gib), s.start_time, state_of(s));
  if (!s.source_snapshot_id.empty()) {
    t.edges.push_back({s.source_snapshot_id.str(), t.id, "copy"});
  } else if (!s.volume_id.empty() && s.volume_id.str() != "vol-ffffffff") {
    t.edges.push_back({s.volume_id.str(), t.id, "snapshot"});
  }
  return t;
}

Track track_of(const sim::Image& i) {
  Track t = begun(i.id.str(), "image", i.owner, i.region, i.name, i.creation, state_of(i));
  t.product_codes = codes_of(i.traits);
  if (!i.source_instance_id->empty())
    t.edges.push_back({i.source_instance_id->str(), t.id, "image"});
  // CreateImage records the instance's AMI as the source (its ancestry), CopyImage the image
  // copied, CreateRestoreImageTask the image stored.
  if (!i.source_image_id->empty()) {
    const char* kind = !i.source_instance_id->empty() ? "ancestor"
                       : i.restored_from_s3           ? "restore"
                                                      : "copy";
    t.edges.push_back({i.source_image_id->str(), t.id, kind});
  }
  for (const auto& m : i.mappings) {
    if (m.ebs && m.ebs->snapshot_id && !m.ebs->snapshot_id->empty())
      t.edges.push_back({t.id, m.ebs->snapshot_id->str(), "snapshot"});
  }
  return t;
}

// Image tasks and buckets ("side" resources): few, named by no ID the looks find in a call, so
// looked at together (Recorder::scan_side). A store task has no AWS ID: amisim names it
// "store-<Region>-<n>" [?], n its creation order in the Region; a bucket is "s3://<name>".
std::string store_task_id(const sim::RegionName& region, const sim::StoreImageTask& task) {
  return fmt::format("store-{}-{}", region.str(), task.number);
}
std::string bucket_id(const std::string& name) { return "s3://" + name; }
// [?] S3 gives a bucket no state: its bar says it exists.
constexpr std::string_view kBucketState = "exists";

Track track_of(const sim::RegionName& region, const sim::StoreImageTask& task) {
  Track t = begun(store_task_id(region, task), "store task", task.owner, region,
                  fmt::format("{} to s3://{}/{}", task.image.str(), task.bucket, task.key),
                  task.start, task.state);
  t.edges.push_back({task.image.str(), t.id, "store"});
  t.edges.push_back({t.id, bucket_id(task.bucket), "object"});
  return t;
}

Track track_of(const sim::RegionName& region, const sim::ImportTask& task) {
  const bool image = task.kind == sim::ImportKind::kImage;
  Track t = begun(task.id, image ? "import task" : "import snapshot task", task.owner, region,
                  task.description, task.start, task.status);
  for (const auto& d : task.disks) {
    if (!d.bucket.empty()) t.edges.push_back({bucket_id(d.bucket), t.id, "import"});
  }
  // What it made, once it made it.
  if (!task.image_id.empty()) t.edges.push_back({t.id, task.image_id.str(), "import"});
  for (const auto& d : task.disks) {
    if (!d.snapshot_id.empty()) t.edges.push_back({t.id, d.snapshot_id.str(), "import"});
  }
  return t;
}

Track track_of(const sim::RegionName& region, const sim::ExportTask& task) {
  Track t = begun(task.id, "export task", task.owner, region,
                  fmt::format("{} to s3://{}/{}", task.image.str(), task.bucket, task.prefix),
                  task.start, task.status);
  t.edges.push_back({task.image.str(), t.id, "export"});
  t.edges.push_back({t.id, bucket_id(task.bucket), "object"});
  return t;
}

Track track_of(const sim::Bucket& b) {
  return begun(bucket_id(b.name), "bucket", b.owner, b.region,
               fmt::format("{} object{}", b.objects.size(), b.objects.size() == 1 ? "" : "s"),
               b.created, kBucketState);
}

bool is_side(const Track& t) {
  return t.kind.find("task") != std::string::npos || t.kind == "bucket";
}

}  // namespace

Recorder::Recorder(bool on, std::size_t max_tracks, std::size_t max_calls)
    : on_(on),
      max_tracks_(std::max<std::size_t>(max_tracks, 1)),
      max_calls_(std::max<std::size_t>(max_calls, 1)) {}

void Recorder::restart(const sim::World& world) {
  started_ = now_ = world.now();
  tracks_.clear();
  stamps_.clear();
  free_.clear();
  gone_order_.clear();
  live_.clear();
  calls_.clear();
  changed_.clear();
  whole_looks_ = 0;
  owed_ = false;
  next_call_ = 1;
  truncated_ = false;
  ++version_;
  ++restarts_;
  if (!on_) return;
  for (const auto& [name, region] : world.regions()) scan(world, region, nullptr);
}

void Recorder::look_call(const sim::World& world, const sim::RegionName& region,
                         const nlohmann::json& input, const nlohmann::json& output) {
  if (!on_) return;
  now_ = world.now();
  // Every string of both that is an ID of a kind drawn; and whether the call names a bucket or
  // an image task (then the Region's tasks and buckets are looked at too).
  bool side = false;
  std::vector<const nlohmann::json*> todo = {&input, &output};
  while (!todo.empty()) {
    const nlohmann::json* j = todo.back();
    todo.pop_back();
    if (j->is_string()) {
      const auto& text = j->get_ref<const std::string&>();
      if (kind_of(text)) look_id(world, region, text, true);
      side = side || text.rfind("import-", 0) == 0 || text.rfind("export-", 0) == 0;
    } else if (j->is_object()) {
      for (const auto& [key, v] : j->items()) {
        side = side || key == "Bucket" || key == "S3Bucket";
        todo.push_back(&v);
      }
    } else if (j->is_array()) {
      for (const auto& v : *j) todo.push_back(&v);
    }
  }
  if (side) {
    if (const sim::RegionState* r = world.region(region)) scan_side(world, *r);
  }
}

void Recorder::look_event(const sim::World& world, const sim::Event& event) {
  if (!on_) return;
  now_ = world.now();
  switch (event.kind) {
    // Their effects name no one resource: a policy's run makes snapshots and images (in other
    // Regions too), an image task's end an image, a Region's opt-in change, a stay in the Recycle
    // Bin's end.
    case sim::EventKind::kDlmRun:
    case sim::EventKind::kImageTaskDone:
    case sim::EventKind::kRegionOptChanged:
    case sim::EventKind::kRecycleBinExpired:
      if (whole_looks_ == kWholeLooks) {
        owed_ = true;
        return;
      }
      ++whole_looks_;
      for (const auto& [name, r] : world.regions()) scan(world, r, &changed_);
      return;
    // A finished task leaving DescribeImportImageTasks and the like.
    case sim::EventKind::kImageTaskPurged:
      if (const sim::RegionState* r = world.region(event.region)) scan_side(world, *r);
      return;
    default:
      look_id(world, event.region, event.target, true);
  }
}

void Recorder::look_owed(const sim::World& world) {
  if (!owed_) return;
  owed_ = false;
  look_all(world);
}

void Recorder::look_all(const sim::World& world) {
  if (!on_) return;
  now_ = world.now();
  for (const auto& [name, r] : world.regions()) scan(world, r, &changed_);
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
  whole_looks_ = 0;
  // Each ID once, in the order first seen (a look per instant can see one change twice).
  std::set<std::string_view> once;
  for (auto& id : changed_)
    if (once.insert(id).second) record.changed.push_back(id);
  changed_.clear();
  calls_.push_back(std::move(record));
  if (calls_.size() > max_calls_) calls_.pop_front();
  ++version_;
}

template <class Map>
const typename Map::mapped_type* Recorder::look_in(const Map& map, std::string_view id) {
  auto it = map.find(id);
  auto live = live_.find(id);
  if (it == map.end() || !drawn(it->second)) {
    if (live != live_.end() && it == map.end()) end(live->second, now_, &changed_);
    return nullptr;
  }
  if (live != live_.end()) {
    set_state(live->second, state_of(it->second), now_, &changed_);
  } else if (auto track = add_track(track_of(it->second), &changed_)) {
    live_.emplace(std::string(id), *track);
  }
  return &it->second;
}

void Recorder::look_id(const sim::World& world, const sim::RegionName& region, std::string_view id,
                       bool related) {
  const auto kind = kind_of(id);
  if (!kind) return;
  // A resource drawn is looked at in its own Region (a copy's call names its source elsewhere).
  auto live = live_.find(id);
  const sim::RegionState* r =
      world.region(live != live_.end() ? tracks_[live->second].region : region);
  if (r == nullptr) return;
  // An image, snapshot or volume deleted into the Recycle Bin is not gone: its bar goes on in a
  // state of its own until it is restored (its state again) or its stay ends (gone).
  if (live != live_.end() && binned(*r, *kind, id)) {
    set_state(live->second, kInRecycleBin, now_, &changed_);
    return;
  }
  switch (*kind) {
    case Kind::kInstance:
      if (const sim::Instance* i = look_in(r->instances, id); i && related) {
        for (const auto& d : i->block_devices) look_id(world, r->name(), d.volume_id.str(), false);
      }
      return;
    case Kind::kVolume:
      look_in(r->volumes, id);
      return;
    case Kind::kSnapshot:
      look_in(r->snapshots, id);
      return;
    case Kind::kImage:
      if (const sim::Image* i = look_in(r->images, id); i && related) {
        for (const auto& m : i->mappings) {
          if (m.ebs && m.ebs->snapshot_id && !m.ebs->snapshot_id->empty())
            look_id(world, r->name(), m.ebs->snapshot_id->str(), false);
        }
      }
      return;
  }
}

template <class Map>
void Recorder::mark_binned(const Map& bin, std::vector<std::string>* changed) {
  for (const auto& [key, entry] : bin) {
    auto live = live_.find(key.str());
    if (live == live_.end()) continue;
    set_state(live->second, kInRecycleBin, now_, changed);
    stamps_[live->second] = scan_;
  }
}

template <class Map>
void Recorder::scan_map(const Map& map, std::vector<Track>& added,
                        std::vector<std::string>* changed) {
  for (const auto& [key, resource] : map) {
    if (!drawn(resource)) continue;
    auto live = live_.find(key.str());
    if (live == live_.end()) {
      added.push_back(track_of(resource));
      continue;
    }
    set_state(live->second, state_of(resource), now_, changed);
    stamps_[live->second] = scan_;
  }
}

void Recorder::scan(const sim::World& world, const sim::RegionState& region,
                    std::vector<std::string>* changed) {
  ++scan_;
  std::vector<Track> added;
  scan_map(region.instances, added, changed);
  scan_map(region.volumes, added, changed);
  scan_map(region.snapshots, added, changed);
  scan_map(region.images, added, changed);
  mark_binned(region.bin.images, changed);
  mark_binned(region.bin.snapshots, changed);
  mark_binned(region.bin.volumes, changed);
  scan_tasks_and_buckets(world, region, added, changed);
  end_unseen(region, false, added, changed);
}

void Recorder::scan_side(const sim::World& world, const sim::RegionState& region) {
  ++scan_;
  std::vector<Track> added;
  scan_tasks_and_buckets(world, region, added, &changed_);
  end_unseen(region, true, added, &changed_);
}

void Recorder::see(Track track, std::string_view state, std::vector<Track>& added,
                   std::vector<std::string>* changed) {
  auto live = live_.find(track.id);
  if (live == live_.end()) {
    added.push_back(std::move(track));
    return;
  }
  set_state(live->second, state, now_, changed);
  stamps_[live->second] = scan_;
  // A task's results and a bucket's object count are known later than the bar begins.
  Track& t = tracks_[live->second];
  if (t.edges != track.edges || t.label != track.label) {
    t.edges = std::move(track.edges);
    t.label = std::move(track.label);
    ++version_;
  }
}

void Recorder::scan_tasks_and_buckets(const sim::World& world, const sim::RegionState& region,
                                      std::vector<Track>& added,
                                      std::vector<std::string>* changed) {
  const sim::RegionName& name = region.name();
  for (const auto& task : region.tasks.store) see(track_of(name, task), task.state, added, changed);
  for (const auto& [id, task] : region.tasks.imports)
    see(track_of(name, task), task.status, added, changed);
  for (const auto& [id, task] : region.tasks.exports)
    see(track_of(name, task), task.status, added, changed);
  for (const auto& [bucket_name, bucket] : world.buckets()) {
    if (bucket.region == name) see(track_of(bucket), kBucketState, added, changed);
  }
}

// Ends the bars of the Region's resources (with `side_only`, its tasks and buckets) that the
// scan just made did not see, then draws those it saw first. The bars of those gone end first,
// so that the room they leave is there for the new ones.
void Recorder::end_unseen(const sim::RegionState& region, bool side_only, std::vector<Track>& added,
                          std::vector<std::string>* changed) {
  std::vector<std::uint32_t> gone;
  for (const auto& [id, index] : live_) {
    const Track& t = tracks_[index];
    if (stamps_[index] != scan_ && t.region == region.name() && (!side_only || is_side(t)))
      gone.push_back(index);
  }
  std::sort(gone.begin(), gone.end());  // the order they are forgotten in does not hang on hashing
  for (std::uint32_t index : gone) end(index, now_, changed);
  for (Track& t : added) {
    std::string id = t.id;
    if (auto track = add_track(std::move(t), changed)) live_.emplace(std::move(id), *track);
  }
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
    stamps_[slot] = 0;
    return slot;
  }
  tracks_.push_back(std::move(track));
  stamps_.push_back(0);
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
  live_.erase(t.id);
  if (changed != nullptr) changed->push_back(t.id);
  ++version_;
}

}  // namespace amisim::picture
