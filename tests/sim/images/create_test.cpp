// CreateImage and RegisterImage.
#include "tests/sim/images/image_fixture.hpp"
#include "tests/sim/instances/instance_test_helpers.hpp"

using namespace sim;
using test::expect_error;
using test::expect_ok;

namespace {

using test::kOther;

// Attaches a new 4 GiB volume to the instance at /dev/sdf.
VolumeId attach_extra(test::Harness& h, const InstanceId& id) {
  CreateVolumeRequest v;
  v.zone = test::instance(h, id).zone;
  v.size_gib = 4;
  const VolumeId volume = expect_ok(create_volume(h.world, h.caller, v))->id;
  h.settle();
  expect_ok(attach_volume(h.world, h.caller, AttachVolumeRequest{volume, id, "/dev/sdf", false}));
  h.settle();
  return volume;
}

}  // namespace

TEST_CASE("CreateImage reboots a running instance unless NoReboot") {
  test::Harness h;
  const InstanceId a = test::launch(h, h.caller);
  expect_ok(create_image(h.world, h.caller, test::create_request(a, "rebooted", false)));
  CHECK(test::instance(h, a).reboot_seq != 0);
  const InstanceId b = test::launch(h, h.caller);
  expect_ok(create_image(h.world, h.caller, test::create_request(b, "not-rebooted", true)));
  CHECK(test::instance(h, b).reboot_seq == 0);
}

TEST_CASE("CreateImage snapshots every attached EBS volume with AWS's description") {
  test::Harness h;
  const InstanceId instance = test::launch(h, h.caller);
  attach_extra(h, instance);
  const ImageId id =
      expect_ok(create_image(h.world, h.caller, test::create_request(instance, "two-volumes")));
  const Image& image = test::image_of(h, h.caller, id);
  REQUIRE(image.mappings.size() == 2);
  const RegionState& r = h.world.region_of(h.caller);
  for (const auto& m : image.mappings) {
    REQUIRE(m.ebs);
    const Snapshot& s = r.snapshots.at(*m.ebs->snapshot_id);
    CHECK(s.description == "Created by CreateImage(" + instance.str() + ") for " + id.str());
    CHECK(s.owner == h.caller.account);
  }
  CHECK(image.mappings[1].device_name == "/dev/sdf");
  CHECK(image.mappings[1].ebs->volume_size_gib == 4);
  CHECK(image.state == ImageState::kPending);
}

TEST_CASE(
    "CreateImage records owner, location and source, and inherits the source image's "
    "billing") {
  test::Harness h;
  const InstanceId instance = test::launch(h, h.caller, "windows-2022-x86_64");
  const ImageId id =
      expect_ok(create_image(h.world, h.caller, test::create_request(instance, "my-windows")));
  const Image& image = test::image_of(h, h.caller, id);
  const Image& source = test::image_of(h, h.caller, h.catalogue_image("windows-2022-x86_64"));
  CHECK(image.owner == h.caller.account);
  CHECK(image.image_location() == h.caller.account.str() + "/my-windows");
  CHECK(image.source_instance_id == instance);
  CHECK(image.traits.platform == "windows");
  CHECK(image.traits.platform_details == source.traits.platform_details);
  CHECK(image.traits.usage_operation == source.traits.usage_operation);
  CHECK(image.traits.billing_products == source.traits.billing_products);
  CHECK(image.traits.architecture == source.traits.architecture);
  CHECK(image.traits.root_device_name == source.traits.root_device_name);
  CHECK(image.creation == h.world.now());
  CHECK_FALSE(image.is_public);
}

TEST_CASE("CreateImage works from a stopped instance and refuses other states") {
  test::Harness h;
  const InstanceId a = test::launch(h, h.caller);
  expect_ok(stop_instances(h.world, h.caller, {a.str()}));
  const Error stopping =
      expect_error(create_image(h.world, h.caller, test::create_request(a, "while-stopping")),
                   "IncorrectInstanceState");
  CHECK(stopping.message.find(a.str()) != std::string::npos);
  h.settle();
  const ImageId id = expect_ok(create_image(h.world, h.caller, test::create_request(a, "stopped")));
  CHECK(test::instance(h, a).reboot_seq == 0);  // nothing to reboot
  h.settle();
  CHECK(test::image_of(h, h.caller, id).state == ImageState::kAvailable);

  expect_ok(terminate_instances(h.world, h.caller, {a.str()}));
  h.settle();
  expect_error(create_image(h.world, h.caller, test::create_request(a, "terminated")),
               "IncorrectInstanceState");
}

TEST_CASE("CreateImage refuses a malformed, unknown or foreign instance") {
  test::Harness h;
  expect_error(create_image(h.world, h.caller, test::create_request(InstanceId("i-12"), "x-1")),
               "InvalidInstanceID.Malformed");
  const Error e =
      expect_error(create_image(h.world, h.caller,
                                test::create_request(InstanceId("i-0123456789abcdef0"), "x-2")),
                   "InvalidInstanceID.NotFound");
  CHECK(e.message == "The instance ID 'i-0123456789abcdef0' does not exist");
  const InstanceId theirs = test::launch(h, h.as(kOther));
  expect_error(create_image(h.world, h.caller, test::create_request(theirs, "x-3")),
               "InvalidInstanceID.NotFound");
}

TEST_CASE("CreateImage checks the name: present, well formed, not in use") {
  test::Harness h;
  const InstanceId instance = test::launch(h, h.caller);
  expect_error(create_image(h.world, h.caller, test::create_request(instance, "")),
               "MissingParameter");
  expect_error(create_image(h.world, h.caller, test::create_request(instance, "no*stars")),
               "InvalidAMIName.Malformed");
  const ImageId first =
      expect_ok(create_image(h.world, h.caller, test::create_request(instance, "taken")));
  const Error e =
      expect_error(create_image(h.world, h.caller, test::create_request(instance, "taken")),
                   "InvalidAMIName.Duplicate");
  CHECK(e.message == "AMI name taken is already in use by AMI " + first.str());
}

TEST_CASE("CreateImage tags the image and every snapshot, and refuses other resource types") {
  test::Harness h;
  const InstanceId instance = test::launch(h, h.caller);
  attach_extra(h, instance);
  CreateImageRequest r = test::create_request(instance, "tagged");
  r.tag_specifications = {{"image", {{"role", "web"}}}, {"snapshot", {{"backup", "yes"}}}};
  const ImageId id = expect_ok(create_image(h.world, h.caller, r));
  const Image& image = test::image_of(h, h.caller, id);
  CHECK(image.tags == Tags{{"role", "web"}});
  for (const auto& m : image.mappings)
    CHECK(h.world.region_of(h.caller).snapshots.at(*m.ebs->snapshot_id).tags ==
          Tags{{"backup", "yes"}});

  CreateImageRequest bad = test::create_request(instance, "tagged-2");
  bad.tag_specifications = {{"instance", {{"a", "b"}}}};
  expect_error(create_image(h.world, h.caller, bad), "InvalidParameterValue");
  bad.tag_specifications = {{"image", {{"aws:reserved", "b"}}}};
  const Error e = expect_error(create_image(h.world, h.caller, bad), "InvalidParameterValue");
  CHECK(e.message == "Tag keys starting with 'aws:' are reserved for internal use");
}

TEST_CASE(
    "CreateImage mappings may change DeleteOnTermination and leave volumes out, nothing "
    "else") {
  test::Harness h;
  const InstanceId instance = test::launch(h, h.caller);
  attach_extra(h, instance);
  const std::string root = test::instance(h, instance).traits.root_device_name;
  CreateImageRequest r = test::create_request(instance, "keep-root");
  EbsBlockDevice keep;
  keep.delete_on_termination = false;
  r.block_device_mappings = {{root, keep, "", false}, {"/dev/sdf", std::nullopt, "", true}};
  const ImageId id = expect_ok(create_image(h.world, h.caller, r));
  const Image& image = test::image_of(h, h.caller, id);
  REQUIRE(image.mappings.size() == 1);
  CHECK(image.mappings[0].device_name == root);
  CHECK_FALSE(image.mappings[0].ebs->delete_on_termination);

  CreateImageRequest resize = test::create_request(instance, "resized");
  EbsBlockDevice bigger;
  bigger.volume_size_gib = 100;
  resize.block_device_mappings = {{root, bigger, "", false}};
  expect_error(create_image(h.world, h.caller, resize), "InvalidBlockDeviceMapping");
}

TEST_CASE("CreateImage with DryRun checks and changes nothing") {
  test::Harness h;
  const InstanceId instance = test::launch(h, h.caller);
  const std::size_t images = h.world.region_of(h.caller).images.size();
  const std::size_t snapshots = h.world.region_of(h.caller).snapshots.size();
  CreateImageRequest r = test::create_request(instance, "dry");
  r.dry_run = true;
  const Error e = expect_error(create_image(h.world, h.caller, r), "DryRunOperation");
  CHECK(e.http_status() == 412);
  CHECK(h.world.region_of(h.caller).images.size() == images);
  CHECK(h.world.region_of(h.caller).snapshots.size() == snapshots);
}

TEST_CASE("An image's snapshot cannot be deleted while the image is registered") {
  test::Harness h;
  const ImageId id = test::own_image(h, h.caller, "holds-snapshot");
  const SnapshotId snap = *test::image_of(h, h.caller, id).mappings.at(0).ebs->snapshot_id;
  const Status s = delete_snapshot(h.world, h.caller, snap);
  REQUIRE_FALSE(s.ok());
  CHECK(s.error().name() == std::string("InvalidSnapshot.InUse"));
  CHECK(s.error().message == "The snapshot " + snap.str() + " is currently in use by " + id.str());
  expect_ok(deregister_image(h.world, h.caller, id));
  expect_ok(delete_snapshot(h.world, h.caller, snap));
}

TEST_CASE("An image made from an instance launches like its source") {
  test::Harness h;
  const ImageId id = test::own_image(h, h.caller, "relaunch");
  RunInstancesRequest r;
  r.image_id = id.str();
  r.instance_type = "t3.micro";
  const auto launched = expect_ok(run_instances(h.world, h.caller, r));
  CHECK(launched.instances.at(0)->image_id == id);
}

TEST_CASE("RegisterImage from a completed snapshot is available at once, with AWS's defaults") {
  test::Harness h;
  const SnapshotId snap = test::own_snapshot(h, h.caller);
  RegisterImageRequest r = test::register_request("registered", snap);
  r.architecture.clear();
  r.virtualization_type.clear();
  const ImageId id = expect_ok(register_image(h.world, h.caller, r));
  const Image& image = test::image_of(h, h.caller, id);
  CHECK(image.state == ImageState::kAvailable);
  CHECK(image.traits.architecture == "i386");
  CHECK(image.traits.virtualization_type == "paravirtual");
  CHECK(image.traits.root_device_name == "/dev/xvda");
  CHECK(image.mappings.at(0).ebs->volume_size_gib == 8);
  CHECK(image.image_location() == h.caller.account.str() + "/registered");
  CHECK(image.source_instance_id->empty());
}

TEST_CASE("RegisterImage from a pending snapshot is pending until the snapshot completes") {
  test::Harness h;
  CreateVolumeRequest v;
  v.zone = ZoneName("us-east-1a");
  v.size_gib = 8;
  const VolumeId volume = expect_ok(create_volume(h.world, h.caller, v))->id;
  h.settle();
  CreateSnapshotRequest s;
  s.volume_id = volume;
  const Snapshot* snap = expect_ok(create_snapshot(h.world, h.caller, s));
  REQUIRE(snap->state == SnapshotState::kPending);
  const ImageId id =
      expect_ok(register_image(h.world, h.caller, test::register_request("early", snap->id)));
  CHECK(test::image_of(h, h.caller, id).state == ImageState::kPending);
  h.settle();
  CHECK(test::image_of(h, h.caller, id).state == ImageState::kAvailable);
}

TEST_CASE("RegisterImage needs a root device with a snapshot the caller can use") {
  test::Harness h;
  const SnapshotId snap = test::own_snapshot(h, h.caller);
  RegisterImageRequest no_root = test::register_request("no-root", snap);
  no_root.root_device_name.clear();
  expect_error(register_image(h.world, h.caller, no_root), "MissingParameter");
  RegisterImageRequest wrong_root = test::register_request("wrong-root", snap);
  wrong_root.root_device_name = "/dev/sda1";
  expect_error(register_image(h.world, h.caller, wrong_root), "InvalidBlockDeviceMapping");
  expect_error(
      register_image(h.world, h.caller,
                     test::register_request("unknown", SnapshotId("snap-0123456789abcdef0"))),
      "InvalidSnapshot.NotFound");
  expect_error(
      register_image(h.world, h.caller, test::register_request("bad", SnapshotId("snap-1"))),
      "InvalidSnapshot.Malformed");
  const SnapshotId theirs = test::own_snapshot(h, h.as(kOther));
  expect_error(register_image(h.world, h.caller, test::register_request("theirs", theirs)),
               "InvalidSnapshot.NotFound");
  RegisterImageRequest small = test::register_request("small", snap);
  small.block_device_mappings[0].ebs->volume_size_gib = 4;
  const Error e =
      expect_error(register_image(h.world, h.caller, small), "InvalidBlockDeviceMapping");
  CHECK(e.message ==
        "Volume of size 4GB is smaller than snapshot '" + snap.str() + "', expect size >= 8GB");
}

TEST_CASE("RegisterImage accepts image tags only, and needs EBS mappings") {
  test::Harness h;
  const SnapshotId snap = test::own_snapshot(h, h.caller);
  RegisterImageRequest r = test::register_request("tags", snap);
  r.tag_specifications = {{"snapshot", {{"a", "b"}}}};
  expect_error(register_image(h.world, h.caller, r), "InvalidParameterValue");
  r.tag_specifications = {{"image", {{"a", "b"}}}};
  const ImageId id = expect_ok(register_image(h.world, h.caller, r));
  CHECK(test::image_of(h, h.caller, id).tags == Tags{{"a", "b"}});
  RegisterImageRequest s3 = test::register_request("from-s3", snap);
  s3.block_device_mappings.clear();
  s3.image_location = "bucket/image.manifest.xml";
  expect_error(register_image(h.world, h.caller, s3), "UnsupportedOperation");
}

// AWS refuses a volume type EBS does not have wherever a mapping names one, as CreateVolume does
// (InvalidParameterValue); amisim once stored any text and made volumes of type "foo".
TEST_CASE(
    "A mapping's unknown volume type is refused by RegisterImage, CreateImage, RunInstances") {
  test::Harness h;
  const SnapshotId snap = test::own_snapshot(h, h.caller);
  for (const std::string type : {"foo", "GP3", "gp4", ""}) {
    INFO(type);
    RegisterImageRequest reg = test::register_request("typed-" + type, snap);
    reg.block_device_mappings.at(0).ebs->volume_type = type;
    const Error e = expect_error(register_image(h.world, h.caller, reg), "InvalidParameterValue");
    CHECK(e.message.find("'" + type + "'") != std::string::npos);

    RunInstancesRequest run = test::al2023_request(h);
    EbsBlockDevice extra;
    extra.volume_size_gib = 10;
    extra.volume_type = type;
    run.block_device_mappings = {{"/dev/sdf", extra, "", false}};
    expect_error(run_instances(h.world, h.caller, run), "InvalidParameterValue");

    const InstanceId instance = test::launch(h, h.caller);
    CreateImageRequest create = test::create_request(instance, "typed-create");
    create.block_device_mappings = {{"/dev/sdf", extra, "", false}};
    expect_error(create_image(h.world, h.caller, create), "InvalidParameterValue");
  }
  // The root types register (st1 and sc1 cannot boot; io1 and io2 need IOPS).
  for (const std::string type : {"standard", "gp2", "gp3"}) {
    INFO(type);
    RegisterImageRequest reg = test::register_request("typed-" + type, snap);
    reg.block_device_mappings.at(0).ebs->volume_type = type;
    const ImageId id = expect_ok(register_image(h.world, h.caller, reg));
    CHECK(test::image_of(h, h.caller, id).mappings.at(0).ebs->volume_type == type);
  }
}
