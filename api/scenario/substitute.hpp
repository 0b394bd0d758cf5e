// `${var}` substitution: every `${name}` inside every string of a step (object keys included)
// becomes the variable's text. A `${` with no closing `}` stays as written.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "sim/core/result.hpp"

namespace amisim::scenario {

using Variables = std::map<std::string, std::string, std::less<>>;

// The value with every reference replaced, or the error "${name} is not set".
sim::Result<nlohmann::json, std::string> substitute(const nlohmann::json& value,
                                                    const Variables& vars);

}  // namespace amisim::scenario
