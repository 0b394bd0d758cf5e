// What an EBS volume holds: the blocks it has written (each with the version of the write that
// put it there) and the software installed on it. A snapshot keeps an immutable copy; a volume
// created from a snapshot starts from that copy. Identity of data is (block, version): two
// snapshots share a block exactly when they hold the same version of it.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace amisim::sim {

// EBS snapshots track data in 512 KiB blocks.
inline constexpr std::uint64_t kBlockBytes = 512 * 1024;
inline constexpr std::uint64_t kGiB = 1024ULL * 1024 * 1024;

// A run of consecutive blocks written by one write.
struct Extent {
  std::uint64_t first_block = 0;
  std::uint64_t block_count = 0;
  std::uint64_t version = 0;

  friend bool operator==(const Extent&, const Extent&) = default;
};

// The written blocks of a volume as non-overlapping extents, ordered by first block.
class BlockMap {
 public:
  // Writes `count` blocks from `first_block`, all with `version` (overwriting what was there).
  void write(std::uint64_t first_block, std::uint64_t count, std::uint64_t version);

  // The extents, ordered by first block, adjacent extents of one version merged.
  std::vector<Extent> extents() const;

  std::uint64_t written_blocks() const { return written_blocks_; }
  std::uint64_t written_bytes() const { return written_blocks_ * kBlockBytes; }
  // One past the highest written block (0 when empty).
  std::uint64_t end_block() const;

  // The runs as stored, unmerged (extents() merges neighbours of one version), for a state
  // snapshot (api/io/world_snapshot.hpp): writing them back in order gives an equal BlockMap.
  std::vector<Extent> runs() const;

  friend bool operator==(const BlockMap& a, const BlockMap& b) { return a.runs_ == b.runs_; }

 private:
  struct Run {
    std::uint64_t end;  // one past the last block
    std::uint64_t version;
    friend bool operator==(const Run&, const Run&) = default;
  };
  std::map<std::uint64_t, Run> runs_;  // first block -> run
  std::uint64_t written_blocks_ = 0;
};

struct VolumeData {
  BlockMap blocks;
  std::set<std::string> packages;  // installed software (fixtures/software.json names)

  friend bool operator==(const VolumeData& a, const VolumeData& b) {
    return a.blocks == b.blocks && a.packages == b.packages;
  }
};

}  // namespace amisim::sim
