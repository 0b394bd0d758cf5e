// HTTP request -> S3 action and JSON input (api/s3/rest.hpp).
#include <algorithm>
#include <cctype>
#include <charconv>
#include <map>
#include <set>
#include <vector>

#include "api/protocol/form_encoding.hpp"
#include "api/protocol/wire_text.hpp"
#include "api/s3/aws_chunked.hpp"
#include "api/s3/rest.hpp"

namespace amisim::s3 {
namespace {

using http::HttpRequest;
using protocol::split;

constexpr std::size_t kMaxQueryFields = 100;

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// Percent-decoding of a path segment; '+' is a plus sign there. nullopt for a bad escape.
std::optional<std::string> decode_path(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      out.push_back(text[i]);
      continue;
    }
    if (i + 2 >= text.size()) return std::nullopt;
    unsigned value = 0;
    auto [end, ec] = std::from_chars(text.data() + i + 1, text.data() + i + 3, value, 16);
    if (ec != std::errc() || end != text.data() + i + 3) return std::nullopt;
    out.push_back(static_cast<char>(value));
    i += 2;
  }
  return out;
}

// The Host without its port, lower-case ("" for none or an IPv6 literal).
std::string host_name(const HttpRequest& request) {
  auto host = request.headers.find("Host");
  if (!host || host->empty() || host->front() == '[') return "";
  return lower(host->substr(0, host->find(':')));
}

// The bucket a virtual-host-style Host names: the labels before "s3", "s3-<region>" or a final
// "localhost".
std::optional<std::string> virtual_bucket(const HttpRequest& request) {
  std::string host = host_name(request);
  std::vector<std::string_view> labels = split(host, '.');
  for (std::size_t i = 1; i < labels.size(); ++i) {
    bool s3 = labels[i] == "s3" || starts_with(labels[i], "s3-");
    bool local = labels[i] == "localhost" && i + 1 == labels.size();
    if (!s3 && !local) continue;
    std::string bucket(labels[0]);
    for (std::size_t j = 1; j < i; ++j) (bucket += '.') += labels[j];
    return bucket;
  }
  return std::nullopt;
}

// The service named by the SigV4 credential scope (".../REGION/SERVICE/aws4_request").
std::optional<std::string> scope_service(const HttpRequest& request) {
  std::string credential;
  if (auto auth = request.headers.find("Authorization")) {
    std::size_t at = auth->find("Credential=");
    if (at != std::string_view::npos) {
      std::string_view rest = auth->substr(at + 11);
      credential = std::string(rest.substr(0, rest.find_first_of(", ")));
    }
  }
  if (credential.empty()) {
    std::size_t q = request.target.find('?');
    if (q == std::string::npos) return std::nullopt;
    auto fields =
        protocol::decode_form(std::string_view(request.target).substr(q + 1), kMaxQueryFields);
    if (!fields.ok()) return std::nullopt;
    for (const auto& f : fields.value()) {
      if (f.name == "X-Amz-Credential") credential = f.value;
    }
  }
  auto parts = split(credential, '/');
  if (parts.size() != 5) return std::nullopt;
  return std::string(parts[3]);
}

bool has_action_parameter(std::string_view target) {
  std::size_t q = target.find('?');
  if (q == std::string_view::npos) return false;
  std::string_view query = target.substr(q + 1);
  return starts_with(query, "Action=") || query.find("&Action=") != std::string_view::npos;
}

// Query parameters every request may carry: a presigned URL's signature, botocore's x-id.
bool ignored_parameter(const std::string& name) {
  return starts_with(name, "X-Amz-") || name == "x-id";
}

bool list_parameter(const std::string& name) {
  static const std::set<std::string> kNames = {
      "list-type",   "prefix",        "delimiter",   "max-keys", "continuation-token",
      "start-after", "encoding-type", "fetch-owner", "marker"};
  return kNames.count(name) != 0;
}

std::optional<int> parse_max_keys(const std::string& text) {
  long long value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return static_cast<int>(std::clamp<long long>(value, -1, 1000));
}

void list_input(RestCall& call, const std::map<std::string, std::string>& params) {
  static const std::pair<const char*, const char*> kMembers[] = {
      {"prefix", "Prefix"},
      {"delimiter", "Delimiter"},
      {"continuation-token", "ContinuationToken"},
      {"start-after", "StartAfter"},
      {"marker", "Marker"},
      {"encoding-type", "EncodingType"}};
  for (const auto& [param, member] : kMembers) {
    if (auto it = params.find(param); it != params.end()) call.input[member] = it->second;
  }
  if (auto it = params.find("max-keys"); it != params.end()) {
    auto n = parse_max_keys(it->second);
    if (!n) {
      call.error = protocol::wire_errors::s3_max_keys_out_of_range();
      return;
    }
    call.input["MaxKeys"] = *n;
  }
}

void put_object_input(RestCall& call, const HttpRequest& request) {
  std::string body = request.body;
  if (is_aws_chunked(request)) {
    auto decoded = decode_aws_chunked(body);
    if (!decoded) {
      call.error = protocol::wire_errors::s3_body_incomplete();
      return;
    }
    body = std::move(*decoded);
  }
  if (auto length = request.headers.find("x-amz-decoded-content-length")) {
    if (*length != std::to_string(body.size())) {
      call.error = protocol::wire_errors::s3_body_length_mismatch();
      return;
    }
  }
  call.input["Body"] = std::move(body);
  if (auto type = request.headers.find("Content-Type")) call.input["ContentType"] = *type;
  Json metadata = Json::object();
  for (const http::Header& h : request.headers.fields()) {
    std::string name = lower(h.name);
    if (starts_with(name, "x-amz-meta-")) metadata[name.substr(11)] = h.value;
  }
  if (!metadata.empty()) call.input["Metadata"] = std::move(metadata);
}

// <CreateBucketConfiguration><LocationConstraint>eu-west-1</LocationConstraint>...
void create_bucket_input(RestCall& call, const std::string& body) {
  constexpr std::string_view kOpen = "<LocationConstraint>";
  std::size_t at = body.find(kOpen);
  if (at == std::string::npos) return;
  std::size_t end = body.find("</LocationConstraint>", at);
  if (end == std::string::npos) {
    call.error = protocol::wire_errors::s3_malformed_xml();
    return;
  }
  at += kOpen.size();
  call.input["CreateBucketConfiguration"] = {{"LocationConstraint", body.substr(at, end - at)}};
}

// The action for the method on the service, a bucket or an object.
void choose_action(RestCall& call, const HttpRequest& request,
                   const std::map<std::string, std::string>& params, bool bucket, bool key) {
  const std::string& m = request.method;
  if (!bucket) {
    if (m == "GET") call.action = "ListBuckets";
  } else if (!key) {
    auto list_type = params.find("list-type");
    if (m == "PUT") call.action = "CreateBucket";
    if (m == "HEAD") call.action = "HeadBucket";
    if (m == "DELETE") call.action = "DeleteBucket";
    if (m == "GET" && list_type == params.end()) call.action = "ListObjects";
    if (m == "GET" && list_type != params.end() && list_type->second == "2")
      call.action = "ListObjectsV2";
    if (m == "GET" && params.count("location") != 0) call.action = "GetBucketLocation";
  } else if (!request.headers.contains("x-amz-copy-source")) {  // CopyObject is not in the subset
    if (m == "PUT") call.action = "PutObject";
    if (m == "GET") call.action = "GetObject";
    if (m == "HEAD") call.action = "HeadObject";
    if (m == "DELETE") call.action = "DeleteObject";
  }
  if (call.action.empty()) call.error = protocol::wire_errors::s3_not_implemented();
}

// Bucket and key from the Host and path; false for a path that does not decode.
bool locate(RestCall& call, const HttpRequest& request, std::string_view path) {
  std::optional<std::string> bucket = virtual_bucket(request);
  std::string_view rest = path.substr(path.empty() ? 0 : 1);
  if (!bucket) {
    std::size_t slash = rest.find('/');
    bucket = decode_path(rest.substr(0, slash));
    rest = slash == std::string_view::npos ? std::string_view() : rest.substr(slash + 1);
  }
  std::optional<std::string> key = decode_path(rest);
  if (!bucket || !key) return false;
  if (!bucket->empty()) call.input["Bucket"] = *bucket;
  if (!key->empty()) call.input["Key"] = *key;
  return true;
}

}  // namespace

bool is_s3_request(const HttpRequest& request) {
  if (auto service = scope_service(request)) return *service == "s3";
  std::string host = host_name(request);
  if (virtual_bucket(request) || starts_with(host, "s3.") || starts_with(host, "s3-")) return true;
  std::string_view path = std::string_view(request.target).substr(0, request.target.find('?'));
  const std::string& m = request.method;
  return path != "/" && !path.empty() && !has_action_parameter(request.target) &&
         (m == "GET" || m == "PUT" || m == "HEAD" || m == "DELETE");
}

RestCall parse_rest_request(const HttpRequest& request) {
  RestCall call;
  call.head = request.method == "HEAD";
  std::size_t q = request.target.find('?');
  std::string_view path = std::string_view(request.target).substr(0, q);
  std::string_view query =
      q == std::string::npos ? std::string_view() : std::string_view(request.target).substr(q + 1);
  auto fields = protocol::decode_form(query, kMaxQueryFields);
  if (!fields.ok() || !locate(call, request, path)) {
    call.error = protocol::wire_errors::s3_invalid_uri();
    return call;
  }
  bool bucket = call.input.contains("Bucket");
  bool key = call.input.contains("Key");
  std::map<std::string, std::string> params;
  for (const auto& f : fields.value()) {
    if (ignored_parameter(f.name)) continue;
    // ?acl, ?versioning, ?uploads, ?tagging ... : subresources outside the subset.
    bool bucket_get = bucket && !key && request.method == "GET";
    if (!(bucket_get && (list_parameter(f.name) || f.name == "location"))) {
      call.error = protocol::wire_errors::s3_not_implemented();
      return call;
    }
    params[f.name] = f.value;
  }
  choose_action(call, request, params, bucket, key);
  if (call.error) return call;
  if (call.action == "ListObjectsV2" || call.action == "ListObjects") list_input(call, params);
  if (call.action == "PutObject") put_object_input(call, request);
  if (call.action == "CreateBucket") create_bucket_input(call, request.body);
  return call;
}

}  // namespace amisim::s3
