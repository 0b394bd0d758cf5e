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

http::HttpResponse aws_json_error(std::string_view code, std::string_view message, int status,
                                  const std::string& request_id) {
  nlohmann::json body = {{"__type", std::string(code)}};
  if (!message.empty()) body["message"] = std::string(message);
  return aws_json_reply(status, body, request_id);
}

}  // namespace amisim::protocol
