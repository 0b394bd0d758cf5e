// Scalar values between their wire text and their JSON form, shared by the request parser, the
// request writer, the XML writer and the XML reader, so all four agree on every type:
//   integer/long  JSON integer; text in decimal, range-checked (int32 / int64)
//   boolean       JSON true/false; text exactly "true" / "false" (botocore sends lowercase)
//   timestamp     JSON string, kept as sent; text must be ISO-8601
//                 (YYYY-MM-DDThh:mm:ss[.fraction](Z|+hh:mm|-hh:mm))
//   blob          JSON string holding the base64 text, unchanged; handlers decode it (botocore
//                 sends blobs base64-encoded, aws-facts.md §1.2)
//   double        JSON number
//   string        JSON string
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "api/protocol/service_model.hpp"

namespace amisim::protocol {

// The JSON value of wire text for a scalar type, or nullopt with *reason set (the sentence that
// follows "Value (x) for parameter p is invalid.").
std::optional<nlohmann::json> scalar_from_text(ShapeType type, std::string_view text,
                                               std::string* reason);

// The wire text of a JSON value for a scalar type, or nullopt when the JSON has the wrong type.
std::optional<std::string> scalar_to_text(ShapeType type, const nlohmann::json& value);

// Whether text is an ISO-8601 date-time in the form above.
bool is_iso8601(std::string_view text);

bool is_scalar(ShapeType type);

}  // namespace amisim::protocol
