// CopyImage and CopySnapshot in the model (sim/copies/copies.hpp). Facts: aws-facts.md §4
// (CopyImage: APIREF:CopyImage, UG23:CopyingAMIs.md) and §5 (CopySnapshot:
// UG23:ebs-copy-snapshot.md).
#include "sim/copies/copies.hpp"

#include <catch2/catch.hpp>
#include <regex>

#include "sim/ebs/kms.hpp"
#include "sim/tagging.hpp"
#include "tests/sim/images/image_fixture.hpp"

using namespace sim;
using test::expect_error;
using test::expect_ok;

namespace {

using test::kOther;
const RegionName kEast{"us-east-1"};
using test::kWest;

// An available image of `caller`'s registered over a new snapshot of a volume with `bytes`
// written; returns the image.
ImageId image_with_data(test::Harness& h, const Caller& caller, const std::string& name,
                        std::uint64_t bytes = 64 * kBlockBytes) {
  CreateVolumeRequest v;
  v.zone = ZoneName(caller.region.str() + "a");
  v.size_gib = 8;
  const VolumeId volume = expect_ok(create_volume(h.world, caller, v))->id;
  h.settle();
  write_to_volume(h.world, *find_volume(h.world, caller, volume), bytes);
  CreateSnapshotRequest s;
  s.volume_id = volume;
  const SnapshotId snap = expect_ok(create_snapshot(h.world, caller, s))->id;
  h.settle();
  const ImageId id = expect_ok(register_image(h.world, caller, test::register_request(name, snap)));
  h.settle();
  return id;
}

CopyImageRequest copy_request(const RegionName& from, const ImageId& id, const std::string& name) {
  CopyImageRequest r;
  r.source_region = from;
  r.source_image_id = id;
  r.name = name;
  return r;
}

CopySnapshotRequest snapshot_copy_request(const RegionName& from, const SnapshotId& id) {
  CopySnapshotRequest r;
  r.source_region = from;
  r.source_snapshot_id = id;
  return r;
}

const Snapshot& snapshot_in(test::Harness& h, const RegionName& region, const SnapshotId& id) {
  return h.world.region(region)->snapshots.at(id);
}

SnapshotId root_snapshot(const Image& image) { return *image.mappings.at(0).ebs->snapshot_id; }

}  // namespace

TEST_CASE("CopyImage gives the destination a new pending AMI with new snapshots and lineage") {
  test::Harness h;
  const Caller west = h.in("us-west-2");
  const ImageId source = image_with_data(h, h.caller, "golden");
  const Image before = test::image_of(h, h.caller, source);
  const ImageId copy =
      expect_ok(copy_image(h.world, west, copy_request(kEast, source, "golden-west")));
  CHECK(copy != source);
  const Image& c = test::image_of(h, west, copy);
  CHECK(c.state == ImageState::kPending);
  CHECK(c.region == kWest);
  CHECK(c.owner == h.caller.account);
  CHECK(c.source_image_id == source);
  CHECK(c.source_image_region == kEast);
  CHECK(c.name == "golden-west");
  CHECK(c.traits.architecture == before.traits.architecture);
  const SnapshotId snap = root_snapshot(c);
  CHECK(snap != root_snapshot(before));
  const Snapshot& s = snapshot_in(h, kWest, snap);
  CHECK(s.volume_id.str() == "vol-ffffffff");  // fact sheet §5
  CHECK(s.source_snapshot_id == root_snapshot(before));
  CHECK(s.source_region == kEast);
  // "Copied for DestinationAmi ami-… from SourceAmi ami-… for SourceSnapshot snap-…. Task created
  // on <number>." (fact sheet §4, [obs] REAL:8133113786)
  const std::regex text("Copied for DestinationAmi " + copy.str() + " from SourceAmi " +
                        source.str() + " for SourceSnapshot " + root_snapshot(before).str() +
                        R"(\. Task created on [0-9][0-9,]*\.)");
  CHECK(std::regex_match(s.description, text));
  // The source Region has neither the copy nor its snapshot; the destination lacks the source.
  CHECK(find_image(h.world, h.caller, copy) == nullptr);
  CHECK(find_image(h.world, west, source) == nullptr);
  CHECK(h.world.region(kEast)->snapshots.count(snap) == 0);
  h.settle();
  CHECK(test::image_of(h, west, copy).state == ImageState::kAvailable);
  CHECK(snapshot_in(h, kWest, snap).state == SnapshotState::kCompleted);
}

TEST_CASE("CopyImage looks the source up in SourceRegion only") {
  test::Harness h;
  const ImageId source = image_with_data(h, h.caller, "golden");
  const Caller west = h.in("us-west-2");
  expect_error(copy_image(h.world, h.caller, copy_request(kWest, source, "x-copy")),
               "InvalidAMIID.NotFound");
  expect_error(copy_image(h.world, h.caller, copy_request(RegionName("mars-1"), source, "x-copy")),
               "InvalidRegion");
  // Launching the old Region's ID in the new Region fails as AWS fails.
  RunInstancesRequest r;
  r.image_id = source.str();
  expect_error(run_instances(h.world, west, r), "InvalidAMIID.NotFound");
}

TEST_CASE("CopyImage copies only available images") {
  test::Harness h;
  const InstanceId instance = test::launch(h, h.caller);
  const ImageId pending =
      expect_ok(create_image(h.world, h.caller, test::create_request(instance, "baking")));
  REQUIRE(test::image_of(h, h.caller, pending).state == ImageState::kPending);
  expect_error(copy_image(h.world, h.in("us-west-2"), copy_request(kEast, pending, "b-copy")),
               "InvalidAMIID.Unavailable");
}

TEST_CASE("The first copy into a Region moves every stored block, a later one only what is new") {
  test::Harness h;
  const Caller west = h.in("us-west-2");
  const ImageId source = image_with_data(h, h.caller, "golden", 100 * kBlockBytes);
  const Snapshot& src = snapshot_in(h, kEast, root_snapshot(test::image_of(h, h.caller, source)));
  const ImageId first = expect_ok(copy_image(h.world, west, copy_request(kEast, source, "copy-1")));
  const Snapshot& s1 = snapshot_in(h, kWest, root_snapshot(test::image_of(h, west, first)));
  CHECK(s1.copy_bytes == src.data->blocks.written_bytes());
  CHECK(s1.copy_bytes == 100 * kBlockBytes);
  CHECK(s1.completion_time == h.world.now() + copy_duration(100 * kBlockBytes));
  h.settle();
  const ImageId second =
      expect_ok(copy_image(h.world, west, copy_request(kEast, source, "copy-2")));
  const Snapshot& s2 = snapshot_in(h, kWest, root_snapshot(test::image_of(h, west, second)));
  CHECK(s2.copy_bytes == 0);
  CHECK(s2.completion_time == h.world.now() + copy_duration(0));
  CHECK(*s2.data == *src.data);
  // The destination pool stores the lineage's blocks once.
  CHECK(region_stored_bytes(*h.world.region(kWest), h.caller.account) == 100 * kBlockBytes);
}

TEST_CASE("A second copy waits for a pending copy of the same snapshot") {
  test::Harness h;
  const Caller west = h.in("us-west-2");
  const ImageId source = image_with_data(h, h.caller, "golden", 200 * kBlockBytes);
  const ImageId a = expect_ok(copy_image(h.world, west, copy_request(kEast, source, "copy-1")));
  const ImageId b = expect_ok(copy_image(h.world, west, copy_request(kEast, source, "copy-2")));
  const Snapshot& sa = snapshot_in(h, kWest, root_snapshot(test::image_of(h, west, a)));
  const Snapshot& sb = snapshot_in(h, kWest, root_snapshot(test::image_of(h, west, b)));
  CHECK(sb.copy_bytes == 0);
  CHECK(sb.completion_time == sa.completion_time);
}

TEST_CASE("A same-Region copy of one's own image moves nothing and has its own IDs") {
  test::Harness h;
  const ImageId source = image_with_data(h, h.caller, "golden");
  const ImageId copy =
      expect_ok(copy_image(h.world, h.caller, copy_request(kEast, source, "twin")));
  CHECK(copy != source);
  const Image& c = test::image_of(h, h.caller, copy);
  const SnapshotId snap = root_snapshot(c);
  CHECK(snap != root_snapshot(test::image_of(h, h.caller, source)));
  CHECK(snapshot_in(h, kEast, snap).copy_bytes == 0);
  h.settle();
  CHECK(test::image_of(h, h.caller, copy).state == ImageState::kAvailable);
}

TEST_CASE("CopyImage copies tags only when asked and never launch permissions") {
  test::Harness h;
  const Caller west = h.in("us-west-2");
  const ImageId source = image_with_data(h, h.caller, "golden");
  h.world.region(kEast)->images.at(source).tags.mut()["team"] = "infra";
  expect_ok(test::share(h, h.caller, source, kOther));
  const ImageId plain = expect_ok(copy_image(h.world, west, copy_request(kEast, source, "copy-1")));
  CHECK(test::image_of(h, west, plain).tags->empty());
  CHECK(test::image_of(h, west, plain).launch_permissions->empty());
  CopyImageRequest r = copy_request(kEast, source, "copy-2");
  r.copy_image_tags = true;
  r.tag_specifications = {{"image", {{"stage", "prod"}}}, {"snapshot", {{"kind", "root"}}}};
  const Image& tagged = test::image_of(h, west, expect_ok(copy_image(h.world, west, r)));
  CHECK(tagged.tags == Tags{{"stage", "prod"}, {"team", "infra"}});
  CHECK(snapshot_in(h, kWest, root_snapshot(tagged)).tags == Tags{{"kind", "root"}});
  CHECK_FALSE(tagged.is_public);
  CHECK(tagged.launch_permissions->empty());
  r = copy_request(kEast, source, "copy-3");
  r.tag_specifications = {{"instance", {{"a", "b"}}}};
  expect_error(copy_image(h.world, west, r), "InvalidParameterValue");
}

TEST_CASE("CopyImage needs a unique name in the destination") {
  test::Harness h;
  const ImageId source = image_with_data(h, h.caller, "golden");
  const Caller west = h.in("us-west-2");
  // The same name is free in another Region (names are per Region), taken in the same one.
  expect_ok(copy_image(h.world, west, copy_request(kEast, source, "golden")));
  expect_error(copy_image(h.world, h.caller, copy_request(kEast, source, "golden")),
               "InvalidAMIName.Duplicate");
  expect_error(copy_image(h.world, west, copy_request(kEast, source, "")), "MissingParameter");
}

TEST_CASE("CopyImage encrypts on request with a key that exists in the destination") {
  test::Harness h;
  const Caller west = h.in("us-west-2");
  const ImageId source = image_with_data(h, h.caller, "golden");
  const Snapshot& src = snapshot_in(h, kEast, root_snapshot(test::image_of(h, h.caller, source)));
  CopyImageRequest r = copy_request(kEast, source, "enc");
  r.encrypted = true;
  const Image& c = test::image_of(h, west, expect_ok(copy_image(h.world, west, r)));
  const Snapshot& s = snapshot_in(h, kWest, root_snapshot(c));
  CHECK(s.encrypted);
  CHECK(c.mappings.at(0).ebs->encrypted);
  CHECK(s.kms_key_id == default_ebs_key_arn(kWest, h.caller.account));
  CHECK(s.kms_key_id.rfind("arn:aws:kms:us-west-2:123456789012:key/", 0) == 0);
  // Same blocks, re-encrypted: new data, so the copy is full.
  CHECK(s.copy_bytes == src.data->blocks.written_bytes());
  CHECK(s.data->blocks.written_blocks() == src.data->blocks.written_blocks());
  CHECK_FALSE(*s.data == *src.data);

  r = copy_request(kEast, source, "enc2");
  r.encrypted = true;
  r.kms_key_id = "alias/aws/ebs";
  const Snapshot& s2 = snapshot_in(
      h, kWest, root_snapshot(test::image_of(h, west, expect_ok(copy_image(h.world, west, r)))));
  CHECK(s2.kms_key_id == s.kms_key_id);
  CHECK(s2.copy_bytes == 0);  // the same key again: incremental

  r = copy_request(kEast, source, "enc3");
  r.encrypted = true;
  r.kms_key_id = default_ebs_key_arn(kEast, h.caller.account);  // a key of another Region
  expect_error(copy_image(h.world, west, r), "InvalidParameterValue");
  r.kms_key_id = "alias/nope";
  expect_error(copy_image(h.world, west, r), "InvalidParameterValue");
  r.encrypted.reset();
  r.kms_key_id = "alias/aws/ebs";
  expect_error(copy_image(h.world, west, r), "InvalidParameterDependency");
}

TEST_CASE("An encrypted snapshot's copy stays encrypted: Encrypted=false is refused") {
  test::Harness h;
  const SnapshotId plain = test::own_snapshot(h, h.caller);
  CopySnapshotRequest r = snapshot_copy_request(kEast, plain);
  r.encrypted = true;
  const Snapshot* enc = expect_ok(copy_snapshot(h.world, h.caller, r));
  CHECK(enc->encrypted);
  const SnapshotId enc_id = enc->id;
  h.settle();
  r = snapshot_copy_request(kEast, enc_id);
  r.encrypted = false;
  expect_error(copy_snapshot(h.world, h.caller, r), "InvalidParameterValue");
  // Left out, the copy keeps the key in the same Region and gets the destination's default key
  // in another.
  r.encrypted.reset();
  const Snapshot* same = expect_ok(copy_snapshot(h.world, h.caller, r));
  CHECK(same->encrypted);
  CHECK(same->kms_key_id == snapshot_in(h, kEast, enc_id).kms_key_id);
  const Snapshot* west = expect_ok(copy_snapshot(h.world, h.in("us-west-2"), r));
  CHECK(west->encrypted);
  CHECK(west->kms_key_id == default_ebs_key_arn(kWest, h.caller.account));
}

TEST_CASE("CopyImage with a ClientToken is idempotent") {
  test::Harness h;
  const Caller west = h.in("us-west-2");
  const ImageId source = image_with_data(h, h.caller, "golden");
  CopyImageRequest r = copy_request(kEast, source, "copy-1");
  r.client_token = "token-1";
  const ImageId first = expect_ok(copy_image(h.world, west, r));
  const std::size_t images = h.world.region(kWest)->images.size();
  CHECK(expect_ok(copy_image(h.world, west, r)) == first);
  CHECK(h.world.region(kWest)->images.size() == images);
  r.description = "other";
  expect_error(copy_image(h.world, west, r), "IdempotentParameterMismatch");
}

TEST_CASE("Copying another account's AMI needs launch permission and read access to its storage") {
  test::Harness h;
  const Caller other = h.as(kOther, "us-west-2");
  const ImageId source = image_with_data(h, h.caller, "golden");
  expect_error(copy_image(h.world, other, copy_request(kEast, source, "mine")),
               "InvalidAMIID.NotFound");
  expect_ok(test::share(h, h.caller, source, kOther));
  // [obs] REAL:8368847906: "You do not have permission to access the storage of this ami".
  const Error e = expect_error(copy_image(h.world, other, copy_request(kEast, source, "mine")),
                               "InvalidRequest");
  CHECK(e.message == "You do not have permission to access the storage of this ami");
  ModifySnapshotAttributeRequest m;
  m.snapshot_id = root_snapshot(test::image_of(h, h.caller, source));
  m.operation_type = "add";
  m.user_ids = {AccountId(kOther)};
  expect_ok(modify_snapshot_attribute(h.world, h.caller, m));
  const ImageId copy = expect_ok(copy_image(h.world, other, copy_request(kEast, source, "mine")));
  const Image& c = test::image_of(h, other, copy);
  CHECK(c.owner.str() == kOther);
  const Snapshot& s = snapshot_in(h, kWest, root_snapshot(c));
  CHECK(s.owner.str() == kOther);
  CHECK(s.copy_bytes == 64 * kBlockBytes);  // the other account's pool holds nothing yet
}

// APIREF:CopyImage CopyImageTags: "your user-defined AMI tags"; not copied: "For public and shared
// AMIs, user-defined tags that are attached by other Amazon Web Services accounts".
TEST_CASE(
    "CopyImageTags by an account an AMI is shared with copies its own tags, not the owner's") {
  test::Harness h;
  const Caller other = h.as(kOther, "us-west-2");
  const ImageId source = image_with_data(h, h.caller, "golden");
  expect_ok(create_tags(h.world, h.caller, {source.str()}, {{"secret", "a-private-value"}}));
  expect_ok(test::share(h, h.caller, source, kOther));
  ModifySnapshotAttributeRequest m;
  m.snapshot_id = root_snapshot(test::image_of(h, h.caller, source));
  m.operation_type = "add";
  m.user_ids = {AccountId(kOther)};
  expect_ok(modify_snapshot_attribute(h.world, h.caller, m));
  CopyImageRequest r = copy_request(kEast, source, "mine");
  r.copy_image_tags = true;
  CHECK(test::image_of(h, other, expect_ok(copy_image(h.world, other, r))).tags->empty());
  expect_ok(create_tags(h.world, h.as(kOther), {source.str()}, {{"team", "b-team"}}));
  r.name = "mine-2";
  const Image& copy = test::image_of(h, other, expect_ok(copy_image(h.world, other, r)));
  CHECK(copy.tags == Tags{{"team", "b-team"}});
}

TEST_CASE("A public catalogue image can be copied to another Region and launched there") {
  test::Harness h;
  const Caller west = h.in("us-west-2");
  const ImageId al = h.catalogue_image("al2023-x86_64");
  const ImageId copy = expect_ok(copy_image(h.world, west, copy_request(kEast, al, "my-al")));
  h.settle();
  RunInstancesRequest r;
  r.image_id = copy.str();
  r.instance_type = "t3.micro";
  const Instance* i = expect_ok(run_instances(h.world, west, r)).instances.at(0);
  const Volume& root = h.world.region(kWest)->volumes.at(i->block_devices.at(0).volume_id);
  const Snapshot& src = snapshot_in(h, kEast, root_snapshot(*find_image(h.world, h.caller, al)));
  CHECK(*root.data == *src.data);  // the restored root holds the source's blocks
}

TEST_CASE("At most 100 AMI copies run at once per destination Region") {
  test::Harness h;
  const Caller west = h.in("us-west-2");
  const ImageId source = image_with_data(h, h.caller, "golden");
  for (int n = 0; n < kMaxConcurrentImageCopies; ++n)
    expect_ok(copy_image(h.world, west, copy_request(kEast, source, "copy-" + std::to_string(n))));
  expect_error(copy_image(h.world, west, copy_request(kEast, source, "one-more")),
               "ResourceLimitExceeded");
  // Another Region has its own allowance; finished copies free theirs.
  expect_ok(copy_image(h.world, h.in("eu-west-1"), copy_request(kEast, source, "eu-copy")));
  h.settle();
  expect_ok(copy_image(h.world, west, copy_request(kEast, source, "one-more")));
}

TEST_CASE("Deregistering a pending copy cancels it and leaves no snapshot behind") {
  test::Harness h;
  const Caller west = h.in("us-west-2");
  const ImageId source = image_with_data(h, h.caller, "golden");
  const ImageId copy = expect_ok(copy_image(h.world, west, copy_request(kEast, source, "copy-1")));
  const SnapshotId snap = root_snapshot(test::image_of(h, west, copy));
  REQUIRE(region_stored_bytes(*h.world.region(kWest), h.caller.account) > 0);
  expect_ok(deregister_image(h.world, west, copy));
  CHECK(h.world.region(kWest)->snapshots.count(snap) == 0);
  CHECK(region_stored_bytes(*h.world.region(kWest), h.caller.account) == 0);
  h.settle();
  CHECK(test::image_of(h, west, copy).state == ImageState::kDeregistered);
  // An available copy keeps its snapshots when deregistered, as every image does.
  const ImageId done = expect_ok(copy_image(h.world, west, copy_request(kEast, source, "copy-2")));
  h.settle();
  const SnapshotId kept = root_snapshot(test::image_of(h, west, done));
  expect_ok(deregister_image(h.world, west, done));
  CHECK(h.world.region(kWest)->snapshots.count(kept) == 1);
}

TEST_CASE("CopySnapshot makes a new snapshot in the destination, incremental after the first") {
  test::Harness h;
  const Caller west = h.in("us-west-2");
  const ImageId image = image_with_data(h, h.caller, "golden", 40 * kBlockBytes);
  const SnapshotId source = root_snapshot(test::image_of(h, h.caller, image));
  CopySnapshotRequest r = snapshot_copy_request(kEast, source);
  r.description = "dr copy";
  r.tag_specifications = {{"snapshot", {{"dr", "yes"}}}};
  const Snapshot* c = expect_ok(copy_snapshot(h.world, west, r));
  CHECK(c->id != source);
  CHECK(c->region == kWest);
  CHECK(c->state == SnapshotState::kPending);
  CHECK(c->volume_id.str() == "vol-ffffffff");
  CHECK(c->description == "dr copy");
  CHECK(c->tags == Tags{{"dr", "yes"}});
  CHECK(c->copy_bytes == 40 * kBlockBytes);
  CHECK(c->copied_for_image.empty());
  const SnapshotId first = c->id;
  h.settle();
  CHECK(snapshot_in(h, kWest, first).state == SnapshotState::kCompleted);
  const Snapshot* again =
      expect_ok(copy_snapshot(h.world, west, snapshot_copy_request(kEast, source)));
  CHECK(again->copy_bytes == 0);
  // Only the source Region has the source.
  expect_error(copy_snapshot(h.world, h.caller, snapshot_copy_request(kWest, source)),
               "InvalidSnapshot.NotFound");
}

TEST_CASE("CopySnapshot copies only completed snapshots the caller may read") {
  test::Harness h;
  CreateVolumeRequest v;
  v.zone = ZoneName("us-east-1a");
  v.size_gib = 8;
  const VolumeId volume = expect_ok(create_volume(h.world, h.caller, v))->id;
  h.settle();
  write_to_volume(h.world, *find_volume(h.world, h.caller, volume), 10 * kBlockBytes);
  const SnapshotId pending =
      expect_ok(create_snapshot(h.world, h.caller, CreateSnapshotRequest{volume, "", {}, false}))
          ->id;
  expect_error(copy_snapshot(h.world, h.in("us-west-2"), snapshot_copy_request(kEast, pending)),
               "IncorrectState");
  h.settle();
  const Caller other = h.as(kOther, "us-west-2");
  expect_error(copy_snapshot(h.world, other, snapshot_copy_request(kEast, pending)),
               "InvalidSnapshot.NotFound");
  ModifySnapshotAttributeRequest m;
  m.snapshot_id = pending;
  m.operation_type = "add";
  m.user_ids = {AccountId(kOther)};
  expect_ok(modify_snapshot_attribute(h.world, h.caller, m));
  const Snapshot* c =
      expect_ok(copy_snapshot(h.world, other, snapshot_copy_request(kEast, pending)));
  CHECK(c->owner.str() == kOther);
  expect_error(copy_snapshot(h.world, h.caller, snapshot_copy_request(kEast, SnapshotId("snap-1"))),
               "InvalidSnapshot.Malformed");
}

TEST_CASE("At most 20 snapshot copies run at once per destination Region") {
  test::Harness h;
  const Caller west = h.in("us-west-2");
  const SnapshotId source = test::own_snapshot(h, h.caller);
  for (int n = 0; n < kMaxConcurrentSnapshotCopies; ++n)
    expect_ok(copy_snapshot(h.world, west, snapshot_copy_request(kEast, source)));
  expect_error(copy_snapshot(h.world, west, snapshot_copy_request(kEast, source)),
               "ResourceLimitExceeded");
  // AMI copies have their own allowance.
  const ImageId image = image_with_data(h, h.caller, "golden");
  expect_ok(copy_image(h.world, west, copy_request(kEast, image, "img")));
  h.settle();
  expect_ok(copy_snapshot(h.world, west, snapshot_copy_request(kEast, source)));
}

TEST_CASE("Copies change the world digest, and the same calls give the same digest") {
  auto run = [](std::uint64_t seed) {
    test::Harness h(seed);
    const ImageId source = image_with_data(h, h.caller, "golden");
    const std::string before = h.world.digest();
    CopyImageRequest r = copy_request(kEast, source, "copy-1");
    r.encrypted = true;
    r.client_token = "t";
    expect_ok(copy_image(h.world, h.in("us-west-2"), r));
    CHECK(h.world.digest() != before);
    h.settle();
    return h.world.digest();
  };
  CHECK(run(3) == run(3));
}
