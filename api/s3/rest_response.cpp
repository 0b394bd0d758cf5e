// s3::call's output -> S3's HTTP reply (api/s3/rest.hpp): status, headers, and the XML documents
// of the S3 API reference (ListAllMyBucketsResult, ListBucketResult, Error).
#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "api/protocol/form_encoding.hpp"
#include "api/protocol/xml_writer.hpp"
#include "api/s3/rest.hpp"
#include "sim/core/base64.hpp"

namespace amisim::s3 {
namespace {

using http::HttpResponse;

constexpr std::string_view kXmlns = "http://s3.amazonaws.com/doc/2006-03-01/";
constexpr std::string_view kXmlDecl = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

void el(fmt::memory_buffer& out, std::string_view name, std::string_view value) {
  fmt::format_to(std::back_inserter(out), "<{}>", name);
  protocol::append_escaped(out, value);
  fmt::format_to(std::back_inserter(out), "</{}>", name);
}

std::string str(const Json& j, const char* name) {
  auto it = j.find(name);
  if (it == j.end()) return "";
  return it->is_string() ? it->get<std::string>() : it->dump();
}

// The member `name` of `j`, or an empty JSON value when absent (iterates as nothing).
const Json& member(const Json& j, const char* name) {
  static const Json kNothing;  // immutable
  auto it = j.find(name);
  return it == j.end() ? kNothing : *it;
}

// S3's request IDs: 16 upper-case hex digits, and a base64 "host ID"; both from the gateway's
// deterministic request ID so that replies never depend on a clock or randomness.
HttpResponse base_response(int status, const std::string& request_id) {
  std::string hex;
  for (char c : request_id) {
    if (c != '-') hex.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  }
  HttpResponse r;
  r.status = status;
  r.headers.add("x-amz-request-id", hex.substr(0, 16));
  r.headers.add("x-amz-id-2", sim::base64_encode(request_id));
  r.headers.add("Server", "AmazonS3");
  return r;
}

void set_xml(HttpResponse& r, const fmt::memory_buffer& body) {
  r.headers.add("Content-Type", "application/xml");
  r.body.assign(body.data(), body.size());
}

bool names_bucket(std::string_view code) {
  return code == "NoSuchBucket" || code == "BucketAlreadyExists" ||
         code == "BucketAlreadyOwnedByYou" || code == "BucketNotEmpty" ||
         code == "InvalidBucketName";
}

// <Error>: code, message, then `extra` elements, the request's IDs (S3 API reference, "Error
// responses").
HttpResponse error_document(const WireError& e, const ErrorDetails& extra, bool head,
                            const std::string& request_id) {
  HttpResponse r = base_response(e.http_status, request_id);
  if (head) return r;  // S3 answers HEAD errors with the status alone
  fmt::memory_buffer out;
  fmt::format_to(std::back_inserter(out), "{}<Error>", kXmlDecl);
  el(out, "Code", e.code);
  el(out, "Message", e.message);
  for (const auto& [name, value] : extra) el(out, name, value);
  el(out, "RequestId", r.headers.find("x-amz-request-id").value_or(""));
  el(out, "HostId", r.headers.find("x-amz-id-2").value_or(""));
  fmt::format_to(std::back_inserter(out), "</Error>");
  set_xml(r, out);
  return r;
}

HttpResponse error_response(const RestCall& call, const WireError& e,
                            const std::string& request_id) {
  ErrorDetails extra;
  if (names_bucket(e.code)) extra.emplace_back("BucketName", str(call.input, "Bucket"));
  if (e.code == "NoSuchKey") extra.emplace_back("Key", str(call.input, "Key"));
  return error_document(e, extra, call.head, request_id);
}

void list_buckets(HttpResponse& r, const Json& output) {
  fmt::memory_buffer out;
  auto o = std::back_inserter(out);
  fmt::format_to(o, "{}<ListAllMyBucketsResult xmlns=\"{}\"><Owner>", kXmlDecl, kXmlns);
  el(out, "ID", str(output["Owner"], "ID"));
  el(out, "DisplayName", str(output["Owner"], "DisplayName"));
  fmt::format_to(o, "</Owner><Buckets>");
  for (const Json& b : output["Buckets"]) {
    fmt::format_to(o, "<Bucket>");
    el(out, "Name", str(b, "Name"));
    el(out, "CreationDate", str(b, "CreationDate"));
    el(out, "BucketRegion", str(b, "BucketRegion"));
    fmt::format_to(o, "</Bucket>");
  }
  fmt::format_to(o, "</Buckets></ListAllMyBucketsResult>");
  set_xml(r, out);
}

// With encoding-type=url, S3 URL-encodes keys and prefixes (and botocore decodes them again).
std::string maybe_encoded(const Json& output, const std::string& text) {
  return output.contains("EncodingType") ? protocol::percent_encode(text) : text;
}

void list_contents(fmt::memory_buffer& out, const Json& output) {
  auto o = std::back_inserter(out);
  for (const Json& c : member(output, "Contents")) {
    fmt::format_to(o, "<Contents>");
    el(out, "Key", maybe_encoded(output, str(c, "Key")));
    el(out, "LastModified", str(c, "LastModified"));
    el(out, "ETag", str(c, "ETag"));
    el(out, "Size", str(c, "Size"));
    el(out, "StorageClass", str(c, "StorageClass"));
    if (c.contains("Owner")) {
      fmt::format_to(o, "<Owner>");
      el(out, "ID", str(c["Owner"], "ID"));
      el(out, "DisplayName", str(c["Owner"], "DisplayName"));
      fmt::format_to(o, "</Owner>");
    }
    fmt::format_to(o, "</Contents>");
  }
  for (const Json& p : member(output, "CommonPrefixes")) {
    fmt::format_to(o, "<CommonPrefixes>");
    el(out, "Prefix", maybe_encoded(output, str(p, "Prefix")));
    fmt::format_to(o, "</CommonPrefixes>");
  }
}

// ListBucketResult for ListObjectsV2 and ListObjects (v1): the members the output has.
void list_objects(HttpResponse& r, const Json& output) {
  fmt::memory_buffer out;
  fmt::format_to(std::back_inserter(out), "{}<ListBucketResult xmlns=\"{}\">", kXmlDecl, kXmlns);
  el(out, "Name", str(output, "Name"));
  el(out, "Prefix", maybe_encoded(output, str(output, "Prefix")));
  for (const char* name : {"Marker", "NextMarker"}) {
    if (output.contains(name)) el(out, name, maybe_encoded(output, str(output, name)));
  }
  if (output.contains("Delimiter"))
    el(out, "Delimiter", maybe_encoded(output, str(output, "Delimiter")));
  el(out, "MaxKeys", str(output, "MaxKeys"));
  if (output.contains("EncodingType")) el(out, "EncodingType", str(output, "EncodingType"));
  if (output.contains("KeyCount")) el(out, "KeyCount", str(output, "KeyCount"));
  el(out, "IsTruncated", str(output, "IsTruncated"));
  for (const char* name : {"ContinuationToken", "NextContinuationToken"}) {
    if (output.contains(name)) el(out, name, str(output, name));
  }
  if (output.contains("StartAfter"))
    el(out, "StartAfter", maybe_encoded(output, str(output, "StartAfter")));
  list_contents(out, output);
  fmt::format_to(std::back_inserter(out), "</ListBucketResult>");
  set_xml(r, out);
}

// <LocationConstraint xmlns="...">eu-west-1</LocationConstraint>; empty for us-east-1.
void bucket_location(HttpResponse& r, const Json& output) {
  fmt::memory_buffer out;
  fmt::format_to(std::back_inserter(out), "{}<LocationConstraint xmlns=\"{}\">", kXmlDecl, kXmlns);
  const Json& region = member(output, "LocationConstraint");
  if (region.is_string()) protocol::append_escaped(out, region.get<std::string>());
  fmt::format_to(std::back_inserter(out), "</LocationConstraint>");
  set_xml(r, out);
}

// A metadata value as S3 sends it back: as it is when it is printable ASCII, else RFC 2047-encoded
// "to make them ASCII safe before returning" (S3 user guide, "Working with object metadata",
// user-defined metadata). So no stored value can break a header line.
std::string header_value(const std::string& value) {
  const bool plain = std::all_of(value.begin(), value.end(),
                                 [](char c) { return (c >= 0x20 && c < 0x7F) || c == '\t'; });
  return plain ? value : "=?UTF-8?B?" + sim::base64_encode(value) + "?=";
}

// HeadObject and GetObject. Content-Length is set for HEAD too: the server keeps a handler's
// Content-Length on a HEAD answer, whose body it does not send (api/http/session.cpp).
void object_reply(HttpResponse& r, const Json& output) {
  r.headers.add("Accept-Ranges", "bytes");
  auto modified = sim::parse_iso8601(str(output, "LastModified"));
  r.headers.add("Last-Modified", http_date(modified.value_or(0)));
  r.headers.add("ETag", str(output, "ETag"));
  r.headers.add("Content-Type", str(output, "ContentType"));
  r.headers.add("Content-Length", str(output, "ContentLength"));
  for (const auto& [k, v] : member(output, "Metadata").items())
    r.headers.add("x-amz-meta-" + k, header_value(v.get<std::string>()));
  if (auto body = output.find("Body"); body != output.end()) r.body = body->get<std::string>();
}

}  // namespace

HttpResponse write_rest_response(const RestCall& call, const WireResult<Json>& result,
                                 const std::string& request_id) {
  if (call.error) return error_response(call, *call.error, request_id);
  if (!result.ok()) return error_response(call, result.error(), request_id);
  const Json& output = result.value();
  const std::string& a = call.action;
  HttpResponse r =
      base_response(a == "DeleteBucket" || a == "DeleteObject" ? 204 : 200, request_id);
  if (a == "ListBuckets") list_buckets(r, output);
  if (a == "ListObjectsV2" || a == "ListObjects") list_objects(r, output);
  if (a == "GetBucketLocation") bucket_location(r, output);
  if (a == "CreateBucket") r.headers.add("Location", str(output, "Location"));
  if (a == "HeadBucket") r.headers.add("x-amz-bucket-region", str(output, "BucketRegion"));
  if (a == "PutObject") r.headers.add("ETag", str(output, "ETag"));
  if (a == "HeadObject" || a == "GetObject") object_reply(r, output);
  return r;
}

HttpResponse write_rest_error(const WireError& error, const ErrorDetails& details, bool head,
                              const std::string& request_id) {
  return error_document(error, details, head, request_id);
}

std::string http_date(sim::TimeMs t) {
  static constexpr const char* kDays[] = {"Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  std::string iso = sim::format_iso8601(t);  // "YYYY-MM-DDTHH:MM:SS.mmmZ"
  sim::TimeMs days = t >= 0 ? t / sim::kDayMs : (t - sim::kDayMs + 1) / sim::kDayMs;
  int month = std::stoi(iso.substr(5, 2));
  return fmt::format("{}, {} {} {} {} GMT", kDays[((days % 7) + 7) % 7], iso.substr(8, 2),
                     kMonths[month - 1], iso.substr(0, 4), iso.substr(11, 8));
}

}  // namespace amisim::s3
