// The clock mode (DESIGN.md "Time"): how `amisim serve` moves model time. The model never reads a
// clock; the gateway moves it by mode:
//   instant     after every call that changes the world, World::settle() (waiters succeed on
//               their first poll);
//   manual      only advance() (POST /_amisim/clock/advance) moves time;
//   scaled:N    before every request, model time catches up to N x the wall time elapsed since
//               the last re-anchoring; the wall clock is injected (WallClock), never read here.
// ClockControl keeps the mode and the scaled mode's anchor; it knows nothing of the world, only
// where model time should be.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "sim/core/time.hpp"

namespace amisim::gateway {

enum class ClockMode { kInstant, kManual, kScaled };

struct ClockSetting {
  ClockMode mode = ClockMode::kInstant;
  std::uint32_t factor = 1;  // scaled:N only; N >= 1

  // "instant", "manual" or "scaled:N".
  std::string str() const;
  bool operator==(const ClockSetting&) const = default;
};

// Parses "instant" | "manual" | "scaled:N" (N a positive integer up to 1,000,000).
std::optional<ClockSetting> parse_clock_setting(std::string_view text);

// Milliseconds of wall time from any fixed origin (a steady clock), supplied by the CLI.
using WallClock = std::function<std::int64_t()>;

class ClockControl {
 public:
  // Scaled mode without a wall clock to scale behaves as instant. Anchors at `model_now`.
  ClockControl(ClockSetting setting, WallClock wall, sim::TimeMs model_now);

  const ClockSetting& setting() const { return setting_; }
  // Instant mode: the world is settled after every call that changes it.
  bool settles_after_calls() const { return setting_.mode == ClockMode::kInstant; }

  // Switches mode and re-anchors at `model_now`; false (and nothing changes) when scaled mode is
  // asked for without a wall clock.
  bool set(ClockSetting setting, sim::TimeMs model_now);
  // Model time `model_now` and the wall clock's present reading count from the same instant.
  void anchor(sim::TimeMs model_now);
  // Scaled mode: where model time should be by now, when that is after `model_now`; nullopt in
  // the other modes or when the wall clock has not moved on.
  std::optional<sim::TimeMs> catch_up_target(sim::TimeMs model_now) const;

 private:
  ClockSetting setting_;
  WallClock wall_;
  std::int64_t anchor_wall_ = 0;
  sim::TimeMs anchor_model_ = 0;
};

}  // namespace amisim::gateway
