// Region opt-in: random sequences of EnableRegion, DisableRegion and clock moves by two accounts,
// through the Account API door (account::call), checked after every step against a tiny reference
// model (CONVENTIONS.md, Habits 12):
//   - each account's status per Region is the reference's (ENABLED_BY_DEFAULT for default
//     Regions; DISABLED -> ENABLING -> ENABLED -> DISABLING -> DISABLED for opt-in ones, each
//     change taking kRegionOptChangeMs); a refused call changes nothing;
//   - DescribeRegions with AllRegions is exactly the union of the Regions listed without it
//     (the enabled ones) and those it leaves out, which are all not-opted-in;
//   - EC2 answers in a Region exactly when it is ENABLED_BY_DEFAULT or ENABLED;
//   - ListRegions agrees with GetRegionOptStatus; accounts are walls.
#include <rapidcheck/catch.h>

#include <catch2/catch.hpp>
#include <map>
#include <set>
#include <string>

#include "api/account/account.hpp"
#include "api/ec2/dispatch.hpp"
#include "sim/regions/opt_in.hpp"
#include "tests/harness.hpp"
#include "unity_id.hpp"

namespace AMISIM_UNITY_ID {

using Json = nlohmann::json;

namespace {

const std::vector<std::string> kOptIn = {"af-south-1", "ap-east-1", "me-south-1"};
const std::vector<std::string> kAccounts = {"123456789012", "210987654321"};

struct Reference {
  // (account, region) -> status and when the change in progress ends.
  std::map<std::pair<std::string, std::string>, std::pair<std::string, sim::TimeMs>> opt;

  std::string status(const std::string& account, const std::string& region, sim::TimeMs now) {
    auto it = opt.find({account, region});
    if (it == opt.end()) return "DISABLED";
    auto& [status, until] = it->second;
    if (status == "ENABLING" && now >= until) status = "ENABLED";
    if (status == "DISABLING" && now >= until) status = "DISABLED";
    return status;
  }
};

void check_account(sim::World& world, Reference& ref, const std::string& account) {
  sim::Caller caller{sim::AccountId{account}, sim::kDefaultRegion};
  std::map<std::string, std::string> listed;
  auto list = account::call(world, caller, "ListRegions", Json::object());
  RC_ASSERT(list.ok());
  for (const auto& r : list.value()["Regions"])
    listed[r["RegionName"].get<std::string>()] = r["RegionOptStatus"].get<std::string>();
  RC_ASSERT(listed.size() == world.fixtures().regions.size());
  for (const std::string& region : kOptIn)
    RC_ASSERT(listed.at(region) == ref.status(account, region, world.now()));
  RC_ASSERT(listed.at("us-east-1") == "ENABLED_BY_DEFAULT");
  auto enabled = amisim::ec2::call(world, caller, "DescribeRegions", Json::object());
  auto all = amisim::ec2::call(world, caller, "DescribeRegions", {{"AllRegions", true}});
  RC_ASSERT(enabled.ok() && all.ok());
  std::set<std::string> in_enabled;
  for (const auto& r : enabled.value()["Regions"]) in_enabled.insert(r["RegionName"]);
  for (const auto& r : all.value()["Regions"]) {
    const std::string name = r["RegionName"];
    const std::string status = listed.at(name);
    const bool usable = status == "ENABLED" || status == "ENABLED_BY_DEFAULT";
    RC_ASSERT(in_enabled.count(name) == (usable ? 1u : 0u));
    if (!usable) RC_ASSERT(r["OptInStatus"] == "not-opted-in");
  }
  RC_ASSERT(all.value()["Regions"].size() == listed.size());
  for (const std::string& region : kOptIn) {
    sim::Caller there{sim::AccountId{account}, sim::RegionName{region}};
    auto zones = amisim::ec2::call(world, there, "DescribeAvailabilityZones", Json::object());
    RC_ASSERT(zones.ok() == (listed.at(region) == "ENABLED"));
  }
}

}  // namespace

TEST_CASE("property: Region opt-in follows its reference model through every door") {
  rc::prop("random enable/disable/advance sequences", [] {
    test::Harness h;
    Reference ref;
    const auto steps = *rc::gen::container<std::vector<std::tuple<int, int, int>>>(
        rc::gen::tuple(rc::gen::inRange(0, 3), rc::gen::inRange(0, 2), rc::gen::inRange(0, 3)));
    for (const auto& [op, who, where] : steps) {
      const std::string& account = kAccounts[who];
      const std::string& region = kOptIn[where];
      sim::Caller caller{sim::AccountId{account}, sim::kDefaultRegion};
      const sim::TimeMs now = h.world.now();
      if (op == 2) {
        h.advance(sim::kRegionOptChangeMs / 2);
      } else {
        const std::string before = ref.status(account, region, now);
        const bool enable = op == 0;
        auto out = account::call(h.world, caller, enable ? "EnableRegion" : "DisableRegion",
                                 {{"RegionName", region}});
        const bool allowed = enable ? before == "DISABLED" : before == "ENABLED";
        RC_ASSERT(out.ok() == allowed);
        if (allowed)
          ref.opt[{account, region}] = {enable ? "ENABLING" : "DISABLING",
                                        now + sim::kRegionOptChangeMs};
      }
      for (const auto& a : kAccounts) check_account(h.world, ref, a);
    }
  });
}

TEST_CASE("property: every zone of every Region has a zone ID no other zone has") {
  test::Harness h;
  std::set<std::string> ids, names;
  std::size_t zones = 0;
  for (const auto& r : h.world.fixtures().regions) {
    for (const auto& z : r.zones) {
      ids.insert(z.zone_id);
      names.insert(z.name.str());
      ++zones;
    }
  }
  CHECK(ids.size() == zones);
  CHECK(names.size() == zones);
}

}  // namespace AMISIM_UNITY_ID
