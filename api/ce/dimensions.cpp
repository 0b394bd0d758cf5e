#include "api/ce/dimensions.hpp"

#include <array>

namespace amisim::ce {
namespace {

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

bool ends_with(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}

// botocore data/ce/2017-10-25/service-2.json, shape Dimension (enum).
constexpr std::array<std::string_view, 35> kAwsDimensions = {
    "AZ",
    "INSTANCE_TYPE",
    "LINKED_ACCOUNT",
    "PAYER_ACCOUNT",
    "LINKED_ACCOUNT_NAME",
    "OPERATION",
    "PURCHASE_TYPE",
    "REGION",
    "SERVICE",
    "SERVICE_CODE",
    "USAGE_TYPE",
    "USAGE_TYPE_GROUP",
    "RECORD_TYPE",
    "OPERATING_SYSTEM",
    "TENANCY",
    "SCOPE",
    "PLATFORM",
    "SUBSCRIPTION_ID",
    "LEGAL_ENTITY_NAME",
    "DEPLOYMENT_OPTION",
    "DATABASE_ENGINE",
    "CACHE_ENGINE",
    "INSTANCE_TYPE_FAMILY",
    "BILLING_ENTITY",
    "RESERVATION_ID",
    "RESOURCE_ID",
    "RIGHTSIZING_TYPE",
    "SAVINGS_PLANS_TYPE",
    "SAVINGS_PLAN_ARN",
    "PAYMENT_OPTION",
    "AGREEMENT_END_DATE_TIME_AFTER",
    "AGREEMENT_END_DATE_TIME_BEFORE",
    "INVOICING_ENTITY",
    "ANOMALY_TOTAL_IMPACT_ABSOLUTE",
    "ANOMALY_TOTAL_IMPACT_PERCENTAGE",
};

// Every line amisim bills is usage: RECORD_TYPE values are Usage, Credit, Refund, Tax, ... [?]
// (the "Not RECORD_TYPE in [Credit, Refund]" filter scripts use).
constexpr std::string_view kUsageRecord = "Usage";

}  // namespace

std::optional<Dimension> parse_dimension(std::string_view name) {
  if (name == "SERVICE") return Dimension::kService;
  if (name == "REGION") return Dimension::kRegion;
  if (name == "USAGE_TYPE") return Dimension::kUsageType;
  if (name == "LINKED_ACCOUNT") return Dimension::kLinkedAccount;
  if (name == "RECORD_TYPE") return Dimension::kRecordType;
  return std::nullopt;
}

bool is_aws_dimension(std::string_view name) {
  for (std::string_view d : kAwsDimensions)
    if (d == name) return true;
  return false;
}

std::string_view supported_dimensions() {
  return "SERVICE, REGION, USAGE_TYPE, LINKED_ACCOUNT, RECORD_TYPE";
}

// Cost Explorer splits EC2 in two services: "Amazon Elastic Compute Cloud - Compute" (instance
// hours) and "EC2 - Other" (EBS volumes and snapshots, EC2 data transfer, ...): dev.to
// "What is EC2-Other" (getStrake), handbook.vantage.sh/aws/services/ec2-other-pricing; the
// SERVICE value lists of hellonico/go-aws-billing-cli's README ("EC2 - Other", with spaces).
// S3 is "Amazon Simple Storage Service" (awscli examples/ce/get-cost-and-usage.rst). Marketplace
// software shows under the product's name [?]; "AWS Marketplace" when the product is unknown [?].
std::string service_name(const sim::World& world, const sim::RegionName& region,
                         const std::string& usage_type) {
  if (ends_with(usage_type, "-AWS-Out-Bytes")) return std::string(kEc2Other);
  std::string_view type = usage_type;
  if (const sim::RegionPrices* p = world.fixtures().prices.find(region);
      p != nullptr && starts_with(type, p->usage_prefix))
    type.remove_prefix(p->usage_prefix.size());
  if (starts_with(type, "BoxUsage:")) return std::string(kEc2Compute);
  if (starts_with(type, "EBS:")) return std::string(kEc2Other);
  if (starts_with(type, "TimedStorage-")) return std::string(kS3);
  if (starts_with(type, "SoftwareUsage:")) {
    const std::string code(type.substr(std::string_view("SoftwareUsage:").size()));
    const sim::MarketplaceProduct* product = world.fixtures().find_product(code);
    return product != nullptr && !product->title.empty() ? product->title
                                                         : std::string(kMarketplace);
  }
  return std::string(kEc2Other);  // [?] no other usage types are metered today
}

CeLine classify(const sim::World& world, const sim::BillLine& line) {
  return CeLine{service_name(world, line.region, line.usage_type), line.region.str(),
                line.usage_type, line.account.str(), &line};
}

std::string_view value_of(const CeLine& line, Dimension dimension) {
  switch (dimension) {
    case Dimension::kService:
      return line.service;
    case Dimension::kRegion:
      return line.region;
    case Dimension::kUsageType:
      return line.usage_type;
    case Dimension::kLinkedAccount:
      return line.account;
    case Dimension::kRecordType:
      return kUsageRecord;
  }
  return {};
}

}  // namespace amisim::ce
