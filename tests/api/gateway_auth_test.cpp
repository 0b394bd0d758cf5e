// The gateway with `--auth sigv4` (GatewayOptions::credentials): signed requests reach the
// handlers as the credential's account; refused ones get their route's protocol error, reach no
// handler and change nothing; the control plane stays open. (Signature rules: auth_verify_test.)
#include <catch2/catch.hpp>
#include <regex>

#include "api/gateway/gateway.hpp"
#include "tests/api/auth_support.hpp"
#include "tests/api/query_support.hpp"
#include "tests/harness.hpp"

namespace gw = amisim::gateway;
namespace auth = amisim::auth;
using amisim::http::HttpRequest;
using amisim::http::HttpResponse;
using Json = nlohmann::json;

namespace {

// Two keys of account 111111111111, one of 222222222222, and a 12-digit key that is NOT its own
// account: with --auth sigv4 the file decides.
std::shared_ptr<const auth::CredentialStore> credentials() {
  auto parsed = auth::parse_credentials(
      "AKIDALPHA   secret-alpha   111111111111\n"
      "AKIDALPHA2  secret-alpha2  111111111111\n"
      "AKIDBETA    secret-beta    222222222222\n"
      "210987654321 secret-digits 222222222222\n");
  REQUIRE(parsed.ok());
  return std::make_shared<const auth::CredentialStore>(std::move(parsed).value());
}

gw::GatewayOptions sigv4_options() {
  gw::GatewayOptions o;
  o.credentials = credentials();
  o.unix_time_ms = [] { return test::kAuthNow; };
  return o;
}

HttpRequest ec2_call(const std::string& form, const std::string& key, const std::string& secret) {
  HttpRequest r = test::ec2_form(form + "&Version=2016-11-15");
  test::sign(r, {.access_key = key, .secret = secret});
  return r;
}

using test::element;

std::size_t journal_size(gw::Gateway& g) { return g.state_document()["journal"].size(); }

}  // namespace

TEST_CASE("Gateway sigv4: the account is the credential's, whatever the key's digits") {
  gw::Gateway g(test::fixtures(), sigv4_options());
  HttpResponse made =
      g.handle(ec2_call("Action=CreateKeyPair&KeyName=k1", "AKIDALPHA", "secret-alpha"));
  REQUIRE(made.status == 200);
  auto names = [&g](const std::string& key, const std::string& secret) {
    return element(g.handle(ec2_call("Action=DescribeKeyPairs", key, secret)).body, "keyName");
  };
  CHECK(names("AKIDALPHA2", "secret-alpha2") == "k1");  // same account, other key
  CHECK(names("AKIDBETA", "secret-beta") == "");
  CHECK(names("210987654321", "secret-digits") == "");  // account 222222222222, not 210987654321
  HttpResponse group =
      g.handle(ec2_call("Action=DescribeSecurityGroups", "210987654321", "secret-digits"));
  CHECK(element(group.body, "ownerId") == "222222222222");
}

TEST_CASE("Gateway sigv4: a refused EC2 call is EC2's XML error, runs nothing, journals nothing") {
  gw::Gateway g(test::fixtures(), sigv4_options());
  std::size_t before = journal_size(g);
  HttpResponse wrong =
      g.handle(ec2_call("Action=CreateKeyPair&KeyName=k1", "AKIDALPHA", "not-the-secret"));
  CHECK(wrong.status == 403);
  CHECK(element(wrong.body, "Code") == "SignatureDoesNotMatch");
  CHECK(!element(wrong.body, "RequestID").empty());
  CHECK(wrong.headers.find("x-amzn-RequestId").has_value());
  HttpResponse unknown =
      g.handle(ec2_call("Action=CreateKeyPair&KeyName=k1", "AKIDNOBODY", "secret-alpha"));
  CHECK(unknown.status == 401);
  CHECK(element(unknown.body, "Code") == "AuthFailure");
  HttpResponse unsigned_call =
      g.handle(test::ec2_form("Action=CreateKeyPair&KeyName=k1&Version=2016-11-15"));
  CHECK(unsigned_call.status == 400);
  CHECK(element(unsigned_call.body, "Code") == "MissingParameter");
  CHECK(journal_size(g) == before);
  CHECK(element(g.handle(ec2_call("Action=DescribeKeyPairs", "AKIDALPHA", "secret-alpha")).body,
                "keyName") == "");
}

TEST_CASE("Gateway sigv4: S3 and SSM refusals are in their own protocols") {
  gw::Gateway g(test::fixtures(), sigv4_options());
  HttpRequest put;
  put.method = "PUT";
  put.target = "/golden-amis";
  put.headers.add("Host", "127.0.0.1:4566");
  test::sign(put, {.access_key = "AKIDALPHA", .secret = "wrong", .service = "s3"});
  HttpResponse s3 = g.handle(put);
  CHECK(s3.status == 403);
  CHECK(s3.body.find("<Error><Code>SignatureDoesNotMatch</Code>") != std::string::npos);
  CHECK(s3.body.find("<StringToSign>AWS4-HMAC-SHA256\n") != std::string::npos);
  put.method = "HEAD";
  CHECK(g.handle(put).body.empty());

  HttpRequest ssm;
  ssm.method = "POST";
  ssm.target = "/";
  ssm.headers.add("Host", "127.0.0.1:4566");
  ssm.headers.add("X-Amz-Target", "AmazonSSM.GetParameter");
  ssm.headers.add("Content-Type", "application/x-amz-json-1.1");
  ssm.body = R"({"Name": "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64"})";
  HttpRequest good = ssm;
  test::sign(good, {.access_key = "AKIDBETA", .secret = "secret-beta", .service = "ssm"});
  CHECK(g.handle(good).status == 200);
  test::sign(ssm, {.access_key = "AKIDNOBODY", .service = "ssm"});
  HttpResponse refused = g.handle(ssm);
  CHECK(refused.status == 400);
  CHECK(Json::parse(refused.body)["__type"] == "UnrecognizedClientException");
}

TEST_CASE(
    "Gateway sigv4: the control plane needs no signature, and the lenient default checks none") {
  gw::Gateway g(test::fixtures(), sigv4_options());
  // [?] AWS has no such plane; amisim leaves it open so that health checks, resets and state
  // loads work as before (README "Security": bind to loopback).
  HttpRequest health;
  health.method = "GET";
  health.target = "/_amisim/health";
  CHECK(g.handle(health).status == 200);

  gw::Gateway lenient(test::fixtures(), gw::GatewayOptions{});
  HttpResponse r = lenient.handle(test::ec2_form("Action=DescribeRegions&Version=2016-11-15"));
  CHECK(r.status == 200);
}

TEST_CASE("Gateway sigv4: the log line names the refusal's code") {
  gw::GatewayOptions o = sigv4_options();
  std::vector<std::string> lines;
  o.log = [&lines](const std::string& line) { lines.push_back(line); };
  gw::Gateway g(test::fixtures(), std::move(o));
  (void)g.handle(ec2_call("Action=DescribeRegions", "AKIDALPHA", "wrong"));
  REQUIRE(lines.size() == 1);
  CHECK(lines[0].find(" - us-east-1 - ") != std::string::npos);  // no action, no account
  CHECK(lines[0].find("-> 403 SignatureDoesNotMatch") != std::string::npos);
}
