// CopyImage. Facts: fact sheet §4 (APIREF:CopyImage, UG23:CopyingAMIs.md).
#include <fmt/format.h>

#include <algorithm>

#include "sim/copies/copies.hpp"
#include "sim/copies/detail.hpp"
#include "sim/core/text.hpp"
#include "sim/ebs/snapshot_tiers.hpp"
#include "sim/ebs/snapshots.hpp"
#include "sim/images/allowed_images.hpp"
#include "sim/images/images.hpp"
#include "sim/images/marketplace.hpp"

namespace amisim::sim {
namespace {

using namespace detail;

// The source image as the caller may copy it: in SourceRegion only (an ID from another Region is
// simply not there, DESIGN.md Identity), visible to the caller (owner, shared, public), allowed by
// the caller's Allowed AMIs in SourceRegion (where the image is discovered [?]), available.
Result<const Image*> copyable_source(const World& world, const Caller& caller,
                                     const CopyImageRequest& request) {
  auto region = source_region(world, caller, request.source_region);
  if (!region) return region.error();
  const std::string& id = request.source_image_id.str();
  if (!is_well_formed_id("ami", id)) return errors::image_id_malformed(id);
  auto it = (*region)->images.find(request.source_image_id);
  if (it == (*region)->images.end() || is_purged(it->second, world.now()) ||
      !image_visible_to(it->second, caller.account) ||
      image_restricted(world, caller.account, it->second))
    return errors::image_not_found(id);
  if (it->second.state != ImageState::kAvailable)
    return errors::image_not_copyable(id, to_string(it->second.state));
  return &it->second;
}

// The source's snapshots, each readable by the caller: its own, or shared with it through
// createVolumePermission (launch permission alone is not enough to copy, UG23:CopyingAMIs.md;
// [obs] REAL:8368847906 for the refusal).
Result<std::vector<const Snapshot*>> readable_snapshots(const World& world, const Caller& caller,
                                                        const Image& source,
                                                        std::optional<bool> encrypted) {
  const RegionState& region = *world.region(source.region);
  std::vector<const Snapshot*> out;
  for (const SnapshotId& id : image_snapshots(source)) {
    auto it = region.snapshots.find(id);
    if (it == region.snapshots.end() || !snapshot_visible_to(region, it->second, caller.account))
      return errors::copy_storage_denied();
    // Archived snapshots cannot be copied (UG23:snapshot-archive.md).
    if (auto ok = check_snapshot_usable(it->second); !ok) return ok.error();
    if (auto ok = check_source_encryption(caller, it->second, encrypted); !ok) return ok.error();
    out.push_back(&it->second);
  }
  return out;
}

std::string request_digest(const CopyImageRequest& r) {
  std::string d = fmt::format("{}|{}|{}|{}|{}|{}|{}", r.source_region.str(),
                              r.source_image_id.str(), r.name, r.description, r.copy_image_tags,
                              r.encrypted ? (*r.encrypted ? "1" : "0") : "-", r.kms_key_id);
  for (const auto& spec : r.tag_specifications) {
    d += "|" + spec.resource_type;
    for (const auto& t : spec.tags) d += ":" + t.key + "=" + t.value;
  }
  return d;
}

// A ClientToken seen before: the same image for the same request, IdempotentParameterMismatch
// for another (EC2 idempotency, as RunInstances).
std::optional<Result<ImageId>> replay(const World& world, const Caller& caller,
                                      const CopyImageRequest& r) {
  if (r.client_token.empty()) return std::nullopt;
  const auto& tokens = world.region_of(caller).copies.image_tokens;
  auto it = tokens.find({caller.account, r.client_token});
  if (it == tokens.end()) return std::nullopt;
  if (it->second.request_digest != request_digest(r))
    return Result<ImageId>(errors::idempotent_parameter_mismatch(r.client_token));
  return Result<ImageId>(it->second.image);
}

Status check_request(const World& world, const Caller& caller, const CopyImageRequest& r) {
  if (r.name.empty()) return errors::missing_image_name();
  const RegionState& dest = world.region_of(caller);
  if (auto s = check_image_name(dest, caller.account, r.name); !s) return s;
  if (auto s = check_description("Description", r.description); !s) return s;
  if (auto s = check_client_token(r.client_token, kMaxCopyImageTokenLength); !s) return s;
  if (auto s = check_tag_resource_types(r.tag_specifications, {"image", "snapshot"}); !s) return s;
  if (auto s = validate_tags(tags_for(r.tag_specifications, "image")); !s) return s;
  if (auto s = validate_tags(tags_for(r.tag_specifications, "snapshot")); !s) return s;
  if (pending_image_copies(dest, caller.account) >= kMaxConcurrentImageCopies)
    return errors::image_copy_limit_exceeded(kMaxConcurrentImageCopies, caller.region.str());
  return ok_status();
}

// The copy: its source's traits, and its own identity, name, description (the request's) and
// lineage. Not copied: launch permissions, public sharing, deprecation, protection (fact sheet
// §4), the public SSM parameter name; tags only on request (below).
Image new_copy(World& world, const Caller& caller, const Image& source, const CopyImageRequest& r) {
  Image image;
  image.id = ImageId(world.new_id("ami"));
  image.region = caller.region;
  image.owner = caller.account;
  image.owner_alias = world.owner_alias(caller.account);
  image.name = r.name;
  image.description = r.description;
  image.creation = world.now();
  image.set_image_location(caller.account.str() + "/" + r.name);
  image.source_image_id = source.id;
  image.source_image_region = source.region;
  image.traits = source.traits;  // all of them: "identical but distinct" (sim/state/image.hpp)
  // CopyImageTags: the caller's own user tags, never aws: ones nor "user-defined tags that are
  // attached by other Amazon Web Services accounts" (APIREF:CopyImage; fact sheet §4, §3.8).
  if (r.copy_image_tags)
    image.tags.change([&](Tags& t) { copy_user_tags(t, tags_seen_by(source, caller.account)); });
  image.tags.change([&](Tags& t) { apply_tags(t, tags_for(r.tag_specifications, "image")); });
  return image;
}

// "Task created on <number>": the number as real descriptions show it, epoch milliseconds with
// thousands separators [?] (the fact sheet quotes the shape, not a value).
std::string task_number(TimeMs t) {
  std::string digits = std::to_string(t);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i != 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

// Copies every mapped snapshot into the caller's Region and points the copy's mappings at them.
// Returns the latest completion time.
TimeMs copy_mappings(World& world, const Caller& caller, const Image& source, Image& copy,
                     const std::vector<const Snapshot*>& snapshots,
                     const std::optional<std::string>& key, const CopyImageRequest& r) {
  RegionState& dest = world.region_of(caller);
  TimeMs ready = world.now();
  const auto snapshot_tags = tags_for(r.tag_specifications, "snapshot");
  copy.mappings = source.mappings;
  for (const Snapshot* s : snapshots) {
    const std::string description = fmt::format(
        "Copied for DestinationAmi {} from SourceAmi {} for SourceSnapshot {}. Task created on {}.",
        copy.id.str(), source.id.str(), s->id.str(), task_number(world.now()));
    Snapshot& c = start_copy(world, dest, caller, *s, copy_key(caller, *s, key), description);
    c.copied_for_image = copy.id;
    apply_tags(c.tags, snapshot_tags);
    ready = std::max(ready, c.completion_time);
    for (auto& m : copy.mappings) {
      if (!m.ebs || m.ebs->snapshot_id != s->id) continue;
      m.ebs->snapshot_id = c.id;
      m.ebs->encrypted = c.encrypted;
    }
  }
  return ready;
}

}  // namespace

Result<ImageId> copy_image(World& world, const Caller& caller, const CopyImageRequest& request) {
  auto source = copyable_source(world, caller, request);
  if (!source) return source.error();
  // Marketplace and billing-product images across accounts (fact sheet §4,
  // sim/images/marketplace.hpp).
  if (auto s = check_marketplace_copy(**source, caller.account); !s) return s.error();
  if (auto again = replay(world, caller, request)) {
    if (again->ok() && request.dry_run) return errors::dry_run();  // the real call succeeds
    return *again;
  }
  auto snapshots = readable_snapshots(world, caller, **source, request.encrypted);
  if (!snapshots) return snapshots.error();
  auto key = requested_key(caller, request.encrypted, request.kms_key_id);
  if (!key) return key.error();
  if (auto ok = check_request(world, caller, request); !ok) return ok.error();
  if (request.dry_run) return errors::dry_run();

  Image copy = new_copy(world, caller, **source, request);
  const TimeMs ready = copy_mappings(world, caller, **source, copy, *snapshots, *key, request);
  RegionState& dest = world.region_of(caller);
  const ImageId id = copy.id;
  Image& stored = dest.images.emplace(id, std::move(copy)).first->second;
  index_name(dest, stored);
  schedule_available(world, stored, ready);
  if (!request.client_token.empty())
    dest.copies.image_tokens[{caller.account, request.client_token}] =
        CopyImageTokenRecord{id, request_digest(request)};
  return id;
}

}  // namespace amisim::sim
