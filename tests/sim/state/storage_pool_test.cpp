#include "sim/state/storage_pool.hpp"

#include <catch2/catch.hpp>

using namespace amisim;

using namespace sim;

namespace {
BlockMap blocks(std::initializer_list<Extent> extents) {
  BlockMap m;
  for (const auto& e : extents) m.write(e.first_block, e.block_count, e.version);
  return m;
}
}  // namespace

TEST_CASE("The first snapshot in a pool stores all its written blocks") {
  StoragePool pool;
  const BlockMap a = blocks({{0, 10, 1}});
  CHECK(pool.add(1, a) == 10 * kBlockBytes);
  CHECK(pool.stored_bytes() == 10 * kBlockBytes);
  CHECK(pool.attributed_bytes(1, a) == 10 * kBlockBytes);
  CHECK_FALSE(pool.empty());
}

TEST_CASE("A later snapshot stores only the blocks that changed") {
  StoragePool pool;
  const BlockMap a = blocks({{0, 10, 1}});
  BlockMap b = a;
  b.write(2, 3, 2);   // changed blocks
  b.write(10, 4, 3);  // new blocks
  pool.add(1, a);
  CHECK(pool.add(2, b) == 7 * kBlockBytes);
  CHECK(pool.stored_bytes() == 17 * kBlockBytes);
  CHECK(pool.attributed_bytes(1, a) == 10 * kBlockBytes);
  CHECK(pool.attributed_bytes(2, b) == 7 * kBlockBytes);
}

TEST_CASE("An identical snapshot adds nothing and is attributed nothing") {
  StoragePool pool;
  const BlockMap a = blocks({{0, 6, 1}, {20, 2, 4}});
  pool.add(1, a);
  CHECK(pool.add(2, a) == 0);
  CHECK(pool.attributed_bytes(2, a) == 0);
  CHECK(pool.stored_bytes() == 8 * kBlockBytes);
}

TEST_CASE("Deleting the older snapshot frees only its unshared blocks and moves the rest on") {
  StoragePool pool;
  const BlockMap a = blocks({{0, 10, 1}});
  BlockMap b = a;
  b.write(0, 4, 2);
  pool.add(1, a);
  pool.add(2, b);
  CHECK(pool.stored_bytes() == 14 * kBlockBytes);
  CHECK(pool.remove(1, a) == 4 * kBlockBytes);  // blocks 0-3 of version 1
  CHECK(pool.stored_bytes() == 10 * kBlockBytes);
  // The 6 shared blocks are now billed to the remaining snapshot.
  CHECK(pool.attributed_bytes(2, b) == 10 * kBlockBytes);
}

TEST_CASE("Deleting the newer snapshot frees its own blocks only") {
  StoragePool pool;
  const BlockMap a = blocks({{0, 10, 1}});
  BlockMap b = a;
  b.write(0, 4, 2);
  pool.add(1, a);
  pool.add(2, b);
  CHECK(pool.remove(2, b) == 4 * kBlockBytes);
  CHECK(pool.stored_bytes() == 10 * kBlockBytes);
  CHECK(pool.attributed_bytes(1, a) == 10 * kBlockBytes);
}

TEST_CASE("Removing every snapshot empties the pool") {
  StoragePool pool;
  const BlockMap a = blocks({{0, 3, 1}, {5, 3, 2}});
  const BlockMap b = blocks({{1, 6, 2}});
  pool.add(1, a);
  pool.add(2, b);
  pool.remove(2, b);
  pool.remove(1, a);
  CHECK(pool.stored_bytes() == 0);
  CHECK(pool.empty());
}

TEST_CASE("A middle snapshot's deletion keeps blocks the neighbours still hold") {
  StoragePool pool;
  BlockMap a = blocks({{0, 4, 1}});
  BlockMap b = a;
  b.write(4, 4, 2);
  BlockMap c = b;
  c.write(0, 2, 3);
  pool.add(1, a);
  pool.add(2, b);
  pool.add(3, c);
  CHECK(pool.stored_bytes() == 10 * kBlockBytes);
  CHECK(pool.remove(2, b) == 0);  // a holds 0-3@1, c holds 2-3@1 and 4-7@2
  CHECK(pool.attributed_bytes(1, a) == 4 * kBlockBytes);
  CHECK(pool.attributed_bytes(3, c) == 6 * kBlockBytes);
}
