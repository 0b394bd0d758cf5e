#include "sim/ebs/volumes.hpp"

#include "harness.hpp"
#include "sim/ebs/snapshots.hpp"
#include "sim/instances/instances.hpp"

using namespace sim;
using test::expect_error;
using test::expect_ok;

namespace {

CreateVolumeRequest sized(int gib, const std::string& zone = "us-east-1a") {
  CreateVolumeRequest r;
  r.zone = ZoneName(zone);
  r.size_gib = gib;
  return r;
}

// A new available volume of the caller's.
Volume& available_volume(test::Harness& h, int gib = 10, const std::string& zone = "us-east-1a") {
  const Volume* v = expect_ok(create_volume(h.world, h.caller, sized(gib, zone)));
  const VolumeId id = v->id;
  h.advance(kVolumeCreateMs);
  Volume* out = find_volume(h.world, h.caller, id);
  REQUIRE(out != nullptr);
  REQUIRE(out->state == VolumeState::kAvailable);
  return *out;
}

// An instance put straight into the Region with its root volume, as RunInstances leaves it, so
// these tests exercise volumes alone (the launch path has its own tests).
Instance& instance_in(test::Harness& h, const std::string& zone,
                      InstanceState state = InstanceState::kRunning) {
  RegionState& region = h.world.region_of(h.caller);
  Instance i;
  i.id = InstanceId(h.world.new_id("i"));
  i.owner = h.caller.account;
  i.region = h.caller.region;
  i.zone = ZoneName(zone);
  i.state = state;
  EbsBlockDevice root;
  root.volume_size_gib = 8;
  const VolumeId root_id =
      create_attached_volume(h.world, region, i.owner, i.zone, i.id, i.traits.root_device_name,
                             root, nullptr, h.world.now());
  i.block_devices.push_back(
      InstanceBlockDevice{i.traits.root_device_name, root_id, true, h.world.now()});
  const InstanceId id = i.id;
  return region.instances.emplace(id, std::move(i)).first->second;
}

AttachVolumeRequest attach(const Volume& v, const Instance& i, const std::string& device) {
  return AttachVolumeRequest{v.id, i.id, device, false};
}

}  // namespace

TEST_CASE("CreateVolume makes a creating volume that becomes available a few seconds later") {
  test::Harness h;
  const Volume* v = expect_ok(create_volume(h.world, h.caller, sized(20)));
  CHECK(v->id.str().rfind("vol-", 0) == 0);
  CHECK(v->state == VolumeState::kCreating);
  CHECK(v->size_gib == 20);
  CHECK(v->zone == ZoneName("us-east-1a"));
  CHECK(v->owner == h.caller.account);
  CHECK(v->create_time == h.world.now());
  CHECK(v->data->blocks.written_blocks() == 0);
  const VolumeId id = v->id;
  h.advance(kVolumeCreateMs - 1);
  CHECK(find_volume(h.world, h.caller, id)->state == VolumeState::kCreating);
  h.advance(1);
  CHECK(find_volume(h.world, h.caller, id)->state == VolumeState::kAvailable);
}

TEST_CASE("CreateVolume refuses a zone outside the caller's Region") {
  test::Harness h;
  auto e = expect_error(create_volume(h.world, h.caller, sized(8, "eu-west-1a")),
                        "InvalidParameterValue");
  CHECK(e.message == "Invalid availability zone: [eu-west-1a]");
  CHECK(h.world.region_of(h.caller).volumes.empty());
}

TEST_CASE("CreateVolume needs a size or a snapshot") {
  test::Harness h;
  CreateVolumeRequest r;
  r.zone = ZoneName("us-east-1a");
  auto e = expect_error(create_volume(h.world, h.caller, r), "MissingParameter");
  CHECK(e.message == "The request must contain the parameter size/snapshot");
  r.zone = ZoneName();
  r.size_gib = 8;
  expect_error(create_volume(h.world, h.caller, r), "MissingParameter");
}

TEST_CASE("CreateVolume checks the size against the volume type's range") {
  test::Harness h;
  auto e = expect_error(create_volume(h.world, h.caller, sized(0)), "InvalidParameterValue");
  // The default type, gp2 (APIREF CreateVolume VolumeType "Default: gp2").
  CHECK(e.message ==
        "The volume size is invalid for gp2 volumes: 0 GiB. gp2 volumes must be at least 1 GiB in "
        "size. Please specify a volume size above the minimum limit.");
  CreateVolumeRequest st1 = sized(100);
  st1.volume_type = "st1";
  e = expect_error(create_volume(h.world, h.caller, st1), "InvalidParameterValue");
  CHECK(e.message.find("st1 volumes must be at least 125 GiB") != std::string::npos);
  CreateVolumeRequest standard = sized(2000);
  standard.volume_type = "standard";
  e = expect_error(create_volume(h.world, h.caller, standard), "InvalidParameterValue");
  CHECK(e.message.find("at most 1024 GiB") != std::string::npos);
  CreateVolumeRequest bogus = sized(8);
  bogus.volume_type = "gp9";
  expect_error(create_volume(h.world, h.caller, bogus), "InvalidParameterValue");
}

TEST_CASE("CreateVolume applies volume tags and refuses other resource types") {
  test::Harness h;
  CreateVolumeRequest r = sized(8);
  r.tag_specifications = {{"volume", {{"Name", "data"}}}};
  const Volume* v = expect_ok(create_volume(h.world, h.caller, r));
  CHECK(v->tags.at("Name") == "data");
  r.tag_specifications = {{"instance", {{"Name", "data"}}}};
  expect_error(create_volume(h.world, h.caller, r), "InvalidParameterValue");
  r.tag_specifications = {{"volume", {{"aws:x", "1"}}}};
  expect_error(create_volume(h.world, h.caller, r), "InvalidParameterValue");
}

TEST_CASE("CreateVolume with DryRun answers DryRunOperation and creates nothing") {
  test::Harness h;
  CreateVolumeRequest r = sized(8);
  r.dry_run = true;
  expect_error(create_volume(h.world, h.caller, r), "DryRunOperation");
  CHECK(h.world.region_of(h.caller).volumes.empty());
}

TEST_CASE("A volume from a snapshot starts with its data and defaults to its size") {
  test::Harness h;
  Volume& source = available_volume(h, 30);
  write_to_volume(h.world, source, 3 * kBlockBytes);
  const Snapshot* snap = expect_ok(
      create_snapshot(h.world, h.caller, CreateSnapshotRequest{source.id, "", {}, false}));
  const SnapshotId sid = snap->id;
  h.settle();
  CreateVolumeRequest r;
  r.zone = ZoneName("us-east-1b");
  r.snapshot_id = sid;
  const Volume* v = expect_ok(create_volume(h.world, h.caller, r));
  CHECK(v->size_gib == 30);
  CHECK(v->snapshot_id == sid);
  CHECK(*v->data == *h.world.region_of(h.caller).snapshots.at(sid).data);
  r.size_gib = 20;
  auto e = expect_error(create_volume(h.world, h.caller, r), "InvalidParameterValue");
  CHECK(e.message ==
        "Volume of size 20GB is smaller than snapshot '" + sid.str() + "', expect size >= 30GB");
  r.size_gib = 40;
  CHECK(expect_ok(create_volume(h.world, h.caller, r))->size_gib == 40);
}

TEST_CASE("CreateVolume cannot restore another account's private snapshot or a pending one") {
  test::Harness h;
  Volume& source = available_volume(h);
  const SnapshotId sid =
      expect_ok(create_snapshot(h.world, h.caller, CreateSnapshotRequest{source.id, "", {}, false}))
          ->id;
  CreateVolumeRequest r;
  r.zone = ZoneName("us-east-1a");
  r.snapshot_id = sid;
  expect_error(create_volume(h.world, h.caller, r), "IncorrectState");  // still pending
  h.settle();
  const Caller other = h.as("210987654321");
  auto e = expect_error(create_volume(h.world, other, r), "InvalidSnapshot.NotFound");
  CHECK(e.message == "The snapshot '" + sid.str() + "' does not exist.");
  r.snapshot_id = SnapshotId("snap-bogus");
  expect_error(create_volume(h.world, h.caller, r), "InvalidSnapshot.Malformed");
}

TEST_CASE("AttachVolume puts an available volume in use on a running instance") {
  test::Harness h;
  Instance& i = instance_in(h, "us-east-1a");
  Volume& v = available_volume(h);
  VolumeAttachment a = expect_ok(attach_volume(h.world, h.caller, attach(v, i, "/dev/sdf")));
  CHECK(a.state == "attaching");
  CHECK(a.instance_id == i.id);
  CHECK(a.device == "/dev/sdf");
  CHECK(v.state == VolumeState::kInUse);
  REQUIRE(v.attachment);
  CHECK(v.attachment->state == "attached");
  CHECK_FALSE(v.attachment->delete_on_termination);
  bool listed = false;
  for (const auto& bd : i.block_devices)
    listed |= bd.volume_id == v.id && bd.device_name == "/dev/sdf";
  CHECK(listed);
}

TEST_CASE("AttachVolume across Availability Zones fails with AWS's ZoneMismatch") {
  test::Harness h;
  Instance& i = instance_in(h, "us-east-1a");
  Volume& v = available_volume(h, 10, "us-east-1b");
  auto e = expect_error(attach_volume(h.world, h.caller, attach(v, i, "/dev/sdf")),
                        "InvalidVolume.ZoneMismatch");
  CHECK(e.message == "The volume '" + v.id.str() +
                         "' is not in the same availability zone as "
                         "instance '" +
                         i.id.str() + "'");
  CHECK(v.state == VolumeState::kAvailable);
}

TEST_CASE("AttachVolume refuses a volume in use, a creating volume and a used device") {
  test::Harness h;
  Instance& i = instance_in(h, "us-east-1a");
  Volume& v = available_volume(h);
  expect_ok(attach_volume(h.world, h.caller, attach(v, i, "/dev/sdf")));
  auto e = expect_error(attach_volume(h.world, h.caller, attach(v, i, "/dev/sdg")), "VolumeInUse");
  CHECK(e.message == v.id.str() + " is already attached to an instance");

  const Volume* fresh = expect_ok(create_volume(h.world, h.caller, sized(5)));
  e = expect_error(attach_volume(h.world, h.caller, attach(*fresh, i, "/dev/sdg")),
                   "IncorrectState");
  CHECK(e.message == "The volume '" + fresh->id.str() + "' is 'creating'");

  Volume& other = available_volume(h);
  expect_error(attach_volume(h.world, h.caller, attach(other, i, "/dev/sdf")),
               "InvalidParameterValue");
}

TEST_CASE("AttachVolume needs an existing instance that is running or stopped") {
  test::Harness h;
  Volume& v = available_volume(h);
  AttachVolumeRequest r{v.id, InstanceId("i-0123456789abcdef0"), "/dev/sdf", false};
  expect_error(attach_volume(h.world, h.caller, r), "InvalidInstanceID.NotFound");
  r.instance_id = InstanceId("i-nope");
  expect_error(attach_volume(h.world, h.caller, r), "InvalidInstanceID.Malformed");
  Instance& pending = instance_in(h, "us-east-1a", InstanceState::kPending);
  auto e = expect_error(attach_volume(h.world, h.caller, attach(v, pending, "/dev/sdf")),
                        "IncorrectState");
  CHECK(e.message == "Instance '" + pending.id.str() + "' is not 'running' or 'stopped'.");
}

TEST_CASE("AttachVolume works on a stopped instance") {
  test::Harness h;
  Instance& i = instance_in(h, "us-east-1a", InstanceState::kStopped);
  Volume& v = available_volume(h);
  expect_ok(attach_volume(h.world, h.caller, attach(v, i, "/dev/sdh")));
  CHECK(v.state == VolumeState::kInUse);
}

TEST_CASE("AttachVolume cannot reach a volume or instance of another account") {
  test::Harness h;
  Instance& i = instance_in(h, "us-east-1a");
  Volume& v = available_volume(h);
  const Caller other = h.as("210987654321");
  auto e = expect_error(attach_volume(h.world, other, attach(v, i, "/dev/sdf")),
                        "InvalidVolume.NotFound");
  CHECK(e.message == "The volume '" + v.id.str() + "' does not exist.");
}

TEST_CASE("DetachVolume makes the volume available and leaves the instance") {
  test::Harness h;
  Instance& i = instance_in(h, "us-east-1a");
  Volume& v = available_volume(h);
  expect_ok(attach_volume(h.world, h.caller, attach(v, i, "/dev/sdf")));
  const std::size_t devices = i.block_devices.size();
  VolumeAttachment a =
      expect_ok(detach_volume(h.world, h.caller, DetachVolumeRequest{v.id, i.id, false, false}));
  CHECK(a.state == "detaching");
  CHECK(v.state == VolumeState::kAvailable);
  CHECK_FALSE(v.attachment);
  CHECK(i.block_devices.size() == devices - 1);
}

TEST_CASE("DetachVolume of a detached volume is IncorrectState as AWS words it") {
  test::Harness h;
  Volume& v = available_volume(h);
  auto e =
      expect_error(detach_volume(h.world, h.caller, DetachVolumeRequest{v.id, {}, false, false}),
                   "IncorrectState");
  CHECK(e.message == "Volume '" + v.id.str() + "'is in the 'available' state.");
}

TEST_CASE("DetachVolume refuses the root volume of a running instance and a wrong instance") {
  test::Harness h;
  Instance& i = instance_in(h, "us-east-1a");
  REQUIRE_FALSE(i.block_devices.empty());
  const VolumeId root = i.block_devices.front().volume_id;
  auto e =
      expect_error(detach_volume(h.world, h.caller, DetachVolumeRequest{root, {}, false, false}),
                   "IncorrectState");
  CHECK(e.message ==
        "Unable to detach root volume '" + root.str() + "' from instance '" + i.id.str() + "'");
  expect_error(
      detach_volume(h.world, h.caller,
                    DetachVolumeRequest{root, InstanceId("i-0123456789abcdef0"), false, false}),
      "InvalidAttachment.NotFound");
  i.state = InstanceState::kStopped;  // a stopped instance may lose its root volume
  expect_ok(detach_volume(h.world, h.caller, DetachVolumeRequest{root, i.id, false, false}));
  CHECK(i.block_devices.empty());
}

TEST_CASE("DeleteVolume refuses an attached volume with VolumeInUse") {
  test::Harness h;
  Instance& i = instance_in(h, "us-east-1a");
  Volume& v = available_volume(h);
  expect_ok(attach_volume(h.world, h.caller, attach(v, i, "/dev/sdf")));
  auto e = expect_error(delete_volume(h.world, h.caller, v.id), "VolumeInUse");
  CHECK(e.message == "Volume " + v.id.str() + " is currently attached to " + i.id.str());
}

TEST_CASE("DeleteVolume moves the volume to deleting, then it is gone") {
  test::Harness h;
  Volume& v = available_volume(h);
  const VolumeId id = v.id;
  expect_ok(delete_volume(h.world, h.caller, id));
  CHECK(find_volume(h.world, h.caller, id)->state == VolumeState::kDeleting);
  expect_error(delete_volume(h.world, h.caller, id), "IncorrectState");
  h.advance(kVolumeDeleteMs);
  CHECK(find_volume(h.world, h.caller, id) == nullptr);
  expect_error(delete_volume(h.world, h.caller, id), "InvalidVolume.NotFound");
  expect_error(delete_volume(h.world, h.caller, VolumeId("vol-x")), "InvalidVolume.Malformed");
}

TEST_CASE("DeleteVolume of another account's volume is NotFound and DryRun changes nothing") {
  test::Harness h;
  Volume& v = available_volume(h);
  expect_error(delete_volume(h.world, h.as("210987654321"), v.id), "InvalidVolume.NotFound");
  expect_error(delete_volume(h.world, h.caller, v.id, /*dry_run=*/true), "DryRunOperation");
  CHECK(v.state == VolumeState::kAvailable);
}

TEST_CASE("A stale volume event is ignored") {
  test::Harness h;
  const Volume* v = expect_ok(create_volume(h.world, h.caller, sized(8)));
  Event stale;
  stale.kind = EventKind::kVolumeAvailable;
  stale.region = h.caller.region;
  stale.target = v->id.str();
  stale.seq = v->pending_seq + 1000;
  on_volume_event(h.world, stale);
  CHECK(v->state == VolumeState::kCreating);
}

TEST_CASE("Writes copy the data on write and append after the highest block") {
  test::Harness h;
  Volume& v = available_volume(h, 1);
  const auto before = v.data;
  write_to_volume(h.world, v, kBlockBytes + 1);  // rounds up to whole blocks
  CHECK(before->blocks.written_blocks() == 0);   // the old data is untouched
  CHECK(v.data->blocks.written_blocks() == 2);
  write_to_volume(h.world, v, kBlockBytes);
  CHECK(v.data->blocks.end_block() == 3);
  const auto extents = v.data->blocks.extents();
  REQUIRE(extents.size() == 2);
  CHECK(extents[0].version < extents[1].version);
}

TEST_CASE("Writes never grow a volume past its size") {
  test::Harness h;
  Volume& v = available_volume(h, 1);
  const std::uint64_t capacity = kGiB / kBlockBytes;
  write_to_volume(h.world, v, kGiB - kBlockBytes);
  write_to_volume(h.world, v, 4 * kBlockBytes);
  CHECK(v.data->blocks.end_block() == capacity);
  CHECK(v.data->blocks.written_blocks() == capacity);
  write_to_volume(h.world, v, 3 * kGiB);
  CHECK(v.data->blocks.written_blocks() == capacity);
}

TEST_CASE("add_package records software without touching shared data") {
  test::Harness h;
  Volume& v = available_volume(h);
  const auto before = v.data;
  add_package(v, "nginx");
  CHECK(v.data->packages.count("nginx") == 1);
  CHECK(before->packages.empty());
  const auto after = v.data;
  add_package(v, "nginx");
  CHECK(v.data == after);  // already there: no copy
}

TEST_CASE("create_attached_volume and release_volume follow an instance's life") {
  test::Harness h;
  RegionState& region = h.world.region_of(h.caller);
  EbsBlockDevice spec;
  spec.volume_size_gib = 12;
  const VolumeId id = create_attached_volume(
      h.world, region, h.caller.account, ZoneName("us-east-1a"), InstanceId("i-0123456789abcdef0"),
      "/dev/xvda", spec, nullptr, h.world.now());
  Volume& v = region.volumes.at(id);
  CHECK(v.state == VolumeState::kInUse);
  CHECK(v.size_gib == 12);
  REQUIRE(v.attachment);
  CHECK(v.attachment->delete_on_termination);
  release_volume(h.world, region, id, /*delete_volume=*/false);
  CHECK(v.state == VolumeState::kAvailable);
  CHECK_FALSE(v.attachment);
  release_volume(h.world, region, id, /*delete_volume=*/true);
  CHECK(v.state == VolumeState::kDeleting);
  h.advance(kVolumeDeleteMs);
  CHECK(region.volumes.count(id) == 0);
}

TEST_CASE("DescribeVolumes lists only the caller's volumes in the caller's Region") {
  test::Harness h;
  Volume& a = available_volume(h);
  const Caller other = h.as("210987654321");
  expect_ok(create_volume(h.world, other, sized(8)));
  expect_ok(create_volume(h.world, h.in("us-west-2"), sized(8, "us-west-2a")));
  auto r = expect_ok(describe_volumes(h.world, h.caller, {}));
  REQUIRE(r.volumes.size() == 1);
  CHECK(r.volumes[0]->id == a.id);
  auto e = expect_error(describe_volumes(h.world, other, DescribeVolumesRequest{{a.id}, {}, {}}),
                        "InvalidVolume.NotFound");
  CHECK(e.message == "The volume '" + a.id.str() + "' does not exist.");
}

TEST_CASE("DescribeVolumes filters by status, size, tags and attachment") {
  test::Harness h;
  Instance& i = instance_in(h, "us-east-1a");
  Volume& big = available_volume(h, 100);
  Volume& small = available_volume(h, 5);
  small.tags["env"] = "prod";
  expect_ok(attach_volume(h.world, h.caller, attach(big, i, "/dev/sdf")));
  auto ids = [&](std::vector<Filter> filters) {
    std::vector<VolumeId> out;
    for (const Volume* v :
         expect_ok(describe_volumes(h.world, h.caller, {{}, filters, {}})).volumes)
      out.push_back(v->id);
    return out;
  };
  CHECK(ids({{"size", {"100"}}}) == std::vector<VolumeId>{big.id});
  CHECK(ids({{"tag:env", {"prod"}}}) == std::vector<VolumeId>{small.id});
  CHECK(ids({{"tag-key", {"env"}}}) == std::vector<VolumeId>{small.id});
  CHECK(ids({{"attachment.instance-id", {i.id.str()}}, {"attachment.device", {"/dev/sdf"}}}) ==
        std::vector<VolumeId>{big.id});
  CHECK(ids({{"status", {"available"}}}) == std::vector<VolumeId>{small.id});
  CHECK(ids({{"status", {"in-use"}}, {"size", {"5"}}}).empty());
  CHECK(ids({{"availability-zone", {"us-east-1*"}}, {"volume-type", {"gp2"}}}).size() >= 2);
  expect_error(describe_volumes(h.world, h.caller, {{}, {{"colour", {"red"}}}, {}}),
               "InvalidFilter");
}

TEST_CASE("DescribeVolumes pages with MaxResults and NextToken") {
  test::Harness h;
  for (int n = 0; n < 7; ++n) expect_ok(create_volume(h.world, h.caller, sized(1 + n)));
  DescribeVolumesRequest r;
  r.page.max_results = 5;
  auto first = expect_ok(describe_volumes(h.world, h.caller, r));
  CHECK(first.volumes.size() == 5);
  REQUIRE_FALSE(first.next_token.empty());
  r.page.next_token = first.next_token;
  auto second = expect_ok(describe_volumes(h.world, h.caller, r));
  CHECK(second.volumes.size() == 2);
  CHECK(second.next_token.empty());
  CHECK(first.volumes.back()->id < second.volumes.front()->id);
  r = {};
  r.page.max_results = 3;
  expect_error(describe_volumes(h.world, h.caller, r), "InvalidParameterValue");
  r.page.max_results = 5;
  r.volume_ids = {first.volumes[0]->id};
  expect_error(describe_volumes(h.world, h.caller, r), "InvalidParameterCombination");
}

// APIREF CreateVolume: IOPS for gp3, io1 and io2; Throughput "valid only for gp3 volumes". The
// refusal's real text: "The parameter iops is not supported for gp2 volumes."
TEST_CASE("CreateVolume refuses IOPS or throughput for a type that provisions none") {
  test::Harness h;
  CreateVolumeRequest r = sized(10);
  r.volume_type = "gp2";
  r.iops = 3000;
  CHECK(expect_error(create_volume(h.world, h.caller, r), "InvalidParameterCombination").message ==
        "The parameter iops is not supported for gp2 volumes.");
  r.iops.reset();
  r.throughput = 200;
  expect_error(create_volume(h.world, h.caller, r), "InvalidParameterCombination");
  r.volume_type = "io1";
  expect_error(create_volume(h.world, h.caller, r), "InvalidParameterCombination");
  r.throughput.reset();
  r.iops = 500;
  expect_ok(create_volume(h.world, h.caller, r));
  r.volume_type = "gp3";
  r.iops = 4000;
  r.throughput = 250;
  expect_ok(create_volume(h.world, h.caller, r));
  for (const char* type : {"standard", "st1", "sc1"}) {
    CreateVolumeRequest other = sized(500);
    other.volume_type = type;
    other.iops = 100;
    expect_error(create_volume(h.world, h.caller, other), "InvalidParameterCombination");
  }
}
