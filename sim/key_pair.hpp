// A key pair: Region-scoped, named uniquely per account per Region.
#pragma once

#include <string>

#include "sim/ids.hpp"
#include "sim/tags.hpp"
#include "sim/time.hpp"

namespace sim {

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

}  // namespace sim
