// The tag handlers (api/ec2/tags.cpp) through ec2::call: CreateTags, DeleteTags, DescribeTags
// across resource types, filters, paging and the model's errors.
#include <catch2/catch.hpp>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "sim/ebs/snapshots.hpp"
#include "sim/ebs/volumes.hpp"
#include "sim/instances/instances.hpp"
#include "tests/api/ec2_support.hpp"

using test::Ec2;
using test::Json;

namespace {

using test::kOther;

// (ResourceId, ResourceType, Key, Value) of each DescribeTags row.
using Row = std::tuple<std::string, std::string, std::string, std::string>;

std::set<Row> rows(const Json& out) {
  std::set<Row> r;
  for (const auto& t : out["Tags"]) {
    r.insert({t["ResourceId"].get<std::string>(), t["ResourceType"].get<std::string>(),
              t["Key"].get<std::string>(), t["Value"].get<std::string>()});
  }
  return r;
}

std::set<Row> described(Ec2& ec2, const std::vector<Json>& filters) {
  return rows(ec2.ok("DescribeTags", {{"Filters", Json(filters)}}));
}

Json filter(const std::string& name, std::initializer_list<std::string> values) {
  return {{"Name", name}, {"Values", values}};
}

// One resource of four types, all the caller's and untagged.
struct Resources {
  Ec2 ec2;
  std::string volume;
  std::string snapshot;
  std::string instance;
  std::string group;

  Resources() {
    volume = ec2.ok("CreateVolume", {{"AvailabilityZone", "us-east-1a"}, {"Size", 8}})["VolumeId"];
    ec2.advance(sim::kVolumeCreateMs);
    snapshot = ec2.ok("CreateSnapshot", {{"VolumeId", volume}})["SnapshotId"];
    sim::RunInstancesRequest r;
    r.image_id = ec2.catalogue_image("al2023-x86_64").str();
    r.instance_type = "t3.micro";
    instance =
        test::expect_ok(sim::run_instances(ec2.world, ec2.caller, r)).instances.at(0)->id.str();
    group = ec2.world.region_of(ec2.caller).accounts.at(ec2.caller.account).default_group.str();
  }
};

}  // namespace

TEST_CASE("CreateTags tags resources of several types, DescribeTags lists each tag once") {
  Resources r;
  Ec2& ec2 = r.ec2;
  CHECK(ec2.ok("DescribeTags")["Tags"] == Json::array());
  Json in = {{"Resources", {r.volume, r.snapshot, r.instance, r.group}},
             {"Tags", {{{"Key", "env"}, {"Value", "prod"}}, {{"Key", "flag"}}}}};
  CHECK(ec2.ok("CreateTags", in) == Json::object());
  std::set<Row> expected;
  for (const auto& [id, type] :
       std::initializer_list<std::pair<std::string, std::string>>{{r.volume, "volume"},
                                                                  {r.snapshot, "snapshot"},
                                                                  {r.instance, "instance"},
                                                                  {r.group, "security-group"}}) {
    expected.insert({id, type, "env", "prod"});
    expected.insert({id, type, "flag", ""});  // a tag without a Value has the empty value
  }
  CHECK(rows(ec2.ok("DescribeTags")) == expected);
  // The resources' own describes show the tags too.
  Json v = ec2.ok("DescribeVolumes", {{"VolumeIds", {r.volume}}});
  CHECK(v["Volumes"][0]["Tags"] ==
        Json::parse(R"([{"Key":"env","Value":"prod"},{"Key":"flag","Value":""}])"));
  Json s = ec2.ok("DescribeSnapshots", {{"SnapshotIds", {r.snapshot}}});
  CHECK(s["Snapshots"][0]["Tags"].size() == 2);
  // A later value for the same key replaces the earlier one.
  ec2.ok("CreateTags", {{"Resources", {r.volume}}, {"Tags", {{{"Key", "env"}, {"Value", "dev"}}}}});
  CHECK(described(ec2, {filter("resource-id", {r.volume}), filter("key", {"env"})}) ==
        std::set<Row>{{r.volume, "volume", "env", "dev"}});
}

TEST_CASE("DescribeTags filters by resource-id, resource-type, key, value and tag:<key>") {
  Resources r;
  Ec2& ec2 = r.ec2;
  ec2.ok("CreateTags", {{"Resources", {r.volume, r.snapshot}},
                        {"Tags", {{{"Key", "Name"}, {"Value", "web-1"}}}}});
  ec2.ok("CreateTags",
         {{"Resources", {r.instance}},
          {"Tags", {{{"Key", "Name"}, {"Value", "db-1"}}, {{"Key", "tier"}, {"Value", "data"}}}}});
  CHECK(described(ec2, {filter("resource-type", {"snapshot"})}) ==
        std::set<Row>{{r.snapshot, "snapshot", "Name", "web-1"}});
  CHECK(described(ec2, {filter("resource-id", {r.volume, r.snapshot})}).size() == 2);
  CHECK(described(ec2, {filter("key", {"tier"})}) ==
        std::set<Row>{{r.instance, "instance", "tier", "data"}});
  CHECK(described(ec2, {filter("value", {"web-*"})}) ==
        std::set<Row>{{r.volume, "volume", "Name", "web-1"},
                      {r.snapshot, "snapshot", "Name", "web-1"}});
  // Filters AND: the instance's Name is not a web-* value.
  CHECK(
      described(ec2, {filter("resource-type", {"instance"}), filter("value", {"web-*"})}).empty());
  // tag:<key> keeps every row of the resources that carry the tag with a matching value.
  CHECK(described(ec2, {filter("tag:tier", {"data"})}) ==
        std::set<Row>{{r.instance, "instance", "Name", "db-1"},
                      {r.instance, "instance", "tier", "data"}});
  CHECK(ec2.error("DescribeTags", {{"Filters", Json::array({filter("colour", {"red"})})}}).code ==
        "InvalidFilter");
  // Another account sees none of these tags.
  sim::Caller other = ec2.as(kOther);
  CHECK(ec2.ok("DescribeTags", Json::object(), &other)["Tags"] == Json::array());
}

TEST_CASE("DeleteTags: a key alone deletes any value, a key with a value only that value") {
  Resources r;
  Ec2& ec2 = r.ec2;
  Json tags = {{{"Key", "a"}, {"Value", "1"}},
               {{"Key", "b"}, {"Value", "2"}},
               {{"Key", "c"}, {"Value", ""}},
               {{"Key", "d"}, {"Value", "4"}}};
  ec2.ok("CreateTags", {{"Resources", {r.volume, r.snapshot}}, {"Tags", tags}});
  Json del = {{"Resources", {r.volume}},
              {"Tags",
               {{{"Key", "a"}},                      // any value
                {{"Key", "b"}, {"Value", "other"}},  // value differs: kept
                {{"Key", "c"}, {"Value", ""}}}}};    // empty value matches only ""
  CHECK(ec2.ok("DeleteTags", del) == Json::object());
  CHECK(described(ec2, {filter("resource-id", {r.volume})}) ==
        std::set<Row>{{r.volume, "volume", "b", "2"}, {r.volume, "volume", "d", "4"}});
  CHECK(described(ec2, {filter("resource-id", {r.snapshot})}).size() == 4);  // untouched
  // No Tags: every tag of the resources goes.
  ec2.ok("DeleteTags", {{"Resources", {r.volume, r.snapshot}}});
  CHECK(ec2.ok("DescribeTags")["Tags"] == Json::array());
}

TEST_CASE("CreateTags and DeleteTags on missing or foreign resources answer the model's errors") {
  Resources r;
  Ec2& ec2 = r.ec2;
  Json tag = {{{"Key", "k"}, {"Value", "v"}}};
  CHECK(ec2.error("CreateTags", {{"Resources", {"vol-0123456789abcdef0"}}, {"Tags", tag}}).code ==
        "InvalidVolume.NotFound");
  CHECK(ec2.error("CreateTags", {{"Resources", {"snap-0123456789abcdef0"}}, {"Tags", tag}}).code ==
        "InvalidSnapshot.NotFound");
  CHECK(ec2.error("CreateTags", {{"Resources", {"i-0123456789abcdef0"}}, {"Tags", tag}}).code ==
        "InvalidInstanceID.NotFound");
  CHECK(ec2.error("CreateTags", {{"Resources", {"foo-12345678"}}, {"Tags", tag}}).code ==
        "InvalidID");
  CHECK(ec2.error("DeleteTags", {{"Resources", {"vol-0123456789abcdef0"}}}).code ==
        "InvalidVolume.NotFound");
  CHECK(ec2.error("CreateTags", {{"Tags", tag}}).code == "MissingParameter");
  CHECK(ec2.error("CreateTags", {{"Resources", {r.volume}}}).code == "MissingParameter");
  CHECK(ec2.error("CreateTags", {{"Resources", {r.volume}}, {"Tags", "k=v"}}).code ==
        "InvalidParameterValue");
  CHECK(ec2.error("CreateTags",
                  {{"Resources", {r.volume}}, {"Tags", {{{"Key", "aws:owner"}, {"Value", "x"}}}}})
            .code == "InvalidParameterValue");  // the aws: prefix is reserved
  sim::Caller other = ec2.as(kOther);
  CHECK(ec2.error("CreateTags", {{"Resources", {r.volume}}, {"Tags", tag}}, &other).code ==
        "InvalidVolume.NotFound");
  // All-or-nothing: one missing resource leaves the others untagged.
  CHECK(ec2.error("CreateTags", {{"Resources", {r.volume, "vol-0123456789abcdef0"}}, {"Tags", tag}})
            .code == "InvalidVolume.NotFound");
  CHECK(ec2.ok("DescribeTags")["Tags"] == Json::array());
}

TEST_CASE("DescribeTags pages together are the full list") {
  Resources r;
  Ec2& ec2 = r.ec2;
  Json tags = Json::array();
  for (int i = 0; i < 7; ++i) tags.push_back({{"Key", "k" + std::to_string(i)}, {"Value", "v"}});
  ec2.ok("CreateTags", {{"Resources", {r.volume, r.snapshot}}, {"Tags", tags}});
  const std::set<Row> all = rows(ec2.ok("DescribeTags"));
  REQUIRE(all.size() == 14);
  std::set<Row> paged;
  Json request = {{"MaxResults", 5}};
  int pages = 0;
  for (;;) {
    Json out = ec2.ok("DescribeTags", request);
    ++pages;
    CHECK(out["Tags"].size() <= 5);
    for (const Row& row : rows(out)) CHECK(paged.insert(row).second);
    if (!out.contains("NextToken")) break;
    request["NextToken"] = out["NextToken"];
    REQUIRE(pages < 10);
  }
  CHECK(pages == 3);
  CHECK(paged == all);
  CHECK(ec2.error("DescribeTags", {{"MaxResults", 4}}).code == "InvalidParameterValue");
}
