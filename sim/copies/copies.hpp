// CopyImage and CopySnapshot: called in the destination Region (the caller's), naming a source in
// SourceRegion (which may be the same Region). A copy is a new resource with a new ID; its data is
// the source's, moved incrementally: only the (block, version) pairs the destination owner's
// StoragePool in the destination Region does not hold yet cross, so the first copy of a lineage
// into a Region moves every stored block and a later one moves only what changed (UG23:
// CopyingAMIs.md, UG23:ebs-copy-snapshot.md; fact sheet §4, §5). The copy is pending until the
// data has crossed, then completed/available. Encryption may be added, never removed; a new key
// re-encrypts the data, which makes the copy full (blocks under a new key are new data).
//
// Invariants: a copy never shares an ID with its source; the source is never changed by a copy;
// a copy's snapshots live in the destination Region and hold the source's blocks (re-versioned
// one to one when re-encrypted).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sim/state/world.hpp"

namespace amisim::sim {

// Model speed of a copy [?]: AWS promises no figure (copies are "best effort" unless
// SnapshotCopyCompletionDurationMinutes is bought, fact sheet §4). A fixed setup time per copy plus
// the bytes moved at 16 MiB/s: a first copy of an 8 GiB root with 2 GiB written takes ~3 min 8 s,
// a later copy of unchanged data only the setup time.
inline constexpr DurationMs kCopyBaseMs = 60 * kSecondMs;
inline constexpr std::uint64_t kCopyBytesPerSecond = 16ULL * 1024 * 1024;

// Concurrent copies in progress per account per destination Region. CopyImage: 100 (UG 2020-11 ..
// 2023-06; older text said 50, fact sheet §4 — the newer documented figure is used). CopySnapshot:
// 20 (UG23:ebs-copy-snapshot.md, fact sheet §5). Snapshots a CopyImage makes count against the
// image limit only [?].
inline constexpr int kMaxConcurrentImageCopies = 100;
inline constexpr int kMaxConcurrentSnapshotCopies = 20;

// Model time a copy takes when it moves `bytes`.
DurationMs copy_duration(std::uint64_t bytes);

struct CopyImageRequest {
  RegionName source_region;
  ImageId source_image_id;
  std::string name;
  std::string description;
  bool copy_image_tags = false;
  std::optional<bool> encrypted;  // absent = keep each snapshot's encryption
  std::string kms_key_id;         // "" = the destination's default EBS key when encrypting
  std::vector<TagSpecification> tag_specifications;  // "image" and/or "snapshot"
  std::string client_token;
  bool dry_run = false;
};

// Returns the new image ID in the caller's Region: pending, with a new snapshot here for every
// EBS mapping of the source ("Copied for DestinationAmi ... for SourceSnapshot ..."), available
// once they have all completed. The copy records SourceImageId/SourceImageRegion. Launch
// permissions are never copied; tags only with copy_image_tags (and only the owner's own copy
// sees them: grantees do not see the owner's tags, fact sheet §3.8).
// Errors: InvalidRegion (unknown SourceRegion), InvalidAMIID.Malformed, InvalidAMIID.NotFound
// (not in SourceRegion, or not visible to the caller), InvalidAMIID.Unavailable (not available),
// MissingParameter (name), InvalidAMIName.Malformed/.Duplicate, InvalidParameterValue (tags,
// unknown KMS key, Encrypted=false for an encrypted source), InvalidParameterDependency (KmsKeyId
// without Encrypted), InvalidRequest (another account's image whose snapshots the caller may not
// read; or a Marketplace / billing-product image of another account, sim/images/marketplace.hpp
// check_marketplace_copy, fact sheet §4), ResourceLimitExceeded (kMaxConcurrentImageCopies),
// IdempotentParameterMismatch, DryRunOperation.
Result<ImageId> copy_image(World& world, const Caller& caller, const CopyImageRequest& request);

struct CopySnapshotRequest {
  RegionName source_region;
  SnapshotId source_snapshot_id;
  std::string description;
  std::optional<bool> encrypted;
  std::string kms_key_id;
  std::vector<TagSpecification> tag_specifications;  // "snapshot" only
  bool dry_run = false;
};

// Returns the new snapshot in the caller's Region (pending, then completed). VolumeId is
// "vol-ffffffff" (fact sheet §5). Errors: InvalidRegion, InvalidSnapshot.Malformed,
// InvalidSnapshot.NotFound (absent from SourceRegion or not readable by the caller: owner,
// createVolumePermission or public), IncorrectState (not completed, or archived),
// InvalidParameterValue (description, tags, unknown key, Encrypted=false for an encrypted
// source), InvalidParameterDependency, ResourceLimitExceeded (kMaxConcurrentSnapshotCopies),
// DryRunOperation.
Result<const Snapshot*> copy_snapshot(World& world, const Caller& caller,
                                      const CopySnapshotRequest& request);

// --- internal --------------------------------------------------------------------------------

// True for an AMI copy still in progress.
bool is_pending_copy(const Image& image);

// DeregisterImage of a pending copy stops it ("Stopping a pending copy = DeregisterImage", fact
// sheet §4). Decision [?]: the copy's snapshots are deleted with it (their storage freed), so a
// cancelled copy leaves nothing behind. Call it for an image that was a pending copy.
void cancel_pending_copy(World& world, RegionState& region, const Image& image);

}  // namespace amisim::sim
