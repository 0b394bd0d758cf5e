// What the restJson1 doors (api/rbin, api/dlm) share: the caller a call is admitted for, and the
// request's JSON body joined to the members its path and query gave.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string_view>

#include "api/protocol/wire_error.hpp"
#include "sim/state/world.hpp"

namespace amisim::protocol {

// Why `caller` may not call a Regional restJson1 API with `input`, or nullopt: a Region the world
// does not have (wire_errors::unknown_region), a malformed account or an opt-in Region the
// account has not enabled (AuthFailure, as EC2 answers), an input neither null nor an object
// (SerializationException). Creates the account on first sight (Caller's contract).
std::optional<WireError> admit_call(sim::World& world, const sim::Caller& caller,
                                    const nlohmann::json& input);

// Adds the body's members to `input` (an object), those already there winning: the path's and
// the query's members are not body members in the models. An empty body adds nothing; one that
// is not a JSON object is SerializationException.
std::optional<WireError> merge_json_body(std::string_view body, nlohmann::json& input);

}  // namespace amisim::protocol
