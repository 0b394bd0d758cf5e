// The dlm API's members read against their shapes in botocore's dlm 2018-01-12 model (types,
// enums, patterns, lengths, list and integer bounds, required members). A member that breaks its
// shape is an InvalidRequestException naming the member by its path, in the style of AWS's
// request validation [?] (no capture of a DLM shape error was found):
//   1 validation error detected: Value 'x' at 'policyDetails.schedules.1.member.name' failed to
//   satisfy constraint: Member must satisfy regular expression pattern: [0-9A-Za-z _-]+
// The readers throw Invalid; the door (dlm.cpp) catches it, so nothing escapes the layer.
#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "sim/core/result.hpp"

namespace amisim::dlm::shape {

using Json = nlohmann::json;

// A refused request: thrown by the readers, caught at the door's edge.
struct Invalid {
  sim::Error error;
};

// The member's shape broke `constraint` (value nullptr: the member is missing).
[[noreturn]] void refuse(std::string_view path, const Json* value, std::string_view constraint);
// Something amisim does not model ("event-based policies (PolicyType EVENT_BASED_POLICY)").
[[noreturn]] void unmodelled(std::string_view what);
// Refuses with a message of its own (a rule of the door's between members).
[[noreturn]] void refuse_with(std::string_view message);

// "policyDetails" + "Schedules" -> "policyDetails.schedules" (members as AWS's validation names
// them: the first letter lower-cased); "" + "Tags" -> "tags".
std::string child(std::string_view path, std::string_view member);
// The 0-based item `index` of a list at `path`: "path.<index+1>.member".
std::string item(std::string_view path, std::size_t index);

// A string's shape: its length bounds and an ECMAScript pattern it must match whole ("" none).
struct Text {
  std::size_t min = 0;
  std::size_t max = std::numeric_limits<std::size_t>::max();
  std::string_view pattern;
};

// Member `key` of `in`, nullptr when absent or null.
const Json* find(const Json& in, std::string_view key);

// The members below are read from `in` (an object); `path` names `in` itself ("" at the top).
std::optional<std::string> text(const Json& in, std::string_view key, std::string_view path,
                                const Text& shape);
std::string required_text(const Json& in, std::string_view key, std::string_view path,
                          const Text& shape);
// A string value (not a member): a list's item or a map's value.
std::string text_value(const Json& value, std::string_view path, const Text& shape);
std::optional<std::string> one_of(const Json& in, std::string_view key, std::string_view path,
                                  std::initializer_list<std::string_view> values);
std::optional<int> integer(const Json& in, std::string_view key, std::string_view path,
                           std::int64_t min,
                           std::int64_t max = std::numeric_limits<std::int32_t>::max());
std::optional<bool> boolean(const Json& in, std::string_view key, std::string_view path);
const Json* object(const Json& in, std::string_view key, std::string_view path);
const Json* required_object(const Json& in, std::string_view key, std::string_view path);
const Json* list(const Json& in, std::string_view key, std::string_view path, std::size_t min,
                 std::size_t max = std::numeric_limits<std::size_t>::max());

// The shapes several operations share.
inline constexpr Text kTagKey{1, 128, R"(^(?!aws:)[a-zA-Z+-=._:/]+$)"};  // TagKey
inline constexpr Text kTagValue{0, 256, ""};                             // TagValue
inline constexpr Text kPolicyId{0, 64, "policy-[a-f0-9]+"};              // PolicyId
inline constexpr Text kPolicyArn{
    0, 2048,
    R"(^arn:aws(-[a-z]{1,3}){0,2}:dlm:[A-Za-z0-9_/.-]{0,63}:\d+:policy/[0-9A-Za-z_-]{1,128}$)"};

}  // namespace amisim::dlm::shape
