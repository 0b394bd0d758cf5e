// The live picture's memory (issue 20): what every resource of the accounts' world was, over model
// time, and the calls that changed it. The gateway's Engine holds one Recorder and shows it the
// world after every call and every move of the clock (api/gateway/engine.cpp); the page
// (GET /_amisim/ui), its JSON (GET /_amisim/timeline) and the run report read it
// (api/picture/timeline.hpp). The model knows nothing of it: it only reads the World, so the
// world's IDs, states and bills are the same with or without a picture.
//
// When it looks (api/gateway/engine.cpp), and at what: after a changing call, at the resources its
// input and output name (and theirs: an instance's volumes, an image's snapshots); as the clock
// moves, after each event is applied (sim::EventObserver), at the resource it names, so every
// state is drawn from when it began. A look costs what the call or the events name, not the world's
// size. Events whose effects name no one resource (a lifecycle policy's run, an image task's end)
// are followed by a look at the whole world, as is a start (a reset, a loaded state). Catalogue
// resources (an owner alias: "amazon", "aws-marketplace") are not drawn.
//
// Bounds [?: amisim's choice; the picture is for worlds a person looks at]: at most `max_tracks`
// resources (10,000) and the last `max_calls` calls (10,000). At the bound, the resource that
// left the world first is forgotten to make room; with none gone, a new resource is not drawn,
// and the picture says it is truncated.
#pragma once

#include <cstdint>
#include <deque>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "sim/core/event.hpp"
#include "sim/core/hash.hpp"
#include "sim/state/world.hpp"

namespace amisim::picture {

// One stretch of a resource's life in one state ("running", "available", "completed", ...).
struct StateSpan {
  sim::TimeMs from = 0;
  std::string state;
};

// An arrow of lineage: `from` made `to` ("image": an instance's image; "copy": an image's or a
// snapshot's copy in another Region or account; "snapshot": an image's snapshot, or a volume's;
// "volume": a volume restored from a snapshot; "restore": a stored image's restored AMI;
// "store" and "export": an image to its task; "object": a store or export task to its bucket;
// "import": a bucket to an import task).
struct Edge {
  std::string from;
  std::string to;
  std::string kind;
  friend bool operator==(const Edge&, const Edge&) = default;
};

// A resource as drawn: its bar (the spans, until `gone` or the picture's end) in the lane of its
// account and Region.
struct Track {
  std::string id;
  std::string kind;  // "instance" | "volume" | "snapshot" | "image" | "store task" |
                     // "import task" | "import snapshot task" | "export task" | "bucket"
  sim::AccountId account;
  sim::RegionName region;
  std::string label;                       // instance type, volume size and type, image name, ...
  std::vector<std::string> product_codes;  // an image's Marketplace codes
  std::vector<StateSpan> states;           // in time order, never two equal states in a row
  std::optional<sim::TimeMs> gone;         // when it left the world
  std::vector<Edge> edges;                 // its lineage, as known when it was first drawn
                                           // (a task's and a bucket's: as last seen)
};

// A call as the log shows it, with what it changed.
struct CallRecord {
  std::uint64_t seq = 0;  // 1, 2, ... since the picture started
  sim::TimeMs at = 0;     // when it was made
  std::string account;
  std::string region;
  std::string service;  // "ec2", "s3", "rbin", ...
  std::string action;
  std::string error;                 // the AWS error code, "" when it succeeded
  std::vector<std::string> changed;  // IDs whose state began, changed or ended with it
};

class Recorder {
 public:
  static constexpr std::size_t kMaxTracks = 10'000;
  static constexpr std::size_t kMaxCalls = 10'000;

  // `on` = false: a recorder that records nothing (`serve --no-picture`): every member returns at
  // once, and the picture stays empty.
  explicit Recorder(bool on = true, std::size_t max_tracks = kMaxTracks,
                    std::size_t max_calls = kMaxCalls);
  bool on() const { return on_; }

  // Forgets everything and draws the world as it is now (a reset, a loaded state).
  void restart(const sim::World& world);
  // Draws, at the world's now, what changed of the resources a changing call's input and output
  // name (IDs of instances, volumes, snapshots and images, in `region` unless drawn elsewhere).
  // The IDs that changed wait for the next call or clock move to be logged.
  void look_call(const sim::World& world, const sim::RegionName& region,
                 const nlohmann::json& input, const nlohmann::json& output);
  // Draws, at the world's now, what an event just applied changed (sim::EventObserver): the
  // resource it names, or, for an event whose effects name no one resource, the whole world — at
  // most kWholeLooks times between two logs; past that, once, at look_owed.
  void look_event(const sim::World& world, const sim::Event& event);
  static constexpr int kWholeLooks = 100;
  // The whole look events past kWholeLooks asked for, if any (after the clock moved).
  void look_owed(const sim::World& world);
  // Draws every Region's resources as they are now.
  void look_all(const sim::World& world);
  // Logs a call made at model time `at` (changing or not, failed or not), with what the looks
  // since the last log saw change.
  void call(const sim::Caller& caller, sim::TimeMs at, std::string_view service,
            std::string_view action, std::string_view error);
  // Logs a move of the clock that began at `at` (service "amisim", `action` "clock/advance" or
  // "clock" for a scaled clock's catch-up) when its looks saw anything change.
  void clock_moved(sim::TimeMs at, std::string_view action);

  // Every resource drawn, in no order (a slot whose `id` is empty is free).
  const std::vector<Track>& tracks() const { return tracks_; }
  const std::deque<CallRecord>& calls() const { return calls_; }
  sim::TimeMs started() const { return started_; }
  bool truncated() const { return truncated_; }
  // Grows whenever the picture changes (a call logged, a state recorded, the clock moved): a page
  // asks for news since the version it has.
  std::uint64_t version() const { return version_; }
  // Grows at each restart(), when call numbers start again from 1.
  std::uint64_t restarts() const { return restarts_; }

 private:
  // Looks at one resource by ID: draws it when new, records its state, ends its bar when it
  // left the world; with `related`, also an instance's volumes and an image's snapshots.
  void look_id(const sim::World& world, const sim::RegionName& region, std::string_view id,
               bool related);
  template <class Map>
  const typename Map::mapped_type* look_in(const Map& map, std::string_view id);
  // Every drawn resource of one Region: new ones drawn, states recorded, bars of those gone ended.
  void scan(const sim::World& world, const sim::RegionState& region,
            std::vector<std::string>* changed);
  // The same for the Region's image tasks and buckets only (after a call that names a bucket or
  // a task, or a task's purge).
  void scan_side(const sim::World& world, const sim::RegionState& region);
  void scan_tasks_and_buckets(const sim::World& world, const sim::RegionState& region,
                              std::vector<Track>& added, std::vector<std::string>* changed);
  // Records that `track`'s resource is in `state` now (a new one goes to `added`).
  void see(Track track, std::string_view state, std::vector<Track>& added,
           std::vector<std::string>* changed);
  void end_unseen(const sim::RegionState& region, bool side_only, std::vector<Track>& added,
                  std::vector<std::string>* changed);
  // Records that the bin's entries already drawn are in the Recycle Bin.
  template <class Map>
  void mark_binned(const Map& bin, std::vector<std::string>* changed);
  // Records the states of the map's resources already drawn; the new ones go to `added`.
  template <class Map>
  void scan_map(const Map& map, std::vector<Track>& added, std::vector<std::string>* changed);
  void log(CallRecord record);
  std::optional<std::uint32_t> add_track(Track track, std::vector<std::string>* changed);
  void set_state(std::uint32_t index, std::string_view state, sim::TimeMs at,
                 std::vector<std::string>* changed);
  void end(std::uint32_t index, sim::TimeMs at, std::vector<std::string>* changed);

  bool on_;
  std::size_t max_tracks_;
  std::size_t max_calls_;
  sim::TimeMs started_ = 0;
  sim::TimeMs now_ = 0;
  std::vector<Track> tracks_;
  std::vector<std::uint32_t> free_;       // slots of forgotten tracks
  std::deque<std::uint32_t> gone_order_;  // tracks that left the world, first gone first
  // Finds by string_view without making a string (the stable hash: the order the map holds IDs in
  // is the same on every standard library, though nothing reads it).
  struct TextHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const { return sim::fnv1a(text); }
  };
  std::unordered_map<std::string, std::uint32_t, TextHash, std::equal_to<>>
      live_;                           // tracks not gone, by ID
  std::vector<std::uint64_t> stamps_;  // per track, the scan that last saw it
  std::uint64_t scan_ = 0;
  int whole_looks_ = 0;  // whole looks events asked for since the last log
  bool owed_ = false;    // one more was asked for past kWholeLooks
  std::deque<CallRecord> calls_;
  std::vector<std::string> changed_;  // seen by the looks since the last log
  std::uint64_t next_call_ = 1;
  std::uint64_t version_ = 0;
  std::uint64_t restarts_ = 0;
  bool truncated_ = false;
};

}  // namespace amisim::picture
