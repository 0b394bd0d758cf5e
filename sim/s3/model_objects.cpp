// The model's own access to buckets (store and export tasks write objects; restore and import
// read them). The S3 operations users call are in buckets.cpp.
#include <utility>

#include "sim/billing/metering.hpp"
#include "sim/s3/s3.hpp"

namespace amisim::sim {

Bucket* bucket_named(World& world, const std::string& name) {
  auto it = world.buckets().find(name);
  return it == world.buckets().end() ? nullptr : &it->second;
}

const Bucket* bucket_named(const World& world, const std::string& name) {
  auto it = world.buckets().find(name);
  return it == world.buckets().end() ? nullptr : &it->second;
}

const S3Object& put_model_object(World& world, Bucket& bucket, S3Object object) {
  object.synthetic = true;
  object.body.clear();
  object.last_modified = world.now();
  std::string key = object.key;
  auto& slot = bucket.objects[key];
  slot = std::move(object);
  meter_bucket(world, bucket);
  return slot;
}

}  // namespace amisim::sim
