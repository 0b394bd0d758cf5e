// Route classification (api/gateway/route.hpp): which door a request goes through, decided once
// with its caller, and the one log line every route writes.
#include <catch2/catch.hpp>

#include "api/gateway/route.hpp"
#include "tests/harness.hpp"

namespace gw = amisim::gateway;
using amisim::http::HttpRequest;
using gw::Route;

namespace {

bool is_region(std::string_view s) { return s == "eu-west-1" || s == "ap-south-1"; }

HttpRequest request(const std::string& method, const std::string& target,
                    const std::string& scope_service = "", const std::string& host = "") {
  HttpRequest r;
  r.method = method;
  r.target = target;
  r.remote = "10.1.2.3:4000";
  if (!host.empty()) r.headers.add("Host", host);
  if (!scope_service.empty()) {
    r.headers.add("Authorization", "AWS4-HMAC-SHA256 Credential=210987654321/20260101/eu-west-1/" +
                                       scope_service +
                                       "/aws4_request, SignedHeaders=host, "
                                       "Signature=ab");
  }
  return r;
}

HttpRequest with_target(HttpRequest r, const std::string& target_header) {
  r.headers.add("X-Amz-Target", target_header);
  return r;
}

Route route_of(const HttpRequest& r) { return gw::classify(r, is_region).route; }

}  // namespace

TEST_CASE("Control paths go to the control plane, whatever else the request carries") {
  for (const char* path : {"/_amisim/health", "/_amisim", "/_amisim/clock?x=1", "/_amisim/state/",
                           "/moto-api/reset", "/_localstack/health"}) {
    INFO(path);
    CHECK(route_of(request("GET", path)) == Route::kControl);
  }
  CHECK(route_of(with_target(request("POST", "/_amisim/reset", "s3"), "AmazonSSM.GetParameter")) ==
        Route::kControl);
  // Only those prefixes: a look-alike path is an ordinary (here S3-shaped) request.
  CHECK(route_of(request("GET", "/_amisimx")) == Route::kS3);
  CHECK(route_of(request("POST", "/moto-api")) == Route::kEc2);
}

TEST_CASE("X-Amz-Target picks SSM and Cost Explorer before any S3 or EC2 rule") {
  CHECK(route_of(with_target(request("POST", "/", "ssm"), "AmazonSSM.GetParameter")) ==
        Route::kSsm);
  CHECK(route_of(with_target(request("POST", "/", "s3"), "AmazonSSM.Anything")) == Route::kSsm);
  CHECK(route_of(with_target(request("POST", "/", "ce"),
                             "AWSInsightsIndexService.GetCostAndUsage")) == Route::kCostExplorer);
  CHECK(route_of(with_target(request("GET", "/bucket/key"), "AWSInsightsIndexService.X")) ==
        Route::kCostExplorer);
  // Another service's target is no SSM or Cost Explorer call.
  CHECK(route_of(with_target(request("POST", "/", "ec2"), "DynamoDB_20120810.GetItem")) ==
        Route::kEc2);
}

TEST_CASE("S3 by its signature scope, its Host, or a bare GET/PUT/HEAD/DELETE of a path") {
  CHECK(route_of(request("POST", "/", "s3")) == Route::kS3);
  CHECK(route_of(request("GET", "/", "", "s3.eu-west-1.amazonaws.com")) == Route::kS3);
  CHECK(route_of(request("GET", "/key", "", "my-bucket.s3.amazonaws.com")) == Route::kS3);
  CHECK(route_of(request("GET", "/key", "", "my-bucket.localhost")) == Route::kS3);
  for (const char* method : {"GET", "PUT", "HEAD", "DELETE"}) {
    INFO(method);
    CHECK(route_of(request(method, "/bucket/key", "", "127.0.0.1:4566")) == Route::kS3);
  }
  // An ec2 scope wins over the path's shape; Action= or the root path make it EC2.
  CHECK(route_of(request("GET", "/bucket/key", "ec2")) == Route::kEc2);
  CHECK(route_of(request("GET", "/bucket?Action=DescribeImages")) == Route::kEc2);
  CHECK(route_of(request("GET", "/?Version=1&Action=DescribeImages")) == Route::kEc2);
  CHECK(route_of(request("GET", "/")) == Route::kEc2);
  CHECK(route_of(request("POST", "/bucket/key")) == Route::kEc2);
}

TEST_CASE("EC2 Query forms are the fallback, and every route but control names its caller") {
  HttpRequest form = request("POST", "/", "ec2", "127.0.0.1:4566");
  form.body = "Action=DescribeRegions&Version=2016-11-15";
  auto ec2 = gw::classify(form, is_region);
  CHECK(ec2.route == Route::kEc2);
  CHECK(ec2.identity.caller.region.str() == "eu-west-1");
  CHECK(ec2.identity.caller.account.str() == "210987654321");

  auto by_host = gw::classify(request("POST", "/", "", "ec2.ap-south-1.amazonaws.com"), is_region);
  CHECK(by_host.identity.caller.region.str() == "ap-south-1");
  CHECK(by_host.identity.caller.account == sim::kDefaultAccount);

  auto ssm =
      gw::classify(with_target(request("POST", "/", "ssm"), "AmazonSSM.GetParameter"), is_region);
  CHECK(ssm.identity.caller.region.str() == "eu-west-1");

  // The control plane has no caller: the identity stays at its defaults.
  auto control = gw::classify(request("GET", "/_amisim/health", "ec2"), is_region);
  CHECK(control.identity.caller.region == sim::kDefaultRegion);
  CHECK(control.identity.access_key.empty());
}

TEST_CASE("One log line format: remote, what the route names, status and the AWS error code") {
  auto line = [](const HttpRequest& r, gw::Answer a) {
    return gw::log_line(r, gw::classify(r, is_region), a);
  };
  gw::Answer ok;
  ok.response.status = 200;
  ok.request_id = "rid-1";
  ok.action = "DescribeImages";
  gw::Answer failed = ok;
  failed.response.status = 400;
  failed.action.clear();
  failed.error_code = "MissingAction";

  CHECK(line(request("POST", "/", "ec2"), ok) ==
        "10.1.2.3:4000 DescribeImages eu-west-1 210987654321 rid-1 -> 200");
  CHECK(line(request("POST", "/", "ec2"), failed) ==
        "10.1.2.3:4000 - eu-west-1 210987654321 rid-1 -> 400 MissingAction");
  CHECK(line(request("PUT", "/b", "s3"), failed) ==
        "10.1.2.3:4000 s3 - eu-west-1 210987654321 rid-1 -> 400 MissingAction");
  CHECK(line(with_target(request("POST", "/", "ssm"), "AmazonSSM.X"), ok) ==
        "10.1.2.3:4000 ssm eu-west-1 210987654321 rid-1 -> 200");
  CHECK(line(with_target(request("POST", "/", "ce"), "AWSInsightsIndexService.X"), ok) ==
        "10.1.2.3:4000 ce 210987654321 rid-1 -> 200");
  gw::Answer control;
  control.response.status = 404;
  CHECK(line(request("GET", "/_amisim/nothing?x=1"), control) ==
        "10.1.2.3:4000 GET /_amisim/nothing -> 404");
}
