// Key pair operations: CreateKeyPair, ImportKeyPair, DescribeKeyPairs, DeleteKeyPair. Region-
// scoped: a key made in one Region does not exist in another.
#pragma once

#include <string>
#include <vector>

#include "sim/core/query.hpp"
#include "sim/state/world.hpp"

namespace amisim::sim {

struct CreateKeyPairResult {
  const KeyPair* key_pair;
  std::string key_material;  // the private key, returned once (deterministic fake PEM)
};

// key_type rsa | ed25519. Key material and fingerprint are deterministic stand-ins
// (sim/state/key_pair.hpp): RSA fingerprints are 20 hex pairs, ED25519 ones base64. Errors:
// MissingParameter (no name), InvalidParameterValue (name not 1-255 ASCII characters, unknown
// type), InvalidKeyPair.Duplicate, tag errors, DryRunOperation.
Result<CreateKeyPairResult> create_key_pair(World& world, const Caller& caller,
                                            const std::string& name,
                                            const std::string& key_type = "rsa",
                                            const std::vector<TagSpecification>& tags = {},
                                            bool dry_run = false);
// public_key: the OpenSSH public key text (already base64-decoded at the wire), "ssh-rsa ..." or
// "ssh-ed25519 ..."; RSA fingerprints are 16 hex pairs (MD5-shaped). Errors as CreateKeyPair,
// and InvalidKey.Format "Key is not in valid OpenSSH public key format" (the code real EC2
// answers with, not the documented InvalidKeyPair.Format).
Result<const KeyPair*> import_key_pair(World& world, const Caller& caller, const std::string& name,
                                       const std::string& public_key,
                                       const std::vector<TagSpecification>& tags = {},
                                       bool dry_run = false);

struct DescribeKeyPairsRequest {
  std::vector<std::string> key_names;
  std::vector<KeyPairId> key_pair_ids;
  std::vector<Filter> filters;  // key-name, key-pair-id, fingerprint, tag:<key>, tag-key
};
// The caller's keys in this Region, by name. Errors: InvalidKeyPair.NotFound for a named key or
// key ID that does not exist here, InvalidFilter, FilterLimitExceeded.
Result<std::vector<const KeyPair*>> describe_key_pairs(const World& world, const Caller& caller,
                                                       const DescribeKeyPairsRequest& request);

// Deleting a missing key succeeds (as EC2 does). By name or by ID.
Status delete_key_pair(World& world, const Caller& caller, const std::string& name,
                       const KeyPairId& id = {}, bool dry_run = false);

// The caller's key pair with this name in the caller's Region, or nullptr.
const KeyPair* find_key_pair(const World& world, const Caller& caller, const std::string& name);

}  // namespace amisim::sim
