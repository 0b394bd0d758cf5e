#include "sim/core/errors.hpp"

#include <catch2/catch.hpp>
#include <set>

using namespace amisim;

using namespace sim;

TEST_CASE("The error table lists every code once, in enum order") {
  const auto& table = error_table();
  for (std::size_t i = 0; i < table.size(); ++i) {
    CHECK(static_cast<std::size_t>(table[i].code) == i);
    CHECK_FALSE(table[i].name.empty());
    CHECK(table[i].http_status >= 400);
    CHECK(table[i].http_status < 600);
  }
}

TEST_CASE("Named constructors write EC2's messages") {
  // Real output quoted in the fact sheet §1.5.
  CHECK(errors::image_not_found("ami-0c55b159cbfafe1f0").message ==
        "The image id '[ami-0c55b159cbfafe1f0]' does not exist");
  CHECK(errors::image_not_found("ami-1").name() == std::string("InvalidAMIID.NotFound"));
  CHECK(errors::image_not_authorized("ami-12cb8f72").message ==
        "Not authorized for images: [ami-12cb8f72]");
  CHECK(errors::image_not_authorized("ami-12cb8f72").http_status() == 401);
  CHECK(errors::snapshot_in_use("snap-1", "ami-2").message ==
        "The snapshot snap-1 is currently in use by ami-2");
  CHECK(errors::volume_zone_mismatch("vol-1", "i-2").message ==
        "The volume 'vol-1' is not in the same availability zone as instance 'i-2'");
  CHECK(errors::cannot_start("i-1").message ==
        "The instance 'i-1' is not in a state from which it can be started.");
  CHECK(errors::not_stopped_for_modify("i-1").message ==
        "The instance 'i-1' is not in the 'stopped' state.");
  CHECK(errors::image_name_duplicate("GitLab-Source", "ami-1").message ==
        "AMI name GitLab-Source is already in use by AMI ami-1");
  CHECK(errors::dry_run().http_status() == 412);
}

TEST_CASE("Several missing instances are named together") {
  const Error e = errors::instances_not_found({"i-1", "i-2"});
  CHECK(e.name() == std::string("InvalidInstanceID.NotFound"));
  CHECK(e.message == "The instance IDs 'i-1, i-2' do not exist");
}
