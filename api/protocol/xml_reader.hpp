// The inverse of xml_writer, for the --endpoint client mode: an EC2 XML reply -> the operation's
// output JSON (SDK shape), or the AWS error the reply carries. Element names map back to members
// through the model (imagesSet -> Images); elements the model does not know are skipped, as SDKs
// skip them (a newer server may send newer members).
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "api/protocol/service_model.hpp"
#include "api/protocol/wire_error.hpp"
#include "api/protocol/xml_document.hpp"

namespace amisim::protocol {

struct Reply {
  std::string request_id;
  nlohmann::json output = nlohmann::json::object();
};

// Decodes a reply to `action` received with `http_status`. Returns:
//   the output JSON and requestId, for a <{Action}Response>;
//   the carried error ({Code, Message, http_status}), for a <Response><Errors> envelope;
//   MalformedResponse (http_status 0) for anything else: not XML, another root, a scalar whose
//   text does not fit its type, an action not in the model.
// Never throws.
WireResult<Reply> read_reply(const ServiceModel& model, std::string_view action,
                             std::string_view xml, int http_status, const XmlLimits& limits = {});

}  // namespace amisim::protocol
