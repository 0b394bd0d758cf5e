// Paths into a call's output JSON.
//
// Member paths (`save` and `expect.output`): members joined by dots, each with any number of
// list indexes: "ImageId", "Instances[0].InstanceId", "Reservations[0].Instances[0].State.Name".
// An index may be negative to count from the end ("Images[-1].ImageId"), as in JMESPath; member
// names may hold "-" ("Metadata.ami-name").
//
// Waiter arguments: the JMESPath subset botocore's EC2 waiters use — flattening projections
// ("Reservations[].Instances[].State.Name") and "length(P) > `N`" — enough for every waiter in
// fixtures/aws/ec2-2016-11-15.waiters.json (jmespath.org/specification.html: flatten
// projections drop null results).
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string_view>

namespace amisim::scenario {

// Whether `path` is a well-formed member path.
bool is_member_path(std::string_view path);

// The value at `path`, or nullopt when a member or index is missing (or the path is malformed).
std::optional<nlohmann::json> value_at(const nlohmann::json& doc, std::string_view path);

// Whether an output value matches an expected one: equal JSON, or, when one side is a string and
// the other a number or boolean, the string equals the other's JSON text ("8" matches 8, "true"
// matches true), as expectations are often written from the CLI's text.
bool same_value(const nlohmann::json& actual, const nlohmann::json& expected);

// Whether the waiter argument is in the supported subset.
bool is_waiter_expression(std::string_view expression);

// Evaluates a waiter argument: a list for projections, a boolean for length(...) > `N`, null
// when a plain member is missing.
nlohmann::json search(const nlohmann::json& doc, std::string_view expression);

}  // namespace amisim::scenario
