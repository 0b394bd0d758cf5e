// The one seeded source of identity and pseudo-randomness in a World. IDs are "<prefix>-" plus
// 17 hex digits; the 16 low digits are a bijective mix of a counter, so every ID an allocator
// issues is distinct from every other it issues, whatever the prefix, and the same seed gives
// the same sequence byte for byte (DESIGN.md, Identity and determinism).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace amisim::sim {

class IdAllocator {
 public:
  explicit IdAllocator(std::uint64_t seed = 0) : seed_(seed) {}

  // "ami-0" followed by 16 hex digits; distinct on every call.
  std::string next(std::string_view prefix);

  // A pseudo-random 64-bit value from the same stream (fingerprints, key material).
  std::uint64_t next_u64();

  // A request ID in UUID form ("8f3c...-...."), as EC2's requestId.
  std::string next_request_id();

  std::uint64_t seed() const { return seed_; }
  std::uint64_t counter() const { return counter_; }
  // Restores a saved position (state load).
  void restore(std::uint64_t seed, std::uint64_t counter) {
    seed_ = seed;
    counter_ = counter;
  }

 private:
  std::uint64_t seed_;
  std::uint64_t counter_ = 0;
};

}  // namespace amisim::sim
