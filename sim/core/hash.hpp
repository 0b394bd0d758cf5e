// Stable hashing: the same bytes give the same value on every platform, compiler and standard
// library. Whatever reaches output, an ID, a fingerprint or a digest is hashed with these, never
// with std::hash (whose values differ between standard libraries, and may between releases).
// None of it is cryptographic.
#pragma once

#include <cstdint>
#include <string_view>

namespace amisim::sim {

// FNV-1a, 64 bits (Fowler, Noll, Vo): the standard offset basis and prime.
inline constexpr std::uint64_t kFnv1aOffsetBasis = 0xcbf29ce484222325ULL;
inline constexpr std::uint64_t kFnv1aPrime = 0x100000001b3ULL;

// FNV-1a 64 over `text`, starting from `basis`: the standard offset basis, or a previous hash
// to continue from (a second, different value from the same text).
constexpr std::uint64_t fnv1a(std::string_view text, std::uint64_t basis = kFnv1aOffsetBasis) {
  std::uint64_t h = basis;
  for (char c : text) {
    h ^= static_cast<unsigned char>(c);
    h *= kFnv1aPrime;
  }
  return h;
}

// SplitMix64's increment (2^64 / the golden ratio, odd).
inline constexpr std::uint64_t kSplitMix64Gamma = 0x9e3779b97f4a7c15ULL;

// SplitMix64's finaliser: a bijection on 64-bit values.
constexpr std::uint64_t mix64(std::uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return x;
}

// SplitMix64's output for `state`: its finaliser over state + gamma. (sim/state/key_pair.cpp
// feeds each output back in as the next state.)
constexpr std::uint64_t splitmix64(std::uint64_t state) { return mix64(state + kSplitMix64Gamma); }

}  // namespace amisim::sim
