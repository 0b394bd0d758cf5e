#include "harness.hpp"

#include "api/io/fixtures.hpp"
#include "sim/network/network.hpp"
#include "sim/state/image.hpp"

namespace test {

std::shared_ptr<const sim::Fixtures> fixtures() {
  static const std::shared_ptr<const sim::Fixtures> kFixtures = amisim::io::load_fixtures();
  return kFixtures;
}

// The doors make a caller's network on its first use of a Region (api/ec2/dispatch.cpp); the
// harness does the same for the callers it hands out.
Harness::Harness(std::uint64_t seed) : world(fixtures(), sim::WorldOptions{seed}) {
  sim::ensure_default_network(world, caller);
}

sim::Caller Harness::as(const std::string& account, const std::string& region) {
  sim::Caller c{sim::AccountId(account), sim::RegionName(region)};
  world.ensure_account(c.account);
  sim::ensure_default_network(world, c);
  return c;
}

sim::ImageId Harness::catalogue_image(const std::string& family, const std::string& region) const {
  for (const auto& image : world.fixtures().images) {
    if (image.family == family && image.region.str() == region) return image.id;
  }
  FAIL("no catalogue image " << family << " in " << region);
  return {};
}

sim::Image& image_using(Harness& h, const sim::SnapshotId& snapshot, sim::ImageState state) {
  sim::Image image;
  image.id = sim::ImageId(h.world.new_id("ami"));
  image.region = h.caller.region;
  image.owner = h.caller.account;
  image.state = state;
  sim::EbsBlockDevice ebs;
  ebs.snapshot_id = snapshot;
  image.mappings.push_back(sim::BlockDeviceMapping{"/dev/xvda", ebs, "", false});
  const sim::ImageId id = image.id;
  return h.world.region_of(h.caller).images.emplace(id, std::move(image)).first->second;
}

}  // namespace test
