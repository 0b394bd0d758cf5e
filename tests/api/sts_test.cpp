// STS over the gateway (api/sts): GetCallerIdentity answers the caller's account, routed by the
// SigV4 scope's service or the Host; every other STS or IAM call is InvalidAction in the Query
// services' wording. (Under --auth sigv4, the credential's account: tests/e2e/test_sigv4.py.)
#include "api/sts/sts.hpp"

#include <catch2/catch.hpp>
#include <regex>

#include "api/gateway/gateway.hpp"
#include "tests/api/query_support.hpp"
#include "tests/harness.hpp"

namespace gw = amisim::gateway;
using amisim::http::HttpRequest;
using amisim::http::HttpResponse;

namespace {

// A signed-looking Query call to `service` (scope ".../us-east-1/<service>/aws4_request"), or
// unsigned when `service` is "".
HttpRequest query_request(const std::string& form, const std::string& service,
                          const std::string& access_key = "AKIDEXAMPLE",
                          const std::string& host = "127.0.0.1:4566") {
  HttpRequest r;
  r.method = "POST";
  r.target = "/";
  r.headers.add("Host", host);
  r.headers.add("Content-Type", "application/x-www-form-urlencoded; charset=utf-8");
  if (!service.empty()) {
    r.headers.add("Authorization", "AWS4-HMAC-SHA256 Credential=" + access_key +
                                       "/20260101/us-east-1/" + service +
                                       "/aws4_request, SignedHeaders=host, Signature=ab");
  }
  r.body = form;
  return r;
}

const std::string kWhoAmI = "Action=GetCallerIdentity&Version=2011-06-15";

using test::element;

}  // namespace

TEST_CASE("GetCallerIdentity answers the default account as its root user") {
  gw::Gateway g(test::fixtures(), {});
  HttpResponse r = g.handle(query_request(kWhoAmI, "sts"));
  CHECK(r.status == 200);
  CHECK(r.body.find("<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/"
                    "2011-06-15/\"><GetCallerIdentityResult>") != std::string::npos);
  CHECK(element(r.body, "Account") == "123456789012");
  CHECK(element(r.body, "UserId") == "123456789012");
  CHECK(element(r.body, "Arn") == "arn:aws:iam::123456789012:root");
  CHECK(element(r.body, "RequestId") == std::string(*r.headers.find("x-amzn-RequestId")));
}

TEST_CASE("GetCallerIdentity answers the account a 12-digit access key names") {
  gw::Gateway g(test::fixtures(), {});
  HttpResponse r = g.handle(query_request(kWhoAmI, "sts", "210987654321"));
  CHECK(element(r.body, "Account") == "210987654321");
  CHECK(element(r.body, "Arn") == "arn:aws:iam::210987654321:root");
}

TEST_CASE("An unsigned call to Host sts.amazonaws.com is STS but one to the endpoint is EC2") {
  gw::Gateway g(test::fixtures(), {});
  CHECK(g.handle(query_request(kWhoAmI, "", "", "sts.amazonaws.com")).status == 200);
  CHECK(g.handle(query_request(kWhoAmI, "", "", "sts.eu-west-1.amazonaws.com")).status == 200);
  HttpResponse ec2 = g.handle(query_request(kWhoAmI, ""));
  CHECK(element(ec2.body, "Code") == "InvalidAction");
  CHECK(ec2.body.find("<Response><Errors>") != std::string::npos);
}

TEST_CASE("Other STS calls and every IAM call answer InvalidAction naming what amisim models") {
  gw::Gateway g(test::fixtures(), {});
  HttpResponse assume = g.handle(
      query_request("Action=AssumeRole&Version=2011-06-15&RoleArn=arn:aws:iam::123456789012:role/x"
                    "&RoleSessionName=s",
                    "sts"));
  CHECK(assume.status == 400);
  CHECK(assume.body.find("<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
                         "<Error><Type>Sender</Type>") != std::string::npos);
  CHECK(element(assume.body, "Code") == "InvalidAction");
  CHECK(element(assume.body, "Message") ==
        "Could not find operation AssumeRole for version 2011-06-15 (amisim models STS "
        "GetCallerIdentity only)");
  HttpResponse iam = g.handle(query_request("Action=ListUsers&Version=2010-05-08", "iam"));
  CHECK(iam.status == 400);
  CHECK(element(iam.body, "Code") == "InvalidAction");
  CHECK(element(iam.body, "Message") ==
        "Could not find operation ListUsers for version 2010-05-08 (amisim models no IAM; STS "
        "answers GetCallerIdentity)");
  CHECK(element(g.handle(query_request("Version=2011-06-15", "sts")).body, "Code") ==
        "MissingAction");
}

TEST_CASE("STS calls change nothing: the world's digest is the same after them") {
  gw::Gateway g(test::fixtures(), {});
  const std::string before = g.world().digest();
  g.handle(query_request(kWhoAmI, "sts"));
  g.handle(query_request("Action=AssumeRole&Version=2011-06-15", "sts"));
  CHECK(g.world().digest() == before);
}
