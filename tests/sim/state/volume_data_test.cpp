#include "sim/state/volume_data.hpp"

#include <catch2/catch.hpp>

using namespace amisim;

using namespace sim;

TEST_CASE("A new BlockMap holds nothing and ends at block 0") {
  BlockMap m;
  CHECK(m.written_blocks() == 0);
  CHECK(m.written_bytes() == 0);
  CHECK(m.end_block() == 0);
  CHECK(m.extents().empty());
}

TEST_CASE("Writes record their blocks with the version of the write") {
  BlockMap m;
  m.write(0, 4, 7);
  m.write(10, 2, 8);
  CHECK(m.written_blocks() == 6);
  CHECK(m.written_bytes() == 6 * 512 * 1024);
  CHECK(m.end_block() == 12);
  CHECK(m.extents() == std::vector<Extent>{{0, 4, 7}, {10, 2, 8}});
}

TEST_CASE("Overwriting the middle of a run splits it and keeps the block count") {
  BlockMap m;
  m.write(0, 10, 1);
  m.write(3, 4, 2);
  CHECK(m.written_blocks() == 10);
  CHECK(m.extents() == std::vector<Extent>{{0, 3, 1}, {3, 4, 2}, {7, 3, 1}});
}

TEST_CASE("A write spanning several runs and a gap replaces them all") {
  BlockMap m;
  m.write(0, 2, 1);
  m.write(5, 2, 2);
  m.write(1, 8, 3);
  CHECK(m.written_blocks() == 9);
  CHECK(m.extents() == std::vector<Extent>{{0, 1, 1}, {1, 8, 3}});
  CHECK(m.end_block() == 9);
}

TEST_CASE("Adjacent runs of one version read back as one extent") {
  BlockMap m;
  m.write(0, 2, 5);
  m.write(2, 3, 5);
  CHECK(m.extents() == std::vector<Extent>{{0, 5, 5}});
}

TEST_CASE("A zero-block write changes nothing") {
  BlockMap m;
  m.write(4, 0, 9);
  CHECK(m.written_blocks() == 0);
  CHECK(m.extents().empty());
}

TEST_CASE("BlockMaps compare equal exactly when they hold the same block versions") {
  BlockMap a, b;
  a.write(0, 3, 1);
  b.write(0, 3, 1);
  CHECK(a == b);
  b.write(1, 1, 2);
  CHECK_FALSE(a == b);
}
