// The picture as JSON (issue 20): what GET /_amisim/timeline answers, what the page draws and
// what an HTML run report freezes. README "Control endpoints" documents the format for users.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
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
//  "calls": [{"seq", "time", "account", "region", "service", "action", "error", "changed"}]}
// over the window [from, to] of model time (to is at most now). A resource is listed when its
// life meets the window; its spans are clipped to it. The bill series is cumulative from the
// world's start, one value per time, by usage type (summed over accounts and Regions); its last
// value's total is GET /_amisim/billing's for the same `to`. Calls are those in the window.
nlohmann::json timeline_json(const Recorder& recorder, const sim::World& world, sim::TimeMs from,
                             sim::TimeMs to);

// The calls logged after call number `after` (at most `limit`, the oldest first) and the
// picture's version: what a page asks for to know whether to draw again.
nlohmann::json news_json(const Recorder& recorder, std::uint64_t after, std::size_t limit = 1000);

}  // namespace amisim::picture
