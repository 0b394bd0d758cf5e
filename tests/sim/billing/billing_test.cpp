// The bill (sim/billing/billing.hpp) from the meter's lines (sim/state/meter.hpp,
// sim/billing/metering.hpp): worked examples with figures computed by hand from a price table set
// here (the fact sheet §7 figures: snapshots $0.05 / $0.054 per GB-month in us-east-1 /
// eu-central-1, gp3 $0.08 per GB-month, t3.micro $0.0104 per hour, us-east-1 -> elsewhere $0.02 per
// GB), and a 30-day billing month.
#include "sim/billing/billing.hpp"

#include <catch2/catch.hpp>
#include <memory>

#include "harness.hpp"
#include "sim/copies/copies.hpp"
#include "sim/ebs/snapshot_tiers.hpp"
#include "sim/ebs/snapshots.hpp"
#include "sim/ebs/volumes.hpp"
#include "sim/images/images.hpp"
#include "sim/instances/instances.hpp"
#include "sim/rbin/rbin.hpp"
#include "sim/timeline.hpp"

namespace {

constexpr sim::DurationMs kDay = 24 * 3600 * sim::kSecondMs;

std::shared_ptr<const sim::Fixtures> billing_prices() {
  auto f = std::make_shared<sim::Fixtures>(*test::fixtures());
  sim::RegionPrices east;
  east.transfer_code = "USE1";
  east.snapshot_standard_gb_month = 50'000;
  east.snapshot_archive_gb_month = 12'500;
  east.archive_retrieval_gb = 30'000;
  east.volume_gb_month = {{"gp3", 80'000}, {"gp2", 100'000}, {"io1", 125'000}};
  east.gp3_iops_month = 5'000;               // $0.005 per IOPS-month above 3,000
  east.gp3_throughput_mibps_month = 40'000;  // $0.04 per MiB/s-month above 125
  east.transfer_out_gb = 20'000;
  east.s3_standard_gb_month = 23'000;
  east.instances["t3.micro"] = sim::InstancePrice{10'400, 19'600};
  sim::RegionPrices frankfurt = east;
  frankfurt.usage_prefix = "EUC1-";
  frankfurt.transfer_code = "EUC1";
  frankfurt.snapshot_standard_gb_month = 54'000;
  f->prices.regions[sim::RegionName("us-east-1")] = east;
  f->prices.regions[sim::RegionName("eu-central-1")] = frankfurt;
  return f;
}

struct Billed {
  sim::World world{billing_prices(), sim::WorldOptions{3}};
  sim::Caller caller{sim::kDefaultAccount, sim::kDefaultRegion};
  Billed() { world.ensure_account(caller.account); }

  // A completed snapshot holding exactly `gib` GiB of written data (its volume deleted).
  sim::SnapshotId snapshot_of(int gib) {
    sim::CreateVolumeRequest v;
    v.zone = sim::ZoneName("us-east-1a");
    v.size_gib = gib;
    v.volume_type = "gp3";
    const sim::VolumeId volume_id = test::expect_ok(sim::create_volume(world, caller, v))->id;
    sim::write_to_volume(world, *sim::find_volume(world, caller, volume_id),
                         static_cast<std::uint64_t>(gib) * sim::kGiB);
    sim::settle(world);
    sim::CreateSnapshotRequest s;
    s.volume_id = volume_id;
    const sim::SnapshotId id = test::expect_ok(sim::create_snapshot(world, caller, s))->id;
    sim::settle(world);
    test::expect_ok(sim::delete_volume(world, caller, volume_id));
    sim::settle(world);
    return id;
  }

  // Archives the snapshot and waits until it is in the archive tier; returns when it got there.
  sim::TimeMs archive(const sim::SnapshotId& id) {
    sim::ModifySnapshotTierRequest r;
    r.snapshot_id = id;
    test::expect_ok(sim::modify_snapshot_tier(world, caller, r));
    sim::settle(world);
    const sim::Snapshot& s = world.region(sim::kDefaultRegion)->snapshots.at(id);
    REQUIRE(s.storage_tier == "archive");
    return s.archived_at;
  }

  // Launches one t3.micro of the catalogue's al2023 image (pending until the clock settles it).
  sim::InstanceId run_t3_micro() {
    sim::RunInstancesRequest r;
    r.image_id = test::Harness().catalogue_image("al2023-x86_64").str();
    r.instance_type = "t3.micro";
    return test::expect_ok(sim::run_instances(world, caller, r)).instances.at(0)->id;
  }

  // The cost of one line over (from, to].
  sim::MicroUsd line_cost(const std::string& usage_type, const std::string& resource,
                          sim::TimeMs from, sim::TimeMs to,
                          const std::string& region = "us-east-1") const {
    sim::BillRequest r;
    r.from = from;
    r.to = to;
    sim::MicroUsd total = 0;
    for (const auto& l : sim::compute_bill(world, r).lines) {
      if (l.usage_type == usage_type && l.resource_id == resource && l.region.str() == region)
        total += l.cost;
    }
    return total;
  }
};

}  // namespace

TEST_CASE("Billing: 8 GiB written in one snapshot, kept 30 days in us-east-1, costs $0.40",
          "[billing]") {
  Billed b;
  const sim::TimeMs t0 = b.world.now();
  const sim::SnapshotId snap = b.snapshot_of(8);
  // The snapshot is billed from its creation; its 8 GiB at $0.05 per GB-month for a 30-day
  // month: 8 x 0.05 = $0.40.
  const sim::Snapshot& s = b.world.region(sim::kDefaultRegion)->snapshots.at(snap);
  sim::advance_to(b.world, s.start_time + 30 * kDay);  // bills never reach past now
  CHECK(b.line_cost("EBS:SnapshotUsage", snap.str(), s.start_time, s.start_time + 30 * kDay) ==
        400'000);
  // Half the time, half the money; a day: 8 x 0.05 / 30 = $0.013333 (floored to micro-dollars).
  CHECK(b.line_cost("EBS:SnapshotUsage", snap.str(), s.start_time, s.start_time + 15 * kDay) ==
        200'000);
  CHECK(b.line_cost("EBS:SnapshotUsage", snap.str(), s.start_time, s.start_time + kDay) == 13'333);
  // Its volume, 8 GiB gp3, lived 158 s: created (5 s), snapshotted (20 s + 8 GiB at 64 MiB/s =
  // 148 s), deleted (5 s): 8 x 0.08 x 158 / 2,592,000 = $0.0000390 -> 39 micro-dollars.
  sim::BillRequest all;
  all.to = s.start_time + 30 * kDay;
  sim::Bill bill = sim::compute_bill(b.world, all);
  sim::MicroUsd volume = 0;
  for (const auto& l : bill.lines)
    if (l.usage_type == "EBS:VolumeUsage.gp3") volume += l.cost;
  CHECK(volume == 39);
  CHECK(bill.total == 400'039);
  // Nothing before the snapshot existed.
  CHECK(b.line_cost("EBS:SnapshotUsage", snap.str(), t0, s.start_time) == 0);
  CHECK(sim::format_usd(bill.total) == "0.400039");
}

TEST_CASE("Billing: a copy to eu-central-1 costs storage there and transfer in the source Region",
          "[billing]") {
  Billed b;
  const sim::SnapshotId snap = b.snapshot_of(8);
  const sim::Caller frankfurt{b.caller.account, sim::RegionName("eu-central-1")};
  const sim::TimeMs t_copy = b.world.now();
  sim::CopySnapshotRequest r;
  r.source_region = sim::kDefaultRegion;
  r.source_snapshot_id = snap;
  const sim::SnapshotId copy = test::expect_ok(sim::copy_snapshot(b.world, frankfurt, r))->id;
  sim::settle(b.world);
  sim::advance_by(b.world, 31 * kDay);
  // Destination storage: 8 x $0.054 = $0.432 per 30 days, from the copy's start.
  CHECK(b.line_cost("EUC1-EBS:SnapshotUsage", copy.str(), t_copy, t_copy + 30 * kDay,
                    "eu-central-1") == 432'000);
  // Transfer: the 8 GiB the first copy moves, at $0.02 per GB, charged in us-east-1 when the
  // copy completes (facts §T): a window that starts at the call covers it, one that ends at the
  // call does not.
  const sim::TimeMs done =
      b.world.region(sim::RegionName("eu-central-1"))->snapshots.at(copy).completion_time;
  REQUIRE(done > t_copy);
  CHECK(b.line_cost("USE1-EUC1-AWS-Out-Bytes", copy.str(), t_copy, done) == 160'000);
  CHECK(b.line_cost("USE1-EUC1-AWS-Out-Bytes", copy.str(), t_copy - 1, t_copy) == 0);
  CHECK(b.line_cost("USE1-EUC1-AWS-Out-Bytes", copy.str(), t_copy, done - 1) == 0);
  // The source keeps costing what it did: $0.40 per 30 days.
  CHECK(b.line_cost("EBS:SnapshotUsage", snap.str(), t_copy, t_copy + 30 * kDay) == 400'000);
}

TEST_CASE("Billing: a deregistered AMI's snapshot keeps costing until it is deleted", "[billing]") {
  Billed b;
  const sim::SnapshotId snap = b.snapshot_of(8);
  sim::RegisterImageRequest reg;
  reg.name = "golden";
  reg.architecture = "x86_64";
  reg.virtualization_type = "hvm";
  reg.root_device_name = "/dev/xvda";
  sim::BlockDeviceMapping m;
  m.device_name = "/dev/xvda";
  m.ebs = sim::EbsBlockDevice{};
  m.ebs->snapshot_id = snap;
  reg.block_device_mappings = {m};
  const sim::ImageId ami = test::expect_ok(sim::register_image(b.world, b.caller, reg));
  sim::settle(b.world);
  test::expect_ok(sim::deregister_image(b.world, b.caller, ami));
  const sim::TimeMs t_dereg = b.world.now();
  sim::advance_by(b.world, 30 * kDay);
  CHECK(b.line_cost("EBS:SnapshotUsage", snap.str(), t_dereg, t_dereg + 30 * kDay) == 400'000);
  // Deleting it stops the meter: the next 30 days cost nothing.
  test::expect_ok(sim::delete_snapshot(b.world, b.caller, snap));
  const sim::TimeMs t_delete = b.world.now();
  sim::advance_by(b.world, 30 * kDay);
  CHECK(b.line_cost("EBS:SnapshotUsage", snap.str(), t_delete, t_delete + 30 * kDay) == 0);
}

TEST_CASE("Billing: instances per second with 60 s from each start, stopped costs nothing",
          "[billing]") {
  Billed b;
  const sim::InstanceId id = b.run_t3_micro();
  sim::settle(b.world);
  const sim::Instance& i = b.world.region(sim::kDefaultRegion)->instances.at(id);
  REQUIRE(i.state == sim::InstanceState::kRunning);
  const sim::TimeMs running_at = i.running_periods.back().start;
  // One hour running: $0.0104.
  sim::advance_to(b.world, running_at + 3600 * sim::kSecondMs);
  const std::string box = "BoxUsage:t3.micro";
  CHECK(b.line_cost(box, id.str(), 0, b.world.now()) == 10'400);
  // Stop: no compute while stopping or stopped.
  test::expect_ok(sim::stop_instances(b.world, b.caller, {id.str()}));
  sim::settle(b.world);
  const sim::TimeMs stopped = b.world.now();
  sim::advance_by(b.world, 10 * kDay);
  CHECK(b.line_cost(box, id.str(), stopped, b.world.now()) == 0);
  // Start and stop at once: the 60-second minimum, 0.0104 x 60 / 3600 = $0.000173 (floored).
  test::expect_ok(sim::start_instances(b.world, b.caller, {id.str()}));
  sim::settle(b.world);
  const sim::TimeMs restarted = b.world.now();
  test::expect_ok(sim::stop_instances(b.world, b.caller, {id.str()}));
  sim::settle(b.world);
  CHECK(b.line_cost(box, id.str(), restarted - 1, b.world.now()) == 173);
  // The projection of a stopped instance's account: its root volume only (8 GiB gp3, $0.64 per
  // 30 days).
  sim::Bill p = sim::project_bill(b.world, 30 * kDay, b.caller.account);
  CHECK(p.total == 640'000);
}

TEST_CASE("Billing: an archived snapshot deleted after 30 days pays the rest of its 90 days",
          "[billing]") {
  Billed b;
  const sim::SnapshotId snap = b.snapshot_of(8);
  const sim::TimeMs archived = b.archive(snap);
  sim::advance_to(b.world, archived + 30 * kDay);
  test::expect_ok(sim::delete_snapshot(b.world, b.caller, snap));
  sim::advance_by(b.world, kDay);
  // Archive storage, the full 8 GiB at $0.0125 per GB-month for 30 days: $0.10.
  CHECK(b.line_cost("EBS:SnapshotArchiveStorage", snap.str(), archived, b.world.now()) == 100'000);
  // The standard tier no longer holds its blocks once archived.
  CHECK(b.line_cost("EBS:SnapshotUsage", snap.str(), archived, b.world.now()) == 0);
  // Deleted 60 days early: 8 x $0.0125 x 60/30 = $0.20, charged at the delete.
  CHECK(b.line_cost("EBS:SnapshotArchiveEarlyDelete", snap.str(), archived, b.world.now()) ==
        200'000);
}

TEST_CASE("Billing: a temporary restore charges retrieval once and the full size in standard",
          "[billing]") {
  Billed b;
  const sim::SnapshotId snap = b.snapshot_of(4);
  b.archive(snap);
  const sim::TimeMs before = b.world.now();
  sim::RestoreSnapshotTierRequest restore;
  restore.snapshot_id = snap;
  restore.temporary_restore_days = 2;
  test::expect_ok(sim::restore_snapshot_tier(b.world, b.caller, restore));
  sim::advance_by(b.world, 10 * kDay);
  // Retrieval: 4 GiB x $0.03 = $0.12, once, charged at the restore call (`before`), which a
  // window (from, to] holds only when it starts earlier.
  CHECK(b.line_cost("EBS:SnapshotArchiveRetrieval", snap.str(), before, b.world.now()) == 0);
  CHECK(b.line_cost("EBS:SnapshotArchiveRetrieval", snap.str(), before - 1, b.world.now()) ==
        120'000);
  // While restored the full 4 GiB is in the standard tier too; never more than 4 GiB-days x 2.
  const sim::MicroUsd standard =
      b.line_cost("EBS:SnapshotUsage", snap.str(), before, b.world.now());
  CHECK(standard > 0);
  CHECK(standard <= 4 * 50'000 * 3 / 30);
}

TEST_CASE(
    "Billing: the early-delete charge is the archive price for the time left, rounded to the "
    "nearest hour (UG23:snapshot-archive.md)",
    "[billing]") {
  // Deleted 40 days and 31 minutes after archiving: 49 days 23 h 29 min left, which rounds to
  // 1,199 hours (not up to 1,200). 3 GiB x $0.0125 x 1,199 / 720 = $0.0624479..., so 62,447
  // micro-dollars, rounded once at the end.
  for (const auto& [after, expected] : std::vector<std::pair<sim::DurationMs, sim::MicroUsd>>{
           {40 * kDay + 31 * sim::kMinuteMs, 62'447},
           // 29 minutes: 50 days minus 29 minutes rounds to 1,200 hours: 3 x 0.0125 x 1200/720.
           {40 * kDay + 29 * sim::kMinuteMs, 62'500}}) {
    Billed b;
    const sim::SnapshotId snap = b.snapshot_of(3);
    const sim::TimeMs archived = b.archive(snap);
    sim::advance_to(b.world, archived + after);
    test::expect_ok(sim::delete_snapshot(b.world, b.caller, snap));
    CHECK(b.line_cost("EBS:SnapshotArchiveEarlyDelete", snap.str(), archived, b.world.now()) ==
          expected);
  }
}

TEST_CASE("Billing: gp3 IOPS and throughput above the free baseline, io1 as VolumeUsage.piops",
          "[billing]") {
  Billed b;
  const sim::ZoneName zone("us-east-1a");
  sim::CreateVolumeRequest fast;
  fast.zone = zone;
  fast.size_gib = 100;
  fast.volume_type = "gp3";
  fast.iops = 10'000;
  fast.throughput = 500;
  const sim::VolumeId fast_id = test::expect_ok(sim::create_volume(b.world, b.caller, fast))->id;
  sim::CreateVolumeRequest plain;  // the baseline: no performance lines at all
  plain.zone = zone;
  plain.size_gib = 100;
  plain.volume_type = "gp3";
  const sim::VolumeId plain_id = test::expect_ok(sim::create_volume(b.world, b.caller, plain))->id;
  sim::CreateVolumeRequest piops;
  piops.zone = zone;
  piops.size_gib = 10;
  piops.volume_type = "io1";
  piops.iops = 500;
  const sim::VolumeId io1_id = test::expect_ok(sim::create_volume(b.world, b.caller, piops))->id;
  const sim::TimeMs start = b.world.now();
  sim::advance_by(b.world, 15 * kDay);
  const sim::TimeMs deleted = b.world.now();
  test::expect_ok(sim::delete_volume(b.world, b.caller, fast_id));
  sim::advance_by(b.world, 15 * kDay);
  const sim::TimeMs end = b.world.now();
  // Half a 30-day month up to the delete call (the pricing page's gp3 example shape):
  //   IOPS: (10,000 - 3,000) x $0.005 x 15/30 = $17.50;
  //   throughput: (500 - 125) MiB/s x $0.04 x 15/30 = $7.50;
  //   storage: 100 GiB x $0.08 x 15/30 = $4.00.
  CHECK(b.line_cost("EBS:VolumeP-IOPS.gp3", fast_id.str(), start - 1, deleted) == 17'500'000);
  CHECK(b.line_cost("EBS:VolumeP-Throughput.gp3", fast_id.str(), start - 1, deleted) == 7'500'000);
  CHECK(b.line_cost("EBS:VolumeUsage.gp3", fast_id.str(), start - 1, deleted) == 4'000'000);
  // Once the volume is gone (deleting takes seconds), nothing more accrues.
  for (const char* usage :
       {"EBS:VolumeP-IOPS.gp3", "EBS:VolumeP-Throughput.gp3", "EBS:VolumeUsage.gp3"})
    CHECK(b.line_cost(usage, fast_id.str(), deleted + kDay, end) == 0);
  sim::BillRequest all;
  all.to = end;
  for (const auto& l : sim::compute_bill(b.world, all).lines) {
    INFO(l.usage_type << " " << l.resource_id);
    if (l.resource_id == plain_id.str()) CHECK(l.usage_type == "EBS:VolumeUsage.gp3");
  }
  // io1 storage: 10 GiB x $0.125 for the 30 days = $1.25, under AWS's name for it.
  CHECK(b.line_cost("EBS:VolumeUsage.piops", io1_id.str(), start - 1, end) == 1'250'000);
  CHECK(b.line_cost("EBS:VolumeUsage.io1", io1_id.str(), start - 1, end) == 0);
}

TEST_CASE("Billing: a window reaching past now ends at now, nothing is billed ahead", "[billing]") {
  Billed b;
  const sim::SnapshotId snap = b.snapshot_of(8);
  (void)snap;
  sim::advance_by(b.world, kDay);
  const sim::TimeMs now = b.world.now();
  sim::BillRequest to_now;
  to_now.to = now;
  sim::BillRequest ahead;
  ahead.to = now + 30 * kDay;
  const sim::Bill billed = sim::compute_bill(b.world, ahead);
  CHECK(billed.to == now);
  CHECK(billed.total == sim::compute_bill(b.world, to_now).total);
  CHECK(billed.total > 0);
  // A window wholly in the future is empty.
  sim::BillRequest later;
  later.from = now + kDay;
  later.to = now + 2 * kDay;
  CHECK(sim::compute_bill(b.world, later).total == 0);
}

TEST_CASE("Billing: a snapshot in the Recycle Bin is billed at its rate until its retention ends",
          "[billing]") {
  Billed b;
  const sim::SnapshotId snap = b.snapshot_of(8);
  // A Region-level rule keeping snapshots 7 days; the account's first rule is active after
  // 30 minutes.
  sim::RbinRuleSpec rule;
  rule.resource_type = "EBS_SNAPSHOT";
  rule.retention_days = 7;
  rule.retention_unit = "DAYS";
  test::expect_ok(sim::create_rule(b.world, b.caller, rule));
  sim::advance_by(b.world, 30 * sim::kMinuteMs);
  const sim::TimeMs t_delete = b.world.now();
  test::expect_ok(sim::delete_snapshot(b.world, b.caller, snap));
  sim::advance_by(b.world, 30 * kDay);
  // In the bin for 7 days at the standard rate: 8 x $0.05 x 7 / 30 = $0.093333; nothing after.
  CHECK(b.line_cost("EBS:SnapshotUsage", snap.str(), t_delete, t_delete + 7 * kDay) == 93'333);
  CHECK(b.line_cost("EBS:SnapshotUsage", snap.str(), t_delete + 7 * kDay, t_delete + 30 * kDay) ==
        0);
  CHECK(b.world.region(sim::kDefaultRegion)->bin.snapshots.empty());
}

// Issue 19's bounded history (sim/state/meter.hpp): AWS keeps resource-level cost data for 14
// days (Cost Explorer API reference, GetCostAndUsageWithResources: "The range must be within the
// last 14 days"); amisim keeps a gone resource's lines that long, then bills them by day.
TEST_CASE("Billing: 14 days after an instance is gone its usage is billed by day, without its ID",
          "[billing]") {
  Billed b;
  const sim::InstanceId gone = b.run_t3_micro();
  const sim::InstanceId stays = b.run_t3_micro();
  sim::settle(b.world);
  const sim::TimeMs running_at =
      b.world.region(sim::kDefaultRegion)->instances.at(gone).running_periods.back().start;
  // Ten hours running, within one day: 10 x $0.0104 = $0.104 each.
  const sim::TimeMs ten_hours = running_at + 10 * 3600 * sim::kSecondMs;
  REQUIRE(sim::usage_day_of(running_at) == sim::usage_day_of(ten_hours));
  sim::advance_to(b.world, ten_hours);
  test::expect_ok(sim::terminate_instances(b.world, b.caller, {gone.str()}));
  test::expect_ok(sim::stop_instances(b.world, b.caller, {stays.str()}));
  sim::settle(b.world);
  const std::string box = "BoxUsage:t3.micro";
  CHECK(b.line_cost(box, gone.str(), 0, b.world.now()) == 104'000);
  CHECK(b.line_cost(box, stays.str(), 0, b.world.now()) == 104'000);
  const sim::TimeMs five_hours = running_at + 5 * 3600 * sim::kSecondMs;
  CHECK(b.line_cost(box, gone.str(), five_hours, b.world.now()) == 52'000);
  const sim::TimeMs terminated = b.world.now();

  // Purged after an hour; 15 days on, the next metering hook (a volume created) retires the gone
  // instance's lines: compute, root volume, public address.
  sim::advance_by(b.world, 15 * kDay);
  REQUIRE(b.world.meter().retired_days() == 0);
  sim::BillRequest all;  // to the midnight after the run: exact before and after
  all.to = sim::usage_day_of(running_at) + kDay;
  const sim::MicroUsd total_before = sim::compute_bill(b.world, all).total;
  sim::BillRequest part = all;  // to the termination, inside the day
  part.to = terminated;
  const sim::MicroUsd part_before = sim::compute_bill(b.world, part).total;
  sim::CreateVolumeRequest v;
  v.zone = sim::ZoneName("us-east-1a");
  v.size_gib = 1;
  v.volume_type = "gp3";
  test::expect_ok(sim::create_volume(b.world, b.caller, v));
  CHECK(b.world.meter().retired_days() > 0);
  CHECK(sim::compute_bill(b.world, all).total == total_before);
  // A window ending inside a retired day leaves that day out [?]: the day is booked at its end.
  // What is left is the stopped instance's usage, which keeps its detail.
  const sim::MicroUsd stays_part = sim::compute_bill(b.world, part).total;
  CHECK(stays_part < part_before);
  CHECK(stays_part >= 104'000);
  // The gone instance has no line of its own any more; its compute is one line without an ID.
  CHECK(b.line_cost(box, gone.str(), 0, b.world.now()) == 0);
  CHECK(b.line_cost(box, "", 0, b.world.now()) == 104'000);
  // The stopped instance still exists: its line keeps its ID, however old.
  CHECK(b.line_cost(box, stays.str(), 0, b.world.now()) == 104'000);
  // A window starting inside a retired day bills that day whole [?]: the day is booked at its end.
  CHECK(b.line_cost(box, "", five_hours, b.world.now()) == 104'000);
  CHECK(b.line_cost(box, "", sim::usage_day_of(running_at) + kDay, b.world.now()) == 0);
  // Grouped by usage type, the retired line and the stopped instance's add up.
  all.group_by = sim::BillGrouping::kUsageType;
  all.to = b.world.now();
  for (const auto& l : sim::compute_bill(b.world, all).lines) {
    if (l.usage_type == box) CHECK(l.cost == 208'000);
  }
}
