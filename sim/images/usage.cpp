// LastLaunchedTime's reporting delay, the image lookup the usage reads share, and the ARNs they
// write. Facts: docs/aws-facts.md §U.
#include "sim/images/usage.hpp"

#include <fmt/format.h>

#include <charconv>

namespace amisim::sim {

void record_image_launch(World& world, const Image& image) {
  Event e;
  e.at = world.now() + kLastLaunchedReportDelayMs;
  e.kind = EventKind::kImageLastLaunchReported;
  e.region = image.region;
  e.target = image.id.str();
  e.detail = std::to_string(world.now());
  // Housekeeping: nobody waits for it, so the instant clock mode leaves the lag in place.
  e.settles = false;
  world.schedule(std::move(e));
}

void on_image_usage_event(World& world, const Event& event) {
  if (event.kind != EventKind::kImageLastLaunchReported) return;
  RegionState* region = world.region(event.region);
  if (region == nullptr) return;
  auto it = region->images.find(ImageId(event.target));
  if (it == region->images.end()) return;
  TimeMs launched = 0;
  const auto [end, ec] =
      std::from_chars(event.detail.data(), event.detail.data() + event.detail.size(), launched);
  if (ec != std::errc() || end != event.detail.data() + event.detail.size()) return;
  Image& image = it->second;
  if (!image.last_launched_time || *image.last_launched_time < launched)
    image.last_launched_time = launched;
}

const Image* image_record(const World& world, const RegionName& region, const ImageId& id) {
  const RegionState* r = world.region(region);
  if (r == nullptr) return nullptr;
  auto it = r->images.find(id);
  return it == r->images.end() ? nullptr : &it->second;
}

std::string instance_arn(const RegionName& region, const AccountId& account, std::string_view id) {
  return fmt::format("arn:aws:ec2:{}:{}:instance/{}", region.str(), account.str(), id);
}

std::string launch_template_arn(const RegionName& region, const AccountId& account,
                                std::string_view id) {
  return fmt::format("arn:aws:ec2:{}:{}:launch-template/{}", region.str(), account.str(), id);
}

std::string ssm_parameter_arn(const RegionName& region, const AccountId& account,
                              std::string_view name) {
  if (!name.empty() && name.front() == '/') name.remove_prefix(1);
  return fmt::format("arn:aws:ssm:{}:{}:parameter/{}", region.str(), account.str(), name);
}

}  // namespace amisim::sim
