// application/x-www-form-urlencoded, as EC2 Query requests use it: "a=b&c=d", percent-encoded,
// '+' meaning space. Decoding is strict: bad escapes and invalid UTF-8 are errors, not guesses.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "api/protocol/wire_error.hpp"

namespace amisim::protocol {

struct FormField {
  std::string name;
  std::string value;
  bool operator==(const FormField&) const = default;
};

// Splits and decodes a body or query string, in order. Empty segments ("a=1&&b=2") are skipped;
// a segment without '=' is a field with an empty value. Errors (MalformedQueryString): a '%' not
// followed by two hex digits, a name or value that is not valid UTF-8, more than max_fields
// fields.
WireResult<std::vector<FormField>> decode_form(std::string_view body, std::size_t max_fields);

// One path segment of a REST request percent-decoded ('+' stays '+'), or nullopt for a bad escape
// or a segment that is not UTF-8.
std::optional<std::string> decode_path_segment(std::string_view segment);

// Percent-encodes everything but the RFC 3986 unreserved characters (A-Z a-z 0-9 - _ . ~), as
// botocore does; space becomes %20.
std::string percent_encode(std::string_view text);

// Whether text is well-formed UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF):
// sim::is_utf8, the one decoder the XML writer and reader use too.
bool valid_utf8(std::string_view text);

}  // namespace amisim::protocol
