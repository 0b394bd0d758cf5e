// An AWS error as the wire carries it: the code string, the message and the HTTP status. The
// protocol layers report request-shape mistakes (unknown action, unknown parameter, bad value,
// a malformed query, S3 REST or awsJson request) with it before any handler runs; sim::Error
// values convert to it for the error envelope.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>

#include "sim/core/errors.hpp"
#include "sim/core/result.hpp"

namespace amisim::protocol {

struct WireError {
  std::string code;     // e.g. "UnknownParameter"
  std::string message;  // as AWS writes it
  int http_status = 400;

  bool operator==(const WireError&) const = default;
};

// A value or a WireError: sim::Result with the wire layer's error (sim::Error is tied to the
// model's error table; this layer also reports codes the model never returns, e.g. MissingAction
// or a malformed reply).
template <class T>
using WireResult = sim::Result<T, WireError>;

// The wire form of a model error. Its message is made writable (sim::to_xml_text): a message that
// quotes refused input reads the same in process as over HTTP.
WireError to_wire(const sim::Error& error);

// Named constructors for the errors of the wire layers, one per situation, as sim::errors is for
// the model's: call sites write no code string and no message text. Codes the model's table has
// (InvalidParameterValue, ...) take their name and status from it. Texts and their sources are
// in wire_error.cpp (EC2 query protocol, client-side replies), wire_error_s3.cpp (S3 REST) and
// wire_error_json.cpp (awsJson1.1: Cost Explorer, Systems Manager).
namespace wire_errors {

// --- EC2 query protocol and the EC2 dispatcher (wire_error.cpp) ----------------------------
WireError missing_action();
WireError invalid_action(std::string_view action);
// InvalidAction in the wording of the plain Query services (STS, IAM): "Could not find operation
// <action> for version <version>", with what amisim models there (api/sts).
WireError query_invalid_action(std::string_view action, std::string_view version,
                               std::string_view modelled);
WireError action_not_implemented(std::string_view action);
// MissingParameter for a required member; the name comes from the handler's input accessor.
WireError missing_parameter(std::string_view name);
WireError missing_version();
WireError unknown_parameter(std::string_view name);
// InvalidParameterValue in EC2's wording "Value (v) for parameter p is invalid. <reason>", for a
// reason that arrives at run time: the scalar parser's (api/protocol/scalars.cpp), shared by the
// query parser and the response reader. Every other situation has its constructor below.
WireError invalid_value(std::string_view name, std::string_view value, std::string_view reason);
// What a JSON input member should have been (api/ec2/input.cpp).
enum class Expected {
  kString,
  kBoolean,
  kInteger,
  kInteger32,
  kList,
  kListOfStructures,
  kStructure
};
WireError wrong_type(std::string_view name, std::string_view shown, Expected expected);
// A call whose whole input is not a JSON object (ec2::call).
WireError input_not_structure(std::string_view shown);
WireError invalid_base64(std::string_view name, std::string_view value);
WireError invalid_date_time(std::string_view name, std::string_view value);
WireError list_index_too_large(std::string_view name, std::string_view index, long max_index);
// The reason invalid_date_time gives, also the scalar parser's for a timestamp.
inline constexpr std::string_view kDateTimeExpected =
    "Expecting an ISO-8601 date-time such as 2030-01-01T00:00:00Z.";
// A request body the query parser refuses.
WireError bad_percent_encoding();
WireError query_not_utf8();
WireError repeated_parameter(std::string_view name);
WireError too_many_fields(std::size_t max_fields);
WireError too_many_parameters();
// The caller's credentials: an account ID that is not one, a Region the world lacks.
WireError auth_failure();
WireError unknown_region(std::string_view region);
WireError internal_error(std::string_view action, std::string_view what);
// The client-side JSON-to-query writer (api/protocol/query_writer.cpp).
WireError expecting_structure(std::string_view name, std::string_view shown);
WireError expecting_list(std::string_view name, std::string_view shown);
WireError json_wrong_type(std::string_view name, std::string_view shown);

// MalformedResponse: a reply the client-side reader cannot decode (never sent by a server).
WireError malformed_xml(std::string_view what, std::size_t at_byte);
WireError bad_element(std::string_view element, std::string_view reason);
WireError response_without_error();
WireError action_not_in_model();
WireError unexpected_root(std::string_view element);
WireError ssm_reply_not_json(int http_status);

// --- S3 REST (wire_error_s3.cpp) ------------------------------------------------------------
WireError s3_not_implemented();
WireError s3_invalid_uri();
WireError s3_region_mismatch(std::string_view region);
WireError s3_invalid_access_key();
WireError s3_input_not_structure();
WireError s3_internal_error(std::string_view what);
WireError s3_member_missing(std::string_view member);
WireError s3_member_not_string(std::string_view member);
WireError s3_member_not_utf8(std::string_view member);
WireError s3_bucket_configuration_not_structure();
WireError s3_body_not_string();
WireError s3_metadata_not_map();
WireError s3_metadata_not_utf8();
WireError s3_max_keys_not_integer();
WireError s3_max_keys_out_of_range();
WireError s3_encoding_invalid();
WireError s3_body_incomplete();
WireError s3_body_length_mismatch();
WireError s3_malformed_xml();
// The client-side S3 writer (api/client/s3_remote.cpp) for an action it cannot send.
WireError s3_client_cannot_send(std::string_view action);

// --- awsJson1.1: Cost Explorer and Systems Manager (wire_error_json.cpp) --------------------
WireError unknown_operation();
WireError serialization_exception();
WireError unrecognized_client(std::string_view region);
// An opt-in Region the account has not enabled, for the JSON services (SSM).
WireError region_not_enabled_json();
// ValidationException for a member that is absent or null; the member's name comes from the
// caller (Cost Explorer's time period bounds), the others are named below.
WireError member_null(std::string_view member);
WireError ssm_name_null();
WireError ssm_names_null();
WireError ssm_names_count(long max_names);
WireError ssm_name_not_string();
WireError ce_granularity_null();
WireError ce_time_period_null();
WireError ce_metrics_null();
WireError ce_date_invalid(std::string_view value, std::string_view member);
WireError ce_granularity_invalid(std::string_view value);
WireError ce_hourly_unsupported();
WireError ce_period_reversed();
WireError ce_too_many_periods(long max_periods);
WireError ce_metrics_empty();
WireError ce_metric_invalid(std::string_view metric);
WireError ce_group_incomplete();
WireError ce_group_by_tags(std::string_view type);
WireError ce_group_type_invalid();
WireError ce_group_by_unsupported(std::string_view dimension, std::string_view supported);
WireError ce_group_dimension_invalid();
WireError ce_group_by_not_list();
WireError ce_too_many_groups();
WireError ce_invalid_next_token();
WireError ce_filter_too_deep(int max_depth);
WireError ce_expression_not_object();
WireError ce_two_roots();
WireError ce_no_root();
WireError ce_filter_by_tags(std::string_view root);
WireError ce_dimensions_not_object();
WireError ce_dimensions_without_key();
WireError ce_filter_by_unsupported(std::string_view dimension, std::string_view supported);
WireError ce_dimension_invalid(std::string_view dimension);
WireError ce_match_options_not_list();
WireError ce_match_option_unsupported(std::string_view option);
WireError ce_values_not_list();
WireError ce_values_not_strings();
WireError ce_and_or_empty();

}  // namespace wire_errors
}  // namespace amisim::protocol
