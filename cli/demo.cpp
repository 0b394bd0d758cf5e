#include "cli/demo.hpp"

#include <cstdio>

namespace amisim::cli {

int run_demo(const std::vector<std::string_view>&) {
  std::puts("amisim demo: not yet written");
  return 0;
}

}  // namespace amisim::cli
