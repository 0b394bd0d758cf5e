// Deprecation and DisableImage/EnableImage. Facts: fact sheet §3.6, §3.7.
#include "sim/images/detail.hpp"
#include "sim/images/images.hpp"

namespace amisim::sim {
namespace {

// "At most 10 years ahead" (fact sheet §3.6), counted as 3,653 days (ten years with their leap
// days at most); public images at most 2 years (731 days) after creation.
constexpr DurationMs kMaxDeprecationAheadMs = 3653 * kDayMs;
constexpr DurationMs kMaxPublicDeprecationMs = 731 * kDayMs;

TimeMs round_to_minute(TimeMs t) {
  const TimeMs down = t - ((t % kMinuteMs) + kMinuteMs) % kMinuteMs;
  return t - down >= kMinuteMs / 2 ? down + kMinuteMs : down;
}

Status check_deprecation_time(const Image& image, TimeMs at, TimeMs now) {
  if (at < now) return errors::deprecation_time_in_past(format_iso8601(at));
  if (at > now + kMaxDeprecationAheadMs)
    return errors::deprecation_time_too_far(format_iso8601(at));
  if (image.is_public && at > image.creation + kMaxPublicDeprecationMs)
    return errors::public_deprecation_time_too_far(format_iso8601(at));
  return ok_status();
}

}  // namespace

Status enable_image_deprecation(World& world, const Caller& caller, const ImageId& image_id,
                                TimeMs deprecate_at, bool dry_run) {
  auto found = owned_image(world, caller, image_id);
  if (!found) return found.error();
  const TimeMs at = round_to_minute(deprecate_at);
  if (auto s = check_deprecation_time(**found, at, world.now()); !s) return s;
  if (dry_run) return errors::dry_run();
  (*found)->deprecation_time = at;
  return ok_status();
}

Status disable_image_deprecation(World& world, const Caller& caller, const ImageId& image_id,
                                 bool dry_run) {
  auto found = owned_image(world, caller, image_id);
  if (!found) return found.error();
  if (dry_run) return errors::dry_run();
  (*found)->deprecation_time.reset();
  return ok_status();
}

Status disable_image(World& world, const Caller& caller, const ImageId& image_id, bool dry_run) {
  auto found = owned_image(world, caller, image_id);
  if (!found) return found.error();
  Image& image = **found;
  if (image.state != ImageState::kAvailable && image.state != ImageState::kDisabled)
    return errors::cannot_disable_image(image.id.str(), to_string(image.state));
  if (dry_run) return errors::dry_run();
  image.state = ImageState::kDisabled;
  image.is_public = false;
  image.launch_permissions.reset();
  return ok_status();
}

Status enable_image(World& world, const Caller& caller, const ImageId& image_id, bool dry_run) {
  auto found = owned_image(world, caller, image_id);
  if (!found) return found.error();
  Image& image = **found;
  if (image.state != ImageState::kAvailable && image.state != ImageState::kDisabled)
    return errors::cannot_enable_image(image.id.str(), to_string(image.state));
  if (dry_run) return errors::dry_run();
  image.state = ImageState::kAvailable;  // lost shares stay lost (fact sheet §3.7)
  return ok_status();
}

}  // namespace amisim::sim
