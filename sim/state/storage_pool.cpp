#include "sim/state/storage_pool.hpp"

#include <algorithm>
#include <cassert>

namespace amisim::sim {

void StoragePool::split_at(Pieces& pieces, std::uint64_t at) {
  auto it = pieces.upper_bound(at);
  if (it == pieces.begin()) return;
  --it;
  if (it->first < at && it->second.end > at) {
    pieces.emplace(at, Piece{it->second.end, it->second.holders});
    it->second.end = at;
  }
}

void StoragePool::merge_around(Pieces& pieces, std::uint64_t first, std::uint64_t end) {
  auto it = pieces.upper_bound(first);
  if (it != pieces.begin()) --it;
  while (it != pieces.end() && it->first <= end) {
    auto next = std::next(it);
    if (next != pieces.end() && it->second.end == next->first &&
        it->second.holders == next->second.holders) {
      it->second.end = next->second.end;
      pieces.erase(next);
    } else {
      it = next;
    }
  }
}

std::uint64_t StoragePool::add_extent(std::uint64_t order, const Extent& extent) {
  Pieces& pieces = pieces_[extent.version];
  const std::uint64_t first = extent.first_block;
  const std::uint64_t end = first + extent.block_count;
  split_at(pieces, first);
  split_at(pieces, end);
  std::uint64_t added = 0;
  std::uint64_t cursor = first;
  auto it = pieces.lower_bound(first);
  while (cursor < end) {
    if (it != pieces.end() && it->first == cursor) {
      auto& holders = it->second.holders;
      auto pos = std::lower_bound(holders.begin(), holders.end(), order);
      if (pos == holders.end() || *pos != order) holders.insert(pos, order);
      cursor = it->second.end;
      ++it;
    } else {
      // A gap: blocks of this version no snapshot in the pool held yet.
      const std::uint64_t gap_end = (it != pieces.end() && it->first < end) ? it->first : end;
      pieces.emplace_hint(it, cursor, Piece{gap_end, {order}});
      added += gap_end - cursor;
      cursor = gap_end;
    }
  }
  merge_around(pieces, first, end);
  return added;
}

std::uint64_t StoragePool::remove_extent(std::uint64_t order, const Extent& extent) {
  auto found = pieces_.find(extent.version);
  if (found == pieces_.end()) return 0;
  Pieces& pieces = found->second;
  const std::uint64_t first = extent.first_block;
  const std::uint64_t end = first + extent.block_count;
  split_at(pieces, first);
  split_at(pieces, end);
  std::uint64_t freed = 0;
  for (auto it = pieces.lower_bound(first); it != pieces.end() && it->first < end;) {
    auto& holders = it->second.holders;
    auto pos = std::lower_bound(holders.begin(), holders.end(), order);
    if (pos != holders.end() && *pos == order) holders.erase(pos);
    if (holders.empty()) {
      freed += it->second.end - it->first;
      it = pieces.erase(it);
    } else {
      ++it;
    }
  }
  merge_around(pieces, first, end);
  if (pieces.empty()) pieces_.erase(found);
  return freed;
}

std::uint64_t StoragePool::add(std::uint64_t order, const BlockMap& blocks) {
  std::uint64_t added = 0;
  for (const Extent& e : blocks.extents()) added += add_extent(order, e);
  stored_blocks_ += added;
  return added * kBlockBytes;
}

std::uint64_t StoragePool::remove(std::uint64_t order, const BlockMap& blocks) {
  std::uint64_t freed = 0;
  for (const Extent& e : blocks.extents()) freed += remove_extent(order, e);
  assert(freed <= stored_blocks_);
  stored_blocks_ -= freed;
  return freed * kBlockBytes;
}

std::uint64_t StoragePool::attributed_bytes(std::uint64_t order, const BlockMap& blocks) const {
  std::uint64_t blocks_owned = 0;
  for (const Extent& e : blocks.extents()) {
    auto found = pieces_.find(e.version);
    if (found == pieces_.end()) continue;
    const Pieces& pieces = found->second;
    const std::uint64_t first = e.first_block;
    const std::uint64_t end = first + e.block_count;
    auto it = pieces.upper_bound(first);
    if (it != pieces.begin() && std::prev(it)->second.end > first) --it;
    for (; it != pieces.end() && it->first < end; ++it) {
      // The lowest-order holder pays for a piece; the others share it for free.
      if (it->second.holders.front() != order) continue;
      blocks_owned += std::min(end, it->second.end) - std::max(first, it->first);
    }
  }
  return blocks_owned * kBlockBytes;
}

}  // namespace amisim::sim
