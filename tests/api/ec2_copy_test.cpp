// CopyImage and CopySnapshot through ec2::call (api/ec2/images.cpp, api/ec2/snapshots.cpp): SDK
// input, outputs checked against the service model and the XML round trip (ec2_support.hpp),
// DescribeImages lineage and its filters, and the errors. Facts: aws-facts.md §4, §5.
#include <catch2/catch.hpp>
#include <string>

#include "sim/ebs/kms.hpp"
#include "tests/api/ec2_support.hpp"
#include "tests/sim/images/image_fixture.hpp"

using test::Ec2;
using test::Json;

namespace {

using test::kOther;

std::string root_snapshot_of(const Json& image) {
  return image.at("BlockDeviceMappings").at(0).at("Ebs").at("SnapshotId").get<std::string>();
}

using test::describe_image;

Json describe_snapshot(Ec2& ec2, const std::string& id, const sim::Caller* who) {
  Json out = ec2.ok("DescribeSnapshots", {{"SnapshotIds", {id}}}, who);
  REQUIRE(out["Snapshots"].size() == 1);
  return out["Snapshots"][0];
}

}  // namespace

TEST_CASE("CopyImage answers a new ImageId, DescribeImages in the destination shows the lineage",
          "[ec2][copy]") {
  Ec2 ec2;
  const sim::Caller west = ec2.in("us-west-2");
  const std::string source = test::registered_image(ec2, ec2.caller, "golden").str();
  ec2.settle();
  Json out = ec2.ok("CopyImage",
                    {{"SourceRegion", "us-east-1"},
                     {"SourceImageId", source},
                     {"Name", "golden-west"},
                     {"Description", "promoted"}},
                    &west);
  const std::string copy = out.at("ImageId").get<std::string>();
  CHECK(copy != source);
  CHECK(copy.rfind("ami-", 0) == 0);
  Json image = describe_image(ec2, copy, &west);
  CHECK(image["State"] == "pending");
  CHECK(image["Name"] == "golden-west");
  CHECK(image["Description"] == "promoted");
  CHECK(image["SourceImageId"] == source);
  CHECK(image["SourceImageRegion"] == "us-east-1");
  const std::string snap = root_snapshot_of(image);
  Json s = describe_snapshot(ec2, snap, &west);
  CHECK(s["VolumeId"] == "vol-ffffffff");
  CHECK(s["State"] == "pending");
  CHECK(s["Description"].get<std::string>().rfind("Copied for DestinationAmi " + copy +
                                                      " from SourceAmi " + source +
                                                      " for SourceSnapshot ",
                                                  0) == 0);
  CHECK(s["Encrypted"] == false);
  CHECK_FALSE(s.contains("KmsKeyId"));
  ec2.settle();
  CHECK(describe_image(ec2, copy, &west)["State"] == "available");
  // The source Region does not know the copy; the source stays as it was, without lineage.
  CHECK(ec2.error("DescribeImages", {{"ImageIds", {copy}}}).code == "InvalidAMIID.NotFound");
  Json original = describe_image(ec2, source, &ec2.caller);
  CHECK_FALSE(original.contains("SourceImageId"));
}

TEST_CASE("DescribeImages filters copies by source-image-id and source-image-region",
          "[ec2][copy]") {
  Ec2 ec2;
  const sim::Caller west = ec2.in("us-west-2");
  const std::string a = test::registered_image(ec2, ec2.caller, "image-a").str();
  const std::string b = test::registered_image(ec2, ec2.caller, "image-b").str();
  ec2.settle();
  const std::string from_a =
      ec2.ok("CopyImage", {{"SourceRegion", "us-east-1"}, {"SourceImageId", a}, {"Name", "copy-a"}},
             &west)["ImageId"]
          .get<std::string>();
  const std::string from_b =
      ec2.ok("CopyImage", {{"SourceRegion", "us-east-1"}, {"SourceImageId", b}, {"Name", "copy-b"}},
             &west)["ImageId"]
          .get<std::string>();
  Json by_id = ec2.ok(
      "DescribeImages",
      {{"Owners", {"self"}}, {"Filters", {{{"Name", "source-image-id"}, {"Values", {a}}}}}}, &west);
  REQUIRE(by_id["Images"].size() == 1);
  CHECK(by_id["Images"][0]["ImageId"] == from_a);
  Json by_region =
      ec2.ok("DescribeImages",
             {{"Owners", {"self"}},
              {"Filters", {{{"Name", "source-image-region"}, {"Values", {"us-east-1"}}}}}},
             &west);
  CHECK(by_region["Images"].size() == 2);
  Json none = ec2.ok("DescribeImages",
                     {{"Owners", {"self"}},
                      {"Filters", {{{"Name", "source-image-region"}, {"Values", {"eu-west-1"}}}}}},
                     &west);
  CHECK(none["Images"].empty());
  (void)from_b;
}

TEST_CASE("CopyImage errors through the handler", "[ec2][copy]") {
  Ec2 ec2;
  const sim::Caller west = ec2.in("us-west-2");
  const std::string source = test::registered_image(ec2, ec2.caller, "golden").str();
  ec2.settle();
  auto copy = [&](Json extra, const sim::Caller* who) {
    Json in = {{"SourceRegion", "us-east-1"}, {"SourceImageId", source}, {"Name", "copy-c"}};
    for (auto& [k, v] : extra.items()) in[k] = v;
    return ec2.error("CopyImage", in, who);
  };
  CHECK(copy({{"SourceRegion", "us-west-2"}}, &west).code == "InvalidAMIID.NotFound");
  CHECK(copy({{"SourceImageId", "ami-12"}}, &west).code == "InvalidAMIID.Malformed");
  CHECK(copy({{"KmsKeyId", "alias/aws/ebs"}}, &west).code == "InvalidParameterDependency");
  CHECK(copy({{"Encrypted", true}, {"KmsKeyId", "alias/other"}}, &west).code ==
        "InvalidParameterValue");
  CHECK(copy({{"TagSpecifications",
               {{{"ResourceType", "volume"}, {"Tags", {{{"Key", "a"}, {"Value", "b"}}}}}}}},
             &west)
            .code == "InvalidParameterValue");
  const sim::Caller other = ec2.as(kOther, "us-west-2");
  CHECK(copy({}, &other).code == "InvalidAMIID.NotFound");
  test::expect_ok(test::share(ec2, ec2.caller, sim::ImageId(source), kOther));
  const auto denied = copy({}, &other);
  CHECK(denied.code == "InvalidRequest");
  CHECK(denied.message == "You do not have permission to access the storage of this ami");
}

TEST_CASE("CopyImage with Encrypted and CopyImageTags, and a ClientToken replay", "[ec2][copy]") {
  Ec2 ec2;
  const sim::Caller west = ec2.in("us-west-2");
  const std::string source = test::registered_image(ec2, ec2.caller, "golden").str();
  ec2.settle();
  ec2.ok("CreateTags",
         {{"Resources", {source}}, {"Tags", {{{"Key", "team"}, {"Value", "infra"}}}}});
  Json in = {{"SourceRegion", "us-east-1"},
             {"SourceImageId", source},
             {"Name", "enc"},
             {"Encrypted", true},
             {"CopyImageTags", true},
             {"ClientToken", "abc"},
             {"TagSpecifications",
              {{{"ResourceType", "snapshot"}, {"Tags", {{{"Key", "k"}, {"Value", "v"}}}}}}}};
  const std::string copy = ec2.ok("CopyImage", in, &west)["ImageId"].get<std::string>();
  CHECK(ec2.ok("CopyImage", in, &west)["ImageId"] == copy);
  Json image = describe_image(ec2, copy, &west);
  REQUIRE(image.contains("Tags"));
  CHECK(image["Tags"] == Json::parse(R"([{"Key": "team", "Value": "infra"}])"));
  CHECK(image["BlockDeviceMappings"][0]["Ebs"]["Encrypted"] == true);
  Json s = describe_snapshot(ec2, root_snapshot_of(image), &west);
  CHECK(s["Encrypted"] == true);
  CHECK(s["KmsKeyId"] ==
        sim::default_ebs_key_arn(sim::RegionName("us-west-2"), ec2.caller.account));
  CHECK(s["Tags"] == Json::parse(R"([{"Key": "k", "Value": "v"}])"));
  in["Name"] = "enc-2";
  CHECK(ec2.error("CopyImage", in, &west).code == "IdempotentParameterMismatch");
}

TEST_CASE("CopySnapshot answers a new SnapshotId in the caller's Region", "[ec2][copy]") {
  Ec2 ec2;
  const sim::Caller west = ec2.in("us-west-2");
  const std::string source = test::own_snapshot(ec2, ec2.caller).str();
  Json out =
      ec2.ok("CopySnapshot",
             {{"SourceRegion", "us-east-1"},
              {"SourceSnapshotId", source},
              {"Description", "dr"},
              {"Encrypted", true},
              {"KmsKeyId", "alias/aws/ebs"},
              {"TagSpecifications",
               {{{"ResourceType", "snapshot"}, {"Tags", {{{"Key", "a"}, {"Value", "1"}}}}}}}},
             &west);
  const std::string copy = out.at("SnapshotId").get<std::string>();
  CHECK(copy != source);
  CHECK(out["Tags"] == Json::parse(R"([{"Key": "a", "Value": "1"}])"));
  Json s = describe_snapshot(ec2, copy, &west);
  CHECK(s["VolumeId"] == "vol-ffffffff");
  CHECK(s["Description"] == "dr");
  CHECK(s["Encrypted"] == true);
  CHECK(s["KmsKeyId"].get<std::string>().rfind("arn:aws:kms:us-west-2:", 0) == 0);
  CHECK(ec2.error("DescribeSnapshots", {{"SnapshotIds", {copy}}}).code ==
        "InvalidSnapshot.NotFound");
  // Errors: wrong Region, unknown Region, an encrypted source asked to be unencrypted.
  CHECK(ec2.error("CopySnapshot", {{"SourceRegion", "us-west-2"}, {"SourceSnapshotId", source}})
            .code == "InvalidSnapshot.NotFound");
  CHECK(ec2.error("CopySnapshot", {{"SourceRegion", "xx-1"}, {"SourceSnapshotId", source}}).code ==
        "InvalidRegion");
  ec2.settle();
  CHECK(ec2.error("CopySnapshot",
                  {{"SourceRegion", "us-west-2"}, {"SourceSnapshotId", copy}, {"Encrypted", false}},
                  &west)
            .code == "InvalidParameterValue");
}
