// The trimmed EC2 service model (fixtures/aws/, scripts/trim_service_model.py) and its index.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <set>
#include <stdexcept>
#include <string>

#include "api/io/fixtures.hpp"
#include "api/protocol/service_model.hpp"
#include "tests/api/ec2_support.hpp"

namespace {

using amisim::protocol::ServiceModel;
using amisim::protocol::ShapeType;

// The operations the issues list (3, and 4 for launch templates), written out here independently
// of the script.
const std::set<std::string> kOperations = {"ListImagesInRecycleBin",
                                           "ListSnapshotsInRecycleBin",
                                           "ListVolumesInRecycleBin",
                                           "RestoreImageFromRecycleBin",
                                           "RestoreSnapshotFromRecycleBin",
                                           "RestoreVolumeFromRecycleBin",
                                           "LockSnapshot",
                                           "UnlockSnapshot",
                                           "DescribeLockedSnapshots",
                                           "DescribeImageReferences",
                                           "DescribeInstanceImageMetadata",
                                           "GetImageAncestry",
                                           "EnableImageBlockPublicAccess",
                                           "DisableImageBlockPublicAccess",
                                           "GetImageBlockPublicAccessState",
                                           "EnableSnapshotBlockPublicAccess",
                                           "DisableSnapshotBlockPublicAccess",
                                           "GetSnapshotBlockPublicAccessState",
                                           "EnableAllowedImagesSettings",
                                           "DisableAllowedImagesSettings",
                                           "GetAllowedImagesSettings",
                                           "ReplaceImageCriteriaInAllowedImagesSettings",
                                           "ModifyInstanceMetadataOptions",
                                           "GetInstanceMetadataDefaults",
                                           "ModifyInstanceMetadataDefaults",
                                           "MonitorInstances",
                                           "UnmonitorInstances",
                                           "AuthorizeSecurityGroupIngress",
                                           "AuthorizeSecurityGroupEgress",
                                           "RevokeSecurityGroupIngress",
                                           "RevokeSecurityGroupEgress",
                                           "DescribeSecurityGroupRules",
                                           "ModifySecurityGroupRules",
                                           "DescribeInstanceTypes",
                                           "DescribeInstanceTypeOfferings",
                                           "DescribeInstanceCreditSpecifications",
                                           "ModifyInstanceCreditSpecification",
                                           "DescribeVpcs",
                                           "CreateVpc",
                                           "DeleteVpc",
                                           "CreateDefaultVpc",
                                           "DescribeSubnets",
                                           "CreateSubnet",
                                           "DeleteSubnet",
                                           "ModifySubnetAttribute",
                                           "DescribeInternetGateways",
                                           "CreateInternetGateway",
                                           "AttachInternetGateway",
                                           "DetachInternetGateway",
                                           "DeleteInternetGateway",
                                           "DescribeRouteTables",
                                           "DescribeNetworkAcls",
                                           "DescribeNetworkInterfaces",
                                           "DescribeAccountAttributes",
                                           "AllocateAddress",
                                           "AssociateAddress",
                                           "DisassociateAddress",
                                           "ReleaseAddress",
                                           "DescribeAddresses",
                                           "ModifySnapshotTier",
                                           "RestoreSnapshotTier",
                                           "DescribeSnapshotTierStatus",
                                           "CreateStoreImageTask",
                                           "DescribeStoreImageTasks",
                                           "CreateRestoreImageTask",
                                           "ImportImage",
                                           "ImportSnapshot",
                                           "DescribeImportImageTasks",
                                           "DescribeImportSnapshotTasks",
                                           "CancelImportTask",
                                           "ExportImage",
                                           "DescribeExportImageTasks",
                                           "CreateLaunchTemplate",
                                           "CreateLaunchTemplateVersion",
                                           "DescribeLaunchTemplates",
                                           "DescribeLaunchTemplateVersions",
                                           "ModifyLaunchTemplate",
                                           "DeleteLaunchTemplateVersions",
                                           "DeleteLaunchTemplate",
                                           "RunInstances",
                                           "StartInstances",
                                           "StopInstances",
                                           "RebootInstances",
                                           "TerminateInstances",
                                           "DescribeInstances",
                                           "DescribeInstanceStatus",
                                           "ModifyInstanceAttribute",
                                           "DescribeInstanceAttribute",
                                           "CreateVolume",
                                           "AttachVolume",
                                           "DetachVolume",
                                           "DeleteVolume",
                                           "DescribeVolumes",
                                           "CreateSnapshot",
                                           "CreateSnapshots",
                                           "DeleteSnapshot",
                                           "DescribeSnapshots",
                                           "ModifySnapshotAttribute",
                                           "DescribeSnapshotAttribute",
                                           "CreateImage",
                                           "RegisterImage",
                                           "DeregisterImage",
                                           "DescribeImages",
                                           "DescribeImageAttribute",
                                           "ModifyImageAttribute",
                                           "ResetImageAttribute",
                                           "CancelImageLaunchPermission",
                                           "EnableImageDeprecation",
                                           "DisableImageDeprecation",
                                           "EnableImage",
                                           "DisableImage",
                                           "EnableImageDeregistrationProtection",
                                           "DisableImageDeregistrationProtection",
                                           "CreateTags",
                                           "DeleteTags",
                                           "DescribeTags",
                                           "CreateKeyPair",
                                           "ImportKeyPair",
                                           "DescribeKeyPairs",
                                           "DeleteKeyPair",
                                           "CreateSecurityGroup",
                                           "DescribeSecurityGroups",
                                           "DeleteSecurityGroup",
                                           "DescribeRegions",
                                           "DescribeAvailabilityZones",
                                           "CopyImage",
                                           "CopySnapshot"};

nlohmann::json embedded(const std::string& name) {
  for (const auto& [file, text] : amisim::io::embedded_fixtures()) {
    if (file == name) return nlohmann::json::parse(text);
  }
  FAIL("not embedded: " << name);
  return {};
}

}  // namespace

TEST_CASE("The embedded model has exactly the supported operations, version 2016-11-15") {
  std::set<std::string> names;
  for (const auto& [name, op] : test::ec2_model().operations()) names.insert(name);
  CHECK(names == kOperations);
  CHECK(test::ec2_model().api_version() == "2016-11-15");
  CHECK(test::ec2_model().xml_namespace() == "http://ec2.amazonaws.com/doc/2016-11-15");
}

TEST_CASE("Members carry their request and response names from the model") {
  const auto* op = test::ec2_model().operation("DescribeImages");
  REQUIRE(op);
  const auto& in = test::ec2_model().shape(op->input);
  const auto* filters = in.member("Filters");
  REQUIRE(filters);
  CHECK(filters->query_wire_name() == "Filter");
  CHECK(test::ec2_model().shape(filters->shape).type == ShapeType::kList);
  CHECK(in.member_by_query_name("DryRun") == in.member("DryRun"));  // locationName "dryRun"
  const auto& out = test::ec2_model().shape(op->output);
  REQUIRE(out.member("Images"));
  CHECK(out.member("Images")->xml_name() == "imagesSet");
  const auto& image =
      test::ec2_model().shape(test::ec2_model().shape(out.member("Images")->shape).item.shape);
  CHECK(image.member("State")->xml_name() == "imageState");
  CHECK(image.member_by_xml_name("imageOwnerId") == image.member("OwnerId"));
}

TEST_CASE("Required members and bounds are indexed") {
  const auto& run = test::ec2_model().shape(test::ec2_model().operation("RunInstances")->input);
  CHECK(std::set<std::string>(run.required.begin(), run.required.end()) ==
        std::set<std::string>{"MinCount", "MaxCount"});
  const auto& copy = test::ec2_model().shape(test::ec2_model().operation("CopyImage")->input);
  const auto& name = test::ec2_model().shape(copy.member("Name")->shape);
  CHECK(name.type == ShapeType::kString);
  // botocore client-side validation: Name min 3 / max 128 (aws-facts.md §1.2).
  CHECK(name.min == 3);
  CHECK(name.max == 128);
}

TEST_CASE("A malformed model is refused with a message naming the shape") {
  auto bad = nlohmann::ordered_json::parse(R"({"operations": {"X": {"input": {"shape": "Missing"}}},
                                      "shapes": {}})");
  CHECK_THROWS_WITH(ServiceModel::from_json(bad), Catch::Contains("Missing"));
}

TEST_CASE("The npm min.json layout (inline shapes, untyped strings) loads the same way") {
  auto m = ServiceModel::from_json(nlohmann::ordered_json::parse(R"({
    "metadata": {"apiVersion": "2016-11-15"},
    "operations": {"DescribeThings": {
      "input": {"type": "structure", "required": ["Ids"],
                "members": {"Ids": {"shape": "S1", "locationName": "Id"}, "Name": {}}}}},
    "shapes": {"S1": {"type": "list", "member": {"locationName": "item"}}}})"));
  const auto& in = m->shape(m->operation("DescribeThings")->input);
  CHECK(in.member_by_query_name("Id") == in.member("Ids"));
  CHECK(m->shape(in.member("Name")->shape).type == ShapeType::kString);
  CHECK(m->shape(m->shape(in.member("Ids")->shape).item.shape).type == ShapeType::kString);
}

TEST_CASE("Waiters and paginators are embedded and only name supported operations") {
  auto waiters = embedded("aws/ec2-2016-11-15.waiters.json");
  CHECK(waiters["waiters"].contains("ImageAvailable"));
  CHECK(waiters["waiters"].contains("InstanceStopped"));
  for (const auto& [name, w] : waiters["waiters"].items()) CHECK(kOperations.count(w["operation"]));
  auto pages = embedded("aws/ec2-2016-11-15.paginators.json");
  CHECK(pages["pagination"]["DescribeImages"]["result_key"] == "Images");
  for (const auto& [name, p] : pages["pagination"].items()) CHECK(kOperations.count(name));
}
