// VM Export (sim/s3/vm_import_export.cpp: ExportImage, DescribeExportImageTasks; API in
// sim/s3/image_tasks.hpp), called directly. Facts: aws-facts.md §6 (VMIE23:vmexport_image.md:
// VMDK, VHD or RAW written as <prefix>export-ami-<id>.<format> in a bucket of the Region; not for
// Windows/SQL Server, Marketplace-derived, encrypted or shared-from-another-account AMIs, nor
// volumes over 1 TiB; one task per AMI at a time; five conversion tasks per Region). Model rate
// from the README ("Model durations"): 5 min plus the data at 16 MiB/s.
#include <algorithm>
#include <catch2/catch.hpp>

#include "sim/images/marketplace.hpp"
#include "sim/instances/instances.hpp"
#include "tests/sim/s3/image_task_fixture.hpp"

using namespace sim;
using test::expect_error;
using test::expect_ok;
using test::export_ms;
using test::export_request;
using test::exported;
using test::image_import;
using test::kMiB;
using test::kRoleText;
using test::raw;
using test::started;
using test::task_of;
using test::user_bucket;
using test::vhd;

// --- ExportImage ---------------------------------------------------------------------------------

TEST_CASE(
    "ExportImage writes <prefix><task-id>.<format> when the task completes, 5 min plus the data "
    "at 16 MiB/s later: VMDK and VHD hold the written data, RAW the whole disk",
    "[s3][export]") {
  test::Harness h;
  const Bucket& bucket = test::make_bucket(h, h.caller, "exports");
  const ImageId ami = test::image_with_data(h, h.caller, "golden", 64 * kMiB);
  ExportImageRequest r = export_request(ami, "exports", "VMDK");
  r.prefix = "vms/";
  const TimeMs start = h.world.now();
  const std::string id = exported(h, h.caller, r);
  CHECK(is_well_formed_id("export-ami", id));
  ExportTaskView v = test::export_task(h, h.caller, id);
  CHECK(v.status == "active");
  CHECK(v.task->role_name == "vmimport");
  CHECK(v.task->format == "VMDK");
  CHECK(v.task->image == ami);
  CHECK(v.task->bytes == 64 * kMiB);
  const DurationMs span = export_ms(64 * kMiB);  // 304 s
  const std::pair<int, const char*> phases[] = {
      {5, "validating"}, {50, "converting"}, {90, "uploading"}};
  for (const auto& [percent, message] : phases) {
    h.advance(start + span * percent / 100 - h.world.now());
    v = test::export_task(h, h.caller, id);
    INFO(percent);
    CHECK(v.status == "active");
    CHECK(v.status_message == message);
    CHECK(v.progress == std::to_string(percent));
  }
  h.advance(start + span - 1 - h.world.now());
  CHECK(test::export_task(h, h.caller, id).status == "active");
  CHECK(bucket.objects.empty());
  h.advance(1);
  v = test::export_task(h, h.caller, id);
  CHECK(v.status == "completed");
  CHECK(v.progress.empty());
  const std::string key = "vms/" + id + ".vmdk";
  REQUIRE(bucket.objects.count(key) == 1);
  CHECK(bucket.objects.at(key).size == 64 * kMiB);
  CHECK(bucket.objects.at(key).last_modified == start + 304 * kSecondMs);
  CHECK_FALSE(bucket.objects.at(key).stored_image);

  // RAW: the whole 8 GiB volume, 300 s + 512 s; the format in any case, no prefix.
  const TimeMs raw_start = h.world.now();
  const std::string raw_id = exported(h, h.caller, export_request(ami, "exports", "raw"));
  CHECK(test::export_task(h, h.caller, raw_id).task->bytes == 8 * kGiB);
  h.advance(812 * kSecondMs - 1);
  CHECK(bucket.objects.count(raw_id + ".raw") == 0);
  h.advance(1);
  CHECK(bucket.objects.at(raw_id + ".raw").size == 8 * kGiB);
  CHECK(bucket.objects.at(raw_id + ".raw").last_modified == raw_start + export_ms(8 * kGiB));
  ExportImageRequest vhd_request = export_request(ami, "exports", "vhd");
  vhd_request.role_name = "exporter";
  const std::string vhd_id = exported(h, h.caller, vhd_request);
  CHECK(test::export_task(h, h.caller, vhd_id).task->role_name == "exporter");
  h.settle();
  CHECK(bucket.objects.at(vhd_id + ".vhd").size == 64 * kMiB);
}

TEST_CASE("ExportImage needs an ImageId, a format of VMDK, VHD or RAW, a bucket and a known AMI",
          "[s3][export]") {
  test::Harness h;
  test::make_bucket(h, h.caller, "exports");
  const ImageId ami = test::image_with_data(h, h.caller, "golden", kMiB);
  const std::string before = h.world.digest();
  expect_error(export_image(h.world, h.caller, export_request(ImageId(), "exports")),
               "MissingParameter");
  expect_error(export_image(h.world, h.caller, export_request(ami, "exports", "")),
               "MissingParameter");
  expect_error(export_image(h.world, h.caller, export_request(ami, "")), "MissingParameter");
  for (const char* format : {"QCOW2", "VHDX", "OVA"})
    expect_error(export_image(h.world, h.caller, export_request(ami, "exports", format)),
                 "InvalidParameterValue");
  expect_error(export_image(h.world, h.caller, export_request(ImageId("ami-12"), "exports")),
               "InvalidAMIID.Malformed");
  expect_error(
      export_image(h.world, h.caller, export_request(ImageId("ami-0123456789abcdef0"), "exports")),
      "InvalidAMIID.NotFound");
  CHECK(h.world.digest() == before);
  // AMI IDs are Regional (fact sheet §3.1).
  const Caller west = h.in("us-west-2");
  test::make_bucket(h, west, "west-exports");
  expect_error(export_image(h.world, west, export_request(ami, "west-exports")),
               "InvalidAMIID.NotFound");
  CHECK(h.world.region_of(west).tasks.exports.empty());
}

TEST_CASE(
    "Not exportable: Marketplace AMIs and AMIs made from them, Windows and billing-product AMIs, "
    "AMIs shared from another account, encrypted snapshots, volumes over 1 TiB",
    "[s3][export]") {
  test::Harness h;
  const Caller other = h.as(test::kOtherAccount);
  test::make_bucket(h, h.caller, "exports");
  test::make_bucket(h, other, "their-exports");
  auto refused = [&](const Caller& c, const ImageId& id, const std::string& bucket) {
    INFO(id.str());
    return expect_error(export_image(h.world, c, export_request(id, bucket)), "NotExportable");
  };

  // A Marketplace product's AMI, with the text AWS gives ([obs] aws/aws-sdk#203).
  const MarketplaceProduct& product = h.world.fixtures().marketplace.at(0);
  REQUIRE(product.offered_in(h.caller.region));
  const ImageId market = product.images.at(h.caller.region);
  CHECK(refused(h.caller, market, "exports").message ==
        "The image ID provided (" + market.str() + ") is a marketplace AMI and is not exportable.");
  // An AMI made from an instance of it keeps the code, and is not exportable either.
  expect_ok(subscribe(h.world, h.caller.account, product.code));
  RunInstancesRequest run;
  run.image_id = market.str();
  run.instance_type = product.instance_types.at(0);
  const InstanceId instance = expect_ok(run_instances(h.world, h.caller, run)).instances.at(0)->id;
  h.settle();
  const ImageId derived =
      expect_ok(create_image(h.world, h.caller, test::create_request(instance, "derived")));
  h.settle();
  refused(h.caller, derived, "exports");

  // Windows (third-party software provided by AWS), and any AMI with billing products.
  const InstanceId win = test::launch(h, h.caller, "windows-2022-x86_64");
  const ImageId own_windows =
      expect_ok(create_image(h.world, h.caller, test::create_request(win, "own-windows")));
  h.settle();
  REQUIRE(test::image_of(h, h.caller, own_windows).traits.platform == "windows");
  refused(h.caller, own_windows, "exports");
  sim::RegisterImageRequest billed =
      test::register_request("billed", test::snapshot_with(h, h.caller, kMiB));
  billed.virtualization_type = "hvm";
  billed.billing_products = {"bp-6ba54002"};
  refused(h.caller, expect_ok(register_image(h.world, h.caller, billed)), "exports");

  // Shared from another account: the grantee may launch it, not export it.
  const ImageId shared = test::image_with_data(h, h.caller, "shared", kMiB);
  expect_ok(test::share(h, h.caller, shared, other.account.str()));
  refused(other, shared, "their-exports");
  refused(h.caller, h.catalogue_image("al2023-x86_64"), "exports");  // Amazon's, public

  // Encrypted snapshots.
  refused(
      h.caller,
      test::image_over(h, h.caller, "encrypted", {test::snapshot_with(h, h.caller, kMiB, 8, true)}),
      "exports");
  // Volumes over 1 TiB; exactly 1 TiB is fine.
  refused(
      h.caller,
      test::image_over(h, h.caller, "over-1tib", {test::snapshot_with(h, h.caller, kMiB, 1025)}),
      "exports");
  CHECK(h.world.region_of(h.caller).tasks.exports.empty());
  const ImageId one_tib =
      test::image_over(h, h.caller, "1tib", {test::snapshot_with(h, h.caller, kMiB, 1024)});
  expect_ok(export_image(h.world, h.caller, export_request(one_tib, "exports")));
}

TEST_CASE(
    "An AMI whose mapping makes a volume over 1 TiB is not exportable, whatever its "
    "snapshot's size",
    "[s3][export][!mayfail]") {
  // VMIE23:vmexport_image.md: "VMs with volumes larger than 1 TiB are not supported" (fact sheet
  // §6). The model checks the snapshots' volume sizes, not the AMI's mappings, so an 8 GiB
  // snapshot mapped as a 2,000 GiB volume exports (as RAW, all 2,000 GiB of it).
  test::Harness h;
  test::make_bucket(h, h.caller, "exports");
  const ImageId big =
      test::image_over(h, h.caller, "big-mapping", {test::snapshot_with(h, h.caller, kMiB)}, 2000);
  expect_error(export_image(h.world, h.caller, export_request(big, "exports", "RAW")),
               "NotExportable");
}

TEST_CASE(
    "ExportImage needs an available AMI and a bucket of the caller's in the Region (the role's "
    "error otherwise), and takes export-image-task tags only",
    "[s3][export]") {
  test::Harness h;
  test::make_bucket(h, h.caller, "exports");
  test::make_bucket(h, h.in("us-west-2"), "west-exports");
  test::make_bucket(h, h.as(test::kOtherAccount), "their-exports");
  const ImageId ami = test::image_with_data(h, h.caller, "golden", kMiB);
  for (const char* bucket : {"nope", "west-exports", "their-exports"}) {
    INFO(bucket);
    CHECK(expect_error(export_image(h.world, h.caller, export_request(ami, bucket)),
                       "InvalidParameter")
              .message == kRoleText);
  }
  ExportImageRequest r = export_request(ami, "exports");
  r.tag_specifications = {{"image", {{"k", "v"}}}};
  expect_error(export_image(h.world, h.caller, r), "InvalidParameterValue");
  r.tag_specifications = {{"export-image-task", {{"", "v"}}}};
  expect_error(export_image(h.world, h.caller, r), "InvalidParameterValue");

  const ImageId gone = test::image_with_data(h, h.caller, "gone", kMiB);
  expect_ok(deregister_image(h.world, h.caller, gone));
  expect_error(export_image(h.world, h.caller, export_request(gone, "exports")),
               "InvalidAMIID.Unavailable");
  CHECK(h.world.region_of(h.caller).tasks.exports.empty());

  r.tag_specifications = {{"export-image-task", {{"team", "web"}}}};
  CHECK(expect_ok(export_image(h.world, h.caller, r))->tags.at("team") == "web");
}

TEST_CASE("One export per AMI at a time and five active exports per Region, finishing frees both",
          "[s3][export][quota]") {
  test::Harness h;
  const Caller west = h.in("us-west-2");
  test::make_bucket(h, h.caller, "exports");
  test::make_bucket(h, west, "west-exports");
  const SnapshotId snap = test::snapshot_with(h, h.caller, kMiB);
  std::vector<ImageId> amis;
  for (int i = 0; i < 6; ++i)
    amis.push_back(test::image_over(h, h.caller, "vm-" + std::to_string(i), {snap}));
  const ImageId west_ami = test::image_with_data(h, west, "west-vm", kMiB);

  exported(h, h.caller, export_request(amis[0], "exports"));
  std::string before = h.world.digest();
  expect_error(export_image(h.world, h.caller, export_request(amis[0], "exports", "RAW")),
               "ResourceLimitExceeded");
  CHECK(h.world.digest() == before);
  for (int i = 1; i < 5; ++i) exported(h, h.caller, export_request(amis[i], "exports"));
  before = h.world.digest();
  expect_error(export_image(h.world, h.caller, export_request(amis[5], "exports")),
               "ResourceLimitExceeded");
  CHECK(h.world.digest() == before);
  exported(h, west, export_request(west_ami, "west-exports"));  // another Region's own five
  h.settle();
  exported(h, h.caller, export_request(amis[5], "exports"));
  exported(h, h.caller, export_request(amis[0], "exports", "RAW"));
}

TEST_CASE("Another account's exports do not count against the caller's five",
          "[s3][export][quota][!mayfail]") {
  // VMIE23:vmexport_image.md: "you can't have more than 5 conversion tasks per Region in progress
  // at the same time. This limit is adjustable up to 20" (fact sheet §6). An adjustable limit is
  // a per-account quota (Service Quotas), so one account's exports cannot block another's
  // (inferred); the model counts every account's active exports in the Region.
  test::Harness h;
  const Caller other = h.as(test::kOtherAccount);
  test::make_bucket(h, h.caller, "exports");
  test::make_bucket(h, other, "their-exports");
  const ImageId mine = test::image_with_data(h, h.caller, "mine", kMiB);
  const SnapshotId snap = test::snapshot_with(h, other, kMiB);
  std::vector<ImageId> theirs;
  for (int i = 0; i < 5; ++i)
    theirs.push_back(test::image_over(h, other, "theirs-" + std::to_string(i), {snap}));
  for (const ImageId& id : theirs) exported(h, other, export_request(id, "their-exports"));
  expect_ok(export_image(h.world, h.caller, export_request(mine, "exports")));
}

TEST_CASE("An export whose bucket is gone when it completes ends deleted, writing nothing",
          "[s3][export]") {
  test::Harness h;
  const Caller other = h.as(test::kOtherAccount);
  test::make_bucket(h, h.caller, "exports");
  const ImageId ami = test::image_with_data(h, h.caller, "golden", kMiB);
  const std::string id = exported(h, h.caller, export_request(ami, "exports"));
  expect_ok(delete_bucket(h.world, h.caller, "exports"));
  test::make_bucket(h, other, "exports");
  h.settle();
  const ExportTaskView v = test::export_task(h, h.caller, id);
  CHECK(v.status == "deleted");
  CHECK(bucket_named(h.world, "exports")->objects.empty());
}

TEST_CASE("A DryRun export checks the request and starts nothing", "[s3][export]") {
  test::Harness h;
  test::make_bucket(h, h.caller, "exports");
  const ImageId ami = test::image_with_data(h, h.caller, "golden", kMiB);
  const std::string before = h.world.digest();
  ExportImageRequest r = export_request(ami, "exports");
  r.dry_run = true;
  expect_error(export_image(h.world, h.caller, r), "DryRunOperation");
  r.format = "QCOW2";
  expect_error(export_image(h.world, h.caller, r), "InvalidParameterValue");
  CHECK(h.world.digest() == before);
  CHECK(h.world.region_of(h.caller).tasks.exports.empty());
}

TEST_CASE(
    "DescribeExportImageTasks shows the caller's own tasks, pages them, and does not know another "
    "account's IDs",
    "[s3][export][describe]") {
  test::Harness h;
  const Caller other = h.as(test::kOtherAccount);
  test::make_bucket(h, h.caller, "exports");
  test::make_bucket(h, other, "their-exports");
  const ImageId a = test::image_with_data(h, h.caller, "ami-a", kMiB);
  const ImageId b = test::image_with_data(h, h.caller, "ami-b", kMiB);
  const ImageId theirs = test::image_with_data(h, other, "theirs", kMiB);
  std::vector<std::string> mine = {exported(h, h.caller, export_request(a, "exports")),
                                   exported(h, h.caller, export_request(b, "exports"))};
  const std::string their_id = exported(h, other, export_request(theirs, "their-exports"));
  std::sort(mine.begin(), mine.end());

  DescribeExportImageTasksRequest page;
  page.page.max_results = 1;
  std::vector<std::string> paged;
  do {
    auto out = expect_ok(describe_export_image_tasks(h.world, h.caller, page));
    REQUIRE(out.tasks.size() == 1);
    paged.push_back(out.tasks[0].task->id);
    page.page.next_token = out.next_token;
  } while (!page.page.next_token.empty());
  CHECK(paged == mine);

  DescribeExportImageTasksRequest r;
  r.task_ids = {their_id};
  expect_error(describe_export_image_tasks(h.world, h.caller, r), "InvalidExportTaskID.NotFound");
  r.task_ids = {"export-ami-0123456789abcdef0"};
  expect_error(describe_export_image_tasks(h.world, h.caller, r), "InvalidExportTaskID.NotFound");
  r.task_ids = {their_id};
  CHECK(expect_ok(describe_export_image_tasks(h.world, other, r)).tasks.size() == 1);
}

TEST_CASE("An exported disk imports back as a VM", "[s3][export][import]") {
  test::Harness h;
  test::make_bucket(h, h.caller, "exports");
  const ImageId ami = test::image_with_data(h, h.caller, "golden", 16 * kMiB);
  const std::string id = exported(h, h.caller, export_request(ami, "exports", "VHD"));
  h.settle();
  const std::string back =
      started(h, h.caller, image_import({user_bucket("exports", id + ".vhd")}));
  h.settle();
  const ImportTask& t = task_of(h, h.caller, back);
  CHECK(t.status == "completed");
  CHECK(t.disks.at(0).format == "VHD");
  CHECK(test::written_in(test::snapshot_of(h, h.caller, t.disks.at(0).snapshot_id)) == 16 * kMiB);
}
