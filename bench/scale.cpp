// Scale benchmarks (issue 19 §3), in process through the EC2 handlers (the same door `amisim
// serve` uses, output JSON included): start-up with a large synthetic catalogue, DescribeImages
// over it, and DescribeInstances over many instances in one Region. Each figure is printed with
// a baseline measured in the same run (the least the same work costs without amisim: a bare
// container, or a naive scan) and the ratio, so bench/RESULTS.md records figures that survive a
// busier machine. Not a test: nothing here asserts a time.
//
//   amisim_scale_bench [IMAGES [INSTANCES]]   (defaults 1,000,000 and 100,000)
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "api/ec2/dispatch.hpp"
#include "api/io/fixtures.hpp"
#include "bench/support.hpp"
#include "sim/instances/instances.hpp"
#include "sim/state/world.hpp"

using namespace amisim;
using Json = nlohmann::json;

namespace {

using bench::keep;
using bench::rss_bytes;

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

void report(const std::string& what, double value, const char* unit, const char* baseline_what,
            double baseline, const char* target) {
  std::printf("%-52s %10.3f %-3s | baseline %-36s %10.3f | ratio %7.3f | target %s\n", what.c_str(),
              value, unit, baseline_what, baseline, value / baseline, target);
  std::fflush(stdout);
}

Json call(sim::World& world, const sim::Caller& caller, const char* action, const Json& input) {
  auto out = ec2::call(world, caller, action, input);
  if (!out.ok()) {
    std::fprintf(stderr, "%s failed: %s %s\n", action, out.error().code.c_str(),
                 out.error().message.c_str());
    std::exit(1);
  }
  return std::move(out).value();
}

// The median of `rounds` timings of `body` (ms).
template <class F>
double median_ms(int rounds, F body) {
  std::vector<double> times;
  for (int i = 0; i < rounds; ++i) {
    auto start = Clock::now();
    body();
    times.push_back(ms_since(start));
  }
  std::sort(times.begin(), times.end());
  return times[times.size() / 2];
}

void bench_catalogue(std::size_t count) {
  std::printf("-- a catalogue of %zu synthetic images\n", count);
  const std::size_t rss_before = rss_bytes();
  auto start = Clock::now();
  auto fixtures = io::load_fixtures(count, 1);
  sim::World world(fixtures);
  const double startup_ms = ms_since(start);
  const std::size_t rss_world = rss_bytes() - rss_before;
  // Baseline: the least a catalogue of `count` named images costs, a std::map from each ID to
  // its name (the same texts amisim generates).
  const std::size_t rss_bare_before = rss_bytes();
  start = Clock::now();
  std::map<std::string, std::string> bare;
  for (std::size_t n = 0; n < count; ++n)
    bare.emplace(fmt::format("ami-f{:016x}", n * 0x9e3779b97f4a7c15ULL),
                 fmt::format("amisim-synthetic-{:06}-x86_64", n));
  const double bare_ms = ms_since(start);
  const std::size_t rss_bare = rss_bytes() - rss_bare_before;
  report(fmt::format("start-up, fixtures + World, {} images (ms)", count), startup_ms, "ms",
         "std::map of ID -> name, same count", bare_ms, "<= 2,000 ms");
  report("RSS of that World (MiB)", rss_world / 1048576.0, "MiB", "RSS of that std::map",
         rss_bare / 1048576.0, "<= 1,024 MiB");
  bare.clear();

  sim::Caller caller;
  world.ensure_account(caller.account);
  const sim::RegionState& region = *world.region(caller.region);
  std::printf("   (%zu images in %s)\n", region.images.size(),
              caller.region.str().string().c_str());

  // A literal name prefix: a range of the Region's name index.
  const Json by_name = {{"Filters", {{{"Name", "name"}, {"Values", {"amisim-synthetic-0123*"}}}}}};
  std::size_t found = 0;
  const double name_ms = median_ms(
      21, [&] { found = call(world, caller, "DescribeImages", by_name)["Images"].size(); });
  std::size_t naive = 0;
  const double naive_name_ms = median_ms(5, [&] {
    naive = 0;
    for (const auto& [id, image] : region.images)
      naive += image.name.rfind("amisim-synthetic-0123", 0) == 0;
  });
  report(fmt::format("DescribeImages name=prefix*, {} matches (ms)", found), name_ms, "ms",
         "naive scan of the Region's names", naive_name_ms, "<= 5 ms");

  // Owner + architecture + state, a page of 1,000 at a time, every page.
  Json by_owner = {{"Owners", {"amazon"}},
                   {"Filters",
                    {{{"Name", "architecture"}, {"Values", {"arm64"}}},
                     {{"Name", "state"}, {"Values", {"available"}}}}},
                   {"MaxResults", 1000}};
  std::vector<double> pages;
  std::size_t listed = 0;
  for (;;) {
    auto start_page = Clock::now();
    Json out = call(world, caller, "DescribeImages", by_owner);
    pages.push_back(ms_since(start_page));
    listed += out["Images"].size();
    if (!out.contains("NextToken") || out["NextToken"].get<std::string>().empty()) break;
    by_owner["NextToken"] = out["NextToken"];
  }
  std::sort(pages.begin(), pages.end());
  const double naive_owner_ms = median_ms(5, [&] {
    naive = 0;
    for (const auto& [id, image] : region.images)
      naive += image.owner_alias == "amazon" && image.traits.architecture == "arm64" &&
               image.state == sim::ImageState::kAvailable;
  });
  report(
      fmt::format("DescribeImages owner+arch+state, page of 1000, median of {} (ms)", pages.size()),
      pages[pages.size() / 2], "ms", "naive scan matching all three", naive_owner_ms, "<= 50 ms");
  report(fmt::format("  the slowest of those pages ({} images listed)", listed), pages.back(), "ms",
         "naive scan matching all three", naive_owner_ms, "<= 50 ms");
  keep(naive);
}

void bench_instances(std::size_t count) {
  std::printf("-- %zu instances in one Region\n", count);
  auto fixtures = io::load_fixtures();
  sim::World world(fixtures);
  sim::Caller caller;
  world.ensure_account(caller.account);
  std::string image;
  for (const auto& c : fixtures->images) {
    if (c.region == caller.region && c.traits.architecture == "x86_64" && c.traits.platform.empty())
      image = c.id.str();
    if (!image.empty()) break;
  }
  // Room for them: VPCs of one /16 subnet each (65,531 addresses).
  std::vector<std::string> subnets;
  for (std::size_t v = 0; v * 60000 < count; ++v) {
    Json vpc = call(world, caller, "CreateVpc", {{"CidrBlock", fmt::format("10.{}.0.0/16", v)}});
    Json subnet = call(world, caller, "CreateSubnet",
                       {{"VpcId", vpc["Vpc"]["VpcId"]},
                        {"CidrBlock", fmt::format("10.{}.0.0/16", v)},
                        {"AvailabilityZone", "us-east-1a"}});
    subnets.push_back(subnet["Subnet"]["SubnetId"].get<std::string>());
  }
  const std::size_t kTeams = 100;
  const std::size_t kPerCall = 100;
  auto start = Clock::now();
  for (std::size_t n = 0; n < count; n += kPerCall) {
    const std::size_t team = (n / kPerCall) % kTeams;
    call(world, caller, "RunInstances",
         {{"ImageId", image},
          {"InstanceType", "t3.micro"},
          {"MinCount", kPerCall},
          {"MaxCount", kPerCall},
          {"SubnetId", subnets[n / 60000]},
          {"TagSpecifications",
           {{{"ResourceType", "instance"},
             {"Tags", {{{"Key", "team"}, {"Value", fmt::format("team-{}", team)}}}}}}}});
  }
  std::printf("   (launched in %.0f ms)\n", ms_since(start));
  const sim::RegionState& region = *world.region(caller.region);
  Json by_tag = {{"Filters", {{{"Name", "tag:team"}, {"Values", {"team-42"}}}}},
                 {"MaxResults", 1000}};
  std::size_t found = 0;
  const double tag_ms = median_ms(11, [&] {
    Json out = call(world, caller, "DescribeInstances", by_tag);
    found = 0;
    for (const auto& r : out["Reservations"]) found += r["Instances"].size();
  });
  std::size_t naive = 0;
  const double naive_ms = median_ms(5, [&] {
    naive = 0;
    for (const auto& [id, instance] : region.instances) {
      for (const auto& [k, v] : instance.tags) naive += k == "team" && v == "team-42";
    }
  });
  report(fmt::format("DescribeInstances tag:team=, {} of {} (ms per page)", found,
                     region.instances.size()),
         tag_ms, "ms", "naive scan of every instance's tags", naive_ms, "<= 20 ms");
  // The same page from the model alone, without the door's JSON: how the figure above divides.
  sim::DescribeInstancesRequest request;
  request.filters = {{"tag:team", {"team-42"}}};
  request.page.max_results = 1000;
  std::size_t model_found = 0;
  const double model_ms = median_ms(11, [&] {
    auto out = sim::describe_instances(world, caller, request);
    model_found = 0;
    for (const auto& r : out->reservations) model_found += r.instances.size();
  });
  report("  of which the model's sim::describe_instances (ms)", model_ms, "ms",
         "naive scan of every instance's tags", naive_ms, "(a part)");
  keep(naive + model_found);
}

}  // namespace

int main(int argc, char** argv) {
  const std::size_t images = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 1'000'000;
  const std::size_t instances = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 100'000;
  std::printf("amisim scale benchmarks (issue 19 §3)\n");
  bench_catalogue(images);
  bench_instances(instances);
  return 0;
}
