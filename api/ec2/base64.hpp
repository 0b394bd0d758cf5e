// Base64 for the wire's blobs: RunInstances UserData, ModifyInstanceAttribute UserData.Value and
// ImportKeyPair PublicKeyMaterial arrive as base64 text (aws-facts.md §1.2, §1.3); the model takes
// raw bytes, and DescribeInstanceAttribute returns user data base64 again (§2.3).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "api/ec2/handler.hpp"

namespace amisim::ec2 {

// The bytes `text` encodes (standard alphabet), or nullopt when it is not base64. Lenient the way
// decoders of client input usually are [?]: ASCII whitespace (line breaks from `base64` tools) is
// skipped and the final '=' padding may be left out; anything else outside the alphabet, padding
// in the middle, or a length that cannot be base64 is refused.
std::optional<std::string> base64_decode(std::string_view text);

// The decoded blob member `key` of `input` ("" when absent); InvalidParameterValue naming the
// member when it is not a string or not base64.
std::string blob_member(const Json& input, std::string_view key);

// Standard base64 with padding.
std::string base64_encode(std::string_view bytes);

}  // namespace amisim::ec2
