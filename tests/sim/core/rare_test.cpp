// Rare<T> (sim/core/rare.hpp): a rarely-set member out of line, read and compared as its value.
#include "sim/core/rare.hpp"

#include <rapidcheck/catch.h>

#include <catch2/catch.hpp>
#include <map>
#include <optional>
#include <string>

using amisim::sim::Rare;

TEST_CASE("A Rare member reads, compares and copies as its value") {
  rc::prop("set, copied, moved and reset, it holds what was last set", [](const std::string& text) {
    Rare<std::string> member;
    RC_ASSERT(member.get().empty());
    member = text;
    RC_ASSERT(member.get() == text);
    RC_ASSERT(member == text);
    Rare<std::string> copy = member;
    RC_ASSERT(copy == member);
    copy.mut() += "x";
    RC_ASSERT(member.get() == text);  // a copy is deep
    RC_ASSERT(!(copy == member));
    Rare<std::string> moved = std::move(copy);
    RC_ASSERT(moved.get() == text + "x");
    member = std::string();
    RC_ASSERT(member == Rare<std::string>());  // absent and default are the same value
  });
}

TEST_CASE("A Rare member at its default holds no block; set, it does") {
  Rare<std::string> member = "";  // made from what a string is made from
  CHECK(member.get().empty());
  const std::string* fallback = &member.get();
  member = std::string("set");
  CHECK(&member.get() != fallback);
  member = std::string();
  CHECK(&member.get() == fallback);  // assigning the default frees the block
}

TEST_CASE("A Rare optional tests and dereferences as the optional; a container iterates") {
  Rare<std::optional<long>> when;
  CHECK(!when);
  when = 42L;  // what an optional takes, a Rare optional takes
  CHECK(*when == 42);
  when = std::optional<long>();
  CHECK(!when);
  when = std::optional<long>(42);
  REQUIRE(when);
  CHECK(*when == 42);
  Rare<std::map<std::string, int>> counts;
  counts.mut()["a"] = 1;
  counts.mut()["b"] = 2;
  int sum = 0;
  for (const auto& [key, n] : counts) sum += n;
  CHECK(sum == 3);
  CHECK(counts->size() == 2);
}

TEST_CASE("change() and reset() leave no block for a value back at its default") {
  Rare<std::map<std::string, int>> counts;
  const auto* fallback = &counts.get();
  counts.change([](std::map<std::string, int>& m) { m["a"] = 1; });
  CHECK(&counts.get() != fallback);
  counts.change([](std::map<std::string, int>& m) { m.erase("a"); });
  CHECK(&counts.get() == fallback);  // emptied through change(): freed, unlike through mut()
  counts.change([](std::map<std::string, int>&) {});
  CHECK(&counts.get() == fallback);  // a change that adds nothing makes no block
  counts.mut()["b"] = 2;
  counts.reset();
  CHECK(&counts.get() == fallback);
  CHECK(counts->empty());
}
