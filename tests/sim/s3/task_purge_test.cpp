// Finished store, import and export tasks leave their listings, and memory, when AWS stops
// listing them (issue 19): store tasks 31 days after their start, import tasks 7 days after they
// completed or were cancelled, export tasks 7 days after they finished [?].
#include <catch2/catch.hpp>

#include "tests/sim/s3/image_task_fixture.hpp"

using namespace sim;
using test::expect_ok;

namespace {

std::size_t store_tasks_listed(test::Harness& h) {
  return expect_ok(describe_store_image_tasks(h.world, h.caller, {})).tasks.size();
}

std::size_t import_tasks_listed(test::Harness& h) {
  DescribeImportTasksRequest r;
  r.kind = ImportKind::kImage;
  return expect_ok(describe_import_tasks(h.world, h.caller, r)).tasks.size();
}

std::size_t export_tasks_listed(test::Harness& h) {
  return expect_ok(describe_export_image_tasks(h.world, h.caller, {})).tasks.size();
}

}  // namespace

TEST_CASE("A store task is listed for 31 days from its start, then forgotten", "[s3][purge]") {
  test::Harness h;
  test::make_bucket(h, h.caller, "stores");
  const ImageId ami = test::image_with_data(h, h.caller, "stored", 8 * test::kMiB);
  const TimeMs start = h.world.now();
  test::stored(h, h.caller, ami, "stores");
  h.advance(start + kStoreTaskVisibleMs - h.world.now());
  CHECK(store_tasks_listed(h) == 1);
  CHECK(test::store_task(h, h.caller, ami).task->state == "Completed");
  h.advance(1);
  CHECK(store_tasks_listed(h) == 0);
  CHECK(h.world.region_of(h.caller).tasks.store.empty());
}

TEST_CASE("An import task is listed for 7 days after it completes, then forgotten", "[s3][purge]") {
  test::Harness h;
  test::make_bucket(h, h.caller, "disks");
  test::upload(h, h.caller, "disks", "d.vmdk", test::vmdk());
  const std::string id =
      test::started(h, h.caller, test::image_import({test::user_bucket("disks", "d.vmdk")}));
  h.settle();
  const ImportTask& task = test::task_of(h, h.caller, id);
  REQUIRE(task.status == "completed");
  const ImageId made = task.image_id;
  h.advance(task.end + kImportTaskVisibleMs - 1 - h.world.now());
  CHECK(import_tasks_listed(h) == 1);
  h.advance(1);
  CHECK(import_tasks_listed(h) == 0);
  CHECK(h.world.region_of(h.caller).tasks.imports.empty());
  CHECK(h.world.region_of(h.caller).images.count(made) == 1);  // what it made stays
}

TEST_CASE("A cancelled import task is listed for 7 days after it is deleted", "[s3][purge]") {
  test::Harness h;
  test::make_bucket(h, h.caller, "disks");
  test::upload(h, h.caller, "disks", "d.vmdk", test::vmdk());
  const std::string id =
      test::started(h, h.caller, test::image_import({test::user_bucket("disks", "d.vmdk")}));
  expect_ok(cancel_import_task(h.world, h.caller, id));
  const TimeMs deleted = test::task_of(h, h.caller, id).end;  // deleting -> deleted
  h.advance(deleted - h.world.now());
  REQUIRE(test::import_task(h, h.caller, id).status == "deleted");
  h.advance(kImportTaskVisibleMs - 1);
  CHECK(import_tasks_listed(h) == 1);
  h.advance(1);
  CHECK(import_tasks_listed(h) == 0);
}

TEST_CASE("An export task is listed for 7 days after it completes, then forgotten", "[s3][purge]") {
  test::Harness h;
  test::make_bucket(h, h.caller, "exports");
  const ImageId ami = test::image_with_data(h, h.caller, "exported", 8 * test::kMiB);
  const std::string id = test::exported(h, h.caller, test::export_request(ami, "exports"));
  h.settle();
  const ExportTaskView v = test::export_task(h, h.caller, id);
  REQUIRE(v.status == "completed");
  h.advance(v.task->end + kExportTaskVisibleMs - 1 - h.world.now());
  CHECK(export_tasks_listed(h) == 1);
  h.advance(1);
  CHECK(export_tasks_listed(h) == 0);
  CHECK(h.world.region_of(h.caller).tasks.exports.empty());
}
