// What every image operation shares: finding an image, who may see it, deprecation, and the
// pending -> available transition.
#include "sim/images/images.hpp"

#include <algorithm>

#include "sim/core/text.hpp"
#include "sim/ebs/snapshots.hpp"
#include "sim/ebs/volumes.hpp"
#include "sim/images/allowed_images.hpp"
#include "sim/images/detail.hpp"

namespace amisim::sim {

const Image* find_image(const World& world, const Caller& caller, const ImageId& id) {
  const RegionState* region = world.region(caller.region);
  if (!region) return nullptr;
  auto it = region->images.find(id);
  return it == region->images.end() ? nullptr : &it->second;
}

Image* find_image(World& world, const Caller& caller, const ImageId& id) {
  RegionState* region = world.region(caller.region);
  if (!region) return nullptr;
  auto it = region->images.find(id);
  return it == region->images.end() ? nullptr : &it->second;
}

bool image_visible_to(const Image& image, const AccountId& account) {
  return image.owner == account || image.is_public || image.launch_permissions->count(account) != 0;
}

bool is_deprecated(const Image& image, TimeMs now) {
  return image.deprecation_time && *image.deprecation_time <= now;
}

Result<const Image*> find_launchable_image(const World& world, const Caller& caller,
                                           const std::string& image_id) {
  if (!is_well_formed_id("ami", image_id)) return errors::image_id_malformed(image_id);
  const Image* image = find_image(world, caller, ImageId(image_id));
  if (!image) return errors::image_not_found(image_id);
  // A deregistered image is gone for good once its short after-life is over (fact sheet §3.5).
  if (is_purged(*image, world.now())) return errors::image_not_found(image_id);
  if (!image_visible_to(*image, caller.account)) return errors::image_not_authorized(image_id);
  // Allowed AMIs enabled: an image outside the criteria is not found (ERRCODES
  // InvalidAMIID.NotFound "might also occur if the AMI doesn't meet your Allowed AMIs criteria").
  if (image_restricted(world, caller.account, *image)) return errors::image_not_found(image_id);
  if (image->state != ImageState::kAvailable)
    return errors::image_unavailable(image_id, to_string(image->state));
  return image;
}

namespace {

// The latest completion time among the image's snapshots still pending, if any.
std::optional<TimeMs> pending_snapshots_until(const RegionState& region, const Image& image) {
  std::optional<TimeMs> latest;
  for (const auto& m : image.mappings) {
    if (!m.ebs || !m.ebs->snapshot_id) continue;
    auto it = region.snapshots.find(*m.ebs->snapshot_id);
    if (it == region.snapshots.end() || it->second.state != SnapshotState::kPending) continue;
    if (!latest || it->second.completion_time > *latest) latest = it->second.completion_time;
  }
  return latest;
}

}  // namespace

void on_image_event(World& world, const Event& event) {
  if (event.kind != EventKind::kImageAvailable) return;
  RegionState* region = world.region(event.region);
  if (!region) return;
  auto it = region->images.find(ImageId(event.target));
  if (it == region->images.end()) return;
  Image& image = it->second;
  // Stale events (the image was deregistered meanwhile, or rescheduled) change nothing.
  if (image.state != ImageState::kPending || image.pending_seq != event.seq) return;
  // An image is available only once all its snapshots are stored; if one is late, wait for it.
  if (auto until = pending_snapshots_until(*region, image)) {
    Event again = event;
    again.at = *until > world.now() ? *until : world.now() + kSecondMs;
    image.pending_seq = world.schedule(std::move(again));
    return;
  }
  image.state = ImageState::kAvailable;
}

bool is_purged(const Image& image, TimeMs now) {
  return image.state == ImageState::kDeregistered && image.deregistered_at &&
         now >= *image.deregistered_at + kDeregisteredImageVisibleMs;
}

Result<Image*> owned_image(World& world, const Caller& caller, const ImageId& id) {
  if (!is_well_formed_id("ami", id.str())) return errors::image_id_malformed(id.str());
  Image* image = find_image(world, caller, id);
  if (!image || is_purged(*image, world.now())) return errors::image_not_found(id.str());
  if (image->owner != caller.account) return errors::image_not_owned(id.str());
  if (image->state == ImageState::kDeregistered) return errors::image_deregistered(id.str());
  return image;
}

void index_name(RegionState& region, const Image& image) { region.image_names.insert(image); }

void unindex_name(RegionState& region, const Image& image) { region.image_names.erase(image); }

std::vector<SnapshotId> image_snapshots(const Image& image) {
  std::vector<SnapshotId> out;
  for (const auto& m : image.mappings) {
    if (!m.ebs || !m.ebs->snapshot_id) continue;
    if (std::find(out.begin(), out.end(), *m.ebs->snapshot_id) == out.end())
      out.push_back(*m.ebs->snapshot_id);
  }
  return out;
}

void schedule_available(World& world, Image& image, TimeMs at) {
  Event event;
  event.at = at;
  event.kind = EventKind::kImageAvailable;
  event.region = image.region;
  event.target = image.id.str();
  image.pending_seq = world.schedule(std::move(event));
}

Status check_image_name(const RegionState& region, const AccountId& owner,
                        const std::string& name) {
  if (auto s = check_ami_name(name); !s) return s;
  // image_names holds only images that still hold their name (deregistration frees it).
  const auto& names = region.image_names.entries(region.images);
  for (auto it = names.lower_bound(std::string_view(name));
       it != names.end() && (*it)->name == name; ++it) {
    if ((*it)->owner == owner) return errors::image_name_duplicate(name, (*it)->id.str());
  }
  return ok_status();
}

Status check_mappings_text(const std::vector<BlockDeviceMapping>& mappings) {
  for (const auto& m : mappings) {
    if (auto s = check_text("DeviceName", m.device_name); !s) return s;
    if (auto s = check_text("VirtualName", m.virtual_name.get()); !s) return s;
    if (m.ebs) {
      if (auto s = check_text("VolumeType", m.ebs->volume_type); !s) return s;
      if (auto s = check_volume_type(m.ebs->volume_type); !s) return s;
      if (m.ebs->snapshot_id) {
        if (auto s = check_text("SnapshotId", m.ebs->snapshot_id->str()); !s) return s;
      }
    }
  }
  return ok_status();
}

}  // namespace amisim::sim
