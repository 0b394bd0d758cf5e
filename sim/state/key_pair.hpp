// A key pair: Region-scoped, named uniquely per account per Region.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "sim/core/ids.hpp"
#include "sim/core/tags.hpp"
#include "sim/core/time.hpp"

namespace amisim::sim {

struct KeyPair {
  KeyPairId id;  // "key-0123456789abcdef0"
  RegionName region;
  AccountId owner;
  std::string name;
  std::string key_type = "rsa";  // "rsa" | "ed25519"
  std::string fingerprint;
  std::string public_key;
  TimeMs create_time = 0;
  Tags tags;
};

// --- key material (key_pair.cpp) ----------------------------------------------------------
// amisim has no cryptography: keys and fingerprints are deterministic stand-ins with the shapes
// AWS uses (APIREF:CreateKeyPair, DescribeKeyPairs "KeyFingerprint"): a created RSA key's
// fingerprint is 20 colon-separated hex pairs (SHA-1 of the private key in AWS), an imported RSA
// key's 16 pairs (MD5 of the public key), an ED25519 key's the base64 of 32 bytes with '='
// (SHA-256). The bytes come from a non-cryptographic 64-bit mix of the key text.

// An OpenSSH public key line "<type> <base64 blob> [comment]", checked: type ssh-rsa or
// ssh-ed25519, strict base64 (padded, no whitespace), and a blob that starts with the same type
// name (as every OpenSSH key blob does). Returns the key type ("rsa" | "ed25519"), or nullopt
// when malformed.
std::optional<std::string> parse_openssh_public_key(std::string_view text);

// `count` bytes derived from `text`, as "aa:bb:..." lowercase hex pairs.
std::string hex_pair_fingerprint(std::string_view text, std::size_t count);
// 32 bytes derived from `text`, base64 with padding ("...=").
std::string base64_fingerprint(std::string_view text);

// A fake key pair from random words: the PEM private key and the matching public key line.
struct FakeKeyMaterial {
  std::string private_pem;
  std::string public_openssh;
};
FakeKeyMaterial make_fake_key_material(const std::string& key_type, std::uint64_t seed_a,
                                       std::uint64_t seed_b);

}  // namespace amisim::sim
