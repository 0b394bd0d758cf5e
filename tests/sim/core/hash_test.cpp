#include "sim/core/hash.hpp"

#include <catch2/catch.hpp>

using namespace amisim;

using namespace sim;

TEST_CASE("FNV-1a 64 gives the published test vectors") {
  // From the FNV reference test suite (Fowler, Noll, Vo).
  CHECK(fnv1a("") == 0xcbf29ce484222325ULL);
  CHECK(fnv1a("a") == 0xaf63dc4c8601ec8cULL);
  CHECK(fnv1a("foobar") == 0x85944171f73967e8ULL);
}

TEST_CASE("FNV-1a hashes bytes above 0x7f as unsigned") {
  // One byte 0xff: (basis ^ 0xff) * prime, whatever the signedness of char.
  CHECK(fnv1a("\xff") == (kFnv1aOffsetBasis ^ 0xffULL) * kFnv1aPrime);
}

TEST_CASE("FNV-1a continued from a previous hash gives another value from the same text") {
  const std::uint64_t first = fnv1a("aws/ebs:123456789012:us-east-1");
  CHECK(fnv1a("aws/ebs:123456789012:us-east-1", first) != first);
  // Continuing is hashing the concatenation when the basis is the first half's hash.
  CHECK(fnv1a("bar", fnv1a("foo")) == fnv1a("foobar"));
}

TEST_CASE("SplitMix64 gives the reference generator's outputs for seed 0") {
  // The first three outputs of Vigna's splitmix64.c seeded with 0: the state advances by the
  // gamma before each output.
  CHECK(splitmix64(0) == 0xe220a8397b1dcdafULL);
  CHECK(splitmix64(kSplitMix64Gamma) == 0x6e789e6aa1b965f4ULL);
  CHECK(splitmix64(2 * kSplitMix64Gamma) == 0x06c45d188009454fULL);
}

TEST_CASE("mix64 is SplitMix64 without the increment") {
  CHECK(mix64(kSplitMix64Gamma) == 0xe220a8397b1dcdafULL);
  CHECK(mix64(0) == 0);  // the finaliser maps 0 to 0: why the generator adds the gamma first
}
