// The live page (GET /_amisim/ui): ui/page.html, embedded in the binary at build time
// (cmake/embed_text.cmake), so it is served offline from wherever amisim runs. Its scripts and
// styles are inline; it asks nothing of any host but the server that served it.
#pragma once

#include <string_view>

namespace amisim::picture {

std::string_view page_html();

}  // namespace amisim::picture
