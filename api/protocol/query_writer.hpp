// The inverse of query_parser: an operation's input JSON -> an EC2 Query form body, for the
// --endpoint client mode. Same wire rules (Member::query_wire_name, Name.N from 1, empty lists
// sent as nothing, as botocore does: aws-facts.md §1.2), percent-encoded like botocore.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "api/protocol/service_model.hpp"
#include "api/protocol/wire_error.hpp"

namespace amisim::protocol {

// "Action=<action>&Version=<model api version>&..." with the input's members in model order.
// Errors: InvalidAction (action not in the model), UnknownParameter (a JSON key the input shape
// lacks), InvalidParameterValue (a JSON value of the wrong type, e.g. a string for an integer).
WireResult<std::string> write_query(const ServiceModel& model, std::string_view action,
                                    const nlohmann::json& input);

}  // namespace amisim::protocol
