#include "sim/core/id_allocator.hpp"

#include <fmt/format.h>

#include "sim/core/hash.hpp"

namespace amisim::sim {

std::uint64_t IdAllocator::next_u64() {
  // counter + key is a bijection of the counter, and mix64 is a bijection, so values never repeat
  // before 2^64 calls.
  const std::uint64_t key = mix64(seed_ ^ kSplitMix64Gamma);
  return mix64(++counter_ + key);
}

std::string IdAllocator::next(std::string_view prefix) {
  // Formatted by hand, not with fmt: this runs for every resource a call creates (RunInstances
  // mints three), and the output is the same "<prefix>-0" + 16 lowercase hex digits.
  static constexpr char kHex[] = "0123456789abcdef";
  std::uint64_t value = next_u64();
  std::string out(prefix.size() + 18, '0');
  prefix.copy(out.data(), prefix.size());
  out[prefix.size()] = '-';
  for (std::size_t i = out.size(); i-- > prefix.size() + 2; value >>= 4) out[i] = kHex[value & 0xf];
  return out;
}

std::string IdAllocator::next_request_id() {
  const std::uint64_t a = next_u64();
  const std::uint64_t b = next_u64();
  return fmt::format("{:08x}-{:04x}-4{:03x}-{:04x}-{:012x}", a >> 32, (a >> 16) & 0xffff, a & 0xfff,
                     0x8000 | (b >> 48 & 0x3fff), b & 0xffffffffffffULL);
}

}  // namespace amisim::sim
