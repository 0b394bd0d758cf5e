// `amisim serve`: the EC2 endpoint and control plane over HTTP (api/gateway, api/http).
#pragma once

#include <string_view>
#include <vector>

namespace amisim::cli {

// Exit codes: 0 after a clean shutdown (SIGINT/SIGTERM), 1 when the server cannot start (port in
// use, unreadable --state file) or cannot save --state FILE at the end, 2 for bad arguments.
int run_serve(const std::vector<std::string_view>& args);

}  // namespace amisim::cli
