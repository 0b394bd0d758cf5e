// Cost Explorer's view of a bill line (sim/billing/billing.hpp): the dimension values
// GetCostAndUsage groups and filters by. A line's SERVICE is the name Cost Explorer shows, derived
// from its usage type; REGION is the Region code; USAGE_TYPE the usage type as billed (with its
// Region prefix); LINKED_ACCOUNT the 12-digit account; RECORD_TYPE is always "Usage" (amisim has no
// credits, refunds, taxes or discounts).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "sim/billing/billing.hpp"
#include "sim/state/world.hpp"

namespace amisim::ce {

// The dimensions amisim can group and filter by.
enum class Dimension { kService, kRegion, kUsageType, kLinkedAccount, kRecordType };

// "SERVICE" -> kService, ...; nullopt for any other name (including AWS dimensions amisim does
// not model, see is_aws_dimension).
std::optional<Dimension> parse_dimension(std::string_view name);
// Whether `name` is one of AWS's Dimension values (botocore ce 2017-10-25, shape Dimension).
bool is_aws_dimension(std::string_view name);
// "SERVICE, REGION, USAGE_TYPE, LINKED_ACCOUNT, RECORD_TYPE": for error messages.
std::string_view supported_dimensions();

// Service names as Cost Explorer's SERVICE dimension shows them.
inline constexpr std::string_view kEc2Compute = "Amazon Elastic Compute Cloud - Compute";
inline constexpr std::string_view kEc2Other = "EC2 - Other";
inline constexpr std::string_view kS3 = "Amazon Simple Storage Service";
inline constexpr std::string_view kMarketplace = "AWS Marketplace";

// The SERVICE of a usage type billed in `region`: BoxUsage -> EC2 compute; EBS:* and
// inter-Region transfer -> "EC2 - Other"; TimedStorage-ByteHrs -> S3; SoftwareUsage:<code> ->
// the Marketplace product's title.
std::string service_name(const sim::World& world, const sim::RegionName& region,
                         const std::string& usage_type);

// One bill line with its dimension values.
struct CeLine {
  std::string service;
  std::string region;
  std::string usage_type;
  std::string account;
  const sim::BillLine* line = nullptr;  // cost, usage and unit
};

CeLine classify(const sim::World& world, const sim::BillLine& line);

// The line's value of `dimension`.
std::string_view value_of(const CeLine& line, Dimension dimension);

}  // namespace amisim::ce
