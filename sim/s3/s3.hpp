// Amazon S3, as far as the image rules need it: buckets (one global namespace, one owner, one
// Region each) holding objects (key, size, metadata, and small real contents). Objects made by the
// model itself (a stored AMI's `<ami-id>.bin`, an exported disk image) have a size but no bytes:
// a large disk image needs none (fact sheet §6).
//
// Access [?]: only the bucket's owner may use a bucket (no bucket policies or ACLs are modelled);
// another account gets AccessDenied (403). Object operations find a bucket by name from any
// Region (S3 redirects clients to the bucket's Region; amisim simply answers); CreateBucket is
// the one call whose Region matters.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "sim/core/result.hpp"
#include "sim/state/bucket.hpp"
#include "sim/state/world.hpp"

namespace amisim::sim {

// S3 bucket naming rules (S3 user guide, "Bucket naming rules"): 3-63 characters of lower-case
// letters, digits, dots and hyphens; begins and ends with a letter or digit; no two adjacent
// dots; not an IP address; not starting with "xn--" nor ending with "-s3alias".
bool is_valid_bucket_name(const std::string& name);

// CreateBucket. `location_constraint` is the request's LocationConstraint ("" = none). The
// us-east-1 endpoint creates the bucket in the Region the constraint names (none = us-east-1);
// another Region's endpoint needs its own name as the constraint (S3 API reference, CreateBucket).
// Errors: InvalidBucketName, InvalidLocationConstraint (an unknown Region, or "us-east-1" spelt
// out), IllegalLocationConstraintException (constraint missing or naming another Region at a
// Regional endpoint), BucketAlreadyOwnedByYou (the caller's own bucket, 409 — in us-east-1 S3
// answers 200 for the owner's repeat [?]: amisim always answers 409), BucketAlreadyExists
// (another account's).
Result<const Bucket*> create_bucket(World& world, const Caller& caller, const std::string& name,
                                    const std::string& location_constraint);

// DeleteBucket. Errors: NoSuchBucket, AccessDenied, BucketNotEmpty.
Status delete_bucket(World& world, const Caller& caller, const std::string& name);

// The caller's bucket by name (HeadBucket and every object call). Errors: NoSuchBucket,
// AccessDenied (another account's bucket).
Result<const Bucket*> find_bucket(const World& world, const AccountId& caller,
                                  const std::string& name);

// ListBuckets: the account's buckets by name.
std::vector<const Bucket*> list_buckets(const World& world, const AccountId& account);

struct PutObjectRequest {
  std::string bucket;
  std::string key;
  std::string body;
  std::string etag;
  std::string content_type;                     // "" = binary/octet-stream
  std::map<std::string, std::string> metadata;  // x-amz-meta-*
};

// PutObject (replaces an existing key). Errors: NoSuchBucket, AccessDenied, InvalidArgument
// (empty key or a key over 1,024 bytes).
Result<const S3Object*> put_object(World& world, const Caller& caller, PutObjectRequest request);

// GetObject / HeadObject. Errors: NoSuchBucket, AccessDenied, NoSuchKey.
Result<const S3Object*> get_object(const World& world, const AccountId& caller,
                                   const std::string& bucket, const std::string& key);

// DeleteObject: succeeds whether or not the key exists (S3 answers 204 either way).
// Errors: NoSuchBucket, AccessDenied.
Status delete_object(World& world, const Caller& caller, const std::string& bucket,
                     const std::string& key);

struct ListObjectsRequest {
  std::string bucket;
  std::string prefix;
  std::string delimiter;
  int max_keys = 1000;             // 0..1000; larger values are treated as 1000 (as S3 does)
  std::string continuation_token;  // the last key returned, as the model encodes it
  std::string start_after;
};
struct ListObjectsResult {
  std::vector<const S3Object*> objects;
  std::vector<std::string> common_prefixes;
  bool is_truncated = false;
  std::string next_continuation_token;
};

// ListObjectsV2. Errors: NoSuchBucket, AccessDenied, InvalidArgument (bad continuation token or
// max-keys < 0).
Result<ListObjectsResult> list_objects(const World& world, const AccountId& caller,
                                       const ListObjectsRequest& request);

// --- for the model's own tasks (sim/s3/image_tasks.hpp) -----------------------------------------

// The bucket by name, whoever owns it; nullptr when there is none.
Bucket* bucket_named(World& world, const std::string& name);
const Bucket* bucket_named(const World& world, const std::string& name);

// Adds (or replaces) an object made by the model: `object.synthetic` set, last_modified = now.
const S3Object& put_model_object(World& world, Bucket& bucket, S3Object object);

}  // namespace amisim::sim
