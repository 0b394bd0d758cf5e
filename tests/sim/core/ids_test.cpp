// IdMap's key (sim/core/ids.hpp): MapKey compares a 16-byte prefix kept in the map's node before
// the text, and must order exactly as the IDs' strings do, or every ordered output (Describe
// results, the state digest) would change.
#include "sim/core/ids.hpp"

#include <rapidcheck/catch.h>

#include <catch2/catch.hpp>
#include <string>
#include <vector>

using namespace amisim::sim;

namespace {

using TestId = Id<struct TestTag>;

// Texts that stress the prefix: shared prefixes around the 16-byte boundary, shorter and longer
// than 16 bytes, NUL and bytes above 0x7F (which must sort after ASCII, as std::string's do).
rc::Gen<std::string> texts() {
  return rc::gen::map(
      rc::gen::pair(rc::gen::inRange(0, 4), rc::gen::container<std::string>(rc::gen::element<char>(
                                                'a', 'b', '0', '\0', '\x7f', '\x80', '\xff'))),
      [](const std::pair<int, std::string>& p) {
        static const char* kStems[] = {"", "i-0123456789abc", "i-0123456789abcd", "vol-0"};
        return std::string(kStems[p.first]) + p.second;
      });
}

}  // namespace

TEST_CASE("MapKeyLess orders IDs as their strings do, for keys and for probes") {
  rc::prop("same order as std::string", [] {
    const std::string a = *texts();
    const std::string b = *texts();
    const MapKey<TestId> ka{TestId(a)};
    const MapKey<TestId> kb{TestId(b)};
    const MapKeyLess less;
    RC_ASSERT(less(ka, kb) == (a < b));
    RC_ASSERT(less(ka, TestId(b)) == (a < b));
    RC_ASSERT(less(TestId(a), kb) == (a < b));
    RC_ASSERT(less(ka, std::string_view(b)) == (a < b));
    RC_ASSERT(less(std::string_view(a), kb) == (a < b));
  });
}

TEST_CASE("An IdMap iterates in ID order and finds by ID and by text") {
  IdMap<TestId, int> map;
  const std::vector<std::string> ids = {"i-0123456789abcdef1", "i-0123456789abcdef0", "i-1",
                                        "i-0123456789abcde", "ami-0"};
  for (std::size_t n = 0; n < ids.size(); ++n) map.emplace(TestId(ids[n]), static_cast<int>(n));
  std::vector<std::string> order;
  for (const auto& [id, n] : map) order.push_back(id.str());
  CHECK(order == std::vector<std::string>{"ami-0", "i-0123456789abcde", "i-0123456789abcdef0",
                                          "i-0123456789abcdef1", "i-1"});
  CHECK(map.at(TestId("i-0123456789abcdef0")) == 1);
  CHECK(map.find(std::string_view("i-0123456789abcde"))->second == 3);
  CHECK(map.find(TestId("i-0123456789abcdef")) == map.end());
}
