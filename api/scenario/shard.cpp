#include "api/scenario/shard.hpp"

#include <algorithm>
#include <charconv>
#include <numeric>
#include <tuple>

namespace amisim::scenario {
namespace {

constexpr std::size_t kMaxShards = 1000;

bool parse_count(std::string_view text, std::size_t& out) {
  if (text.empty() || text.size() > 4) return false;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && end == text.data() + text.size();
}

}  // namespace

sim::Result<Shard, std::string> parse_shard(std::string_view text) {
  const std::size_t slash = text.find('/');
  Shard shard;
  if (slash == std::string_view::npos || !parse_count(text.substr(0, slash), shard.index) ||
      !parse_count(text.substr(slash + 1), shard.count) || shard.count < 1 ||
      shard.count > kMaxShards || shard.index < 1 || shard.index > shard.count) {
    return std::string("--shard must be K/N with 1 <= K <= N <= 1000 (for instance 2/4)");
  }
  return shard;
}

std::vector<std::size_t> select_shard(const std::vector<ShardKey>& keys, const Shard& shard) {
  std::vector<std::size_t> order(keys.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  // Stable: a file given twice keeps both places, and the dealing is the same on every runner.
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return std::tie(keys[a].file, keys[a].name) < std::tie(keys[b].file, keys[b].name);
  });
  std::vector<std::size_t> mine;
  for (std::size_t i = shard.index - 1; i < order.size(); i += shard.count)
    mine.push_back(order[i]);
  std::sort(mine.begin(), mine.end());
  return mine;
}

}  // namespace amisim::scenario
