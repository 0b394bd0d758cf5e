// Block public access for AMIs (issue 17; facts §B "Images" in docs/aws-facts.md): one setting per
// account per Region, `block-new-sharing` or `unblocked`. While `block-new-sharing` is in effect
// no image of the account in that Region can be made public (ModifyImageAttribute answers
// OperationNotPermitted); images already public stay public.
//
// A change takes effect kImageBlockPublicAccessDelayMs after the call (kImageBlockPublicAccessSet,
// a settling event: the instant clock mode finishes it before the next call). Until then the
// setting in effect is the old one, which is what GetImageBlockPublicAccessState reports and what
// ModifyImageAttribute obeys: "The API can take up to 10 minutes to configure this setting. During
// this time, if you run GetImageBlockPublicAccessState, the response will be unblocked" (APIREF
// EnableImageBlockPublicAccess); disabling takes as long [?] ([3p] "It takes up to 10 minutes for
// the unblock to be processed by AWS", aws-deepracer-community/deepracer-on-the-spot#107).
//
// Every account starts unblocked in every Region [?]: AWS enables it for new accounts, but
// amisim's accounts stand for existing ones that may share publicly (the model's tests and
// scenarios make images public), and AWS keeps it disabled for accounts that had a public AMI.
#pragma once

#include <string>
#include <string_view>

#include "sim/core/result.hpp"
#include "sim/state/world.hpp"

namespace amisim::sim {

inline constexpr DurationMs kImageBlockPublicAccessDelayMs = 10 * kMinuteMs;
inline constexpr std::string_view kBlockNewSharing = "block-new-sharing";
inline constexpr std::string_view kUnblocked = "unblocked";

// True when block-new-sharing is in effect for the account in the Region now.
bool image_public_sharing_blocked(const World& world, const AccountId& account,
                                  const RegionName& region);

// GetImageBlockPublicAccessState: "block-new-sharing" or "unblocked", the setting in effect.
// ManagedBy is always "account" (amisim has no declarative policies).
std::string_view image_block_public_access_state(const World& world, const Caller& caller);

// EnableImageBlockPublicAccess: `state` must be "block-new-sharing" (InvalidParameterValue
// otherwise). Returns "block-new-sharing" at once; blocking takes effect after the delay.
// Enabling again while it is taking effect does not restart the delay; enabling while a disable
// is still taking effect cancels that disable (the block never lapsed) [?].
Result<std::string> enable_image_block_public_access(World& world, const Caller& caller,
                                                     std::string_view state, bool dry_run = false);
// DisableImageBlockPublicAccess: returns "unblocked"; unblocking takes effect after the delay,
// and cancels an enable still taking effect [?].
Result<std::string> disable_image_block_public_access(World& world, const Caller& caller,
                                                      bool dry_run = false);

// Applies kImageBlockPublicAccessSet (target = account, detail = the state); stale events (a
// later call replaced the change) change nothing.
void on_image_block_public_access_event(World& world, const Event& event);

}  // namespace amisim::sim
