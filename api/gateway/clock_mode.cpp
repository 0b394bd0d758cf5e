#include "api/gateway/clock_mode.hpp"

#include <fmt/format.h>

#include <charconv>

namespace amisim::gateway {

std::string ClockSetting::str() const {
  switch (mode) {
    case ClockMode::kInstant:
      return "instant";
    case ClockMode::kManual:
      return "manual";
    case ClockMode::kScaled:
      return fmt::format("scaled:{}", factor);
  }
  return "instant";
}

std::optional<ClockSetting> parse_clock_setting(std::string_view text) {
  if (text == "instant") return ClockSetting{ClockMode::kInstant, 1};
  if (text == "manual") return ClockSetting{ClockMode::kManual, 1};
  constexpr std::string_view kScaled = "scaled:";
  if (text.substr(0, kScaled.size()) != kScaled) return std::nullopt;
  std::string_view n = text.substr(kScaled.size());
  std::uint32_t factor = 0;
  auto [end, ec] = std::from_chars(n.data(), n.data() + n.size(), factor);
  if (ec != std::errc() || end != n.data() + n.size() || factor < 1 || factor > 1'000'000) {
    return std::nullopt;
  }
  return ClockSetting{ClockMode::kScaled, factor};
}

ClockControl::ClockControl(ClockSetting setting, WallClock wall, sim::TimeMs model_now)
    : setting_(setting), wall_(std::move(wall)) {
  if (setting_.mode == ClockMode::kScaled && !wall_) setting_ = ClockSetting{};
  anchor(model_now);
}

bool ClockControl::set(ClockSetting setting, sim::TimeMs model_now) {
  if (setting.mode == ClockMode::kScaled && !wall_) return false;
  setting_ = setting;
  anchor(model_now);
  return true;
}

void ClockControl::anchor(sim::TimeMs model_now) {
  anchor_model_ = model_now;
  anchor_wall_ = wall_ ? wall_() : 0;
}

std::optional<sim::TimeMs> ClockControl::catch_up_target(sim::TimeMs model_now) const {
  if (setting_.mode != ClockMode::kScaled) return std::nullopt;
  std::int64_t elapsed = wall_() - anchor_wall_;
  if (elapsed <= 0) return std::nullopt;
  sim::TimeMs target = anchor_model_ + elapsed * static_cast<std::int64_t>(setting_.factor);
  if (target <= model_now) return std::nullopt;
  return target;
}

}  // namespace amisim::gateway
