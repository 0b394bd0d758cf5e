// RegionState::image_names (sim/state/image_name_index.hpp): whatever the order of inserts and
// erases, and whichever insert is used, it holds exactly the images inserted and not erased, in
// (name, ID) order.
#include "sim/state/image_name_index.hpp"

#include <rapidcheck/catch.h>

#include <catch2/catch.hpp>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

using namespace amisim::sim;

namespace AMISIM_UNITY_ID {

using Listing = std::vector<std::pair<std::string, std::string>>;

// (name, ID) of each entry, in the index's order.
Listing listed(const ImageNameIndex& index, const std::map<ImageId, Image>& images) {
  Listing out;
  for (const Image* image : index.entries(images)) out.emplace_back(image->name, image->id.str());
  return out;
}

TEST_CASE("The name index holds what was inserted and not erased, in name order") {
  rc::prop("any mix of insert, insert_after_last and erase", [] {
    std::map<ImageId, Image> images;  // nodes that never move, as a Region's
    ImageNameIndex index;
    std::set<std::pair<std::string, std::string>> expected;
    const int steps = *rc::gen::inRange(0, 60);
    for (int step = 0; step < steps; ++step) {
      const int what = *rc::gen::inRange(0, 3);
      if (what < 2 || images.empty()) {
        Image image;
        image.id = ImageId("ami-" + std::to_string(step));
        // Few distinct names, so that equal names (ordered by ID) and runs in and out of name
        // order both come up.
        image.name = *rc::gen::element<std::string>("a", "b", "b2", "c", "ubuntu/x");
        const Image& placed = images.emplace(image.id, image).first->second;
        if (what == 0) {
          index.insert(placed);
        } else {
          index.insert_after_last(placed);
        }
        expected.emplace(placed.name, placed.id.str());
      } else {
        auto it = std::next(images.begin(), *rc::gen::inRange<std::ptrdiff_t>(
                                                0, static_cast<std::ptrdiff_t>(images.size())));
        index.erase(it->second);
        expected.erase({it->second.name, it->second.id.str()});
        images.erase(it);
      }
      RC_ASSERT(listed(index, images) == Listing(expected.begin(), expected.end()));
    }
    // A move keeps the entries, and the moved-to index goes on inserting after its last.
    ImageNameIndex moved(std::move(index));
    Image image;
    image.id = ImageId("ami-moved");
    image.name = "b";
    moved.insert_after_last(images.emplace(image.id, image).first->second);
    expected.emplace("b", "ami-moved");
    RC_ASSERT(listed(moved, images) == Listing(expected.begin(), expected.end()));
  });
}

}  // namespace AMISIM_UNITY_ID
