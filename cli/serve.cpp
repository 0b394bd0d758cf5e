#include "cli/serve.hpp"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <vector>

#include "api/auth/credentials.hpp"
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
  std::size_t snapshot_every = gateway::kJournalEntriesBeforeSnapshot;  // --snapshot-every
  bool snapshot_every_given = false;  // then exactly that many entries
  bool log = false;
  bool picture = true;  // --no-picture turns the live picture off
  std::size_t catalog_size = 0;
  std::vector<std::string> image_files;  // --images FILE (api/io/catalog.hpp), in order
  bool images_replace = false;           // --images-replace
  std::uint32_t head_timeout_s = 5;      // http::ServerOptions::head_timeout
  std::size_t max_connections = 256;
  bool help = false;
  bool sigv4 = false;            // --auth sigv4
  std::string credentials_file;  // --credentials FILE
};

constexpr const char* kUsage =
    "usage: amisim serve [--host 127.0.0.1] [--port 4566] [--clock instant|manual|scaled:N]\n"
    "                    [--seed N] [--state FILE] [--snapshot-every N] [--log] [--no-picture]\n"
    "                    [--catalog-size N]\n"
    "                    [--images FILE [--images-replace]]\n"
    "                    [--head-timeout SECONDS] [--max-connections N]\n"
    "                    [--auth none|sigv4 --credentials FILE]\n";

constexpr const char* kHelp =
    "Serves EC2 (Query), S3 (REST), SSM and Cost Explorer on one endpoint, and the control\n"
    "plane under /_amisim/.\n"
    "\n"
    "  --host H, --port P    where to listen (default 127.0.0.1:4566; --port 0: any free port)\n"
    "  --clock MODE          instant (default), manual or scaled:N (model time N x wall time)\n"
    "  --seed N              same seed and same calls give the same IDs (default 0)\n"
    "  --state FILE          load the world from FILE at start, save it there on stop\n"
    "  --snapshot-every N    the state document's journal holds at most N entries (calls,\n"
    "                        clock moves): then the world is snapshotted and the journal\n"
    "                        starts again from the snapshot. Default: 10000 entries, and in\n"
    "                        a large world one per 256 bytes of the last snapshot\n"
    "  --log                 one line per request on stderr, and one per connection the\n"
    "                        server closes for its limits\n"
    "  --no-picture          record no live picture (/_amisim/ui, /_amisim/timeline): for load\n"
    "                        tests that want every call's last microsecond\n"
    "  --catalog-size N      N extra synthetic public images\n"
    "  --images FILE         add the images of FILE (JSON in DescribeImages' shape, README\n"
    "                        \"Your own image catalogue\") to the catalogue; repeatable\n"
    "  --images-replace      the --images files replace the built-in catalogue instead\n"
    "  --head-timeout S      seconds a connection has to send a complete request head\n"
    "                        (default 5); the body then has 30 s\n"
    "  --max-connections N   open connections at most (default 256); when full, the one\n"
    "                        idle longest is closed for the newcomer\n"
    "  --auth none           (default) accept any credentials, signed or not; the account is\n"
    "                        the access key ID when it is 12 digits, else 123456789012\n"
    "  --auth sigv4          every request but /_amisim/ must carry a valid AWS Signature\n"
    "                        Version 4 (Authorization header or presigned URL) by a credential\n"
    "                        of --credentials FILE, dated within 15 minutes of this machine's\n"
    "                        clock; the account is the credential's. Else AWS's errors.\n"
    "  --credentials FILE    one credential per line: ACCESS_KEY_ID SECRET_ACCESS_KEY ACCOUNT_ID\n"
    "                        ('#' starts a comment), or JSON: [{\"AccessKeyId\": ...,\n"
    "                        \"SecretAccessKey\": ..., \"Account\": \"123456789012\"}]\n"
    "\n"
    "Exit status: 0 after a clean stop, 1 when a file cannot be loaded or the port not bound,\n"
    "2 for bad arguments.\n";

// "" on success, else the one-line complaint.
std::string parse(const std::vector<std::string_view>& args, ServeOptions& out) {
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string_view a = args[i];
    if (a == "--log") {
      out.log = true;
      continue;
    }
    if (a == "--no-picture") {
      out.picture = false;
      continue;
    }
    if (a == "--help" || a == "-h") {
      out.help = true;
      continue;
    }
    if (a == "--images-replace") {
      out.images_replace = true;
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
    } else if (a == "--snapshot-every") {
      out.snapshot_every_given = true;
      if (!parse_number(v, out.snapshot_every) || out.snapshot_every < 1 ||
          out.snapshot_every > 1'000'000'000) {
        return "--snapshot-every must be 1..1000000000";
      }
    } else if (a == "--head-timeout") {
      if (!parse_number(v, out.head_timeout_s) || out.head_timeout_s < 1 ||
          out.head_timeout_s > 3600) {
        return "--head-timeout must be 1..3600 (seconds)";
      }
    } else if (a == "--max-connections") {
      if (!parse_number(v, out.max_connections) || out.max_connections < 1 ||
          out.max_connections > 65536) {
        return "--max-connections must be 1..65536";
      }
    } else if (a == "--auth") {
      if (v != "none" && v != "sigv4") return "--auth must be none or sigv4";
      out.sigv4 = v == "sigv4";
    } else if (a == "--credentials") {
      out.credentials_file = std::string(v);
    } else if (a == "--catalog-size") {
      if (!parse_number(v, out.catalog_size) || out.catalog_size > 1'000'000) {
        return "--catalog-size must be 0..1000000";
      }
    } else if (a == "--images") {
      out.image_files.emplace_back(v);
    } else {
      return "unknown option " + std::string(a);
    }
  }
  if (out.sigv4 && out.credentials_file.empty()) return "--auth sigv4 needs --credentials FILE";
  if (!out.sigv4 && !out.credentials_file.empty()) return "--credentials needs --auth sigv4";
  if (out.images_replace && out.image_files.empty()) return "--images-replace needs --images FILE";
  return "";
}

std::int64_t unix_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// --credentials FILE, parsed; nullptr (after a one-line complaint naming the file and line)
// when it cannot be read or is not a credentials file.
std::shared_ptr<const auth::CredentialStore> load_credentials(const std::string& path) {
  std::string error;
  auto text = io::read_file(path, &error);
  if (!text) {
    std::fprintf(stderr, "amisim serve: %s\n", error.c_str());
    return nullptr;
  }
  auto parsed = auth::parse_credentials(*text);
  if (!parsed.ok()) {
    std::fprintf(stderr, "amisim serve: %s: %s\n", path.c_str(), parsed.error().c_str());
    return nullptr;
  }
  return std::make_shared<const auth::CredentialStore>(std::move(parsed).value());
}

std::int64_t steady_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

// --log: one line on stderr.
void log_to_stderr(const std::string& line) {
  std::fprintf(stderr, "%s\n", line.c_str());
  std::fflush(stderr);
}

gateway::GatewayOptions gateway_options(const ServeOptions& o) {
  gateway::GatewayOptions go;
  go.seed = o.seed;
  go.clock = o.clock;
  go.wall = steady_ms;
  go.state_file = o.state_file;
  go.journal_limit = o.snapshot_every;
  if (o.snapshot_every_given) go.snapshot_bytes_per_entry = 0;
  go.picture = o.picture;
  if (o.sigv4) go.unix_time_ms = unix_ms;
  if (o.log) go.log = log_to_stderr;
  return go;
}

http::ServerOptions server_options(const ServeOptions& o) {
  http::ServerOptions so;
  so.host = o.host;
  so.port = o.port;
  so.head_timeout = std::chrono::seconds(o.head_timeout_s);
  so.max_connections = o.max_connections;
  if (o.log) so.log = log_to_stderr;
  return so;
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
  auto doc = io::parse_document(*text, &error);
  auto loaded =
      doc ? gw.load_state(*doc)
          : protocol::WireResult<bool>(protocol::WireError{"InvalidStateDocument", error, 400});
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
    std::fprintf(stderr, "amisim serve: %s\n%s", err.c_str(), kUsage);
    return 2;
  }
  if (o.help) {
    std::printf("%s\n%s", kUsage, kHelp);
    return 0;
  }
  gateway::GatewayOptions go = gateway_options(o);
  if (o.sigv4 && !(go.credentials = load_credentials(o.credentials_file))) return 1;
  std::shared_ptr<const sim::Fixtures> fixtures;
  try {
    fixtures = io::load_fixtures({o.catalog_size, o.seed, o.image_files, o.images_replace});
  } catch (const std::runtime_error& e) {
    std::fprintf(stderr, "amisim serve: %s\n", e.what());
    return 1;
  }
  gateway::Gateway gw(std::move(fixtures), std::move(go));
  if (!load_state_file(gw, o.state_file)) return 1;
  http::Server server(server_options(o),
                      [&gw](const http::HttpRequest& r) { return gw.handle(r); });
  auto started = server.start();
  if (!started.ok()) {
    std::fprintf(stderr, "amisim serve: %s\n", started.error.c_str());
    return 1;
  }
  std::printf("amisim serve: listening on http://%s:%u (clock %s, seed %llu%s%s%s)\n",
              o.host.c_str(), static_cast<unsigned>(started.port), o.clock.str().c_str(),
              static_cast<unsigned long long>(o.seed), o.state_file.empty() ? "" : ", state ",
              o.state_file.c_str(), o.sigv4 ? ", auth sigv4" : "");
  std::fflush(stdout);
  server.run_until_signal();
  return save_state_file(gw, o.state_file) ? 0 : 1;
}

}  // namespace amisim::cli
