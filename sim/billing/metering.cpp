#include "sim/billing/metering.hpp"

#include <algorithm>
#include <map>

#include "sim/billing/billing.hpp"
#include "sim/state/bucket.hpp"
#include "sim/state/instance.hpp"
#include "sim/state/snapshot.hpp"
#include "sim/state/volume.hpp"

namespace amisim::sim {
namespace {

bool billed(const World& world, const AccountId& account) {
  return world.owner_alias(account).empty();
}

const RegionPrices& prices_of(const World& world, const RegionName& region) {
  static const RegionPrices kNone;
  const RegionPrices* p = world.fixtures().prices.find(region);
  return p ? *p : kNone;
}

// The meter, after the lines that left resource detail are retired (retire_bill_detail): every
// hook changes lines through it, so the meter's history is bounded on a server's clock without
// an event of its own.
Meter& meter_of(World& world) {
  retire_bill_detail(world);
  return world.meter();
}

}  // namespace

void meter_instance(World& world, const Instance& instance) {
  if (!billed(world, instance.owner)) return;
  const RegionPrices& p = prices_of(world, instance.region);
  const bool running = instance.state == InstanceState::kRunning;
  MicroUsd hourly = 0;
  if (auto it = p.instances.find(instance.instance_type); it != p.instances.end()) {
    hourly = instance.traits.platform == "windows"
                 ? it->second.windows_hourly.value_or(it->second.linux_hourly)
                 : it->second.linux_hourly;
  }
  meter_of(world).set(
      LineKey{instance.owner, instance.region,
              p.usage_prefix + "BoxUsage:" + instance.instance_type, instance.id.str()},
      world.now(), running ? 1 : 0, hourly, compute_usage());
  for (const ProductCode& code : instance.traits.product_codes) {
    const MarketplaceProduct* product = world.fixtures().find_product(code.code);
    if (product == nullptr || product->hourly_fee_micro_usd == 0) continue;
    meter_of(world).set(LineKey{instance.owner, instance.region,
                                p.usage_prefix + "SoftwareUsage:" + code.code, instance.id.str()},
                        world.now(), running ? 1 : 0,
                        static_cast<MicroUsd>(product->hourly_fee_micro_usd), fee_usage());
  }
}

void meter_volume(World& world, const Volume& volume, bool exists) {
  if (!billed(world, volume.owner)) return;
  const RegionPrices& p = prices_of(world, volume.region);
  auto price = p.volume_gb_month.find(volume.volume_type);
  // Storage usage types as AWS bills them: "standard" (magnetic) volumes as plain
  // EBS:VolumeUsage and io1 as EBS:VolumeUsage.piops, the others by their type name (CUR queries
  // and price-list rows in the search index, e.g. docs 24505650976, 12565854525).
  const std::string type = volume.volume_type == "standard" ? "EBS:VolumeUsage"
                           : volume.volume_type == "io1"    ? "EBS:VolumeUsage.piops"
                                                         : "EBS:VolumeUsage." + volume.volume_type;
  const std::string id = volume.id.str();
  meter_of(world).set(LineKey{volume.owner, volume.region, p.usage_prefix + type, id}, world.now(),
                      exists ? volume.size_gib * kBytesPerGiB : 0,
                      price == p.volume_gb_month.end() ? 0 : price->second, volume_usage());
  if (volume.volume_type != "gp3") return;
  // gp3 includes 3,000 IOPS and 125 MiB/s; what is provisioned above them is billed per second
  // with a 60-second minimum, like the storage (fact sheet §7; the EBS pricing page's gp3 example).
  const std::int64_t iops = std::max(0, volume.iops.value_or(kGp3BaselineIops) - kGp3BaselineIops);
  const std::int64_t mibps =
      std::max(0, volume.throughput.value_or(kGp3BaselineMibps) - kGp3BaselineMibps);
  // A line only for a volume that has (or had) performance above the baseline: set() makes no
  // line for a quantity of 0.
  auto above_baseline = [&](const std::string& usage, std::int64_t quantity, MicroUsd price,
                            const LineUsage& kind) {
    meter_of(world).set(LineKey{volume.owner, volume.region, p.usage_prefix + usage, id},
                        world.now(), quantity, price, kind);
  };
  above_baseline("EBS:VolumeP-IOPS.gp3", exists ? iops : 0, p.gp3_iops_month, iops_usage());
  above_baseline("EBS:VolumeP-Throughput.gp3", exists ? mibps : 0,
                 p.gp3_throughput_mibps_month * 1024, throughput_usage());
}

void meter_snapshots(World& world, const RegionState& region, const AccountId& owner) {
  if (!billed(world, owner)) return;
  const RegionPrices& p = prices_of(world, region.name());
  std::map<std::string, std::int64_t> standard;
  std::map<std::string, std::int64_t> archive;
  auto account = region.accounts.find(owner);
  // Snapshots in the Recycle Bin are "billed at the same rate as regular snapshots"
  // (UG23:recycle-bin-working-with-snaps.md), archived ones at the archive rate (facts §R).
  const auto bill = [&](const auto& id, const Snapshot& s) {
    if (s.owner != owner || !s.data) return;
    // Incremental standard storage, plus the full copy a restore from the archive holds.
    std::int64_t bytes = static_cast<std::int64_t>(s.restored_full_bytes);
    if (s.pool_order != 0)
      bytes += static_cast<std::int64_t>(
          account->second.pool.attributed_bytes(s.pool_order, s.data->blocks));
    if (bytes != 0) standard[id.str()] = bytes;
    // The archive tier holds full snapshots (fact sheet §5).
    if (s.archive_full_bytes != 0)
      archive[id.str()] = static_cast<std::int64_t>(s.archive_full_bytes);
  };
  if (account != region.accounts.end()) {
    for (const auto& [id, s] : region.snapshots) bill(id, s);
    for (const auto& [id, binned] : region.bin.snapshots) bill(id, binned.snapshot);
  }
  meter_of(world).reconcile(owner, region.name(), p.usage_prefix + "EBS:SnapshotUsage", standard,
                            world.now(), p.snapshot_standard_gb_month, storage_usage());
  meter_of(world).reconcile(owner, region.name(), p.usage_prefix + "EBS:SnapshotArchiveStorage",
                            archive, world.now(), p.snapshot_archive_gb_month, storage_usage());
  meter_tier_records(world, region);
}

void meter_tier_records(World& world, const RegionState& region) {
  const RegionPrices& p = prices_of(world, region.name());
  std::size_t& done = world.meter().tier_records_billed(region.name());
  for (; done < region.tier_records.size(); ++done) {
    const TierRecord& r = region.tier_records[done];
    if (!billed(world, r.owner)) continue;
    if (r.kind == TierRecordKind::kRetrieval) {
      // Retrieval: per GB restored, once (fact sheet §7).
      meter_of(world).once(
          LineKey{r.owner, region.name(), p.usage_prefix + "EBS:SnapshotArchiveRetrieval",
                  r.snapshot_id.str()},
          r.at, static_cast<std::int64_t>(r.bytes), p.archive_retrieval_gb, transfer_usage());
    } else if (r.kind == TierRecordKind::kArchiveRemoved) {
      // The 90-day minimum: the archive storage charge for the time left, "rounded to the nearest
      // hour" (UG23:snapshot-archive.md, "Billing for the minimum archive period"; its example
      // divides by a 30-day month of 24-hour days). Charged in one step, bytes x hours left at
      // the GB-month price over GiB x 720 hours, so nothing is rounded before the end.
      const TimeMs minimum_end = r.archived_at + kArchiveMinimumMs;
      if (r.at >= minimum_end) continue;
      const std::int64_t hours_left = (minimum_end - r.at + kHourMs / 2) / kHourMs;
      if (hours_left == 0) continue;
      meter_of(world).once(
          LineKey{r.owner, region.name(), p.usage_prefix + "EBS:SnapshotArchiveEarlyDelete",
                  r.snapshot_id.str()},
          r.at, static_cast<std::int64_t>(r.bytes) * hours_left, p.snapshot_archive_gb_month,
          early_delete_usage());
    }
  }
}

void meter_bucket(World& world, const Bucket& bucket) {
  if (!billed(world, bucket.owner)) return;
  const RegionPrices& p = prices_of(world, bucket.region);
  std::int64_t bytes = 0;
  for (const auto& [key, o] : bucket.objects) bytes += static_cast<std::int64_t>(o.size);
  meter_of(world).set(
      LineKey{bucket.owner, bucket.region, p.usage_prefix + "TimedStorage-ByteHrs", bucket.name},
      world.now(), bytes, p.s3_standard_gb_month, storage_usage());
}

void meter_transfer(World& world, const AccountId& payer, const RegionName& from,
                    const RegionName& to, std::uint64_t bytes, const std::string& resource) {
  if (!billed(world, payer) || from == to || bytes == 0) return;
  const RegionPrices& src = prices_of(world, from);
  const RegionPrices& dst = prices_of(world, to);
  meter_of(world).once(
      LineKey{payer, from, src.transfer_code + "-" + dst.transfer_code + "-AWS-Out-Bytes",
              resource},
      world.now(), static_cast<std::int64_t>(bytes), src.transfer_out_gb, transfer_usage());
}

void meter_public_ipv4(World& world, const AccountId& owner, const RegionName& region,
                       const std::string& resource, bool held, bool in_use) {
  if (!billed(world, owner)) return;
  const RegionPrices& p = prices_of(world, region);
  const MicroUsd price = world.now() < kPublicIpv4ChargeStartMs ? 0 : kPublicIpv4HourlyMicroUsd;
  const std::string in_use_type = p.usage_prefix + "PublicIPv4:InUseAddress";
  const std::string idle_type = p.usage_prefix + "PublicIPv4:IdleAddress";
  Meter& meter = meter_of(world);
  meter.set(LineKey{owner, region, in_use_type, resource}, world.now(), held && in_use ? 1 : 0,
            price, public_ipv4_usage());
  // A line with quantity 0 is never created, so an instance's address makes one line only.
  meter.set(LineKey{owner, region, idle_type, resource}, world.now(), held && !in_use ? 1 : 0,
            price, public_ipv4_usage());
}

}  // namespace amisim::sim
