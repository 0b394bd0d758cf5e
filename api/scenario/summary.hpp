// One-line, human-readable forms of what a step did, for narration and failure messages:
//   "us-east-1 CopyImage SourceImageId=ami-0a1 Name=web", then "ImageId=ami-0b2"
// Inputs show their top-level members (lists joined with commas, nested structures as compact
// JSON, long values cut); outputs show the IDs and states they carry.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "api/protocol/wire_error.hpp"

namespace amisim::scenario {

// "ImageId=ami-1 Name=web" (at most `width` characters).
std::string brief_input(const nlohmann::json& params, std::size_t width = 90);

// "ImageId=ami-2" / "State=available" / "ok": the IDs and states in an output.
std::string brief_output(const nlohmann::json& output, std::size_t width = 70);

// "REGION ACTION INPUT" for a call.
std::string call_line(std::string_view region, std::string_view action,
                      const nlohmann::json& params);

// What came of a call: brief_output, or "error CODE".
std::string call_outcome(const protocol::WireResult<nlohmann::json>& result);

// A JSON value for messages: strings as they are, everything else as compact JSON, cut to
// `width` characters.
std::string show(const nlohmann::json& value, std::size_t width = 80);

}  // namespace amisim::scenario
