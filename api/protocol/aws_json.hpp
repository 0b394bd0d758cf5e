// The awsJson 1.1 protocol's reply shapes, shared by the JSON services amisim answers (SSM,
// Cost Explorer): a JSON body with Content-Type application/x-amz-json-1.1 and an
// x-amzn-RequestId header; errors as {"__type": code, "message": text}. Requests are routed by
// the X-Amz-Target header "<TargetPrefix>.<Operation>".
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "api/http/request.hpp"
#include "api/protocol/wire_error.hpp"

namespace amisim::protocol {

// Whether the request's X-Amz-Target starts with `prefix` (e.g. "AmazonSSM.").
bool has_target_prefix(const http::HttpRequest& request, std::string_view prefix);

// The operation named after `prefix` in X-Amz-Target ("" when none).
std::string_view target_operation(const http::HttpRequest& request, std::string_view prefix);

http::HttpResponse aws_json_reply(int status, const nlohmann::json& body,
                                  const std::string& request_id);

// {"__type": code, "message": text} with the error's status; no "message" when the message is
// empty (as AWS sends some errors, e.g. SSM's ParameterNotFound).
http::HttpResponse aws_json_error(const WireError& error, const std::string& request_id);

}  // namespace amisim::protocol
