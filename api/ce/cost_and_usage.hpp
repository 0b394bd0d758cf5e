// Cost Explorer GetCostAndUsage over the simulator's bill (sim/billing/billing.hpp), for one
// account.
//
// Time: TimePeriod {Start, End} is [Start, End) in UTC (End exclusive, botocore ce DateInterval).
// A period [s, e) is the bill window (s - 1 ms, e - 1 ms], clipped to the model's now: usage at
// exactly s belongs to the period that starts at s, and consecutive periods add up to the bill of
// their union. DAILY periods are UTC days, MONTHLY ones calendar months clipped to the
// TimePeriod, HOURLY ones hours (Start/End then may be yyyy-MM-ddThh:mm:ssZ). Periods not over in
// model time are Estimated.
//
// Metrics: UnblendedCost, BlendedCost, AmortizedCost, NetUnblendedCost and NetAmortizedCost are
// the same figure (amisim has no discounts, reservations or savings plans); UsageQuantity sums
// usage in the lines' unit ("N/A" when units mix, as AWS); NormalizedUsageAmount is 0 [?].
// GroupBy: up to two DIMENSION keys of api/ce/dimensions.hpp. With GroupBy, Total is {} and the
// figures are in Groups (awscli examples/ce/get-cost-and-usage.rst); without, Groups is [].
// Amounts are decimal strings without trailing zeros ("0.12", "0"), as Cost Explorer writes them
// (cloudscape-design/components line-chart sample data: "39.017", "0"); amisim's are exact to the
// micro-dollar where AWS prints up to ten decimals.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "api/protocol/wire_error.hpp"
#include "sim/state/world.hpp"

namespace amisim::ce {

// At most this many periods in one answer [amisim bound; AWS bounds the history instead].
inline constexpr std::int64_t kMaxPeriods = 5000;

// The GetCostAndUsageResponse for `account`, or a ValidationException / InvalidNextTokenException.
protocol::WireResult<nlohmann::json> get_cost_and_usage(const sim::World& world,
                                                        const sim::AccountId& account,
                                                        const nlohmann::json& input);

// "0.12" for 120000: micro-units as a decimal string without trailing zeros; "0" for zero.
std::string format_amount(std::int64_t micro);

}  // namespace amisim::ce
