// EC2 Query request -> (action, version, input JSON in the SDK's shape), driven by the service
// model. Example: "Action=DescribeImages&Version=2016-11-15&ImageId.1=ami-1&Filter.1.Name=name&
// Filter.1.Value.1=x*" -> {"ImageIds": ["ami-1"], "Filters": [{"Name": "name", "Values": ["x*"]}]}.
//
// Wire rules (aws-facts.md §1.2): a member's parameter name is Member::query_wire_name(); lists
// are Name.N with N from 1 and no ".member"; structures nest as Name.Sub; list entries that are
// structures as Name.N.Sub. Entries are ordered by N; gaps are closed (N=1,3 gives two entries).
// Scalars follow api/protocol/scalars.hpp (blobs stay base64 text). Model min/max bounds are NOT
// checked here: EC2 reports them per operation with its own messages, which the handlers write.
//
// Never throws, whatever the input. Every limit that protects the server is in ParserLimits.
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "api/protocol/form_encoding.hpp"
#include "api/protocol/service_model.hpp"
#include "api/protocol/wire_error.hpp"

namespace amisim::protocol {

struct ParsedRequest {
  std::string action;
  std::string version;
  nlohmann::json input = nlohmann::json::object();
};

struct ParserLimits {
  std::size_t max_fields = 5000;     // parameters in one request (MalformedQueryString)
  std::size_t max_name_bytes = 256;  // one parameter name (UnknownParameter beyond)
  std::size_t max_segments = 12;     // dot-separated parts of a name (UnknownParameter beyond)
  long max_list_index = 1000;        // N in Name.N (InvalidParameterValue beyond); AWS advises
                                     // at most 1,000 IDs per call (aws-facts.md §1.7)
};

// Parses a decoded form (body or GET query string; for a POST with both, concatenate the fields).
// Errors, in the order they are checked:
//   MalformedQueryString     a parameter given twice, too many parameters (and, in parse_query,
//                            a bad percent-escape or invalid UTF-8); in the same first pass,
//                            UnknownParameter for a name too long or too deep
//   MissingAction            no Action (or an empty one)
//   InvalidAction            Action not in the model
//   MissingParameter         no Version; a required member absent ("... parameter MinCount")
//   UnknownParameter         a name the operation's input does not have, an index that is not
//                            a positive decimal
//   InvalidParameterValue    a value not of the member's type, an index above max_list_index
// Any non-empty Version is accepted and returned: the model is 2016-11-15, which every current
// SDK sends; older versions are not told apart.
// Authentication parameters (AWSAccessKeyId, Signature*, Timestamp, Expires, SecurityToken,
// X-Amz-*) are accepted and ignored: signatures are the HTTP layer's business.
WireResult<ParsedRequest> parse_query_fields(const ServiceModel& model,
                                             const std::vector<FormField>& fields,
                                             const ParserLimits& limits = {});

// decode_form + parse_query_fields.
WireResult<ParsedRequest> parse_query(const ServiceModel& model, std::string_view form,
                                      const ParserLimits& limits = {});

}  // namespace amisim::protocol
