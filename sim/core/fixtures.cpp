#include "sim/core/fixtures.hpp"

#include <algorithm>
#include <charconv>
#include <unordered_set>
#include <vector>

#include "sim/core/id_allocator.hpp"

namespace amisim::sim {

const RegionInfo* Fixtures::find_region(const RegionName& name) const {
  for (const auto& r : regions) {
    if (r.name == name) return &r;
  }
  return nullptr;
}

bool RegionInfo::offers(const std::string& instance_type, const ZoneInfo* zone) const {
  auto listed = [&](const std::vector<std::string>& v) {
    return std::find(v.begin(), v.end(), instance_type) != v.end();
  };
  return !listed(missing_instance_types) &&
         (zone == nullptr || !listed(zone->missing_instance_types));
}

const InstanceTypeInfo* Fixtures::find_instance_type(const std::string& name) const {
  auto it = instance_types.find(name);
  return it == instance_types.end() ? nullptr : &it->second;
}

const SoftwarePackage* Fixtures::find_software(const std::string& name) const {
  auto it = software.find(name);
  return it == software.end() ? nullptr : &it->second;
}

void add_synthetic_catalogue(Fixtures& fixtures, std::size_t count, std::uint64_t seed) {
  fixtures.synthetic = SyntheticCatalogue{count, seed};
}

namespace {

// `value` in `base` (lowercase), left-padded with '0' to `width`, appended to `out`. The
// generator writes its million IDs and names so: fmt::format, parsing its pattern each time, was
// a tenth of a million-image start-up.
void append_number(std::string& out, std::uint64_t value, int base, std::size_t width) {
  char digits[24];
  const auto [end, error] = std::to_chars(digits, digits + sizeof digits, value, base);
  const auto count = static_cast<std::size_t>(end - digits);
  if (count < width) out.append(width - count, '0');
  out.append(digits, count);
}

}  // namespace

void generate_synthetic_catalogue(const Fixtures& fixtures,
                                  const std::function<void(const CatalogueImage&)>& each) {
  const std::size_t count = fixtures.synthetic.count;
  if (fixtures.regions.empty() || count == 0) return;
  std::unordered_set<std::string> taken;
  for (const auto& image : fixtures.images) {
    taken.insert(image.id.str());
    taken.insert(image.root_snapshot.str());
  }
  IdAllocator ids(fixtures.synthetic.seed ^ 0x5eed0ca7a1096eULL);
  // Synthetic IDs lead with 'f' where World::new_id always writes '0', so the two key spaces are
  // disjoint and the World need not reserve synthetic IDs (a hash-set entry per ID at scale).
  // Only a catalogue row's ID can collide with one (an image file may name any ID), so `taken`
  // holds those and the Regions' snapshots, not the synthetic IDs: the allocator never repeats.
  auto fresh = [&](const char* prefix) {
    std::string id;
    do {
      id = ids.next(prefix);
      id[id.find('-') + 1] = 'f';
    } while (taken.count(id) != 0);
    return id;
  };
  // One root snapshot per Region, shared by that Region's synthetic images: a modelling shortcut
  // for a scale-test catalogue (real AMIs each have their own), saving a Snapshot per image.
  std::vector<SnapshotId> region_snapshots;
  for (std::size_t r = 0; r < fixtures.regions.size(); ++r) {
    region_snapshots.emplace_back(fresh("snap"));
    taken.insert(region_snapshots.back().str());
  }
  const char* kArch[] = {"x86_64", "arm64"};
  CatalogueImage image;
  image.owner = AccountId("137112412989");
  image.owner_alias = "amazon";
  image.description = "Synthetic catalogue image for scale tests";
  image.traits.platform_details = "Linux/UNIX";
  image.traits.usage_operation = "RunInstances";
  image.traits.root_device_name = "/dev/xvda";
  image.traits.boot_mode = "uefi-preferred";
  image.root_size_gib = 8;
  image.root_used_bytes = 1ULL << 30;
  // The IDs first, then image n is the one with the n-th smallest ID: the images come out in ID
  // order and, since their names number them, in name order too, so each Region's image map and
  // name index are filled at their ends (World::load_catalogue hints the inserts). Filled in
  // random order they reached a cold node at every step of each insert: most of a
  // million-image start-up. An ID is "ami-f" + 16 hex digits, sorted as their value.
  std::vector<std::uint64_t> hexes;
  hexes.reserve(count);
  for (std::size_t n = 0; n < count; ++n) {
    const std::string id = fresh("ami");
    hexes.push_back(std::stoull(id.substr(id.size() - 16), nullptr, 16));
  }
  std::sort(hexes.begin(), hexes.end());
  for (std::size_t n = 0; n < count; ++n) {
    const RegionInfo& region = fixtures.regions[n % fixtures.regions.size()];
    std::string text = "synthetic-";
    append_number(text, n / fixtures.regions.size(), 10, 0);
    image.family = text;
    text = "ami-f";
    append_number(text, hexes[n], 16, 16);
    image.id = ImageId(text);
    image.region = region.name;
    // Alternate per round over the Regions, so that every Region gets both architectures
    // whatever the number of Regions (an even count would give each Region only one).
    image.traits.architecture = kArch[(n / fixtures.regions.size()) % 2];
    text = "amisim-synthetic-";
    append_number(text, n, 10, 6);
    image.name = text.append(1, '-').append(image.traits.architecture.str());
    image.image_location = "amazon/" + image.name;
    image.creation = kDefaultWorldStartMs - static_cast<TimeMs>(n % 1000 + 1) * kHourMs;
    image.root_snapshot = region_snapshots[n % fixtures.regions.size()];
    each(image);
  }
}

}  // namespace amisim::sim
