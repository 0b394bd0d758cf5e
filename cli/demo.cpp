#include "cli/demo.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cstdio>
#include <string>

#include "api/io/fixtures.hpp"
#include "sim/ebs/snapshots.hpp"
#include "sim/images/images.hpp"
#include "sim/instances/instances.hpp"
#include "sim/state/world.hpp"
#include "sim/timeline.hpp"

namespace amisim::cli {
namespace {

using namespace amisim::sim;

struct DemoOptions {
  std::uint64_t seed = 1;
  std::size_t catalog_size = 0;
  bool quiet = false;
};

// The narrator: prints model time and a line, unless quiet. Counts surprises.
class Narrator {
 public:
  Narrator(World& world, bool quiet) : world_(world), quiet_(quiet) {}

  template <class... Args>
  void say(fmt::format_string<Args...> format, Args&&... args) {
    if (quiet_) return;
    const std::string time = format_iso8601(world_.now()).substr(11, 8);
    std::printf("[%s] %s\n", time.c_str(),
                fmt::format(format, std::forward<Args>(args)...).c_str());
  }
  void fail(const std::string& what) {
    ++failures_;
    std::fprintf(stderr, "amisim demo: unexpected: %s\n", what.c_str());
  }
  int failures() const { return failures_; }

 private:
  World& world_;
  bool quiet_;
  int failures_ = 0;
};

bool parse_options(const std::vector<std::string_view>& args, DemoOptions& out) {
  for (std::size_t i = 0; i < args.size(); ++i) {
    auto number = [&](auto& target) {
      if (i + 1 >= args.size()) return false;
      const std::string_view v = args[++i];
      return std::from_chars(v.data(), v.data() + v.size(), target).ec == std::errc();
    };
    if (args[i] == "--quiet")
      out.quiet = true;
    else if (args[i] == "--seed") {
      if (!number(out.seed)) return false;
    } else if (args[i] == "--catalog-size") {
      if (!number(out.catalog_size)) return false;
    } else
      return false;
  }
  return true;
}

std::string error_text(const Error& e) { return fmt::format("{}: {}", e.name(), e.message); }

// The public Amazon Linux 2023 x86_64 image of the caller's Region, found the way a user would:
// DescribeImages with Owners=amazon and a name filter.
std::string find_al2023(const World& world, const Caller& caller) {
  DescribeImagesRequest req;
  req.owners = {"amazon"};
  req.filters = {{"name", {"al2023-ami-2023*"}}, {"architecture", {"x86_64"}}};
  auto found = describe_images(world, caller, req);
  if (!found || found->images.empty()) return {};
  return found->images.front()->id.str();
}

// Launches one t3.micro from `image_id`; nullopt (counted as a failure) when it is refused.
std::optional<const Instance*> launch(World& world, Narrator& n, const Caller& caller,
                                      const std::string& image_id, const std::string& user_data) {
  RunInstancesRequest req;
  req.image_id = image_id;
  req.instance_type = "t3.micro";
  req.user_data = user_data;
  auto run = run_instances(world, caller, req);
  if (!run) {
    n.fail(error_text(run.error()));
    return std::nullopt;
  }
  return run->instances.front();
}

// Advances the clock a second at a time until `instance` is ready (status checks ok); returns how
// long that took.
DurationMs time_to_ready(World& world, const Instance& instance) {
  const TimeMs start = world.now();
  while (!instance.ready_at || world.now() < *instance.ready_at) sim::advance_by(world, kSecondMs);
  return world.now() - start;
}

void stop_and_bake(World& world, Narrator& n, const Caller& caller, const Instance& builder,
                   ImageId& golden) {
  if (!stop_instances(world, caller, {builder.id.str()})) n.fail("stop refused");
  sim::settle(world);
  n.say("stopped {} ({}); its volumes stay", builder.id.str(), to_string(builder.state));
  CreateImageRequest req;
  req.instance_id = builder.id;
  req.name = "golden-web-v1";
  req.description = "nginx and docker baked in";
  auto image = create_image(world, caller, req);
  if (!image) return n.fail(error_text(image.error()));
  golden = *image;
  const Image& img = world.region_of(caller).images.at(golden);
  n.say("CreateImage -> {} is {}", golden.str(), to_string(img.state));
  sim::settle(world);
  n.say("{} is {}; its snapshot stores {:.1f} MiB (a first snapshot is a full copy)", golden.str(),
        to_string(img.state),
        static_cast<double>(region_stored_bytes(world.region_of(caller), caller.account)) /
            (1024 * 1024));
}

}  // namespace

int run_demo(const std::vector<std::string_view>& args) {
  DemoOptions options;
  if (!parse_options(args, options)) {
    std::fputs("usage: amisim demo [--seed N] [--catalog-size N] [--quiet]\n", stderr);
    return 2;
  }
  World world(io::load_fixtures(options.catalog_size, options.seed), WorldOptions{options.seed});
  Narrator n(world, options.quiet);
  const Caller caller;  // 123456789012 in us-east-1
  const std::string user_data = "#!/bin/bash\n#amisim install nginx docker\n";

  const std::string al2023 = find_al2023(world, caller);
  if (al2023.empty()) return n.fail("no Amazon Linux 2023 image in us-east-1"), 1;
  n.say("Amazon Linux 2023 in us-east-1 is {}", al2023);
  auto builder = launch(world, n, caller, al2023, user_data);
  if (!builder) return 1;
  n.say("RunInstances -> {} is {} (user data installs nginx and docker)", (*builder)->id.str(),
        to_string((*builder)->state));
  const DurationMs slow = time_to_ready(world, **builder);
  n.say("{} ready after {} s: boot plus installs", (*builder)->id.str(), slow / kSecondMs);

  ImageId golden;
  stop_and_bake(world, n, caller, **builder, golden);
  if (golden.empty()) return 1;

  auto fast = launch(world, n, caller, golden.str(), user_data);
  if (!fast) return 1;
  const DurationMs quick = time_to_ready(world, **fast);
  n.say("{} from the golden AMI ready after {} s: the software was already there",
        (*fast)->id.str(), quick / kSecondMs);
  if (quick >= slow) n.fail("the golden AMI did not make the launch faster");

  RunInstancesRequest elsewhere;
  elsewhere.image_id = golden.str();
  elsewhere.instance_type = "t3.micro";
  auto refused = run_instances(world, Caller{caller.account, RegionName("eu-west-1")}, elsewhere);
  if (refused)
    n.fail("the us-east-1 AMI launched in eu-west-1");
  else
    n.say("the same ID in eu-west-1: {}", error_text(refused.error()));

  auto dereg = deregister_image(world, caller, golden);
  if (!dereg) n.fail(error_text(dereg.error()));
  n.say("deregistered {}; its snapshots stay and still store {:.1f} MiB", golden.str(),
        static_cast<double>(region_stored_bytes(world.region_of(caller), caller.account)) /
            (1024 * 1024));
  return n.failures() == 0 ? 0 : 1;
}

}  // namespace amisim::cli
