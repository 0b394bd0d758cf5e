// Remote::s3: the S3 subset of api/s3/s3.hpp sent as S3's REST API (path style, as boto3 sends
// it with a custom endpoint and path addressing), and the replies read back into the same JSON
// shapes s3::call returns in process.
#include <fmt/format.h>

#include <array>
#include <cstdio>
#include <cstring>

#include "api/client/remote.hpp"
#include "api/protocol/form_encoding.hpp"
#include "api/protocol/xml_document.hpp"
#include "sim/core/time.hpp"

namespace amisim::client {
namespace {

using Json = nlohmann::json;
using protocol::WireError;
using protocol::WireResult;

constexpr std::string_view kXmlns = "http://s3.amazonaws.com/doc/2006-03-01/";

std::string text(const Json& input, std::string_view key) {
  auto it = input.find(key);
  return it != input.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// A key percent-encoded segment by segment, keeping its '/' separators (as botocore sends it).
std::string encode_key(std::string_view key) {
  std::string out;
  std::size_t at = 0;
  while (true) {
    const std::size_t slash = key.find('/', at);
    out += protocol::percent_encode(key.substr(at, slash - at));
    if (slash == std::string_view::npos) break;
    out += '/';
    at = slash + 1;
  }
  return out;
}

// "Thu, 01 Jan 2026 00:00:00 GMT" -> the ISO-8601 form s3::call writes; "" when malformed.
std::string iso_from_http_date(std::string_view date) {
  static constexpr std::array<std::string_view, 12> kMonths = {
      "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  char weekday[4] = {}, month[4] = {};
  int day = 0, year = 0, h = 0, m = 0, s = 0;
  const std::string copy(date);
  if (std::sscanf(copy.c_str(), "%3s, %d %3s %d %d:%d:%d GMT", weekday, &day, month, &year, &h, &m,
                  &s) != 7)
    return "";
  for (std::size_t i = 0; i < kMonths.size(); ++i) {
    if (kMonths[i] != month) continue;
    auto t = sim::parse_iso8601(
        fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", year, i + 1, day, h, m, s));
    return t ? sim::format_iso8601(*t) : "";
  }
  return "";
}

std::int64_t number(const protocol::XmlElement* e) {
  if (e == nullptr) return 0;
  try {
    return std::stoll(e->text);
  } catch (const std::exception&) {
    return 0;
  }
}

std::string child_text(const protocol::XmlElement& e, std::string_view name) {
  const protocol::XmlElement* c = e.child(name);
  return c ? c->text : std::string();
}

// The HTTP request for an action and its input; an error for an action outside the subset.
WireResult<http::HttpRequest> encode(std::string_view action, const Json& input) {
  http::HttpRequest r;
  const std::string bucket = protocol::percent_encode(text(input, "Bucket"));
  const std::string key = encode_key(text(input, "Key"));
  const std::string object = "/" + bucket + "/" + key;
  if (action == "ListBuckets") {
    r.method = "GET";
    r.target = "/";
  } else if (action == "CreateBucket") {
    r.method = "PUT";
    r.target = "/" + bucket;
    auto config = input.find("CreateBucketConfiguration");
    if (config != input.end() && config->is_object() && config->contains("LocationConstraint")) {
      r.body = fmt::format(
          "<CreateBucketConfiguration xmlns=\"{}\"><LocationConstraint>{}</LocationConstraint>"
          "</CreateBucketConfiguration>",
          kXmlns, text(*config, "LocationConstraint"));
    }
  } else if (action == "HeadBucket" || action == "DeleteBucket") {
    r.method = action == "HeadBucket" ? "HEAD" : "DELETE";
    r.target = "/" + bucket;
  } else if (action == "GetBucketLocation") {
    r.method = "GET";
    r.target = "/" + bucket + "?location";
  } else if (action == "PutObject") {
    r.method = "PUT";
    r.target = object;
    r.body = text(input, "Body");
    if (auto type = text(input, "ContentType"); !type.empty()) r.headers.add("Content-Type", type);
    if (auto meta = input.find("Metadata"); meta != input.end() && meta->is_object()) {
      for (const auto& [k, v] : meta->items())
        if (v.is_string()) r.headers.add("x-amz-meta-" + k, v.get<std::string>());
    }
  } else if (action == "HeadObject" || action == "GetObject" || action == "DeleteObject") {
    r.method = action == "HeadObject" ? "HEAD" : action == "GetObject" ? "GET" : "DELETE";
    r.target = object;
  } else if (action == "ListObjectsV2" || action == "ListObjects") {
    r.method = "GET";
    std::string query = action == "ListObjectsV2" ? "list-type=2" : "";
    static constexpr std::array<std::pair<std::string_view, std::string_view>, 7> kParams = {{
        {"Prefix", "prefix"},
        {"Delimiter", "delimiter"},
        {"ContinuationToken", "continuation-token"},
        {"StartAfter", "start-after"},
        {"Marker", "marker"},
        {"EncodingType", "encoding-type"},
        {"MaxKeys", "max-keys"},
    }};
    for (const auto& [member, param] : kParams) {
      auto it = input.find(member);
      if (it == input.end() || it->is_null()) continue;
      const std::string value = it->is_string() ? it->get<std::string>() : it->dump();
      query +=
          fmt::format("{}{}={}", query.empty() ? "" : "&", param, protocol::percent_encode(value));
    }
    r.target = "/" + bucket + (query.empty() ? "" : "?" + query);
  } else {
    return protocol::wire_errors::s3_client_cannot_send(action);
  }
  return r;
}

// S3's <Error> document, or the status alone (HEAD answers have no body; botocore then uses the
// status as the code, "404").
WireError decode_error(const http::HttpResponse& response) {
  auto doc = protocol::parse_xml(response.body);
  if (doc && doc->name == "Error")
    return WireError{child_text(*doc, "Code"), child_text(*doc, "Message"), response.status};
  return WireError{std::to_string(response.status), "", response.status};
}

Json object_head(const http::HttpResponse& response, bool with_body) {
  Json metadata = Json::object();
  for (const http::Header& h : response.headers.fields()) {
    std::string name = h.name;
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (name.rfind("x-amz-meta-", 0) == 0) metadata[name.substr(11)] = h.value;
  }
  auto header = [&response](std::string_view name) {
    return std::string(response.headers.find(name).value_or(""));
  };
  std::int64_t length = 0;
  try {
    length = std::stoll(header("Content-Length"));
  } catch (const std::exception&) {
  }
  Json out = {{"AcceptRanges", header("Accept-Ranges")},
              {"ContentLength", length},
              {"ETag", header("ETag")},
              {"LastModified", iso_from_http_date(header("Last-Modified"))},
              {"ContentType", header("Content-Type")},
              {"Metadata", metadata}};
  if (with_body) out["Body"] = response.body;
  return out;
}

Json list_objects(const protocol::XmlElement& root, bool v2) {
  Json out = {{"Name", child_text(root, "Name")},
              {"Prefix", child_text(root, "Prefix")},
              {"MaxKeys", number(root.child("MaxKeys"))},
              {"IsTruncated", child_text(root, "IsTruncated") == "true"}};
  if (v2) out["KeyCount"] = number(root.child("KeyCount"));
  for (const char* name : {"Delimiter", "EncodingType", "ContinuationToken",
                           "NextContinuationToken", "StartAfter", "Marker", "NextMarker"}) {
    if (root.child(name) != nullptr) out[name] = child_text(root, name);
  }
  Json contents = Json::array();
  Json prefixes = Json::array();
  for (const protocol::XmlElement& c : root.children) {
    if (c.name == "Contents") {
      Json item = {{"Key", child_text(c, "Key")},
                   {"LastModified", child_text(c, "LastModified")},
                   {"ETag", child_text(c, "ETag")},
                   {"Size", number(c.child("Size"))},
                   {"StorageClass", child_text(c, "StorageClass")}};
      if (const protocol::XmlElement* owner = c.child("Owner"))
        item["Owner"] = {{"ID", child_text(*owner, "ID")},
                         {"DisplayName", child_text(*owner, "DisplayName")}};
      contents.push_back(std::move(item));
    } else if (c.name == "CommonPrefixes") {
      prefixes.push_back({{"Prefix", child_text(c, "Prefix")}});
    }
  }
  if (!contents.empty()) out["Contents"] = std::move(contents);
  if (!prefixes.empty()) out["CommonPrefixes"] = std::move(prefixes);
  return out;
}

WireResult<Json> decode(std::string_view action, const http::HttpResponse& response) {
  if (response.status >= 300) return decode_error(response);
  auto header = [&response](std::string_view name) {
    return std::string(response.headers.find(name).value_or(""));
  };
  if (action == "CreateBucket") return Json{{"Location", header("Location")}};
  if (action == "HeadBucket")
    return Json{{"AccessPointAlias", header("x-amz-access-point-alias") == "true"},
                {"BucketRegion", header("x-amz-bucket-region")}};
  if (action == "PutObject") return Json{{"ETag", header("ETag")}};
  if (action == "HeadObject" || action == "GetObject")
    return object_head(response, action == "GetObject");
  if (action == "DeleteBucket" || action == "DeleteObject") return Json::object();
  auto doc = protocol::parse_xml(response.body);
  if (!doc) return doc.error();
  if (action == "GetBucketLocation")
    return Json{{"LocationConstraint", doc->text.empty() ? Json(nullptr) : Json(doc->text)}};
  if (action == "ListBuckets") {
    Json buckets = Json::array();
    if (const protocol::XmlElement* list = doc->child("Buckets")) {
      for (const protocol::XmlElement& b : list->children) {
        buckets.push_back({{"Name", child_text(b, "Name")},
                           {"CreationDate", child_text(b, "CreationDate")},
                           {"BucketRegion", child_text(b, "BucketRegion")}});
      }
    }
    Json owner = Json::object();
    if (const protocol::XmlElement* o = doc->child("Owner"))
      owner = {{"ID", child_text(*o, "ID")}, {"DisplayName", child_text(*o, "DisplayName")}};
    return Json{{"Buckets", buckets}, {"Owner", owner}};
  }
  return list_objects(*doc, action == "ListObjectsV2");
}

}  // namespace

protocol::WireResult<Json> Remote::s3(const sim::Caller& caller, std::string_view action,
                                      const Json& input) const {
  auto request = encode(action, input);
  if (!request) return request.error();
  request->headers.add("X-Amz-Date", "20260101T000000Z");
  request->headers.add("x-amz-content-sha256", "UNSIGNED-PAYLOAD");
  request->headers.add("Authorization", detail::authorization(caller, "s3"));
  auto response = exchange(endpoint_, *request);
  if (!response) return detail::transport_error(response.error());
  return decode(action, *response);
}

}  // namespace amisim::client
