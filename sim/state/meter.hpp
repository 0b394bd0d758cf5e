// Usage on the timeline (DESIGN.md "Billing"): every billable thing is a line — (account, Region,
// usage type, resource) — holding segments of constant quantity with a price. Hooks in the model
// set a line's quantity when it changes (an instance enters or leaves `running`, a volume is
// created or deleted, a pool's snapshot attribution changes, an object is stored); one-time
// charges (bytes a copy moves between Regions) are points. The bill integrates the segments over
// any window on demand (sim/billing/billing.hpp), so it is exact and independent of how the clock
// moved.
//
// Memory (issue 19): a line whose usage has ended (every segment closed) is folded at once into
// its group's compact history, 48 bytes a segment with the resource ID packed, instead of a map
// node, a string and a vector. for_each_line gives the folded lines back exactly as they were
// (the segments of a resource folded, then any live ones), so the bill, Cost Explorer and the
// digest see the same lines whether or not anything was folded.
//
// History (issue 19): resource detail is kept for 14 days, as AWS keeps it (Cost Explorer API
// reference, GetCostAndUsageWithResources: "The range must be within the last 14 days"; older
// usage is answered without resources, by day: "Best practices for the AWS Cost Explorer API",
// up to 13 months of history).
// Once a folded line's last segment ended more than 14 whole days ago and its resource is gone
// (terminated and purged, deleted, out of the Recycle Bin), retire() books it into its group's
// retired days: per UTC day, the cost and usage
// of every retired line, without the resource. The bill reads retired days at day granularity
// (sim/billing/billing.hpp), so a long-running server's meter grows with the days it has run,
// not with the resources it has ever billed.
#pragma once

#include <algorithm>
#include <array>
#include <compare>
#include <cstdint>
#include <functional>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "sim/core/ids.hpp"
#include "sim/core/prices.hpp"
#include "sim/core/time.hpp"

namespace amisim::sim {

// How a segment turns time into billable quantity.
enum class Charge : std::uint8_t {
  kProrated,        // quantity x elapsed time, continuously (snapshot and S3 storage, by the hour)
  kPerSecondMin60,  // per second, at least 60 s from each start (instances, volumes)
  kPerStartedHour,  // every started hour (Marketplace software fees)
  kOnce,            // quantity once, at the start (transfer, retrieval)
};

struct LineKey {
  AccountId account;
  RegionName region;
  std::string usage_type;   // "EBS:SnapshotUsage", "USW2-BoxUsage:t3.micro", ...
  std::string resource_id;  // snap-..., i-..., vol-..., a bucket name
  friend auto operator<=>(const LineKey&, const LineKey&) = default;
  friend bool operator==(const LineKey&, const LineKey&) = default;
};

// The lines of one (account, Region, usage type): a LineKey without its resource.
struct LineGroup {
  AccountId account;
  RegionName region;
  std::string usage_type;
  friend auto operator<=>(const LineGroup&, const LineGroup&) = default;
  friend bool operator==(const LineGroup&, const LineGroup&) = default;
};

struct Segment {
  TimeMs start = 0;
  std::optional<TimeMs> end;  // open while the usage continues
  std::int64_t quantity = 0;  // bytes (storage, transfer) or a count (instances)
  MicroUsd price = 0;         // per unit of the line (per GiB-month, per hour, per GiB)
};

// What a line's numbers mean: cost = price x quantity x time / divisor, in micro-dollars.
struct LineUsage {
  Charge charge = Charge::kProrated;
  std::string unit;                // "GB-Mo", "Hrs", "GB" (as Cost Explorer names them)
  std::int64_t quantity_unit = 1;  // bytes per GiB for byte quantities, else 1
  DurationMs time_unit = 1;        // the price's period: a 30-day month, an hour; 1 for kOnce
  std::vector<Segment> segments;   // in time order; at most the last is open
};

// A resource ID "<prefix>-0<16 hex>" (World::new_id's form, prefix up to 8 letters) in 16 bytes.
struct PackedId {
  std::uint64_t bits = 0;
  std::array<char, 8> prefix{};
  // The packed form of `id`, or nullopt when it has another form (a bucket name).
  static std::optional<PackedId> pack(std::string_view id);
  std::string str() const;
};

// One segment of a folded line: its resource and the segment, closed.
struct FoldedSegment {
  PackedId resource;
  TimeMs start = 0;
  TimeMs end = 0;
  std::int64_t quantity = 0;
  MicroUsd price = 0;
};

// How long resource detail stays: 14 days (above).
inline constexpr DurationMs kResourceDetailMs = 14 * kDayMs;

// The UTC day a usage at `t` falls in, as the bill's windows (from, to] count: the day that ends
// at the first midnight at or after t. Returned as that day's start.
inline TimeMs usage_day_of(TimeMs t) {
  const TimeMs before = t - 1;
  const TimeMs floor = before >= 0 ? before / kDayMs : -((-before + kDayMs - 1) / kDayMs);
  return floor * kDayMs;
}

// One UTC day (day, day + 24 h] of a group's retired lines: their cost and usage in it, summed.
struct RetiredDay {
  TimeMs day = 0;                // the day's start, a midnight
  MicroUsd cost = 0;             // micro-dollars
  std::int64_t usage_micro = 0;  // usage in the group's unit x 1,000,000
  friend bool operator==(const RetiredDay&, const RetiredDay&) = default;
};

class Meter {
 public:
  // Sets the line's quantity from `now` on (0 ends the usage). Closes the open segment when the
  // quantity or price changes; nothing happens when both are unchanged.
  void set(const LineKey& key, TimeMs now, std::int64_t quantity, MicroUsd price,
           const LineUsage& kind);
  // A one-time charge of `quantity` at `at`.
  void once(const LineKey& key, TimeMs at, std::int64_t quantity, MicroUsd price,
            const LineUsage& kind);

  // Sets every line of (account, region, usage_type) to its quantity in `desired` (by resource
  // ID) and ends the open lines of that triple that `desired` does not name.
  void reconcile(const AccountId& account, const RegionName& region, const std::string& usage_type,
                 const std::map<std::string, std::int64_t>& desired, TimeMs now, MicroUsd price,
                 const LineUsage& kind);

  // Calls f(group, resource_id, line) for every line in LineKey order, folded ones included.
  template <class F>
  void for_each_line(F&& f) const {
    std::vector<const std::pair<const std::string, LineUsage>*> sorted;
    for (const auto& entry_of_group : groups_) {
      // Named, not a structured binding: the lambda below captures it (Clang 14 cannot capture
      // a structured binding).
      const LineGroup& group = entry_of_group.first;
      const Lines& lines = entry_of_group.second;
      sorted.clear();
      for (const auto& entry : lines.live) sorted.push_back(&entry);
      std::sort(sorted.begin(), sorted.end(),
                [](const auto* a, const auto* b) { return a->first < b->first; });
      if (lines.folded.empty()) {
        for (const auto* entry : sorted) f(group, entry->first, entry->second);
        continue;
      }
      for_each_merged(lines, sorted,
                      [&](const std::string& id, const LineUsage& line) { f(group, id, line); });
    }
  }

  // Whether closed lines are folded (on by default; the billing property compares both ways).
  // Only folded lines are retired, so a meter that does not fold keeps every line whole.
  void set_folding(bool on) { folding_ = on; }

  // Retires the folded lines whose every segment ended at or before `horizon` (a midnight), whose
  // resource has no live line and that `keep` does not keep: `days` adds each one's cost and
  // usage per day to the map it is given (sim/billing's retire_bill_detail supplies the bill's
  // arithmetic and keeps the lines of resources that still exist). Remembers `horizon`; a later
  // call with the same or an earlier one does nothing.
  using DayTotals = std::function<void(const LineUsage& line, std::map<TimeMs, RetiredDay>& days)>;
  using Keep = std::function<bool(const LineGroup& group, const std::string& resource)>;
  void retire(TimeMs horizon, const DayTotals& days, const Keep& keep);
  // Whether retire() does anything (on by default; the billing properties compare both ways).
  void set_retiring(bool on) { retiring_ = on; }
  // The horizon of the last retire() (the lowest TimeMs before any).
  TimeMs retired_through() const { return retired_through_; }
  // Calls f(group, unit, days) for every group with retired days, in group order; `days` are in
  // day order.
  template <class F>
  void for_each_retired(F&& f) const {
    for (const auto& [group, lines] : groups_) {
      if (!lines.retired.empty()) f(group, lines.retired_unit, lines.retired);
    }
  }
  // Puts back a group's retired days (a state snapshot).
  void restore_retired(const LineGroup& group, std::string unit, std::vector<RetiredDay> days);
  std::size_t retired_days() const;
  // Lines held in full (open, or closed and not foldable) and segments held folded.
  std::size_t live_lines() const;
  std::size_t folded_segments() const;

  // How many of a Region's archive-tier records (RegionState::tier_records) are metered.
  std::size_t& tier_records_billed(const RegionName& region) {
    return tier_records_billed_[region];
  }
  const std::map<RegionName, std::size_t>& tier_records_billed() const {
    return tier_records_billed_;
  }

  // Puts back one line as it was (a state snapshot, api/io/world_snapshot.hpp); for_each_line
  // gives every line to save.
  // A line that was folded comes back folded (when folding is on), so a loaded world holds its
  // history as compactly as the saved one did.
  void restore_line(const LineKey& key, LineUsage usage) {
    Lines& lines = group(key);
    LineUsage& stored = line(lines, key.resource_id, usage);
    stored = std::move(usage);
    fold(lines, key.resource_id);
  }

 private:
  // The lines by (account, Region, usage type), then hashed by resource: a launch meters three
  // lines among every line the server has billed, and an ordered map's lookup reached a cold node
  // at each of its ~17 steps (the bench/http RunInstances profile). Only the bucketing uses
  // std::hash: for_each_line sorts, so no output depends on it (sim/core/ids.hpp).
  struct Lines {
    std::unordered_map<std::string, LineUsage> live;
    std::vector<FoldedSegment> folded;  // in folding order: time order per resource
    LineUsage folded_kind;              // the folded lines' kind (their segments are here)
    std::vector<RetiredDay> retired;    // in day order, days with no cost and no usage left out
    std::string retired_unit;           // the retired lines' unit ("GB-Mo", "Hrs", "GB")
  };
  // Retires the folded lines of one group (retire()).
  static void retire_group(const LineGroup& group, Lines& lines, TimeMs horizon,
                           const DayTotals& days, const Keep& keep);
  Lines& group(const LineKey& key);  // made on first use
  static LineUsage& line(Lines& lines, const std::string& resource, const LineUsage& kind);
  // Moves the line of `resource` in `lines` to its folded history when every segment is closed
  // and its ID and kind allow it.
  void fold(Lines& lines, const std::string& resource);
  // for_each_line's work for a group with folded lines: the live lines (`sorted`) and the folded
  // ones merged, in resource order.
  static void for_each_merged(
      const Lines& lines, const std::vector<const std::pair<const std::string, LineUsage>*>& sorted,
      const std::function<void(const std::string&, const LineUsage&)>& f);
  // Orders groups and finds a LineKey's group without copying its strings.
  struct GroupLess {
    using is_transparent = void;
    template <class A, class B>
    bool operator()(const A& a, const B& b) const {
      return std::tie(a.account, a.region, a.usage_type) <
             std::tie(b.account, b.region, b.usage_type);
    }
  };
  std::map<LineGroup, Lines, GroupLess> groups_;
  std::map<RegionName, std::size_t> tier_records_billed_;
  TimeMs retired_through_ = std::numeric_limits<TimeMs>::min();
  bool folding_ = true;
  bool retiring_ = true;
};

// A 30-day month: the EBS pricing examples prorate a GB-month over 86,400 s x 30 days [doc: EBS
// pricing page example, cited in fixtures/prices.json]; used for every GB-month price here.
inline constexpr DurationMs kBillingMonthMs = 30LL * 24 * 3600 * 1000;
inline constexpr std::int64_t kBytesPerGiB = 1024LL * 1024 * 1024;

// The usage kinds amisim bills.
LineUsage storage_usage();   // kProrated, GB-Mo
LineUsage volume_usage();    // kPerSecondMin60, GB-Mo
LineUsage compute_usage();   // kPerSecondMin60, Hrs
LineUsage fee_usage();       // kPerStartedHour, Hrs
LineUsage transfer_usage();  // kOnce, GB
LineUsage iops_usage();      // kPerSecondMin60, IOPS-Mo (quantity: IOPS)
// kPerSecondMin60, GiBps-mo as the price list names it; the quantity is MiB/s (1,024 per GiB/s),
// the price per GiB/s-month.
LineUsage throughput_usage();
// kOnce, GB-Mo, for a storage charge made at once: the quantity is bytes x hours, the price per
// GB-month of 720 hours (the archive tier's 90-day minimum on early delete).
LineUsage early_delete_usage();
// kProrated, Hrs: public IPv4 addresses, billed per second in hours (VPC User Guide, "Understand
// codes for Amazon VPC in billing and usage reports": PublicIPv4:InUseAddress and
// PublicIPv4:IdleAddress, unit Hours, granularity per-second).
LineUsage public_ipv4_usage();

}  // namespace amisim::sim
