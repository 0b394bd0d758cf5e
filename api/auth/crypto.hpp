// The two primitives Signature Version 4 is built from, computed by OpenSSL's libcrypto (never a
// hand-written hash): SHA-256 of a byte string, and HMAC-SHA256 under a key.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace amisim::auth {

using Digest = std::array<std::uint8_t, 32>;

Digest sha256(std::string_view bytes);
Digest hmac_sha256(std::string_view key, std::string_view message);

// The 64 lower-case hex digits of a digest.
std::string hex(const Digest& digest);
// hex(sha256(bytes)): what SigV4 calls HexEncode(Hash(payload)).
std::string sha256_hex(std::string_view bytes);

// The digest's bytes as a string (an HMAC key for the next step of a key derivation).
std::string bytes_of(const Digest& digest);

// Constant-time comparison of two strings of equal length (false when the lengths differ), so
// that a signature check does not say how many leading characters were right.
bool equal_constant_time(std::string_view a, std::string_view b);

}  // namespace amisim::auth
