// The volume and snapshot handlers (api/ec2/volumes.cpp, api/ec2/snapshots.cpp) through ec2::call:
// output shapes, state changes over model time, errors, paging and sharing. Every successful call
// is also checked against the service model and the XML round trip by test::Ec2.
#include <catch2/catch.hpp>
#include <set>
#include <string>

#include "sim/ebs/snapshots.hpp"
#include "sim/ebs/volumes.hpp"
#include "sim/instances/instances.hpp"
#include "tests/api/ec2_support.hpp"

using test::Ec2;
using test::Json;

namespace {

using test::kOther;

Json volume_input(int gib, const std::string& zone = "us-east-1a") {
  return {{"AvailabilityZone", zone}, {"Size", gib}};
}

// A new volume of the caller's, already available; returns its ID.
std::string available_volume(Ec2& ec2, int gib = 10, const std::string& zone = "us-east-1a",
                             const sim::Caller* who = nullptr) {
  const std::string id = ec2.ok("CreateVolume", volume_input(gib, zone), who)["VolumeId"];
  ec2.advance(sim::kVolumeCreateMs);
  return id;
}

Json describe_volume(Ec2& ec2, const std::string& id) {
  Json out = ec2.ok("DescribeVolumes", {{"VolumeIds", {id}}});
  REQUIRE(out["Volumes"].size() == 1);
  return out["Volumes"][0];
}

// A running instance in `zone`, launched on the model directly (not through RunInstances' handler).
std::string running_instance(Ec2& ec2, const std::string& zone = "us-east-1a") {
  sim::RunInstancesRequest r;
  r.image_id = ec2.catalogue_image("al2023-x86_64").str();
  r.instance_type = "t3.micro";
  r.availability_zone = sim::ZoneName(zone);
  const sim::InstanceId id =
      test::expect_ok(sim::run_instances(ec2.world, ec2.caller, r)).instances.at(0)->id;
  ec2.advance(5 * sim::kMinuteMs);
  REQUIRE(sim::find_instance(ec2.world, ec2.caller, id)->state == sim::InstanceState::kRunning);
  return id.str();
}

// A completed snapshot of a new volume; returns its ID.
std::string snapshot_of_new_volume(Ec2& ec2, const sim::Caller* who = nullptr) {
  const std::string volume =
      available_volume(ec2, 10, (who ? who->region.str() : "us-east-1") + "a", who);
  const std::string id = ec2.ok("CreateSnapshot", {{"VolumeId", volume}}, who)["SnapshotId"];
  ec2.advance(10 * sim::kMinuteMs);
  return id;
}

std::set<std::string> ids_in(const Json& list, const std::string& key) {
  std::set<std::string> out;
  for (const auto& item : list) out.insert(item[key].get<std::string>());
  return out;
}

}  // namespace

// --- volumes -------------------------------------------------------------------------------

TEST_CASE("CreateVolume answers the Volume shape, creating, then available after the model delay") {
  Ec2 ec2;
  Json v =
      ec2.ok("CreateVolume",
             {{"AvailabilityZone", "us-east-1b"},
              {"Size", 20},
              {"VolumeType", "io1"},
              {"Iops", 400},
              {"Encrypted", true},
              {"TagSpecifications",
               {{{"ResourceType", "volume"}, {"Tags", {{{"Key", "Name"}, {"Value", "data"}}}}}}}});
  const std::string id = v["VolumeId"];
  CHECK(id.rfind("vol-", 0) == 0);
  CHECK(v["Size"] == 20);
  CHECK(v["AvailabilityZone"] == "us-east-1b");
  CHECK(v["State"] == "creating");
  CHECK(v["VolumeType"] == "io1");
  CHECK(v["Iops"] == 400);
  CHECK(v["Encrypted"] == true);
  CHECK(v["MultiAttachEnabled"] == false);
  CHECK(v["Attachments"] == Json::array());
  CHECK(v["Tags"] == Json::parse(R"([{"Key":"Name","Value":"data"}])"));
  CHECK(v["CreateTime"] == sim::format_iso8601(ec2.world.now()));
  CHECK_FALSE(v.contains("SnapshotId"));  // not made from a snapshot
  CHECK_FALSE(v.contains("Throughput"));  // not given
  const sim::Volume& stored = ec2.world.region_of(ec2.caller).volumes.at(sim::VolumeId(id));
  CHECK(stored.size_gib == 20);
  CHECK(stored.iops == 400);

  ec2.advance(sim::kVolumeCreateMs - 1);
  CHECK(describe_volume(ec2, id)["State"] == "creating");
  ec2.advance(1);
  Json now = describe_volume(ec2, id);
  CHECK(now["State"] == "available");
  CHECK(now["VolumeId"] == id);
  CHECK(now["Tags"] == v["Tags"]);
}

TEST_CASE("CreateVolume takes AvailabilityZoneId and restores a snapshot at its size") {
  Ec2 ec2;
  std::string zone_id;
  for (const auto& r : ec2.world.fixtures().regions) {
    if (r.name.str() != "us-east-1") continue;
    for (const auto& z : r.zones) {
      if (z.name.str() == "us-east-1c") zone_id = z.zone_id;
    }
  }
  REQUIRE_FALSE(zone_id.empty());
  Json by_id = ec2.ok("CreateVolume", {{"AvailabilityZoneId", zone_id}, {"Size", 8}});
  CHECK(by_id["AvailabilityZone"] == "us-east-1c");
  CHECK(ec2.error("CreateVolume", {{"AvailabilityZoneId", "use1-az99"}, {"Size", 8}}).code ==
        "InvalidParameterValue");

  const std::string snap = snapshot_of_new_volume(ec2);  // of a 10 GiB volume
  Json restored =
      ec2.ok("CreateVolume", {{"AvailabilityZone", "us-east-1a"}, {"SnapshotId", snap}});
  CHECK(restored["SnapshotId"] == snap);
  CHECK(restored["Size"] == 10);
}

TEST_CASE("CreateVolume refuses bad input with the model's errors") {
  Ec2 ec2;
  CHECK(ec2.error("CreateVolume", {{"Size", 8}}).code == "MissingParameter");
  CHECK(ec2.error("CreateVolume", {{"AvailabilityZone", "us-east-1a"}}).code == "MissingParameter");
  CHECK(ec2.error("CreateVolume", volume_input(8, "eu-west-1a")).code == "InvalidParameterValue");
  Json bad_type = volume_input(8);
  bad_type["VolumeType"] = "floppy";
  CHECK(ec2.error("CreateVolume", bad_type).code == "InvalidParameterValue");
  CHECK(ec2.error("CreateVolume", {{"AvailabilityZone", "us-east-1a"}, {"Size", "8"}}).code ==
        "InvalidParameterValue");
  CHECK(ec2.error("CreateVolume", {{"AvailabilityZone", "us-east-1a"}, {"Size", 5000000000LL}})
            .code == "InvalidParameterValue");
  Json multi = volume_input(8);
  multi["MultiAttachEnabled"] = true;
  CHECK(ec2.error("CreateVolume", multi).code == "UnsupportedOperation");
  Json snap = {{"AvailabilityZone", "us-east-1a"}, {"SnapshotId", "snap-0123456789abcdef0"}};
  CHECK(ec2.error("CreateVolume", snap).code == "InvalidSnapshot.NotFound");
  CHECK(ec2.world.region_of(ec2.caller).volumes.empty());
}

TEST_CASE("AttachVolume and DetachVolume answer the VolumeAttachment shape, in-use in between") {
  Ec2 ec2;
  const std::string instance = running_instance(ec2);
  const std::string volume = available_volume(ec2);
  Json a = ec2.ok("AttachVolume",
                  {{"VolumeId", volume}, {"InstanceId", instance}, {"Device", "/dev/sdf"}});
  CHECK(a["VolumeId"] == volume);
  CHECK(a["InstanceId"] == instance);
  CHECK(a["Device"] == "/dev/sdf");
  CHECK(a["State"] == "attaching");
  CHECK(a["DeleteOnTermination"] == false);
  CHECK(a["AttachTime"] == sim::format_iso8601(ec2.world.now()));

  Json v = describe_volume(ec2, volume);
  CHECK(v["State"] == "in-use");
  REQUIRE(v["Attachments"].size() == 1);
  CHECK(v["Attachments"][0]["State"] == "attached");
  CHECK(v["Attachments"][0]["InstanceId"] == instance);
  Json by_instance =
      ec2.ok("DescribeVolumes",
             {{"Filters", {{{"Name", "attachment.instance-id"}, {"Values", {instance}}}}}});
  CHECK(ids_in(by_instance["Volumes"], "VolumeId").count(volume) == 1);
  // attachment.attach-time (APIREF DescribeVolumes Filter.N), ISO 8601 as AttachTime.
  Json by_time =
      ec2.ok("DescribeVolumes",
             {{"Filters", {{{"Name", "attachment.attach-time"}, {"Values", {a["AttachTime"]}}}}}});
  CHECK(ids_in(by_time["Volumes"], "VolumeId").count(volume) == 1);
  Json not_then =
      ec2.ok("DescribeVolumes",
             {{"Filters",
               {{{"Name", "attachment.attach-time"}, {"Values", {"2020-01-01T00:00:00.000Z"}}}}}});
  CHECK(not_then["Volumes"].empty());

  CHECK(ec2.error("DeleteVolume", {{"VolumeId", volume}}).code == "VolumeInUse");
  CHECK(ec2.error("AttachVolume",
                  {{"VolumeId", volume}, {"InstanceId", instance}, {"Device", "/dev/sdg"}})
            .code == "VolumeInUse");

  Json d = ec2.ok("DetachVolume", {{"VolumeId", volume}, {"InstanceId", instance}});
  CHECK(d["State"] == "detaching");
  CHECK(d["Device"] == "/dev/sdf");
  CHECK(describe_volume(ec2, volume)["State"] == "available");
  CHECK(describe_volume(ec2, volume)["Attachments"] == Json::array());
  CHECK(ec2.error("DetachVolume", {{"VolumeId", volume}}).code == "IncorrectState");
}

TEST_CASE("DeleteVolume answers nothing, the volume is deleting, then gone") {
  Ec2 ec2;
  const std::string volume = available_volume(ec2);
  CHECK(ec2.ok("DeleteVolume", {{"VolumeId", volume}}) == Json::object());
  CHECK(describe_volume(ec2, volume)["State"] == "deleting");
  ec2.advance(sim::kVolumeDeleteMs);
  CHECK(ec2.error("DescribeVolumes", {{"VolumeIds", {volume}}}).code == "InvalidVolume.NotFound");
  CHECK(ec2.ok("DescribeVolumes")["Volumes"] == Json::array());
}

TEST_CASE("Volume calls with wrong IDs answer NotFound, Malformed or MissingParameter") {
  Ec2 ec2;
  const std::string instance = running_instance(ec2);
  const std::string mine = available_volume(ec2);
  const std::string absent = "vol-0123456789abcdef0";
  CHECK(ec2.error("DescribeVolumes", {{"VolumeIds", {absent}}}).code == "InvalidVolume.NotFound");
  CHECK(ec2.error("DescribeVolumes", {{"VolumeIds", {"vol-xyz"}}}).code ==
        "InvalidVolume.Malformed");
  CHECK(ec2.error("DeleteVolume", {{"VolumeId", absent}}).code == "InvalidVolume.NotFound");
  CHECK(ec2.error("DeleteVolume", {{"VolumeId", "volume-1"}}).code == "InvalidVolume.Malformed");
  CHECK(ec2.error("DeleteVolume").code == "MissingParameter");
  CHECK(ec2.error("AttachVolume",
                  {{"VolumeId", absent}, {"InstanceId", instance}, {"Device", "/dev/sdf"}})
            .code == "InvalidVolume.NotFound");
  CHECK(
      ec2.error("AttachVolume",
                {{"VolumeId", mine}, {"InstanceId", "i-0123456789abcdef0"}, {"Device", "/dev/sdf"}})
          .code == "InvalidInstanceID.NotFound");
  CHECK(ec2.error("AttachVolume", {{"VolumeId", mine}, {"InstanceId", instance}}).code ==
        "MissingParameter");
  CHECK(ec2.error("DetachVolume", {{"VolumeId", absent}}).code == "InvalidVolume.NotFound");
  // Another account does not see the volume at all.
  sim::Caller other = ec2.as(kOther);
  CHECK(ec2.error("DescribeVolumes", {{"VolumeIds", {mine}}}, &other).code ==
        "InvalidVolume.NotFound");
  CHECK(ec2.ok("DescribeVolumes", Json::object(), &other)["Volumes"] == Json::array());
}

TEST_CASE("DescribeVolumes filters, and its pages together are the full list") {
  Ec2 ec2;
  std::set<std::string> all;
  std::set<std::string> in_b;
  for (int i = 0; i < 7; ++i) {
    const std::string zone = i < 3 ? "us-east-1b" : "us-east-1a";
    const std::string id = ec2.ok("CreateVolume", volume_input(8 + i, zone))["VolumeId"];
    all.insert(id);
    if (i < 3) in_b.insert(id);
  }
  Json b = ec2.ok("DescribeVolumes",
                  {{"Filters", {{{"Name", "availability-zone"}, {"Values", {"us-east-1b"}}}}}});
  CHECK(ids_in(b["Volumes"], "VolumeId") == in_b);
  CHECK(
      ec2.error("DescribeVolumes", {{"Filters", {{{"Name", "colour"}, {"Values", {"x"}}}}}}).code ==
      "InvalidFilter");

  Json first = ec2.ok("DescribeVolumes", {{"MaxResults", 5}});
  CHECK(first["Volumes"].size() == 5);
  REQUIRE(first.contains("NextToken"));
  Json second = ec2.ok("DescribeVolumes", {{"MaxResults", 5}, {"NextToken", first["NextToken"]}});
  CHECK(second["Volumes"].size() == 2);
  CHECK_FALSE(second.contains("NextToken"));
  std::set<std::string> paged = ids_in(first["Volumes"], "VolumeId");
  for (const auto& id : ids_in(second["Volumes"], "VolumeId")) CHECK(paged.insert(id).second);
  CHECK(paged == all);
  CHECK(ec2.error("DescribeVolumes", {{"MaxResults", 5}, {"VolumeIds", {*all.begin()}}}).code ==
        "InvalidParameterCombination");
}

// --- snapshots -----------------------------------------------------------------------------

TEST_CASE("CreateSnapshot answers the Snapshot shape: pending, then completed at 100%") {
  Ec2 ec2;
  const std::string volume = available_volume(ec2, 12);
  Json s = ec2.ok("CreateSnapshot",
                  {{"VolumeId", volume},
                   {"Description", "nightly"},
                   {"TagSpecifications",
                    {{{"ResourceType", "snapshot"}, {"Tags", {{{"Key", "k"}, {"Value", "v"}}}}}}}});
  const std::string id = s["SnapshotId"];
  CHECK(id.rfind("snap-", 0) == 0);
  CHECK(s["VolumeId"] == volume);
  CHECK(s["VolumeSize"] == 12);
  CHECK(s["State"] == "pending");
  CHECK(s["OwnerId"] == ec2.caller.account.str());
  CHECK(s["Description"] == "nightly");
  CHECK(s["Encrypted"] == false);
  CHECK(s["StorageTier"] == "standard");
  CHECK(s["StartTime"] == sim::format_iso8601(ec2.world.now()));
  CHECK(s["Progress"] == "0%");
  CHECK(s["Tags"] == Json::parse(R"([{"Key":"k","Value":"v"}])"));
  CHECK_FALSE(s.contains("CompletionTime"));

  ec2.advance(sim::snapshot_duration(0));  // the volume has no data written
  Json done = ec2.ok("DescribeSnapshots", {{"SnapshotIds", {id}}});
  REQUIRE(done["Snapshots"].size() == 1);
  CHECK(done["Snapshots"][0]["State"] == "completed");
  CHECK(done["Snapshots"][0]["Progress"] == "100%");
  CHECK(done["Snapshots"][0]["CompletionTime"] == sim::format_iso8601(ec2.world.now()));

  CHECK(ec2.error("CreateSnapshot", {{"VolumeId", "vol-0123456789abcdef0"}}).code ==
        "InvalidVolume.NotFound");
  CHECK(ec2.error("CreateSnapshot").code == "MissingParameter");
}

TEST_CASE("DescribeSnapshots OwnerIds self lists the caller's snapshots only") {
  Ec2 ec2;
  const std::string a = snapshot_of_new_volume(ec2);
  const std::string b = snapshot_of_new_volume(ec2);
  sim::Caller other = ec2.as(kOther);
  const std::string theirs = snapshot_of_new_volume(ec2, &other);
  Json self = ec2.ok("DescribeSnapshots", {{"OwnerIds", {"self"}}});
  CHECK(ids_in(self["Snapshots"], "SnapshotId") == std::set<std::string>{a, b});
  Json by_account = ec2.ok("DescribeSnapshots", {{"OwnerIds", {kOther}}}, &other);
  CHECK(ids_in(by_account["Snapshots"], "SnapshotId") == std::set<std::string>{theirs});
  // A private snapshot of another account is left out even when named.
  Json named = ec2.ok("DescribeSnapshots", {{"SnapshotIds", {theirs}}});
  CHECK(named["Snapshots"] == Json::array());
  for (const auto& s : ec2.ok("DescribeSnapshots", {{"OwnerIds", {"amazon"}}})["Snapshots"]) {
    CHECK(s["OwnerAlias"] == "amazon");
  }
  CHECK(ec2.error("DescribeSnapshots", {{"OwnerIds", {"nobody"}}}).code ==
        "InvalidUserID.Malformed");
  CHECK(ec2.error("DescribeSnapshots", {{"SnapshotIds", {"snap-0123456789abcdef0"}}}).code ==
        "InvalidSnapshot.NotFound");
  CHECK(ec2.error("DescribeSnapshots", {{"SnapshotIds", {"snap-?"}}}).code ==
        "InvalidSnapshot.Malformed");
}

TEST_CASE("DescribeSnapshots pages together are the full list") {
  Ec2 ec2;
  std::set<std::string> all;
  for (int i = 0; i < 7; ++i) all.insert(snapshot_of_new_volume(ec2));
  Json request = {{"OwnerIds", {"self"}}, {"MaxResults", 5}};
  std::set<std::string> paged;
  int pages = 0;
  for (;;) {
    Json out = ec2.ok("DescribeSnapshots", request);
    ++pages;
    CHECK(out["Snapshots"].size() <= 5);
    for (const auto& id : ids_in(out["Snapshots"], "SnapshotId")) CHECK(paged.insert(id).second);
    if (!out.contains("NextToken")) break;
    request["NextToken"] = out["NextToken"];
    REQUIRE(pages < 10);
  }
  CHECK(pages == 2);
  CHECK(paged == all);
  CHECK(ec2.error("DescribeSnapshots", {{"MaxResults", 3}}).code == "InvalidParameterValue");
  CHECK(ec2.error("DescribeSnapshots", {{"MaxResults", 5}, {"SnapshotIds", {*all.begin()}}}).code ==
        "InvalidParameterCombination");
  CHECK(ec2.error("DescribeSnapshots", {{"NextToken", "garbage"}}).code ==
        "InvalidPaginationToken");
}

TEST_CASE("DeleteSnapshot answers nothing, a snapshot an image uses is InvalidSnapshot.InUse") {
  Ec2 ec2;
  const std::string gone = snapshot_of_new_volume(ec2);
  CHECK(ec2.ok("DeleteSnapshot", {{"SnapshotId", gone}}) == Json::object());
  CHECK(ec2.error("DescribeSnapshots", {{"SnapshotIds", {gone}}}).code ==
        "InvalidSnapshot.NotFound");
  CHECK(ec2.error("DeleteSnapshot", {{"SnapshotId", gone}}).code == "InvalidSnapshot.NotFound");
  CHECK(ec2.error("DeleteSnapshot", {{"SnapshotId", "snap-1"}}).code ==
        "InvalidSnapshot.Malformed");

  // An image mapping the snapshot, put straight into the Region as RegisterImage would.
  const std::string used = snapshot_of_new_volume(ec2);
  sim::Image image;
  image.id = sim::ImageId(ec2.world.new_id("ami"));
  image.region = ec2.caller.region;
  image.owner = ec2.caller.account;
  image.state = sim::ImageState::kAvailable;
  sim::EbsBlockDevice ebs;
  ebs.snapshot_id = sim::SnapshotId(used);
  image.mappings.push_back(sim::BlockDeviceMapping{"/dev/xvda", ebs, "", false});
  const sim::ImageId image_id = image.id;
  ec2.world.region_of(ec2.caller).images.emplace(image_id, std::move(image));
  auto e = ec2.error("DeleteSnapshot", {{"SnapshotId", used}});
  CHECK(e.code == "InvalidSnapshot.InUse");
  CHECK(e.message.find(image_id.str()) != std::string::npos);
  CHECK(ec2.ok("DescribeSnapshots", {{"SnapshotIds", {used}}})["Snapshots"].size() == 1);
}

TEST_CASE("ModifySnapshotAttribute createVolumePermission shares a snapshot with another account") {
  Ec2 ec2;
  const std::string snap = snapshot_of_new_volume(ec2);
  sim::Caller other = ec2.as(kOther);
  Json restore = {{"AvailabilityZone", "us-east-1a"}, {"SnapshotId", snap}};
  CHECK(ec2.error("CreateVolume", restore, &other).code == "InvalidSnapshot.NotFound");
  Json perms = ec2.ok("DescribeSnapshotAttribute",
                      {{"SnapshotId", snap}, {"Attribute", "createVolumePermission"}});
  CHECK(perms["SnapshotId"] == snap);
  CHECK(perms["CreateVolumePermissions"] == Json::array());

  Json add = {{"SnapshotId", snap},
              {"Attribute", "createVolumePermission"},
              {"CreateVolumePermission", {{"Add", {{{"UserId", kOther}}}}}}};
  CHECK(ec2.ok("ModifySnapshotAttribute", add) == Json::object());
  perms = ec2.ok("DescribeSnapshotAttribute",
                 {{"SnapshotId", snap}, {"Attribute", "createVolumePermission"}});
  CHECK(perms["CreateVolumePermissions"] == Json::parse(R"([{"UserId":"210987654321"}])"));
  Json shared = ec2.ok("DescribeSnapshots", {{"RestorableByUserIds", {"self"}}}, &other);
  CHECK(ids_in(shared["Snapshots"], "SnapshotId") == std::set<std::string>{snap});
  CHECK(shared["Snapshots"][0]["OwnerId"] == ec2.caller.account.str());
  Json volume = ec2.ok("CreateVolume", restore, &other);
  CHECK(volume["SnapshotId"] == snap);
  // The other account may see but not change or delete it.
  CHECK(ec2.error("DeleteSnapshot", {{"SnapshotId", snap}}, &other).code ==
        "UnauthorizedOperation");
  CHECK(ec2.error("DescribeSnapshotAttribute",
                  {{"SnapshotId", snap}, {"Attribute", "createVolumePermission"}}, &other)
            .code == "UnauthorizedOperation");

  // The older spelling: OperationType + GroupNames makes it public; Remove takes the account off.
  CHECK(ec2.ok("ModifySnapshotAttribute", {{"SnapshotId", snap},
                                           {"Attribute", "createVolumePermission"},
                                           {"OperationType", "add"},
                                           {"GroupNames", {"all"}}}) == Json::object());
  ec2.ok("ModifySnapshotAttribute",
         {{"SnapshotId", snap}, {"CreateVolumePermission", {{"Remove", {{{"UserId", kOther}}}}}}});
  perms = ec2.ok("DescribeSnapshotAttribute",
                 {{"SnapshotId", snap}, {"Attribute", "createVolumePermission"}});
  CHECK(perms["CreateVolumePermissions"] == Json::parse(R"([{"Group":"all"}])"));
}

TEST_CASE("ModifySnapshotAttribute takes Packer's UserIds beside CreateVolumePermission.Add",
          "[tools]") {
  // hashicorp/packer snapshot_users: UserIds and CreateVolumePermission.Add, no OperationType.
  Ec2 ec2;
  const std::string snap = snapshot_of_new_volume(ec2);
  ec2.ok("ModifySnapshotAttribute",
         {{"SnapshotId", snap},
          {"UserIds", {kOther}},
          {"CreateVolumePermission", {{"Add", {{{"UserId", kOther}}}}}}});
  Json perms = ec2.ok("DescribeSnapshotAttribute",
                      {{"SnapshotId", snap}, {"Attribute", "createVolumePermission"}});
  CHECK(perms["CreateVolumePermissions"] == Json::parse(R"([{"UserId":"210987654321"}])"));
}

TEST_CASE("ModifySnapshotAttribute is all-or-nothing and refuses bad input") {
  Ec2 ec2;
  const std::string snap = snapshot_of_new_volume(ec2);
  const std::string before = ec2.world.digest();
  Json half_bad = {{"SnapshotId", snap},
                   {"CreateVolumePermission",
                    {{"Add", {{{"UserId", kOther}}}}, {"Remove", {{{"UserId", "not-an-id"}}}}}}};
  CHECK(ec2.error("ModifySnapshotAttribute", half_bad).code == "InvalidUserID.Malformed");
  CHECK(ec2.world.digest() == before);
  CHECK(ec2.error("ModifySnapshotAttribute",
                  {{"SnapshotId", snap},
                   {"OperationType", "add"},
                   {"CreateVolumePermission", {{"Add", {{{"UserId", kOther}}}}}}})
            .code == "InvalidParameterCombination");
  CHECK(ec2.error("ModifySnapshotAttribute",
                  {{"SnapshotId", snap}, {"OperationType", "add"}, {"GroupNames", {"friends"}}})
            .code == "InvalidParameterValue");
  CHECK(ec2.error("ModifySnapshotAttribute", {{"SnapshotId", snap}, {"UserIds", {kOther}}}).code ==
        "InvalidParameterValue");  // no operation
  CHECK(ec2.error("ModifySnapshotAttribute",
                  {{"SnapshotId", "snap-0123456789abcdef0"}, {"OperationType", "add"}})
            .code == "InvalidSnapshot.NotFound");
  CHECK(ec2.error("DescribeSnapshotAttribute", {{"SnapshotId", snap}, {"Attribute", "colour"}})
            .code == "InvalidParameterValue");
  CHECK(ec2.error("DescribeSnapshotAttribute", {{"SnapshotId", snap}}).code == "MissingParameter");
  CHECK(ec2.world.digest() == before);
}

// APIREF CreateSnapshots: "Any attached volumes will produce one snapshot each that is
// crash-consistent across the instance", the root volume excluded with ExcludeBootVolume and data
// volumes with ExcludeDataVolumeIds; tags and description apply to every snapshot, and
// CopyTagsFromSource "volume" copies each volume's tags to its snapshot.
TEST_CASE("CreateSnapshots snapshots every attached volume of an instance, with its exclusions") {
  Ec2 ec2;
  const std::string instance = running_instance(ec2);
  const std::string root =
      ec2.ok("DescribeInstances",
             {{"InstanceIds", {instance}}})["Reservations"][0]["Instances"][0]
                                           ["BlockDeviceMappings"][0]["Ebs"]["VolumeId"];
  std::vector<std::string> data;
  for (const char* device : {"/dev/sdf", "/dev/sdg"}) {
    const std::string v = available_volume(ec2, 4);
    ec2.ok("CreateTags", {{"Resources", {v}}, {"Tags", {{{"Key", "disk"}, {"Value", device}}}}});
    ec2.ok("AttachVolume", {{"VolumeId", v}, {"InstanceId", instance}, {"Device", device}});
    data.push_back(v);
  }
  ec2.settle();
  const Json spec = {{"InstanceId", instance}};
  const std::size_t before =
      ec2.ok("DescribeSnapshots", {{"OwnerIds", {"self"}}})["Snapshots"].size();
  CHECK(ec2.error("CreateSnapshots", {{"InstanceSpecification", spec}, {"DryRun", true}}).code ==
        "DryRunOperation");
  CHECK(ec2.ok("DescribeSnapshots", {{"OwnerIds", {"self"}}})["Snapshots"].size() == before);

  Json all =
      ec2.ok("CreateSnapshots",
             {{"InstanceSpecification", spec},
              {"Description", "nightly"},
              {"CopyTagsFromSource", "volume"},
              {"TagSpecifications",
               {{{"ResourceType", "snapshot"}, {"Tags", {{{"Key", "set"}, {"Value", "1"}}}}}}}});
  REQUIRE(all["Snapshots"].size() == 3);
  CHECK(ids_in(all["Snapshots"], "VolumeId") == std::set<std::string>{root, data[0], data[1]});
  for (const Json& s : all["Snapshots"]) {
    CHECK(s["Description"] == "nightly");
    CHECK(s["State"] == "pending");
    std::set<std::string> keys;
    for (const auto& t : s["Tags"]) keys.insert(t["Key"].get<std::string>());
    CHECK(keys.count("set") == 1);
    CHECK(keys.count("disk") == (s["VolumeId"] == root ? 0u : 1u));
  }
  Json data_only = ec2.ok("CreateSnapshots", {{"InstanceSpecification",
                                               {{"InstanceId", instance},
                                                {"ExcludeBootVolume", true},
                                                {"ExcludeDataVolumeIds", {data[1]}}}}});
  REQUIRE(data_only["Snapshots"].size() == 1);
  CHECK(data_only["Snapshots"][0]["VolumeId"] == data[0]);

  // Refusals, each changing nothing.
  auto refused = [&](Json in) { return ec2.error("CreateSnapshots", in).code; };
  CHECK(refused({{"InstanceSpecification", {{"InstanceId", "i-0123456789abcdef0"}}}}) ==
        "InvalidInstanceID.NotFound");
  CHECK(refused({{"InstanceSpecification", {{"InstanceId", "i-nope"}}}}) ==
        "InvalidInstanceID.Malformed");
  CHECK(refused({{"InstanceSpecification",
                  {{"InstanceId", instance}, {"ExcludeDataVolumeIds", {root}}}}}) ==
        "InvalidParameterValue");
  CHECK(refused({{"InstanceSpecification",
                  {{"InstanceId", instance},
                   {"ExcludeBootVolume", true},
                   {"ExcludeDataVolumeIds", {data[0], data[1]}}}}}) == "InvalidParameterValue");
  CHECK(refused(
            {{"InstanceSpecification",
              {{"InstanceId", instance}, {"ExcludeDataVolumeIds", {"vol-0123456789abcdef0"}}}}}) ==
        "InvalidParameterValue");
  CHECK(refused({{"InstanceSpecification", spec}, {"CopyTagsFromSource", "instance"}}) ==
        "InvalidParameterValue");
  CHECK(refused({{"Description", "no spec"}}) == "MissingParameter");
  const sim::Caller other = ec2.as(kOther);
  CHECK(ec2.error("CreateSnapshots", {{"InstanceSpecification", spec}}, &other).code ==
        "InvalidInstanceID.NotFound");
  CHECK(ec2.ok("DescribeSnapshots", {{"OwnerIds", {"self"}}})["Snapshots"].size() == before + 4);
}
