// Typed reads of an operation's input JSON. The query parser has already checked types for the
// HTTP door, but scenario files and C++ callers hand JSON in directly, so every accessor checks
// the JSON type and throws ApiError (InvalidParameterValue naming the member) on a mismatch
// rather than trusting it. Absent members and nulls read as "not given".
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "api/ec2/handler.hpp"
#include "sim/core/query.hpp"
#include "sim/core/tags.hpp"
#include "sim/core/time.hpp"
#include "sim/state/image.hpp"
#include "sim/state/metadata_options.hpp"

namespace amisim::ec2 {

// The member `key` of `input`, or null when absent or when input is not an object.
const Json* member(const Json& input, std::string_view key);

// An optional string member. An empty string reads as not given: EC2 treats an optional string
// sent empty as absent. Packer's amazon-ebs builder sends VpcId= on CreateSecurityGroup and
// SubnetId=, Placement.AvailabilityZone=, IamInstanceProfile.Name= and (without user data)
// UserData= on RunInstances, and its plain templates work against AWS (hashicorp/packer
// builder/amazon/common step_security_group.go, step_run_source_instance.go). The one rule is
// here, for every handler and every door.
// Where "" is a value rather than an absence, handlers read the member with
// opt_string_as_sent: tag keys and values (DeleteTags' Value "" deletes only an empty-valued
// tag, EC2 API reference), NoDevice (present = suppress, and it is always ""), the values of
// attribute changes (Value, Description.Value) and the entries of permission lists. Entries of
// string lists are kept as sent too (strings()): AWS refuses an empty entry, in words that differ
// by member (SecurityGroupId.1= "Value () for parameter groupId is invalid. The value cannot be
// empty", real replies quoted in ansible/ansible#29519; InstanceId.1= on DescribeInstances
// "The request must contain the parameter InstanceId", aws/aws-sdk-java#1131); amisim answers
// the model's check of the value (a Malformed or NotFound ID) [?].
std::optional<std::string> opt_string(const Json& input, std::string_view key);
// The member as sent, "" included (see opt_string for where that matters).
std::optional<std::string> opt_string_as_sent(const Json& input, std::string_view key);
// opt_string's value, or `fallback` when not given (absent, null or "").
std::string string_or(const Json& input, std::string_view key, std::string fallback = {});
// A required member (the model marks it required; the parser already enforces that over HTTP):
// MissingParameter when absent. "" is passed on as sent, for the model's own check of the value.
std::string required_string(const Json& input, std::string_view key);
std::optional<bool> opt_bool(const Json& input, std::string_view key);
// The common "DryRun" member (false when absent). See handler.hpp, "DryRun", for what a handler
// does with it.
bool dry_run(const Json& input);
bool bool_or(const Json& input, std::string_view key, bool fallback);
std::optional<std::int64_t> opt_int(const Json& input, std::string_view key);
// An Integer member (the model's 32-bit Integer): out-of-range numbers are InvalidParameterValue,
// as the query parser answers them over HTTP, never wrapped or clamped.
std::optional<int> opt_int32(const Json& input, std::string_view key);
// The base64 blob member `key` decoded (sim/core/base64.hpp, lenient: line breaks and missing
// padding are forgiven); "" when absent. InvalidParameterValue naming the member when it is not
// a string or not base64. RunInstances UserData, ModifyInstanceAttribute UserData.Value and
// ImportKeyPair PublicKeyMaterial arrive so (aws-facts.md §1.2, §1.3).
std::string blob_member(const Json& input, std::string_view key);
// A list of strings ([] when absent).
std::vector<std::string> strings(const Json& input, std::string_view key);
// A list of objects ([] when absent); each entry is checked to be an object.
std::vector<const Json*> objects(const Json& input, std::string_view key);
// An object member, or null when absent.
const Json* object(const Json& input, std::string_view key);

// "BlockDeviceMappings" of RunInstances, CreateImage and RegisterImage: DeviceName (required),
// VirtualName, NoDevice (a string whose presence, usually "", suppresses the device) and Ebs;
// Ebs members left out keep the model's defaults.
std::vector<sim::BlockDeviceMapping> block_device_mappings(const Json& input);
// MetadataOptions (RunInstances, launch templates) and ModifyInstanceMetadataOptions' members: the
// ones given, checked by the model (sim/instances/metadata_options.hpp).
sim::MetadataOptionsRequest metadata_options_request(const Json& input);

// "Filters": [{"Name": n, "Values": [...]}].
std::vector<sim::Filter> filters(const Json& input, std::string_view key = "Filters");
// "MaxResults" and "NextToken".
sim::PageRequest page(const Json& input);
// [{"Key": k, "Value": v}] under `key`.
std::vector<sim::Tag> tag_list(const Json& input, std::string_view key = "Tags");
// "TagSpecifications": [{"ResourceType": t, "Tags": [...]}].
std::vector<sim::TagSpecification> tag_specifications(const Json& input);

// --- output helpers ------------------------------------------------------------------------

// [{"Key": k, "Value": v}] in key order; [] for no tags.
Json tags_json(const sim::Tags& tags);
// [{"ProductCodeId", "ProductCodeType"}] (images and instances); [] for none.
Json product_codes_json(const std::vector<sim::ProductCode>& codes);
// BlockDeviceMappings in the output shapes of images and launch-template data: DeviceName,
// VirtualName (when set), NoDevice "" (when suppressed) and Ebs with the members that are set.
Json block_device_mappings_json(const std::vector<sim::BlockDeviceMapping>& mappings);
// ISO-8601 with milliseconds and Z, as EC2 writes times.
std::string time_json(sim::TimeMs t);
// Sets out[key] = value unless value is empty.
void put_nonempty(Json& out, std::string_view key, const std::string& value);

}  // namespace amisim::ec2
