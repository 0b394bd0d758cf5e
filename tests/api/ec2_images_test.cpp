// The image handlers through ec2::call: input JSON to the model and back in the SDK's shape.
// Every successful call is also checked against the service model's output shape and an XML
// round trip (tests/api/ec2_support.hpp). Setup that is not under test (instances, snapshots)
// goes straight to the model.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "sim/tagging.hpp"
#include "sim/timeline.hpp"
#include "tests/api/ec2_support.hpp"
#include "tests/sim/images/image_fixture.hpp"

using test::Ec2;
using test::Json;

namespace {

using test::kOther;

std::vector<std::string> ids_of(const Json& out) {
  std::vector<std::string> ids;
  for (const auto& i : out.at("Images")) ids.push_back(i.at("ImageId").get<std::string>());
  return ids;
}

// The one image DescribeImages answers for `id` as `who`.
using test::describe_image;

// An available image of the default caller's, registered through the handler from a new
// completed snapshot.
std::string registered(Ec2& ec2, const std::string& name) {
  const sim::SnapshotId snap = test::own_snapshot(ec2, ec2.caller);
  Json in = {{"Name", name},
             {"RootDeviceName", "/dev/xvda"},
             {"Architecture", "x86_64"},
             {"VirtualizationType", "hvm"},
             {"BlockDeviceMappings",
              {{{"DeviceName", "/dev/xvda"}, {"Ebs", {{"SnapshotId", snap.str()}}}}}}};
  return ec2.ok("RegisterImage", in).at("ImageId").get<std::string>();
}

}  // namespace

TEST_CASE(
    "DescribeImages Owners=amazon with a name filter answers the catalogue image in the "
    "SDK's shape",
    "[ec2][images]") {
  Ec2 ec2;
  Json out = ec2.ok("DescribeImages",
                    {{"Owners", {"amazon"}},
                     {"Filters", {{{"Name", "name"}, {"Values", {"al2023-ami-*-x86_64"}}}}}});
  REQUIRE(out["Images"].size() == 1);
  CHECK_FALSE(out.contains("NextToken"));
  const Json& image = out["Images"][0];
  const sim::ImageId id = ec2.catalogue_image("al2023-x86_64");
  CHECK(image["ImageId"] == id.str());
  // Expected values from fixtures/images.json (the catalogue), not from the handler.
  CHECK(image["Name"] == "al2023-ami-2023.6.20250218.2-kernel-6.1-x86_64");
  CHECK(image["OwnerId"] == "137112412989");
  CHECK(image["ImageOwnerAlias"] == "amazon");
  CHECK(image["CreationDate"] == "2025-02-20T21:32:31.000Z");
  CHECK(image["State"] == "available");
  CHECK(image["Public"] == true);
  CHECK(image["Architecture"] == "x86_64");
  CHECK(image["PlatformDetails"] == "Linux/UNIX");
  CHECK(image["RootDeviceName"] == "/dev/xvda");
  CHECK(image["RootDeviceType"] == "ebs");
  CHECK(image["BootMode"] == "uefi-preferred");
  CHECK(image["ImdsSupport"] == "v2.0");
  CHECK(image["EnaSupport"] == true);
  CHECK(image["FreeTierEligible"] == true);
  CHECK(image["DeregistrationProtection"] == "disabled");
  CHECK_FALSE(image.contains("Platform"));  // only "windows" is ever written
  CHECK_FALSE(image.contains("DeprecationTime"));
  REQUIRE(image["BlockDeviceMappings"].size() == 1);
  const Json& root = image["BlockDeviceMappings"][0];
  CHECK(root["DeviceName"] == "/dev/xvda");
  const sim::Image& model = test::image_of(ec2, ec2.caller, id);
  CHECK(root["Ebs"]["SnapshotId"] == model.mappings.at(0).ebs->snapshot_id->str());
  CHECK(root["Ebs"]["VolumeType"] == "gp3");

  Json windows = describe_image(ec2, ec2.catalogue_image("windows-2022-x86_64").str());
  CHECK(windows["Platform"] == "windows");
}

TEST_CASE("DescribeImages by ID: unknown IDs are NotFound, malformed ones Malformed",
          "[ec2][images]") {
  Ec2 ec2;
  const std::string id = ec2.catalogue_image("debian-12-x86_64").str();
  CHECK(describe_image(ec2, id)["ImageId"] == id);

  auto missing = ec2.error("DescribeImages", {{"ImageIds", {id, "ami-0123456789abcdef0"}}});
  CHECK(missing.code == "InvalidAMIID.NotFound");
  CHECK(missing.message.find("ami-0123456789abcdef0") != std::string::npos);
  CHECK(missing.http_status == 400);
  auto malformed = ec2.error("DescribeImages", {{"ImageIds", {"ami-xyz"}}});
  CHECK(malformed.code == "InvalidAMIID.Malformed");
  CHECK(ec2.error("DescribeImages", {{"Owners", {"nobody"}}}).code == "InvalidUserID.Malformed");
  CHECK(
      ec2.error("DescribeImages", {{"Filters", {{{"Name", "colour"}, {"Values", {"x"}}}}}}).code ==
      "InvalidFilter");
  // Wrong JSON types are refused by the accessors, never trusted.
  CHECK(ec2.error("DescribeImages", {{"ImageIds", id}}).code == "InvalidParameterValue");
  CHECK(ec2.error("DescribeImages", {{"IncludeDeprecated", "yes"}}).code ==
        "InvalidParameterValue");
}

TEST_CASE("DescribeImages pages with MaxResults/NextToken cover the unpaginated list",
          "[ec2][images]") {
  Ec2 ec2;
  const Json all = ec2.ok("DescribeImages", {{"Owners", {"amazon"}}});
  const std::vector<std::string> expected = ids_of(all);
  REQUIRE(expected.size() > 5);  // so that there is a second page

  std::vector<std::string> paged;
  Json in = {{"Owners", {"amazon"}}, {"MaxResults", 5}};
  int pages = 0;
  for (; pages < 10; ++pages) {
    Json out = ec2.ok("DescribeImages", in);
    CHECK(out["Images"].size() <= 5);
    for (auto& id : ids_of(out)) paged.push_back(id);
    if (!out.contains("NextToken")) break;
    in["NextToken"] = out["NextToken"];
  }
  CHECK(pages == 1);  // two pages: the loop broke on the second
  CHECK(paged == expected);

  CHECK(ec2.error("DescribeImages", {{"MaxResults", 4}}).code == "InvalidParameterValue");
  CHECK(ec2.error("DescribeImages", {{"ImageIds", {expected[0]}}, {"MaxResults", 5}}).code ==
        "InvalidParameterCombination");
  CHECK(ec2.error("DescribeImages", {{"NextToken", "not-a-token"}}).code ==
        "InvalidPaginationToken");
}

TEST_CASE("CreateImage from an instance is pending, then available, its name cannot be reused",
          "[ec2][images]") {
  Ec2 ec2;
  const sim::InstanceId instance = test::launch(ec2, ec2.caller);
  Json in = {{"InstanceId", instance.str()},
             {"Name", "web-server v1"},
             {"Description", "baked by the test"},
             {"NoReboot", true},
             {"BlockDeviceMappings",
              {{{"DeviceName", "/dev/xvda"}, {"Ebs", {{"DeleteOnTermination", false}}}}}},
             {"TagSpecifications",
              {{{"ResourceType", "image"}, {"Tags", {{{"Key", "role"}, {"Value", "web"}}}}}}}};
  const std::string id = ec2.ok("CreateImage", in).at("ImageId").get<std::string>();
  CHECK(sim::is_well_formed_id("ami", id));

  Json pending = describe_image(ec2, id);
  CHECK(pending["State"] == "pending");
  ec2.settle();
  Json image = describe_image(ec2, id);
  CHECK(image["State"] == "available");
  CHECK(image["Name"] == "web-server v1");
  CHECK(image["Description"] == "baked by the test");
  CHECK(image["OwnerId"] == ec2.caller.account.str());
  CHECK(image["Public"] == false);
  CHECK(image["SourceInstanceId"] == instance.str());
  CHECK(image["ImageLocation"] == ec2.caller.account.str() + "/web-server v1");
  CHECK_FALSE(image.contains("ImageOwnerAlias"));
  CHECK(image["Tags"] == Json::array({{{"Key", "role"}, {"Value", "web"}}}));
  REQUIRE(image["BlockDeviceMappings"].size() == 1);
  CHECK(image["BlockDeviceMappings"][0]["Ebs"]["DeleteOnTermination"] == false);
  CHECK(image["BlockDeviceMappings"][0]["Ebs"]["VolumeSize"] == 8);

  in.erase("TagSpecifications");
  auto dup = ec2.error("CreateImage", in);
  CHECK(dup.code == "InvalidAMIName.Duplicate");
  CHECK(dup.message.find(id) != std::string::npos);
  CHECK(ec2.error("CreateImage", {{"InstanceId", instance.str()}}).code == "MissingParameter");
  CHECK(ec2.error("CreateImage", {{"InstanceId", "i-0123456789abcdef0"}, {"Name", "x-1"}}).code ==
        "InvalidInstanceID.NotFound");
  CHECK(ec2.error("CreateImage",
                  {{"InstanceId", instance.str()}, {"Name", "x-2"}, {"NoReboot", "yes"}})
            .code == "InvalidParameterValue");
}

TEST_CASE("RegisterImage passes every member through to the image", "[ec2][images]") {
  Ec2 ec2;
  const sim::SnapshotId snap = test::own_snapshot(ec2, ec2.caller);
  Json in = {{"Name", "registered"},
             {"Description", "from a snapshot"},
             {"RootDeviceName", "/dev/sda1"},
             {"Architecture", "arm64"},
             {"VirtualizationType", "hvm"},
             {"EnaSupport", true},
             {"BootMode", "uefi"},
             {"TpmSupport", "v2.0"},
             {"ImdsSupport", "v2.0"},
             {"SriovNetSupport", "simple"},
             {"BlockDeviceMappings",
              {{{"DeviceName", "/dev/sda1"},
                {"Ebs", {{"SnapshotId", snap.str()}, {"VolumeSize", 20}, {"VolumeType", "gp2"}}}},
               {{"DeviceName", "/dev/sdb"}, {"VirtualName", "ephemeral0"}}}}};
  const std::string id = ec2.ok("RegisterImage", in).at("ImageId").get<std::string>();
  Json image = describe_image(ec2, id);
  CHECK(image["State"] == "available");
  CHECK(image["Description"] == "from a snapshot");
  CHECK(image["RootDeviceName"] == "/dev/sda1");
  CHECK(image["Architecture"] == "arm64");
  CHECK(image["EnaSupport"] == true);
  CHECK(image["BootMode"] == "uefi");
  CHECK(image["TpmSupport"] == "v2.0");
  CHECK(image["ImdsSupport"] == "v2.0");
  CHECK(image["SriovNetSupport"] == "simple");
  REQUIRE(image["BlockDeviceMappings"].size() == 2);
  const Json& root = image["BlockDeviceMappings"][0];
  CHECK(root["Ebs"]["SnapshotId"] == snap.str());
  CHECK(root["Ebs"]["VolumeSize"] == 20);
  CHECK(root["Ebs"]["VolumeType"] == "gp2");
  CHECK(image["BlockDeviceMappings"][1]["VirtualName"] == "ephemeral0");
  CHECK_FALSE(image["BlockDeviceMappings"][1].contains("Ebs"));

  // AWS's defaults: i386 and paravirtual (aws-facts.md §3.4).
  in["Name"] = "no-arch";
  in.erase("Architecture");
  in.erase("VirtualizationType");
  Json plain = describe_image(ec2, ec2.ok("RegisterImage", in)["ImageId"].get<std::string>());
  CHECK(plain["Architecture"] == "i386");
  CHECK(plain["VirtualizationType"] == "paravirtual");

  CHECK(ec2.error("RegisterImage", {{"Name", "no-mappings"}}).code == "UnsupportedOperation");
  CHECK(ec2.error("RegisterImage", {{"RootDeviceName", "/dev/xvda"}}).code == "MissingParameter");
}

TEST_CASE("DeregisterImage answers Return, deletes snapshots when asked, and cannot repeat",
          "[ec2][images]") {
  Ec2 ec2;
  const std::string keep = registered(ec2, "keep-snapshots");
  Json out = ec2.ok("DeregisterImage", {{"ImageId", keep}});
  CHECK(out == Json{{"Return", true}});
  CHECK(describe_image(ec2, keep)["State"] == "deregistered");
  CHECK(ids_of(ec2.ok("DescribeImages", {{"Owners", {"self"}}})).empty());
  CHECK(ec2.error("DeregisterImage", {{"ImageId", keep}}).code == "InvalidAMIID.Unavailable");

  const std::string drop = registered(ec2, "drop-snapshots");
  const std::string snap =
      describe_image(ec2, drop)["BlockDeviceMappings"][0]["Ebs"]["SnapshotId"].get<std::string>();
  out = ec2.ok("DeregisterImage", {{"ImageId", drop}, {"DeleteAssociatedSnapshots", true}});
  CHECK(out["Return"] == true);
  REQUIRE(out["DeleteSnapshotResults"].size() == 1);
  CHECK(out["DeleteSnapshotResults"][0]["SnapshotId"] == snap);
  CHECK(out["DeleteSnapshotResults"][0]["ReturnCode"] == "success");
  CHECK(ec2.world.region_of(ec2.caller).snapshots.count(sim::SnapshotId(snap)) == 0);

  CHECK(ec2.error("DeregisterImage").code == "MissingParameter");
  CHECK(ec2.error("DeregisterImage", {{"ImageId", ec2.catalogue_image("al2-x86_64").str()}}).code ==
        "AuthFailure");
}

TEST_CASE("launchPermission shares an image with another account and takes it back",
          "[ec2][images]") {
  Ec2 ec2;
  const sim::Caller other = ec2.as(kOther);
  const std::string id = registered(ec2, "shared-image");
  test::expect_ok(sim::create_tags(ec2.world, ec2.caller, {id}, {{"secret", "x"}}));
  CHECK(ec2.error("DescribeImages", {{"ImageIds", {id}}}, &other).code == "InvalidAMIID.NotFound");

  Json add = {{"ImageId", id}, {"LaunchPermission", {{"Add", {{{"UserId", kOther}}}}}}};
  CHECK(ec2.ok("ModifyImageAttribute", add) == Json::object());
  Json seen = describe_image(ec2, id, &other);
  CHECK(seen["OwnerId"] == ec2.caller.account.str());
  CHECK_FALSE(seen.contains("Tags"));  // user tags are the owner's (aws-facts.md §3.8)
  CHECK(describe_image(ec2, id).contains("Tags"));
  CHECK(ids_of(ec2.ok("DescribeImages", {{"ExecutableUsers", {"self"}}}, &other)) ==
        std::vector<std::string>{id});
  // Tags it cannot see cannot find it either; the owner finds it by them.
  for (const Json& f : {Json{{"Name", "tag:secret"}, {"Values", {"x"}}},
                        Json{{"Name", "tag-key"}, {"Values", {"secret"}}}}) {
    INFO(f.dump());
    CHECK(
        ids_of(ec2.ok("DescribeImages", {{"ExecutableUsers", {"self"}}, {"Filters", {f}}}, &other))
            .empty());
    CHECK(ids_of(ec2.ok("DescribeImages", {{"Owners", {"self"}}, {"Filters", {f}}})) ==
          std::vector<std::string>{id});
  }

  Json perms =
      ec2.ok("DescribeImageAttribute", {{"ImageId", id}, {"Attribute", "launchPermission"}});
  CHECK(perms == Json{{"ImageId", id}, {"LaunchPermissions", {{{"UserId", kOther}}}}});
  CHECK(ec2.error("DescribeImageAttribute", {{"ImageId", id}, {"Attribute", "launchPermission"}},
                  &other)
            .code == "AuthFailure");

  Json remove = {{"ImageId", id}, {"LaunchPermission", {{"Remove", {{{"UserId", kOther}}}}}}};
  ec2.ok("ModifyImageAttribute", remove);
  CHECK(ec2.error("DescribeImages", {{"ImageIds", {id}}}, &other).code == "InvalidAMIID.NotFound");

  // The older form, and CancelImageLaunchPermission by the grantee.
  ec2.ok("ModifyImageAttribute", {{"ImageId", id},
                                  {"Attribute", "launchPermission"},
                                  {"OperationType", "add"},
                                  {"UserIds", {kOther}}});
  CHECK(describe_image(ec2, id, &other)["ImageId"] == id);
  CHECK(ec2.ok("CancelImageLaunchPermission", {{"ImageId", id}}, &other) == Json{{"Return", true}});
  CHECK(ec2.error("DescribeImages", {{"ImageIds", {id}}}, &other).code == "InvalidAMIID.NotFound");

  CHECK(ec2.error("ModifyImageAttribute", {{"ImageId", id}, {"UserIds", {kOther}}}).code ==
        "MissingParameter");  // OperationType
  CHECK(ec2.error(
               "ModifyImageAttribute",
               {{"ImageId", id}, {"LaunchPermission", {{"Add", {{{"UserId", "not-an-account"}}}}}}})
            .code == "InvalidAMIAttributeItemValue");
  CHECK(
      ec2.error("ModifyImageAttribute",
                {{"ImageId", id},
                 {"LaunchPermission",
                  {{"Add", {{{"OrganizationArn", "arn:aws:organizations::1:organization/o-1"}}}}}}})
          .code == "UnsupportedOperation");
}

TEST_CASE(
    "ModifyImageAttribute takes Packer's UserIds beside LaunchPermission.Add without OperationType",
    "[ec2][images][tools]") {
  // hashicorp/packer step_modify_ami_attributes.go (ami_users) sends both spellings at once.
  Ec2 ec2;
  const sim::Caller other = ec2.as(kOther);
  const std::string id = registered(ec2, "packer-shared");
  ec2.ok("ModifyImageAttribute", {{"ImageId", id},
                                  {"UserIds", {kOther}},
                                  {"LaunchPermission", {{"Add", {{{"UserId", kOther}}}}}}});
  CHECK(describe_image(ec2, id, &other)["ImageId"] == id);
  // Packer's ami_groups: UserGroups beside LaunchPermission.Add Group=all.
  ec2.ok("ModifyImageAttribute", {{"ImageId", id},
                                  {"UserGroups", {"all"}},
                                  {"LaunchPermission", {{"Add", {{{"Group", "all"}}}}}}});
  CHECK(describe_image(ec2, id)["Public"] == true);
}

TEST_CASE("ModifyImageAttribute matches Ansible's attribute names without regard to case or blanks",
          "[ec2][images][tools]") {
  // amazon.aws ec2_ami 5.x: Attribute='LaunchPermission' on create, 'Description ' on update.
  Ec2 ec2;
  const sim::Caller other = ec2.as(kOther);
  const std::string id = registered(ec2, "ansible-shared");
  ec2.ok("ModifyImageAttribute", {{"ImageId", id},
                                  {"Attribute", "LaunchPermission"},
                                  {"LaunchPermission", {{"Add", {{{"UserId", kOther}}}}}}});
  CHECK(describe_image(ec2, id, &other)["ImageId"] == id);
  ec2.ok("ModifyImageAttribute",
         {{"ImageId", id}, {"Attribute", "Description "}, {"Description", {{"Value", "baked"}}}});
  CHECK(describe_image(ec2, id)["Description"] == "baked");
  CHECK(ec2.error("ModifyImageAttribute", {{"ImageId", id}, {"Attribute", "colour"}}).code ==
        "InvalidParameterValue");
}

TEST_CASE("DescribeImageAttribute of a just-deregistered image is InvalidAMIID.Unavailable",
          "[ec2][images][tools]") {
  // amazon.aws ec2_ami state=absent reads the attributes of the image it just deregistered while
  // DescribeImages still shows it, and tolerates only InvalidAMIID.Unavailable.
  Ec2 ec2;
  const std::string id = registered(ec2, "going-away");
  ec2.ok("DeregisterImage", {{"ImageId", id}});
  CHECK(describe_image(ec2, id)["State"] == "deregistered");
  CHECK(ec2.error("DescribeImageAttribute", {{"ImageId", id}, {"Attribute", "launchPermission"}})
            .code == "InvalidAMIID.Unavailable");
  sim::advance_by(ec2.world, sim::kDeregisteredImageVisibleMs);
  CHECK(ec2.error("DescribeImageAttribute", {{"ImageId", id}, {"Attribute", "launchPermission"}})
            .code == "InvalidAMIID.NotFound");
}

TEST_CASE("Group all makes an image public, ResetImageAttribute makes it private again",
          "[ec2][images]") {
  Ec2 ec2;
  const sim::Caller other = ec2.as(kOther);
  const std::string id = registered(ec2, "public-image");
  ec2.ok("ModifyImageAttribute",
         {{"ImageId", id}, {"LaunchPermission", {{"Add", {{{"Group", "all"}}}}}}});
  CHECK(describe_image(ec2, id, &other)["Public"] == true);
  CHECK(ec2.ok("DescribeImageAttribute", {{"ImageId", id}, {"Attribute", "launchPermission"}})
            .at("LaunchPermissions") == Json::array({{{"Group", "all"}}}));
  // ERRCODES InvalidAMIAttributeItemValue: "The value of an item added to, or removed from, an
  // image attribute is not valid" (a group, like a user ID).
  CHECK(ec2.error("ModifyImageAttribute",
                  {{"ImageId", id}, {"LaunchPermission", {{"Add", {{{"Group", "everyone"}}}}}}})
            .code == "InvalidAMIAttributeItemValue");
  CHECK(ec2.error("ModifyImageAttribute", {{"ImageId", id},
                                           {"Attribute", "launchPermission"},
                                           {"OperationType", "add"},
                                           {"UserGroups", {"everyone"}}})
            .code == "InvalidAMIAttributeItemValue");

  CHECK(ec2.ok("ResetImageAttribute", {{"ImageId", id}, {"Attribute", "launchPermission"}}) ==
        Json::object());
  CHECK(describe_image(ec2, id)["Public"] == false);
  CHECK(ec2.error("DescribeImages", {{"ImageIds", {id}}}, &other).code == "InvalidAMIID.NotFound");

  // The older form with UserGroups.
  ec2.ok("ModifyImageAttribute",
         {{"ImageId", id}, {"OperationType", "add"}, {"UserGroups", {"all"}}});
  CHECK(describe_image(ec2, id)["Public"] == true);
  ec2.ok("ModifyImageAttribute",
         {{"ImageId", id}, {"OperationType", "remove"}, {"UserGroups", {"all"}}});
  CHECK(describe_image(ec2, id)["Public"] == false);
}

TEST_CASE("Description and other attributes read back through DescribeImageAttribute",
          "[ec2][images]") {
  Ec2 ec2;
  const std::string id = registered(ec2, "described");
  CHECK(ec2.ok("DescribeImageAttribute", {{"ImageId", id}, {"Attribute", "description"}}) ==
        Json{{"ImageId", id}, {"Description", Json::object()}});
  ec2.ok("ModifyImageAttribute", {{"ImageId", id}, {"Description", {{"Value", "first"}}}});
  CHECK(ec2.ok("DescribeImageAttribute", {{"ImageId", id}, {"Attribute", "description"}})
            .at("Description") == Json{{"Value", "first"}});
  ec2.ok("ModifyImageAttribute",
         {{"ImageId", id}, {"Attribute", "description"}, {"Value", "second"}});
  CHECK(describe_image(ec2, id)["Description"] == "second");

  ec2.ok("ModifyImageAttribute", {{"ImageId", id}, {"ImdsSupport", {{"Value", "v2.0"}}}});
  CHECK(ec2.ok("DescribeImageAttribute", {{"ImageId", id}, {"Attribute", "imdsSupport"}})
            .at("ImdsSupport") == Json{{"Value", "v2.0"}});
  Json bdm =
      ec2.ok("DescribeImageAttribute", {{"ImageId", id}, {"Attribute", "blockDeviceMapping"}});
  CHECK(bdm.at("BlockDeviceMappings") == describe_image(ec2, id).at("BlockDeviceMappings"));
  CHECK(
      ec2.ok("DescribeImageAttribute", {{"ImageId", id}, {"Attribute", "deregistrationProtection"}})
          .at("DeregistrationProtection") == Json{{"Value", "disabled"}});
  CHECK(ec2.error("DescribeImageAttribute", {{"ImageId", id}, {"Attribute", "colour"}}).code ==
        "InvalidParameterValue");
  CHECK(ec2.error("DescribeImageAttribute", {{"ImageId", id}}).code == "MissingParameter");
}

TEST_CASE("EnableImageDeprecation sets DeprecationTime, rounded to the minute, Disable clears it",
          "[ec2][images]") {
  Ec2 ec2;
  const std::string id = registered(ec2, "deprecating");
  REQUIRE(ec2.world.now() < *sim::parse_iso8601("2026-02-01T00:00:00Z"));
  // 12:00:40 at +02:00 is 10:00:40 UTC, which rounds to 10:01.
  Json out = ec2.ok("EnableImageDeprecation",
                    {{"ImageId", id}, {"DeprecateAt", "2026-02-01T12:00:40+02:00"}});
  CHECK(out == Json{{"Return", true}});
  CHECK(describe_image(ec2, id)["DeprecationTime"] == "2026-02-01T10:01:00.000Z");

  CHECK(ec2.ok("DisableImageDeprecation", {{"ImageId", id}}) == Json{{"Return", true}});
  CHECK_FALSE(describe_image(ec2, id).contains("DeprecationTime"));

  CHECK(ec2.error("EnableImageDeprecation", {{"ImageId", id}, {"DeprecateAt", "tomorrow"}}).code ==
        "InvalidParameterValue");
  CHECK(ec2.error("EnableImageDeprecation",
                  {{"ImageId", id}, {"DeprecateAt", "2020-01-01T00:00:00Z"}})
            .code == "InvalidParameterValue");
  CHECK(ec2.error("EnableImageDeprecation", {{"ImageId", id}}).code == "MissingParameter");
}

TEST_CASE("Deregistration protection refuses DeregisterImage until disabled and cooled down",
          "[ec2][images]") {
  Ec2 ec2;
  const std::string id = registered(ec2, "protected");
  CHECK(ec2.ok("EnableImageDeregistrationProtection", {{"ImageId", id}}) ==
        Json{{"Return", "enabled-without-cooldown"}});
  CHECK(describe_image(ec2, id)["DeregistrationProtection"] == "enabled-without-cooldown");
  CHECK(ec2.error("DeregisterImage", {{"ImageId", id}}).code == "OperationNotPermitted");
  CHECK(ec2.ok("DisableImageDeregistrationProtection", {{"ImageId", id}}) ==
        Json{{"Return", "disabled"}});
  ec2.ok("DeregisterImage", {{"ImageId", id}});

  const std::string cooled = registered(ec2, "cooled");
  CHECK(ec2.ok("EnableImageDeregistrationProtection", {{"ImageId", cooled}, {"WithCooldown", true}})
            .at("Return") == "enabled-with-cooldown");
  const std::string until = sim::format_iso8601(ec2.world.now() + 24 * sim::kHourMs);
  CHECK(ec2.ok("DisableImageDeregistrationProtection", {{"ImageId", cooled}}).at("Return") ==
        "disabled after " + until);
  CHECK(ec2.error("DeregisterImage", {{"ImageId", cooled}}).code == "OperationNotPermitted");
  ec2.advance(25 * sim::kHourMs);
  CHECK(describe_image(ec2, cooled)["DeregistrationProtection"] == "disabled");
  ec2.ok("DeregisterImage", {{"ImageId", cooled}});
}

TEST_CASE("DisableImage hides an image unless IncludeDisabled, EnableImage restores it",
          "[ec2][images]") {
  Ec2 ec2;
  const std::string id = registered(ec2, "switchable");
  CHECK(ec2.ok("DisableImage", {{"ImageId", id}}) == Json{{"Return", true}});
  CHECK(ids_of(ec2.ok("DescribeImages", {{"Owners", {"self"}}})).empty());
  Json disabled = ec2.ok("DescribeImages", {{"Owners", {"self"}}, {"IncludeDisabled", true}});
  REQUIRE(ids_of(disabled) == std::vector<std::string>{id});
  CHECK(disabled["Images"][0]["State"] == "disabled");
  CHECK(ec2.ok("EnableImage", {{"ImageId", id}}) == Json{{"Return", true}});
  CHECK(describe_image(ec2, id)["State"] == "available");
  const sim::Caller other = ec2.as(kOther);
  CHECK(ec2.error("DisableImage", {{"ImageId", id}}, &other).code == "AuthFailure");
  CHECK(ec2.error("EnableImage", {{"ImageId", "ami-12"}}).code == "InvalidAMIID.Malformed");
}

TEST_CASE("Only DescribeImages and DescribeImageAttribute leave the world unchanged",
          "[ec2][images]") {
  for (const auto& e : amisim::ec2::image_handlers()) {
    INFO(e.action);
    CHECK(e.mutates == !(e.action == "DescribeImages" || e.action == "DescribeImageAttribute"));
  }
  CHECK(amisim::ec2::image_handlers().size() == 15);  // 14 + CopyImage
}
