#include "api/scenario/values.hpp"

#include <fmt/format.h>

#include <charconv>

#include "api/io/prices.hpp"

namespace amisim::scenario {
namespace {

constexpr std::int64_t kMaxDays = 36'500;

std::optional<std::int64_t> whole(std::string_view digits) {
  if (digits.empty() || digits.size() > 12) return std::nullopt;
  std::int64_t n = 0;
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), n);
  if (ec != std::errc() || end != digits.data() + digits.size() || n < 0) return std::nullopt;
  return n;
}

}  // namespace

std::optional<sim::DurationMs> parse_duration(std::string_view text) {
  if (text.size() < 2) return std::nullopt;
  auto n = whole(text.substr(0, text.size() - 1));
  if (!n) return std::nullopt;
  sim::DurationMs unit = 0;
  switch (text.back()) {
    case 's':
      unit = sim::kSecondMs;
      break;
    case 'm':
      unit = sim::kMinuteMs;
      break;
    case 'h':
      unit = sim::kHourMs;
      break;
    case 'd':
      unit = sim::kDayMs;
      break;
    default:
      return std::nullopt;
  }
  if (*n > kMaxDays * (sim::kDayMs / unit)) return std::nullopt;
  return *n * unit;
}

std::optional<sim::MicroUsd> parse_usd(std::string_view text) {
  return io::parse_micro_usd(text);  // the price loader's reading of "0.0125"
}

std::optional<sim::TimeMs> parse_bill_time(std::string_view text, sim::TimeMs now) {
  if (!text.empty() && text.front() == '-') {
    auto back = parse_duration(text.substr(1));
    if (!back) return std::nullopt;
    return now - *back;
  }
  return sim::parse_iso8601(text);
}

bool has_reference(std::string_view text) { return text.find("${") != std::string_view::npos; }

std::string format_duration(sim::DurationMs duration) {
  if (duration <= 0) return "0s";
  std::string out;
  auto part = [&](sim::DurationMs unit, char suffix) {
    if (duration < unit) return;
    if (!out.empty()) out += ' ';
    out += fmt::format("{}{}", duration / unit, suffix);
    duration %= unit;
  };
  part(sim::kDayMs, 'd');
  part(sim::kHourMs, 'h');
  part(sim::kMinuteMs, 'm');
  part(sim::kSecondMs, 's');
  if (out.empty()) out = fmt::format("{}ms", duration);
  return out;
}

}  // namespace amisim::scenario
