// Everything that lives in one Region. IDs are unique across Regions, so an ID looked up in the
// wrong Region is simply not found there - exactly the AWS experience (DESIGN.md, Identity).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "sim/core/fixtures.hpp"
#include "sim/state/allowed_images.hpp"
#include "sim/state/image.hpp"
#include "sim/state/image_name_index.hpp"
#include "sim/state/image_task.hpp"
#include "sim/state/instance.hpp"
#include "sim/state/key_pair.hpp"
#include "sim/state/launch_template.hpp"
#include "sim/state/lifecycle_policy.hpp"
#include "sim/state/network.hpp"
#include "sim/state/recycle_bin.hpp"
#include "sim/state/security_group.hpp"
#include "sim/state/snapshot.hpp"
#include "sim/state/storage_pool.hpp"
#include "sim/state/volume.hpp"

namespace amisim::sim {

// Block public access for snapshots, per account per Region (the EC2 API's
// SnapshotBlockPublicAccessState; sim/ebs/snapshot_block_public_access.hpp).
enum class SnapshotBlockPublicAccess : std::uint8_t {
  kUnblocked,
  kBlockNewSharing,
  kBlockAllSharing,
};

// Block public access for AMIs of one account in one Region (sim/images/block_public_access.hpp):
// the setting in effect, and a change still taking effect (at `pending_at`, by the event whose
// sequence number is `pending_seq`).
struct ImageBlockPublicAccess {
  bool blocked = false;  // block-new-sharing in effect
  std::optional<bool> pending;
  TimeMs pending_at = 0;
  std::uint64_t pending_seq = 0;
};

// What one account has in one Region besides its resources.
struct AccountRegion {
  // The default network is made on the account's first use of the Region
  // (sim/network/network.hpp, ensure_default_network); until then these are empty.
  bool network_created = false;
  std::string dhcp_options_id;  // "dopt-...", shared by the account's VPCs in the Region
  VpcId default_vpc;            // empty again after DeleteVpc of the default VPC
  SecurityGroupId default_group;
  StoragePool pool;  // the account's snapshot storage in this Region
  SnapshotBlockPublicAccess snapshot_block_public_access = SnapshotBlockPublicAccess::kUnblocked;
  ImageBlockPublicAccess image_block_public_access;
  AllowedImagesSettings allowed_images;        // issue 18: Allowed AMIs
  InstanceMetadataDefaults metadata_defaults;  // Get/ModifyInstanceMetadataDefaults
};

struct Reservation {
  ReservationId id;
  AccountId owner;
  std::vector<InstanceId> instances;  // launch order
};

// A RunInstances ClientToken: the reservation it made and a digest of the request.
struct ClientTokenRecord {
  ReservationId reservation;
  std::string request_digest;
};

// What copies into this Region remember (sim/copies/copies.hpp): CopyImage ClientTokens per
// account, and how data re-encrypted here under a key maps to new block versions, so that a later
// copy under the same key finds the blocks it already has (incremental, fact sheet §5).
struct CopyImageTokenRecord {
  ImageId image;
  std::string request_digest;
};
struct CopyRecords {
  std::map<std::pair<AccountId, std::string>, CopyImageTokenRecord> image_tokens;
  std::map<std::pair<std::uint64_t, std::string>, std::uint64_t> reencrypted_versions;
};

struct RegionState {
  const RegionInfo* info = nullptr;

  IdMap<ImageId, Image> images;
  IdMap<InstanceId, Instance> instances;
  IdMap<ReservationId, Reservation> reservations;
  IdMap<VolumeId, Volume> volumes;
  IdMap<SnapshotId, Snapshot> snapshots;
  IdMap<KeyPairId, KeyPair> key_pairs;
  IdMap<SecurityGroupId, SecurityGroup> security_groups;
  std::map<AccountId, AccountRegion> accounts;
  // The network (sim/state/network.hpp), every account's, by ID.
  IdMap<VpcId, Vpc> vpcs;
  IdMap<SubnetId, Subnet> subnets;
  IdMap<InternetGatewayId, InternetGateway> internet_gateways;
  IdMap<RouteTableId, RouteTable> route_tables;
  IdMap<NetworkAclId, NetworkAcl> network_acls;
  IdMap<NetworkInterfaceId, NetworkInterface> network_interfaces;
  IdMap<AllocationId, Address> addresses;
  std::uint64_t public_ips_issued = 0;  // the Region's public IPv4 pool hands out in order
  std::map<std::pair<AccountId, std::string>, ClientTokenRecord> client_tokens;
  IdMap<LaunchTemplateId, LaunchTemplate> launch_templates;
  // Launch template names are unique per account per Region: (owner, name) -> ID.
  std::map<std::pair<AccountId, std::string>, LaunchTemplateId> launch_template_names;

  // Image names, for name-prefix filters over large catalogues (sim/state/image_name_index.hpp).
  ImageNameIndex image_names;
  // Every instance's tags as (key, value, instance), for DescribeInstances' tag filters over
  // many instances (issue 19 §3; sim/instances/instances.hpp, index_tags). An index of
  // `instances`: not in the digest, rebuilt when a world snapshot loads.
  std::set<std::tuple<std::string, std::string, InstanceId>> instance_tags;

  std::uint64_t next_pool_order = 1;
  CopyRecords copies;
  ImageTasks tasks;  // store, import and export tasks (sim/s3/image_tasks.hpp)
  // Archive-tier charges in time order, for the billing meter (sim/ebs/snapshot_tiers.hpp).
  std::vector<TierRecord> tier_records;
  // Retention rules and what they keep (sim/rbin/rbin.hpp).
  RecycleBin bin;
  // Data Lifecycle Manager policies, every account's, by ID (sim/dlm/dlm.hpp).
  std::map<std::string, LifecyclePolicy> lifecycle_policies;

  bool has_zone(const ZoneName& zone) const;
  const RegionName& name() const { return info->name; }
};

}  // namespace amisim::sim
