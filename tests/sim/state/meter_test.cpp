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

TEST_CASE("A packed resource ID reads back as the ID, and other forms do not pack") {
  for (const std::string id : {"i-0123456789abcdef0", "eipalloc-0fedcba987654321f",
                               "vol-00000000000000000", "snap-0ffffffffffffffff"}) {
    const auto packed = PackedId::pack(id);
    REQUIRE(packed);
    CHECK(packed->str() == id);
  }
  for (const std::string id :
       {"my-bucket", "i-0abc", "i-1123456789abcdef0", "I-0123456789abcdef0", "i-0123456789ABCDEF0",
        "toolongprefix-0123456789abcdef0", "-00123456789abcdef0"})
    CHECK_FALSE(PackedId::pack(id));
}

// Folding (issue 19) must be invisible: every reader sees the same lines and segments.
TEST_CASE("Folding ended lines changes nothing for_each_line shows") {
  rc::prop("random usage on and off, once charges, foldable and unfoldable IDs", [] {
    const auto steps = *rc::gen::container<std::vector<std::tuple<int, int, int, int>>>(
        rc::gen::tuple(rc::gen::inRange(0, 2), rc::gen::inRange(0, 6), rc::gen::inRange(0, 4),
                       rc::gen::inRange(0, 3)));
    Meter folded, whole;
    whole.set_folding(false);
    TimeMs now = 0;
    for (const auto& [group, id, quantity, price] : steps) {
      now += 1000;
      const std::string resource =
          id == 5 ? "a-bucket" : "vol-0" + std::string(15, '0') + std::to_string(id);
      const LineKey key{AccountId("111111111111"), RegionName("us-east-1"),
                        group ? "EBS:VolumeUsage.gp3" : "Out-Bytes", resource};
      for (Meter* m : {&folded, &whole}) {
        if (group)
          m->set(key, now, quantity, 1 + price, volume_usage());
        else
          m->once(key, now, quantity, 1 + price, transfer_usage());
      }
    }
    using Seen = std::vector<std::tuple<std::string, std::string, std::vector<std::string>>>;
    auto seen = [](const Meter& m) {
      Seen out;
      m.for_each_line([&](const LineGroup& g, const std::string& resource, const LineUsage& l) {
        std::vector<std::string> segments;
        for (const Segment& s : l.segments)
          segments.push_back(std::to_string(s.start) + "," + std::to_string(s.end.value_or(-1)) +
                             "," + std::to_string(s.quantity) + "," + std::to_string(s.price) +
                             "," + std::to_string(static_cast<int>(l.charge)) + l.unit);
        out.emplace_back(g.usage_type, resource, std::move(segments));
      });
      return out;
    };
    RC_ASSERT(seen(folded) == seen(whole));
    RC_ASSERT(whole.folded_segments() == 0u);
    RC_CLASSIFY(folded.folded_segments() > 0, "with folded segments");
  });
}
