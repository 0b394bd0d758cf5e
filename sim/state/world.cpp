#include "sim/state/world.hpp"

#include <algorithm>
#include <cassert>

namespace amisim::sim {

bool RegionState::has_zone(const ZoneName& zone) const {
  for (const auto& z : info->zones) {
    if (z.name == zone) return true;
  }
  return false;
}

World::World(std::shared_ptr<const Fixtures> fixtures, WorldOptions options)
    : fixtures_(std::move(fixtures)), options_(options), clock_(options.start), ids_(options.seed) {
  assert(fixtures_);
  for (const auto& info : fixtures_->regions) regions_[info.name].info = &info;
  for (const auto& [id, alias] : fixtures_->owner_aliases) accounts_[id] = Account{id, alias};
  load_catalogue();
  ensure_account(kDefaultAccount);
}

namespace {

// The data on a catalogue image's root snapshot: its used bytes, written once.
std::shared_ptr<const VolumeData> catalogue_data(std::uint64_t used_bytes, std::uint64_t version) {
  auto data = std::make_shared<VolumeData>();
  const std::uint64_t blocks = (used_bytes + kBlockBytes - 1) / kBlockBytes;
  if (blocks > 0) data->blocks.write(0, blocks, version);
  return data;
}

}  // namespace

Snapshot catalogue_snapshot(const CatalogueImage& c, std::shared_ptr<const VolumeData> data) {
  Snapshot s;
  s.id = c.root_snapshot;
  s.region = c.region;
  s.owner = c.owner;
  s.owner_alias = c.owner_alias;
  s.volume_id = VolumeId("vol-ffffffff");
  s.volume_size_gib = c.root_size_gib;
  s.description = c.name;
  s.state = SnapshotState::kCompleted;
  s.start_time = c.creation;
  s.completion_time = c.creation;
  s.data = std::move(data);
  // Public image snapshots are restorable by anyone, as `describe-snapshots --owner-ids amazon`
  // lists them. [?] not stated for every vendor; it lets CopyImage of a public image work later.
  // A private image's (an image file's, api/io/catalog.hpp) is its owner's only.
  s.is_public = c.is_public;
  return s;  // pool_order 0: catalogue storage is AWS's, not a customer's, and is not accounted
}

Image catalogue_image(const CatalogueImage& c) {
  Image image;
  image.id = c.id;
  image.region = c.region;
  image.owner = c.owner;
  image.owner_alias = c.owner_alias;
  image.name = c.name;
  image.description = c.description;
  image.state = ImageState::kAvailable;
  image.creation = c.creation;
  image.traits = c.traits;  // the row's, all of them (sim/state/image.hpp)
  image.set_image_location(c.image_location);
  image.public_ssm_parameter = c.public_ssm_parameter;
  image.is_public = c.is_public;
  // Assigned, not filled through mut(): a row shared with nobody (every public image) keeps no
  // block.
  image.launch_permissions =
      std::set<AccountId>(c.launch_permissions.begin(), c.launch_permissions.end());
  image.deprecation_time = c.deprecation_time;
  image.tags = c.tags;
  EbsBlockDevice ebs;
  ebs.snapshot_id = c.root_snapshot;
  ebs.volume_size_gib = c.root_size_gib;
  ebs.volume_type = c.volume_type;
  ebs.delete_on_termination = c.delete_on_termination;
  image.mappings.push_back(BlockDeviceMapping{c.traits.root_device_name, ebs, "", false});
  return image;
}

void World::load_catalogue() {
  std::shared_ptr<const VolumeData> synthetic_data;
  auto add = [&](const CatalogueImage& c, bool synthetic) {
    RegionState* r = region(c.region);
    assert(r && "catalogue image in an unknown Region");
    reserve_id(c.id.str());
    reserve_id(c.root_snapshot.str());
    std::shared_ptr<const VolumeData> data;
    if (r->snapshots.count(c.root_snapshot)) {
      // Synthetic images share their Region's root snapshot (generate_synthetic_catalogue).
    } else if (synthetic) {
      if (!synthetic_data) synthetic_data = catalogue_data(c.root_used_bytes, next_write_version());
      data = synthetic_data;
    } else {
      data = catalogue_data(c.root_used_bytes, next_write_version());
    }
    if (data) r->snapshots.emplace(c.root_snapshot, catalogue_snapshot(c, std::move(data)));
    // Synthetic images come in increasing ID and name order, after the catalogue's ("ami-f" sorts
    // after "ami-0"): hinted at the ends, each insert is a step, not a walk down cold nodes. A
    // wrong hint (an image file's row) costs an ordinary insert.
    auto image = r->images.emplace_hint(r->images.end(), c.id, catalogue_image(c));
    r->image_names.insert_after_last(image->second);
    if (c.owner_alias.empty()) {
      ensure_account(c.owner);  // a customer's image from an image file: its owner exists
    } else if (!accounts_.count(c.owner)) {
      accounts_[c.owner] = Account{c.owner, c.owner_alias};
    }
  };
  for (const CatalogueImage& c : fixtures_->images) add(c, false);
  // --catalog-size: generated here, never held by the fixtures too.
  generate_synthetic_catalogue(*fixtures_, [&](const CatalogueImage& c) { add(c, true); });
}

void World::reserve_id(const std::string& id) {
  // new_id only issues "<prefix>-0" + 16 hex digits; any other ID (8-digit legacy IDs, synthetic
  // 'f'-led IDs) can never collide and needs no entry.
  const std::size_t dash = id.find('-');
  if (dash == std::string::npos || id.size() != dash + 18 || id[dash + 1] != '0') return;
  reserved_ids_.insert(id);
  const std::string prefix = id.substr(0, dash);
  if (std::find(reserved_prefixes_.begin(), reserved_prefixes_.end(), prefix) ==
      reserved_prefixes_.end())
    reserved_prefixes_.push_back(prefix);
}

std::string World::new_id(std::string_view prefix) {
  std::string id = ids_.next(prefix);
  // Only a prefix some catalogue ID has can collide ("ami", "snap"): instance, volume and
  // reservation IDs skip the hash lookup. The IDs issued are the same either way.
  if (std::find(reserved_prefixes_.begin(), reserved_prefixes_.end(), prefix) ==
      reserved_prefixes_.end())
    return id;
  while (reserved_ids_.count(id)) id = ids_.next(prefix);
  return id;
}

void World::ensure_account(const AccountId& account) {
  auto [it, inserted] = accounts_.try_emplace(account, Account{account, ""});
  (void)it;
  RegionState& first = regions_.begin()->second;
  if (!inserted && first.accounts.count(account)) return;
  // The account's network in a Region is made on its first use there
  // (sim/network/network.hpp, ensure_default_network), as AWS gives one "in each Region it uses".
  for (auto& [name, r] : regions_) r.accounts.try_emplace(account);
}

std::string World::owner_alias(const AccountId& account) const {
  auto it = accounts_.find(account);
  return it == accounts_.end() ? std::string() : it->second.alias;
}

RegionState* World::region(const RegionName& name) {
  auto it = regions_.find(name);
  return it == regions_.end() ? nullptr : &it->second;
}

const RegionState* World::region(const RegionName& name) const {
  auto it = regions_.find(name);
  return it == regions_.end() ? nullptr : &it->second;
}

RegionState& World::region_of(const Caller& caller) {
  RegionState* r = region(caller.region);
  assert(r && "caller Region must be validated at the edge");
  return *r;
}

const RegionState& World::region_of(const Caller& caller) const {
  const RegionState* r = region(caller.region);
  assert(r && "caller Region must be validated at the edge");
  return *r;
}

}  // namespace amisim::sim
