// `amisim run --shard K/N`: a deterministic split of a suite across N CI runners (issue 19 §3).
// Worlds are independent, so the unit that scales past one machine is the scenario: runner K of N
// plays share K, and the N shares together play every scenario exactly once.
//
// The split orders the scenarios by (file as given, scenario name) and deals them out in turn:
// the i-th in that order goes to share i mod N + 1. Every runner must list the same files (the
// same command line on a checkout of the same commit); the order the paths are given in does not
// matter, and the shares differ in size by at most one.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "sim/core/result.hpp"

namespace amisim::scenario {

struct Shard {
  std::size_t index = 1;  // K, from 1
  std::size_t count = 1;  // N
};

// "K/N" with 1 <= K <= N <= 1000, else the one-line complaint.
sim::Result<Shard, std::string> parse_shard(std::string_view text);

// One scenario to place: its file as given and its name ("" when the file does not load).
struct ShardKey {
  std::string file;
  std::string name;
};

// The positions in `keys` (ascending) that belong to `shard`.
std::vector<std::size_t> select_shard(const std::vector<ShardKey>& keys, const Shard& shard);

}  // namespace amisim::scenario
