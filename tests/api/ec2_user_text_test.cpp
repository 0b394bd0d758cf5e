// The bad-input matrix for user text (issue 14 §1), through ec2::call, the door the scenario
// runner and C++ callers share with HTTP: every string a caller names or describes something
// with is checked by the model as AWS checks that field (sim/core/text.hpp), answers AWS's error
// and changes nothing; odd but valid names are kept exactly.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "api/s3/s3.hpp"
#include "sim/core/base64.hpp"
#include "sim/core/utf8.hpp"
#include "tests/api/ec2_support.hpp"
#include "tests/sim/images/image_fixture.hpp"

using test::Ec2;
using test::Json;

namespace {

const std::string kFFFF = "\xEF\xBF\xBF";  // U+FFFF: UTF-8, not an XML 1.0 character
const std::string kFFFE = "\xEF\xBF\xBE";
const std::string kEuro = "\xE2\x82\xAC";  // one character, three bytes

std::string repeat(const std::string& piece, std::size_t n) {
  std::string out;
  for (std::size_t i = 0; i < n; ++i) out += piece;
  return out;
}

// The resources the requests below refer to, made once per world.
struct Fixture {
  explicit Fixture(Ec2& ec2)
      : image(ec2.catalogue_image("al2023-x86_64").str()),
        own_image(test::own_image(ec2, ec2.caller, "own-image").str()),
        instance(test::launch(ec2, ec2.caller).str()),
        snapshot(test::own_snapshot(ec2, ec2.caller).str()) {
    volume = ec2.ok("CreateVolume", {{"AvailabilityZone", "us-east-1a"}, {"Size", 8}})["VolumeId"]
                 .get<std::string>();
    ec2.settle();
    group = ec2.world.region_of(ec2.caller).accounts.at(ec2.caller.account).default_group.str();
  }
  std::string image, own_image, instance, snapshot, volume, group;
};

struct UserTextCase {
  std::string action;
  Json input;
  std::string code;
};

Json tags(const std::string& key, const std::string& value) {
  return Json::array({{{"Key", key}, {"Value", value}}});
}

std::string openssh_key(const std::string& comment) {
  std::string blob = {0, 0, 0, 7};
  blob += std::string("ssh-rsa") + "0123456789abcdef";
  return "ssh-rsa " + sim::base64_encode(blob) + " " + comment;
}

const std::string kIpv = "InvalidParameterValue";

Json with(Json base, const std::string& key, Json value) {
  base[key] = std::move(value);
  return base;
}

// Tags: any character XML can carry, lengths in characters (EC2 user guide, Tag restrictions).
std::vector<UserTextCase> tag_cases(const Fixture& f) {
  const Json on = {{"Resources", {f.group}}};
  return {{"CreateTags", with(on, "Tags", tags("k", "x" + kFFFF)), kIpv},
          {"CreateTags", with(on, "Tags", tags("k", "x" + kFFFE)), kIpv},
          {"CreateTags", with(on, "Tags", tags("k", std::string("a\0b", 3))), kIpv},
          {"CreateTags", with(on, "Tags", tags("k", "a\x01")), kIpv},
          {"CreateTags", with(on, "Tags", tags("k\x1F", "v")), kIpv},
          {"CreateTags", with(on, "Tags", tags(repeat(kEuro, 129), "v")), kIpv},
          {"CreateTags", with(on, "Tags", tags("k", repeat(kEuro, 257))), kIpv},
          {"CreateTags", with(on, "Tags", tags("k", "\xFF")), kIpv}};
}

// AMI names (3-128 of AWS's set) and descriptions (255 characters).
std::vector<UserTextCase> image_cases(const Fixture& f) {
  const Json copy = {{"SourceRegion", "us-east-1"}, {"SourceImageId", f.image}, {"Name", "copy"}};
  const Json create = {{"InstanceId", f.instance}, {"Name", "made"}, {"NoReboot", true}};
  const Json root = {{{"DeviceName", "/dev/xvda"}, {"Ebs", {{"SnapshotId", f.snapshot}}}}};
  const Json reg = {
      {"Name", "reg"}, {"RootDeviceName", "/dev/xvda"}, {"BlockDeviceMappings", root}};
  const std::string malformed = "InvalidAMIName.Malformed";
  return {
      {"CopyImage", with(copy, "Description", "public " + kFFFF), kIpv},
      {"CopyImage", with(copy, "Description", repeat("d", 256)), kIpv},
      {"CopyImage", with(copy, "Name", "web<1>"), malformed},
      {"CopyImage", with(copy, "Name", "ab"), malformed},
      {"CopyImage", with(copy, "Name", repeat("n", 129)), malformed},
      {"CopyImage", with(copy, "Name", "caf\xC3\xA9"), malformed},
      {"CopyImage", with(copy, "ClientToken", repeat("t", 129)), kIpv},
      {"CreateImage", with(create, "Description", "a\x01"), kIpv},
      {"CreateImage", with(create, "Name", "a\tb\nc"), malformed},
      {"CreateImage",
       with(create, "BlockDeviceMappings", {{{"DeviceName", "/dev/sd" + kFFFF}, {"NoDevice", ""}}}),
       kIpv},
      {"RegisterImage", with(reg, "Description", kFFFE), kIpv},
      {"RegisterImage", with(reg, "RootDeviceName", "/dev/xvda\x01"), kIpv},
      {"ModifyImageAttribute",
       {{"ImageId", f.own_image}, {"Description", {{"Value", "x" + kFFFF}}}},
       kIpv}};
}

// Security groups (AWS's VPC set), key pairs (ASCII), launch templates.
std::vector<UserTextCase> named_cases() {
  const Json lt = {{"LaunchTemplateName", "web"}, {"LaunchTemplateData", Json::object()}};
  const Json group = {{"GroupName", "web"}, {"Description", "web"}};
  return {
      {"CreateSecurityGroup", with(group, "GroupName", "a<b>'\""), kIpv},
      {"CreateSecurityGroup", with(group, "GroupName", "caf\xC3\xA9"), kIpv},
      {"CreateSecurityGroup", with(group, "GroupName", repeat("g", 256)), kIpv},
      {"CreateSecurityGroup", with(group, "Description", "it's"), kIpv},
      {"CreateSecurityGroup", with(group, "Description", "tab\there"), kIpv},
      {"CreateKeyPair", {{"KeyName", "key\x01"}}, kIpv},
      {"CreateKeyPair", {{"KeyName", "\xD0\xBA\xD0\xBB\xD1\x8E\xD1\x87"}}, kIpv},
      {"CreateKeyPair", {{"KeyName", repeat("k", 256)}}, kIpv},
      {"ImportKeyPair",
       {{"KeyName", "imported"},
        {"PublicKeyMaterial", sim::base64_encode(openssh_key("me@" + kFFFF))}},
       "InvalidKey.Format"},
      {"CreateLaunchTemplate", with(lt, "LaunchTemplateName", "web<1>"),
       "InvalidLaunchTemplateName.MalformedException"},
      {"CreateLaunchTemplate", with(lt, "VersionDescription", "v" + kFFFF), kIpv},
      {"CreateLaunchTemplate", with(lt, "LaunchTemplateData", {{"ImageId", "ami-\x01"}}), kIpv},
      {"CreateLaunchTemplate", with(lt, "LaunchTemplateData", {{"KeyName", "k" + kFFFE}}), kIpv}};
}

// Snapshots, devices, launches, imports.
std::vector<UserTextCase> other_cases(const Fixture& f) {
  const Json run = {{"ImageId", f.image}, {"MinCount", 1}, {"MaxCount", 1}};
  const Json name_tag = {{{"ResourceType", "instance"}, {"Tags", tags("Name", kFFFF)}}};
  const Json disk = {{{"Format", "VMDK"}, {"Url", "s3://b/disk.vmdk"}}};
  return {{"CreateSnapshot", {{"VolumeId", f.volume}, {"Description", "s\x02"}}, kIpv},
          {"CopySnapshot",
           {{"SourceRegion", "us-east-1"},
            {"SourceSnapshotId", f.snapshot},
            {"Description", "c" + kFFFF}},
           kIpv},
          {"AttachVolume",
           {{"VolumeId", f.volume}, {"InstanceId", f.instance}, {"Device", "/dev/sd\x01"}},
           kIpv},
          {"RunInstances", with(run, "ClientToken", repeat("t", 65)), kIpv},
          {"RunInstances", with(run, "TagSpecifications", name_tag), kIpv},
          {"ImportImage", {{"Description", "vm\x01"}, {"DiskContainers", disk}}, kIpv},
          {"ExportImage",
           {{"ImageId", f.own_image},
            {"DiskImageFormat", "VMDK"},
            {"S3ExportLocation", {{"S3Bucket", "b"}, {"S3Prefix", "x" + kFFFF}}}},
           kIpv},
          {"ExportImage",
           {{"ImageId", f.own_image},
            {"DiskImageFormat", "VMDK"},
            {"S3ExportLocation", {{"S3Bucket", "b"}}},
            {"Description", repeat("d", 256)}},
           kIpv}};
}

std::vector<UserTextCase> refused_cases(const Fixture& f) {
  std::vector<UserTextCase> all = tag_cases(f);
  for (auto part : {image_cases(f), named_cases(), other_cases(f)})
    all.insert(all.end(), part.begin(), part.end());
  return all;
}

}  // namespace

TEST_CASE("Bad input, user text: every field refuses what AWS refuses and changes nothing") {
  Ec2 ec2;
  Fixture f(ec2);
  for (const UserTextCase& c : refused_cases(f)) {
    INFO(c.action << " " << c.input.dump(-1, ' ', false, Json::error_handler_t::replace));
    const std::string before = ec2.world.digest();
    auto e = ec2.error(c.action, c.input);
    CHECK(e.code == c.code);
    CHECK(e.http_status == 400);
    CHECK(amisim::sim::is_xml_text(e.message));
    CHECK(ec2.world.digest() == before);
  }
}

TEST_CASE("Bad input, user text: S3 object keys and metadata XML or a header cannot carry") {
  Ec2 ec2;
  REQUIRE(amisim::s3::call(ec2.world, ec2.caller, "CreateBucket", {{"Bucket", "texts"}}).ok());
  const std::string before = ec2.world.digest();
  for (const Json& put : {Json{{"Bucket", "texts"}, {"Key", "a\x01"}},
                          Json{{"Bucket", "texts"}, {"Key", "a" + kFFFF}},
                          Json{{"Bucket", "texts"}, {"Key", "k"}, {"Metadata", {{"a b", "v"}}}},
                          Json{{"Bucket", "texts"}, {"Key", "k"}, {"Metadata", {{"m", "v\x01"}}}},
                          Json{{"Bucket", "texts"}, {"Key", "k"}, {"ContentType", "text/x\r\n"}}}) {
    INFO(put.dump(-1, ' ', false, Json::error_handler_t::replace));
    auto r = amisim::s3::call(ec2.world, ec2.caller, "PutObject", put);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == "InvalidArgument");
  }
  CHECK(ec2.world.digest() == before);
}

TEST_CASE("Long and odd names AWS allows are kept exactly, lengths counted in characters") {
  Ec2 ec2;
  Fixture f(ec2);
  // 128 three-byte characters: 384 bytes, a valid key; 256 of them: a valid value.
  ec2.ok("CreateTags",
         {{"Resources", {f.group}}, {"Tags", tags(repeat(kEuro, 128), repeat(kEuro, 256))}});
  ec2.ok("CreateTags", {{"Resources", {f.group}}, {"Tags", tags("crlf", "a\r\nb\tc\rd")}});
  Json seen = ec2.ok("DescribeTags", {{"Filters", {{{"Name", "key"}, {"Values", {"crlf"}}}}}});
  REQUIRE(seen["Tags"].size() == 1);
  CHECK(seen["Tags"][0]["Value"] == "a\r\nb\tc\rd");
  Json copy = ec2.ok("CopyImage", {{"SourceRegion", "us-east-1"},
                                   {"SourceImageId", f.image},
                                   {"Name", "golden (1) [x] ./-'@_" + repeat("n", 107)},
                                   {"Description", repeat(kEuro, 255)}});
  Json image = ec2.ok("DescribeImages", {{"ImageIds", {copy["ImageId"]}}})["Images"][0];
  CHECK(image["Name"].get<std::string>().size() == 128);
  CHECK(image["Description"] == repeat(kEuro, 255));
  ec2.ok("CreateSecurityGroup",
         {{"GroupName", "a Z0._-:/()#,@[]+=&;{}!$*"}, {"Description", repeat("d", 255)}});
  ec2.ok("CreateKeyPair", {{"KeyName", repeat("k", 255)}});
  ec2.ok("CreateLaunchTemplate", {{"LaunchTemplateName", "web(1)./-_"},
                                  {"VersionDescription", repeat(kEuro, 255)},
                                  {"LaunchTemplateData", Json::object()}});
}
