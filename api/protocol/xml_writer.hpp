// An operation's output JSON (SDK shape) -> the EC2 XML reply, with the element names of the
// service model (imagesSet, imageState, instancesSet, <item> entries), and the error envelope.
//
// Success (aws-facts.md §1.4): <?xml version="1.0" encoding="UTF-8"?>\n
//   <{Action}Response xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>…</requestId>
//   …members…</{Action}Response>; members sit directly under the root (no Result wrapper).
// Error (aws-facts.md §1.5): <Response><Errors><Error><Code>…</Code><Message>…</Message></Error>
//   </Errors><RequestID>…</RequestID></Response> (capital ID).
#pragma once

#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "api/protocol/service_model.hpp"
#include "api/protocol/wire_error.hpp"

namespace amisim::protocol {

// Appends the success reply for `action` (which must be in the model) to out. Members are written
// in model order; JSON keys the output shape lacks, and nulls, are skipped. Empty lists and
// structures become <name/>. Operations without an output shape reply <return>true</return>, as
// the API reference samples of e.g. DeleteTags and RebootInstances show.
void write_response(fmt::memory_buffer& out, const ServiceModel& model, std::string_view action,
                    const nlohmann::json& output, std::string_view request_id);
std::string write_response(const ServiceModel& model, std::string_view action,
                           const nlohmann::json& output, std::string_view request_id);

// The error envelope for error (its http_status is the caller's to send).
void write_error(fmt::memory_buffer& out, const WireError& error, std::string_view request_id);
std::string write_error(const WireError& error, std::string_view request_id);

// Appends text escaped for XML character data: & < > " ' as entities, CR as &#13; (so readers do
// not fold it into LF), tab and LF as they are. Never emits what XML 1.0 forbids, whatever it is
// given: each ill-formed UTF-8 byte and each character outside XML 1.0's Char (C0 controls but
// tab, LF and CR; surrogates; U+FFFE, U+FFFF) becomes U+FFFD (sim/core/utf8.hpp). The model keeps
// no such text; this is the last line of defence, not a rewrite of stored values.
void append_escaped(fmt::memory_buffer& out, std::string_view text);

}  // namespace amisim::protocol
