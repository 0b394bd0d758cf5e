// The bill's laws (issue 6) under random sequences of launches, stops, starts, terminations,
// volumes, snapshots, copies and clock moves:
//   (a) the bill over [a, c] equals the bill over [a, b] plus [b, c], line by line;
//   (b) it does not depend on how the clock was advanced (one jump or many steps);
//   (c) it never decreases as `to` grows;
//   (d) deleting a snapshot never raises any later hour's cost;
//   (e) a copy never lowers the source Region's cost in any later hour.
#include <fmt/format.h>
#include <rapidcheck/catch.h>

#include <catch2/catch.hpp>
#include <map>
#include <memory>

#include "harness.hpp"
#include "sim/billing/billing.hpp"
#include "sim/copies/copies.hpp"
#include "sim/ebs/snapshots.hpp"
#include "sim/ebs/volumes.hpp"
#include "sim/instances/instances.hpp"
#include "sim/timeline.hpp"

using namespace sim;

namespace {

constexpr DurationMs kHour = 3600 * kSecondMs;

std::shared_ptr<const Fixtures> priced() {
  static const std::shared_ptr<const Fixtures> kPriced = [] {
    auto f = std::make_shared<Fixtures>(*test::fixtures());
    RegionPrices east;
    east.transfer_code = "USE1";
    east.snapshot_standard_gb_month = 50'000;
    east.volume_gb_month = {{"gp3", 80'000}, {"gp2", 100'000}};
    east.transfer_out_gb = 20'000;
    east.instances["t3.micro"] = InstancePrice{10'400, 19'600};
    RegionPrices frankfurt = east;
    frankfurt.usage_prefix = "EUC1-";
    frankfurt.transfer_code = "EUC1";
    frankfurt.snapshot_standard_gb_month = 54'000;
    f->prices.regions[RegionName("us-east-1")] = east;
    f->prices.regions[RegionName("eu-central-1")] = frankfurt;
    return std::shared_ptr<const Fixtures>(f);
  }();
  return kPriced;
}

enum class Op : int {
  kRun,
  kStop,
  kStart,
  kTerminate,
  kVolume,
  kWrite,
  kSnapshot,
  kDeleteSnapshot,
  kCopy,
  kAdvance
};
constexpr int kOps = 10;

struct Step {
  Op op = Op::kAdvance;
  int pick = 0;
  int amount = 0;  // seconds to advance, blocks to write
  int split = 1;   // clock steps for world B
};

const std::vector<std::string> kRegions = {"us-east-1", "eu-central-1"};

// One world driven by steps; `stepwise` advances the clock in `split` pieces.
class Driver {
 public:
  explicit Driver(bool stepwise) : world_(priced(), WorldOptions{5}), stepwise_(stepwise) {
    world_.ensure_account(kDefaultAccount);
  }

  void apply(const Step& s) {
    const Caller c{kDefaultAccount, RegionName(kRegions[static_cast<std::size_t>(s.pick) % 2])};
    switch (s.op) {
      case Op::kRun: {
        RunInstancesRequest r;
        for (const auto& i : world_.fixtures().images)
          if (i.family == "al2023-x86_64" && i.region == c.region) r.image_id = i.id.str();
        r.instance_type = "t3.micro";
        if (auto done = run_instances(world_, c, r))
          instances_.emplace_back(c, done->instances.at(0)->id.str());
        break;
      }
      case Op::kStop:
      case Op::kStart:
      case Op::kTerminate: {
        if (instances_.empty()) break;
        const auto& [ic, id] = instances_[static_cast<std::size_t>(s.amount) % instances_.size()];
        if (s.op == Op::kStop) (void)stop_instances(world_, ic, {id.str()});
        if (s.op == Op::kStart) (void)start_instances(world_, ic, {id.str()});
        if (s.op == Op::kTerminate) (void)terminate_instances(world_, ic, {id.str()});
        break;
      }
      case Op::kVolume: {
        CreateVolumeRequest v;
        v.zone = ZoneName(c.region.str() + "a");
        v.size_gib = 1 + s.amount % 16;
        if (auto done = create_volume(world_, c, v)) volumes_.emplace_back(c, (*done)->id);
        break;
      }
      case Op::kWrite: {
        if (volumes_.empty()) break;
        const auto& [vc, id] = volumes_[static_cast<std::size_t>(s.pick) % volumes_.size()];
        if (Volume* v = find_volume(world_, vc, id))
          write_blocks(world_, *v, static_cast<std::uint64_t>(s.amount % 64),
                       static_cast<std::uint64_t>(1 + s.amount % 200));
        break;
      }
      case Op::kSnapshot: {
        if (volumes_.empty()) break;
        const auto& [vc, id] = volumes_[static_cast<std::size_t>(s.amount) % volumes_.size()];
        CreateSnapshotRequest r;
        r.volume_id = id;
        if (auto done = create_snapshot(world_, vc, r)) snapshots_.emplace_back(vc, (*done)->id);
        break;
      }
      case Op::kDeleteSnapshot: {
        if (snapshots_.empty()) break;
        const auto& [sc, id] = snapshots_[static_cast<std::size_t>(s.amount) % snapshots_.size()];
        (void)delete_snapshot(world_, sc, id);
        break;
      }
      case Op::kCopy: {
        if (snapshots_.empty()) break;
        const auto& [sc, id] = snapshots_[static_cast<std::size_t>(s.amount) % snapshots_.size()];
        CopySnapshotRequest r;
        r.source_region = sc.region;
        r.source_snapshot_id = id;
        const Caller dest{
            kDefaultAccount,
            RegionName(sc.region.str() == "us-east-1" ? "eu-central-1" : "us-east-1")};
        if (auto done = copy_snapshot(world_, dest, r)) snapshots_.emplace_back(dest, (*done)->id);
        break;
      }
      case Op::kAdvance: {
        const DurationMs d = static_cast<DurationMs>(s.amount) * 97 * kSecondMs;
        if (!stepwise_ || s.split <= 1) {
          sim::advance_by(world_, d);
        } else {
          for (int i = 0; i < s.split; ++i) sim::advance_by(world_, d / s.split);
          sim::advance_by(world_, d % s.split);
        }
        times_.push_back(world_.now());
        break;
      }
    }
  }

  // Deletes the first snapshot that still exists; false if none.
  bool delete_some_snapshot() {
    for (const auto& [c, id] : snapshots_)
      if (delete_snapshot(world_, c, id)) return true;
    return false;
  }
  // Copies the first us-east-1 snapshot that can be copied to eu-central-1; false if none.
  bool copy_some_snapshot() {
    for (const auto& [c, id] : snapshots_) {
      if (c.region.str() != "us-east-1") continue;
      CopySnapshotRequest r;
      r.source_region = c.region;
      r.source_snapshot_id = id;
      if (copy_snapshot(world_, Caller{kDefaultAccount, RegionName("eu-central-1")}, r))
        return true;
    }
    return false;
  }

  World& world() { return world_; }
  const std::vector<TimeMs>& times() const { return times_; }

 private:
  World world_;
  bool stepwise_;
  std::vector<std::pair<Caller, InstanceId>> instances_;
  std::vector<std::pair<Caller, VolumeId>> volumes_;
  std::vector<std::pair<Caller, SnapshotId>> snapshots_;
  std::vector<TimeMs> times_;
};

using Lines = std::map<std::string, MicroUsd>;

Lines lines_of(const World& w, std::optional<TimeMs> from, TimeMs to,
               const std::string& region = "") {
  BillRequest r;
  r.from = from;
  r.to = to;
  Lines out;
  for (const auto& l : compute_bill(w, r).lines) {
    if (!region.empty() && l.region.str() != region) continue;
    out[fmt::format("{}|{}|{}", l.region.str(), l.usage_type, l.resource_id)] += l.cost;
  }
  return out;
}

MicroUsd total(const Lines& lines) {
  MicroUsd t = 0;
  for (const auto& [k, v] : lines) t += v;
  return t;
}

Lines plus(Lines a, const Lines& b) {
  for (const auto& [k, v] : b) a[k] += v;
  for (auto it = a.begin(); it != a.end();) it = it->second == 0 ? a.erase(it) : std::next(it);
  return a;
}

Lines nonzero(Lines a) { return plus(std::move(a), {}); }

}  // namespace

namespace rc {
template <>
struct Arbitrary<Step> {
  static Gen<Step> arbitrary() {
    return gen::build<Step>(
        gen::set(&Step::op, gen::map(gen::inRange(0, kOps * 97),
                                     [](int k) { return static_cast<Op>(k % kOps); })),
        gen::set(&Step::pick, gen::inRange(0, 64)), gen::set(&Step::amount, gen::inRange(0, 4000)),
        gen::set(&Step::split, gen::inRange(1, 40)));
  }
};
}  // namespace rc

TEST_CASE("Billing: additive over windows, independent of clock steps, monotonic in `to`") {
  rc::prop(
      "after any sequence of launches, stops, volumes, snapshots, copies and clock moves",
      [](const std::vector<Step>& steps) {
        Driver one(false), many(true);
        for (const Step& s : steps) {
          one.apply(s);
          many.apply(s);
        }
        sim::advance_by(one.world(), kHour);
        sim::advance_by(many.world(), kHour);
        const TimeMs end = one.world().now();
        RC_ASSERT(end == many.world().now());
        // (b) same bill whichever way the clock moved, over the whole life and per window.
        RC_ASSERT(lines_of(one.world(), std::nullopt, end) ==
                  lines_of(many.world(), std::nullopt, end));
        std::vector<TimeMs> times = one.times();
        times.push_back(end);
        const TimeMs start = one.world().options().start;
        for (std::size_t i = 0; i + 1 < times.size(); i += 3) {
          const TimeMs a = std::max(start, times[i] - 1234);
          const TimeMs b = times[i + 1];
          // (a) additivity, line by line.
          const Lines ab = lines_of(one.world(), a, b);
          const Lines bc = lines_of(one.world(), b, end);
          RC_ASSERT(nonzero(lines_of(one.world(), a, end)) == plus(ab, bc));
          RC_ASSERT(lines_of(one.world(), a, b) == lines_of(many.world(), a, b));
          // (c) monotonic in `to`.
          RC_ASSERT(total(lines_of(one.world(), a, b)) <= total(lines_of(one.world(), a, end)));
        }
      });
}

TEST_CASE(
    "Billing: deleting a snapshot never raises a later hour's cost; a copy never lowers "
    "the source Region's") {
  rc::prop("for any history, then a delete or a copy", [](const std::vector<Step>& steps) {
    Driver base(false), deleted(false), copied(false);
    for (const Step& s : steps) {
      base.apply(s);
      deleted.apply(s);
      copied.apply(s);
    }
    const TimeMs t = base.world().now();
    const bool did_delete = deleted.delete_some_snapshot();
    const bool did_copy = copied.copy_some_snapshot();
    RC_CLASSIFY(did_delete, "with a delete");
    RC_CLASSIFY(did_copy, "with a copy");
    for (Driver* d : {&base, &deleted, &copied}) sim::advance_by(d->world(), 48 * kHour);
    for (int h = 0; h < 48; ++h) {
      const TimeMs a = t + h * kHour;
      const TimeMs b = a + kHour;
      // (d) Each line's window cost is floor(F(b)) - floor(F(a)), within 1 micro-dollar of its
      // exact cost; a delete moves a snapshot's still-referenced blocks onto a later snapshot's
      // line, so the exact cost never rises but the rounded lines may gain up to 1 each.
      const Lines after_delete = lines_of(deleted.world(), a, b);
      const Lines kept = lines_of(base.world(), a, b);
      RC_ASSERT(total(after_delete) <=
                total(kept) + static_cast<MicroUsd>(after_delete.size() + kept.size()));
      // (e)
      RC_ASSERT(total(lines_of(copied.world(), a, b, "us-east-1")) >=
                total(lines_of(base.world(), a, b, "us-east-1")));
    }
  });
}
