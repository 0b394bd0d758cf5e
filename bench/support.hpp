// What every benchmark program in bench/ measures with: the process's resident set and a guard
// that keeps the optimiser from dropping a computed value.
#pragma once

#include <cstddef>
#include <fstream>

namespace amisim::bench {

// Resident set size in bytes (Linux /proc).
inline std::size_t rss_bytes() {
  std::ifstream statm("/proc/self/statm");
  std::size_t pages = 0, resident = 0;
  statm >> pages >> resident;
  return resident * 4096;
}

// Keeps the optimiser from dropping a computed value.
template <class T>
void keep(const T& value) {
  asm volatile("" : : "g"(&value) : "memory");
}

}  // namespace amisim::bench
