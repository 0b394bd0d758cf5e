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

namespace {

// Texts on both sides of IdText's 31 inline bytes, with NUL and bytes above 0x7F.
rc::Gen<std::string> id_texts() {
  return rc::gen::map(rc::gen::pair(rc::gen::inRange(0, 40),
                                    rc::gen::element<char>('a', '0', '\0', '\x7f', '\xff')),
                      [](const std::pair<int, char>& p) {
                        std::string text = "eipalloc-0123456789abcdef0123456789";
                        text.resize(static_cast<std::size_t>(p.first), 'x');
                        if (!text.empty()) text[text.size() / 2] = p.second;
                        return text;
                      });
}

}  // namespace

TEST_CASE("An ID keeps its text whole, inline or on the heap, through copies and moves") {
  rc::prop("str() is the text it was made from", [] {
    const std::string text = *id_texts();
    const TestId id(text);
    RC_ASSERT(std::string(id.str()) == text);
    RC_ASSERT(id.empty() == text.empty());
    TestId copy = id;
    RC_ASSERT(std::string(copy.str()) == text);
    TestId moved = std::move(copy);
    RC_ASSERT(std::string(moved.str()) == text);
    RC_ASSERT(copy.empty());  // NOLINT(bugprone-use-after-move): a moved-from ID is empty
    TestId assigned(std::string(40, 'z'));
    assigned = moved;
    RC_ASSERT(assigned == id);
    assigned = std::move(moved);
    RC_ASSERT(std::string(assigned.str()) == text);
    const TestId& self = assigned;
    assigned = self;  // self-assignment keeps the text
    RC_ASSERT(std::string(assigned.str()) == text);
  });
  rc::prop("ordered and equal as their strings", [] {
    const std::string a = *id_texts();
    const std::string b = *id_texts();
    RC_ASSERT((TestId(a) < TestId(b)) == (a < b));
    RC_ASSERT((TestId(a) == TestId(b)) == (a == b));
  });
}

TEST_CASE("Every ID AWS issues fits the ID's own bytes") {
  // The longest prefix the model issues, "eipalloc", with AWS's 17 hex digits: 26 characters.
  const std::string longest = "eipalloc-0123456789abcdef0";
  const TestId id(longest);
  const char* begin = reinterpret_cast<const char*>(&id);
  CHECK(id.str().data() >= begin);
  CHECK(id.str().data() + id.str().size() <= begin + sizeof id);
  const TestId longer(std::string(32, 'x'));  // past the 31 inline bytes: on the heap
  const char* lbegin = reinterpret_cast<const char*>(&longer);
  CHECK((longer.str().data() < lbegin || longer.str().data() >= lbegin + sizeof longer));
  CHECK(longer.str() == std::string(32, 'x'));
}

TEST_CASE("An ID's text converts to a std::string and joins with text") {
  const TestId id("ami-0123456789abcdef0");
  const std::string copy = id.str();
  CHECK(copy == "ami-0123456789abcdef0");
  CHECK("arn:" + id.str() == "arn:ami-0123456789abcdef0");
  CHECK(id.str() + '/' + std::string("x") == "ami-0123456789abcdef0/x");
}
