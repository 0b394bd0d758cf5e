// The picture as JSON (issue 20): what GET /_amisim/timeline answers, what the page draws and
// what an HTML run report freezes. README "Control endpoints" documents the format for users.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "api/picture/recorder.hpp"
#include "sim/state/world.hpp"

namespace amisim::picture {

// The most points of the bill series: a long history is sampled, its first and last point kept.
inline constexpr std::size_t kMaxBillPoints = 400;

// {"from", "to", "now", "started", "recording", "truncated", "version",
//  "lanes": [{"account", "region"}],
//  "resources": [{"id", "kind", "account", "region", "label", "product_codes",
//                 "states": [{"state", "from", "to"}], "gone"}],
//  "edges": [{"from", "to", "kind"}],
//  "bill": {"currency", "times": [...], "series": [{"usage_type", "cost_usd": [...]}],
//           "total_usd"},
//  "calls": [{"seq", "time", "account", "region", "service", "action", "error", "changed"}],
//  "calls_left_out"}
// over the window [from, to] of model time (to is at most now). A resource is listed when its
// life meets the window; its spans are clipped to it. The bill series is cumulative from the
// world's start, one value per time, by usage type (summed over accounts and Regions); its last
// value's total is GET /_amisim/billing's for the same `to`. Calls are those in the window, the
// latest `max_calls` of them when given (calls_left_out counts the others).
nlohmann::json timeline_json(const Recorder& recorder, const sim::World& world, sim::TimeMs from,
                             sim::TimeMs to, std::optional<std::size_t> max_calls = std::nullopt);

// The calls logged after call number `after` (at most `limit`, the oldest first) and the
// picture's version: what a page asks for to know whether to draw again.
inline constexpr std::size_t kNewsLimit = 1000;
nlohmann::json news_json(const Recorder& recorder, std::uint64_t after,
                         std::size_t limit = kNewsLimit);

// The same news as Server-Sent Events (GET /_amisim/events with Accept: text/event-stream; the
// HTML Living Standard's event stream format): each event's `data` is news_json's for the calls
// after the last one sent, and its `id` the last call number sent, which a reconnecting
// EventSource sends back as Last-Event-ID. Nothing is sent while the picture does not change but
// a comment every kQuietAsks asks, so a client (or a proxy) sees the connection is alive.
class NewsStream {
 public:
  // [?] 60 asks: 15 s at the server's default tick of 250 ms.
  static constexpr int kQuietAsks = 60;

  explicit NewsStream(std::uint64_t after) : after_(after) {}
  // The stream's first bytes: how soon to reconnect, and the news now (always an event).
  std::string open(const Recorder& recorder);
  // What to send next: an event when the picture changed since the last, a comment after
  // kQuietAsks quiet asks, else "".
  std::string next(const Recorder& recorder);

 private:
  std::string event(const Recorder& recorder);

  std::uint64_t after_;
  std::uint64_t version_ = 0;
  std::uint64_t restarts_ = 0;
  int quiet_ = 0;
};

}  // namespace amisim::picture
