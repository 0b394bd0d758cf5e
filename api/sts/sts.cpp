#include "api/sts/sts.hpp"

#include <fmt/format.h>

#include "api/protocol/form_encoding.hpp"
#include "api/protocol/xml_writer.hpp"
#include "sim/core/utf8.hpp"

namespace amisim::sts {
namespace {

// A Query form holds a handful of fields; more is not a call either service answers.
constexpr std::size_t kMaxFields = 100;

struct Protocol {
  std::string_view version;   // the API version the service answers
  std::string_view xmlns;     // its namespace
  std::string_view modelled;  // what amisim models there, for InvalidAction's message
};

Protocol protocol_of(Service service) {
  if (service == Service::kIam) {
    return {"2010-05-08", "https://iam.amazonaws.com/doc/2010-05-08/",
            "amisim models no IAM; STS answers GetCallerIdentity"};
  }
  return {"2011-06-15", "https://sts.amazonaws.com/doc/2011-06-15/",
          "amisim models STS GetCallerIdentity only"};
}

http::HttpResponse xml_reply(int status, std::string body, const std::string& request_id) {
  http::HttpResponse r;
  r.status = status;
  r.headers.add("Content-Type", "text/xml");
  r.headers.add("x-amzn-RequestId", request_id);
  r.body = std::move(body);
  return r;
}

void element(fmt::memory_buffer& out, std::string_view name, std::string_view text) {
  fmt::format_to(std::back_inserter(out), "<{}>", name);
  protocol::append_escaped(out, text);
  fmt::format_to(std::back_inserter(out), "</{}>", name);
}

http::HttpResponse get_caller_identity(const sim::Caller& caller, const std::string& request_id) {
  const CallerIdentity who = caller_identity(caller.account);
  fmt::memory_buffer out;
  fmt::format_to(std::back_inserter(out),
                 "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                 "<GetCallerIdentityResponse xmlns=\"{}\"><GetCallerIdentityResult>",
                 protocol_of(Service::kSts).xmlns);
  element(out, "Arn", who.arn);
  element(out, "UserId", who.user_id);
  element(out, "Account", who.account);
  out.append(std::string_view("</GetCallerIdentityResult><ResponseMetadata>"));
  element(out, "RequestId", request_id);
  out.append(std::string_view("</ResponseMetadata></GetCallerIdentityResponse>"));
  return xml_reply(200, fmt::to_string(out), request_id);
}

}  // namespace

std::string_view signing_name(Service service) { return service == Service::kIam ? "iam" : "sts"; }

CallerIdentity caller_identity(const sim::AccountId& account) {
  return {account.str(), account.str(), fmt::format("arn:aws:iam::{}:root", account.str())};
}

http::HttpResponse error_reply(Service service, const protocol::WireError& error,
                               const std::string& request_id) {
  fmt::memory_buffer out;
  fmt::format_to(std::back_inserter(out),
                 "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ErrorResponse xmlns=\"{}\">"
                 "<Error><Type>{}</Type>",
                 protocol_of(service).xmlns, error.http_status >= 500 ? "Receiver" : "Sender");
  element(out, "Code", error.code);
  element(out, "Message", sim::to_xml_text(error.message));  // it may quote the request
  out.append(std::string_view("</Error>"));
  element(out, "RequestId", request_id);
  out.append(std::string_view("</ErrorResponse>"));
  return xml_reply(error.http_status, fmt::to_string(out), request_id);
}

http::HttpResponse handle(Service service, const sim::Caller& caller,
                          const http::HttpRequest& request, const std::string& request_id) {
  const Protocol p = protocol_of(service);
  auto fields = protocol::decode_form(http::query_form(request), kMaxFields);
  if (!fields.ok()) return error_reply(service, fields.error(), request_id);
  std::string action;
  std::string version;
  for (const auto& f : fields.value()) {
    if (f.name == "Action") action = f.value;
    if (f.name == "Version") version = f.value;
  }
  if (action.empty())
    return error_reply(service, protocol::wire_errors::missing_action(), request_id);
  if (service == Service::kSts && action == "GetCallerIdentity" && version == p.version)
    return get_caller_identity(caller, request_id);
  return error_reply(service,
                     protocol::wire_errors::query_invalid_action(action, version, p.modelled),
                     request_id);
}

}  // namespace amisim::sts
