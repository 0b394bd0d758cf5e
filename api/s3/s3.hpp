// Amazon S3 at the JSON level: the one way into the S3 subset (sim/s3/s3.hpp) for every door — the
// HTTP REST API (api/s3/rest.hpp routes through here), the scenario runner and C++ callers.
// Inputs and outputs are shaped like boto3's s3 client:
//   CreateBucket   {Bucket, CreateBucketConfiguration: {LocationConstraint}} -> {Location}
//   ListBuckets    {} -> {Buckets: [{Name, CreationDate, BucketRegion}], Owner: {ID, DisplayName}}
//   HeadBucket     {Bucket} -> {BucketRegion}
//   GetBucketLocation {Bucket} -> {LocationConstraint} (null for us-east-1)
//   DeleteBucket   {Bucket} -> {}
//   PutObject      {Bucket, Key, Body, ContentType, Metadata: {}} -> {ETag}
//   HeadObject     {Bucket, Key} -> {ContentLength, ETag, LastModified, ContentType, Metadata,
//                  AcceptRanges}
//   GetObject      {Bucket, Key} -> HeadObject's members plus Body
//   DeleteObject   {Bucket, Key} -> {}
//   ListObjectsV2  {Bucket, Prefix, Delimiter, MaxKeys, ContinuationToken, StartAfter,
//                  EncodingType} -> {Name, Prefix, Delimiter, MaxKeys, KeyCount, IsTruncated,
//                  Contents: [{Key, Size, ETag, LastModified, StorageClass}],
//                  CommonPrefixes: [{Prefix}], ContinuationToken, NextContinuationToken,
//                  StartAfter, EncodingType}
//   ListObjects    {Bucket, Prefix, Delimiter, MaxKeys, Marker, EncodingType} -> {Name, Prefix,
//                  Marker, NextMarker (with a delimiter), MaxKeys, IsTruncated, Contents (with
//                  Owner), CommonPrefixes, Delimiter, EncodingType}
// Body is a JSON string holding the raw bytes (not necessarily UTF-8: fine in process; the
// journal stores it base64, see journal_input). Timestamps are ISO 8601 strings, as ec2::call
// writes them. Keys and prefixes are never URL-encoded here: EncodingType "url" is only echoed,
// and the REST writer encodes them (as boto3 decodes them again before a caller sees them).
//
// A synthetic object (made by the model: a stored AMI, an exported disk image; size only) reads
// as a short deterministic text saying so, with ContentLength the text's length and the metadata
// "amisim-logical-size" = its size in bytes; HeadObject and ListObjectsV2 report the logical
// size (and HeadObject the same metadata). [?] amisim's choice: S3 has no such objects.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "api/protocol/wire_error.hpp"
#include "sim/state/world.hpp"

namespace amisim::s3 {

using Json = nlohmann::json;
using protocol::WireError;
using protocol::WireResult;

// Every action s3::call answers, in name order.
std::vector<std::string_view> supported_actions();

// Whether `action` can change the world (CreateBucket, DeleteBucket, PutObject, DeleteObject).
bool mutates(std::string_view action);

// Runs one call: the caller's Region must exist (else AuthorizationHeaderMalformed, 400) and the
// account is created on first sight, as sim::Caller's contract requires. Errors are the sim
// errors' code, status and message; a bad input member is InvalidArgument (400); an action
// outside the subset is NotImplemented (501). Never throws for bad input.
WireResult<Json> call(sim::World& world, const sim::Caller& caller, std::string_view action,
                      const Json& input);

// `input` made safe to write as JSON text: a PutObject Body becomes BodyBase64. nullopt when some
// other text is not UTF-8: call() refuses such input before it changes anything (InvalidArgument),
// so there is nothing to replay. input_from_journal undoes it (nullopt when BodyBase64 is not
// base64).
std::optional<Json> journal_input(const Json& input);
std::optional<Json> input_from_journal(const Json& input);

// The text GetObject returns for a synthetic object.
std::string synthetic_body(std::string_view bucket, std::string_view key, std::uint64_t size);

}  // namespace amisim::s3
