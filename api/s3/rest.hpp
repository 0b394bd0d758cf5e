// S3's REST API over HTTP, for the subset s3::call answers (api/s3/s3.hpp): an HTTP request
// becomes an action and its JSON input, s3::call runs it, and the output (or error) becomes S3's
// reply — headers and XML with xmlns="http://s3.amazonaws.com/doc/2006-03-01/".
//
// Every action of s3::call is reachable (GetBucketLocation as GET /bucket?location).
//
// Addressing: path style ("/bucket/key") or virtual-host style (Host "bucket.s3.<anything>",
// "bucket.s3-<region>.<anything>", "bucket.localhost[:port]"). Keys are URL-decoded ('+' stays
// '+', as in any path). Anything outside the subset (?acl, ?versioning, ?uploads, ?tagging, POST,
// CopyObject ...) is NotImplemented (501).
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "api/http/request.hpp"
#include "api/s3/s3.hpp"

namespace amisim::s3 {

// Whether the gateway should send `request` to S3 (checked after the control plane and SSM):
// a SigV4 credential scope naming s3 (Authorization header or presigned X-Amz-Credential); else
// a virtual-host S3 Host, or a Host that is S3's own ("s3.<...>", "s3-<region>.<...>"); else a
// GET, PUT, HEAD or DELETE of a path other than "/" without an Action= parameter.
bool is_s3_request(const http::HttpRequest& request);

// The operation an HTTP request asks for. `error` is set when amisim refuses the request before
// any call (NotImplemented, InvalidURI, IncompleteBody); bucket and key are still filled in when
// known, for the error document.
struct RestCall {
  std::string action;
  Json input = Json::object();
  std::optional<WireError> error;
  bool head = false;  // a HEAD request: errors have no body
};
RestCall parse_rest_request(const http::HttpRequest& request);

// The reply for `call` given s3::call's result. `request_id` is the gateway's (UUID form); the
// x-amz-request-id and x-amz-id-2 headers are derived from it.
http::HttpResponse write_rest_response(const RestCall& call, const WireResult<Json>& result,
                                       const std::string& request_id);

// Extra elements of an <Error> document after <Message>, in order (<BucketName>,
// <StringToSign>...).
using ErrorDetails = std::vector<std::pair<std::string, std::string>>;

// S3's error reply for a request refused before any action was made out of it (a signature
// check, api/auth): `error` with `details`; the status alone for a HEAD request.
http::HttpResponse write_rest_error(const WireError& error, const ErrorDetails& details, bool head,
                                    const std::string& request_id);

// "Thu, 01 Jan 2026 00:00:00 GMT" (RFC 1123, as HTTP dates and S3's Last-Modified are written).
std::string http_date(sim::TimeMs t);

}  // namespace amisim::s3
