// Accounts are walls, also for tags: random sequences of sharing, publishing, tagging and untagging
// by two accounts over each other's shareable resources, through the EC2 door (ec2::call), checked
// after every step against a tiny reference model (CONVENTIONS.md, Habits 12):
//   - an account may tag a resource it can see (its own, shared with it, public), and no other;
//   - whatever it asks (the resource's describe call by ID, tag:<key> and tag-key filters there,
//     DescribeTags with or without a filter), each account sees exactly the tags it set itself,
//     never another account's (EC2 user guide, "Tag your Amazon EC2 resources", Tag restrictions:
//     tags on public or shared resources are available only to the account that assigned them).
// kShareable lists every resource type one account can share with another: a new one gets a row.
#include <rapidcheck/catch.h>

#include <catch2/catch.hpp>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "api/ec2/dispatch.hpp"
#include "steps.hpp"
#include "tests/sim/images/image_fixture.hpp"
#include "unity_id.hpp"

namespace AMISIM_UNITY_ID {

using Json = nlohmann::json;
using namespace sim;

namespace {

enum class Op : std::uint8_t { kTag, kUntag, kShare, kUnshare, kPublic, kPrivate };
constexpr int kOps = 6;

std::string_view op_name(Op op) {
  static constexpr std::string_view kNames[] = {"tag",     "untag",  "share",
                                                "unshare", "public", "private"};
  static_assert(std::size(kNames) == kOps);
  return kNames[static_cast<std::size_t>(op)];
}

// account: who tags or untags; pick: which resource; amount: which key; variant: which value.
using Step = test::props::Step<Op>;
constexpr int kKeys = 3;

// One resource type an account can share, as the EC2 API shows it.
struct Shareable {
  std::string type;      // DescribeTags' ResourceType
  std::string describe;  // its describe action, the ID list member and the output list
  std::string ids;
  std::string list;
  std::string id_member;  // ImageId, SnapshotId
  std::string modify;     // its Modify*Attribute action, permission member and attribute name
  std::string permission;
  std::string attribute;
  std::string not_found;  // CreateTags' error for an account that may not see it
  std::string (*make)(test::Harness& h, const Caller& owner);
};

const std::vector<Shareable> kShareable = {
    {"image", "DescribeImages", "ImageIds", "Images", "ImageId", "ModifyImageAttribute",
     "LaunchPermission", "launchPermission", "AuthFailure",
     [](test::Harness& h, const Caller& owner) {
       return test::registered_image(h, owner, "walls-" + owner.account.str()).str().string();
     }},
    {"snapshot", "DescribeSnapshots", "SnapshotIds", "Snapshots", "SnapshotId",
     "ModifySnapshotAttribute", "CreateVolumePermission", "createVolumePermission",
     "InvalidSnapshot.NotFound",
     [](test::Harness& h, const Caller& owner) {
       return test::own_snapshot(h, owner).str().string();
     }},
};

// The reference model of one resource: who may see it, and the tags each account set on it.
struct Resource {
  const Shareable* kind;
  std::string id;
  int owner;
  std::set<int> granted;
  bool is_public = false;
  std::map<int, Tags> tags;  // by account index; an account without tags has no entry

  bool visible_to(int account) const {
    return account == owner || is_public || granted.count(account) != 0;
  }
  const Tags& tags_of(int account) const {
    static const Tags kNone;
    auto it = tags.find(account);
    return it == tags.end() ? kNone : it->second;
  }
};

// Every account owns one resource of every shareable type.
struct Scene {
  test::Harness h;
  std::vector<Caller> accounts;
  std::vector<Resource> resources;

  Scene() {
    for (const auto& a : test::props::kAccounts) accounts.push_back(h.as(a));
    for (int a = 0; a < static_cast<int>(accounts.size()); ++a) {
      for (const Shareable& kind : kShareable)
        resources.push_back(Resource{&kind, kind.make(h, accounts[a]), a, {}, false, {}});
    }
  }

  protocol::WireResult<Json> call(int account, const std::string& action, const Json& input) {
    return ec2::call(h.world, accounts[account], action, input);
  }
};

int account_of(const Scene& s, const Step& st) {
  return st.account % static_cast<int>(s.accounts.size());
}

Resource& resource_of(Scene& s, const Step& st) {
  return s.resources[static_cast<std::size_t>(st.pick) % s.resources.size()];
}

void apply_tagging(Scene& s, const Step& st) {
  Resource& r = resource_of(s, st);
  const int actor = account_of(s, st);
  const std::string key = "k" + std::to_string(st.amount % kKeys);
  const std::string value = "v" + std::to_string(st.variant % 3);
  Json tag = {{"Key", key}};
  if (st.op == Op::kTag) tag["Value"] = value;
  const auto out = s.call(actor, st.op == Op::kTag ? "CreateTags" : "DeleteTags",
                          {{"Resources", {r.id}}, {"Tags", Json::array({tag})}});
  RC_ASSERT(out.ok() == r.visible_to(actor));
  if (!out.ok()) {
    RC_ASSERT(out.error().code == r.kind->not_found);
    return;
  }
  Tags& mine = r.tags[actor];
  if (st.op == Op::kTag) {
    mine[key] = value;
  } else {
    mine.erase(key);
  }
  if (mine.empty()) r.tags.erase(actor);
}

// The owner shares with the other account or with everyone, or takes that back.
void apply_sharing(Scene& s, const Step& st) {
  Resource& r = resource_of(s, st);
  const int other = 1 - r.owner;
  const bool group = st.op == Op::kPublic || st.op == Op::kPrivate;
  const bool add = st.op == Op::kShare || st.op == Op::kPublic;
  const Json who =
      group ? Json{{"Group", "all"}}
            : Json{{"UserId", s.accounts[static_cast<std::size_t>(other)].account.str()}};
  const Json input = {{r.kind->id_member, r.id},
                      {"Attribute", r.kind->attribute},
                      {r.kind->permission, {{add ? "Add" : "Remove", Json::array({who})}}}};
  RC_ASSERT(s.call(r.owner, r.kind->modify, input).ok());
  if (group) {
    r.is_public = add;
  } else if (add) {
    r.granted.insert(other);
  } else {
    r.granted.erase(other);
  }
}

void apply_step(Scene& s, const Step& st) {
  if (st.op == Op::kTag || st.op == Op::kUntag) {
    apply_tagging(s, st);
  } else {
    apply_sharing(s, st);
  }
}

Json tags_json(const Tags& tags) {
  Json out = Json::array();
  for (const auto& [k, v] : tags) out.push_back({{"Key", k}, {"Value", v}});
  return out;
}

// Whether `account`'s describe call by ID with `filters` lists the resource (an unknown or
// invisible ID may also be an error, which lists nothing).
bool listed(Scene& s, int account, const Resource& r, const Json& filters) {
  Json input = {{r.kind->ids, {r.id}}};
  if (!filters.empty()) input["Filters"] = filters;
  const auto out = s.call(account, r.kind->describe, input);
  return out.ok() && !out.value()[r.kind->list].empty();
}

// The describe call shows each account its own tags only, and only those filter.
void check_describe(Scene& s, int account, const Resource& r) {
  const bool visible = r.visible_to(account);
  RC_ASSERT(listed(s, account, r, Json::array()) == visible);
  if (!visible) return;
  Json input = {{r.kind->ids, {r.id}}};
  const Json shown = s.call(account, r.kind->describe, input).value()[r.kind->list][0];
  const Tags& mine = r.tags_of(account);
  RC_ASSERT(shown.value("Tags", Json::array()).dump() == tags_json(mine).dump());
  for (int k = 0; k < kKeys; ++k) {
    const std::string key = "k" + std::to_string(k);
    const bool has = mine.count(key) != 0;
    RC_ASSERT(listed(s, account, r, {{{"Name", "tag-key"}, {"Values", {key}}}}) == has);
    for (int v = 0; v < 3; ++v) {
      const std::string value = "v" + std::to_string(v);
      const bool match = has && mine.at(key) == value;
      RC_ASSERT(listed(s, account, r, {{{"Name", "tag:" + key}, {"Values", {value}}}}) == match);
    }
  }
}

using Row = std::tuple<std::string, std::string, std::string, std::string>;

std::set<Row> rows_of(const Json& out) {
  std::set<Row> rows;
  for (const auto& t : out["Tags"])
    rows.insert({t["ResourceId"].get<std::string>(), t["ResourceType"].get<std::string>(),
                 t["Key"].get<std::string>(), t["Value"].get<std::string>()});
  return rows;
}

// DescribeTags lists, of every resource the account can see, the tags it set itself; a tag:<key>
// filter narrows to the resources carrying that tag for this account.
void check_describe_tags(Scene& s, int account) {
  std::set<Row> expected;
  for (const Resource& r : s.resources) {
    if (!r.visible_to(account)) continue;
    for (const auto& [k, v] : r.tags_of(account)) expected.insert({r.id, r.kind->type, k, v});
  }
  const auto all = s.call(account, "DescribeTags", Json::object());
  RC_ASSERT(all.ok());
  RC_ASSERT(rows_of(all.value()) == expected);
  for (int k = 0; k < kKeys; ++k) {
    const std::string key = "k" + std::to_string(k);
    const Json filter = {{"Filters", {{{"Name", "tag:" + key}, {"Values", {"v0"}}}}}};
    std::set<std::string> carrying;
    for (const auto& [id, type, tk, tv] : expected) {
      if (tk == key && tv == "v0") carrying.insert(id);
    }
    std::set<Row> narrowed;
    for (const Row& row : expected) {
      if (carrying.count(std::get<0>(row))) narrowed.insert(row);
    }
    RC_ASSERT(rows_of(s.call(account, "DescribeTags", filter).value()) == narrowed);
  }
}

struct Driver {
  Scene s;
  void apply(const Step& st) { apply_step(s, st); }
  void check() {
    for (int a = 0; a < static_cast<int>(s.accounts.size()); ++a) {
      for (const Resource& r : s.resources) check_describe(s, a, r);
      check_describe_tags(s, a);
    }
  }
};

rc::Gen<std::vector<Step>> steps() {
  return test::props::steps<Op>({.op = test::props::any_of<Op>(kOps),
                                 .accounts = 2,
                                 .picks = 16,
                                 .amount = rc::gen::inRange(0, kKeys),
                                 .variant = rc::gen::inRange(0, 3)});
}

}  // namespace

TEST_CASE("Accounts are walls: each sees only its own tags on every shareable resource type") {
  rc::prop("after any sequence of shares, publications, tags and untags by two accounts", [] {
    Driver d;
    d.check();
    test::props::run(d, *steps());
  });
}

}  // namespace AMISIM_UNITY_ID
