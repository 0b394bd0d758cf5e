#include "sim/core/errors.hpp"

#include <catch2/catch.hpp>
#include <set>
#include <string>

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

TEST_CASE("Every ErrorCode has its row: an AWS code string and a 4xx/5xx status, in enum order") {
  const auto& table = error_table();
  REQUIRE(table.size() == static_cast<std::size_t>(ErrorCode::kCount));
  for (std::size_t i = 0; i < static_cast<std::size_t>(ErrorCode::kCount); ++i) {
    const auto code = static_cast<ErrorCode>(i);
    const ErrorInfo& row = error_info(code);
    CHECK(row.code == code);
    CHECK(&row == &table[i]);
    CHECK_FALSE(row.name.empty());
    CHECK(row.http_status >= 400);
    CHECK(row.http_status < 600);
  }
}

TEST_CASE("Each AWS code string has one row, so a code's status is stated once") {
  std::set<std::string_view> names;
  for (const ErrorInfo& row : error_table()) {
    INFO(row.name);
    CHECK(names.insert(row.name).second);
  }
}

TEST_CASE("Named constructors write EC2's messages") {
  // Real output quoted in the fact sheet §1.5.
  CHECK(errors::image_not_found("ami-0c55b159cbfafe1f0").message ==
        "The image id '[ami-0c55b159cbfafe1f0]' does not exist");
  CHECK(errors::image_not_found("ami-1").name() == std::string("InvalidAMIID.NotFound"));
  // moto's AWS-verified test_ami_describe_non_existent: one ID, then several.
  CHECK(errors::images_not_found({"ami-abcd1234"}).message ==
        "The image id '[ami-abcd1234]' does not exist");
  CHECK(errors::images_not_found({"ami-abcd1234", "ami-1234abcd"}).message ==
        "The image ids '[ami-abcd1234, ami-1234abcd]' do not exist");
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

TEST_CASE("Named constructors quote the fact sheet's texts (aws-facts.md §1.5)") {
  SECTION("ERRCODES' example error response") {
    const Error e = errors::instance_not_found("i-1a2b3c4d");
    CHECK(e.name() == std::string("InvalidInstanceID.NotFound"));
    CHECK(e.message == "The instance ID 'i-1a2b3c4d' does not exist");
  }
  SECTION("malformed IDs, as moto and botocore write them") {
    CHECK(errors::image_id_malformed("ami-x").message ==
          "Invalid id: \"ami-x\" (expecting \"ami-...\")");
    CHECK(errors::instance_id_malformed("i-x").message == "Invalid id: \"i-x\"");
  }
  SECTION("the stop refusal of emulators and CLI stubs") {
    CHECK(errors::cannot_stop("i-1").message ==
          "This instance 'i-1' is not in a state from which it can be stopped.");
  }
  SECTION("key pairs and security groups [obs]") {
    CHECK(errors::key_pair_not_found("demo-key").message ==
          "The key pair 'demo-key' does not exist");
    CHECK(errors::group_name_not_found_in_vpc("WebServerSecurityGroup", "vpc-1").message ==
          "The security group 'WebServerSecurityGroup' does not exist in default VPC 'vpc-1'");
  }
  SECTION("the AMI name rule on RegisterImage [obs]") {
    CHECK(errors::image_name_malformed().message ==
          "AMI names must be between 3 and 128 characters long, and may contain letters, numbers, "
          "'(', ')', '.', '-', '/' and '_'");
  }
  SECTION("pagination: MaxResults with IDs, and below the minimum [obs]") {
    const Error with_ids = errors::max_results_with_ids("instancesSet");
    CHECK(with_ids.name() == std::string("InvalidParameterCombination"));
    CHECK(with_ids.message ==
          "The parameter instancesSet cannot be used with the parameter maxResults");
    const Error small = errors::max_results_too_small(3, 5);
    CHECK(small.name() == std::string("InvalidParameterValue"));
    CHECK(small.message ==
          "Value ( 3 ) for parameter maxResults is invalid. Expecting a value greater than 5.");
  }
  SECTION("pagination: MaxResults out of the launch templates' range [obs], above a maximum") {
    const Error between = errors::max_results_allowed_between(1, 200);
    CHECK(between.name() == std::string("InvalidParameterValue"));
    CHECK(between.message == "Maximum results allowed are between 1 and 200");
    CHECK(errors::max_results_too_large(1001, 1000).message ==
          "Value ( 1001 ) for parameter maxResults is invalid. Expecting a value less than or "
          "equal to 1000.");
  }
  SECTION("AWS Marketplace subscription, HTTP 401 [obs]") {
    const Error e = errors::marketplace_opt_in_required("8fvb8s3wt4ix2fk4uq8c1b3s7");
    CHECK(e.name() == std::string("OptInRequired"));
    CHECK(e.http_status() == 401);
    CHECK(e.message ==
          "In order to use this AWS Marketplace product you need to accept terms and subscribe. To "
          "do so please visit https://aws.amazon.com/marketplace/pp?sku=8fvb8s3wt4ix2fk4uq8c1b3s7");
  }
  SECTION("launching a pending AMI (Auto Scaling's troubleshooting text)") {
    CHECK(errors::image_unavailable("ami-1", "pending").message ==
          "AMI ami-1 is pending, and cannot be run.");
  }
  SECTION("a reserved tag key on CreateImage [obs]") {
    const Error e = errors::tag_key_reserved();
    CHECK(e.name() == std::string("InvalidParameterValue"));
    CHECK(e.message == "Tag keys starting with 'aws:' are reserved for internal use");
  }
  SECTION("DryRunOperation, HTTP 412 (moto's tests against AWS)") {
    CHECK(errors::dry_run().name() == std::string("DryRunOperation"));
    CHECK(errors::dry_run().message == "Request would have succeeded, but DryRun flag is set.");
  }
}

TEST_CASE("Several missing instances are named together") {
  const Error e = errors::instances_not_found({"i-1", "i-2"});
  CHECK(e.name() == std::string("InvalidInstanceID.NotFound"));
  CHECK(e.message == "The instance IDs 'i-1, i-2' do not exist");
}
