#include "api/http/request.hpp"

#include <algorithm>
#include <cstddef>

namespace amisim::http {
namespace {

char ascii_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return ascii_lower(x) == ascii_lower(y);
         });
}

void append_escaped(std::string& out, std::string_view text) {
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      default:
        out += c;
    }
  }
}

// The server answers these before any request reaches the model, so there is no model request
// id to report; a fixed all-zero id keeps replies deterministic. [?] what EC2 puts here.
constexpr std::string_view kNoRequestId = "00000000-0000-0000-0000-000000000000";

}  // namespace

void Headers::add(std::string name, std::string value) {
  fields_.push_back({std::move(name), std::move(value)});
}

std::optional<std::string_view> Headers::find(std::string_view name) const {
  for (const Header& h : fields_) {
    if (iequals(h.name, name)) return std::string_view(h.value);
  }
  return std::nullopt;
}

std::string query_form(const HttpRequest& request) {
  std::string form;
  if (auto q = request.target.find('?'); q != std::string::npos)
    form = request.target.substr(q + 1);
  if (request.method == "POST" && !request.body.empty()) {
    if (!form.empty()) form += '&';
    form += request.body;
  }
  return form;
}

HttpResponse xml_error_response(int status, std::string_view code, std::string_view message) {
  HttpResponse r;
  r.status = status;
  r.headers.add("Content-Type", "text/xml;charset=UTF-8");
  r.body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response><Errors><Error><Code>";
  append_escaped(r.body, code);
  r.body += "</Code><Message>";
  append_escaped(r.body, message);
  r.body += "</Message></Error></Errors><RequestID>";
  r.body += kNoRequestId;
  r.body += "</RequestID></Response>";
  return r;
}

}  // namespace amisim::http
