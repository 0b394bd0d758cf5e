#include "api/s3/s3.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <exception>
#include <utility>

#include "api/protocol/form_encoding.hpp"
#include "api/s3/md5.hpp"
#include "sim/core/base64.hpp"
#include "sim/core/hash.hpp"
#include "sim/s3/s3.hpp"

namespace amisim::s3 {
namespace {

// A bad input member, thrown inside call() and answered as its error.
struct InputError {
  WireError error;
};

[[noreturn]] void bad_input(WireError error) { throw InputError{std::move(error)}; }

using protocol::to_wire;
namespace wire_errors = protocol::wire_errors;

// A string member; "" when absent. Text members must be UTF-8 (so the journal can write them).
std::string text(const Json& input, const char* name, bool required = false) {
  auto it = input.find(name);
  if (it == input.end() || it->is_null()) {
    if (required) bad_input(wire_errors::s3_member_missing(name));
    return "";
  }
  if (!it->is_string()) bad_input(wire_errors::s3_member_not_string(name));
  const std::string& value = it->get_ref<const std::string&>();
  if (!protocol::valid_utf8(value)) bad_input(wire_errors::s3_member_not_utf8(name));
  return value;
}

std::string bucket_of(const Json& input) {
  std::string name = text(input, "Bucket", true);
  if (!sim::is_valid_bucket_name(name)) bad_input(to_wire(sim::errors::invalid_bucket_name(name)));
  return name;
}

template <class T>
T unwrap(sim::Result<T> result) {
  if (!result.ok()) bad_input(to_wire(result.error()));
  return std::move(result).value();
}

void unwrap(const sim::Status& status) {
  if (!status.ok()) bad_input(to_wire(status.error()));
}

// The 64-hex canonical user ID S3 shows as an owner, derived from the account [?].
std::string canonical_id(const sim::AccountId& account) {
  std::uint64_t seed = 0;
  for (char c : account.str()) seed = seed * 131 + static_cast<unsigned char>(c);
  std::string out;
  for (std::uint64_t i = 1; i <= 4; ++i) out += fmt::format("{:016x}", sim::mix64(seed + i));
  return out;
}

Json object_head(const sim::S3Object& object) {
  Json metadata = Json::object();
  for (const auto& [k, v] : object.metadata) metadata[k] = v;
  if (object.synthetic) metadata["amisim-logical-size"] = std::to_string(object.size);
  return {{"AcceptRanges", "bytes"},
          {"ContentLength", object.size},
          {"ETag", object.etag},
          {"LastModified", sim::format_iso8601(object.last_modified)},
          {"ContentType", object.content_type},
          {"Metadata", metadata}};
}

Json create_bucket(sim::World& world, const sim::Caller& caller, const Json& input) {
  std::string name = bucket_of(input);
  std::string constraint;
  if (auto config = input.find("CreateBucketConfiguration"); config != input.end()) {
    if (!config->is_object()) bad_input(wire_errors::s3_bucket_configuration_not_structure());
    constraint = text(*config, "LocationConstraint");
  }
  unwrap(sim::create_bucket(world, caller, name, constraint));
  return {{"Location", "/" + name}};
}

Json list_buckets(sim::World& world, const sim::Caller& caller, const Json&) {
  Json buckets = Json::array();
  for (const sim::Bucket* b : sim::list_buckets(world, caller.account)) {
    buckets.push_back({{"Name", b->name},
                       {"CreationDate", sim::format_iso8601(b->created)},
                       {"BucketRegion", b->region.str()}});
  }
  return {
      {"Buckets", buckets},
      {"Owner",
       {{"DisplayName", "amisim-" + caller.account.str()}, {"ID", canonical_id(caller.account)}}}};
}

Json head_bucket(sim::World& world, const sim::Caller& caller, const Json& input) {
  const sim::Bucket* b = unwrap(sim::find_bucket(world, caller.account, bucket_of(input)));
  return {{"BucketRegion", b->region.str()}, {"AccessPointAlias", false}};
}

// us-east-1 buckets have no constraint (boto3 shows None).
Json get_bucket_location(sim::World& world, const sim::Caller& caller, const Json& input) {
  const sim::Bucket* b = unwrap(sim::find_bucket(world, caller.account, bucket_of(input)));
  if (b->region == sim::kDefaultRegion) return {{"LocationConstraint", nullptr}};
  return {{"LocationConstraint", b->region.str()}};
}

Json delete_bucket(sim::World& world, const sim::Caller& caller, const Json& input) {
  unwrap(sim::delete_bucket(world, caller, bucket_of(input)));
  return Json::object();
}

Json put_object(sim::World& world, const sim::Caller& caller, const Json& input) {
  sim::PutObjectRequest request;
  request.bucket = bucket_of(input);
  request.key = text(input, "Key", true);
  if (auto body = input.find("Body"); body != input.end() && !body->is_null()) {
    if (!body->is_string()) bad_input(wire_errors::s3_body_not_string());
    request.body = body->get<std::string>();  // raw bytes: no UTF-8 rule
  }
  request.etag = "\"" + md5_hex(request.body) + "\"";
  request.content_type = text(input, "ContentType");
  if (auto meta = input.find("Metadata"); meta != input.end() && !meta->is_null()) {
    if (!meta->is_object()) bad_input(wire_errors::s3_metadata_not_map());
    for (const auto& [k, v] : meta->items()) {
      if (!v.is_string() || !protocol::valid_utf8(k) || !protocol::valid_utf8(v.get<std::string>()))
        bad_input(wire_errors::s3_metadata_not_utf8());
      std::string name = k;
      std::transform(name.begin(), name.end(), name.begin(),
                     [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
      request.metadata[name] = v.get<std::string>();
    }
  }
  const sim::S3Object* object = unwrap(sim::put_object(world, caller, std::move(request)));
  return {{"ETag", object->etag}};
}

Json head_object(sim::World& world, const sim::Caller& caller, const Json& input) {
  return object_head(
      *unwrap(sim::get_object(world, caller.account, bucket_of(input), text(input, "Key", true))));
}

Json get_object(sim::World& world, const sim::Caller& caller, const Json& input) {
  std::string bucket = bucket_of(input);
  const sim::S3Object* object =
      unwrap(sim::get_object(world, caller.account, bucket, text(input, "Key", true)));
  Json out = object_head(*object);
  if (object->synthetic) {
    std::string body = synthetic_body(bucket, object->key, object->size);
    out["ContentLength"] = body.size();
    out["Body"] = std::move(body);
  } else {
    out["Body"] = object->body;
  }
  return out;
}

Json delete_object(sim::World& world, const sim::Caller& caller, const Json& input) {
  std::string bucket = bucket_of(input);
  unwrap(sim::delete_object(world, caller, bucket, text(input, "Key", true)));
  return Json::object();
}

int max_keys_of(const Json& input) {
  auto it = input.find("MaxKeys");
  if (it == input.end() || it->is_null()) return 1000;
  if (!it->is_number_integer()) bad_input(wire_errors::s3_max_keys_not_integer());
  return static_cast<int>(std::clamp<std::int64_t>(it->get<std::int64_t>(), -1, 1000));
}

std::string encoding_of(const Json& input) {
  std::string encoding = text(input, "EncodingType");
  if (!encoding.empty() && encoding != "url") bad_input(wire_errors::s3_encoding_invalid());
  return encoding;
}

// Contents and CommonPrefixes of a page; `owner` set for ListObjects (v1 lists owners).
void put_entries(Json& out, const sim::ListObjectsResult& page, const Json& owner) {
  for (const sim::S3Object* o : page.objects) {
    Json entry = {{"Key", o->key},
                  {"LastModified", sim::format_iso8601(o->last_modified)},
                  {"ETag", o->etag},
                  {"Size", o->size},
                  {"StorageClass", "STANDARD"}};
    if (!owner.is_null()) entry["Owner"] = owner;
    out["Contents"].push_back(std::move(entry));
  }
  for (const std::string& p : page.common_prefixes)
    out["CommonPrefixes"].push_back({{"Prefix", p}});
}

Json list_objects_v2(sim::World& world, const sim::Caller& caller, const Json& input) {
  sim::ListObjectsRequest request{.bucket = bucket_of(input),
                                  .prefix = text(input, "Prefix"),
                                  .delimiter = text(input, "Delimiter"),
                                  .max_keys = max_keys_of(input),
                                  .continuation_token = text(input, "ContinuationToken"),
                                  .start_after = text(input, "StartAfter")};
  std::string encoding = encoding_of(input);
  auto page = unwrap(sim::list_objects(world, caller.account, request));
  Json out = {{"Name", request.bucket},
              {"Prefix", request.prefix},
              {"MaxKeys", request.max_keys},
              {"KeyCount", page.objects.size() + page.common_prefixes.size()},
              {"IsTruncated", page.is_truncated}};
  if (!request.delimiter.empty()) out["Delimiter"] = request.delimiter;
  if (!encoding.empty()) out["EncodingType"] = encoding;
  if (!request.continuation_token.empty()) out["ContinuationToken"] = request.continuation_token;
  if (!page.next_continuation_token.empty())
    out["NextContinuationToken"] = page.next_continuation_token;
  if (!request.start_after.empty()) out["StartAfter"] = request.start_after;
  put_entries(out, page, Json());
  return out;
}

// ListObjects (v1): Marker instead of tokens. NextMarker is sent only with a delimiter, as S3
// does (clients otherwise continue from the last key): the later of the last key and the last
// common prefix.
Json list_objects_v1(sim::World& world, const sim::Caller& caller, const Json& input) {
  sim::ListObjectsRequest request{.bucket = bucket_of(input),
                                  .prefix = text(input, "Prefix"),
                                  .delimiter = text(input, "Delimiter"),
                                  .max_keys = max_keys_of(input),
                                  .continuation_token = "",
                                  .start_after = text(input, "Marker")};
  std::string encoding = encoding_of(input);
  auto page = unwrap(sim::list_objects(world, caller.account, request));
  Json out = {{"Name", request.bucket},
              {"Prefix", request.prefix},
              {"Marker", request.start_after},
              {"MaxKeys", request.max_keys},
              {"IsTruncated", page.is_truncated}};
  if (!request.delimiter.empty()) out["Delimiter"] = request.delimiter;
  if (!encoding.empty()) out["EncodingType"] = encoding;
  if (page.is_truncated && !request.delimiter.empty()) {
    std::string last = page.objects.empty() ? "" : page.objects.back()->key;
    if (!page.common_prefixes.empty()) last = std::max(last, page.common_prefixes.back());
    out["NextMarker"] = last;
  }
  put_entries(
      out, page,
      {{"DisplayName", "amisim-" + caller.account.str()}, {"ID", canonical_id(caller.account)}});
  return out;
}

using Handler = Json (*)(sim::World&, const sim::Caller&, const Json&);
struct Entry {
  std::string_view action;
  Handler handler;
  bool mutates;
};
// In name order (supported_actions relies on it).
constexpr Entry kActions[] = {
    {"CreateBucket", create_bucket, true},   {"DeleteBucket", delete_bucket, true},
    {"DeleteObject", delete_object, true},   {"GetBucketLocation", get_bucket_location, false},
    {"GetObject", get_object, false},        {"HeadBucket", head_bucket, false},
    {"HeadObject", head_object, false},      {"ListBuckets", list_buckets, false},
    {"ListObjects", list_objects_v1, false}, {"ListObjectsV2", list_objects_v2, false},
    {"PutObject", put_object, true},
};

const Entry* find_entry(std::string_view action) {
  for (const Entry& e : kActions) {
    if (e.action == action) return &e;
  }
  return nullptr;
}

}  // namespace

std::vector<std::string_view> supported_actions() {
  std::vector<std::string_view> out;
  for (const Entry& e : kActions) out.push_back(e.action);
  return out;
}

bool mutates(std::string_view action) {
  const Entry* e = find_entry(action);
  return e != nullptr && e->mutates;
}

WireResult<Json> call(sim::World& world, const sim::Caller& caller, std::string_view action,
                      const Json& input) {
  if (world.region(caller.region) == nullptr)
    return wire_errors::s3_region_mismatch(caller.region.str());
  if (!sim::is_account_id(caller.account.str())) return wire_errors::s3_invalid_access_key();
  const Entry* entry = find_entry(action);
  if (entry == nullptr) return wire_errors::s3_not_implemented();
  if (!input.is_object()) return wire_errors::s3_input_not_structure();
  world.ensure_account(caller.account);
  try {
    return entry->handler(world, caller, input);
  } catch (const InputError& e) {
    return e.error;
  } catch (const std::exception& e) {
    return wire_errors::s3_internal_error(e.what());
  }
}

namespace {

bool all_text_utf8(const Json& j) {
  if (j.is_string()) return protocol::valid_utf8(j.get_ref<const std::string&>());
  if (j.is_object()) {
    for (const auto& [k, v] : j.items()) {
      if (!protocol::valid_utf8(k) || !all_text_utf8(v)) return false;
    }
  }
  if (j.is_array()) {
    for (const Json& v : j) {
      if (!all_text_utf8(v)) return false;
    }
  }
  return true;
}

}  // namespace

std::optional<Json> journal_input(const Json& input) {
  Json out = input;
  if (out.is_object()) {
    if (auto body = out.find("Body"); body != out.end() && body->is_string()) {
      std::string encoded = sim::base64_encode(body->get<std::string>());
      out.erase("Body");
      out["BodyBase64"] = std::move(encoded);
    }
  }
  if (!all_text_utf8(out)) return std::nullopt;
  return out;
}

std::optional<Json> input_from_journal(const Json& input) {
  if (!input.is_object()) return input;
  auto encoded = input.find("BodyBase64");
  if (encoded == input.end()) return input;
  if (!encoded->is_string()) return std::nullopt;
  auto body = sim::base64_decode(encoded->get<std::string>(), sim::Base64Input::kLenient);
  if (!body) return std::nullopt;
  Json out = input;
  out.erase("BodyBase64");
  out["Body"] = std::move(*body);
  return out;
}

std::string synthetic_body(std::string_view bucket, std::string_view key, std::uint64_t size) {
  return fmt::format(
      "amisim: s3://{}/{} is a simulated object of {} bytes, written by the model (a stored AMI "
      "or an exported disk image); it has a size but no contents.\n",
      bucket, key, size);
}

}  // namespace amisim::s3
