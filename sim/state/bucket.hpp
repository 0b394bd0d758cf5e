// S3 buckets and objects as world state (the operations are in sim/s3/s3.hpp).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>

#include "sim/core/ids.hpp"
#include "sim/core/time.hpp"
#include "sim/state/image.hpp"
#include "sim/state/snapshot.hpp"

namespace amisim::sim {

// What CreateStoreImageTask wrote into an object: the AMI as it was (ID, name, description,
// mappings, product codes, architecture, tags) and the data of its EBS snapshots, so that
// CreateRestoreImageTask can make a new AMI from it after the original is gone (fact sheet §6).
struct StoredImage {
  Image image;
  std::map<SnapshotId, Snapshot> snapshots;  // by the original snapshot ID
  AccountId stored_by;
  TimeMs stored_at = 0;
};

struct S3Object {
  std::string key;
  std::uint64_t size = 0;  // bytes; == body.size() unless synthetic
  std::string body;        // the real contents of an upload; empty when synthetic
  bool synthetic = false;  // a model-made object: size only, no bytes
  std::string etag;        // as S3 writes it, quoted: "\"<hex md5>\"" (computed by api/s3)
  std::string content_type = "binary/octet-stream";
  TimeMs last_modified = 0;
  std::map<std::string, std::string> metadata;      // x-amz-meta-* names (lower case, no prefix)
  std::shared_ptr<const StoredImage> stored_image;  // set for a CreateStoreImageTask object
};

struct Bucket {
  std::string name;
  AccountId owner;
  RegionName region;
  TimeMs created = 0;
  std::map<std::string, S3Object> objects;  // by key (S3 lists keys in UTF-8 binary order)
};

}  // namespace amisim::sim
