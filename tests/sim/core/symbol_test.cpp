#include "sim/core/symbol.hpp"

#include <catch2/catch.hpp>
#include <map>
#include <set>
#include <string>
#include <thread>
#include <vector>

using amisim::sim::Symbol;

TEST_CASE("A Symbol reads, compares and orders as its text") {
  const Symbol arm("arm64");
  const Symbol x86 = std::string("x86_64");
  CHECK(arm.str() == "arm64");
  CHECK(arm == "arm64");
  CHECK(arm == std::string("arm64"));
  CHECK(arm == std::string_view("arm64"));
  CHECK(arm != x86);
  CHECK(arm < x86);  // as the texts order, whatever their addresses
  CHECK(x86 > arm);
  CHECK(Symbol("b") > Symbol("a"));
  CHECK(fmt::format("{}/{}", arm, x86) == "arm64/x86_64");
  CHECK(arm + "-x" == "arm64-x");
  CHECK(Symbol().empty());
  CHECK(Symbol("") == Symbol());
  CHECK(Symbol() == "");
  CHECK(arm.size() == 5);
  const std::string& as_text = arm;
  CHECK(as_text == "arm64");
  std::map<std::string, int> by_text{{"arm64", 1}};
  CHECK(by_text.count(arm) == 1);
}

TEST_CASE("A Symbol's order and equality agree with its text's for any texts") {
  const std::vector<std::string> texts = {
      "",       "a",     "ab",   "b",    "Linux/UNIX",    "Linux",
      "x86_64", "arm64", "i386", "uefi", "uefi-preferred"};
  for (const auto& a : texts) {
    for (const auto& b : texts) {
      INFO(a << " vs " << b);
      CHECK((Symbol(a) == Symbol(b)) == (a == b));
      CHECK((Symbol(a) < Symbol(b)) == (a < b));
      CHECK((Symbol(a) < b) == (a < b));
    }
  }
}

TEST_CASE("Symbols interned from several threads at once are the same Symbols") {
  std::vector<std::vector<Symbol>> made(4);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < made.size(); ++t) {
    threads.emplace_back([&made, t] {
      for (int i = 0; i < 2000; ++i) made[t].emplace_back("text-" + std::to_string(i % 97));
    });
  }
  for (auto& thread : threads) thread.join();
  for (std::size_t t = 1; t < made.size(); ++t) {
    REQUIRE(made[t].size() == made[0].size());
    for (std::size_t i = 0; i < made[0].size(); ++i) {
      CHECK(made[t][i] == made[0][i]);
      CHECK(made[t][i].c_str() == made[0][i].c_str());  // one copy of each text
    }
  }
}
