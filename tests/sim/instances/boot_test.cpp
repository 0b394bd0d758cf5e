#include "harness.hpp"
#include "sim/ebs/volumes.hpp"
#include "sim/images/images.hpp"
#include "sim/timeline.hpp"
#include "tests/sim/instances/instance_test_helpers.hpp"

using namespace sim;
using test::expect_error;
using test::expect_ok;

namespace {

constexpr DurationMs kRedisMs = 90 * kSecondMs;
constexpr std::uint64_t kRedisBytes = 5 * 1024 * 1024;

// The shipped fixtures plus a second package, so sequences of installs can be tested.
std::shared_ptr<const Fixtures> fixtures_with_redis() {
  auto f = std::make_shared<Fixtures>(*test::fixtures());
  f->software["redis"] = SoftwarePackage{"redis", kRedisMs, kRedisBytes};
  return f;
}

struct BootWorld {
  World world{fixtures_with_redis(), WorldOptions{3}};
  Caller caller;

  InstanceId launch(const std::string& user_data, const std::string& image = {}) {
    RunInstancesRequest r;
    r.image_id = image;
    if (image.empty()) {
      for (const auto& c : world.fixtures().images)
        if (c.family == "al2023-x86_64" && c.region == caller.region) r.image_id = c.id.str();
    }
    r.instance_type = "t3.micro";
    r.user_data = user_data;
    return expect_ok(run_instances(world, caller, r)).instances.at(0)->id;
  }
  Instance& get(const InstanceId& id) {
    Instance* i = find_instance(world, caller, id);
    REQUIRE(i != nullptr);
    return *i;
  }
  std::string status(const InstanceId& id) {
    DescribeInstanceStatusRequest r;
    r.instance_ids = {id.str()};
    r.include_all_instances = true;
    auto out = expect_ok(describe_instance_status(world, caller, r));
    REQUIRE(out.statuses.size() == 1);
    CHECK(out.statuses[0].instance_status == out.statuses[0].system_status);
    return out.statuses[0].instance_status;
  }
  const Volume& root(const InstanceId& id) {
    return world.region_of(caller).volumes.at(get(id).block_devices.at(0).volume_id);
  }
  DurationMs boot() const { return world.fixtures().find_instance_type("t3.micro")->boot_ms; }
  DurationMs nginx() const { return world.fixtures().find_software("nginx")->install_ms; }
};

}  // namespace

TEST_CASE("User data install lines name packages in order, each once") {
  CHECK(packages_in_user_data("#!/bin/bash\n#amisim install nginx redis\necho hi\n"
                              "  #amisim install redis git\r\n#amisim installer x\n") ==
        std::vector<std::string>{"nginx", "redis", "git"});
  CHECK(packages_in_user_data("").empty());
  CHECK(packages_in_user_data("# amisim install nginx").empty());
  CHECK(packages_in_user_data("#amisim install").empty());
}

TEST_CASE("An instance with installs in user data is initializing until boot plus installs") {
  BootWorld w;
  const TimeMs t0 = w.world.now();
  const InstanceId id = w.launch("#!/bin/bash\n#amisim install nginx redis\n");
  CHECK(w.status(id) == "not-applicable");  // pending
  const TimeMs ready = t0 + w.boot() + w.nginx() + kRedisMs;
  sim::advance_to(w.world, t0 + w.boot());
  CHECK(w.get(id).state == InstanceState::kRunning);
  CHECK(w.status(id) == "initializing");
  REQUIRE(w.get(id).ready_at.has_value());
  CHECK(*w.get(id).ready_at == ready);
  sim::advance_to(w.world, ready - 1);
  CHECK(w.status(id) == "initializing");
  sim::advance_to(w.world, ready);
  CHECK(w.status(id) == "ok");
}

TEST_CASE("Installs write each package to the root volume in turn") {
  BootWorld w;
  const InstanceId id = w.launch("#amisim install nginx redis");
  const std::uint64_t before = w.root(id).data->blocks.written_bytes();
  const TimeMs t0 = w.world.now();
  sim::advance_to(w.world, t0 + w.boot() + w.nginx());
  CHECK(w.root(id).data->packages == std::set<std::string>{"nginx"});
  sim::settle(w.world);
  CHECK(w.root(id).data->packages == std::set<std::string>{"nginx", "redis"});
  const std::uint64_t nginx_bytes = w.world.fixtures().find_software("nginx")->size_bytes;
  const std::uint64_t min_growth = nginx_bytes + kRedisBytes;
  CHECK(w.root(id).data->blocks.written_bytes() >= before + min_growth);
  CHECK(w.root(id).data->blocks.written_bytes() < before + min_growth + 2 * kBlockBytes);
}

TEST_CASE("Unknown package names in user data are ignored and do not fail the launch") {
  BootWorld w;
  const TimeMs t0 = w.world.now();
  const InstanceId id = w.launch("#amisim install no-such-package nginx");
  sim::settle(w.world);
  CHECK(w.root(id).data->packages == std::set<std::string>{"nginx"});
  CHECK(*w.get(id).ready_at == t0 + w.boot() + w.nginx());
}

TEST_CASE("An instance without installs is ok as soon as it runs") {
  BootWorld w;
  const TimeMs t0 = w.world.now();
  const InstanceId id = w.launch("#!/bin/bash\necho hello\n");
  sim::advance_to(w.world, t0 + w.boot());
  CHECK(w.status(id) == "ok");
}

TEST_CASE("Stopping during installs abandons them, a later start does not run user data again") {
  BootWorld w;
  const TimeMs t0 = w.world.now();
  const InstanceId id = w.launch("#amisim install nginx redis");
  sim::advance_to(w.world, t0 + w.boot() + w.nginx());  // nginx done, redis in progress
  expect_ok(stop_instances(w.world, w.caller, {id.str()}));
  sim::settle(w.world);
  CHECK(w.get(id).state == InstanceState::kStopped);
  expect_ok(start_instances(w.world, w.caller, {id.str()}));
  const TimeMs started = w.world.now();
  sim::settle(w.world);
  CHECK(w.get(id).state == InstanceState::kRunning);
  CHECK(w.root(id).data->packages == std::set<std::string>{"nginx"});
  CHECK(*w.get(id).ready_at == started + w.boot());
}

TEST_CASE("An image made from an installed instance launches ready sooner (a golden AMI)") {
  BootWorld w;
  const std::string user_data = "#amisim install nginx redis";
  const InstanceId builder = w.launch(user_data);
  sim::settle(w.world);
  CreateImageRequest c;
  c.instance_id = builder;
  c.name = "golden-web";
  const ImageId golden = expect_ok(create_image(w.world, w.caller, c));
  sim::settle(w.world);
  REQUIRE(w.world.region_of(w.caller).images.at(golden).state == ImageState::kAvailable);
  const TimeMs t0 = w.world.now();
  const InstanceId fast = w.launch(user_data, golden.str());
  sim::advance_to(w.world, t0 + w.boot());
  CHECK(w.status(fast) == "ok");
  CHECK(*w.get(fast).ready_at == t0 + w.boot());
  CHECK(w.root(fast).data->packages == std::set<std::string>{"nginx", "redis"});
}
