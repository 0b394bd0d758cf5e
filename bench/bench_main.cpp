// In-process benchmarks for the core model (issue "Core model", Benchmark section). Each figure is
// printed with a baseline measured in the same run, so bench/RESULTS.md can record a ratio that
// survives a slower or busier machine. Not a test: nothing here asserts a time.
#include <fmt/format.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "api/ec2/dispatch.hpp"
#include "api/io/fixtures.hpp"
#include "bench/support.hpp"
#include "sim/images/images.hpp"
#include "sim/instances/instances.hpp"
#include "sim/state/world.hpp"

using namespace amisim;

namespace {

using bench::keep;
using bench::rss_bytes;

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

void report(const char* what, double value, const char* unit, const char* baseline_what,
            double baseline, const char* target) {
  std::printf("%-44s %12.3f %-8s | baseline %-30s %12.3f | ratio %.3f | target %s\n", what, value,
              unit, baseline_what, baseline, value / baseline, target);
}

void bench_startup() {
  const int kRounds = 20;
  auto start = Clock::now();
  for (int i = 0; i < kRounds; ++i) keep(amisim::io::load_fixtures());
  const double parse_ms = seconds_since(start) * 1000 / kRounds;
  auto fixtures = amisim::io::load_fixtures();
  start = Clock::now();
  for (int i = 0; i < kRounds; ++i) {
    sim::World world(fixtures, sim::WorldOptions{static_cast<std::uint64_t>(i)});
    keep(world.now());
  }
  const double world_ms = seconds_since(start) * 1000 / kRounds;
  report("world start-up, default catalogue (ms)", parse_ms + world_ms, "ms",
         "fixture JSON parse alone", parse_ms, "<= 50 ms");
}

void bench_describe_by_id(sim::World& world, const sim::ImageId& id) {
  const int kCalls = 2'000'000;
  sim::Caller caller;
  sim::DescribeImagesRequest req;
  req.image_ids = {id};
  auto start = Clock::now();
  for (int i = 0; i < kCalls; ++i) keep(sim::describe_images(world, caller, req));
  const double rate = kCalls / seconds_since(start);
  const auto& images = world.region(caller.region)->images;
  start = Clock::now();
  for (int i = 0; i < kCalls; ++i) keep(images.find(id));
  const double floor = kCalls / seconds_since(start);
  report("DescribeImages by ID (calls/s)", rate, "calls/s", "std::map::find on the images", floor,
         ">= 1,000,000/s");
}

void bench_name_filter(sim::World& world) {
  sim::Caller caller;
  sim::DescribeImagesRequest req;
  req.filters = {{"name", {"amisim-synthetic-0123*"}}};
  const int kCalls = 200;
  std::size_t found = 0;
  auto start = Clock::now();
  for (int i = 0; i < kCalls; ++i) {
    auto r = sim::describe_images(world, caller, req);
    found = r.ok() ? r->images.size() : 0;
  }
  const double ms = seconds_since(start) * 1000 / kCalls;
  std::size_t naive = 0;
  start = Clock::now();
  for (int i = 0; i < kCalls; ++i) {
    naive = 0;
    for (const auto& [rname, region] : world.regions())
      for (const auto& [iid, image] : region.images)
        naive += image.region == caller.region && image.name.rfind("amisim-synthetic-0123", 0) == 0;
  }
  const double naive_ms = seconds_since(start) * 1000 / kCalls;
  report(fmt::format("name-prefix filter, {} matches (ms)", found).c_str(), ms, "ms",
         "naive scan of every image", naive_ms, "<= 5 ms");
  keep(naive);
}

void bench_run_instances(sim::World& world, const sim::ImageId& image) {
  const int kCalls = 200'000;
  sim::Caller caller;
  sim::RunInstancesRequest req;
  req.image_id = image.str();
  req.instance_type = "t3.micro";
  // Room for every launch: a default subnet holds 4,091 addresses, so the launches go to four
  // VPCs of one /16 subnet each (65,531 addresses apiece).
  world.ensure_account(caller.account);
  std::vector<std::string> subnets;
  for (int v = 0; v < 4; ++v) {
    const std::string cidr = fmt::format("10.{}.0.0/16", v);
    auto vpc = ec2::call(world, caller, "CreateVpc", {{"CidrBlock", cidr}});
    auto subnet = ec2::call(world, caller, "CreateSubnet",
                            {{"VpcId", vpc.value()["Vpc"]["VpcId"]},
                             {"CidrBlock", cidr},
                             {"AvailabilityZone", "us-east-1a"}});
    subnets.push_back(subnet.value()["Subnet"]["SubnetId"].get<std::string>());
  }
  auto start = Clock::now();
  int failures = 0;
  for (int i = 0; i < kCalls; ++i) {
    req.subnet_id = subnets[static_cast<std::size_t>(i) % subnets.size()];
    failures += !sim::run_instances(world, caller, req).ok();
  }
  const double rate = kCalls / seconds_since(start);
  std::map<std::string, sim::Instance> floor_map;
  sim::IdAllocator ids(1);
  start = Clock::now();
  for (int i = 0; i < kCalls; ++i) {
    sim::Instance instance;
    instance.id = sim::InstanceId(ids.next("i"));
    floor_map.emplace(instance.id.str(), std::move(instance));
  }
  const double floor = kCalls / seconds_since(start);
  report("RunInstances, 1 instance (calls/s)", rate, "calls/s", "mint ID + insert Instance", floor,
         ">= 200,000/s");
  if (failures) std::printf("  (%d RunInstances calls failed)\n", failures);
}

void bench_memory() {
  const std::size_t kImages = 100'000;
  const std::size_t before = rss_bytes();
  auto small = amisim::io::load_fixtures();
  sim::World baseline_world(small);
  const std::size_t with_default = rss_bytes();
  auto big = amisim::io::load_fixtures(kImages, 1);
  sim::World world(big);
  const std::size_t after = rss_bytes();
  const double per_image = static_cast<double>(after - with_default) / kImages;
  (void)before;
  report("memory per catalogue image (bytes)", per_image, "B", "sizeof(sim::Image) alone",
         static_cast<double>(sizeof(sim::Image)), "<= 1024 B");
  keep(world.now());
}

}  // namespace

int main() {
  std::printf("amisim in-process benchmarks (core model)\n");
  bench_startup();
  bench_memory();
  auto fixtures = amisim::io::load_fixtures(100'000, 1);
  sim::World world(fixtures);
  sim::ImageId al2023;
  for (const auto& c : fixtures->images) {
    if (c.region.str() == "us-east-1" && c.traits.architecture == "x86_64" &&
        c.traits.platform.empty()) {
      al2023 = c.id;
      break;
    }
  }
  bench_describe_by_id(world, al2023);
  bench_name_filter(world);
  // RunInstances in a world with the default catalogue: launches do not depend on catalogue size.
  sim::World launch_world(amisim::io::load_fixtures());
  bench_run_instances(launch_world, al2023);
  return 0;
}
