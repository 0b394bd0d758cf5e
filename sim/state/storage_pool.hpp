// The snapshot block store of one owner in one Region: where incremental storage is accounted.
// Every snapshot in the pool holds a set of (block, version) pairs; the pool stores each pair
// once, however many snapshots hold it. A snapshot's own stored size counts the pairs no earlier
// snapshot (lower order) still in the pool holds; deleting a snapshot frees only the pairs no
// remaining snapshot holds, and attributes the shared ones to the next holder (EBS user guide,
// EBSSnapshots.md and ebs-deleting-snapshot.md; fact sheet §5).
#pragma once

#include <cstdint>
#include <map>
#include <utility>
#include <vector>

#include "sim/state/volume_data.hpp"

namespace amisim::sim {

class StoragePool {
 public:
  // Adds a snapshot's blocks under `order` (its creation order; unique in the pool).
  // Returns the bytes this adds to the pool: blocks no snapshot in the pool held before.
  std::uint64_t add(std::uint64_t order, const BlockMap& blocks);

  // Removes a snapshot's blocks. Returns the bytes freed.
  std::uint64_t remove(std::uint64_t order, const BlockMap& blocks);

  // Bytes stored for all snapshots in the pool (each (block, version) once).
  std::uint64_t stored_bytes() const { return stored_blocks_ * kBlockBytes; }

  // Bytes attributed to the snapshot `order`: its blocks that no lower-order snapshot in the
  // pool holds.
  std::uint64_t attributed_bytes(std::uint64_t order, const BlockMap& blocks) const;

  bool empty() const { return pieces_.empty(); }

  // For each version, piecewise-constant holder sets over block ranges.
  struct Piece {
    std::uint64_t end = 0;               // one past the last block
    std::vector<std::uint64_t> holders;  // sorted snapshot orders holding these blocks
  };
  using Pieces = std::map<std::uint64_t, Piece>;  // first block -> piece

  // The pool as it is stored, for a state snapshot (api/io/world_snapshot.hpp), and the pool
  // those give back. The layout of pieces depends on the order of adds and removes, so a
  // snapshot keeps it as it is rather than adding its snapshots again.
  const std::map<std::uint64_t, Pieces>& pieces() const { return pieces_; }
  std::uint64_t stored_blocks() const { return stored_blocks_; }
  static StoragePool restore(std::map<std::uint64_t, Pieces> pieces, std::uint64_t stored_blocks) {
    StoragePool pool;
    pool.pieces_ = std::move(pieces);
    pool.stored_blocks_ = stored_blocks;
    return pool;
  }

 private:
  // Cuts the piece straddling `at` (if any) so a piece starts exactly at `at`.
  static void split_at(Pieces& pieces, std::uint64_t at);
  // Joins neighbours with equal holders inside [first, end] to keep the map small.
  static void merge_around(Pieces& pieces, std::uint64_t first, std::uint64_t end);
  std::uint64_t add_extent(std::uint64_t order, const Extent& extent);
  std::uint64_t remove_extent(std::uint64_t order, const Extent& extent);

  std::map<std::uint64_t, Pieces> pieces_;  // version -> pieces
  std::uint64_t stored_blocks_ = 0;
};

}  // namespace amisim::sim
