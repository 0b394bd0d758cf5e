// Base64 (RFC 4648 §4, the standard alphabet "A-Za-z0-9+/" with '=' padding): the one codec for
// the wire's blobs (user data, key material, S3 bodies in the journal) and the model's key
// material and fingerprints.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace amisim::sim {

// Standard base64 with padding.
std::string base64_encode(std::string_view bytes);

// How much a decoder forgives. Both refuse characters outside the alphabet, data after
// padding, more than two '=' and a final group of one character; neither checks that unused
// low bits of the last character are zero.
enum class Base64Input {
  // Exactly the encoder's output form: no whitespace, '=' padding to a multiple of 4
  // characters, and not empty (the base64 inside an OpenSSH public key line).
  kStrict,
  // As decoders of client input usually are [?]: ASCII whitespace (space, tab, CR, LF: line
  // breaks from `base64` tools) is skipped, the final padding may be left out (but when given
  // must complete the last group), and "" is the empty blob.
  kLenient,
};

// The bytes `text` encodes, or nullopt when it is not base64 of the given strictness.
std::optional<std::string> base64_decode(std::string_view text, Base64Input input);

}  // namespace amisim::sim
