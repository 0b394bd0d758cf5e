// Template part of errors.hpp.
#pragma once

#include <fmt/format.h>

namespace amisim::sim {

template <class... Args>
Error make_error(ErrorCode code, const Args&... args) {
  return Error{code, fmt::format(fmt::runtime(error_info(code).pattern), args...)};
}

}  // namespace amisim::sim
