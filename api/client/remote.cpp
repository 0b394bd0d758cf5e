#include "api/client/remote.hpp"

// clang-format off
// <utility> before Asio: Boost 1.74's awaitable.hpp needs std::exchange (toolchain.md).
#include <utility>
// clang-format on

#include <fmt/format.h>

#include <array>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <cctype>
#include <charconv>

#include "api/protocol/form_encoding.hpp"
#include "api/protocol/query_writer.hpp"
#include "api/protocol/xml_reader.hpp"

namespace amisim::client {
namespace detail {

protocol::WireError transport_error(std::string text) {
  return protocol::WireError{"amisim.Transport", std::move(text), 0};
}

// The date is fixed and the signature a placeholder: amisim's default mode verifies neither
// (caller_identity.hpp); `serve --auth sigv4` refuses them.
std::string authorization(const sim::Caller& caller, std::string_view service) {
  return fmt::format(
      "AWS4-HMAC-SHA256 Credential={}/20260101/{}/{}/aws4_request, "
      "SignedHeaders=content-type;host;x-amz-date, Signature={}",
      caller.account.str(), caller.region.str(), service, std::string(64, '0'));
}

}  // namespace detail

namespace {

namespace beast = boost::beast;
namespace net = boost::asio;
namespace bhttp = boost::beast::http;
using tcp = net::ip::tcp;
using Json = nlohmann::json;

}  // namespace

sim::Result<Endpoint, std::string> parse_endpoint(std::string_view url) {
  constexpr std::string_view kScheme = "http://";
  if (url.substr(0, kScheme.size()) != kScheme)
    return std::string("the endpoint must start with http:// (amisim serve speaks plain HTTP)");
  std::string_view rest = url.substr(kScheme.size());
  if (!rest.empty() && rest.back() == '/') rest.remove_suffix(1);
  if (rest.empty()) return std::string("the endpoint has no host");
  if (rest.find_first_of("/?#@") != std::string_view::npos)
    return std::string("the endpoint must be http://HOST[:PORT], without a path or user");
  Endpoint out;
  const auto colon = rest.rfind(':');
  if (colon == std::string_view::npos) {
    out.host = std::string(rest);
    out.port = "80";
    return out;
  }
  out.host = std::string(rest.substr(0, colon));
  const std::string_view port = rest.substr(colon + 1);
  unsigned value = 0;
  const auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
  if (out.host.empty() || port.empty() || ec != std::errc() || end != port.data() + port.size() ||
      value == 0 || value > 65535)
    return std::string("the endpoint's port must be a number from 1 to 65535");
  out.port = std::string(port);
  return out;
}

sim::Result<http::HttpResponse, std::string> exchange(const Endpoint& endpoint,
                                                      const http::HttpRequest& request,
                                                      std::chrono::milliseconds timeout) {
  try {
    net::io_context ioc;
    tcp::resolver resolver(ioc);
    beast::tcp_stream stream(ioc);
    stream.expires_after(timeout);
    stream.connect(resolver.resolve(endpoint.host, endpoint.port));
    bhttp::request<bhttp::string_body> out{bhttp::string_to_verb(request.method), request.target,
                                           11};
    out.set(bhttp::field::host, endpoint.host + ":" + endpoint.port);
    for (const http::Header& h : request.headers.fields()) out.insert(h.name, h.value);
    out.body() = request.body;
    out.prepare_payload();
    bhttp::write(stream, out);
    beast::flat_buffer buffer;
    bhttp::response_parser<bhttp::string_body> parser;
    parser.body_limit(64U * 1024 * 1024);
    if (request.method == "HEAD") parser.skip(true);
    bhttp::read(stream, buffer, parser);
    const auto& in = parser.get();
    http::HttpResponse response;
    response.status = static_cast<int>(in.result_int());
    for (const auto& field : in)
      response.headers.add(std::string(field.name_string()), std::string(field.value()));
    response.body = in.body();
    beast::error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
    return response;
  } catch (const std::exception& e) {
    return fmt::format("{} {} on http://{}:{}: {}", request.method, request.target, endpoint.host,
                       endpoint.port, e.what());
  }
}

Remote::Remote(Endpoint endpoint)
    : endpoint_(std::move(endpoint)), model_(protocol::ServiceModel::load_ec2()) {}

protocol::WireResult<Json> Remote::ec2(const sim::Caller& caller, std::string_view action,
                                       const Json& input) const {
  auto form = protocol::write_query(*model_, action, input);
  if (!form) return form.error();
  http::HttpRequest request;
  request.method = "POST";
  request.target = "/";
  request.headers.add("Content-Type", "application/x-www-form-urlencoded; charset=utf-8");
  request.headers.add("X-Amz-Date", "20260101T000000Z");
  request.headers.add("Authorization", detail::authorization(caller, "ec2"));
  request.body = std::move(*form);
  auto response = exchange(endpoint_, request);
  if (!response) return detail::transport_error(response.error());
  auto reply = protocol::read_reply(*model_, action, response->body, response->status);
  if (!reply) return reply.error();
  return std::move(reply->output);
}

http::HttpRequest ssm_request(const sim::Caller& caller, std::string_view action,
                              const Json& input) {
  http::HttpRequest request;
  request.method = "POST";
  request.target = "/";
  request.headers.add("Content-Type", "application/x-amz-json-1.1");
  request.headers.add("X-Amz-Target", "AmazonSSM." + std::string(action));
  request.headers.add("X-Amz-Date", "20260101T000000Z");
  request.headers.add("Authorization", detail::authorization(caller, "ssm"));
  request.body = input.dump();
  return request;
}

protocol::WireResult<Json> ssm_reply(const http::HttpResponse& response) {
  Json body = Json::parse(response.body, nullptr, false);
  if (response.status >= 200 && response.status <= 299 && body.is_object()) return body;
  if (body.is_object() && body.contains("__type") && body["__type"].is_string()) {
    // The code is the part after '#' when the type is qualified ("ns#Code"), as the SDKs read it.
    std::string code = body["__type"].get<std::string>();
    code = code.substr(code.find('#') == std::string::npos ? 0 : code.find('#') + 1);
    std::string message;
    for (const char* key : {"message", "Message"})
      if (body.contains(key) && body[key].is_string()) message = body[key].get<std::string>();
    return protocol::WireError{code, message, response.status};
  }
  return protocol::wire_errors::ssm_reply_not_json(response.status);
}

protocol::WireResult<Json> Remote::ssm(const sim::Caller& caller, std::string_view action,
                                       const Json& input) const {
  auto response = exchange(endpoint_, ssm_request(caller, action, input));
  if (!response) return detail::transport_error(response.error());
  return ssm_reply(*response);
}

http::HttpRequest account_request(const sim::Caller& caller, std::string_view operation,
                                  const Json& input) {
  http::HttpRequest request;
  request.method = "POST";
  // The path is the operation with its first letter lower-cased (/enableRegion).
  std::string path = "/" + std::string(operation);
  if (path.size() > 1)
    path[1] = static_cast<char>(std::tolower(static_cast<unsigned char>(path[1])));
  request.target = std::move(path);
  request.headers.add("Content-Type", "application/json");
  request.headers.add("X-Amz-Date", "20260101T000000Z");
  request.headers.add("Authorization", detail::authorization(caller, "account"));
  request.body = input.dump();
  return request;
}

protocol::WireResult<Json> account_reply(const http::HttpResponse& response) {
  Json body = response.body.empty() ? Json::object() : Json::parse(response.body, nullptr, false);
  if (response.status >= 200 && response.status <= 299 && body.is_object()) return body;
  auto type = response.headers.find("x-amzn-ErrorType");
  if (!type) return protocol::wire_errors::ssm_reply_not_json(response.status);
  std::string code(type->substr(0, type->find(':')));
  std::string message;
  for (const char* key : {"message", "Message"})  // botocore reads either (DLM's shapes: Message)
    if (body.is_object() && body.contains(key) && body[key].is_string())
      message = body[key].get<std::string>();
  return protocol::WireError{code, message, response.status};
}

protocol::WireResult<Json> Remote::account(const sim::Caller& caller, std::string_view operation,
                                           const Json& input) const {
  auto response = exchange(endpoint_, account_request(caller, operation, input));
  if (!response) return detail::transport_error(response.error());
  return account_reply(*response);
}

namespace {

// A restJson1 path label: the member taken out of the body, percent-encoded.
std::string take_label(Json& body, const char* key) {
  std::string value;
  if (auto it = body.find(key); it != body.end() && it->is_string()) value = it->get<std::string>();
  body.erase(key);
  return protocol::percent_encode(value);
}

// A restJson1 query member taken out of the body and added to `target` as name=value (a list as
// the name repeated, as botocore sends it).
void take_query(Json& body, const char* key, std::string_view name, std::string& target) {
  auto it = body.find(key);
  if (it == body.end()) return;
  const Json values = it->is_array() ? *it : Json::array({*it});
  body.erase(key);
  for (const auto& v : values) {
    if (!v.is_string()) continue;
    target += (target.find('?') == std::string::npos ? "?" : "&") + std::string(name) + "=" +
              protocol::percent_encode(v.get<std::string>());
  }
}

http::HttpRequest signed_rest_json(const sim::Caller& caller, std::string_view service,
                                   http::HttpRequest request, const Json& body) {
  request.headers.add("Content-Type", "application/json");
  request.headers.add("X-Amz-Date", "20260101T000000Z");
  request.headers.add("Authorization", detail::authorization(caller, service));
  if (request.method != "GET" && request.method != "DELETE") request.body = body.dump();
  return request;
}

}  // namespace

http::HttpRequest rbin_request(const sim::Caller& caller, std::string_view operation,
                               const Json& input) {
  Json body = input.is_object() ? input : Json::object();
  auto take = [&](const char* key) { return take_label(body, key); };
  http::HttpRequest request;
  const std::string op(operation);
  if (op == "CreateRule") {
    request.method = "POST";
    request.target = "/rules";
  } else if (op == "ListRules") {
    request.method = "POST";
    request.target = "/list-rules";
  } else if (op == "GetRule" || op == "UpdateRule" || op == "DeleteRule") {
    request.method = op == "GetRule" ? "GET" : op == "UpdateRule" ? "PATCH" : "DELETE";
    request.target = "/rules/" + take("Identifier");
  } else if (op == "LockRule" || op == "UnlockRule") {
    request.method = "PATCH";
    request.target = "/rules/" + take("Identifier") + (op == "LockRule" ? "/lock" : "/unlock");
  } else if (op == "TagResource" || op == "UntagResource" || op == "ListTagsForResource") {
    request.method = op == "TagResource" ? "POST" : op == "UntagResource" ? "DELETE" : "GET";
    request.target = "/tags/" + take("ResourceArn");
    if (op == "UntagResource") take_query(body, "TagKeys", "tagKeys", request.target);
  } else {
    // Not an rbin operation: a path no route answers, so the server says so.
    request.method = "POST";
    request.target = "/" + protocol::percent_encode(op);
  }
  return signed_rest_json(caller, "rbin", std::move(request), body);
}

http::HttpRequest dlm_request(const sim::Caller& caller, std::string_view operation,
                              const Json& input) {
  Json body = input.is_object() ? input : Json::object();
  http::HttpRequest request;
  const std::string op(operation);
  if (op == "CreateLifecyclePolicy" || op == "GetLifecyclePolicies") {
    request.method = op == "CreateLifecyclePolicy" ? "POST" : "GET";
    request.target = "/policies";
    static constexpr std::array<std::pair<const char*, std::string_view>, 6> kQuery{{
        {"PolicyIds", "policyIds"},
        {"State", "state"},
        {"ResourceTypes", "resourceTypes"},
        {"TargetTags", "targetTags"},
        {"TagsToAdd", "tagsToAdd"},
        {"DefaultPolicyType", "defaultPolicyType"},
    }};
    if (op == "GetLifecyclePolicies")
      for (const auto& [key, name] : kQuery) take_query(body, key, name, request.target);
  } else if (op == "GetLifecyclePolicy" || op == "UpdateLifecyclePolicy" ||
             op == "DeleteLifecyclePolicy") {
    request.method = op == "GetLifecyclePolicy"      ? "GET"
                     : op == "UpdateLifecyclePolicy" ? "PATCH"
                                                     : "DELETE";
    request.target = "/policies/" + take_label(body, "PolicyId");
  } else if (op == "TagResource" || op == "UntagResource" || op == "ListTagsForResource") {
    request.method = op == "TagResource" ? "POST" : op == "UntagResource" ? "DELETE" : "GET";
    request.target = "/tags/" + take_label(body, "ResourceArn");
    if (op == "UntagResource") take_query(body, "TagKeys", "tagKeys", request.target);
  } else {
    // Not a dlm operation: a path no route answers, so the server says so.
    request.method = "POST";
    request.target = "/" + protocol::percent_encode(op);
  }
  return signed_rest_json(caller, "dlm", std::move(request), body);
}

protocol::WireResult<Json> Remote::rbin(const sim::Caller& caller, std::string_view operation,
                                        const Json& input) const {
  auto response = exchange(endpoint_, rbin_request(caller, operation, input));
  if (!response) return detail::transport_error(response.error());
  return account_reply(*response);  // the same restJson1 reply shape
}

protocol::WireResult<Json> Remote::dlm(const sim::Caller& caller, std::string_view operation,
                                       const Json& input) const {
  auto response = exchange(endpoint_, dlm_request(caller, operation, input));
  if (!response) return detail::transport_error(response.error());
  return account_reply(*response);
}

protocol::WireResult<Json> Remote::control(std::string_view method, std::string target,
                                           const Json& body) const {
  http::HttpRequest request;
  request.method = std::string(method);
  request.target = std::move(target);
  if (!body.is_null()) {
    request.headers.add("Content-Type", "application/json");
    request.body = body.dump();
  }
  auto response = exchange(endpoint_, request);
  if (!response) return detail::transport_error(response.error());
  Json reply =
      response->body.empty() ? Json::object() : Json::parse(response->body, nullptr, false);
  if (response->status < 200 || response->status > 299) {
    const Json error = reply.is_object() ? reply.value("error", Json::object()) : Json::object();
    if (error.is_object() && error.contains("code") && error["code"].is_string())
      return protocol::WireError{error["code"].get<std::string>(),
                                 error.value("message", std::string()), response->status};
    return protocol::WireError{"amisim.Control",
                               fmt::format("{} {} answered {}: {}", request.method, request.target,
                                           response->status, response->body.substr(0, 300)),
                               response->status};
  }
  if (reply.is_discarded())
    return protocol::WireError{
        "amisim.Control",
        fmt::format("{} {} answered with a body that is not JSON", request.method, request.target),
        response->status};
  return reply;
}

}  // namespace amisim::client
