// Helpers shared by image.cpp and snapshot.cpp in sim/copies/ (not part of the public model API).
#pragma once

#include <optional>
#include <string>

#include "sim/copies/copies.hpp"

namespace amisim::sim::detail {

// The Region a copy reads from: InvalidRegion when the name is unknown, AuthFailure when it is an
// opt-in Region the caller has not enabled (sim/regions/opt_in.hpp).
Result<const RegionState*> source_region(const World& world, const Caller& caller,
                                         const RegionName& name);

// The key a request asks for: nullopt unless Encrypted=true; then KmsKeyId resolved in the
// caller's (destination) Region, or the caller's default EBS key there. Errors:
// InvalidParameterDependency (KmsKeyId without Encrypted=true), InvalidParameterValue (no such
// key in the destination).
Result<std::optional<std::string>> requested_key(const Caller& caller,
                                                 std::optional<bool> encrypted,
                                                 const std::string& kms_key_id);

// Refusals that depend on one source snapshot: Encrypted=false for an encrypted snapshot, an
// encrypted snapshot whose key the caller cannot use (another account's: default EBS keys cannot
// be shared, fact sheet §3.8).
Status check_source_encryption(const Caller& caller, const Snapshot& source,
                               std::optional<bool> encrypted);

// The key the copy of `source` is encrypted with ("" = unencrypted): the requested one; else, for
// an encrypted source, its key when it stays in the same Region, the caller's default EBS key in
// the destination otherwise (keys are Regional); else unencrypted.
std::string copy_key(const Caller& caller, const Snapshot& source,
                     const std::optional<std::string>& requested);

// Starts copying `source` into `dest` for the caller under `key`: a new pending snapshot whose
// data is the source's (re-versioned when the key changes), added to the caller's pool there;
// copy_bytes = the bytes the pool lacked. It completes after copy_duration(copy_bytes), and not
// before an earlier pending copy of the same source into the same pool ("a second copy waits for
// a pending one", fact sheet §5).
Snapshot& start_copy(World& world, RegionState& dest, const Caller& caller, const Snapshot& source,
                     const std::string& key, std::string description);

// Copies in progress into `dest` for `account`: AMI copies (pending images with a source image)
// or CopySnapshot copies (pending snapshots with a source and no AMI).
int pending_image_copies(const RegionState& dest, const AccountId& account);
int pending_snapshot_copies(const RegionState& dest, const AccountId& account);

}  // namespace amisim::sim::detail
