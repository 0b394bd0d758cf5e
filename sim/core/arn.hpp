// Amazon Resource Names of the form "arn:aws:<service>:<region>:<account>:<type>/<id>", as the
// rbin and dlm APIs take them for their tags (RBIN:TagResource, DLM:TagResource).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace amisim::sim {

struct ArnParts {
  std::string region;
  std::string account;
  std::string id;  // what follows "<type>/"
};

// The parts of `arn` when it is "arn:aws:<service>:<region>:<account>:<type>/<id>", else nullopt.
std::optional<ArnParts> parse_arn(std::string_view arn, std::string_view service,
                                  std::string_view type);

}  // namespace amisim::sim
