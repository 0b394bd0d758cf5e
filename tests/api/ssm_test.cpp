// SSM GetParameter / GetParameters over the JSON protocol, through Gateway::handle (api/ssm/).
#include <catch2/catch.hpp>

#include "api/gateway/gateway.hpp"
#include "sim/core/time.hpp"
#include "tests/harness.hpp"

namespace gw = amisim::gateway;
using amisim::http::HttpRequest;
using amisim::http::HttpResponse;
using Json = nlohmann::json;

namespace {

const std::string kAl2023 = "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64";
const std::string kUbuntu =
    "/aws/service/canonical/ubuntu/server/24.04/stable/current/amd64/hvm/ebs-gp3/ami-id";

// A request as botocore's ssm client sends it (awsJson1.1, SigV4 scope ".../REGION/ssm/...").
HttpRequest ssm_request(const std::string& operation, const Json& body,
                        const std::string& region = "us-east-1") {
  HttpRequest r;
  r.method = "POST";
  r.target = "/";
  r.headers.add("Host", "127.0.0.1:4566");
  r.headers.add("X-Amz-Target", "AmazonSSM." + operation);
  r.headers.add("Content-Type", "application/x-amz-json-1.1");
  r.headers.add("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/" + region +
                                     "/ssm/aws4_request, SignedHeaders=host, Signature=ab");
  r.body = body.dump();
  return r;
}

std::string ssm_header(const HttpResponse& r, const std::string& name) {
  return std::string(r.headers.find(name).value_or(""));
}

std::string image_of(const std::string& family, const std::string& region) {
  test::Harness h;
  return h.catalogue_image(family, region).str();
}

}  // namespace

TEST_CASE("SSM GetParameter answers a public parameter with the Region's image ID") {
  gw::Gateway g(test::fixtures(), {});
  HttpResponse r = g.handle(
      ssm_request("GetParameter", {{"Name", kAl2023}, {"WithDecryption", false}}, "eu-west-1"));
  REQUIRE(r.status == 200);
  CHECK(ssm_header(r, "Content-Type") == "application/x-amz-json-1.1");
  CHECK_FALSE(ssm_header(r, "x-amzn-RequestId").empty());
  const Json p = Json::parse(r.body).at("Parameter");
  CHECK(p.at("Name") == kAl2023);
  CHECK(p.at("Type") == "String");
  CHECK(p.at("Value") == image_of("al2023-x86_64", "eu-west-1"));
  CHECK(p.at("Version") == 1);
  CHECK(p.at("DataType") == "aws:ec2:image");
  CHECK(p.at("ARN") == "arn:aws:ssm:eu-west-1::parameter" + kAl2023);
  // The image's creation date in fixtures/images.json, as epoch seconds.
  CHECK(p.at("LastModifiedDate").get<double>() ==
        static_cast<double>(*sim::parse_iso8601("2025-02-20T21:32:31.000Z")) / 1000.0);
  CHECK_FALSE(p.contains("Selector"));
}

TEST_CASE("SSM takes the Region from the SigV4 scope") {
  gw::Gateway g(test::fixtures(), {});
  auto value_in = [&](const std::string& region) {
    HttpResponse r = g.handle(ssm_request("GetParameter", {{"Name", kAl2023}}, region));
    REQUIRE(r.status == 200);
    return Json::parse(r.body).at("Parameter").at("Value").get<std::string>();
  };
  CHECK(value_in("us-east-1") == image_of("al2023-x86_64", "us-east-1"));
  CHECK(value_in("ap-south-1") == image_of("al2023-x86_64", "ap-south-1"));
  CHECK(value_in("us-east-1") != value_in("ap-south-1"));
}

TEST_CASE("SSM GetParameter of an unknown name is a 400 ParameterNotFound JSON error") {
  gw::Gateway g(test::fixtures(), {});
  HttpResponse r = g.handle(ssm_request("GetParameter", {{"Name", "/aws/service/nothing"}}));
  CHECK(r.status == 400);
  CHECK(ssm_header(r, "Content-Type") == "application/x-amz-json-1.1");
  CHECK_FALSE(ssm_header(r, "x-amzn-RequestId").empty());
  CHECK(Json::parse(r.body).at("__type") == "ParameterNotFound");

  r = g.handle(ssm_request("GetParameter", {{"Name", kAl2023 + ":3"}}));
  CHECK(r.status == 400);
  CHECK(Json::parse(r.body).at("__type") == "ParameterVersionNotFound");
  r = g.handle(ssm_request("GetParameter", {{"Name", kAl2023 + ":1"}}));
  REQUIRE(r.status == 200);
  CHECK(Json::parse(r.body).at("Parameter").at("Selector") == ":1");
}

TEST_CASE("SSM GetParameters sorts found parameters by name and lists the unknown ones") {
  gw::Gateway g(test::fixtures(), {});
  HttpResponse r = g.handle(ssm_request(
      "GetParameters", {{"Names", {kUbuntu, "/nope", kAl2023, "/also/nope"}}}, "us-west-2"));
  REQUIRE(r.status == 200);
  const Json out = Json::parse(r.body);
  REQUIRE(out.at("Parameters").size() == 2);
  CHECK(out["Parameters"][0].at("Name") == kAl2023);  // "/aws/service/ami..." < ".../canonical"
  CHECK(out["Parameters"][0].at("Value") == image_of("al2023-x86_64", "us-west-2"));
  CHECK(out["Parameters"][1].at("Name") == kUbuntu);
  CHECK(out["Parameters"][1].at("Value") == image_of("ubuntu-24.04-x86_64", "us-west-2"));
  CHECK(out.at("InvalidParameters") == Json({"/nope", "/also/nope"}));
}

TEST_CASE("SSM rejects unknown operations, bad bodies and missing names") {
  gw::Gateway g(test::fixtures(), {});
  HttpResponse r = g.handle(ssm_request("PutParameter", {{"Name", "/x"}, {"Value", "y"}}));
  CHECK(r.status == 400);
  CHECK(Json::parse(r.body).at("__type") == "UnknownOperationException");
  r = g.handle(ssm_request("GetParameter", Json::object()));
  CHECK(r.status == 400);
  CHECK(Json::parse(r.body).at("__type") == "ValidationException");
  r = g.handle(ssm_request("GetParameters", {{"Names", Json::array()}}));
  CHECK(r.status == 400);
  CHECK(Json::parse(r.body).at("__type") == "ValidationException");
  HttpRequest bad = ssm_request("GetParameter", Json::object());
  bad.body = "{not json";
  r = g.handle(bad);
  CHECK(r.status == 400);
  CHECK(Json::parse(r.body).at("__type") == "SerializationException");
}

TEST_CASE("SSM calls leave the world and the journal untouched") {
  gw::Gateway g(test::fixtures(), {});
  const std::string digest = g.world().digest();
  const Json journal = g.state_document().at("journal");
  (void)g.handle(ssm_request("GetParameter", {{"Name", kAl2023}}, "eu-central-1"));
  (void)g.handle(ssm_request("GetParameters", {{"Names", {kAl2023, "/x"}}}, "sa-east-1"));
  CHECK(g.world().digest() == digest);
  CHECK(g.state_document().at("journal") == journal);
}

TEST_CASE(
    "EC2 RunInstances over HTTP accepts resolve:ssm and DescribeInstances shows the ami- ID") {
  gw::Gateway g(test::fixtures(), {});
  const sim::Caller west{sim::kDefaultAccount, sim::RegionName{"eu-west-1"}};
  auto run = g.call(west, "RunInstances",
                    {{"ImageId", "resolve:ssm:" + kAl2023},
                     {"InstanceType", "t3.micro"},
                     {"MinCount", 1},
                     {"MaxCount", 1}});
  REQUIRE(run.ok());
  const std::string expected = image_of("al2023-x86_64", "eu-west-1");
  CHECK(run.value().at("Instances").at(0).at("ImageId") == expected);
  auto described = g.call(west, "DescribeInstances", Json::object());
  REQUIRE(described.ok());
  CHECK(described.value().at("Reservations").at(0).at("Instances").at(0).at("ImageId") == expected);
  auto bad = g.call(west, "RunInstances",
                    {{"ImageId", "resolve:ssm:/golden-ami"},
                     {"InstanceType", "t3.micro"},
                     {"MinCount", 1},
                     {"MaxCount", 1}});
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().code == "SsmInvalidParameter");
}
