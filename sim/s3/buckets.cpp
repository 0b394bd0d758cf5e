// The S3 operations users call (sim/s3/s3.hpp). The model's own object writes are in
// model_objects.cpp.
#include <algorithm>
#include <optional>
#include <utility>

#include "sim/billing/metering.hpp"
#include "sim/core/text.hpp"
#include "sim/s3/s3.hpp"

namespace amisim::sim {
namespace {

constexpr int kMaxListKeys = 1000;

bool is_lower_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// Four dot-separated decimal numbers ("192.168.5.4"): S3 refuses names formatted as IP addresses.
bool looks_like_ip_address(std::string_view name) {
  int parts = 0;
  std::size_t start = 0;
  while (start <= name.size()) {
    std::size_t dot = name.find('.', start);
    std::string_view part = name.substr(start, dot == std::string_view::npos ? dot : dot - start);
    if (part.empty() || part.size() > 3 ||
        !std::all_of(part.begin(), part.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      return false;
    }
    ++parts;
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return parts == 4;
}

// The caller's bucket, writable (same errors as find_bucket).
Result<Bucket*> own_bucket(World& world, const AccountId& caller, const std::string& name) {
  Bucket* bucket = bucket_named(world, name);
  if (bucket == nullptr) return errors::no_such_bucket(name);
  if (bucket->owner != caller) return errors::s3_access_denied();
  return bucket;
}

// Continuation tokens are the hex of the last key a page consumed: opaque to clients, exact for
// any key bytes, and checkable. (Real S3 tokens are opaque base64 of its own state [?].)
std::string encode_token(std::string_view key) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(key.size() * 2 + 1);
  out.push_back('1');  // a version digit, so a token is never empty
  for (unsigned char c : key) {
    out.push_back(kHex[c >> 4]);
    out.push_back(kHex[c & 15]);
  }
  return out;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

std::optional<std::string> decode_token(std::string_view token) {
  if (token.empty() || token[0] != '1' || token.size() % 2 != 1) return std::nullopt;
  std::string key;
  for (std::size_t i = 1; i < token.size(); i += 2) {
    int hi = hex_value(token[i]);
    int lo = hex_value(token[i + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    key.push_back(static_cast<char>(hi * 16 + lo));
  }
  return key;
}

// One listing page: walks keys with the prefix after `marker`, rolling keys that contain the
// delimiter after the prefix into one CommonPrefixes entry (which counts once toward max-keys).
ListObjectsResult list_page(const Bucket& bucket, const ListObjectsRequest& request,
                            const std::string& marker, bool has_marker, int max_keys) {
  ListObjectsResult out;
  auto it = bucket.objects.lower_bound(request.prefix);
  if (has_marker && marker >= request.prefix) it = bucket.objects.upper_bound(marker);
  int count = 0;
  std::string last_consumed;
  for (; it != bucket.objects.end(); ++it) {
    const std::string& key = it->first;
    if (key.compare(0, request.prefix.size(), request.prefix) != 0) break;
    std::size_t at = request.delimiter.empty() ? std::string::npos
                                               : key.find(request.delimiter, request.prefix.size());
    std::string rolled =
        at == std::string::npos ? "" : key.substr(0, at + request.delimiter.size());
    // A group at or before the marker was on an earlier page (v1 NextMarker is such a prefix). [?]
    if (!rolled.empty() && has_marker && rolled <= marker) continue;
    bool same_group =
        !rolled.empty() && !out.common_prefixes.empty() && out.common_prefixes.back() == rolled;
    if (!same_group && count == max_keys) {
      out.is_truncated = max_keys > 0;  // [?] max-keys=0 answers an empty, untruncated page
      break;
    }
    last_consumed = key;
    if (same_group) continue;
    ++count;
    if (rolled.empty()) {
      out.objects.push_back(&it->second);
    } else {
      out.common_prefixes.push_back(std::move(rolled));
    }
  }
  if (out.is_truncated) out.next_continuation_token = encode_token(last_consumed);
  return out;
}

}  // namespace

bool is_valid_bucket_name(const std::string& name) {
  if (name.size() < 3 || name.size() > 63) return false;
  if (!is_lower_alnum(name.front()) || !is_lower_alnum(name.back())) return false;
  for (char c : name) {
    if (!is_lower_alnum(c) && c != '.' && c != '-') return false;
  }
  if (name.find("..") != std::string::npos) return false;
  if (name.rfind("xn--", 0) == 0 || ends_with(name, "-s3alias")) return false;
  return !looks_like_ip_address(name);
}

Result<const Bucket*> create_bucket(World& world, const Caller& caller, const std::string& name,
                                    const std::string& location_constraint) {
  if (!is_valid_bucket_name(name)) return errors::invalid_bucket_name(name);
  // The us-east-1 endpoint creates a bucket in the Region the constraint names (none = us-east-1);
  // any other Region's endpoint takes only its own name.
  const std::string& region = caller.region.str();
  RegionName placed = caller.region;
  if (!location_constraint.empty()) {
    if (location_constraint == kDefaultRegion.str() ||
        world.region(RegionName(location_constraint)) == nullptr)
      return errors::invalid_location_constraint();
    if (region == kDefaultRegion.str()) placed = RegionName(location_constraint);
  }
  if (region != kDefaultRegion.str() && location_constraint != region)
    return errors::illegal_location_constraint(location_constraint);
  if (const Bucket* existing = bucket_named(world, name)) {
    if (existing->owner == caller.account) return errors::bucket_already_owned_by_you();
    return errors::bucket_already_exists();
  }
  Bucket bucket{.name = name,
                .owner = caller.account,
                .region = placed,
                .created = world.now(),
                .objects = {}};
  auto [it, inserted] = world.buckets().emplace(name, std::move(bucket));
  return &it->second;
}

Status delete_bucket(World& world, const Caller& caller, const std::string& name) {
  auto bucket = own_bucket(world, caller.account, name);
  if (!bucket) return bucket.error();
  if (!bucket.value()->objects.empty()) return errors::bucket_not_empty();
  world.buckets().erase(name);
  return ok_status();
}

Result<const Bucket*> find_bucket(const World& world, const AccountId& caller,
                                  const std::string& name) {
  const Bucket* bucket = bucket_named(world, name);
  if (bucket == nullptr) return errors::no_such_bucket(name);
  if (bucket->owner != caller) return errors::s3_access_denied();
  return bucket;
}

std::vector<const Bucket*> list_buckets(const World& world, const AccountId& account) {
  std::vector<const Bucket*> out;
  for (const auto& [name, bucket] : world.buckets()) {
    if (bucket.owner == account) out.push_back(&bucket);
  }
  return out;
}

Result<const S3Object*> put_object(World& world, const Caller& caller, PutObjectRequest request) {
  auto bucket = own_bucket(world, caller.account, request.bucket);
  if (!bucket) return bucket.error();
  if (auto s = check_object_key(request.key); !s) return s.error();
  if (auto s = check_content_type(request.content_type); !s) return s.error();
  for (const auto& [name, value] : request.metadata) {
    if (auto s = check_object_metadata(name, value); !s) return s.error();
  }
  S3Object object;
  object.key = request.key;
  object.size = request.body.size();
  object.body = std::move(request.body);
  object.etag = std::move(request.etag);
  if (!request.content_type.empty()) object.content_type = std::move(request.content_type);
  object.last_modified = world.now();
  object.metadata = std::move(request.metadata);
  auto& slot = bucket.value()->objects[request.key];
  slot = std::move(object);
  meter_bucket(world, *bucket.value());
  return &slot;
}

Result<const S3Object*> get_object(const World& world, const AccountId& caller,
                                   const std::string& bucket, const std::string& key) {
  auto found = find_bucket(world, caller, bucket);
  if (!found) return found.error();
  auto it = found.value()->objects.find(key);
  if (it == found.value()->objects.end()) return errors::no_such_key(key);
  return &it->second;
}

Status delete_object(World& world, const Caller& caller, const std::string& bucket,
                     const std::string& key) {
  auto found = own_bucket(world, caller.account, bucket);
  if (!found) return found.error();
  found.value()->objects.erase(key);
  meter_bucket(world, *found.value());
  return ok_status();
}

Result<ListObjectsResult> list_objects(const World& world, const AccountId& caller,
                                       const ListObjectsRequest& request) {
  auto bucket = find_bucket(world, caller, request.bucket);
  if (!bucket) return bucket.error();
  if (request.max_keys < 0) {
    return errors::max_keys_negative();
  }
  std::string marker = request.start_after;
  bool has_marker = !marker.empty();
  if (!request.continuation_token.empty()) {
    auto key = decode_token(request.continuation_token);
    if (!key) return errors::continuation_token_invalid();
    marker = std::move(*key);
    has_marker = true;
  }
  return list_page(*bucket.value(), request, marker, has_marker,
                   std::min(request.max_keys, kMaxListKeys));
}

}  // namespace amisim::sim
