// CreateTags, DeleteTags, DescribeTags.
#include "sim/tagging.hpp"

#include <algorithm>

#include "sim/instances/key_pairs.hpp"
#include "sim/instances/security_groups.hpp"
#include "tests/sim/images/image_fixture.hpp"

using namespace sim;
using test::expect_error;
using test::expect_ok;

namespace {

using test::kOther;

Result<int> as_result(const Status& s) {
  if (s.ok()) return 0;
  return s.error();
}

// One resource of every taggable type, all the caller's.
struct Resources {
  test::Harness h;
  ImageId image = test::registered_image(h, h.caller, "tag-me");
  InstanceId instance = test::launch(h, h.caller);
  VolumeId volume = find_instance(h.world, h.caller, instance)->block_devices.at(0).volume_id;
  SnapshotId snapshot = test::own_snapshot(h, h.caller);
  SecurityGroupId group = h.world.region_of(h.caller).accounts.at(h.caller.account).default_group;
  KeyPairId key = expect_ok(create_key_pair(h.world, h.caller, "tag-key")).key_pair->id;

  std::vector<std::string> all() const {
    return {image.str(), instance.str(), volume.str(), snapshot.str(), group.str(), key.str()};
  }
};

std::vector<TagDescription> tags_with(test::Harness& h, std::vector<Filter> filters) {
  DescribeTagsRequest r;
  r.filters = std::move(filters);
  return expect_ok(describe_tags(h.world, h.caller, r)).tags;
}

}  // namespace

TEST_CASE("CreateTags tags every resource type and DescribeTags lists them by type") {
  Resources r;
  expect_ok(create_tags(r.h.world, r.h.caller, r.all(), {{"env", "prod"}}));
  const auto tags = tags_with(r.h, {{"key", {"env"}}});
  REQUIRE(tags.size() == 6);
  std::map<std::string, std::string> type_of;
  for (const auto& t : tags) {
    CHECK(t.value == "prod");
    type_of[t.resource_id] = t.resource_type;
  }
  CHECK(type_of[r.image.str()] == "image");
  CHECK(type_of[r.instance.str()] == "instance");
  CHECK(type_of[r.volume.str()] == "volume");
  CHECK(type_of[r.snapshot.str()] == "snapshot");
  CHECK(type_of[r.group.str()] == "security-group");
  CHECK(type_of[r.key.str()] == "key-pair");
  CHECK(test::image_of(r.h, r.h.caller, r.image).tags->at("env") == "prod");
}

TEST_CASE("CreateTags refuses an ID of no known kind with InvalidID") {
  test::Harness h;
  for (const char* bad : {"foo-12345678", "ami-zz", "nonsense"}) {
    const Error e =
        expect_error(as_result(create_tags(h.world, h.caller, {bad}, {{"a", "b"}})), "InvalidID");
    CHECK(e.message == "The ID '" + std::string(bad) + "' is not valid");
  }
}

TEST_CASE("CreateTags on a missing resource answers that resource's NotFound error") {
  test::Harness h;
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"ami-0123456789abcdef0", "InvalidAMIID.NotFound"},
      {"i-0123456789abcdef0", "InvalidInstanceID.NotFound"},
      {"vol-0123456789abcdef0", "InvalidVolume.NotFound"},
      {"snap-0123456789abcdef0", "InvalidSnapshot.NotFound"},
      {"sg-0123456789abcdef0", "InvalidGroup.NotFound"},
      {"key-0123456789abcdef0", "InvalidKeyPair.NotFound"},
  };
  for (const auto& [id, code] : cases) {
    INFO(id);
    expect_error(as_result(create_tags(h.world, h.caller, {id}, {{"a", "b"}})), code);
  }
}

TEST_CASE("CreateTags acts only on the caller's resources in the caller's Region") {
  Resources r;
  const Caller other = r.h.as(kOther);
  expect_error(as_result(create_tags(r.h.world, other, {r.volume.str()}, {{"a", "b"}})),
               "InvalidVolume.NotFound");
  expect_error(as_result(create_tags(r.h.world, other, {r.image.str()}, {{"a", "b"}})),
               "AuthFailure");
  expect_error(
      as_result(create_tags(r.h.world, r.h.in("eu-west-1"), {r.image.str()}, {{"a", "b"}})),
      "InvalidAMIID.NotFound");
}

TEST_CASE("CreateTags is all-or-nothing") {
  Resources r;
  expect_error(as_result(create_tags(r.h.world, r.h.caller,
                                     {r.image.str(), "vol-0123456789abcdef0"}, {{"a", "b"}})),
               "InvalidVolume.NotFound");
  CHECK(test::image_of(r.h, r.h.caller, r.image).tags->empty());
  std::vector<Tag> many;
  for (int i = 0; i < 50; ++i) many.push_back({"k" + std::to_string(i), "v"});
  expect_ok(create_tags(r.h.world, r.h.caller, {r.snapshot.str()}, {{"first", "x"}}));
  const Error e = expect_error(
      as_result(create_tags(r.h.world, r.h.caller, {r.image.str(), r.snapshot.str()}, many)),
      "TagLimitExceeded");
  CHECK(e.message == "The maximum number of Tags for a resource has been reached.");
  CHECK(test::image_of(r.h, r.h.caller, r.image).tags->empty());
  expect_error(as_result(create_tags(r.h.world, r.h.caller, {r.image.str()}, {{"aws:x", "y"}})),
               "InvalidParameterValue");
}

TEST_CASE("DeleteTags removes by key, by key and value, or every tag") {
  Resources r;
  expect_ok(
      create_tags(r.h.world, r.h.caller, {r.image.str()}, {{"a", "1"}, {"b", "2"}, {"c", "3"}}));
  const Tags& tags = test::image_of(r.h, r.h.caller, r.image).tags;
  expect_ok(delete_tags(r.h.world, r.h.caller, {r.image.str()}, {{"a", std::nullopt}}));
  CHECK(tags == Tags{{"b", "2"}, {"c", "3"}});
  expect_ok(delete_tags(r.h.world, r.h.caller, {r.image.str()}, {{"b", std::string("9")}}));
  CHECK(tags.count("b"));  // the value did not match
  expect_ok(delete_tags(r.h.world, r.h.caller, {r.image.str()}, {{"b", std::string("2")}}));
  CHECK(tags == Tags{{"c", "3"}});
  expect_ok(delete_tags(r.h.world, r.h.caller, {r.image.str()}, {}));
  CHECK(tags.empty());
}

TEST_CASE("DescribeTags filters by key, value, resource type, resource ID and tag") {
  Resources r;
  expect_ok(create_tags(r.h.world, r.h.caller, {r.image.str(), r.volume.str()}, {{"env", "prod"}}));
  expect_ok(create_tags(r.h.world, r.h.caller, {r.volume.str()}, {{"owner", "ann"}}));
  CHECK(tags_with(r.h, {{"resource-type", {"volume"}}}).size() == 2);
  CHECK(tags_with(r.h, {{"value", {"pr*"}}}).size() == 2);
  CHECK(tags_with(r.h, {{"resource-id", {r.image.str()}}}).size() == 1);
  // tag:<key>: every tag of resources carrying owner=ann.
  const auto of_ann = tags_with(r.h, {{"tag:owner", {"ann"}}});
  CHECK(of_ann.size() == 2);
  for (const auto& t : of_ann) CHECK(t.resource_id == r.volume.str());
  DescribeTagsRequest bad;
  bad.filters = {{"colour", {"x"}}};
  expect_error(describe_tags(r.h.world, r.h.caller, bad), "InvalidFilter");
}

TEST_CASE("DescribeTags pages cover every tag exactly once") {
  Resources r;
  std::vector<Tag> tags;
  for (int i = 0; i < 9; ++i) tags.push_back({"k" + std::to_string(i), "v"});
  expect_ok(create_tags(r.h.world, r.h.caller, r.all(), tags));
  DescribeTagsRequest req;
  req.page.max_results = 5;
  std::vector<std::string> seen;
  for (int guard = 0; guard < 100; ++guard) {
    const auto page = expect_ok(describe_tags(r.h.world, r.h.caller, req));
    CHECK(page.tags.size() <= 5);
    for (const auto& t : page.tags) seen.push_back(t.resource_id + "/" + t.key);
    if (page.next_token.empty()) break;
    req.page.next_token = page.next_token;
  }
  std::vector<std::string> sorted = seen;
  std::sort(sorted.begin(), sorted.end());
  CHECK(std::adjacent_find(sorted.begin(), sorted.end()) == sorted.end());
  CHECK(seen.size() == 54);
}

// EC2 user guide, "Tag your Amazon EC2 resources", Tag restrictions: "When you tag public or shared
// resources, the tags you assign are available only to your AWS account".
TEST_CASE("CreateTags by an account an image or snapshot is shared with sets that account's own") {
  Resources r;
  const Caller other = r.h.as(kOther);
  expect_ok(create_tags(r.h.world, r.h.caller, {r.image.str(), r.snapshot.str()}, {{"a", "1"}}));
  expect_ok(test::share(r.h, r.h.caller, r.image, kOther));
  ModifySnapshotAttributeRequest m;
  m.snapshot_id = r.snapshot;
  m.operation_type = "add";
  m.user_ids = {AccountId(kOther)};
  expect_ok(modify_snapshot_attribute(r.h.world, r.h.caller, m));
  expect_ok(create_tags(r.h.world, other, {r.image.str(), r.snapshot.str()}, {{"b", "2"}}));
  const Image& image = test::image_of(r.h, r.h.caller, r.image);
  CHECK(image.tags == Tags{{"a", "1"}});
  CHECK(image.grantee_tags == GranteeTags{{AccountId(kOther), Tags{{"b", "2"}}}});
  const Snapshot& snap = r.h.world.region_of(r.h.caller).snapshots.at(r.snapshot);
  CHECK(snap.tags == Tags{{"a", "1"}});
  CHECK(snap.grantee_tags == image.grantee_tags);
  // The 50-tag limit counts the caller's own tags.
  std::vector<Tag> many;
  for (int i = 0; i < 49; ++i) many.push_back({"k" + std::to_string(i), "v"});
  expect_ok(create_tags(r.h.world, other, {r.snapshot.str()}, many));
  expect_error(as_result(create_tags(r.h.world, other, {r.snapshot.str()}, {{"one-more", "x"}})),
               "TagLimitExceeded");
  // DeleteTags without keys clears the caller's own set and forgets it.
  expect_ok(delete_tags(r.h.world, other, {r.image.str(), r.snapshot.str()}, {}));
  CHECK(image.grantee_tags->empty());
  CHECK(snap.grantee_tags.empty());
  CHECK(image.tags == Tags{{"a", "1"}});
  CHECK(snap.tags == Tags{{"a", "1"}});
}

TEST_CASE("A grantee's refused or empty tag call leaves the world as it was") {
  Resources r;
  const Caller other = r.h.as(kOther);
  expect_ok(test::share(r.h, r.h.caller, r.image, kOther));
  const auto before = r.h.world.digest();
  // All-or-nothing: the second resource is not the caller's.
  expect_error(
      as_result(create_tags(r.h.world, other, {r.image.str(), r.volume.str()}, {{"a", "b"}})),
      "InvalidVolume.NotFound");
  expect_error(as_result(create_tags(r.h.world, other, {r.image.str()}, {{"aws:x", "y"}})),
               "InvalidParameterValue");
  expect_error(as_result(create_tags(r.h.world, other, {r.image.str()}, {{"a", "b"}}, true)),
               "DryRunOperation");
  expect_ok(delete_tags(r.h.world, other, {r.image.str()}, {{"a", std::nullopt}}));
  CHECK(test::image_of(r.h, r.h.caller, r.image).grantee_tags->empty());
  CHECK(r.h.world.digest() == before);
}
