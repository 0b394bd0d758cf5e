#include "sim/core/time.hpp"

#include <fmt/format.h>

namespace amisim::sim {

// Howard Hinnant's days_from_civil.
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

// Howard Hinnant's civil_from_days.
CivilDate civil_from_days(std::int64_t z) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2), m, d};
}

namespace {

// `count` digits at `pos`, read into `out`; false when any is not a digit (signs included).
bool digits_at(std::string_view text, std::size_t pos, std::size_t count, int& out) {
  if (pos + count > text.size()) return false;
  out = 0;
  for (std::size_t i = pos; i < pos + count; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
    out = out * 10 + (text[i] - '0');
  }
  return true;
}

bool char_at(std::string_view text, std::size_t pos, char c) {
  return pos < text.size() && text[pos] == c;
}

// The fraction after the seconds, if any ('.' and at least one digit); `pos` moves past it.
bool scan_fraction(std::string_view text, std::size_t& pos, Iso8601Text& out) {
  if (!char_at(text, pos, '.')) return true;
  const std::size_t start = ++pos;
  while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
    if (pos - start < 3) out.millis = out.millis * 10 + (text[pos] - '0');
    ++pos;
  }
  out.fraction_digits = pos - start;
  for (std::size_t n = out.fraction_digits; n < 3; ++n) out.millis *= 10;
  return out.fraction_digits > 0;
}

// The zone, which ends the text: "Z" (or "z"), "+hh:mm" or "-hh:mm".
bool scan_zone(std::string_view text, std::size_t pos, Iso8601Text& out) {
  if (char_at(text, pos, 'Z') || char_at(text, pos, 'z')) {
    out.lower_case = out.lower_case || text[pos] == 'z';
    return pos + 1 == text.size();
  }
  if (!char_at(text, pos, '+') && !char_at(text, pos, '-')) return false;
  out.offset_sign = text[pos] == '+' ? 1 : -1;
  return digits_at(text, pos + 1, 2, out.offset_hours) && char_at(text, pos + 3, ':') &&
         digits_at(text, pos + 4, 2, out.offset_minutes) && pos + 6 == text.size();
}

}  // namespace

std::string format_iso8601(TimeMs t) {
  std::int64_t days = t / kDayMs;
  std::int64_t rem = t % kDayMs;
  if (rem < 0) {
    rem += kDayMs;
    --days;
  }
  const CivilDate c = civil_from_days(days);
  if (c.year < 0 || c.year > 9999)  // fmt writes these ("-001", "10000"); the digits below cannot
    return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", c.year, c.month, c.day,
                       rem / kHourMs, rem % kHourMs / kMinuteMs, rem % kMinuteMs / kSecondMs,
                       rem % kSecondMs);
  // Digit by digit: every reply writes several times per resource (LaunchTime, AttachTime, ...),
  // and fmt's parse of the format string was most of a DescribeInstances page's time here.
  std::string out = "0000-00-00T00:00:00.000Z";
  auto put = [&](std::size_t end, std::int64_t value, int width) {
    for (int i = 0; i < width; ++i, value /= 10) out[end - i] = static_cast<char>('0' + value % 10);
  };
  put(3, c.year, 4);
  put(6, c.month, 2);
  put(9, c.day, 2);
  put(12, rem / kHourMs, 2);
  put(15, rem % kHourMs / kMinuteMs, 2);
  put(18, rem % kMinuteMs / kSecondMs, 2);
  put(22, rem % kSecondMs, 3);
  return out;
}

std::optional<Iso8601Text> scan_iso8601(std::string_view text) {
  Iso8601Text out;
  if (!digits_at(text, 0, 4, out.year) || !char_at(text, 4, '-') ||
      !digits_at(text, 5, 2, out.month) || !char_at(text, 7, '-') ||
      !digits_at(text, 8, 2, out.day))
    return std::nullopt;
  if (text.size() == 10) return out;  // a bare date
  if (!char_at(text, 10, 'T') && !char_at(text, 10, 't')) return std::nullopt;
  out.has_time = true;
  out.lower_case = text[10] == 't';
  if (!digits_at(text, 11, 2, out.hour) || !char_at(text, 13, ':') ||
      !digits_at(text, 14, 2, out.minute) || !char_at(text, 16, ':') ||
      !digits_at(text, 17, 2, out.second))
    return std::nullopt;
  std::size_t pos = 19;
  if (!scan_fraction(text, pos, out) || !scan_zone(text, pos, out)) return std::nullopt;
  return out;
}

std::optional<TimeMs> parse_iso8601(std::string_view text, DateOnly date_only) {
  const auto t = scan_iso8601(text);
  if (!t || (!t->has_time && date_only == DateOnly::kRefused)) return std::nullopt;
  if (t->month < 1 || t->month > 12 || t->day < 1 || t->day > 31 || t->hour > 23 ||
      t->minute > 59 || t->second > 60 || t->offset_hours > 23 || t->offset_minutes > 59)
    return std::nullopt;
  const std::int64_t days =
      days_from_civil(t->year, static_cast<unsigned>(t->month), static_cast<unsigned>(t->day));
  const DurationMs offset =
      t->offset_sign * (t->offset_hours * kHourMs + t->offset_minutes * kMinuteMs);
  return days * kDayMs + t->hour * kHourMs + t->minute * kMinuteMs + t->second * kSecondMs +
         t->millis - offset;
}

std::string format_iso8601_basic(TimeMs t) {
  std::string out;
  for (char c : format_iso8601(t).substr(0, 19)) {  // drop ".mmmZ"
    if (c != '-' && c != ':') out += c;
  }
  return out + "Z";
}

std::optional<TimeMs> parse_iso8601_basic(std::string_view text) {
  if (text.size() != 16 || text[8] != 'T' || text[15] != 'Z') return std::nullopt;
  std::string extended =
      fmt::format("{}-{}-{}T{}:{}:{}Z", text.substr(0, 4), text.substr(4, 2), text.substr(6, 2),
                  text.substr(9, 2), text.substr(11, 2), text.substr(13, 2));
  std::optional<TimeMs> t = parse_iso8601(extended);
  if (!t || format_iso8601_basic(*t) != text) return std::nullopt;
  return t;
}

}  // namespace amisim::sim
