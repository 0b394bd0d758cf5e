// A small XML reader for the restricted XML EC2 replies use: elements, character data, the five
// predefined entities, numeric character references, CDATA, comments and processing instructions.
// Attributes are read and dropped (EC2 only sends xmlns); namespace prefixes are dropped from
// names. DOCTYPE is refused, so no entity expansion can blow up. Never throws: anything else is
// an error value.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "api/protocol/wire_error.hpp"

namespace amisim::protocol {

struct XmlElement {
  std::string name;  // local name, prefix dropped
  std::string text;  // all character data directly inside, concatenated, exactly as sent
  std::vector<XmlElement> children;

  // The first child with this name, or null.
  const XmlElement* child(std::string_view child_name) const;
};

struct XmlLimits {
  std::size_t max_depth = 64;
  std::size_t max_elements = 1'000'000;
};

// Parses one document. Errors are MalformedResponse values naming the byte offset.
WireResult<XmlElement> parse_xml(std::string_view text, const XmlLimits& limits = {});

}  // namespace amisim::protocol
