// The awsJson1.1 services' errors (wire_error.hpp): Cost Explorer (api/ce) and Systems Manager
// (api/ssm). [?] marks texts no source confirms; [amisim] marks answers about amisim's own limits.
#include <fmt/format.h>

#include "api/protocol/wire_error.hpp"

namespace amisim::protocol::wire_errors {
namespace {

WireError validation(std::string message) {
  return {"ValidationException", std::move(message), 400};
}

// Coral's wording for a member that breaks the service model's constraints [?] (the SDKs
// validate first, so only hand-made requests see it).
WireError constraint(std::string_view value, std::string_view member, std::string_view rule) {
  return validation(
      fmt::format("1 validation error detected: Value {} at '{}' failed to satisfy constraint: {}",
                  value, member, rule));
}

// botocore ce shape YearMonthDay.
constexpr std::string_view kDatePattern = "(\\d{4}-\\d{2}-\\d{2})(T\\d{2}:\\d{2}:\\d{2}Z)?";

}  // namespace

// An operation the service lacks: 400 {"__type": "UnknownOperationException"}, as an awsJson1.1
// service answers (aws/aws-sdk-net#1536, CloudWatch Logs) [3p].
WireError unknown_operation() { return {"UnknownOperationException", "", 400}; }
// A body that is not a JSON object [?].
WireError serialization_exception() { return {"SerializationException", "", 400}; }
// [?] code and text for a Region amisim does not model (the endpoint would not exist).
WireError unrecognized_client(std::string_view region) {
  return {"UnrecognizedClientException", fmt::format("amisim has no Region '{}'", region), 400};
}

// UnrecognizedClientException with the text AWS's JSON services give an invalid token [?]: STS
// answers a Region not enabled with "The security token included in the request is invalid"
// (hashicorp/terraform-provider-aws#12940, InvalidClientTokenId).
WireError region_not_enabled_json() {
  return {"UnrecognizedClientException", "The security token included in the request is invalid.",
          400};
}

WireError member_null(std::string_view member) {
  return constraint("null", member, "Member must not be null");
}
WireError ssm_name_null() { return member_null("name"); }
WireError ssm_names_null() { return member_null("names"); }
WireError ssm_names_count(long max_names) {
  return constraint("null", "names",
                    fmt::format("Member must have length between 1 and {}", max_names));
}
WireError ssm_name_not_string() { return constraint("null", "names", "Member must be a string"); }

// Cost Explorer's GetCostAndUsage request (api/ce/cost_and_usage.cpp).
WireError ce_granularity_null() { return member_null("granularity"); }
WireError ce_time_period_null() { return member_null("timePeriod"); }
WireError ce_metrics_null() { return member_null("metrics"); }
WireError ce_date_invalid(std::string_view value, std::string_view member) {
  return constraint(
      fmt::format("'{}'", value), member,
      fmt::format("Member must satisfy regular expression pattern: {}", kDatePattern));
}
WireError ce_granularity_invalid(std::string_view value) {
  return constraint(fmt::format("'{}'", value), "granularity",
                    "Member must satisfy enum value set: [DAILY, MONTHLY, HOURLY]");
}
// A time of day outside HOURLY: the wording AWS gives for hourly periods where they are not
// supported (aws/aws-sdk-net#3033, GetCostAndUsageWithResources) [?].
WireError ce_hourly_unsupported() {
  return validation("Hourly timePeriod is not supported for this request");
}
// The real wording: zoph-io/instance-watcher#18, elC0mpa/aws-doctor#1.
WireError ce_period_reversed() {
  return validation("Start date (and hour) should be before end date (and hour)");
}
// [amisim]
WireError ce_too_many_periods(long max_periods) {
  return validation(
      fmt::format("amisim answers at most {} periods; ask for a shorter TimePeriod "
                  "or a coarser Granularity.",
                  max_periods));
}
// [?]
WireError ce_metrics_empty() {
  return validation("Metrics are required: at least one metric name.");
}
// [?] wording; the list is botocore's (GetCostAndUsageRequest.Metrics).
WireError ce_metric_invalid(std::string_view metric) {
  return validation(
      fmt::format("Invalid metric: {}. Valid values are AmortizedCost, BlendedCost, "
                  "NetAmortizedCost, NetUnblendedCost, NormalizedUsageAmount, UnblendedCost, and "
                  "UsageQuantity.",
                  metric));
}
// GroupBy. The real wordings: "Group Definition is invalid. Both type an key need to be set to a
// non-empty value." (sic; FittedCloud/costreporter#5), "Group Definition type is invalid."
// (aws/aws-sdk-php#1590), "Group Definition dimension is invalid. Valid values are AZ, ..."
// (aws/aws-sdk-java-v2#6144; the list there is cut short after REGION).
WireError ce_group_incomplete() {
  return validation(
      "Group Definition is invalid. Both type an key need to be set to a non-empty value.");
}
WireError ce_group_by_tags(std::string_view type) {  // [amisim]
  return validation(fmt::format(
      "amisim does not group by {}: its bill has no cost allocation tags or cost categories.",
      type));
}
WireError ce_group_type_invalid() { return validation("Group Definition type is invalid."); }
WireError ce_group_by_unsupported(std::string_view dimension, std::string_view supported) {
  return validation(  // [amisim]
      fmt::format("amisim does not group by {}; it supports {}.", dimension, supported));
}
WireError ce_group_dimension_invalid() {
  return validation(
      "Group Definition dimension is invalid. Valid values are AZ, INSTANCE_TYPE, LINKED_ACCOUNT, "
      "OPERATION, PURCHASE_TYPE, SERVICE, USAGE_TYPE, PLATFORM, TENANCY, RECORD_TYPE, "
      "LEGAL_ENTITY_NAME, INVOICING_ENTITY, DEPLOYMENT_OPTION, DATABASE_ENGINE, CACHE_ENGINE, "
      "INSTANCE_TYPE_FAMILY, REGION");
}
WireError ce_group_by_not_list() { return validation("GroupBy must be a list."); }  // [?]
// "up to two different groups" (botocore ce, GetCostAndUsageRequest.GroupBy; aws/aws-sdk#369);
// text [?].
WireError ce_too_many_groups() {
  return validation("Group Definition is invalid. You can group by at most two groups.");
}
// amisim never hands out a page token, so none can be valid (message: botocore ce,
// InvalidNextTokenException).
WireError ce_invalid_next_token() {
  return {"InvalidNextTokenException",
          "The pagination token is invalid. Try again without a pagination token.", 400};
}

// Cost Explorer's Filter expression (api/ce/expression.cpp); texts [?] unless cited.
WireError ce_filter_too_deep(int max_depth) {  // [amisim]
  return validation(fmt::format("amisim evaluates filters nested at most {} deep.", max_depth));
}
WireError ce_expression_not_object() { return validation("Expression must be an object."); }
// The documented error for two roots in one expression (botocore ce, shape Expression).
WireError ce_two_roots() {
  return validation(
      "Expression has more than one roots. Only one root operator is allowed for each "
      "expression: And, Or, Not, Dimensions, Tags, CostCategories");
}
WireError ce_no_root() { return validation("Expression has no root operator."); }
WireError ce_filter_by_tags(std::string_view root) {  // [amisim]
  return validation(fmt::format(
      "amisim does not filter by {}: its bill has no cost allocation tags or cost categories.",
      root));
}
WireError ce_dimensions_not_object() { return validation("Dimensions must be an object."); }
WireError ce_dimensions_without_key() { return validation("Dimensions must have a Key."); }
WireError ce_filter_by_unsupported(std::string_view dimension, std::string_view supported) {
  return validation(  // [amisim]
      fmt::format("amisim does not filter by {}; it supports {}.", dimension, supported));
}
WireError ce_dimension_invalid(std::string_view dimension) {
  return validation(fmt::format("Dimension {} is invalid.", dimension));
}
WireError ce_match_options_not_list() { return validation("MatchOptions must be a list."); }
WireError ce_match_option_unsupported(std::string_view option) {
  return validation(fmt::format("MatchOption {} is not supported for Dimensions.", option));
}
WireError ce_values_not_list() { return validation("Values must be a list."); }
WireError ce_values_not_strings() { return validation("Values must be strings."); }
WireError ce_and_or_empty() {
  return validation("And and Or take a non-empty list of expressions.");
}

}  // namespace amisim::protocol::wire_errors
