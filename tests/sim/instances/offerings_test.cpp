// RunInstances and where an instance type is offered (fixtures/regions.json: the types a Region or
// zone does not offer, as DescribeInstanceTypeOfferings lists them). AWS's texts:
// hashicorp/terraform-provider-aws#9113 (t2.micro in ap-east-1), skyplane-project/skyplane#172 and
// ned1313/Getting-Started-Terraform#44 (t3.micro in us-east-1e).
#include <set>

#include "harness.hpp"
#include "tests/sim/instances/instance_test_helpers.hpp"

using namespace sim;
using test::expect_error;
using test::expect_ok;

TEST_CASE("Launches without a zone never land in a zone that does not offer the type") {
  test::Harness h;
  // us-east-1e offers no t3 (DescribeInstanceTypeOfferings); 12 launches cover every zone twice.
  std::set<std::string> zones;
  for (int n = 0; n < 12; ++n) zones.insert(test::instance(h, test::launch(h)).zone.str());
  CHECK(zones.count("us-east-1e") == 0);
  CHECK(zones.size() == 5);  // a, b, c, d, f
}

TEST_CASE("A zone that does not offer the type is Unsupported, naming the zones that do") {
  test::Harness h;
  RunInstancesRequest r = test::al2023_request(h);
  r.availability_zone = ZoneName("us-east-1e");
  const std::string before = h.world.digest();
  const Error e = expect_error(run_instances(h.world, h.caller, r), "Unsupported");
  CHECK(e.message ==
        "Your requested instance type (t3.micro) is not supported in your requested Availability "
        "Zone (us-east-1e). Please retry your request by not specifying an Availability Zone or "
        "choosing us-east-1a, us-east-1b, us-east-1c, us-east-1d, us-east-1f.");
  CHECK(h.world.digest() == before);
  r.instance_type = "t2.micro";  // us-east-1e offers t2
  expect_ok(run_instances(h.world, h.caller, r));
}

TEST_CASE("A type the Region does not offer is Unsupported") {
  test::Harness h;
  RunInstancesRequest r = test::al2023_request(h, "eu-north-1");
  r.instance_type = "t2.micro";  // eu-north-1 was launched after T2
  const Caller stockholm{h.caller.account, RegionName("eu-north-1")};
  const Error e = expect_error(run_instances(h.world, stockholm, r), "Unsupported");
  CHECK(e.message ==
        "The requested configuration is currently not supported. Please check the documentation "
        "for supported configurations.");
  r.instance_type = "t3.micro";
  expect_ok(run_instances(h.world, stockholm, r));
}
