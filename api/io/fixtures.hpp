// Reads fixtures/*.json (embedded into the binary at build time) into sim::Fixtures.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

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

// What a world's catalogue is built from besides the embedded fixtures.
struct FixtureOptions {
  std::size_t synthetic_images = 0;      // --catalog-size
  std::uint64_t seed = 0;                // the synthetic images' IDs
  std::vector<std::string> image_files;  // --images FILE, in order (api/io/catalog.hpp)
  bool replace_images = false;  // --images-replace: the built-in catalogue is dropped first
};

// The embedded fixtures with `options` applied: the built-in catalogue dropped if asked, the
// image files added in order, then the synthetic images. Throws std::runtime_error with one line
// naming the file and entry when an image file cannot be read or is invalid.
std::shared_ptr<const sim::Fixtures> load_fixtures(const FixtureOptions& options);

}  // namespace amisim::io
