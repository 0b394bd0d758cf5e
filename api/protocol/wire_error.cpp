// The EC2 query protocol's errors and the client-side reader's (wire_error.hpp). Sources:
// ../shared/reference/aws-facts.md §1.5, §1.6; [?] marks texts no source confirms.
#include "api/protocol/wire_error.hpp"

#include <fmt/format.h>

#include "sim/core/utf8.hpp"

namespace amisim::protocol {

WireError to_wire(const sim::Error& error) {
  // A message may quote refused input; every door then carries the same, writable text.
  return {std::string(error.name()), sim::to_xml_text(error.message), error.http_status()};
}

namespace wire_errors {
namespace {

// An error whose code the model's table lists: its name and status come from there.
WireError from_table(sim::ErrorCode code, std::string message) {
  const sim::ErrorInfo& info = sim::error_info(code);
  return {std::string(info.name), std::move(message), info.http_status};
}

WireError malformed_query(std::string message) {
  return {"MalformedQueryString", std::move(message), 400};
}

WireError malformed_response(std::string message) {
  return {"MalformedResponse", std::move(message), 0};
}

}  // namespace

// MissingAction, when the request names no Action at all [doc] ERRCODES (code); message [?].
WireError missing_action() {
  return {"MissingAction", "The request must contain the parameter Action", 400};
}
WireError invalid_action(std::string_view action) {
  return to_wire(sim::errors::invalid_action(action));
}
// The Query services' InvalidAction wording [obs]: "Could not find operation GetSendStatistics for
// version 2012-12-01" (real SES reply quoted in aws/aws-cli#37); STS and IAM share that stack.
// The parenthesis, what amisim models, is ours [?].
WireError query_invalid_action(std::string_view action, std::string_view version,
                               std::string_view modelled) {
  return {"InvalidAction",
          fmt::format("Could not find operation {} for version {} ({})", action, version, modelled),
          400};
}
// An action the service model knows and amisim does not implement yet [?].
WireError action_not_implemented(std::string_view action) {
  return from_table(sim::ErrorCode::kUnsupportedOperation,
                    fmt::format("The action {} is not implemented by amisim yet.", action));
}
WireError missing_parameter(std::string_view name) {
  return to_wire(sim::errors::missing_parameter(name));
}
WireError missing_version() { return missing_parameter("Version"); }
WireError unknown_parameter(std::string_view name) {
  return to_wire(sim::errors::unknown_parameter(name));
}

// EC2's wording for a bad value: "Value (v) for parameter p is invalid. <reason>"
// (REAL:26009246272 in aws-facts.md §1.5; github.com/tungbq/devops-basics/issues/1 quotes
// "Value () for parameter groupId is invalid. The value cannot be empty" from a real EC2 reply).
// The reasons here and in scalars.cpp are ours [?].
WireError invalid_value(std::string_view name, std::string_view value, std::string_view reason) {
  return from_table(sim::ErrorCode::kInvalidParameterValue,
                    fmt::format("Value ({}) for parameter {} is invalid. {}", value, name, reason));
}
WireError wrong_type(std::string_view name, std::string_view shown, Expected expected) {
  switch (expected) {
    case Expected::kString:
      return invalid_value(name, shown, "Expected a string.");
    case Expected::kBoolean:
      return invalid_value(name, shown, "Expected true or false.");
    case Expected::kInteger:
      return invalid_value(name, shown, "Expected an integer.");
    case Expected::kInteger32:
      return invalid_value(name, shown, "Expected a 32-bit integer.");
    case Expected::kList:
      return invalid_value(name, shown, "Expected a list.");
    case Expected::kListOfStructures:
      return invalid_value(name, shown, "Expected a list of structures.");
    case Expected::kStructure:
      break;
  }
  return invalid_value(name, shown, "Expected a structure.");
}
// Real EC2 answers user data that is not base64 with "Invalid BASE64 encoding of user data" [?]
// (remembered, no stored source); this wording names the member instead.
WireError input_not_structure(std::string_view shown) {
  return wrong_type("input", shown, Expected::kStructure);
}
WireError invalid_base64(std::string_view name, std::string_view value) {
  return invalid_value(name, value, "Invalid BASE64 encoding.");
}
WireError invalid_date_time(std::string_view name, std::string_view value) {
  return invalid_value(name, value, kDateTimeExpected);
}
WireError list_index_too_large(std::string_view name, std::string_view index, long max_index) {
  return invalid_value(name, index, fmt::format("Lists take at most {} entries.", max_index));
}

// MalformedQueryString: bad percent-encoding, invalid UTF-8, a repeated parameter, or more
// parameters than the parser accepts [doc] ERRCODES (code); messages [?].
WireError bad_percent_encoding() {
  return malformed_query("The query string contains an invalid percent-encoding");
}
WireError query_not_utf8() { return malformed_query("The query string contains invalid UTF-8"); }
WireError repeated_parameter(std::string_view name) {
  return malformed_query(fmt::format("The parameter {} appears more than once", name));
}
WireError too_many_fields(std::size_t max_fields) {
  return malformed_query(fmt::format("The request has more than {} parameters", max_fields));
}
WireError too_many_parameters() { return malformed_query("The request has too many parameters"); }

// Real text and HTTP 401 [obs] REAL:62072665658 (fact sheet §1.5).
WireError auth_failure() {
  return from_table(sim::ErrorCode::kAuthFailure,
                    "AWS was not able to validate the provided access credentials");
}
// Real EC2 has no endpoint for an unknown Region; for a Region not enabled for the account it
// answers AuthFailure as above (aws-facts.md §1.6, REAL:30627542155). The message adds the
// Region name so the mistake is visible [?].
WireError unknown_region(std::string_view region) {
  return from_table(sim::ErrorCode::kAuthFailure,
                    fmt::format("AWS was not able to validate the provided access credentials "
                                "(amisim has no Region '{}')",
                                region));
}
// A defect caught by the dispatcher: InternalError is among ERRCODES' server errors; text [?].
WireError internal_error(std::string_view action, std::string_view what) {
  return {"InternalError", fmt::format("An internal error has occurred ({}: {})", action, what),
          500};
}

// The client-side writer: JSON that does not fit the operation's input shape [?].
WireError expecting_structure(std::string_view name, std::string_view shown) {
  return invalid_value(name, shown, "Expecting a structure.");
}
WireError expecting_list(std::string_view name, std::string_view shown) {
  return invalid_value(name, shown, "Expecting a list.");
}
WireError json_wrong_type(std::string_view name, std::string_view shown) {
  return invalid_value(name, shown, "The JSON value has the wrong type.");
}

WireError malformed_xml(std::string_view what, std::size_t at_byte) {
  return malformed_response(fmt::format("XML: {} at byte {}", what, at_byte));
}
WireError bad_element(std::string_view element, std::string_view reason) {
  return malformed_response(fmt::format("element <{}>: {}", element, reason));
}
WireError response_without_error() {
  return malformed_response("<Response> without <Errors><Error>");
}
WireError action_not_in_model() { return malformed_response("action not in the model"); }
WireError unexpected_root(std::string_view element) {
  return malformed_response(fmt::format("unexpected root element <{}>", element));
}
WireError ssm_reply_not_json(int http_status) {
  return malformed_response(
      fmt::format("an SSM reply with status {} that is not awsJson", http_status));
}

}  // namespace wire_errors
}  // namespace amisim::protocol
