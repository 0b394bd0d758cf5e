// The bill's laws (issue 6) under random sequences of launches, stops, starts, terminations,
// volumes, snapshots, copies and clock moves:
//   (a) the bill over [a, c] equals the bill over [a, b] plus [b, c], line by line;
//   (b) it does not depend on how the clock was advanced (one jump or many steps);
//   (c) it never decreases as `to` grows;
//   (d) deleting a snapshot never raises any later hour's cost;
//   (e) a copy never lowers the source Region's cost in any later hour;
//   (f) folding ended lines (issue 19, sim/state/meter.hpp) changes no bill, line or digest;
//   (g) retiring the old lines of gone resources (issue 19) changes no bill between midnights
//       and no line of a resource that exists.
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
#include "steps.hpp"
#include "unity_id.hpp"

namespace AMISIM_UNITY_ID {

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

std::string_view op_name(Op op) {
  static constexpr std::string_view kNames[] = {"run",    "stop",   "start",    "terminate",
                                                "volume", "write",  "snapshot", "delete-snapshot",
                                                "copy",   "advance"};
  static_assert(std::size(kNames) == kOps);
  return kNames[static_cast<std::size_t>(op)];
}

// region: where runs and new volumes go; pick: which instance, volume or snapshot; amount:
// seconds to advance (times 97), a volume's size, blocks to write; variant: how many clock steps
// the stepwise world takes for one advance.
using Step = test::props::Step<Op>;

rc::Gen<std::vector<Step>> steps() {
  return test::props::steps<Op>({.op = test::props::any_of<Op>(kOps),
                                 .regions = 2,
                                 .picks = 64,
                                 .amount = rc::gen::inRange(0, 4000),
                                 .variant = rc::gen::inRange(1, 40)});
}

const std::vector<std::string> kRegions = {"us-east-1", "eu-central-1"};

// One world driven by steps; `stepwise` advances the clock in `split` pieces.
class Driver {
 public:
  explicit Driver(bool stepwise, bool fold = true)
      : world_(priced(), WorldOptions{5}), stepwise_(stepwise) {
    world_.ensure_account(kDefaultAccount);
    world_.meter().set_folding(fold);
  }

  std::string apply(const Step& s) {
    switch (s.op) {
      case Op::kRun:
        return run(s);
      case Op::kStop:
      case Op::kStart:
      case Op::kTerminate:
        return on_instance(s);
      case Op::kVolume:
        return volume(s);
      case Op::kWrite:
        return write(s);
      case Op::kSnapshot:
        return snapshot(s);
      case Op::kDeleteSnapshot:
        return delete_snapshot_op(s);
      case Op::kCopy:
        return copy(s);
      case Op::kAdvance:
        return advance(s);
    }
    return "?";
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
  std::string run(const Step& s) {
    const Caller c{kDefaultAccount, RegionName(test::props::cycle(kRegions, s.region))};
    RunInstancesRequest r;
    for (const auto& i : world_.fixtures().images)
      if (i.family == "al2023-x86_64" && i.region == c.region) r.image_id = i.id.str();
    r.instance_type = "t3.micro";
    auto done = run_instances(world_, c, r);
    if (done) instances_.emplace_back(c, done->instances.at(0)->id.str());
    return "run " + test::props::outcome(done);
  }

  std::string on_instance(const Step& s) {
    const auto* picked = test::props::nth(instances_, s.pick);
    if (!picked) return "no instance";
    const auto& [c, id] = *picked;
    if (s.op == Op::kStop)
      return "stop " + test::props::outcome(stop_instances(world_, c, {id.str()}));
    if (s.op == Op::kStart)
      return "start " + test::props::outcome(start_instances(world_, c, {id.str()}));
    return "terminate " + test::props::outcome(terminate_instances(world_, c, {id.str()}));
  }

  std::string volume(const Step& s) {
    const Caller c{kDefaultAccount, RegionName(test::props::cycle(kRegions, s.region))};
    CreateVolumeRequest v;
    v.zone = ZoneName(c.region.str() + "a");
    v.size_gib = 1 + s.amount % 16;
    auto done = create_volume(world_, c, v);
    if (done) volumes_.emplace_back(c, (*done)->id);
    return "volume " + test::props::outcome(done);
  }

  std::string write(const Step& s) {
    const auto* picked = test::props::nth(volumes_, s.pick);
    if (!picked) return "no volume";
    Volume* v = find_volume(world_, picked->first, picked->second);
    if (!v) return "volume gone";
    write_blocks(world_, *v, static_cast<std::uint64_t>(s.amount % 64),
                 static_cast<std::uint64_t>(1 + s.amount % 200));
    return "write";
  }

  std::string snapshot(const Step& s) {
    const auto* picked = test::props::nth(volumes_, s.pick);
    if (!picked) return "no volume";
    CreateSnapshotRequest r;
    r.volume_id = picked->second;
    auto done = create_snapshot(world_, picked->first, r);
    if (done) snapshots_.emplace_back(picked->first, (*done)->id);
    return "snapshot " + test::props::outcome(done);
  }

  std::string delete_snapshot_op(const Step& s) {
    const auto* picked = test::props::nth(snapshots_, s.pick);
    if (!picked) return "no snapshot";
    return "delete " + test::props::outcome(delete_snapshot(world_, picked->first, picked->second));
  }

  std::string copy(const Step& s) {
    const auto* picked = test::props::nth(snapshots_, s.pick);
    if (!picked) return "no snapshot";
    const auto& [sc, id] = *picked;
    CopySnapshotRequest r;
    r.source_region = sc.region;
    r.source_snapshot_id = id;
    const Caller dest{kDefaultAccount,
                      RegionName(sc.region.str() == "us-east-1" ? "eu-central-1" : "us-east-1")};
    auto done = copy_snapshot(world_, dest, r);
    if (done) snapshots_.emplace_back(dest, (*done)->id);
    return "copy " + test::props::outcome(done);
  }

  std::string advance(const Step& s) {
    const DurationMs d = static_cast<DurationMs>(s.amount) * 97 * kSecondMs;
    const int split = s.variant;
    if (!stepwise_ || split <= 1) {
      sim::advance_by(world_, d);
    } else {
      for (int i = 0; i < split; ++i) sim::advance_by(world_, d / split);
      sim::advance_by(world_, d % split);
    }
    times_.push_back(world_.now());
    return "advance";
  }

  World world_;
  bool stepwise_;
  std::vector<std::pair<Caller, InstanceId>> instances_;
  std::vector<std::pair<Caller, VolumeId>> volumes_;
  std::vector<std::pair<Caller, SnapshotId>> snapshots_;
  std::vector<TimeMs> times_;
};

using Lines = std::map<std::string, MicroUsd>;

Lines lines_of(const World& w, std::optional<TimeMs> from, TimeMs to,
               const std::string& region = "", BillGrouping by = BillGrouping::kNone) {
  BillRequest r;
  r.from = from;
  r.to = to;
  r.group_by = by;
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

TEST_CASE("Billing: additive over windows, independent of clock steps, monotonic in `to`") {
  rc::prop("after any sequence of launches, stops, volumes, snapshots, copies and clock moves", [] {
    const auto history = *steps();
    Driver one(false), many(true);
    test::props::run(one, history);
    test::props::run(many, history);
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
    "Billing: deleting a snapshot never raises a later hour's cost, and a copy never lowers "
    "the source Region's") {
  rc::prop("for any history, then a delete or a copy", [] {
    const auto history = *steps();
    Driver base(false), deleted(false), copied(false);
    for (Driver* d : {&base, &deleted, &copied}) test::props::run(*d, history);
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

TEST_CASE("Billing: folding ended lines changes no bill, no line and no digest") {
  rc::prop("for any history, a folding meter and a whole one bill the same", [] {
    const auto history = *steps();
    Driver folded(false), whole(false, /*fold=*/false);
    folded.world().meter().set_retiring(false);  // (g) compares retiring
    test::props::run(folded, history);
    test::props::run(whole, history);
    // Past every purge of what the history terminated (an hour after termination).
    sim::advance_by(folded.world(), 2 * kHour);
    sim::advance_by(whole.world(), 2 * kHour);
    RC_ASSERT(folded.world().digest() == whole.world().digest());
    const TimeMs end = folded.world().now();
    std::vector<TimeMs> times = folded.times();
    times.push_back(end);
    for (std::optional<TimeMs> from : {std::optional<TimeMs>(), std::optional<TimeMs>(times[0])}) {
      for (TimeMs to : times) {
        if (from && *from > to) continue;
        for (BillGrouping by : {BillGrouping::kResource, BillGrouping::kUsageType}) {
          RC_ASSERT(lines_of(folded.world(), from, to, "", by) ==
                    lines_of(whole.world(), from, to, "", by));
        }
      }
    }
    RC_ASSERT(whole.world().meter().folded_segments() == 0u);
    RC_CLASSIFY(folded.world().meter().folded_segments() > 0, "with folded lines");
  });
}

TEST_CASE("Billing: retiring gone resources' old lines changes no bill between midnights") {
  rc::prop("for any history, a retiring meter bills as a keeping one between midnights", [] {
    const auto history = *steps();
    Driver retiring(false), keeping(false);
    keeping.world().meter().set_retiring(false);
    const TimeMs start = retiring.world().now();
    test::props::run(retiring, history);
    test::props::run(keeping, history);
    // Past the horizon of everything the history ended, then what every metering hook calls.
    for (Driver* d : {&retiring, &keeping}) {
      sim::advance_by(d->world(), 15 * kDayMs + 2 * kHour);
      retire_bill_detail(d->world());
    }
    const TimeMs end = retiring.world().now();
    RC_ASSERT(keeping.world().meter().retired_days() == 0u);
    // Retired days are the world's: the digest tells the two apart when there are any (lines that
    // cost nothing retire without leaving a day). What retires leaves the folded history.
    if (retiring.world().meter().retired_days() > 0)
      RC_ASSERT(retiring.world().digest() != keeping.world().digest());
    RC_ASSERT(retiring.world().meter().folded_segments() <=
              keeping.world().meter().folded_segments());
    RC_CLASSIFY(retiring.world().meter().retired_days() > 0, "with retired days");
    std::vector<TimeMs> midnights;
    for (TimeMs m = usage_day_of(start) + kDayMs; m <= end; m += kDayMs) midnights.push_back(m);
    // At most nine of them, spread over the run, so that the property stays quick.
    std::vector<TimeMs> picked;
    const std::size_t every = midnights.size() / 8 + 1;
    for (std::size_t i = 0; i < midnights.size(); i += every) picked.push_back(midnights[i]);
    std::vector<std::optional<TimeMs>> froms = {std::nullopt};
    for (TimeMs m : picked) froms.emplace_back(m);
    std::vector<TimeMs> tos = picked;
    tos.push_back(end);  // not a midnight, but past every retired day
    for (const std::optional<TimeMs>& from : froms) {
      for (TimeMs to : tos) {
        if (from && *from > to) continue;
        RC_ASSERT(lines_of(retiring.world(), from, to, "", BillGrouping::kUsageType) ==
                  lines_of(keeping.world(), from, to, "", BillGrouping::kUsageType));
      }
    }
    // A line that keeps its resource ID is billed as before: resources that exist keep theirs.
    const Lines retired =
        lines_of(retiring.world(), std::nullopt, end, "", BillGrouping::kResource);
    const Lines kept = lines_of(keeping.world(), std::nullopt, end, "", BillGrouping::kResource);
    RC_ASSERT(total(retired) == total(kept));
    for (const auto& [key, cost] : retired) {
      if (key.back() == '|') continue;  // a retired line: no resource ID
      RC_ASSERT(kept.count(key) == 1u);
      RC_ASSERT(kept.at(key) == cost);
    }
    // And an instance, volume or snapshot that still exists keeps its line, however old.
    for (const auto& [key, cost] : kept) {
      const std::string region = key.substr(0, key.find('|'));
      const std::string id = key.substr(key.rfind('|') + 1);
      const RegionState* r = retiring.world().region(RegionName(region));
      const bool exists =
          r != nullptr && (r->instances.find(std::string_view(id)) != r->instances.end() ||
                           r->volumes.find(std::string_view(id)) != r->volumes.end() ||
                           r->snapshots.find(std::string_view(id)) != r->snapshots.end());
      if (exists) RC_ASSERT(retired.count(key) == 1u);
    }
  });
}

}  // namespace AMISIM_UNITY_ID
