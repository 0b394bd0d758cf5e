// Store/restore and VM Import/Export through ec2::call (api/ec2/image_tasks.cpp over
// sim/s3/image_tasks.hpp): SDK input, outputs checked against the service model and the XML round
// trip (ec2_support.hpp). Facts: aws-facts.md §6 (UG23:ami-store-restore.md, VMIE23:*).
#include <catch2/catch.hpp>
#include <string>

#include "sim/s3/image_tasks.hpp"
#include "sim/s3/s3.hpp"
#include "tests/api/ec2_support.hpp"
#include "tests/sim/images/image_fixture.hpp"

using test::Ec2;
using test::Json;

namespace {

using test::kOther;

// A bucket of the caller's in its Region, made directly in the world (the S3 door has its own
// tests).
sim::Bucket& bucket(Ec2& ec2, const std::string& name, const sim::Caller& owner) {
  sim::Bucket b;
  b.name = name;
  b.owner = owner.account;
  b.region = owner.region;
  return ec2.world.buckets()[name] = b;
}

void upload(sim::Bucket& b, const std::string& key, std::string body) {
  sim::S3Object o;
  o.key = key;
  o.size = body.size();
  o.body = std::move(body);
  b.objects[key] = o;
}

// A stream-optimized VMDK starts with "KDMV" (its sparse extent header).
std::string vmdk_bytes(std::size_t size = 4096) {
  std::string b = "KDMV";
  b.resize(size, '\x01');
  return b;
}

using test::describe_image;

Json run(const std::string& image) {
  return {{"ImageId", image}, {"InstanceType", "t3.micro"}, {"MinCount", 1}, {"MaxCount", 1}};
}

Json store_tasks(Ec2& ec2, const std::string& image) {
  Json out = ec2.ok("DescribeStoreImageTasks", {{"ImageIds", {image}}});
  REQUIRE(out["StoreImageTaskResults"].size() == 1);
  return out["StoreImageTaskResults"][0];
}

}  // namespace

TEST_CASE("CreateStoreImageTask: <ami-id>.bin appears in the bucket only when the task completes",
          "[ec2][s3][store]") {
  Ec2 ec2;
  const std::string ami = test::own_image(ec2, ec2.caller, "golden").str();
  sim::Bucket& b = bucket(ec2, "amis", ec2.caller);
  Json out =
      ec2.ok("CreateStoreImageTask", {{"ImageId", ami},
                                      {"Bucket", "amis"},
                                      {"S3ObjectTags", {{{"Key", "team"}, {"Value", "web"}}}}});
  CHECK(out["ObjectKey"] == ami + ".bin");
  CHECK(b.objects.count(ami + ".bin") == 0);
  Json task = store_tasks(ec2, ami);
  CHECK(task["StoreTaskState"] == "InProgress");
  CHECK(task["Bucket"] == "amis");
  CHECK(task["S3objectKey"] == ami + ".bin");
  CHECK(task["ProgressPercentage"].get<int>() < 100);
  ec2.settle();
  task = store_tasks(ec2, ami);
  CHECK(task["StoreTaskState"] == "Completed");
  CHECK(task["ProgressPercentage"] == 100);
  REQUIRE(b.objects.count(ami + ".bin") == 1);
  const sim::S3Object& object = b.objects.at(ami + ".bin");
  CHECK(object.metadata.at("ami-name") == "golden");
  CHECK(object.metadata.at("ami-owner-account") == ec2.caller.account.str());
  REQUIRE(object.stored_image);
  CHECK(object.stored_image->image.id.str() == ami);
  CHECK(object.size > 0);
  // The AMI itself is untouched and still launches.
  CHECK(describe_image(ec2, ami)["State"] == "available");
  ec2.ok("RunInstances", run(ami));
}

TEST_CASE("CreateStoreImageTask refusals: bucket, Region, ownership, IDs", "[ec2][s3][store]") {
  Ec2 ec2;
  const std::string ami = test::own_image(ec2, ec2.caller, "golden").str();
  bucket(ec2, "amis", ec2.caller);
  bucket(ec2, "west-amis", ec2.in("us-west-2"));
  bucket(ec2, "theirs", ec2.as(kOther));
  CHECK(ec2.error("CreateStoreImageTask", {{"ImageId", ami}, {"Bucket", "nope"}}).code ==
        "InvalidParameterValue");
  // The bucket must be in the request's Region (fact sheet §6).
  CHECK(ec2.error("CreateStoreImageTask", {{"ImageId", ami}, {"Bucket", "west-amis"}}).code ==
        "InvalidParameterValue");
  CHECK(ec2.error("CreateStoreImageTask", {{"ImageId", ami}, {"Bucket", "theirs"}}).code ==
        "InvalidParameterValue");
  CHECK(ec2.error("CreateStoreImageTask", {{"ImageId", "ami-12"}, {"Bucket", "amis"}}).code ==
        "InvalidAMIID.Malformed");
  CHECK(
      ec2.error("CreateStoreImageTask", {{"ImageId", "ami-0123456789abcdef0"}, {"Bucket", "amis"}})
          .code == "InvalidAMIID.NotFound");
  // A public image is not enough: only own or directly shared AMIs are stored.
  const std::string public_ami = ec2.catalogue_image("al2023-x86_64").str();
  CHECK(ec2.error("CreateStoreImageTask", {{"ImageId", public_ami}, {"Bucket", "amis"}}).code ==
        "InvalidRequest");
  // Directly shared: the grantee may store it in its own bucket.
  const sim::Caller other = ec2.as(kOther);
  ec2.ok("ModifyImageAttribute",
         {{"ImageId", ami}, {"LaunchPermission", {{"Add", {{{"UserId", kOther}}}}}}});
  CHECK(ec2.ok("CreateStoreImageTask", {{"ImageId", ami}, {"Bucket", "theirs"}}, &other)
            .at("ObjectKey") == ami + ".bin");
  CHECK(ec2.error("CreateStoreImageTask", {{"ImageId", ami}, {"Bucket", "amis"}, {"DryRun", true}})
            .code == "DryRunOperation");
  CHECK(ec2.error("DescribeStoreImageTasks", {{"ImageIds", {ami}}}).code ==
        "InvalidAMIID.NotFound");
}

TEST_CASE(
    "CreateRestoreImageTask: a new AMI, never the stored ID, pending then available, and it "
    "launches, the original is unchanged",
    "[ec2][s3][restore]") {
  Ec2 ec2;
  const std::string ami = test::own_image(ec2, ec2.caller, "golden").str();
  bucket(ec2, "amis", ec2.caller);
  ec2.ok("CreateTags", {{"Resources", {ami}}, {"Tags", {{{"Key", "tier"}, {"Value", "gold"}}}}});
  ec2.ok("CreateStoreImageTask", {{"ImageId", ami}, {"Bucket", "amis"}});
  ec2.settle();
  const Json before = describe_image(ec2, ami);
  // The default name is the stored AMI's, which the original still holds in this Region.
  CHECK(
      ec2.error("CreateRestoreImageTask", {{"Bucket", "amis"}, {"ObjectKey", ami + ".bin"}}).code ==
      "InvalidAMIName.Duplicate");
  Json out = ec2.ok("CreateRestoreImageTask",
                    {{"Bucket", "amis"}, {"ObjectKey", ami + ".bin"}, {"Name", "golden-restored"}});
  const std::string restored = out.at("ImageId").get<std::string>();
  CHECK(restored != ami);
  Json image = describe_image(ec2, restored);
  CHECK(image["State"] == "pending");
  CHECK(image["Name"] == "golden-restored");
  CHECK(image["OwnerId"] == ec2.caller.account.str());
  CHECK(image["Architecture"] == before["Architecture"]);
  CHECK(image["RootDeviceName"] == before["RootDeviceName"]);
  // Tags are preserved by the store (fact sheet §6).
  REQUIRE(image.contains("Tags"));
  CHECK(image["Tags"][0]["Key"] == "tier");
  const std::string new_snap =
      image["BlockDeviceMappings"][0]["Ebs"]["SnapshotId"].get<std::string>();
  CHECK(new_snap != before["BlockDeviceMappings"][0]["Ebs"]["SnapshotId"].get<std::string>());
  ec2.settle();
  CHECK(describe_image(ec2, restored)["State"] == "available");
  ec2.ok("RunInstances", run(restored));
  CHECK(describe_image(ec2, ami) == before);
}

TEST_CASE(
    "Nothing launches from S3: a bucket, key, s3:// URL or .bin object is not an image, a "
    "deregistered AMI's object comes back only through a restore",
    "[ec2][s3][restore]") {
  Ec2 ec2;
  const std::string ami = test::own_image(ec2, ec2.caller, "golden").str();
  bucket(ec2, "amis", ec2.caller);
  ec2.ok("CreateStoreImageTask", {{"ImageId", ami}, {"Bucket", "amis"}});
  ec2.settle();
  ec2.ok("DeregisterImage", {{"ImageId", ami}});
  // Briefly still described as deregistered, then gone (fact sheet §3.5).
  CHECK(ec2.error("RunInstances", run(ami)).code == "InvalidAMIID.Unavailable");
  ec2.advance(6 * 3600 * sim::kSecondMs);
  CHECK(ec2.error("RunInstances", run(ami)).code == "InvalidAMIID.NotFound");
  for (const std::string& id :
       {"s3://amis/" + ami + ".bin", ami + ".bin", std::string("amis"), "amis/" + ami + ".bin",
        "https://amis.s3.amazonaws.com/" + ami + ".bin"}) {
    INFO(id);
    CHECK(ec2.error("RunInstances", run(id)).code == "InvalidAMIID.Malformed");
  }
  // A launch template naming the object fails at launch the same way.
  ec2.ok("CreateLaunchTemplate",
         {{"LaunchTemplateName", "from-s3"},
          {"LaunchTemplateData",
           {{"ImageId", "s3://amis/" + ami + ".bin"}, {"InstanceType", "t3.micro"}}}});
  CHECK(ec2.error("RunInstances", {{"LaunchTemplate", {{"LaunchTemplateName", "from-s3"}}},
                                   {"MinCount", 1},
                                   {"MaxCount", 1}})
            .code == "InvalidAMIID.Malformed");
  // The name is free again, so the restore may keep it.
  const std::string restored =
      ec2.ok("CreateRestoreImageTask", {{"Bucket", "amis"}, {"ObjectKey", ami + ".bin"}})
          .at("ImageId")
          .get<std::string>();
  CHECK(restored != ami);
  ec2.settle();
  CHECK(describe_image(ec2, restored)["Name"] == "golden");
  ec2.ok("RunInstances", run(restored));
  // An object that is not a stored AMI does not restore.
  upload(ec2.world.buckets().at("amis"), "disk.raw", "data");
  CHECK(ec2.error("CreateRestoreImageTask",
                  {{"Bucket", "amis"}, {"ObjectKey", "disk.raw"}, {"Name", "x-raw"}})
            .code == "InvalidParameterValue");
  CHECK(ec2.error("CreateRestoreImageTask",
                  {{"Bucket", "amis"}, {"ObjectKey", "missing.bin"}, {"Name", "x-missing"}})
            .code == "InvalidParameterValue");
}

TEST_CASE("ImportImage: import-ami task through AWS's statuses to an available AMI that launches",
          "[ec2][s3][import]") {
  Ec2 ec2;
  sim::Bucket& b = bucket(ec2, "disks", ec2.caller);
  upload(b, "vm/disk1.vmdk", vmdk_bytes());
  Json out = ec2.ok("ImportImage",
                    {{"Description", "lab VM"},
                     {"DiskContainers",
                      {{{"Format", "vmdk"},
                        {"UserBucket", {{"S3Bucket", "disks"}, {"S3Key", "vm/disk1.vmdk"}}}}}}});
  const std::string task = out.at("ImportTaskId").get<std::string>();
  CHECK(task.rfind("import-ami-", 0) == 0);
  CHECK(out["Status"] == "active");
  CHECK(out["StatusMessage"] == "pending");
  CHECK_FALSE(out.contains("ImageId"));
  ec2.advance(4 * 60 * sim::kSecondMs);
  Json mid = ec2.ok("DescribeImportImageTasks", {{"ImportTaskIds", {task}}})["ImportImageTasks"][0];
  CHECK(mid["Status"] == "active");
  CHECK(mid["StatusMessage"] != "pending");
  ec2.settle();
  Json done =
      ec2.ok("DescribeImportImageTasks", {{"ImportTaskIds", {task}}})["ImportImageTasks"][0];
  CHECK(done["Status"] == "completed");
  const std::string ami = done.at("ImageId").get<std::string>();
  REQUIRE(done["SnapshotDetails"].size() == 1);
  CHECK(done["SnapshotDetails"][0]["Format"] == "VMDK");
  CHECK(done["SnapshotDetails"][0]["UserBucket"]["S3Key"] == "vm/disk1.vmdk");
  const std::string snap = done["SnapshotDetails"][0]["SnapshotId"].get<std::string>();
  Json image = describe_image(ec2, ami);
  CHECK(image["State"] == "available");
  CHECK(image["Description"] == "lab VM");
  CHECK(image["BlockDeviceMappings"][0]["Ebs"]["SnapshotId"] == snap);
  ec2.ok("RunInstances", run(ami));
}

TEST_CASE("ImportImage refusals and failures", "[ec2][s3][import]") {
  Ec2 ec2;
  sim::Bucket& b = bucket(ec2, "disks", ec2.caller);
  upload(b, "junk.vmdk", "not a disk");
  bucket(ec2, "west-disks", ec2.in("us-west-2"));
  auto container = [](const std::string& bucket_name, const std::string& key) {
    return Json{
        {"DiskContainers", {{{"UserBucket", {{"S3Bucket", bucket_name}, {"S3Key", key}}}}}}};
  };
  // A missing bucket: the role cannot read it ([obs] aws/aws-cli#8873 for the text).
  auto e = ec2.error("ImportImage", container("nope", "x.vmdk"));
  CHECK(e.code == "InvalidParameter");
  CHECK(e.message.find("vmimport") != std::string::npos);
  CHECK(ec2.error("ImportImage", container("west-disks", "x.vmdk")).code == "InvalidParameter");
  CHECK(ec2.error("ImportImage", container("disks", "missing.vmdk")).code == "InvalidParameter");
  CHECK(ec2.error("ImportImage", container("disks", "disk.qcow2")).code == "InvalidParameterValue");
  CHECK(ec2.error("ImportImage", Json::object()).code == "MissingParameter");
  Json kms = container("disks", "junk.vmdk");
  kms["KmsKeyId"] = "alias/aws/ebs";
  CHECK(ec2.error("ImportImage", kms).code == "InvalidParameterDependency");
  // Bytes that are not a VMDK: the task fails while validating.
  const std::string task =
      ec2.ok("ImportImage", container("disks", "junk.vmdk")).at("ImportTaskId").get<std::string>();
  ec2.settle();
  Json t = ec2.ok("DescribeImportImageTasks", {{"ImportTaskIds", {task}}})["ImportImageTasks"][0];
  CHECK(t["Status"] == "deleted");
  CHECK(t["StatusMessage"] == "ClientError: Disk validation failed [Unsupported VMDK File Format]");
  CHECK_FALSE(t.contains("ImageId"));
  CHECK(ec2.error("DescribeImportImageTasks", {{"ImportTaskIds", {"import-ami-zz"}}}).code ==
        "InvalidConversionTaskId.Malformed");
  CHECK(ec2.error("DescribeImportImageTasks", {{"ImportTaskIds", {"import-ami-0123456789abcdef0"}}})
            .code == "InvalidConversionTaskId");
}

TEST_CASE("A stored AMI object does not import as a disk: only a restore brings it back",
          "[ec2][s3][import]") {
  Ec2 ec2;
  const std::string ami = test::own_image(ec2, ec2.caller, "golden").str();
  bucket(ec2, "amis", ec2.caller);
  ec2.ok("CreateStoreImageTask", {{"ImageId", ami}, {"Bucket", "amis"}});
  ec2.settle();
  const std::string task =
      ec2.ok("ImportImage",
             {{"DiskContainers", {{{"Format", "RAW"}, {"Url", "s3://amis/" + ami + ".bin"}}}}})
          .at("ImportTaskId")
          .get<std::string>();
  ec2.settle();
  Json t = ec2.ok("DescribeImportImageTasks", {{"ImportTaskIds", {task}}})["ImportImageTasks"][0];
  CHECK(t["Status"] == "deleted");
  CHECK(t["StatusMessage"].get<std::string>().rfind("ClientError:", 0) == 0);
}

TEST_CASE("ImportSnapshot and CancelImportTask", "[ec2][s3][import]") {
  Ec2 ec2;
  sim::Bucket& b = bucket(ec2, "disks", ec2.caller);
  upload(b, "d.raw", std::string(3 * 1024 * 1024, 'x'));
  Json out =
      ec2.ok("ImportSnapshot",
             {{"Description", "data disk"},
              {"DiskContainer",
               {{"Format", "RAW"}, {"UserBucket", {{"S3Bucket", "disks"}, {"S3Key", "d.raw"}}}}}});
  const std::string task = out.at("ImportTaskId").get<std::string>();
  CHECK(task.rfind("import-snap-", 0) == 0);
  CHECK(out["SnapshotTaskDetail"]["Status"] == "active");
  CHECK(out["SnapshotTaskDetail"]["DiskImageSize"] == 3.0 * 1024 * 1024);
  ec2.settle();
  Json t =
      ec2.ok("DescribeImportSnapshotTasks", {{"ImportTaskIds", {task}}})["ImportSnapshotTasks"][0];
  CHECK(t["SnapshotTaskDetail"]["Status"] == "completed");
  const std::string snap = t["SnapshotTaskDetail"]["SnapshotId"].get<std::string>();
  Json s = ec2.ok("DescribeSnapshots", {{"SnapshotIds", {snap}}})["Snapshots"][0];
  CHECK(s["State"] == "completed");
  CHECK(s["VolumeSize"] == 1);

  // Cancel: active -> deleting -> deleted; a finished task cannot be cancelled.
  const std::string second =
      ec2.ok("ImportSnapshot", {{"DiskContainer", {{"Url", "s3://disks/d.raw"}}}})
          .at("ImportTaskId")
          .get<std::string>();
  Json c = ec2.ok("CancelImportTask", {{"ImportTaskId", second}});
  CHECK(c["PreviousState"] == "active");
  CHECK(c["State"] == "deleting");
  ec2.settle();
  Json gone = ec2.ok("DescribeImportSnapshotTasks",
                     {{"ImportTaskIds", {second}}})["ImportSnapshotTasks"][0];
  CHECK(gone["SnapshotTaskDetail"]["Status"] == "deleted");
  CHECK_FALSE(gone["SnapshotTaskDetail"].contains("SnapshotId"));
  CHECK(ec2.error("CancelImportTask", {{"ImportTaskId", second}}).code ==
        "InvalidConversionTaskId");
  CHECK(ec2.error("CancelImportTask", {{"ImportTaskId", "export-ami-12345678"}}).code ==
        "InvalidConversionTaskId.Malformed");
}

TEST_CASE(
    "ExportImage writes <prefix><task>.<format>, Marketplace and foreign AMIs are not "
    "exportable",
    "[ec2][s3][export]") {
  Ec2 ec2;
  const std::string ami = test::own_image(ec2, ec2.caller, "golden").str();
  sim::Bucket& b = bucket(ec2, "exports", ec2.caller);
  Json out = ec2.ok("ExportImage",
                    {{"ImageId", ami},
                     {"DiskImageFormat", "VMDK"},
                     {"S3ExportLocation", {{"S3Bucket", "exports"}, {"S3Prefix", "vms/"}}}});
  const std::string task = out.at("ExportImageTaskId").get<std::string>();
  CHECK(task.rfind("export-ami-", 0) == 0);
  CHECK(out["Status"] == "active");
  CHECK(out["RoleName"] == "vmimport");
  CHECK(ec2.error("ExportImage", {{"ImageId", ami},
                                  {"DiskImageFormat", "VMDK"},
                                  {"S3ExportLocation", {{"S3Bucket", "exports"}}}})
            .code == "ResourceLimitExceeded");
  ec2.settle();
  Json t =
      ec2.ok("DescribeExportImageTasks", {{"ExportImageTaskIds", {task}}})["ExportImageTasks"][0];
  CHECK(t["Status"] == "completed");
  CHECK(b.objects.count("vms/" + task + ".vmdk") == 1);
  // The exported disk imports back (a VMDK the model made).
  const std::string back =
      ec2.ok("ImportImage",
             {{"DiskContainers",
               {{{"UserBucket", {{"S3Bucket", "exports"}, {"S3Key", "vms/" + task + ".vmdk"}}}}}}})
          .at("ImportTaskId")
          .get<std::string>();
  ec2.settle();
  CHECK(ec2.ok("DescribeImportImageTasks",
               {{"ImportTaskIds", {back}}})["ImportImageTasks"][0]["Status"] == "completed");

  const auto& product = ec2.world.fixtures().marketplace.front();
  const std::string market = product.images.begin()->second.str();
  const sim::Caller in_product_region = ec2.in(product.images.begin()->first.str());
  bucket(ec2, "exports-mp", in_product_region);
  auto e = ec2.error("ExportImage",
                     {{"ImageId", market},
                      {"DiskImageFormat", "RAW"},
                      {"S3ExportLocation", {{"S3Bucket", "exports-mp"}}}},
                     &in_product_region);
  CHECK(e.code == "NotExportable");
  CHECK(e.message ==
        "The image ID provided (" + market + ") is a marketplace AMI and is not exportable.");
  // Shared from another account: the snapshots are not the caller's.
  const sim::Caller other = ec2.as(kOther);
  bucket(ec2, "their-exports", other);
  ec2.ok("ModifyImageAttribute",
         {{"ImageId", ami}, {"LaunchPermission", {{"Add", {{{"UserId", kOther}}}}}}});
  CHECK(ec2.error("ExportImage",
                  {{"ImageId", ami},
                   {"DiskImageFormat", "VHD"},
                   {"S3ExportLocation", {{"S3Bucket", "their-exports"}}}},
                  &other)
            .code == "NotExportable");
  CHECK(ec2.error("ExportImage", {{"ImageId", ami},
                                  {"DiskImageFormat", "QCOW2"},
                                  {"S3ExportLocation", {{"S3Bucket", "exports"}}}})
            .code == "InvalidParameterValue");
  CHECK(ec2.error("DescribeExportImageTasks", {{"ExportImageTaskIds", {"export-ami-12345678"}}})
            .code == "InvalidExportTaskID.NotFound");
}
