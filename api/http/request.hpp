// The plain values that cross between the HTTP server and whatever answers requests (the
// gateway, later). Nothing here knows of sockets or Beast: a handler is a pure function from
// HttpRequest to HttpResponse, so it can be tested without a network.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace amisim::http {

// One header field as it arrived (name keeps the sender's spelling).
struct Header {
  std::string name;
  std::string value;

  bool operator==(const Header&) const = default;
};

// Header fields in arrival order. Lookup ignores ASCII case, as HTTP field names do
// (RFC 9110 §5.1); a repeated field keeps every occurrence.
class Headers {
 public:
  void add(std::string name, std::string value);
  // The value of the first field called `name` (any case); nullopt when there is none.
  std::optional<std::string_view> find(std::string_view name) const;
  // Whether a field called `name` (any case) is present.
  bool contains(std::string_view name) const { return find(name).has_value(); }
  const std::vector<Header>& fields() const { return fields_; }

 private:
  std::vector<Header> fields_;
};

// A complete request: the body has been read in full (within the server's body limit).
struct HttpRequest {
  std::string method;  // as sent, e.g. "POST"
  std::string target;  // request-target as sent, e.g. "/?Action=DescribeImages"
  Headers headers;
  std::string body;
  std::string remote;  // peer address "ip:port"; empty when unknown
};

// The fields of a Query-protocol request (EC2, STS): the query string's, then a POST body's,
// joined with '&' as one form to decode.
std::string query_form(const HttpRequest& request);

// What the handler answers. The server sets Content-Length and Connection itself (any such
// header here, or Transfer-Encoding, is ignored — except that the answer to a HEAD request keeps
// a Content-Length set here, so a handler can announce the GET body's length without building
// it); `close` asks the server to close the
// connection after this response (it also closes when the client asked to). A status outside
// 100..599 is answered as 500 InternalError.
//
// An open-ended answer (Server-Sent Events, /_amisim/events): when `stream` is set and the request
// is a GET, the server sends the head and `body` at once with chunked transfer coding, then calls
// `stream()` on every tick of ServerOptions::stream_tick and sends what it returns (nothing when
// it returns ""), until the client goes away, stops reading (ServerOptions::stream_buffer_bytes,
// read_timeout) or the server stops. It is called on the server's thread, like the handler, and
// must not outlive what it refers to: the server's owner keeps that alive until the Server is
// destroyed. Elsewhere (HEAD, the in-process door) `stream` is ignored and `body` is the answer.
struct HttpResponse {
  int status = 200;
  Headers headers;
  std::string body;
  bool close = false;
  std::function<std::string()> stream;
};

// An EC2-shaped XML error reply, used by the server for failures it answers itself (oversized
// body, malformed request, a handler that threw): status, Content-Type text/xml and the body
// <Response><Errors><Error><Code>code</Code><Message>message</Message></Error></Errors>
// <RequestID>…</RequestID></Response> (aws-facts.md, error envelope). `code` and `message` are
// XML-escaped.
HttpResponse xml_error_response(int status, std::string_view code, std::string_view message);

}  // namespace amisim::http
