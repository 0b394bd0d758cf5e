// The soak benchmark (issue 19 §2, `make soak`; not part of `make test`): a long run of changing
// calls that keep the live world the same size, through the door the server uses
// (gateway::Engine, so the journal and the state document are included), sampling memory as it
// goes. Each round makes six calls: RunInstances + TerminateInstances (the oldest of a ring of
// live instances), CreateTags + DeleteTags on a live instance, CreateSnapshot + DeleteSnapshot
// (the oldest of a ring of snapshots), and moves the manual clock a minute, so that terminated
// instances are purged and finished work is forgotten as the model time passes.
//
//   amisim_soak [CALLS] [--door engine|model]      (CALLS also from SOAK_CALLS; default 1,000,000)
//
// --door model calls the EC2 handlers on a bare World (no journal), to tell the model's growth
// from the journal's. Every 10% of the calls it prints: RSS (VmRSS), the heap in use (mallinfo2),
// the state document's serialized size (engine door only), and the count of records in memory.
// At the end: whether RSS, the heap and the document stayed within 10% after warm-up (the first
// sample), and the heap bytes per purged instance. Not a test: nothing here fails a build.
// Counts: i instances, r reservations, tok RunInstances ClientTokens, vol volumes, snap
// snapshots, eni interfaces, img images, ev pending events, lines the meter's lines held whole,
// folded the segments of ended lines folded into the bill's history (48 bytes each), days the
// days of usage retired from resource detail (gone resources' lines older than 14 days).
#include <fmt/format.h>
#include <malloc.h>

#include <cstdlib>
#include <deque>
#include <fstream>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "api/ec2/dispatch.hpp"
#include "api/gateway/engine.hpp"
#include "api/io/fixtures.hpp"
#include "sim/state/world.hpp"
#include "sim/timeline.hpp"

using namespace amisim;
using Json = nlohmann::json;

namespace {

constexpr int kLiveInstances = 100;
constexpr int kLiveSnapshots = 20;
constexpr sim::DurationMs kRoundMs = 60 * 1000;
constexpr int kCallsPerRound = 6;

std::size_t rss_bytes() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::stoull(line.substr(6)) * 1024;
  }
  return 0;
}

std::size_t heap_bytes() { return mallinfo2().uordblks + mallinfo2().hblkhd; }

// The two doors: the server's Engine (journaled), or the handlers on a bare World.
class Door {
 public:
  Door(std::shared_ptr<const sim::Fixtures> fixtures, bool engine) {
    if (engine) {
      gateway::EngineOptions options;
      options.seed = 19;
      options.clock = {gateway::ClockMode::kManual, 1};
      engine_ = std::make_unique<gateway::Engine>(fixtures, std::move(options));
    } else {
      world_ = std::make_unique<sim::World>(fixtures, sim::WorldOptions{.seed = 19});
      world_->ensure_account(sim::kDefaultAccount);
    }
  }

  Json call(std::string_view action, const Json& input) {
    auto r = engine_ ? engine_->call(caller_, action, input)
                     : ec2::call(*world_, caller_, action, input);
    if (!r.ok()) {
      fmt::print(stderr, "{} failed: {} {}\n", action, r.error().code, r.error().message);
      std::exit(1);
    }
    return r.value();
  }
  void advance(sim::DurationMs by) {
    if (engine_)
      (void)engine_->advance(by);
    else
      sim::advance_by(*world_, by);
  }
  const sim::World& world() const { return engine_ ? engine_->world() : *world_; }
  // The state document's serialized size, or nullopt for the model door.
  std::optional<std::size_t> document_bytes() {
    if (!engine_) return std::nullopt;
    return engine_->state_document().dump().size();
  }

 private:
  sim::Caller caller_;
  std::unique_ptr<gateway::Engine> engine_;
  std::unique_ptr<sim::World> world_;
};

struct Sample {
  long calls = 0;
  std::size_t rss = 0;
  std::size_t heap = 0;
  std::optional<std::size_t> document;
  long purged = 0;  // instances launched and gone from memory so far
  std::string counts;
};

std::string counts_of(const sim::World& world) {
  const sim::RegionState& r = *world.region(sim::kDefaultRegion);
  return fmt::format(
      "i={} r={} tok={} vol={} snap={} eni={} img={} ev={} lines={} folded={} days={}",
      r.instances.size(), r.reservations.size(), r.client_tokens.size(), r.volumes.size(),
      r.snapshots.size(), r.network_interfaces.size(), r.images.size(),
      world.clock().pending().size(), world.meter().live_lines(), world.meter().folded_segments(),
      world.meter().retired_days());
}

std::string image_of(const sim::World& world) {
  for (const auto& image : world.fixtures().images) {
    if (image.family == "al2023-x86_64" && image.region == sim::kDefaultRegion)
      return image.id.str();
  }
  fmt::print(stderr, "no al2023-x86_64 image in us-east-1\n");
  std::exit(1);
}

std::string mib(std::size_t bytes) { return fmt::format("{:.1f}", bytes / 1048576.0); }

void print(const Sample& s) {
  fmt::print("{:>9} {:>9} {:>9} {:>11} {:>8}  {}\n", s.calls, mib(s.rss), mib(s.heap),
             s.document ? mib(*s.document) : std::string("-"), s.purged, s.counts);
  std::fflush(stdout);
}

// Within 10% of the first sample after warm-up, for every later sample.
bool flat(const std::vector<Sample>& samples, auto value) {
  if (samples.size() < 3) return true;
  const double base = static_cast<double>(value(samples[1]));
  for (std::size_t i = 2; i < samples.size(); ++i) {
    if (static_cast<double>(value(samples[i])) > base * 1.10) return false;
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  long total_calls = 1'000'000;
  bool engine = true;
  if (const char* env = std::getenv("SOAK_CALLS")) total_calls = std::atol(env);
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg == "--door" && i + 1 < argc) {
      engine = std::string_view(argv[++i]) != "model";
    } else {
      total_calls = std::atol(argv[i]);
    }
  }
  if (total_calls < kCallsPerRound * 10) total_calls = kCallsPerRound * 10;
  const long sample_every = std::max<long>(total_calls / 10, kCallsPerRound);

  Door door(io::load_fixtures(), engine);
  const std::string image = image_of(door.world());
  const Json run = {
      {"ImageId", image}, {"InstanceType", "t3.micro"}, {"MinCount", 1}, {"MaxCount", 1}};
  const std::string volume =
      door.call("CreateVolume", {{"AvailabilityZone", "us-east-1a"}, {"Size", 8}})["VolumeId"];
  door.advance(kRoundMs);  // creating -> available
  std::deque<std::string> instances, snapshots;
  long launched = 0;
  for (int i = 0; i < kLiveInstances; ++i) {
    instances.push_back(door.call("RunInstances", run)["Instances"][0]["InstanceId"]);
    ++launched;
  }
  for (int i = 0; i < kLiveSnapshots; ++i) {
    snapshots.push_back(door.call("CreateSnapshot", {{"VolumeId", volume}})["SnapshotId"]);
    door.advance(kRoundMs);
  }

  fmt::print("soak: {} changing calls through the {} door, {} live instances, {} snapshots\n",
             total_calls, engine ? "engine (journaled)" : "model (no journal)", kLiveInstances,
             kLiveSnapshots);
  fmt::print("{:>9} {:>9} {:>9} {:>11} {:>8}  {}\n", "calls", "RSS MiB", "heap MiB", "doc MiB",
             "purged", "records in memory (us-east-1)");
  std::vector<Sample> samples;
  long calls = 0;
  for (long round = 0; calls < total_calls; ++round) {
    instances.push_back(door.call("RunInstances", run)["Instances"][0]["InstanceId"]);
    ++launched;
    door.call("TerminateInstances", {{"InstanceIds", {instances.front()}}});
    instances.pop_front();
    const Json tag = {{"Key", "soak"}, {"Value", std::to_string(round)}};
    const Json resources = {instances[round % instances.size()]};
    door.call("CreateTags", {{"Resources", resources}, {"Tags", {tag}}});
    door.call("DeleteTags", {{"Resources", resources}, {"Tags", {tag}}});
    snapshots.push_back(door.call("CreateSnapshot", {{"VolumeId", volume}})["SnapshotId"]);
    door.call("DeleteSnapshot", {{"SnapshotId", snapshots.front()}});
    snapshots.pop_front();
    door.advance(kRoundMs);
    calls += kCallsPerRound;
    if (calls % sample_every < kCallsPerRound) {
      Sample s;
      s.calls = calls;
      s.rss = rss_bytes();
      s.heap = heap_bytes();
      const long in_memory =
          static_cast<long>(door.world().region(sim::kDefaultRegion)->instances.size());
      s.purged = launched - in_memory;
      s.counts = counts_of(door.world());
      s.document = door.document_bytes();
      print(s);
      samples.push_back(std::move(s));
    }
  }

  const auto verdict = [](bool ok) { return ok ? "flat (within 10%)" : "GROWING (over 10%)"; };
  fmt::print("after warm-up ({} calls): RSS {}, heap {}", samples.front().calls,
             verdict(flat(samples, [](const Sample& s) { return s.rss; })),
             verdict(flat(samples, [](const Sample& s) { return s.heap; })));
  if (engine)
    fmt::print(", state document {}",
               verdict(flat(samples, [](const Sample& s) { return *s.document; })));
  fmt::print("\n");
  if (samples.size() >= 2) {
    const Sample& a = samples[1];
    const Sample& b = samples.back();
    const double purged = static_cast<double>(b.purged - a.purged);
    if (purged > 0)
      fmt::print("per purged instance (from {} to {} calls): heap {:.0f} B, RSS {:.0f} B\n",
                 a.calls, b.calls, (static_cast<double>(b.heap) - a.heap) / purged,
                 (static_cast<double>(b.rss) - a.rss) / purged);
  }
  return 0;
}
