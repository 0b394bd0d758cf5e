// An AWS error as the wire carries it: the code string, the message and the HTTP status. The
// protocol layer reports request-shape mistakes (unknown action, unknown parameter, bad value)
// with it before any handler runs; sim::Error values convert to it for the error envelope.
#pragma once

#include <string>
#include <string_view>
#include <utility>

#include "sim/core/errors.hpp"
#include "sim/core/result.hpp"

namespace amisim::protocol {

struct WireError {
  std::string code;     // e.g. "UnknownParameter"
  std::string message;  // as EC2 writes it
  int http_status = 400;

  bool operator==(const WireError&) const = default;
};

// A value or a WireError: sim::Result with the wire layer's error (sim::Error is tied to the
// model's error table; this layer also reports codes the model never returns, e.g. MissingAction
// or a malformed reply).
template <class T>
using WireResult = sim::Result<T, WireError>;

// The wire form of a model error.
WireError to_wire(const sim::Error& error);

namespace wire_errors {

// MissingAction, when the request names no Action at all [doc] ERRCODES (code); message [?].
WireError missing_action();
// InvalidAction: "The action X is not valid for this web service." (sim table).
WireError invalid_action(std::string_view action);
// MissingParameter: "The request must contain the parameter X".
WireError missing_parameter(std::string_view name);
// UnknownParameter: "The parameter X is not recognized".
WireError unknown_parameter(std::string_view name);
// InvalidParameterValue for a value of the wrong type or out of range, in EC2's wording
// "Value (v) for parameter p is invalid. <reason>" (REAL:26009246272 in aws-facts.md §1.5;
// github.com/tungbq/devops-basics/issues/1 quotes "Value () for parameter groupId is invalid.
// The value cannot be empty" from a real EC2 reply). The reasons are ours [?].
WireError invalid_value(std::string_view name, std::string_view value, std::string_view reason);
// MalformedQueryString: bad percent-encoding, invalid UTF-8, a repeated parameter, or more
// parameters than the parser accepts [doc] ERRCODES (code); messages [?].
WireError malformed_query(std::string_view message);
// MalformedResponse: a reply the client-side reader cannot decode (never sent by a server).
WireError malformed_response(std::string_view message);

}  // namespace wire_errors
}  // namespace amisim::protocol
