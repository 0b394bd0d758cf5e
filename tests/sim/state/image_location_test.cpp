// An image's location is kept as its head when it ends in "/<name>" (sim/state/image.hpp): reading
// it back gives the text set, whatever the text and the name.
#include <rapidcheck/catch.h>

#include <catch2/catch.hpp>
#include <string>

#include "sim/state/image.hpp"

using amisim::sim::Image;

TEST_CASE("An image's location reads back as set") {
  // Texts from a small alphabet with '/', so that locations often end in "/<name>" and often
  // nearly do (a name alone, a name without its slash, a slash alone).
  const auto text = rc::gen::container<std::string>(rc::gen::element<char>('a', 'b', '/', '.'));
  rc::prop("image_location() == the location set", [&] {
    Image image;
    image.name = *text;
    const auto head = *text;
    const bool built = *rc::gen::arbitrary<bool>();
    const std::string location = built ? head + "/" + image.name : *text;
    image.set_image_location(location);
    RC_ASSERT(image.image_location() == location);
    // Kept relative exactly when it ends in "/<name>".
    const bool ends =
        location.size() > image.name.size() &&
        location.compare(location.size() - image.name.size(), std::string::npos, image.name) == 0 &&
        location[location.size() - image.name.size() - 1] == '/';
    RC_ASSERT(image.location_is_whole == !ends);
  });
}

TEST_CASE("A catalogue-style location is kept as its head, in the string's own buffer") {
  Image image;
  image.name = "al2023-ami-2023.6.20250218.2-kernel-6.1-x86_64";
  image.set_image_location("amazon/" + image.name);
  CHECK(image.location_head == "amazon");
  CHECK_FALSE(image.location_is_whole);
  image.set_image_location("123456789012/" + image.name);
  CHECK(image.location_head == "123456789012");
  image.set_image_location("amazon/other-name");
  CHECK(image.location_is_whole);
  CHECK(image.image_location() == "amazon/other-name");
}
