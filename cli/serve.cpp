#include "cli/serve.hpp"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "api/gateway/gateway.hpp"
#include "api/http/server.hpp"
#include "api/io/fixtures.hpp"
#include "api/io/state_file.hpp"
#include "cli/args.hpp"

namespace amisim::cli {
namespace {

struct ServeOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 4566;
  gateway::ClockSetting clock;
  std::uint64_t seed = 0;
  std::string state_file;
  bool log = false;
  std::size_t catalog_size = 0;
};

// "" on success, else the one-line complaint.
std::string parse(const std::vector<std::string_view>& args, ServeOptions& out) {
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string_view a = args[i];
    if (a == "--log") {
      out.log = true;
      continue;
    }
    if (i + 1 >= args.size()) return std::string(a) + " needs a value";
    std::string_view v = args[++i];
    if (a == "--host") {
      out.host = std::string(v);
    } else if (a == "--port") {
      if (!parse_number(v, out.port)) return "--port must be 0..65535";
    } else if (a == "--seed") {
      if (!parse_number(v, out.seed)) return "--seed must be a non-negative integer";
    } else if (a == "--clock") {
      auto c = gateway::parse_clock_setting(v);
      if (!c) return "--clock must be instant, manual or scaled:N";
      out.clock = *c;
    } else if (a == "--state") {
      out.state_file = std::string(v);
    } else if (a == "--catalog-size") {
      if (!parse_number(v, out.catalog_size) || out.catalog_size > 1'000'000) {
        return "--catalog-size must be 0..1000000";
      }
    } else {
      return "unknown option " + std::string(a);
    }
  }
  return "";
}

std::int64_t steady_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

gateway::GatewayOptions gateway_options(const ServeOptions& o) {
  gateway::GatewayOptions go;
  go.seed = o.seed;
  go.clock = o.clock;
  go.wall = steady_ms;
  go.state_file = o.state_file;
  if (o.log) {
    go.log = [](const std::string& line) {
      std::fprintf(stderr, "%s\n", line.c_str());
      std::fflush(stderr);
    };
  }
  return go;
}

// --state FILE: the world saved there by an earlier run, when the file exists. False (after
// saying why) when it cannot be read or loaded. First, what a save killed mid-write left beside
// FILE goes (io::remove_stale_temporaries), each removal said on stderr.
bool load_state_file(gateway::Gateway& gw, const std::string& path) {
  for (const std::string& removed : io::remove_stale_temporaries(path)) {
    std::fprintf(stderr, "amisim serve: removed %s, left by a save that did not finish\n",
                 removed.c_str());
  }
  if (path.empty() || !std::filesystem::exists(path)) return true;
  std::string error;
  auto text = io::read_file(path, &error);
  if (!text) {
    std::fprintf(stderr, "amisim serve: %s\n", error.c_str());
    return false;
  }
  auto doc = nlohmann::json::parse(*text, nullptr, false);
  auto loaded = doc.is_discarded() ? protocol::WireResult<bool>(protocol::WireError{
                                         "InvalidJson", "the file is not JSON", 400})
                                   : gw.load_state(doc);
  if (!loaded.ok()) {
    std::fprintf(stderr, "amisim serve: cannot load %s: %s\n", path.c_str(),
                 loaded.error().message.c_str());
    return false;
  }
  return true;
}

// After a clean stop: the world into --state FILE, when given; false (after saying why) when it
// could not be saved.
bool save_state_file(gateway::Gateway& gw, const std::string& path) {
  if (!path.empty()) {
    std::string problem = gw.save_state_file();
    if (!problem.empty()) {
      std::fprintf(stderr, "amisim serve: state not saved: %s\n", problem.c_str());
      return false;
    }
    std::printf("amisim serve: state saved to %s\n", path.c_str());
  }
  std::printf("amisim serve: stopped\n");
  return true;
}

}  // namespace

int run_serve(const std::vector<std::string_view>& args) {
  ServeOptions o;
  if (std::string err = parse(args, o); !err.empty()) {
    std::fprintf(stderr,
                 "amisim serve: %s\nusage: amisim serve [--host 127.0.0.1] [--port 4566] "
                 "[--clock instant|manual|scaled:N] [--seed N] [--state FILE] [--log] "
                 "[--catalog-size N]\n",
                 err.c_str());
    return 2;
  }
  gateway::Gateway gw(io::load_fixtures(o.catalog_size, o.seed), gateway_options(o));
  if (!load_state_file(gw, o.state_file)) return 1;
  http::ServerOptions so;
  so.host = o.host;
  so.port = o.port;
  http::Server server(so, [&gw](const http::HttpRequest& r) { return gw.handle(r); });
  auto started = server.start();
  if (!started.ok()) {
    std::fprintf(stderr, "amisim serve: %s\n", started.error.c_str());
    return 1;
  }
  std::printf("amisim serve: listening on http://%s:%u (clock %s, seed %llu%s%s)\n", o.host.c_str(),
              static_cast<unsigned>(started.port), o.clock.str().c_str(),
              static_cast<unsigned long long>(o.seed), o.state_file.empty() ? "" : ", state ",
              o.state_file.c_str());
  std::fflush(stdout);
  server.run_until_signal();
  return save_state_file(gw, o.state_file) ? 0 : 1;
}

}  // namespace amisim::cli
