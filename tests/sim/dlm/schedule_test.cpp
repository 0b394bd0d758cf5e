// sim/dlm/schedule.cpp: CreateRule's checks, next runs, and ages. Every expected time below is
// worked out by hand from the calendar: 2026-01-01 is a Thursday (20454 days after 1970-01-01,
// itself a Thursday; 20454 = 7 * 2922), so January 2026 runs Thu 1, Fri 2, Sat 3, ... Sat 31,
// February starts on Sunday 1 and ends on Saturday 28.
#include <fmt/format.h>
#include <rapidcheck/catch.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "sim/dlm/dlm.hpp"

using namespace amisim;
using namespace sim;

namespace {

TimeMs at(const char* iso) {
  const auto t = parse_iso8601(iso);
  REQUIRE(t);
  return *t;
}

DlmCreateRule every(int hours, std::optional<std::string> time = std::nullopt) {
  return {hours, std::move(time), std::nullopt};
}

DlmCreateRule cron(std::string expression) { return {std::nullopt, std::nullopt, expression}; }

std::string next_text(const DlmCreateRule& rule, const char* after) {
  const auto t = next_fire(rule, at(after));
  return t ? format_iso8601(*t) : "never";
}

bool refused_with(const DlmCreateRule& rule, const std::string& part) {
  const std::string problem = create_rule_problem(rule);
  INFO(problem);
  return problem.find(part) != std::string::npos;
}

}  // namespace

// --- interval rules -----------------------------------------------------------------------------

TEST_CASE("An interval rule runs at its start time plus whole intervals, every day") {
  // Every 6 hours from 17:30: 17:30, 23:30, then 05:30 and 11:30 of each day (17:30 - 12 h).
  const auto six = every(6, "17:30");
  CHECK(next_text(six, "2026-01-01T00:00:00Z") == "2026-01-01T05:30:00.000Z");
  // Strictly after: a run exactly at `after` is not the next one.
  CHECK(next_text(six, "2026-01-01T05:30:00Z") == "2026-01-01T11:30:00.000Z");
  CHECK(next_text(six, "2026-01-01T05:29:59.999Z") == "2026-01-01T05:30:00.000Z");
  CHECK(next_text(six, "2026-01-01T17:30:00Z") == "2026-01-01T23:30:00.000Z");
  // After 23:30 the next is the following day's 05:30.
  CHECK(next_text(six, "2026-01-01T23:31:00Z") == "2026-01-02T05:30:00.000Z");
  // Every 24 hours at 01:00: daily at 01:00.
  CHECK(next_text(every(24, "01:00"), "2026-01-01T01:00:00Z") == "2026-01-02T01:00:00.000Z");
  CHECK(next_text(every(24, "01:00"), "2026-01-01T00:59:00Z") == "2026-01-01T01:00:00.000Z");
  // Every 8 hours at 23:59: 23:59 - 16 h = 07:59, then 15:59.
  CHECK(next_text(every(8, "23:59"), "2026-01-01T00:00:00Z") == "2026-01-01T07:59:00.000Z");
  CHECK(next_text(every(8, "23:59"), "2026-01-01T08:00:00Z") == "2026-01-01T15:59:00.000Z");
  // Every hour at 00:45: 45 past each hour.
  CHECK(next_text(every(1, "00:45"), "2026-03-10T13:50:00Z") == "2026-03-10T14:45:00.000Z");
  // Across a year's end: every 12 hours at 06:00 runs 06:00 and 18:00.
  CHECK(next_text(every(12, "06:00"), "2026-12-31T18:00:00Z") == "2027-01-01T06:00:00.000Z");
}

TEST_CASE("An interval rule without Times starts at 00:00 UTC (amisim's choice)") {
  // Every 12 hours from 00:00: 00:00 and 12:00.
  CHECK(next_text(every(12), "2026-01-01T00:00:00.001Z") == "2026-01-01T12:00:00.000Z");
  CHECK(next_text(every(12), "2026-01-01T12:00:00Z") == "2026-01-02T00:00:00.000Z");
  // Every 3 hours: 00, 03, 06, ...; after 07:00 comes 09:00.
  CHECK(next_text(every(3), "2026-01-01T07:00:00Z") == "2026-01-01T09:00:00.000Z");
}

// --- cron rules ---------------------------------------------------------------------------------

TEST_CASE("A cron rule runs at the next minute its fields match") {
  // Weekdays at 09:00: after Friday 2026-01-02 10:00, Saturday and Sunday are skipped: Monday 5th.
  CHECK(next_text(cron("cron(0 9 ? * MON-FRI *)"), "2026-01-02T10:00:00Z") ==
        "2026-01-05T09:00:00.000Z");
  // The same by number (2-6 = MON-FRI) and in lower case.
  CHECK(next_text(cron("cron(0 9 ? * 2-6 *)"), "2026-01-02T10:00:00Z") ==
        "2026-01-05T09:00:00.000Z");
  CHECK(next_text(cron("cron(0 9 ? * mon-fri *)"), "2026-01-02T08:00:00Z") ==
        "2026-01-02T09:00:00.000Z");
  // Daily at 03:05: just before it, the same day; at it, the next day.
  CHECK(next_text(cron("cron(5 3 * * ? *)"), "2026-01-01T03:04:59.999Z") ==
        "2026-01-01T03:05:00.000Z");
  CHECK(next_text(cron("cron(5 3 * * ? *)"), "2026-01-01T03:05:00Z") == "2026-01-02T03:05:00.000Z");
  // Hours 1/6 = 1, 7, 13, 19: after 07:00 comes 13:00.
  CHECK(next_text(cron("cron(0 1/6 * * ? *)"), "2026-01-01T07:00:00Z") ==
        "2026-01-01T13:00:00.000Z");
  // Hours */8 = 0, 8, 16; hours list 4,20.
  CHECK(next_text(cron("cron(0 */8 * * ? *)"), "2026-01-01T16:00:00Z") ==
        "2026-01-02T00:00:00.000Z");
  CHECK(next_text(cron("cron(0 4,20 * * ? *)"), "2026-01-01T04:00:00Z") ==
        "2026-01-01T20:00:00.000Z");
  // January and July on the 1st: after 2 January, 1 July.
  CHECK(next_text(cron("cron(0 0 1 JAN,JUL ? *)"), "2026-01-02T00:00:00Z") ==
        "2026-07-01T00:00:00.000Z");
  // Every 3rd month from March (3/3 = MAR, JUN, SEP, DEC) on the 15th: after 15 June, 15 Sept.
  CHECK(next_text(cron("cron(0 0 15 3/3 ? *)"), "2026-06-15T00:00:00Z") ==
        "2026-09-15T00:00:00.000Z");
  // Day-of-month 10-12/2 = 10 and 12.
  CHECK(next_text(cron("cron(0 0 10-12/2 * ? *)"), "2026-01-10T00:00:00Z") ==
        "2026-01-12T00:00:00.000Z");
}

TEST_CASE("L, W and # pick days of the month") {
  // L: the month's last day. After 31 January 03:00 (past 02:30), 28 February (2026 is common).
  CHECK(next_text(cron("cron(30 2 L * ? *)"), "2026-01-31T03:00:00Z") ==
        "2026-02-28T02:30:00.000Z");
  // ... and in a leap year, 29 February 2028.
  CHECK(next_text(cron("cron(30 2 L * ? *)"), "2028-01-31T03:00:00Z") ==
        "2028-02-29T02:30:00.000Z");
  // 6#3: the third Friday. January 2026's Fridays are 2, 9, 16.
  CHECK(next_text(cron("cron(0 0 ? * 6#3 *)"), "2026-01-01T00:00:00Z") ==
        "2026-01-16T00:00:00.000Z");
  // FRI#5: a fifth Friday. January has 2, 9, 16, 23, 30; February (Fridays 6-27) has none, nor
  // March (6-27); April 2026 starts on Wednesday: Fridays 3, 10, 17, 24 - none; May starts on
  // Friday: 1, 8, 15, 22, 29.
  CHECK(next_text(cron("cron(0 0 ? * FRI#5 *)"), "2026-01-31T00:00:00Z") ==
        "2026-05-29T00:00:00.000Z");
  // 5L: the last Thursday. January's Thursdays: 1, 8, 15, 22, 29.
  CHECK(next_text(cron("cron(0 0 ? * 5L *)"), "2026-01-01T00:00:00Z") ==
        "2026-01-29T00:00:00.000Z");
  // L alone in day-of-week: Saturday, the week's last day. Thursday 1st -> Saturday 3rd.
  CHECK(next_text(cron("cron(15 10 ? * L *)"), "2026-01-01T00:00:00Z") ==
        "2026-01-03T10:15:00.000Z");
  // 1W: the weekday nearest the 1st. 1 January is a Thursday: itself.
  CHECK(next_text(cron("cron(0 12 1W * ? *)"), "2026-01-01T00:00:00Z") ==
        "2026-01-01T12:00:00.000Z");
  // 1 February is a Sunday: Monday the 2nd.
  CHECK(next_text(cron("cron(0 0 1W * ? *)"), "2026-02-01T00:00:00Z") ==
        "2026-02-02T00:00:00.000Z");
  // 1 August 2026 is a Saturday (212 days after 1 January, 212 = 7 * 30 + 2: Thursday + 2); the
  // Friday before is in July, so it moves forward to Monday the 3rd.
  CHECK(next_text(cron("cron(0 0 1W * ? *)"), "2026-07-15T00:00:00Z") ==
        "2026-08-03T00:00:00.000Z");
  // 31 May 2026 is a Sunday (1 May is a Friday); the Monday after is in June, so back to
  // Friday the 29th.
  CHECK(next_text(cron("cron(0 0 31W * ? *)"), "2026-05-01T00:00:00Z") ==
        "2026-05-29T00:00:00.000Z");
  // LW: the last weekday. 31 January 2026 is a Saturday: Friday the 30th; 28 February a Saturday
  // too: Friday the 27th.
  CHECK(next_text(cron("cron(0 0 LW * ? *)"), "2026-01-01T00:00:00Z") ==
        "2026-01-30T00:00:00.000Z");
  CHECK(next_text(cron("cron(0 0 LW * ? *)"), "2026-01-30T00:00:00Z") ==
        "2026-02-27T00:00:00.000Z");
}

TEST_CASE("A cron rule whose years have passed, or whose day never comes, runs no more") {
  CHECK(next_text(cron("cron(0 0 1 1 ? 2020)"), "2026-01-01T00:00:00Z") == "never");
  // Its last run is still found before it.
  CHECK(next_text(cron("cron(0 0 1 1 ? 2020)"), "2019-06-01T00:00:00Z") ==
        "2020-01-01T00:00:00.000Z");
  CHECK(next_text(cron("cron(0 0 30 2 ? *)"), "2026-01-01T00:00:00Z") == "never");
  CHECK(next_text(cron("cron(59 23 31 12 ? 2199)"), "2199-12-31T23:59:00Z") == "never");
  // 29 February: 2026 and 2027 are common years, 2028 a leap year.
  CHECK(next_text(cron("cron(0 0 29 2 ? *)"), "2026-01-01T00:00:00Z") ==
        "2028-02-29T00:00:00.000Z");
  // A time before 1970 finds the first run of 1970.
  CHECK(next_fire(cron("cron(0 0 1 1 ? *)"), -kDayMs) == TimeMs{0});
  // A refused expression has no runs.
  CHECK_FALSE(next_fire(cron("cron(0 0 * * * *)"), 0));
  CHECK_FALSE(next_fire(every(5), 0));
}

// --- refusals -----------------------------------------------------------------------------------

TEST_CASE("Valid create rules are accepted") {
  for (int hours : {1, 2, 3, 4, 6, 8, 12, 24}) CHECK(create_rule_problem(every(hours)) == "");
  CHECK(create_rule_problem(every(24, "00:00")) == "");
  CHECK(create_rule_problem(every(24, "23:59")) == "");
  for (const char* e :
       {"cron(0 9 ? * MON-FRI *)", "cron(30 2 L * ? *)", "cron(0 0 ? * 6#3 *)",
        "cron(0 0 LW * ? *)", "cron(0 0 15W * ? *)", "cron(0 0 ? * 5L *)", "cron(0 * * * ? *)",
        "cron(0 0 1 1 ? *)", "cron(0 0 1 1 ? 2027)", "cron(0 0 1 1 ? 2027-2030)",
        "cron(0 12 * * ? 2026/1)", "cron(0\t12  * * ?  *)", "cron(0 0 ? jan,jul sun *)",
        "cron(0 0 L 2 ? *)", "cron(0 1/6 * * ? *)"})
    CHECK(create_rule_problem(cron(e)) == "");
}

TEST_CASE("A create rule needs exactly one of an interval and a cron expression") {
  CHECK(refused_with({}, "You must specify either a cron expression or an interval"));
  // Times alone is not an interval.
  CHECK(refused_with({std::nullopt, "09:00", std::nullopt}, "You must specify either"));
  CHECK(refused_with({24, std::nullopt, "cron(0 9 * * ? *)"}, "You cannot specify both"));
  CHECK(refused_with({std::nullopt, "09:00", "cron(0 9 * * ? *)"}, "You cannot specify both"));
}

TEST_CASE("An interval is 1, 2, 3, 4, 6, 8, 12 or 24 hours, a time hh:mm") {
  for (int hours : {-1, 0, 5, 7, 9, 10, 16, 48})
    CHECK(refused_with(every(hours), fmt::format("The interval {} is not supported", hours)));
  for (const char* t : {"7:00", "24:00", "12:60", "12-00", "12:00:00", "", "ab:cd", " 9:00"})
    CHECK(refused_with(every(24, t), fmt::format("The time {} is not valid", t)));
}

TEST_CASE("A cron expression is cron(...) with six fields") {
  for (const char* e : {"0 9 * * ? *", "CRON(0 9 * * ? *)", "cron(0 9 * * ? *", "cron(0 9 * ?)",
                        "cron(0 9 * * ? *)\n"})
    CHECK(refused_with(cron(e), "not of the form cron(fields)"));
  // 101 characters inside the parentheses (11 + 90 spaces): one too many (the pattern is
  // cron\([^\n]{11,100}\)); 100 are fine.
  CHECK(refused_with(cron("cron(0 9 * * ? *" + std::string(90, ' ') + ")"), "not of the form"));
  CHECK(create_rule_problem(cron("cron(0 9 * * ? *" + std::string(89, ' ') + ")")) == "");
  CHECK(refused_with(cron("cron(0 9 * * ? * *)"), "it has 7 fields"));
  CHECK(refused_with(cron("cron(0 9 * * ?    )"), "it has 5 fields"));
}

TEST_CASE("Each cron field takes its own values") {
  CHECK(refused_with(cron("cron(60 9 * * ? *)"), "minutes 60 is outside 0-59"));
  CHECK(refused_with(cron("cron(0 24 * * ? *)"), "hours 24 is outside 0-23"));
  CHECK(refused_with(cron("cron(0 9 0 * ? *)"), "day-of-month 0 is outside 1-31"));
  CHECK(refused_with(cron("cron(0 9 32 * ? *)"), "day-of-month 32 is outside 1-31"));
  CHECK(refused_with(cron("cron(0 9 1 13 ? *)"), "month 13 is outside 1-12"));
  CHECK(refused_with(cron("cron(0 9 1 FOO ? *)"), "'FOO' is not a value of the month field"));
  CHECK(refused_with(cron("cron(0 9 ? * 8 *)"), "day-of-week 8 is outside 1-7"));
  CHECK(refused_with(cron("cron(0 9 ? * 0 *)"), "day-of-week 0 is outside 1-7"));
  CHECK(refused_with(cron("cron(0 9 ? * JAN *)"), "'JAN' is not a value of the day-of-week"));
  CHECK(refused_with(cron("cron(0 9 * * ? 1969)"), "year 1969 is outside 1970-2199"));
  CHECK(refused_with(cron("cron(0 9 * * ? 2200)"), "year 2200 is outside 1970-2199"));
  CHECK(refused_with(cron("cron(0 9-7 * * ? *)"), "the range 9-7 of the hours field runs back"));
  CHECK(refused_with(cron("cron(0 9,,10 * * ? *)"), "empty list item"));
  CHECK(refused_with(cron("cron(0 0/0 * * ? *)"), "the increment '0' of the hours field"));
  CHECK(refused_with(cron("cron(0 0/24 * * ? *)"), "the increment '24' of the hours field"));
  CHECK(refused_with(cron("cron(0 9 ? * 1/2 *)"), "the day-of-week field does not take '/'"));
}

TEST_CASE("Exactly one of day-of-month and day-of-week is ?") {
  CHECK(refused_with(cron("cron(0 9 * * * *)"), "must be ?, and only one"));
  CHECK(refused_with(cron("cron(0 9 1 * MON *)"), "must be ?, and only one"));
  CHECK(refused_with(cron("cron(0 9 ? * ? *)"), "must be ?, and only one"));
  CHECK(refused_with(cron("cron(? 9 * * ? *)"), "? stands only in the day-of-month or"));
  CHECK(refused_with(cron("cron(0 9 * * ? ?)"), "? stands only in the day-of-month or"));
  CHECK(refused_with(cron("cron(0 9 1,? * ? *)"), "?, L and W stand alone"));
}

TEST_CASE("L, W and # have their own shapes") {
  CHECK(refused_with(cron("cron(0 9 L,15 * ? *)"), "?, L and W stand alone"));
  CHECK(refused_with(cron("cron(0 9 1-5W * ? *)"), "W takes one day of the month"));
  CHECK(refused_with(cron("cron(0 9 32W * ? *)"), "W takes one day of the month"));
  CHECK(refused_with(cron("cron(0 9 ? * 2#1,6#3 *)"), "with #, the day-of-week field holds one"));
  CHECK(refused_with(cron("cron(0 9 ? * 2#6 *)"), "the number after # is not 1-5"));
  CHECK(refused_with(cron("cron(0 9 ? * 8#1 *)"), "day-of-week 8 is outside 1-7"));
  CHECK(refused_with(cron("cron(0 9 ? * 2L,3 *)"), "? and L stand alone in the day-of-week"));
}

TEST_CASE("DLM runs a cron schedule at most hourly and at least yearly") {
  // Two minute values run twice in an hour.
  CHECK(refused_with(cron("cron(0,30 * * * ? *)"), "runs more often than once an hour"));
  CHECK(refused_with(cron("cron(0,59 9 * * ? *)"), "runs more often than once an hour"));
  CHECK(refused_with(cron("cron(* 9 * * ? *)"), "runs more often than once an hour"));
  CHECK(refused_with(cron("cron(0/15 * * * ? *)"), "runs more often than once an hour"));
  // 29 February comes every four years; 2027 then 2029 is two years apart.
  CHECK(refused_with(cron("cron(0 0 29 2 ? *)"), "runs less often than once a year"));
  CHECK(refused_with(cron("cron(0 0 1 1 ? 2027,2029)"), "runs less often than once a year"));
  CHECK(refused_with(cron("cron(0 0 1 1 ? */2)"), "runs less often than once a year"));
  // 30 February and 31W in February never come.
  CHECK(refused_with(cron("cron(0 0 30 2 ? *)"), "it never runs"));
  CHECK(refused_with(cron("cron(0 0 31W 2 ? *)"), "it never runs"));
  // The message names the expression and DLM's bounds.
  CHECK(create_rule_problem(cron("cron(0 0 30 2 ? *)")) ==
        "The cron expression cron(0 0 30 2 ? *) is not valid: it never runs. The schedule "
        "interval must be between 1 hour and 1 year.");
}

// --- ages ---------------------------------------------------------------------------------------

TEST_CASE("Ages add days and weeks exactly, months and years by the calendar") {
  CHECK(format_iso8601(add_period(at("2026-01-01T10:20:30Z"), {3, DlmUnit::kDays})) ==
        "2026-01-04T10:20:30.000Z");
  CHECK(format_iso8601(add_period(at("2026-12-30T00:00:00Z"), {2, DlmUnit::kWeeks})) ==
        "2027-01-13T00:00:00.000Z");
  // 31 January + 1 month: 28 February in a common year, 29 in a leap year; the time is kept.
  CHECK(format_iso8601(add_period(at("2026-01-31T10:00:00Z"), {1, DlmUnit::kMonths})) ==
        "2026-02-28T10:00:00.000Z");
  CHECK(format_iso8601(add_period(at("2024-01-31T10:00:00Z"), {1, DlmUnit::kMonths})) ==
        "2024-02-29T10:00:00.000Z");
  // 31 March + 1 month: 30 April; 31 October + 4 months: 28 February 2027.
  CHECK(format_iso8601(add_period(at("2026-03-31T00:00:00Z"), {1, DlmUnit::kMonths})) ==
        "2026-04-30T00:00:00.000Z");
  CHECK(format_iso8601(add_period(at("2026-10-31T23:59:59.999Z"), {4, DlmUnit::kMonths})) ==
        "2027-02-28T23:59:59.999Z");
  // 15 November + 14 months: 15 January two years on.
  CHECK(format_iso8601(add_period(at("2026-11-15T06:00:00Z"), {14, DlmUnit::kMonths})) ==
        "2028-01-15T06:00:00.000Z");
  // 29 February 2024 + 1 year: 28 February 2025; + 4 years: 29 February 2028.
  CHECK(format_iso8601(add_period(at("2024-02-29T12:00:00Z"), {1, DlmUnit::kYears})) ==
        "2025-02-28T12:00:00.000Z");
  CHECK(format_iso8601(add_period(at("2024-02-29T12:00:00Z"), {4, DlmUnit::kYears})) ==
        "2028-02-29T12:00:00.000Z");
  CHECK(format_iso8601(add_period(at("2026-06-01T00:00:00Z"), {100, DlmUnit::kYears})) ==
        "2126-06-01T00:00:00.000Z");
}

// --- properties ---------------------------------------------------------------------------------

namespace {

constexpr TimeMs kSpan = 200LL * 365 * kDayMs;  // about 1970 .. 2170

rc::Gen<TimeMs> model_time() {
  return rc::gen::map(rc::gen::arbitrary<std::uint64_t>(),
                      [](std::uint64_t raw) { return static_cast<TimeMs>(raw % kSpan); });
}

rc::Gen<DlmCreateRule> interval_rule() {
  return rc::gen::exec([] {
    const int hours = *rc::gen::elementOf(std::vector<int>{1, 2, 3, 4, 6, 8, 12, 24});
    std::optional<std::string> time;
    if (*rc::gen::arbitrary<bool>())
      time = fmt::format("{:02}:{:02}", *rc::gen::inRange(0, 24), *rc::gen::inRange(0, 60));
    return every(hours, time);
  });
}

// Valid cron expressions at a fixed minute and hour, varying the days.
struct FixedCron {
  int minute;
  int hour;
  std::string expression;
};

rc::Gen<FixedCron> fixed_cron() {
  return rc::gen::exec([] {
    const int minute = *rc::gen::inRange(0, 60);
    const int hour = *rc::gen::inRange(0, 24);
    const std::string dom_dow = *rc::gen::elementOf(std::vector<std::string>{
        "* * ?", "1 * ?", "L * ?", "15W * ?", "LW * ?", "? * MON-FRI", "? * 6#2", "? * 1L", "? * L",
        "1-28/3 * ?", "28 JAN-DEC ?", "* 2,8 ?", "? * SUN,WED"});
    return FixedCron{minute, hour, fmt::format("cron({} {} {} *)", minute, hour, dom_dow)};
  });
}

}  // namespace

TEST_CASE("Property: an interval rule's next run is the first of its runs after the time") {
  rc::prop("next_fire is the first constructed run after t", [] {
    const DlmCreateRule rule = *interval_rule();
    const TimeMs t = *model_time();
    RC_ASSERT(create_rule_problem(rule).empty());
    const auto next = next_fire(rule, t);
    RC_ASSERT(next.has_value());
    RC_ASSERT(*next > t);
    RC_ASSERT(*next - t <= *rule.interval_hours * kHourMs);
    // The runs of the day before, the day of t and the day after, built as the docs say: start +
    // k * interval hours within each day.
    const int start_min =
        rule.time ? std::stoi(rule.time->substr(0, 2)) * 60 + std::stoi(rule.time->substr(3)) : 0;
    std::vector<TimeMs> runs;
    const TimeMs day0 = t / kDayMs * kDayMs;
    for (TimeMs day = day0 - kDayMs; day <= day0 + kDayMs; day += kDayMs)
      for (int k = 0; k < 24 / *rule.interval_hours; ++k)
        runs.push_back(day + (start_min * kMinuteMs + k * *rule.interval_hours * kHourMs) % kDayMs);
    RC_ASSERT(std::find(runs.begin(), runs.end(), *next) != runs.end());
    for (TimeMs run : runs) RC_ASSERT(!(run > t && run < *next));
  });
}

TEST_CASE("Property: next_fire is after the time and monotone in it") {
  rc::prop("interval rules", [] {
    const DlmCreateRule rule = *interval_rule();
    TimeMs a = *model_time();
    TimeMs b = *model_time();
    if (a > b) std::swap(a, b);
    const auto na = next_fire(rule, a);
    const auto nb = next_fire(rule, b);
    RC_ASSERT(na && nb);
    RC_ASSERT(*na > a);
    RC_ASSERT(*na <= *nb);
  });
  rc::prop("cron rules", [] {
    const FixedCron c = *fixed_cron();
    TimeMs a = *model_time();
    // Near each other too, where one run can lie between.
    TimeMs b =
        *rc::gen::oneOf(rc::gen::just(a + *rc::gen::inRange<TimeMs>(0, 3 * kDayMs)), model_time());
    if (a > b) std::swap(a, b);
    const auto na = next_fire(cron(c.expression), a);
    const auto nb = next_fire(cron(c.expression), b);
    RC_ASSERT(na && nb);
    RC_ASSERT(*na > a);
    RC_ASSERT(*nb > b);
    RC_ASSERT(*na <= *nb);
  });
}

TEST_CASE("Property: a cron rule with a fixed minute and hour runs at that minute and hour") {
  rc::prop("the result's minute and hour are the expression's", [] {
    const FixedCron c = *fixed_cron();
    RC_ASSERT(create_rule_problem(cron(c.expression)).empty());
    const TimeMs t = *model_time();
    const auto next = next_fire(cron(c.expression), t);
    RC_ASSERT(next.has_value());
    RC_ASSERT(*next > t);
    RC_ASSERT(*next % kMinuteMs == 0);
    RC_ASSERT(*next % kHourMs / kMinuteMs == c.minute);
    RC_ASSERT(*next % kDayMs / kHourMs == c.hour);
  });
}

TEST_CASE("Property: a daily cron rule skips no hour it names") {
  rc::prop("no matching hour lies between t and next_fire", [] {
    const int minute = *rc::gen::inRange(0, 60);
    auto hours = *rc::gen::unique<std::vector<int>>(rc::gen::inRange(0, 24));
    RC_PRE(!hours.empty());
    std::sort(hours.begin(), hours.end());
    std::string list;
    for (int h : hours) list += (list.empty() ? "" : ",") + std::to_string(h);
    const auto rule = cron(fmt::format("cron({} {} * * ? *)", minute, list));
    RC_ASSERT(create_rule_problem(rule).empty());
    const TimeMs t = *model_time();
    const auto next = next_fire(rule, t);
    RC_ASSERT(next.has_value());
    // Each hour start from t's to next's: its minute `minute` runs if the hour is listed.
    for (TimeMs h = t / kHourMs * kHourMs; h <= *next; h += kHourMs) {
      const TimeMs run = h + minute * kMinuteMs;
      const int hour = static_cast<int>(h % kDayMs / kHourMs);
      if (std::find(hours.begin(), hours.end(), hour) != hours.end())
        RC_ASSERT(!(run > t && run < *next));
    }
  });
}

TEST_CASE("Property: ages") {
  rc::prop("n days is n * 24 hours, n weeks 7n days", [] {
    const TimeMs t = *model_time();
    const int n = *rc::gen::inRange(0, 10000);
    RC_ASSERT(add_period(t, {n, DlmUnit::kDays}) == t + n * kDayMs);
    RC_ASSERT(add_period(t, {n, DlmUnit::kWeeks}) == t + n * 7 * kDayMs);
  });
  rc::prop("monotone: days and weeks in time; months and years in the date", [] {
    TimeMs a = *model_time();
    TimeMs b =
        *rc::gen::oneOf(rc::gen::just(a + *rc::gen::inRange<TimeMs>(0, 3 * kDayMs)), model_time());
    if (a > b) std::swap(a, b);
    const int n = *rc::gen::inRange(1, 1000);
    for (DlmUnit unit : {DlmUnit::kDays, DlmUnit::kWeeks})
      RC_ASSERT(add_period(a, {n, unit}) <= add_period(b, {n, unit}));
    // Months and years keep the time of day and clamp the day, so 29 Jan 23:00 + 1 month
    // (28 Feb 23:00) is later than 30 Jan 00:00 + 1 month (28 Feb 00:00): only the dates are
    // ordered.
    for (DlmUnit unit : {DlmUnit::kMonths, DlmUnit::kYears}) {
      const TimeMs ra = add_period(a, {n, unit});
      const TimeMs rb = add_period(b, {n, unit});
      RC_ASSERT(ra / kDayMs <= rb / kDayMs);
      RC_ASSERT(ra > a);
      RC_ASSERT(ra % kDayMs == a % kDayMs);
    }
  });
  rc::prop("months: the same day of the month, or the month's last", [] {
    const TimeMs t = *model_time();
    const int n = *rc::gen::inRange(1, 1200);
    const CivilDate from = civil_from_days(t / kDayMs);
    const CivilDate to = civil_from_days(add_period(t, {n, DlmUnit::kMonths}) / kDayMs);
    RC_ASSERT((to.year * 12 + to.month) - (from.year * 12 + from.month) == n);
    if (to.day != from.day) {
      RC_ASSERT(to.day < from.day);
      // The month ends at `to`: the next day is the 1st.
      RC_ASSERT(civil_from_days(days_from_civil(to.year, to.month, to.day) + 1).day == 1u);
    }
  });
}
