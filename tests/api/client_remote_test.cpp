// The --endpoint client (api/client/remote.hpp) against a Gateway served over real HTTP: an EC2
// call's reply decodes to the same JSON the in-process door gives, errors keep their code and
// status, the account and Region travel in the credential, the control plane answers JSON, and
// a dead endpoint is a transport error, not a crash.
#include <catch2/catch.hpp>

#include "api/client/remote.hpp"
#include "api/ec2/dispatch.hpp"
#include "api/gateway/gateway.hpp"
#include "api/s3/s3.hpp"
#include "harness.hpp"
#include "tests/api/http_test_client.hpp"

namespace {

namespace gw = amisim::gateway;
namespace ht = amisim::http::testing;
using amisim::client::Endpoint;
using amisim::client::parse_endpoint;
using amisim::client::Remote;
using Json = nlohmann::json;

struct Served {
  gw::Gateway gateway{test::fixtures(), gw::GatewayOptions{}};
  ht::RunningServer server{
      [this](const amisim::http::HttpRequest& r) { return gateway.handle(r); }};
  Remote remote{Endpoint{"127.0.0.1", std::to_string(server.port())}};
};

}  // namespace

TEST_CASE("parse_endpoint takes http://HOST[:PORT] and refuses the rest", "[client]") {
  auto ok = parse_endpoint("http://127.0.0.1:4566/");
  REQUIRE(ok.ok());
  CHECK(ok->host == "127.0.0.1");
  CHECK(ok->port == "4566");
  auto plain = parse_endpoint("http://localhost");
  REQUIRE(plain.ok());
  CHECK(plain->port == "80");
  for (const char* bad : {"https://127.0.0.1:4566", "127.0.0.1:4566", "http://", "http://h:0",
                          "http://h:70000", "http://h:45x", "http://h:4566/path", "http://u@h:1"}) {
    INFO(bad);
    CHECK_FALSE(parse_endpoint(bad).ok());
  }
}

TEST_CASE("An EC2 call over the endpoint gives the in-process door's JSON", "[client]") {
  Served s;
  const sim::Caller caller{sim::AccountId("111122223333"), sim::RegionName("eu-west-1")};
  const Json input = {
      {"ImageIds", {test::Harness().catalogue_image("al2023-x86_64", "eu-west-1").str()}}};
  auto remote = s.remote.ec2(caller, "DescribeImages", input);
  REQUIRE(remote.ok());
  REQUIRE(remote->at("Images").size() == 1);
  sim::World world(test::fixtures(), sim::WorldOptions{0});
  auto local = amisim::ec2::call(world, caller, "DescribeImages", input);
  REQUIRE(local.ok());
  CHECK(*remote == *local);
}

TEST_CASE("The account and Region travel in the credential", "[client]") {
  Served s;
  const sim::Caller caller{sim::AccountId("111122223333"), sim::RegionName("eu-west-1")};
  auto created = s.remote.ec2(caller, "CreateKeyPair", {{"KeyName", "k"}});
  REQUIRE(created.ok());
  // The key pair exists for that account in that Region only.
  auto same = s.remote.ec2(caller, "DescribeKeyPairs", {{"KeyNames", {"k"}}});
  REQUIRE(same.ok());
  CHECK(same->at("KeyPairs").size() == 1);
  auto other_region = s.remote.ec2(sim::Caller{caller.account, sim::RegionName("us-east-1")},
                                   "DescribeKeyPairs", {{"KeyNames", {"k"}}});
  REQUIRE_FALSE(other_region.ok());
  CHECK(other_region.error().code == "InvalidKeyPair.NotFound");
  auto other_account = s.remote.ec2(sim::Caller{sim::AccountId("444455556666"), caller.region},
                                    "DescribeKeyPairs", {{"KeyNames", {"k"}}});
  REQUIRE_FALSE(other_account.ok());
  CHECK(other_account.error().code == "InvalidKeyPair.NotFound");
}

TEST_CASE("An EC2 error keeps its code, message and status over the endpoint", "[client]") {
  Served s;
  auto missing = s.remote.ec2(sim::Caller{sim::kDefaultAccount, sim::kDefaultRegion},
                              "DescribeImages", {{"ImageIds", {"ami-0123456789abcdef0"}}});
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().code == "InvalidAMIID.NotFound");
  CHECK(missing.error().http_status == 400);
  CHECK(missing.error().message.find("ami-0123456789abcdef0") != std::string::npos);
  // Input the model refuses never leaves the client.
  auto bad = s.remote.ec2(sim::Caller{sim::kDefaultAccount, sim::kDefaultRegion}, "DescribeImages",
                          {{"NoSuchMember", 1}});
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().code == "UnknownParameter");
}

TEST_CASE("The control plane answers JSON over the endpoint", "[client]") {
  Served s;
  auto advanced = s.remote.control("POST", "/_amisim/clock/advance", {{"seconds", 90}});
  REQUIRE(advanced.ok());
  auto clock = s.remote.control("GET", "/_amisim/clock");
  REQUIRE(clock.ok());
  CHECK(clock->contains("now"));
  auto wrong = s.remote.control("GET", "/_amisim/reset");
  REQUIRE_FALSE(wrong.ok());
  CHECK(wrong.error().code == "MethodNotAllowed");
  CHECK(wrong.error().http_status == 405);
}

TEST_CASE("A dead endpoint is a transport error", "[client]") {
  std::string port;
  {
    Served s;
    port = std::to_string(s.server.port());
  }  // the server is gone; its port refuses connections
  Remote remote(Endpoint{"127.0.0.1", port});
  auto call = remote.ec2(sim::Caller{sim::kDefaultAccount, sim::kDefaultRegion}, "DescribeImages",
                         Json::object());
  REQUIRE_FALSE(call.ok());
  CHECK(call.error().code == "amisim.Transport");
  CHECK(call.error().http_status == 0);
  CHECK_FALSE(remote.control("GET", "/_amisim/health").ok());
}

TEST_CASE("S3 calls over the endpoint give the in-process door's JSON", "[client]") {
  Served s;
  sim::World world(test::fixtures(), sim::WorldOptions{0});
  const sim::Caller caller{sim::AccountId("111122223333"), sim::RegionName("eu-west-1")};
  // The same calls through both doors; every reply (success or error) must be the same, except
  // that a HEAD error carries only its status over HTTP.
  const std::vector<std::pair<std::string, Json>> calls = {
      {"CreateBucket",
       {{"Bucket", "images-bucket"},
        {"CreateBucketConfiguration", {{"LocationConstraint", "eu-west-1"}}}}},
      {"CreateBucket",
       {{"Bucket", "images-bucket"},
        {"CreateBucketConfiguration", {{"LocationConstraint", "eu-west-1"}}}}},
      {"PutObject",
       {{"Bucket", "images-bucket"},
        {"Key", "disks/a b+c.raw"},
        {"Body", "hello"},
        {"ContentType", "text/plain"},
        {"Metadata", {{"team", "blue"}}}}},
      {"PutObject", {{"Bucket", "images-bucket"}, {"Key", "disks/second.raw"}, {"Body", "x"}}},
      {"HeadBucket", {{"Bucket", "images-bucket"}}},
      {"GetBucketLocation", {{"Bucket", "images-bucket"}}},
      {"ListBuckets", Json::object()},
      {"HeadObject", {{"Bucket", "images-bucket"}, {"Key", "disks/a b+c.raw"}}},
      {"GetObject", {{"Bucket", "images-bucket"}, {"Key", "disks/a b+c.raw"}}},
      {"ListObjectsV2", {{"Bucket", "images-bucket"}, {"Prefix", "disks/"}, {"MaxKeys", 1}}},
      {"ListObjectsV2", {{"Bucket", "images-bucket"}, {"Delimiter", "/"}}},
      {"ListObjects", {{"Bucket", "images-bucket"}}},
      {"GetObject", {{"Bucket", "images-bucket"}, {"Key", "missing"}}},
      {"ListObjectsV2", {{"Bucket", "no-such-bucket-here"}}},
      {"DeleteObject", {{"Bucket", "images-bucket"}, {"Key", "disks/second.raw"}}},
      {"DeleteBucket", {{"Bucket", "images-bucket"}}},
  };
  for (const auto& [action, input] : calls) {
    INFO(action << " " << input.dump());
    auto local = amisim::s3::call(world, caller, action, input);
    auto remote = s.remote.s3(caller, action, input);
    REQUIRE(local.ok() == remote.ok());
    if (local.ok()) {
      CHECK(*remote == *local);
    } else {
      CHECK(remote.error() == local.error());
    }
  }
  // A HEAD of a missing key: 404 alone, as botocore sees it.
  auto head = s.remote.s3(caller, "HeadObject", {{"Bucket", "images-bucket"}, {"Key", "gone"}});
  REQUIRE_FALSE(head.ok());
  CHECK(head.error().code == "404");
  CHECK(head.error().http_status == 404);
}

TEST_CASE("SSM calls over the endpoint decode like the in-process handler's replies", "[client]") {
  Served s;
  const sim::Caller caller{sim::kDefaultAccount, sim::RegionName("eu-west-1")};
  const Json found = {
      {"Name", "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64"}};
  auto remote = s.remote.ssm(caller, "GetParameter", found);
  REQUIRE(remote.ok());
  gw::Gateway local(test::fixtures(), gw::GatewayOptions{});
  auto in_process = amisim::client::ssm_reply(
      local.handle(amisim::client::ssm_request(caller, "GetParameter", found)));
  REQUIRE(in_process.ok());
  CHECK(*remote == *in_process);
  // The eu-west-1 image of the catalogue (fixtures/images.json), not us-east-1's.
  CHECK(remote->at("Parameter").at("Value") == "ami-021be9019c934917e");
  auto missing = s.remote.ssm(caller, "GetParameter", {{"Name", "/aws/service/nope"}});
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().code == "ParameterNotFound");
  CHECK(missing.error().http_status == 400);
  auto unknown = s.remote.ssm(caller, "PutParameter", {{"Name", "x"}});
  REQUIRE_FALSE(unknown.ok());
  CHECK(unknown.error().code == "UnknownOperationException");
}
