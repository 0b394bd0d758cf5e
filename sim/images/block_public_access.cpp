// Block public access for AMIs. Facts: docs/aws-facts.md §B "Images".
#include "sim/images/block_public_access.hpp"

namespace amisim::sim {
namespace {

const ImageBlockPublicAccess* setting(const World& world, const AccountId& account,
                                      const RegionName& region) {
  const RegionState* r = world.region(region);
  if (r == nullptr) return nullptr;
  auto it = r->accounts.find(account);
  return it == r->accounts.end() ? nullptr : &it->second.image_block_public_access;
}

ImageBlockPublicAccess& setting(World& world, const Caller& caller) {
  return world.region_of(caller).accounts[caller.account].image_block_public_access;
}

// Starts a change to `blocked`, taking effect after the delay.
void start_change(World& world, const Caller& caller, bool blocked) {
  ImageBlockPublicAccess& s = setting(world, caller);
  Event e;
  e.at = world.now() + kImageBlockPublicAccessDelayMs;
  e.kind = EventKind::kImageBlockPublicAccessSet;
  e.region = caller.region;
  e.target = caller.account.str();
  e.detail = std::string(blocked ? kBlockNewSharing : kUnblocked);
  s.pending = blocked;
  s.pending_at = e.at;
  s.pending_seq = world.schedule(std::move(e));
}

// Moves the setting towards `blocked`: nothing when it is there or on its way; cancels a change
// the other way when the setting in effect already is `blocked`; else starts a change.
void request(World& world, const Caller& caller, bool blocked) {
  ImageBlockPublicAccess& s = setting(world, caller);
  if (s.pending) {
    if (*s.pending == blocked) return;
    s.pending.reset();
    s.pending_at = 0;
    s.pending_seq = 0;
    if (s.blocked == blocked) return;
  } else if (s.blocked == blocked) {
    return;
  }
  start_change(world, caller, blocked);
}

}  // namespace

bool image_public_sharing_blocked(const World& world, const AccountId& account,
                                  const RegionName& region) {
  const ImageBlockPublicAccess* s = setting(world, account, region);
  return s != nullptr && s->blocked;
}

std::string_view image_block_public_access_state(const World& world, const Caller& caller) {
  return image_public_sharing_blocked(world, caller.account, caller.region) ? kBlockNewSharing
                                                                            : kUnblocked;
}

Result<std::string> enable_image_block_public_access(World& world, const Caller& caller,
                                                     std::string_view state, bool dry_run) {
  if (state != kBlockNewSharing) return errors::image_block_public_access_state_invalid(state);
  if (dry_run) return errors::dry_run();
  request(world, caller, true);
  return std::string(kBlockNewSharing);
}

Result<std::string> disable_image_block_public_access(World& world, const Caller& caller,
                                                      bool dry_run) {
  if (dry_run) return errors::dry_run();
  request(world, caller, false);
  return std::string(kUnblocked);
}

void on_image_block_public_access_event(World& world, const Event& event) {
  if (event.kind != EventKind::kImageBlockPublicAccessSet) return;
  RegionState* region = world.region(event.region);
  if (region == nullptr) return;
  auto it = region->accounts.find(AccountId(event.target));
  if (it == region->accounts.end()) return;
  ImageBlockPublicAccess& s = it->second.image_block_public_access;
  if (!s.pending || s.pending_seq != event.seq) return;
  s.blocked = *s.pending;
  s.pending.reset();
  s.pending_at = 0;
  s.pending_seq = 0;
}

}  // namespace amisim::sim
