#include "sim/state/volume_data.hpp"

namespace amisim::sim {

void BlockMap::write(std::uint64_t first_block, std::uint64_t count, std::uint64_t version) {
  if (count == 0) return;
  const std::uint64_t end = first_block + count;
  // Cut any run that straddles either boundary so runs_ splits exactly at first_block and end.
  auto split_at = [this](std::uint64_t at) {
    auto it = runs_.upper_bound(at);
    if (it == runs_.begin()) return;
    --it;
    if (it->first < at && it->second.end > at) {
      runs_.emplace(at, Run{it->second.end, it->second.version});
      it->second.end = at;
    }
  };
  split_at(first_block);
  split_at(end);
  for (auto it = runs_.lower_bound(first_block); it != runs_.end() && it->first < end;) {
    written_blocks_ -= it->second.end - it->first;
    it = runs_.erase(it);
  }
  runs_.emplace(first_block, Run{end, version});
  written_blocks_ += count;
}

std::vector<Extent> BlockMap::extents() const {
  std::vector<Extent> out;
  for (const auto& [first, run] : runs_) {
    if (!out.empty() && out.back().version == run.version &&
        out.back().first_block + out.back().block_count == first) {
      out.back().block_count += run.end - first;
    } else {
      out.push_back(Extent{first, run.end - first, run.version});
    }
  }
  return out;
}

std::vector<Extent> BlockMap::runs() const {
  std::vector<Extent> out;
  out.reserve(runs_.size());
  for (const auto& [first, run] : runs_) out.push_back(Extent{first, run.end - first, run.version});
  return out;
}

std::uint64_t BlockMap::end_block() const { return runs_.empty() ? 0 : runs_.rbegin()->second.end; }

}  // namespace amisim::sim
