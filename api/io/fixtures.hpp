// Reads fixtures/*.json (embedded into the binary at build time) into sim::Fixtures.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "sim/core/fixtures.hpp"

namespace amisim::io {

// The fixture files compiled into the binary: file name -> contents.
const std::vector<std::pair<std::string_view, std::string_view>>& embedded_fixtures();

// Parses the fixture files (name -> JSON text). Throws std::runtime_error naming the file and
// field when the data is malformed: fixtures are shipped data, so that is a build defect.
sim::Fixtures parse_fixtures(const std::map<std::string, std::string>& files);

// The embedded fixtures, plus `synthetic_images` generated catalogue images (--catalog-size).
std::shared_ptr<const sim::Fixtures> load_fixtures(std::size_t synthetic_images = 0,
                                                   std::uint64_t seed = 0);

}  // namespace amisim::io
