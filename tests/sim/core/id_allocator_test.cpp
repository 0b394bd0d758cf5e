#include "sim/core/id_allocator.hpp"

#include <rapidcheck/catch.h>

#include <catch2/catch.hpp>
#include <set>

#include "sim/core/ids.hpp"

using namespace amisim;

using namespace sim;

TEST_CASE("Allocated IDs have AWS's long form") {
  IdAllocator ids(42);
  const std::string id = ids.next("ami");
  CHECK(is_well_formed_id("ami", id));
  CHECK(id.size() == std::string("ami-0123456789abcdef0").size());
  CHECK(is_well_formed_id("i", ids.next("i")));
}

TEST_CASE("The same seed gives the same IDs, IDs never repeat") {
  rc::prop("sequence is a function of the seed and distinct", [](std::uint64_t seed) {
    IdAllocator a(seed), b(seed);
    std::set<std::string> seen;
    for (int n = 0; n < 200; ++n) {
      const std::string x = a.next(n % 2 ? "ami" : "snap");
      RC_ASSERT(x == b.next(n % 2 ? "ami" : "snap"));
      RC_ASSERT(seen.insert(x.substr(x.find('-'))).second);  // distinct even across prefixes
    }
  });
}

TEST_CASE("Well-formed IDs are the 8- and 17-hex forms only") {
  CHECK(is_well_formed_id("ami", "ami-12cb8f72"));
  CHECK(is_well_formed_id("ami", "ami-0c55b159cbfafe1f0"));
  CHECK_FALSE(is_well_formed_id("ami", "ami-0C55B159CBFAFE1F0"));
  CHECK_FALSE(is_well_formed_id("ami", "ami-123"));
  CHECK_FALSE(is_well_formed_id("ami", "snap-12cb8f72"));
  CHECK_FALSE(is_well_formed_id("ami", "ami12cb8f72"));
}

TEST_CASE("Account IDs are exactly 12 ASCII digits") {
  CHECK(is_account_id("123456789012"));
  CHECK(is_account_id("000000000000"));
  CHECK_FALSE(is_account_id("12345678901a"));
  CHECK_FALSE(is_account_id("12345678901"));    // 11
  CHECK_FALSE(is_account_id("1234567890123"));  // 13
  CHECK_FALSE(is_account_id("+12345678901"));
  CHECK_FALSE(is_account_id("-12345678901"));
  CHECK_FALSE(is_account_id(" 12345678901"));
  CHECK_FALSE(is_account_id(""));
}

TEST_CASE("Request IDs look like UUIDs") {
  IdAllocator ids(1);
  const std::string r = ids.next_request_id();
  REQUIRE(r.size() == 36);
  CHECK(r[8] == '-');
  CHECK(r[13] == '-');
  CHECK(r[14] == '4');
}
