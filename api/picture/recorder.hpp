// The live picture's memory (issue 20): what every resource of the accounts' world was, over model
// time, and the calls that changed it. The gateway's Engine holds one Recorder and shows it the
// world after every call and every move of the clock (api/gateway/engine.cpp); the page
// (GET /_amisim/ui), its JSON (GET /_amisim/timeline) and the run report read it
// (api/picture/timeline.hpp). The model knows nothing of it: it only reads the World, so the
// world's IDs, states and bills are the same with or without a picture.
//
// When it looks (api/gateway/engine.cpp): after a changing call, in the caller's Region; then at
// each instant an event of the clock is due, as the Engine moves the clock event by event (the
// same world as one move: each event is applied at its own time either way), so every state is
// drawn from when it began. What a look costs: one ordered walk of a Region's instances and
// volumes, merged with the previous walk's list (no lookups); its images and snapshots, whose maps
// also hold the catalogue's, are walked only when their number changed (so a million-image
// catalogue is not walked per call), else the ones drawn are looked up. Catalogue resources (an
// owner alias: "amazon", "aws-marketplace") are not drawn.
//
// Bounds [?: amisim's choice; the picture is for worlds a person looks at]: at most `max_tracks`
// resources (10,000) and the last `max_calls` calls (10,000). At the bound, the resource that
// left the world first is forgotten to make room; with none gone, a new resource is not drawn.
// A Region's kind holding more than max_tracks resources is not walked. Either way the picture
// says it is truncated.
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "sim/state/world.hpp"

namespace amisim::picture {

// One stretch of a resource's life in one state ("running", "available", "completed", ...).
struct StateSpan {
  sim::TimeMs from = 0;
  std::string state;
};

// An arrow of lineage: `from` made `to` ("image": an instance's image; "copy": an image's or a
// snapshot's copy in another Region or account; "snapshot": an image's snapshot, or a volume's;
// "volume": a volume restored from a snapshot).
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
  std::string kind;  // "instance" | "volume" | "snapshot" | "image"
  sim::AccountId account;
  sim::RegionName region;
  std::string label;                       // instance type, volume size and type, image name, ...
  std::vector<std::string> product_codes;  // an image's Marketplace codes
  std::vector<StateSpan> states;           // in time order, never two equal states in a row
  std::optional<sim::TimeMs> gone;         // when it left the world
  std::vector<Edge> edges;                 // its lineage, as known when it was first drawn
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
  // Draws what changed since the last look, at the world's now: in `region`, or in every Region
  // when it is null. The IDs that changed wait for the next call or clock move to be logged.
  void look(const sim::World& world, const sim::RegionName* region);
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

 private:
  // The previous walk of one Region's resources of one kind: IDs in the map's (ID) order.
  static constexpr std::uint32_t kNoTrack = static_cast<std::uint32_t>(-1);
  struct Seen {
    std::string id;
    std::uint32_t track = 0;
  };
  struct RegionSeen {
    std::vector<Seen> instances, volumes, snapshots, images;
    // The maps' sizes at their last walk (walk_or_find).
    std::size_t snapshot_count = static_cast<std::size_t>(-1);
    std::size_t image_count = static_cast<std::size_t>(-1);
  };

  // Draws what changed in one Region since the last look, at now_; `changed` (when not null)
  // collects the IDs.
  void look_region(const sim::RegionState& region, std::vector<std::string>* changed);
  void log(CallRecord record);
  // Merges one map with its previous walk; a map of more than max_tracks_ is not walked (the
  // picture is truncated) unless `whole`.
  template <class Map>
  void walk(const Map& map, std::vector<Seen>& seen, std::vector<std::string>* changed,
            bool whole = false);
  template <class Map>
  void walk_or_find(const Map& map, std::vector<Seen>& seen, std::size_t& count,
                    std::vector<std::string>* changed);
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
  std::map<sim::RegionName, RegionSeen> seen_;
  std::deque<CallRecord> calls_;
  std::vector<std::string> changed_;  // seen by the looks since the last log
  std::uint64_t next_call_ = 1;
  std::uint64_t version_ = 0;
  bool truncated_ = false;
};

}  // namespace amisim::picture
