// The meter keeps a group's lines hashed by resource (sim/state/meter.hpp); everything that reads
// them (the bill, the state digest) must still see LineKey order, whatever order they were made
// in, or bills and digests would depend on std::hash.
#include "sim/state/meter.hpp"

#include <rapidcheck/catch.h>

#include <catch2/catch.hpp>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

using namespace amisim::sim;

TEST_CASE("Meter lines are read in LineKey order whatever order they were set in") {
  rc::prop("for_each_line visits every open line once, in order", [] {
    const auto picks = *rc::gen::container<std::vector<std::tuple<int, int, int, int>>>(
        rc::gen::tuple(rc::gen::inRange(0, 2), rc::gen::inRange(0, 2), rc::gen::inRange(0, 3),
                       rc::gen::inRange(0, 50)));
    Meter meter;
    std::vector<LineKey> expected;
    for (const auto& [a, r, u, id] : picks) {
      LineKey key{AccountId(a ? "111111111111" : "222222222222"),
                  RegionName(r ? "us-east-1" : "eu-west-1"),
                  u == 0   ? "BoxUsage:t3.micro"
                  : u == 1 ? "EBS:VolumeUsage.gp3"
                           : "X",
                  "i-0" + std::to_string(id * 7919 % 1000)};
      meter.set(key, 0, 1, 1, compute_usage());
      expected.push_back(std::move(key));
    }
    std::sort(expected.begin(), expected.end());
    expected.erase(std::unique(expected.begin(), expected.end()), expected.end());
    std::vector<LineKey> seen;
    meter.for_each_line([&](const LineGroup& g, const std::string& resource, const LineUsage&) {
      seen.push_back(LineKey{g.account, g.region, g.usage_type, resource});
    });
    RC_ASSERT(seen == expected);
  });
}

TEST_CASE("A quantity of 0 makes no meter line, ending one keeps it") {
  Meter meter;
  const LineKey key{AccountId("111111111111"), RegionName("us-east-1"), "BoxUsage:t3.micro",
                    "i-0abc"};
  auto lines_and_segments = [&] {
    std::pair<int, int> out{0, 0};
    meter.for_each_line([&](const LineGroup&, const std::string&, const LineUsage& line) {
      ++out.first;
      out.second += static_cast<int>(line.segments.size());
    });
    return out;
  };
  meter.set(key, 0, 0, 5, compute_usage());
  CHECK(lines_and_segments() == std::pair<int, int>{0, 0});
  meter.set(key, 10, 1, 5, compute_usage());
  meter.set(key, 20, 0, 5, compute_usage());
  CHECK(lines_and_segments() == std::pair<int, int>{1, 1});
}
