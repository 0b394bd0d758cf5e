// Tags on resources one account shares with others (images, snapshots), through ec2::call: each
// account sees, filters by and lists only the tags it set itself. Facts: the EC2 user guide, "Tag
// your Amazon EC2 resources", Tag restrictions ("When you tag public or shared resources, the tags
// you assign are available only to your AWS account; no other AWS account will have access to
// those tags"; each account assigns its own set); "Share an AMI with specific AWS accounts"
// (user-defined tags on a shared AMI are available only to the owner's account); aws-facts.md
// §3.8.
#include <catch2/catch.hpp>
#include <set>
#include <string>
#include <vector>

#include "tests/api/ec2_support.hpp"
#include "tests/sim/images/image_fixture.hpp"

using test::Ec2;
using test::Json;

namespace {

using test::kOther;

// One kind of resource an owner can share: how to share it, describe it and name it.
struct Kind {
  std::string type;       // DescribeTags' resource type
  std::string describe;   // the describe action
  std::string ids;        // its ID list member
  std::string list;       // its output list
  std::string attribute;  // ModifyXAttribute's permission member
  std::string modify;     // the Modify*Attribute action
  std::string id_member;  // ImageId / SnapshotId
};

const std::vector<Kind> kKinds = {
    {"image", "DescribeImages", "ImageIds", "Images", "LaunchPermission", "ModifyImageAttribute",
     "ImageId"},
    {"snapshot", "DescribeSnapshots", "SnapshotIds", "Snapshots", "CreateVolumePermission",
     "ModifySnapshotAttribute", "SnapshotId"},
};

// Account A (the harness's caller) owns an image and a snapshot, each tagged
// secret=a-private-value by A; B is another account.
struct Scene {
  Ec2 ec2;
  sim::Caller b = ec2.as(kOther);
  std::string snapshot = test::own_snapshot(ec2, ec2.caller).str();
  std::string image = test::registered_image(ec2, ec2.caller, "shared-tags").str();

  Scene() {
    ec2.ok("CreateTags", {{"Resources", {image, snapshot}},
                          {"Tags", {{{"Key", "secret"}, {"Value", "a-private-value"}}}}});
  }

  const std::string& id_of(const Kind& k) const { return k.type == "image" ? image : snapshot; }

  // Shares the resource with B, or with everyone (`group`); or takes that back (`add` false).
  void share(const Kind& k, bool group, bool add = true) {
    Json who = group ? Json{{"Group", "all"}} : Json{{"UserId", kOther}};
    Json in = {{k.id_member, id_of(k)}, {k.attribute, {{add ? "Add" : "Remove", {who}}}}};
    if (k.type == "snapshot") in["Attribute"] = "createVolumePermission";
    ec2.ok(k.modify, in);
  }

  // The resource as `who` describes it by ID (with `filters`); null when it is not listed.
  Json described(const Kind& k, const sim::Caller& who, const Json& filters = Json::array()) {
    Json in = {{k.ids, {id_of(k)}}};
    if (!filters.empty()) in["Filters"] = filters;
    const Json out = ec2.ok(k.describe, in, &who);
    return out[k.list].empty() ? Json() : out[k.list][0];
  }

  // Whether `who` finds the resource with `filters` (and no IDs, as a search does).
  bool found_by(const Kind& k, const sim::Caller& who, const Json& filters) {
    Json in = {{"Filters", filters}};
    const Json out = ec2.ok(k.describe, in, &who);
    for (const auto& r : out[k.list]) {
      if (r[k.id_member] == id_of(k)) return true;
    }
    return false;
  }

  // (Key, Value) of every DescribeTags row `who` gets for the resource.
  std::set<std::pair<std::string, std::string>> listed(const Kind& k, const sim::Caller& who) {
    std::set<std::pair<std::string, std::string>> out;
    const Json rows = ec2.ok("DescribeTags", {}, &who)["Tags"];
    for (const auto& t : rows) {
      if (t["ResourceId"] != id_of(k)) continue;
      CHECK(t["ResourceType"] == k.type);
      out.insert({t["Key"].get<std::string>(), t["Value"].get<std::string>()});
    }
    return out;
  }
};

Json tag_filter(const std::string& name, const std::string& value) {
  return Json::array({{{"Name", name}, {"Values", {value}}}});
}

Json tags(std::initializer_list<std::pair<std::string, std::string>> pairs) {
  Json out = Json::array();
  for (const auto& [k, v] : pairs) out.push_back({{"Key", k}, {"Value", v}});
  return out;
}

// What `who` sees of the owner's secret tag: never anything but its own.
void check_secret_hidden(Scene& s, const Kind& k, const sim::Caller& who) {
  const Json seen = s.described(k, who);
  REQUIRE(seen.is_object());  // shared: B sees the resource itself
  CHECK_FALSE(seen.contains("Tags"));
  CHECK(s.described(k, who, tag_filter("tag:secret", "a-private-value")).is_null());
  CHECK(s.described(k, who, tag_filter("tag-key", "secret")).is_null());
  CHECK_FALSE(s.found_by(k, who, tag_filter("tag:secret", "a-private-value")));
  CHECK_FALSE(s.found_by(k, who, tag_filter("tag-key", "sec*")));
  CHECK(s.listed(k, who).empty());
  const Json by_id = s.ec2.ok(
      "DescribeTags", {{"Filters", {{{"Name", "resource-id"}, {"Values", {s.id_of(k)}}}}}}, &who);
  CHECK(by_id["Tags"].empty());
  const Json by_key =
      s.ec2.ok("DescribeTags", {{"Filters", {{{"Name", "key"}, {"Values", {"secret"}}}}}}, &who);
  CHECK(by_key["Tags"].empty());
}

}  // namespace

TEST_CASE("A snapshot or image shared with another account shows it none of the owner's tags",
          "[ec2][tags]") {
  for (const Kind& k : kKinds) {
    for (const bool group : {false, true}) {
      INFO(k.type << (group ? " made public" : " shared with B"));
      Scene s;
      s.share(k, group);
      check_secret_hidden(s, k, s.b);
      // The owner still sees, finds and lists its tag.
      CHECK(s.described(k, s.ec2.caller)["Tags"] == tags({{"secret", "a-private-value"}}));
      CHECK(s.found_by(k, s.ec2.caller, tag_filter("tag:secret", "a-private-value")));
      CHECK(s.listed(k, s.ec2.caller) ==
            std::set<std::pair<std::string, std::string>>{{"secret", "a-private-value"}});
    }
  }
}

TEST_CASE("An account may tag a resource shared with it, and each account sees only its own tags",
          "[ec2][tags]") {
  using Pairs = std::set<std::pair<std::string, std::string>>;
  for (const Kind& k : kKinds) {
    INFO(k.type);
    Scene s;
    s.share(k, false);
    s.ec2.ok("CreateTags", {{"Resources", {s.id_of(k)}}, {"Tags", tags({{"team", "b-team"}})}},
             &s.b);
    CHECK(s.described(k, s.b)["Tags"] == tags({{"team", "b-team"}}));
    CHECK(s.described(k, s.ec2.caller)["Tags"] == tags({{"secret", "a-private-value"}}));
    CHECK(s.listed(k, s.b) == Pairs{{"team", "b-team"}});
    CHECK(s.listed(k, s.ec2.caller) == Pairs{{"secret", "a-private-value"}});
    // Each finds it by its own tags only.
    CHECK(s.found_by(k, s.b, tag_filter("tag:team", "b-team")));
    CHECK_FALSE(s.found_by(k, s.ec2.caller, tag_filter("tag:team", "b-team")));
    CHECK_FALSE(s.found_by(k, s.b, tag_filter("tag-key", "secret")));
    // B's DeleteTags (even of every tag) leaves A's alone.
    s.ec2.ok("DeleteTags", {{"Resources", {s.id_of(k)}}}, &s.b);
    CHECK_FALSE(s.described(k, s.b).contains("Tags"));
    CHECK(s.listed(k, s.ec2.caller) == Pairs{{"secret", "a-private-value"}});
  }
}

TEST_CASE("A grantee's tags last while it may see the resource and come back with the share [?]",
          "[ec2][tags]") {
  for (const Kind& k : kKinds) {
    INFO(k.type);
    Scene s;
    s.share(k, false);
    s.ec2.ok("CreateTags", {{"Resources", {s.id_of(k)}}, {"Tags", tags({{"mine", "b"}})}}, &s.b);
    s.share(k, false, false);
    CHECK(s.listed(k, s.b).empty());
    s.share(k, true);
    CHECK(s.listed(k, s.b) == std::set<std::pair<std::string, std::string>>{{"mine", "b"}});
  }
}

TEST_CASE("An account cannot tag another account's resource that is not shared with it",
          "[ec2][tags]") {
  Scene s;
  const Json in = {{"Tags", tags({{"k", "v"}})}};
  Json on_image = in;
  on_image["Resources"] = {s.image};
  CHECK(s.ec2.error("CreateTags", on_image, &s.b).code == "AuthFailure");
  Json on_snapshot = in;
  on_snapshot["Resources"] = {s.snapshot};
  CHECK(s.ec2.error("CreateTags", on_snapshot, &s.b).code == "InvalidSnapshot.NotFound");
  CHECK(s.ec2.error("DeleteTags", {{"Resources", {s.snapshot}}}, &s.b).code ==
        "InvalidSnapshot.NotFound");
  // Nothing changed for the owner.
  CHECK(s.described(kKinds[1], s.ec2.caller)["Tags"] == tags({{"secret", "a-private-value"}}));
}

TEST_CASE("Any account may tag a public catalogue image for itself", "[ec2][tags]") {
  Ec2 ec2;
  const sim::Caller b = ec2.as(kOther);
  const std::string id = ec2.catalogue_image("al2023-x86_64").str();
  ec2.ok("CreateTags", {{"Resources", {id}}, {"Tags", tags({{"use", "web"}})}}, &b);
  const Json in = {{"ImageIds", {id}}};
  CHECK(ec2.ok("DescribeImages", in, &b)["Images"][0]["Tags"] == tags({{"use", "web"}}));
  CHECK_FALSE(ec2.ok("DescribeImages", in)["Images"][0].contains("Tags"));
}
