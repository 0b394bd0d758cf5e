// `amisim run --shard K/N` (api/scenario/shard.hpp), for any list of scenarios (files given in
// any order, some more than once, some without a name) and N = 1..5:
//   - the N shares together hold every position exactly once;
//   - the shares' sizes differ by at most one;
//   - which (file, name) lands in which share does not depend on the order of the list (every
//     runner may list the paths differently);
//   - the same list gives the same shares every time.
#include <rapidcheck/catch.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <map>
#include <string>
#include <vector>

#include "api/scenario/shard.hpp"
#include "unity_id.hpp"

namespace AMISIM_UNITY_ID {

using amisim::scenario::parse_shard;
using amisim::scenario::select_shard;
using amisim::scenario::Shard;
using amisim::scenario::ShardKey;

namespace {

rc::Gen<ShardKey> gen_key() {
  // Few distinct files and names, so duplicates and shared prefixes are common.
  return rc::gen::build<ShardKey>(
      rc::gen::set(&ShardKey::file,
                   rc::gen::map(rc::gen::inRange(0, 12),
                                [](int i) { return "scenarios/s" + std::to_string(i) + ".json"; })),
      rc::gen::set(&ShardKey::name, rc::gen::element<std::string>("", "a", "b", "golden")));
}

// The (file, name) pairs of one share, counted.
std::map<std::pair<std::string, std::string>, int> contents(const std::vector<ShardKey>& keys,
                                                            const std::vector<std::size_t>& at) {
  std::map<std::pair<std::string, std::string>, int> out;
  for (std::size_t i : at) ++out[{keys[i].file, keys[i].name}];
  return out;
}

}  // namespace

TEST_CASE("amisim run --shard K/N: the N shares partition the suite, evenly, whatever the order") {
  rc::prop("shares partition", [] {
    const auto keys = *rc::gen::container<std::vector<ShardKey>>(gen_key());
    // The same keys in another order: sorted by random ranks.
    const auto ranks =
        *rc::gen::container<std::vector<unsigned>>(keys.size(), rc::gen::arbitrary<unsigned>());
    std::vector<std::size_t> order(keys.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return ranks[a] < ranks[b]; });
    std::vector<ShardKey> shuffled;
    for (std::size_t i : order) shuffled.push_back(keys[i]);
    for (std::size_t n = 1; n <= 5; ++n) {
      std::vector<int> seen(keys.size(), 0);
      std::size_t smallest = keys.size();
      std::size_t largest = 0;
      for (std::size_t k = 1; k <= n; ++k) {
        const Shard shard{k, n};
        const auto mine = select_shard(keys, shard);
        RC_ASSERT(std::is_sorted(mine.begin(), mine.end()));
        for (std::size_t i : mine) {
          RC_ASSERT(i < keys.size());
          ++seen[i];
        }
        smallest = std::min(smallest, mine.size());
        largest = std::max(largest, mine.size());
        RC_ASSERT(select_shard(keys, shard) == mine);
        RC_ASSERT(contents(shuffled, select_shard(shuffled, shard)) == contents(keys, mine));
      }
      RC_ASSERT(std::all_of(seen.begin(), seen.end(), [](int c) { return c == 1; }));
      RC_ASSERT(largest - smallest <= 1);
    }
  });
}

TEST_CASE("amisim run --shard: K/N is read whole, with 1 <= K <= N <= 1000") {
  CHECK(parse_shard("1/1").ok());
  CHECK(parse_shard("3/5").value().index == 3);
  CHECK(parse_shard("3/5").value().count == 5);
  CHECK(parse_shard("1000/1000").ok());
  for (const char* bad : {"", "/", "0/1", "2/1", "1/0", "1/1001", "1", "1/2/3", "a/2", "1/2x",
                          " 1/2", "-1/2", "+1/2", "00001/2"}) {
    INFO(bad);
    CHECK_FALSE(parse_shard(bad).ok());
  }
}

}  // namespace AMISIM_UNITY_ID
