// Image files (api/io/catalog.hpp), for any file of valid entries:
//   - each image exists in exactly the Regions it names, and nowhere else;
//   - its owner finds it by ID with its name; another account finds it exactly when it is public
//     or shared with that account (accounts are walls);
//   - corrupting any one entry in any of several ways refuses the whole file with one line naming
//     that entry, and leaves the fixtures as they were.
#include <rapidcheck/catch.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdio>
#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "api/ec2/dispatch.hpp"
#include "api/io/catalog.hpp"
#include "tests/harness.hpp"
#include "unity_id.hpp"

namespace AMISIM_UNITY_ID {

using Json = nlohmann::json;

namespace {

const std::vector<std::string> kRegions = {"us-east-1", "us-west-2", "eu-west-1"};
const std::vector<std::string> kAccounts = {"111122223333", "444455556666", "777788889999"};

struct Entry {
  std::string id;
  std::string owner;
  std::string name;
  std::vector<std::string> regions;
  bool is_public = false;
  std::set<std::string> shared_with;
};

Json to_json(const Entry& e) {
  Json grants = Json::array();
  for (const auto& a : e.shared_with) grants.push_back({{"UserId", a}});
  return {{"ImageId", e.id},      {"OwnerId", e.owner},    {"Name", e.name},
          {"Regions", e.regions}, {"Public", e.is_public}, {"LaunchPermissions", grants}};
}

rc::Gen<std::vector<Entry>> entries() {
  return rc::gen::mapcat(rc::gen::inRange(1, 6), [](int n) {
    return rc::gen::container<std::vector<Entry>>(
        static_cast<std::size_t>(n), rc::gen::exec([] {
          Entry e;
          e.owner = *rc::gen::elementOf(kAccounts);
          for (const auto& r : kRegions)
            if (*rc::gen::arbitrary<bool>()) e.regions.push_back(r);
          if (e.regions.empty()) e.regions.push_back(*rc::gen::elementOf(kRegions));
          e.is_public = *rc::gen::arbitrary<bool>();
          for (const auto& a : kAccounts)
            if (a != e.owner && *rc::gen::arbitrary<bool>()) e.shared_with.insert(a);
          return e;
        }));
  });
}

// IDs and names unique per entry: "ami-e" + 16 hex digits, "img-<n>".
void number(std::vector<Entry>& all, std::uint64_t salt) {
  for (std::size_t i = 0; i < all.size(); ++i) {
    char id[32];
    std::snprintf(id, sizeof id, "ami-e%016llx",
                  static_cast<unsigned long long>(salt * 131 + i + 1));
    all[i].id = id;
    all[i].name = "img-" + std::to_string(i);
  }
}

bool sees(const Entry& e, const std::string& account) {
  return e.owner == account || e.is_public || e.shared_with.count(account) != 0;
}

// Ways to break one entry, each refused by AWS's rules or the file format.
const std::vector<std::pair<const char*, void (*)(Json&)>> kBreaks = {
    {"no OwnerId", [](Json& j) { j.erase("OwnerId"); }},
    {"malformed ImageId", [](Json& j) { j["ImageId"] = "ami-ZZ"; }},
    {"unknown Region", [](Json& j) { j["Regions"] = {"moon-1"}; }},
    {"unknown member", [](Json& j) { j["Colour"] = "blue"; }},
    {"bad architecture", [](Json& j) { j["Architecture"] = "mips"; }},
    {"short name", [](Json& j) { j["Name"] = "a"; }},
    {"bad grantee",
     [](Json& j) {
       j["LaunchPermissions"] = {{{"UserId", "1"}}};
     }},
    {"Public not a boolean", [](Json& j) { j["Public"] = "yes"; }},
};

}  // namespace

TEST_CASE("property: an image file's images are where, and whose, the file says") {
  rc::prop(
      "images load into exactly their Regions; visibility follows owner, Public and grants", [] {
        std::vector<Entry> all = *entries();
        number(all, *rc::gen::inRange<std::uint64_t>(0, 1000));
        Json images = Json::array();
        for (const auto& e : all) images.push_back(to_json(e));
        auto fixtures = std::make_shared<sim::Fixtures>(*test::fixtures());
        io::add_image_file(*fixtures, Json{{"Images", images}}.dump(), "p.json");
        sim::World world(fixtures);
        for (const auto& a : kAccounts) world.ensure_account(sim::AccountId(a));
        for (const auto& e : all) {
          for (const auto& region : kRegions) {
            const bool there =
                std::find(e.regions.begin(), e.regions.end(), region) != e.regions.end();
            for (const auto& account : kAccounts) {
              const sim::Caller caller{sim::AccountId(account), sim::RegionName(region)};
              auto r = amisim::ec2::call(world, caller, "DescribeImages", {{"ImageIds", {e.id}}});
              const bool visible = there && sees(e, account);
              RC_ASSERT(r.ok() == visible);
              if (visible) {
                RC_ASSERT(r.value()["Images"].size() == 1u);
                RC_ASSERT(r.value()["Images"][0]["Name"] == e.name);
                RC_ASSERT(r.value()["Images"][0]["OwnerId"] == e.owner);
              } else {
                RC_ASSERT(r.error().code == "InvalidAMIID.NotFound");
              }
            }
          }
        }
      });
  rc::prop("one broken entry refuses the whole file, naming that entry", [] {
    std::vector<Entry> all = *entries();
    number(all, 7);
    const std::size_t broken = *rc::gen::inRange<std::size_t>(0, all.size());
    const auto& [what, breaks] = *rc::gen::elementOf(kBreaks);
    RC_TAG(what);
    Json images = Json::array();
    for (const auto& e : all) images.push_back(to_json(e));
    breaks(images[broken]);
    sim::Fixtures fixtures = *test::fixtures();
    const std::size_t before = fixtures.images.size();
    std::string message;
    try {
      io::add_image_file(fixtures, Json{{"Images", images}}.dump(), "p.json");
    } catch (const std::runtime_error& e) {
      message = e.what();
    }
    RC_ASSERT(message.find("p.json: Images[" + std::to_string(broken) + "]") == 0u);
    RC_ASSERT(message.find('\n') == std::string::npos);
    RC_ASSERT(fixtures.images.size() == before);
  });
}

}  // namespace AMISIM_UNITY_ID
