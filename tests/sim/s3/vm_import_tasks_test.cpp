// CancelImportTask and DescribeImportImageTasks / DescribeImportSnapshotTasks
// (sim/s3/vm_import_export.cpp; API in sim/s3/image_tasks.hpp), called directly. Facts:
// aws-facts.md §6 (VMIE23:vmimport-import-snapshot.md and vmimport-image-import.md: an import in
// progress can be cancelled; statuses active, deleting, deleted, completed; task IDs import-ami-…
// and import-snap-…); ERRCODES for InvalidConversionTaskId(.Malformed).
#include <catch2/catch.hpp>

#include "tests/sim/s3/image_task_fixture.hpp"

using namespace sim;
using test::expect_error;
using test::expect_ok;
using test::image_import;
using test::import_ms;
using test::raw;
using test::snapshot_import;
using test::started;
using test::user_bucket;
using test::vmdk;

// --- CancelImportTask ----------------------------------------------------------------------------

TEST_CASE(
    "CancelImportTask: an active task is deleting at once and deleted a minute later, and makes "
    "nothing even when its own end passes",
    "[s3][import][cancel]") {
  test::Harness h;
  test::make_bucket(h, h.caller, "disks");
  test::upload(h, h.caller, "disks", "d.vmdk", vmdk());
  const std::size_t images = h.world.region_of(h.caller).images.size();
  const std::size_t snapshots = h.world.region_of(h.caller).snapshots.size();
  const TimeMs start = h.world.now();
  const std::string id = started(h, h.caller, image_import({user_bucket("disks", "d.vmdk")}));
  const DurationMs span = import_ms(ImportKind::kImage, 4096);
  h.advance(span - 30 * kSecondMs);
  const TimeMs cancelled = h.world.now();
  const CancelImportResult c = expect_ok(cancel_import_task(h.world, h.caller, id));
  CHECK(c.task_id == id);
  CHECK(c.previous_state == "active");
  CHECK(c.state == "deleting");
  ImportTaskView v = test::import_task(h, h.caller, id);
  CHECK(v.status == "deleting");
  CHECK_FALSE(v.status_message.empty());
  CHECK(v.progress.empty());
  h.advance(start + span - h.world.now());  // the import's own end passes
  CHECK(test::import_task(h, h.caller, id).status == "deleting");
  h.advance(cancelled + kMinuteMs - 1 - h.world.now());
  CHECK(test::import_task(h, h.caller, id).status == "deleting");
  h.advance(1);
  v = test::import_task(h, h.caller, id);
  CHECK(v.status == "deleted");
  CHECK(v.task->image_id.empty());
  h.settle();
  CHECK(h.world.region_of(h.caller).images.size() == images);
  CHECK(h.world.region_of(h.caller).snapshots.size() == snapshots);
}

TEST_CASE(
    "CancelImportTask refuses a task that is not active: deleting, deleted (cancelled or failed) "
    "or completed",
    "[s3][import][cancel]") {
  test::Harness h;
  test::make_bucket(h, h.caller, "disks");
  test::upload(h, h.caller, "disks", "d.raw", raw(64));
  test::upload(h, h.caller, "disks", "junk.vmdk", "junk");
  const std::string cancelled =
      started(h, h.caller, snapshot_import(user_bucket("disks", "d.raw")));
  const std::string failing =
      started(h, h.caller, snapshot_import(user_bucket("disks", "junk.vmdk")));
  const std::string failed =
      started(h, h.caller, snapshot_import(user_bucket("disks", "junk.vmdk")));
  const std::string completed =
      started(h, h.caller, snapshot_import(user_bucket("disks", "d.raw")));
  expect_ok(cancel_import_task(h.world, h.caller, cancelled));
  // A task that will fail can still be cancelled while active: the cancel is what it reports.
  expect_ok(cancel_import_task(h.world, h.caller, failing));
  expect_error(cancel_import_task(h.world, h.caller, cancelled), "InvalidConversionTaskId");
  h.settle();
  CHECK(test::import_task(h, h.caller, failing).status == "deleted");
  CHECK(test::import_task(h, h.caller, failing).status_message.find("ClientError") ==
        std::string::npos);
  CHECK(test::import_task(h, h.caller, failed).status == "deleted");
  CHECK(test::import_task(h, h.caller, completed).status == "completed");
  for (const std::string& id : {cancelled, failing, failed, completed}) {
    INFO(id);
    const std::string before = h.world.digest();
    expect_error(cancel_import_task(h.world, h.caller, id), "InvalidConversionTaskId");
    CHECK(h.world.digest() == before);
  }
}

TEST_CASE(
    "CancelImportTask refusals: no ID, a malformed ID, an unknown one, another account's or "
    "Region's, DryRun cancels nothing",
    "[s3][import][cancel]") {
  test::Harness h;
  test::make_bucket(h, h.caller, "disks");
  test::upload(h, h.caller, "disks", "d.raw", raw(64));
  const std::string id = started(h, h.caller, snapshot_import(user_bucket("disks", "d.raw")));
  expect_error(cancel_import_task(h.world, h.caller, ""), "MissingParameter");
  for (const char* bad : {"import-ami-zz", "export-ami-0123456789abcdef0", "i-0123456789abcdef0"})
    expect_error(cancel_import_task(h.world, h.caller, bad), "InvalidConversionTaskId.Malformed");
  expect_error(cancel_import_task(h.world, h.caller, "import-ami-0123456789abcdef0"),
               "InvalidConversionTaskId");
  expect_error(cancel_import_task(h.world, h.as(test::kOtherAccount), id),
               "InvalidConversionTaskId");
  expect_error(cancel_import_task(h.world, h.in("us-west-2"), id), "InvalidConversionTaskId");
  const std::string before = h.world.digest();
  expect_error(cancel_import_task(h.world, h.caller, id, /*dry_run=*/true), "DryRunOperation");
  CHECK(h.world.digest() == before);
  CHECK(test::import_task(h, h.caller, id).status == "active");
}

// --- DescribeImport*Tasks ------------------------------------------------------------------------

TEST_CASE(
    "DescribeImport*Tasks show the caller's tasks of their kind in the Region, oldest first, "
    "filtered by task-state and paged",
    "[s3][import][describe]") {
  test::Harness h;
  const Caller other = h.as(test::kOtherAccount);
  const Caller west = h.in("us-west-2");
  test::make_bucket(h, h.caller, "disks");
  test::make_bucket(h, other, "their-disks");
  test::make_bucket(h, west, "west-disks");
  test::upload(h, h.caller, "disks", "d.raw", raw(64));
  test::upload(h, other, "their-disks", "d.raw", raw(64));
  test::upload(h, west, "west-disks", "d.raw", raw(64));
  const std::string a = started(h, h.caller, image_import({user_bucket("disks", "d.raw")}));
  h.advance(kSecondMs);
  const std::string snap = started(h, h.caller, snapshot_import(user_bucket("disks", "d.raw")));
  h.advance(kSecondMs);
  const std::string b = started(h, h.caller, image_import({user_bucket("disks", "d.raw")}));
  const std::string theirs = started(h, other, image_import({user_bucket("their-disks", "d.raw")}));
  const std::string in_west = started(h, west, image_import({user_bucket("west-disks", "d.raw")}));

  auto ids = [&](const Caller& c, ImportKind kind, std::vector<Filter> filters = {}) {
    DescribeImportTasksRequest r;
    r.kind = kind;
    r.filters = std::move(filters);
    std::vector<std::string> out;
    for (const auto& v : expect_ok(describe_import_tasks(h.world, c, r)).tasks)
      out.push_back(v.task->id);
    return out;
  };
  CHECK(ids(h.caller, ImportKind::kImage) == std::vector<std::string>{a, b});
  CHECK(ids(h.caller, ImportKind::kSnapshot) == std::vector<std::string>{snap});
  CHECK(ids(other, ImportKind::kImage) == std::vector<std::string>{theirs});
  CHECK(ids(west, ImportKind::kImage) == std::vector<std::string>{in_west});

  expect_ok(cancel_import_task(h.world, h.caller, b));
  CHECK(ids(h.caller, ImportKind::kImage, {{"task-state", {"active"}}}) ==
        std::vector<std::string>{a});
  CHECK(ids(h.caller, ImportKind::kImage, {{"task-state", {"deleting"}}}) ==
        std::vector<std::string>{b});
  h.settle();
  CHECK(ids(h.caller, ImportKind::kImage, {{"task-state", {"completed", "deleted"}}}) ==
        std::vector<std::string>{a, b});
  CHECK(ids(h.caller, ImportKind::kImage, {{"task-state", {"active"}}}).empty());

  DescribeImportTasksRequest page;
  page.page.max_results = 1;
  std::vector<std::string> paged;
  do {
    auto out = expect_ok(describe_import_tasks(h.world, h.caller, page));
    REQUIRE(out.tasks.size() == 1);
    paged.push_back(out.tasks[0].task->id);
    page.page.next_token = out.next_token;
  } while (!page.page.next_token.empty());
  CHECK(paged == std::vector<std::string>{a, b});
}

TEST_CASE(
    "DescribeImport*Tasks refusals: an ID of the other kind is malformed, an unknown or another "
    "account's does not exist, only task-state filters",
    "[s3][import][describe]") {
  test::Harness h;
  test::make_bucket(h, h.caller, "disks");
  test::upload(h, h.caller, "disks", "d.raw", raw(64));
  const std::string snap = started(h, h.caller, snapshot_import(user_bucket("disks", "d.raw")));
  DescribeImportTasksRequest r;
  r.kind = ImportKind::kImage;
  r.task_ids = {snap};
  expect_error(describe_import_tasks(h.world, h.caller, r), "InvalidConversionTaskId.Malformed");
  r.task_ids = {"import-ami-zz"};
  expect_error(describe_import_tasks(h.world, h.caller, r), "InvalidConversionTaskId.Malformed");
  r.task_ids = {"import-ami-0123456789abcdef0"};
  expect_error(describe_import_tasks(h.world, h.caller, r), "InvalidConversionTaskId");
  r.kind = ImportKind::kSnapshot;
  r.task_ids = {snap};
  expect_error(describe_import_tasks(h.world, h.as(test::kOtherAccount), r),
               "InvalidConversionTaskId");
  r.task_ids.clear();
  r.filters = {{"status", {"active"}}};
  expect_error(describe_import_tasks(h.world, h.caller, r), "InvalidFilter");
}
