#include "api/protocol/aws_json.hpp"

#include <algorithm>

namespace amisim::protocol {

bool has_target_prefix(const http::HttpRequest& request, std::string_view prefix) {
  auto target = request.headers.find("X-Amz-Target");
  return target && target->substr(0, prefix.size()) == prefix;
}

std::string_view target_operation(const http::HttpRequest& request, std::string_view prefix) {
  const std::string_view target = request.headers.find("X-Amz-Target").value_or("");
  if (target.substr(0, prefix.size()) != prefix) return {};
  return target.substr(std::min(target.size(), prefix.size()));
}

http::HttpResponse aws_json_reply(int status, const nlohmann::json& body,
                                  const std::string& request_id) {
  http::HttpResponse r;
  r.status = status;
  r.headers.add("Content-Type", "application/x-amz-json-1.1");
  r.headers.add("x-amzn-RequestId", request_id);
  r.body = body.dump();
  return r;
}

http::HttpResponse aws_json_error(const WireError& error, const std::string& request_id) {
  nlohmann::json body = {{"__type", error.code}};
  if (!error.message.empty()) body["message"] = error.message;
  return aws_json_reply(error.http_status, body, request_id);
}

}  // namespace amisim::protocol
