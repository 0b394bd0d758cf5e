// The model's billing hooks: each one reads a resource as it is now and sets its meter lines
// (sim/state/meter.hpp) with the Region's prices (sim/core/prices.hpp). Called wherever the
// billable state changes; accounts with an owner alias (the public catalogue's owners) are never
// billed. Usage types as AWS names them, with the Region's prefix ("" in us-east-1):
// EBS:SnapshotUsage, EBS:VolumeUsage.<type>, BoxUsage:<instance type>, TimedStorage-ByteHrs (S3
// Standard), <SRC>-<DST>-AWS-Out-Bytes (inter-Region transfer, charged in the source Region), and
// SoftwareUsage:<product code> for Marketplace fees [?: the name is amisim's].
#pragma once

#include <cstdint>
#include <string>

#include "sim/state/world.hpp"

namespace amisim::sim {

struct Instance;
struct Volume;
struct Bucket;

// Compute while `running` (per second, 60 s minimum from each entry into running; the Windows
// price for Windows images), and each Marketplace product's hourly fee while running.
void meter_instance(World& world, const Instance& instance);
// gp3's free baseline: 3,000 IOPS and 125 MiB/s (fact sheet §7).
inline constexpr int kGp3BaselineIops = 3000;
inline constexpr int kGp3BaselineMibps = 125;
// Provisioned GiB by volume type while the volume exists (`exists` = false when it goes), and a
// gp3 volume's IOPS and throughput above the baseline (EBS:VolumeP-IOPS.gp3,
// EBS:VolumeP-Throughput.gp3).
void meter_volume(World& world, const Volume& volume, bool exists);
// Every snapshot of `owner` in the Region: the bytes its owner's pool attributes to it (the
// incremental storage, fact sheet §5), at the standard price.
void meter_snapshots(World& world, const RegionState& region, const AccountId& owner);
// The one-time charges of the Region's new archive-tier records (retrieval, the 90-day minimum);
// meter_snapshots calls it.
void meter_tier_records(World& world, const RegionState& region);
// Archived snapshots stay at least 90 days (fact sheet §5).
inline constexpr DurationMs kArchiveMinimumMs = 90LL * 24 * 3600 * 1000;
// The bytes stored in a bucket (S3 Standard), in the bucket's Region.
void meter_bucket(World& world, const Bucket& bucket);
// Public IPv4 addresses: every one an account holds is charged by the hour, in use or idle, since
// 2024-02-01: $0.005 per address-hour in every commercial Region (AWS News Blog, "New - AWS
// Public IPv4 Address Charge + Public IP Insights", 2023-07-28; fact sheet §9). Usage types
// <prefix>PublicIPv4:InUseAddress (on an interface) and <prefix>PublicIPv4:IdleAddress (an
// Elastic IP associated with nothing), as the VPC User Guide's billing codes name them. The one
// price is a constant here rather than a per-Region row of fixtures/prices.json, since AWS
// quotes one figure for every Region.
inline constexpr MicroUsd kPublicIpv4HourlyMicroUsd = 5000;
inline constexpr TimeMs kPublicIpv4ChargeStartMs = 1706745600000;  // 2024-02-01T00:00:00Z
// Sets the lines of one public address (`resource`: the interface or allocation ID that holds
// it): held or not, and in use or idle while held.
void meter_public_ipv4(World& world, const AccountId& owner, const RegionName& region,
                       const std::string& resource, bool held, bool in_use);
// Bytes a copy moves from `from` to `to`, charged once to `payer` in the source Region.
void meter_transfer(World& world, const AccountId& payer, const RegionName& from,
                    const RegionName& to, std::uint64_t bytes, const std::string& resource);

}  // namespace amisim::sim
