// When a lifecycle policy's schedule runs (sim/dlm/dlm.hpp, "schedules"): CreateRule's checks,
// its next run, and ages added to a time. Pure functions of their arguments.
//
// Sources:
//   DLM:CreateRule  https://docs.aws.amazon.com/dlm/latest/APIReference/API_CreateRule.html
//     "You must specify either a Cron expression or an interval, interval unit, and start time.
//     You cannot specify both."; Interval "The supported values are 1, 2, 3, 4, 6, 8, 12, and
//     24"; Times "Array Members: Maximum number of 1 item", pattern
//     ^(0[0-9]|1[0-9]|2[0-3]):[0-5][0-9]$, "If you do not specify a time, Amazon DLM selects a
//     time within the next 24 hours"; CronExpression "The schedule interval must be between 1
//     hour and 1 year", length 17-106, pattern cron\([^\n]{11,100}\).
//   EB:cron  https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-cron-expressions.html
//     six fields separated by white space: Minutes 0-59 (, - * /), Hours 0-23 (, - * /),
//     Day-of-month 1-31 (, - * ? / L W), Month 1-12 or JAN-DEC (, - * /), Day-of-week 1-7 or
//     SUN-SAT (, - * ? L #), Year 1970-2199 (, - * /); "You can't specify the Day-of-month and
//     Day-of-week fields in the same cron expression. If you specify a value or a * in one of the
//     fields, you must use a ? in the other."; with '#' "you can define only one expression in the
//     day-of-week field".
// The texts of the refusals are amisim's [?]: no capture of DLM's own was found.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <bitset>
#include <limits>
#include <vector>

#include "sim/dlm/dlm.hpp"

namespace amisim::sim {
namespace {

constexpr int kMinYear = 1970;
constexpr int kMaxYear = 2199;

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  const std::int64_t q = a / b;
  return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

bool leap(std::int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

unsigned days_in_month(std::int64_t y, unsigned m) {
  static constexpr std::array<unsigned, 12> kDays = {31, 28, 31, 30, 31, 30,
                                                     31, 31, 30, 31, 30, 31};
  return m == 2 && leap(y) ? 29 : kDays[m - 1];
}

// EventBridge's day-of-week numbering: 1 = Sunday ... 7 = Saturday. 1970-01-01 was a Thursday.
int weekday(std::int64_t days) { return static_cast<int>(((days + 4) % 7 + 7) % 7) + 1; }

// --- interval rules -----------------------------------------------------------------------------

constexpr std::array<int, 8> kIntervals = {1, 2, 3, 4, 6, 8, 12, 24};

bool valid_interval(int hours) {
  return std::find(kIntervals.begin(), kIntervals.end(), hours) != kIntervals.end();
}

// Minutes after midnight UTC of a "hh:mm" (00:00-23:59, two digits each), or -1.
int parse_hhmm(std::string_view t) {
  auto digit = [&](std::size_t i) { return t[i] >= '0' && t[i] <= '9'; };
  if (t.size() != 5 || t[2] != ':' || !digit(0) || !digit(1) || !digit(3) || !digit(4)) return -1;
  const int h = (t[0] - '0') * 10 + (t[1] - '0');
  const int m = (t[3] - '0') * 10 + (t[4] - '0');
  return h > 23 || m > 59 ? -1 : h * 60 + m;
}

// Without Times, DLM "selects a time within the next 24 hours"; amisim starts at 00:00 UTC so
// that the run times depend on the rule alone. [?]
constexpr int kDefaultStartMinute = 0;

// --- cron expressions ---------------------------------------------------------------------------

using Bits = std::bitset<256>;  // value v at bit v (years: v - 1970)

enum class DomKind : std::uint8_t {
  kAny,             // ?
  kSet,             // values, ranges, increments, *
  kLast,            // L: the month's last day
  kLastWeekday,     // LW: the month's last weekday [?] (Quartz's, not in EventBridge's table)
  kNearestWeekday,  // nW: the weekday nearest day n, within the month
};
enum class DowKind : std::uint8_t {
  kAny,     // ?
  kSet,     // values, ranges, *, and L alone (Saturday, the week's last day)
  kLastOf,  // nL: the month's last day n of the week [?] (Quartz's)
  kNth,     // n#k: the k-th day n of the week in the month
};

struct Cron {
  Bits minutes, hours, dom, months, dow, years;
  DomKind dom_kind = DomKind::kSet;
  DowKind dow_kind = DowKind::kSet;
  int dom_day = 0;  // kNearestWeekday
  int dow_day = 0;  // kLastOf, kNth
  int dow_nth = 0;  // kNth
};

constexpr std::array<std::string_view, 12> kMonthNames = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN",
                                                          "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"};
constexpr std::array<std::string_view, 7> kDayNames = {"SUN", "MON", "TUE", "WED",
                                                       "THU", "FRI", "SAT"};

struct FieldSpec {
  std::string_view name;
  int min;
  int max;
  int max_step;                   // the largest increment after '/' (Quartz's bounds) [?]
  bool slash;                     // '/' allowed
  const std::string_view* names;  // names for min, min+1, ... (or nullptr)
  std::size_t name_count;
  int offset;  // value v is bit v - offset
};

constexpr FieldSpec kMinutesSpec{"minutes", 0, 59, 59, true, nullptr, 0, 0};
constexpr FieldSpec kHoursSpec{"hours", 0, 23, 23, true, nullptr, 0, 0};
constexpr FieldSpec kDomSpec{"day-of-month", 1, 31, 31, true, nullptr, 0, 0};
constexpr FieldSpec kMonthSpec{"month", 1, 12, 12, true, kMonthNames.data(), kMonthNames.size(), 0};
constexpr FieldSpec kDowSpec{"day-of-week", 1, 7, 7, false, kDayNames.data(), kDayNames.size(), 0};
constexpr FieldSpec kYearSpec{"year", kMinYear, kMaxYear, kMaxYear - kMinYear,
                              true,   nullptr,  0,        kMinYear};

std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return out;
}

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= s.size(); ++i) {
    if (i == s.size() || s[i] == sep) {
      out.push_back(s.substr(start, i - start));
      start = i + 1;
    }
  }
  return out;
}

// A number of at most four digits, or -1.
int parse_number(std::string_view s) {
  if (s.empty() || s.size() > 4) return -1;
  int v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return -1;
    v = v * 10 + (c - '0');
  }
  return v;
}

// One value of a field: a number or (month, day-of-week) a name, case-insensitive [?] (Quartz
// upper-cases the expression).
std::string parse_value(std::string_view s, const FieldSpec& spec, int& out) {
  const int n = parse_number(s);
  if (n >= 0) {
    if (n < spec.min || n > spec.max)
      return fmt::format("{} {} is outside {}-{}", spec.name, s, spec.min, spec.max);
    out = n;
    return "";
  }
  const std::string u = upper(s);
  for (std::size_t i = 0; i < spec.name_count; ++i) {
    if (spec.names[i] == u) {
      out = spec.min + static_cast<int>(i);
      return "";
    }
  }
  return fmt::format("'{}' is not a value of the {} field", s, spec.name);
}

// A field of values, ranges ("a-b", a <= b [?]: no wrap-around), increments ("a/n", "*/n",
// "a-b/n") and '*', separated by commas, into `out`.
std::string parse_set(std::string_view field, const FieldSpec& spec, Bits& out) {
  for (std::string_view item : split(field, ',')) {
    if (item.empty()) return fmt::format("the {} field has an empty list item", spec.name);
    int step = 1;
    bool stepped = false;
    if (const auto slash = item.find('/'); slash != std::string_view::npos) {
      if (!spec.slash) return fmt::format("the {} field does not take '/'", spec.name);
      step = parse_number(item.substr(slash + 1));
      if (step < 1 || step > spec.max_step)
        return fmt::format("the increment '{}' of the {} field is not 1-{}", item.substr(slash + 1),
                           spec.name, spec.max_step);
      item = item.substr(0, slash);
      stepped = true;
    }
    int lo = 0;
    int hi = 0;
    if (item == "*") {
      lo = spec.min;
      hi = spec.max;
    } else if (const auto dash = item.find('-'); dash != std::string_view::npos) {
      if (auto p = parse_value(item.substr(0, dash), spec, lo); !p.empty()) return p;
      if (auto p = parse_value(item.substr(dash + 1), spec, hi); !p.empty()) return p;
      if (lo > hi)
        return fmt::format("the range {} of the {} field runs backwards", item, spec.name);
    } else {
      if (auto p = parse_value(item, spec, lo); !p.empty()) return p;
      hi = stepped ? spec.max : lo;  // "a/n": from a to the field's end
    }
    for (int v = lo; v <= hi; v += step) out.set(static_cast<std::size_t>(v - spec.offset));
  }
  return "";
}

// Day-of-month: '?', L, LW or nW alone [?] (Quartz refuses them in lists), or a set.
std::string parse_dom(std::string_view field, Cron& c) {
  const std::string u = upper(field);
  if (u == "?") {
    c.dom_kind = DomKind::kAny;
  } else if (u == "L") {
    c.dom_kind = DomKind::kLast;
  } else if (u == "LW") {
    c.dom_kind = DomKind::kLastWeekday;
  } else if (!u.empty() && u.back() == 'W') {
    const int n = parse_number(std::string_view(u).substr(0, u.size() - 1));
    if (n < 1 || n > 31)
      return fmt::format("'{}': W takes one day of the month, 1-31 (\"15W\")", field);
    c.dom_kind = DomKind::kNearestWeekday;
    c.dom_day = n;
  } else {
    if (u.find_first_of("?LW") != std::string::npos)
      return fmt::format("'{}': ?, L and W stand alone in the day-of-month field", field);
    c.dom_kind = DomKind::kSet;
    return parse_set(field, kDomSpec, c.dom);
  }
  return "";
}

// Day-of-week: '?', L (Saturday), nL or n#k alone, or a set.
std::string parse_dow(std::string_view field, Cron& c) {
  const std::string u = upper(field);
  if (u == "?") {
    c.dow_kind = DowKind::kAny;
    return "";
  }
  if (u == "L") {
    c.dow_kind = DowKind::kSet;
    c.dow.set(7);
    return "";
  }
  // Searched with std::find: GCC 12 at -O2 warns a false stringop-overread on the memchr that
  // std::string::find inlines to here (seen with the precompiled header).
  if (const auto at = std::find(u.begin(), u.end(), '#'); at != u.end()) {
    const std::size_t hash = static_cast<std::size_t>(at - u.begin());
    if (std::find(u.begin(), u.end(), ',') != u.end())
      return fmt::format("'{}': with #, the day-of-week field holds one expression", field);
    int day = 0;
    if (auto p = parse_value(std::string_view(u).substr(0, hash), kDowSpec, day); !p.empty())
      return p;
    const int nth = parse_number(std::string_view(u).substr(hash + 1));
    if (nth < 1 || nth > 5) return fmt::format("'{}': the number after # is not 1-5", field);
    c.dow_kind = DowKind::kNth;
    c.dow_day = day;
    c.dow_nth = nth;
    return "";
  }
  if (u.size() > 1 && u.back() == 'L') {
    int day = 0;
    if (auto p = parse_value(std::string_view(u).substr(0, u.size() - 1), kDowSpec, day);
        !p.empty())
      return p;
    c.dow_kind = DowKind::kLastOf;
    c.dow_day = day;
    return "";
  }
  if (u.find_first_of("?L") != std::string::npos)
    return fmt::format("'{}': ? and L stand alone in the day-of-week field", field);
  c.dow_kind = DowKind::kSet;
  return parse_set(field, kDowSpec, c.dow);
}

// "cron(" six fields ")" into `out`; "" or why not.
std::string parse_cron(std::string_view text, Cron& out) {
  if (text.size() < 17 || text.size() > 106 || text.substr(0, 5) != "cron(" || text.back() != ')' ||
      text.find('\n') != std::string_view::npos)
    return "it is not of the form cron(fields), 17 to 106 characters";
  const std::string_view inner = text.substr(5, text.size() - 6);
  std::vector<std::string_view> fields;
  std::size_t i = 0;
  while (i < inner.size()) {  // fields separated by white space (spaces or tabs) [?]
    while (i < inner.size() && (inner[i] == ' ' || inner[i] == '\t')) ++i;
    const std::size_t start = i;
    while (i < inner.size() && inner[i] != ' ' && inner[i] != '\t') ++i;
    if (i > start) fields.push_back(inner.substr(start, i - start));
  }
  if (fields.size() != 6)
    return fmt::format(
        "it has {} fields, not six (minutes hours day-of-month month day-of-week "
        "year)",
        fields.size());
  for (std::size_t f : {0u, 1u, 3u, 5u})
    if (fields[f].find('?') != std::string_view::npos)
      return "? stands only in the day-of-month or the day-of-week field";
  if (auto p = parse_set(fields[0], kMinutesSpec, out.minutes); !p.empty()) return p;
  if (auto p = parse_set(fields[1], kHoursSpec, out.hours); !p.empty()) return p;
  if (auto p = parse_dom(fields[2], out); !p.empty()) return p;
  if (auto p = parse_set(fields[3], kMonthSpec, out.months); !p.empty()) return p;
  if (auto p = parse_dow(fields[4], out); !p.empty()) return p;
  if (auto p = parse_set(fields[5], kYearSpec, out.years); !p.empty()) return p;
  if ((out.dom_kind == DomKind::kAny) == (out.dow_kind == DowKind::kAny))
    return "one of the day-of-month and day-of-week fields must be ?, and only one";
  return "";
}

bool day_matches(const Cron& c, std::int64_t y, unsigned m, unsigned d) {
  const unsigned last = days_in_month(y, m);
  const std::int64_t days = days_from_civil(y, m, d);
  switch (c.dom_kind) {
    case DomKind::kAny:
      break;
    case DomKind::kSet:
      return c.dom.test(d);
    case DomKind::kLast:
      return d == last;
    case DomKind::kLastWeekday: {
      const int wd = weekday(days_from_civil(y, m, last));
      return d == last - (wd == 7 ? 1u : wd == 1 ? 2u : 0u);
    }
    case DomKind::kNearestWeekday: {
      // Quartz's rule: a Saturday moves to the Friday before (the Monday after if it is the 1st),
      // a Sunday to the Monday after (the Friday before if it is the month's last day); a month
      // without day n has no run [?].
      const auto n = static_cast<unsigned>(c.dom_day);
      if (n > last) return false;
      const int wd = weekday(days_from_civil(y, m, n));
      unsigned target = n;
      if (wd == 7) target = n == 1 ? 3 : n - 1;
      if (wd == 1) target = n == last ? n - 2 : n + 1;
      return d == target;
    }
  }
  const int wd = weekday(days);
  switch (c.dow_kind) {
    case DowKind::kAny:
    case DowKind::kSet:
      return c.dow.test(static_cast<std::size_t>(wd));
    case DowKind::kLastOf:
      return wd == c.dow_day && d + 7 > last;
    case DowKind::kNth:
      return wd == c.dow_day && static_cast<int>((d - 1) / 7 + 1) == c.dow_nth;
  }
  return false;
}

// The first day (days since the epoch) on or after `from` on which the expression runs.
std::optional<std::int64_t> next_day(const Cron& c, std::int64_t from) {
  std::int64_t y = kMinYear;
  unsigned m = 1;
  unsigned d = 1;
  if (from >= days_from_civil(kMinYear, 1, 1)) {
    const CivilDate cd = civil_from_days(from);
    y = cd.year;
    m = cd.month;
    d = cd.day;
  }
  for (; y <= kMaxYear; ++y, m = 1, d = 1) {
    if (!c.years.test(static_cast<std::size_t>(y - kMinYear))) continue;
    for (; m <= 12; ++m, d = 1) {
      if (!c.months.test(m)) continue;
      for (const unsigned last = days_in_month(y, m); d <= last; ++d)
        if (day_matches(c, y, m, d)) return days_from_civil(y, m, d);
    }
  }
  return std::nullopt;
}

// The first run at or after minute `from_minute` of day `day`, or on a later day.
std::optional<TimeMs> next_run(const Cron& c, std::int64_t day, int from_minute) {
  for (;;) {
    const auto next = next_day(c, day);
    if (!next) return std::nullopt;
    const int start = *next == day ? from_minute : 0;
    for (int h = start / 60; h < 24; ++h) {
      if (!c.hours.test(static_cast<std::size_t>(h))) continue;
      for (int mi = h == start / 60 ? start % 60 : 0; mi < 60; ++mi)
        if (c.minutes.test(static_cast<std::size_t>(mi)))
          return *next * kDayMs + h * kHourMs + mi * kMinuteMs;
    }
    day = *next + 1;
    from_minute = 0;
  }
}

// DLM's bounds on a cron schedule: "The schedule interval must be between 1 hour and 1 year".
// Read as: no two runs less than an hour apart (one minute value: runs in different hours are
// an hour or more apart; two minute values are less than an hour apart in every hour that runs),
// and no two consecutive days with runs more than 366 days apart [?]; an expression that never
// runs at all is refused too [?]. A last run (a year field that ends) is allowed [?].
std::string frequency_problem(const Cron& c) {
  if (c.minutes.count() > 1) return "it runs more often than once an hour";
  auto day = next_day(c, days_from_civil(kMinYear, 1, 1));
  if (!day) return "it never runs";
  while (const auto next = next_day(c, *day + 1)) {
    if (*next - *day > 366) return "it runs less often than once a year";
    day = next;
  }
  return "";
}

}  // namespace

std::string create_rule_problem(const DlmCreateRule& rule) {
  if (rule.cron) {
    if (rule.interval_hours || rule.time)
      return "You cannot specify both a cron expression and an interval, interval unit or start "
             "time.";  // [?]
    Cron c;
    std::string why = parse_cron(*rule.cron, c);
    if (why.empty()) why = frequency_problem(c);
    if (!why.empty())
      return fmt::format(
          "The cron expression {} is not valid: {}. The schedule interval must be between 1 hour "
          "and 1 year.",
          *rule.cron, why);  // [?]
    return "";
  }
  if (!rule.interval_hours)
    return "You must specify either a cron expression or an interval, interval unit, and start "
           "time.";  // [?]
  if (!valid_interval(*rule.interval_hours))
    return fmt::format(
        "The interval {} is not supported: the supported values are 1, 2, 3, 4, 6, 8, 12 and 24 "
        "hours.",
        *rule.interval_hours);  // [?]
  if (rule.time && parse_hhmm(*rule.time) < 0)
    return fmt::format("The time {} is not valid: the supported format is hh:mm (00:00 to 23:59).",
                       *rule.time);  // [?]
  return "";
}

std::optional<TimeMs> next_fire(const DlmCreateRule& rule, TimeMs after) {
  // Far enough from the ends of TimeMs that a day more or less does not overflow (model times
  // are never near them).
  constexpr TimeMs kLimit = std::numeric_limits<TimeMs>::max() - 2 * kDayMs;
  if (after >= kLimit || after <= -kLimit) return std::nullopt;
  if (rule.cron) {
    if (rule.interval_hours || rule.time) return std::nullopt;
    Cron c;
    if (!parse_cron(*rule.cron, c).empty()) return std::nullopt;
    // The first whole minute strictly after `after`.
    const TimeMs t = (floor_div(after, kMinuteMs) + 1) * kMinuteMs;
    const std::int64_t day = floor_div(t, kDayMs);
    return next_run(c, day, static_cast<int>((t - day * kDayMs) / kMinuteMs));
  }
  if (!rule.interval_hours || !valid_interval(*rule.interval_hours)) return std::nullopt;
  int start = kDefaultStartMinute;
  if (rule.time) {
    start = parse_hhmm(*rule.time);
    if (start < 0) return std::nullopt;
  }
  // The interval divides a day, so the runs of every day (start + k * interval, within the day)
  // are the times congruent to the start modulo the interval.
  const DurationMs period = *rule.interval_hours * kHourMs;
  const DurationMs offset = start * kMinuteMs % period;
  const DurationMs since = after - floor_div(after - offset, period) * period - offset;
  return after - since + period;
}

TimeMs add_period(TimeMs from, const DlmPeriod& period) {
  switch (period.unit) {
    case DlmUnit::kDays:
      return from + period.interval * kDayMs;
    case DlmUnit::kWeeks:
      return from + period.interval * 7 * kDayMs;
    case DlmUnit::kMonths:
    case DlmUnit::kYears:
      break;
  }
  const std::int64_t months =
      period.unit == DlmUnit::kYears ? std::int64_t{period.interval} * 12 : period.interval;
  const std::int64_t day = floor_div(from, kDayMs);
  const CivilDate date = civil_from_days(day);
  const std::int64_t index = date.year * 12 + (date.month - 1) + months;
  const std::int64_t year = floor_div(index, 12);
  const auto month = static_cast<unsigned>(index - year * 12 + 1);
  const unsigned mday = std::min(date.day, days_in_month(year, month));
  return days_from_civil(year, month, mday) * kDayMs + (from - day * kDayMs);
}

}  // namespace amisim::sim
