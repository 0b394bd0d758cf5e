// Image files (api/io/catalog.hpp): `--images FILE`, added to or replacing the built-in
// catalogue, loaded into a World and seen through the EC2 handlers.
#include <catch2/catch.hpp>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <stdexcept>
#include <string>

#include "api/ec2/dispatch.hpp"
#include "api/io/catalog.hpp"
#include "api/io/fixtures.hpp"
#include "harness.hpp"
#include "sim/core/ids.hpp"
#include "sim/images/marketplace.hpp"

namespace {

using Json = nlohmann::json;
using amisim::protocol::WireResult;

const sim::Caller kOwner{sim::AccountId("111122223333"), sim::RegionName("us-east-1")};
const sim::Caller kGrantee{sim::AccountId("444455556666"), sim::RegionName("us-east-1")};
const sim::Caller kStranger{sim::AccountId("777788889999"), sim::RegionName("us-east-1")};

// A valid private image of 111122223333, shared with 444455556666, in us-east-1.
Json org_image() {
  return {{"ImageId", "ami-0a1b2c3d4e5f60718"},
          {"OwnerId", "111122223333"},
          {"Name", "org-base-2026.11"},
          {"Description", "Our base image"},
          {"Architecture", "arm64"},
          {"RootDeviceName", "/dev/xvda"},
          {"BootMode", "uefi"},
          {"CreationDate", "2025-11-02T10:00:00.000Z"},
          {"DeprecationTime", "2027-01-01T00:00:00.000Z"},
          {"Public", false},
          {"LaunchPermissions", {{{"UserId", "444455556666"}}}},
          {"Tags", {{{"Key", "team"}, {"Value", "platform"}}}},
          {"BlockDeviceMappings",
           {{{"DeviceName", "/dev/xvda"}, {"Ebs", {{"VolumeSize", 12}, {"VolumeType", "gp3"}}}}}}};
}

Json file_of(Json images, Json regions = Json::array({"us-east-1"})) {
  return {{"Regions", std::move(regions)}, {"Images", std::move(images)}};
}

std::shared_ptr<const sim::Fixtures> with_file(const Json& file, bool replace = false) {
  auto f = std::make_shared<sim::Fixtures>(*test::fixtures());
  if (replace) io::clear_catalogue(*f);
  io::add_image_file(*f, file.dump(), "org.json");
  return f;
}

// A world of `fixtures` where the three accounts above exist (as the gateway makes them).
std::unique_ptr<sim::World> world_of(std::shared_ptr<const sim::Fixtures> fixtures) {
  auto w = std::make_unique<sim::World>(std::move(fixtures));
  for (const auto* c : {&kOwner, &kGrantee, &kStranger}) w->ensure_account(c->account);
  return w;
}

Json call_ok(sim::World& w, const sim::Caller& who, const std::string& action, const Json& in) {
  WireResult<Json> r = ec2::call(w, who, action, in);
  INFO(action << ": " << (r.ok() ? std::string() : r.error().code + " " + r.error().message));
  REQUIRE(r.ok());
  return r.value();
}

std::string call_error(sim::World& w, const sim::Caller& who, const std::string& action,
                       const Json& in) {
  WireResult<Json> r = ec2::call(w, who, action, in);
  REQUIRE_FALSE(r.ok());
  return r.error().code;
}

std::set<std::string> image_ids(const Json& describe) {
  std::set<std::string> out;
  for (const auto& i : describe["Images"]) out.insert(i["ImageId"].get<std::string>());
  return out;
}

// The one-line message loading `file` throws; fixtures are checked unchanged.
std::string load_error(const Json& file) {
  sim::Fixtures f = *test::fixtures();
  const std::size_t before = f.images.size();
  try {
    io::add_image_file(f, file.dump(), "org.json");
  } catch (const std::runtime_error& e) {
    CHECK(f.images.size() == before);
    const std::string message = e.what();
    CHECK(message.find('\n') == std::string::npos);
    return message;
  }
  FAIL("the file loaded");
  return "";
}

}  // namespace

TEST_CASE("An image file's private image is its owner's, shared only with the accounts it lists") {
  auto world = world_of(with_file(file_of({org_image()})));
  sim::World& w = *world;
  const Json mine = call_ok(w, kOwner, "DescribeImages", {{"Owners", {"self"}}});
  REQUIRE(mine["Images"].size() == 1);
  const Json& image = mine["Images"][0];
  CHECK(image["Public"] == false);
  CHECK(image["Architecture"] == "arm64");
  CHECK(image["BootMode"] == "uefi");
  CHECK(image["CreationDate"] == "2025-11-02T10:00:00.000Z");
  CHECK(image["DeprecationTime"] == "2027-01-01T00:00:00.000Z");
  CHECK(image["BlockDeviceMappings"][0]["Ebs"]["VolumeSize"] == 12);
  CHECK(image["BlockDeviceMappings"][0]["Ebs"]["VolumeType"] == "gp3");
  CHECK(image["Tags"] == Json{{{"Key", "team"}, {"Value", "platform"}}});
  CHECK_FALSE(image.contains("ImageOwnerAlias"));

  // Shared with 444455556666: it finds the image as an executable user and launches it.
  const Json shared = call_ok(w, kGrantee, "DescribeImages", {{"ExecutableUsers", {"self"}}});
  CHECK(image_ids(shared) == std::set<std::string>{"ami-0a1b2c3d4e5f60718"});
  call_ok(w, kGrantee, "RunInstances",
          {{"ImageId", "ami-0a1b2c3d4e5f60718"},
           {"InstanceType", "t4g.micro"},
           {"MinCount", 1},
           {"MaxCount", 1}});
  // Anyone else: not found, as for any private image (accounts are walls).
  CHECK(call_error(w, kStranger, "DescribeImages", {{"ImageIds", {"ami-0a1b2c3d4e5f60718"}}}) ==
        "InvalidAMIID.NotFound");
  // The owner may deregister it like any image of its own.
  call_ok(w, kOwner, "DeregisterImage", {{"ImageId", "ami-0a1b2c3d4e5f60718"}});
}

TEST_CASE("An image file adds to the built-in catalogue, or replaces it with --images-replace") {
  const Json moto_like = {{"ImageId", "ami-12c6146b"},
                          {"OwnerId", "801119661308"},
                          {"Name", "Windows_Server-2008-R2_SP1-English-64Bit-Base-2017.10.13"},
                          {"Platform", "windows"},
                          {"RootDeviceName", "/dev/sda1"}};
  const sim::Caller caller;
  const Json amazon = {{"Owners", {"amazon"}}};
  sim::World builtin(test::fixtures(), {});
  const std::set<std::string> before =
      image_ids(call_ok(builtin, caller, "DescribeImages", amazon));

  sim::World added(with_file(file_of({moto_like})), {});
  std::set<std::string> expected = before;
  expected.insert("ami-12c6146b");  // 801119661308 is an amazon-aliased owner already
  CHECK(image_ids(call_ok(added, caller, "DescribeImages", amazon)) == expected);

  sim::World replaced(with_file(file_of({moto_like}), true), {});
  CHECK(image_ids(call_ok(replaced, caller, "DescribeImages", amazon)) ==
        std::set<std::string>{"ami-12c6146b"});
  // Windows: what AWS shows for a Windows AMI when the file names only the platform.
  const Json d = call_ok(replaced, caller, "DescribeImages", {{"ImageIds", {"ami-12c6146b"}}});
  CHECK(d["Images"][0]["PlatformDetails"] == "Windows");
  CHECK(d["Images"][0]["UsageOperation"] == "RunInstances:0002");
  CHECK(d["Images"][0]["ImageOwnerAlias"] == "amazon");
}

TEST_CASE(
    "Regions * in an image file puts one image in every Region with a root snapshot per Region") {
  Json image = org_image();
  image["Public"] = true;
  image.erase("LaunchPermissions");
  auto fixtures = with_file(file_of({image}, "*"));
  auto world = world_of(fixtures);
  sim::World& w = *world;
  std::set<std::string> snapshots;
  for (const auto& region : fixtures->regions) {
    const sim::Caller there{kOwner.account, region.name};
    if (region.opt_in_required()) continue;  // a new account has not enabled it
    const Json d = call_ok(w, there, "DescribeImages", {{"ImageIds", {"ami-0a1b2c3d4e5f60718"}}});
    REQUIRE(d["Images"].size() == 1);
    const std::string snap = d["Images"][0]["BlockDeviceMappings"][0]["Ebs"]["SnapshotId"];
    CHECK(sim::is_well_formed_id("snap", snap));
    snapshots.insert(snap);
    const Json s = call_ok(w, there, "DescribeSnapshots", {{"SnapshotIds", {snap}}});
    CHECK(s["Snapshots"][0]["OwnerId"] == "111122223333");
  }
  CHECK(snapshots.size() > 1);  // derived per Region: not one ID in several Regions
}

TEST_CASE(
    "An image file's Marketplace code needs a subscription to launch, as any Marketplace AMI") {
  Json image = org_image();
  image["Public"] = true;
  image.erase("LaunchPermissions");
  image["ProductCodes"] = {
      {{"ProductCodeId", "abcdefghij0123456789klmno"}, {"ProductCodeType", "marketplace"}}};
  auto world = world_of(with_file(file_of({image})));
  sim::World& w = *world;
  const Json launch = {{"ImageId", "ami-0a1b2c3d4e5f60718"},
                       {"InstanceType", "t4g.micro"},
                       {"MinCount", 1},
                       {"MaxCount", 1}};
  CHECK(call_error(w, kStranger, "RunInstances", launch) == "OptInRequired");
  REQUIRE(w.fixtures().find_product("abcdefghij0123456789klmno") != nullptr);
  test::expect_ok(sim::subscribe(w, kStranger.account, "abcdefghij0123456789klmno"));
  call_ok(w, kStranger, "RunInstances", launch);
}

TEST_CASE(
    "The shipped moto catalogue has moto's example images in every Region (moto's amis.json)") {
  sim::Fixtures f = *test::fixtures();
  io::add_image_file_at(f, AMISIM_SOURCE_DIR "/fixtures/catalogs/moto-examples.json");
  sim::World w(std::make_shared<const sim::Fixtures>(std::move(f)), {});
  // moto's tests/__init__.py: EXAMPLE_AMI_ID, EXAMPLE_AMI_ID2, EXAMPLE_AMI_PARAVIRTUAL,
  // EXAMPLE_AMI_WINDOWS. Names and virtualization from moto's moto/ec2/resources/amis.json.
  for (const char* region : {"us-east-1", "us-west-1", "eu-west-1", "ap-southeast-1"}) {
    const sim::Caller caller{sim::kDefaultAccount, sim::RegionName(region)};
    const Json d =
        call_ok(w, caller, "DescribeImages",
                {{"ImageIds", {"ami-12c6146b", "ami-03cf127a", "ami-fa7cdd89", "ami-f4cf1d8d"}}});
    REQUIRE(d["Images"].size() == 4);
    for (const auto& i : d["Images"]) {
      if (i["ImageId"] == "ami-12c6146b")
        CHECK(i["Name"] == "Windows_Server-2008-R2_SP1-English-64Bit-Base-2017.10.13");
      if (i["ImageId"] == "ami-fa7cdd89") CHECK(i["VirtualizationType"] == "paravirtual");
    }
    call_ok(w, caller, "RunInstances",
            {{"ImageId", "ami-12c6146b"},
             {"InstanceType", "t2.micro"},
             {"MinCount", 1},
             {"MaxCount", 1}});
  }
}

TEST_CASE("A bad image file is refused whole, with one line naming the entry") {
  // The second entry is broken; the first is valid, and is not loaded either.
  auto with_second = [](const std::function<void(Json&)>& breaks) {
    Json good = org_image();
    Json bad = org_image();
    bad["ImageId"] = "ami-0f0e0d0c0b0a09080";
    bad["Name"] = "org-other";
    breaks(bad);
    return file_of({good, bad});
  };
  struct Case {
    const char* what;
    Json file;
    const char* says;
  };
  const std::string builtin = test::fixtures()->images.front().id.str();
  const std::string builtin_region = test::fixtures()->images.front().region.str();
  const Case cases[] = {
      {"no ImageId", with_second([](Json& i) { i.erase("ImageId"); }), "\"ImageId\" is required"},
      {"a malformed ImageId", with_second([](Json& i) { i["ImageId"] = "ami-xyz"; }),
       "must be ami- and 8 or 17 lowercase hex digits"},
      {"an OwnerId that is no account", with_second([](Json& i) { i["OwnerId"] = "12"; }),
       "12-digit account ID"},
      {"a name AWS refuses", with_second([](Json& i) { i["Name"] = "ab"; }), "Images[1]"},
      {"an architecture AWS lacks", with_second([](Json& i) { i["Architecture"] = "sparc"; }),
       "\"Architecture\" is \"sparc\""},
      {"an instance-store image",
       with_second([](Json& i) { i["RootDeviceType"] = "instance-store"; }),
       "\"RootDeviceType\" is \"instance-store\""},
      {"a misspelt member", with_second([](Json& i) { i["Nmae"] = "x"; }),
       "unknown member \"Nmae\""},
      {"a number for a string", with_second([](Json& i) { i["Description"] = 5; }),
       "\"Description\" must be a string"},
      {"an unknown Region", with_second([](Json& i) { i["Region"] = "mars-north-1"; }),
       "amisim has no Region \"mars-north-1\""},
      {"an encrypted root",
       with_second([](Json& i) { i["BlockDeviceMappings"][0]["Ebs"]["Encrypted"] = true; }),
       "encrypted"},
      {"a second EBS volume", with_second([](Json& i) {
         i["BlockDeviceMappings"].push_back(
             {{"DeviceName", "/dev/sdb"}, {"Ebs", {{"VolumeSize", 1}}}});
       }),
       "root device"},
      {"a launch permission for no account", with_second([](Json& i) {
         i["LaunchPermissions"] = {{{"UserId", "everyone"}}};
       }),
       "LaunchPermissions[0]"},
      {"an aws: tag", with_second([](Json& i) {
         i["Tags"] = {{{"Key", "aws:owner"}, {"Value", "x"}}};
       }),
       "Images[1]"},
      {"the same ID twice in a Region",
       with_second([](Json& i) { i["ImageId"] = "ami-0a1b2c3d4e5f60718"; }),
       "ami-0a1b2c3d4e5f60718 is in us-east-1 already (org.json: Images[0]"},
      {"the same name twice for an owner in a Region",
       with_second([](Json& i) { i["Name"] = "org-base-2026.11"; }), "has an image named"},
      {"an ID the built-in catalogue has", with_second([&](Json& i) {
         i["ImageId"] = builtin;
         i["Region"] = builtin_region;
       }),
       "(the catalogue)"},
  };
  for (const Case& c : cases) {
    INFO(c.what);
    const std::string message = load_error(c.file);
    CHECK_THAT(message, Catch::Contains("org.json: Images[1]"));
    CHECK_THAT(message, Catch::Contains(c.says));
  }
  // Two images may share a root snapshot, but not give it two sizes.
  Json first = org_image();
  first["BlockDeviceMappings"][0]["Ebs"]["SnapshotId"] = "snap-0a0b0c0d0e0f01234";
  Json second = first;
  second["ImageId"] = "ami-0f0e0d0c0b0a09080";
  second["Name"] = "org-other";
  sim::Fixtures shared = *test::fixtures();
  CHECK_NOTHROW(io::add_image_file(shared, file_of({first, second}).dump(), "org.json"));
  second["BlockDeviceMappings"][0]["Ebs"]["VolumeSize"] = 20;
  CHECK_THAT(load_error(file_of({first, second})),
             Catch::Contains("org.json: Images[1] (ami-0f0e0d0c0b0a09080): snapshot "
                             "snap-0a0b0c0d0e0f01234 in us-east-1 is 12 GiB for another image"));
  // The file itself.
  CHECK_THAT(load_error(Json{{"Images", {org_image()}}}), Catch::Contains("no Region"));
  CHECK_THAT(load_error(Json{{"Images", "all"}, {"Regions", "*"}}),
             Catch::Contains("\"Images\" must be a list"));
  CHECK_THAT(load_error(Json{{"Imgaes", Json::array()}}), Catch::Contains("unknown member"));
  sim::Fixtures f = *test::fixtures();
  CHECK_THROWS_WITH(io::add_image_file(f, "{\"Images\": [", "org.json"),
                    Catch::StartsWith("org.json: not JSON"));
  CHECK_THROWS_WITH(io::add_image_file_at(f, "/nonexistent/images.json"),
                    Catch::Contains("cannot be read"));
}
