// The bill: the meter's lines (sim/state/meter.hpp) integrated over a window, in integer
// micro-dollars.
//
// Each line's cost up to time t is F(t) = floor(sum over its segments of price x quantity x
// billed time / unit), and the cost of a window (from, to] is F(to) - F(from). So bills add up
// exactly ([a, c] = [a, b] + [b, c]), never decrease as `to` grows, and do not depend on how the
// clock was advanced (segments change only at event and call times). Usage at or before `from`
// is outside the window; a window without `from` starts before the world.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sim/state/meter.hpp"
#include "sim/state/world.hpp"

namespace amisim::sim {

enum class BillGrouping { kNone, kRegion, kUsageType, kResource };

struct BillRequest {
  std::optional<TimeMs> from;  // none: from the world's start
  TimeMs to = 0;
  std::optional<AccountId> account;
  BillGrouping group_by = BillGrouping::kNone;
};

struct BillLine {
  AccountId account;
  RegionName region;
  std::string usage_type;        // "" when grouped by Region
  std::string resource_id;       // "" when grouped by Region or usage type
  std::int64_t usage_micro = 0;  // usage in `unit`, x 1,000,000 ("GB-Mo", "Hrs", "GB")
  std::string unit;              // "" when a group mixes units
  MicroUsd cost = 0;
};

struct Bill {
  std::optional<TimeMs> from;
  TimeMs to = 0;
  MicroUsd total = 0;
  std::vector<BillLine> lines;  // ordered by account, Region, usage type, resource
};

// A window reaching past the world's now ends at now (the Bill says where it ended).
// Usage retired from resource detail (sim/state/meter.hpp: the lines of a resource gone, ended
// more than 14 days ago) is billed by day: a retired day's cost and usage count, whole, in a window
// that holds the day's end (the midnight closing it) [?: AWS answers such usage by day only; amisim
// books the day at its end]. Windows whose ends are midnights bill it exactly as before it was
// retired. It comes as one line per (account, Region, usage type) without a resource ID, before
// that group's lines.
Bill compute_bill(const World& world, const BillRequest& request);

// The cost from the world's start to each of `times`, by usage type (summed over accounts,
// Regions and resources), in one pass over the meter: at each time, what compute_bill's lines of
// that usage type add up to for the window from the world's start (the live picture's bill
// series, api/picture/timeline.hpp). A usage type that cost nothing yet is left out.
std::map<std::string, std::vector<MicroUsd>> cost_series_by_usage_type(
    const World& world, const std::vector<TimeMs>& times);

// Retires the meter's lines whose usage ended before the last 14 whole days and whose resource
// no longer exists in its Region (Meter::retire), once a day of model time: the metering hooks
// call it before they change a line.
void retire_bill_detail(World& world);

// The run-rate of what exists now: the open usage (running instances, volumes, stored snapshots
// and objects) continued unchanged for `span`, without pending work or one-time charges.
Bill project_bill(const World& world, DurationMs span, const std::optional<AccountId>& account);

// "12.345678": micro-dollars as a decimal string (negative never occurs).
std::string format_usd(MicroUsd amount);
// "1.500000": a usage_micro value.
std::string format_micro(std::int64_t micro);

}  // namespace amisim::sim
