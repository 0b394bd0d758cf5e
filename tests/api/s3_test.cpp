// The S3 REST subset through the gateway (api/s3): addressing styles, XML shapes, errors,
// aws-chunked uploads, encoding-type=url, routing beside EC2/SSM, and journal replay; and the
// JSON door s3::call for what HTTP cannot reach (synthetic objects).
#include "api/s3/s3.hpp"

#include <catch2/catch.hpp>
#include <regex>

#include "api/gateway/gateway.hpp"
#include "api/s3/aws_chunked.hpp"
#include "api/s3/md5.hpp"
#include "api/s3/rest.hpp"
#include "sim/s3/s3.hpp"
#include "tests/harness.hpp"

namespace gw = amisim::gateway;
namespace s3 = amisim::s3;
using amisim::http::HttpRequest;
using amisim::http::HttpResponse;
using Json = nlohmann::json;

namespace {

HttpRequest s3_request(const std::string& method, const std::string& target,
                       const std::string& body = "", const std::string& region = "us-east-1",
                       const std::string& access_key = "AKIDEXAMPLE") {
  HttpRequest r;
  r.method = method;
  r.target = target;
  r.headers.add("Host", "127.0.0.1:4566");
  r.headers.add("Authorization", "AWS4-HMAC-SHA256 Credential=" + access_key + "/20260101/" +
                                     region + "/s3/aws4_request, SignedHeaders=host, Signature=ab");
  r.body = body;
  return r;
}

HttpRequest unsigned_request(const std::string& method, const std::string& target,
                             const std::string& host) {
  HttpRequest r;
  r.method = method;
  r.target = target;
  r.headers.add("Host", host);
  return r;
}

std::string header(const HttpResponse& r, const std::string& name) {
  auto v = r.headers.find(name);
  return v ? std::string(*v) : "<none>";
}

std::vector<std::string> elements(const std::string& xml, const std::string& name) {
  std::vector<std::string> out;
  std::regex re("<" + name + ">([^<]*)</" + name + ">");
  for (auto it = std::sregex_iterator(xml.begin(), xml.end(), re); it != std::sregex_iterator();
       ++it)
    out.push_back((*it)[1].str());
  return out;
}

std::string first_element(const std::string& xml, const std::string& name) {
  auto all = elements(xml, name);
  return all.empty() ? "<none>" : all.front();
}

gw::GatewayOptions seeded(std::uint64_t seed) {
  gw::GatewayOptions o;
  o.seed = seed;
  return o;
}

}  // namespace

TEST_CASE("MD5 matches RFC 1321's test suite", "[s3]") {
  CHECK(s3::md5_hex("") == "d41d8cd98f00b204e9800998ecf8427e");
  CHECK(s3::md5_hex("abc") == "900150983cd24fb0d6963f7d28e17f72");
  CHECK(s3::md5_hex("message digest") == "f96b697d7cb7938d525a2f31aaf161d0");
  CHECK(s3::md5_hex("12345678901234567890123456789012345678901234567890123456789012345678901234"
                    "567890") == "57edf4a22be3c955ac49da2e2107b67a");
  CHECK(s3::md5_hex(std::string(64, 'a')) == "014842d480b571495a4a0363793f7367");
}

TEST_CASE("aws-chunked bodies decode to their payload, broken framing is refused", "[s3]") {
  CHECK(s3::decode_aws_chunked("5;chunk-signature=abc\r\nhello\r\n6;chunk-signature=d\r\n world\r\n"
                               "0;chunk-signature=e\r\n\r\n") == "hello world");
  CHECK(s3::decode_aws_chunked("A\r\n0123456789\r\n0\r\nx-amz-checksum-crc32:AAAA==\r\n\r\n") ==
        "0123456789");
  CHECK(s3::decode_aws_chunked("0\r\n\r\n") == "");
  CHECK_FALSE(s3::decode_aws_chunked("5\r\nhel").has_value());
  CHECK_FALSE(s3::decode_aws_chunked("zz\r\nhello\r\n0\r\n").has_value());
  CHECK_FALSE(s3::decode_aws_chunked("5\r\nhello\r\n").has_value());
  CHECK_FALSE(s3::decode_aws_chunked("ffffffffffff\r\nhello\r\n0\r\n").has_value());
}

TEST_CASE("S3 path style: create, put, get, head, list, delete with S3's statuses and headers",
          "[s3]") {
  gw::Gateway g(test::fixtures(), seeded(3));
  HttpResponse created = g.handle(s3_request("PUT", "/photos"));
  CHECK(created.status == 200);
  CHECK(header(created, "Location") == "/photos");
  CHECK(header(created, "x-amz-request-id").size() == 16);
  CHECK(header(created, "x-amz-id-2") != "<none>");

  HttpRequest put = s3_request("PUT", "/photos/dir/cat%20one.txt?x-id=PutObject", "meow");
  put.headers.add("Content-Type", "text/plain");
  put.headers.add("X-Amz-Meta-Color", "grey");
  HttpResponse stored = g.handle(put);
  CHECK(stored.status == 200);
  CHECK(header(stored, "ETag") == "\"" + s3::md5_hex("meow") + "\"");

  HttpResponse got = g.handle(s3_request("GET", "/photos/dir/cat%20one.txt"));
  CHECK(got.status == 200);
  CHECK(got.body == "meow");
  CHECK(header(got, "Content-Length") == "4");
  CHECK(header(got, "Content-Type") == "text/plain");
  CHECK(header(got, "x-amz-meta-color") == "grey");
  CHECK(header(got, "Last-Modified") == "Thu, 01 Jan 2026 00:00:00 GMT");
  CHECK(header(got, "ETag") == header(stored, "ETag"));

  HttpResponse head = g.handle(s3_request("HEAD", "/photos/dir/cat%20one.txt"));
  CHECK(head.status == 200);
  CHECK(header(head, "Content-Length") == "4");

  HttpResponse bucket_head = g.handle(s3_request("HEAD", "/photos"));
  CHECK(bucket_head.status == 200);
  CHECK(header(bucket_head, "x-amz-bucket-region") == "us-east-1");

  HttpResponse list = g.handle(s3_request("GET", "/photos?list-type=2&prefix=dir%2F"));
  CHECK(list.status == 200);
  CHECK(list.body.find("<ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">") !=
        std::string::npos);
  CHECK(elements(list.body, "Key") == std::vector<std::string>{"dir/cat one.txt"});
  CHECK(first_element(list.body, "Size") == "4");
  CHECK(first_element(list.body, "KeyCount") == "1");
  CHECK(first_element(list.body, "IsTruncated") == "false");
  CHECK(first_element(list.body, "Prefix") == "dir/");
  CHECK(first_element(list.body, "StorageClass") == "STANDARD");
  CHECK(first_element(list.body, "LastModified") == "2026-01-01T00:00:00.000Z");

  HttpResponse where = g.handle(s3_request("GET", "/photos?location"));
  CHECK(where.body.find("<LocationConstraint xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
                        "</LocationConstraint>") != std::string::npos);

  HttpResponse buckets = g.handle(s3_request("GET", "/"));
  CHECK(buckets.body.find("<ListAllMyBucketsResult xmlns=\"http://s3.amazonaws.com/doc/"
                          "2006-03-01/\">") != std::string::npos);
  CHECK(elements(buckets.body, "Name") == std::vector<std::string>{"photos"});
  CHECK(first_element(buckets.body, "CreationDate") == "2026-01-01T00:00:00.000Z");

  CHECK(g.handle(s3_request("DELETE", "/photos")).status == 409);
  CHECK(g.handle(s3_request("DELETE", "/photos/dir/cat%20one.txt")).status == 204);
  CHECK(g.handle(s3_request("DELETE", "/photos/dir/cat%20one.txt")).status == 204);
  CHECK(g.handle(s3_request("DELETE", "/photos")).status == 204);
  CHECK(g.world().buckets().empty());
}

TEST_CASE("S3 virtual-host style: bucket from the Host, Region from the Host when unsigned",
          "[s3]") {
  gw::Gateway g(test::fixtures(), {});
  HttpRequest create = unsigned_request("PUT", "/", "vhost.s3.eu-west-1.amazonaws.com");
  create.body =
      "<CreateBucketConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
      "<LocationConstraint>eu-west-1</LocationConstraint></CreateBucketConfiguration>";
  CHECK(g.handle(create).status == 200);
  REQUIRE(g.world().buckets().count("vhost") == 1);
  CHECK(g.world().buckets().at("vhost").region.str() == "eu-west-1");

  HttpRequest put = unsigned_request("PUT", "/a/b.txt", "vhost.localhost:4566");
  put.body = "data";
  CHECK(g.handle(put).status == 200);
  HttpResponse got = g.handle(unsigned_request("GET", "/a/b.txt", "vhost.s3-eu-west-1.x.com"));
  CHECK(got.status == 200);
  CHECK(got.body == "data");
  HttpResponse where = g.handle(unsigned_request("GET", "/?location", "vhost.localhost"));
  CHECK(where.body.find(">eu-west-1</LocationConstraint>") != std::string::npos);
  HttpResponse list = g.handle(unsigned_request("GET", "/?list-type=2", "vhost.localhost"));
  CHECK(elements(list.body, "Key") == std::vector<std::string>{"a/b.txt"});
  CHECK(first_element(list.body, "Name") == "vhost");
}

TEST_CASE("S3 errors: error XML with BucketName or Key, the status, no body for HEAD", "[s3]") {
  gw::Gateway g(test::fixtures(), {});
  HttpResponse no_bucket = g.handle(s3_request("GET", "/nothere/k"));
  CHECK(no_bucket.status == 404);
  CHECK(first_element(no_bucket.body, "Code") == "NoSuchBucket");
  CHECK(first_element(no_bucket.body, "BucketName") == "nothere");
  CHECK(first_element(no_bucket.body, "RequestId") == header(no_bucket, "x-amz-request-id"));
  CHECK(first_element(no_bucket.body, "HostId") == header(no_bucket, "x-amz-id-2"));

  REQUIRE(g.handle(s3_request("PUT", "/here")).status == 200);
  HttpResponse no_key = g.handle(s3_request("GET", "/here/missing%2Bkey"));
  CHECK(no_key.status == 404);
  CHECK(first_element(no_key.body, "Code") == "NoSuchKey");
  CHECK(first_element(no_key.body, "Key") == "missing+key");
  CHECK(first_element(no_key.body, "Message") == "The specified key does not exist.");

  HttpResponse head = g.handle(s3_request("HEAD", "/here/missing"));
  CHECK(head.status == 404);
  CHECK(head.body.empty());

  HttpResponse bad_name = g.handle(s3_request("PUT", "/Bad_Name"));
  CHECK(bad_name.status == 400);
  CHECK(first_element(bad_name.body, "Code") == "InvalidBucketName");

  HttpResponse other =
      g.handle(s3_request("GET", "/here?list-type=2", "", "us-east-1", "210987654321"));
  CHECK(other.status == 403);
  CHECK(first_element(other.body, "Code") == "AccessDenied");

  HttpResponse eu = g.handle(s3_request("PUT", "/eu-bucket", "", "eu-west-1"));
  CHECK(eu.status == 400);
  CHECK(first_element(eu.body, "Code") == "IllegalLocationConstraintException");

  for (const auto& [method, target] :
       std::vector<std::pair<std::string, std::string>>{{"GET", "/here?acl"},
                                                        {"PUT", "/here?versioning"},
                                                        {"POST", "/here/k?uploads"},
                                                        {"GET", "/here/k?tagging"},
                                                        {"POST", "/here"},
                                                        {"GET", "/here?list-type=3"}}) {
    INFO(method << " " << target);
    HttpResponse r = g.handle(s3_request(method, target));
    CHECK(r.status == 501);
    CHECK(first_element(r.body, "Code") == "NotImplemented");
    CHECK(first_element(r.body, "Message") ==
          "A header you provided implies functionality that is not implemented");
  }
  CHECK(g.handle(s3_request("GET", "/here/bad%zzescape")).status == 400);
}

TEST_CASE("S3 PutObject decodes aws-chunked bodies (signed chunks and unsigned trailers)", "[s3]") {
  gw::Gateway g(test::fixtures(), {});
  REQUIRE(g.handle(s3_request("PUT", "/chunky")).status == 200);
  HttpRequest signed_put = s3_request("PUT", "/chunky/one",
                                      "3;chunk-signature=aaaa\r\nabc\r\n2;chunk-signature="
                                      "bbbb\r\nde\r\n0;chunk-signature=cc\r\n\r\n");
  signed_put.headers.add("Content-Encoding", "aws-chunked");
  signed_put.headers.add("x-amz-content-sha256", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD");
  signed_put.headers.add("x-amz-decoded-content-length", "5");
  HttpResponse r = g.handle(signed_put);
  CHECK(r.status == 200);
  CHECK(header(r, "ETag") == "\"" + s3::md5_hex("abcde") + "\"");
  CHECK(g.handle(s3_request("GET", "/chunky/one")).body == "abcde");

  HttpRequest trailer_put =
      s3_request("PUT", "/chunky/two", "4\r\nwxyz\r\n0\r\nx-amz-checksum-crc32:AAAAAA==\r\n\r\n");
  trailer_put.headers.add("x-amz-content-sha256", "STREAMING-UNSIGNED-PAYLOAD-TRAILER");
  trailer_put.headers.add("x-amz-trailer", "x-amz-checksum-crc32");
  CHECK(g.handle(trailer_put).status == 200);
  CHECK(g.handle(s3_request("GET", "/chunky/two")).body == "wxyz");

  HttpRequest broken = s3_request("PUT", "/chunky/three", "9\r\nshort\r\n");
  broken.headers.add("Content-Encoding", "aws-chunked");
  HttpResponse refused = g.handle(broken);
  CHECK(refused.status == 400);
  CHECK(first_element(refused.body, "Code") == "IncompleteBody");
}

TEST_CASE(
    "S3 ListObjectsV2 with encoding-type=url encodes keys and prefixes and echoes it, "
    "delimiters give CommonPrefixes, pages carry tokens",
    "[s3]") {
  gw::Gateway g(test::fixtures(), {});
  REQUIRE(g.handle(s3_request("PUT", "/enc")).status == 200);
  for (const char* key : {"/enc/a%20b%2Bc", "/enc/dir/x", "/enc/dir/y", "/enc/z"})
    REQUIRE(g.handle(s3_request("PUT", key, "1")).status == 200);
  HttpResponse r = g.handle(s3_request("GET", "/enc?list-type=2&delimiter=%2F&encoding-type=url"));
  CHECK(first_element(r.body, "EncodingType") == "url");
  CHECK(elements(r.body, "Key") == std::vector<std::string>{"a%20b%2Bc", "z"});
  CHECK(first_element(r.body, "Delimiter") == "%2F");
  CHECK(elements(r.body, "Prefix") == std::vector<std::string>{"", "dir%2F"});
  CHECK(first_element(r.body, "KeyCount") == "3");

  HttpResponse page = g.handle(s3_request("GET", "/enc?list-type=2&max-keys=2"));
  CHECK(first_element(page.body, "IsTruncated") == "true");
  CHECK(first_element(page.body, "MaxKeys") == "2");
  std::string token = first_element(page.body, "NextContinuationToken");
  REQUIRE(token != "<none>");
  HttpResponse next = g.handle(s3_request("GET", "/enc?list-type=2&continuation-token=" + token));
  CHECK(elements(next.body, "Key") == std::vector<std::string>{"dir/y", "z"});
  CHECK(first_element(next.body, "ContinuationToken") == token);
  CHECK(g.handle(s3_request("GET", "/enc?list-type=2&max-keys=x")).status == 400);
}

TEST_CASE("S3 ListObjects (v1) pages with Marker and NextMarker, prefixes counted once", "[s3]") {
  gw::Gateway g(test::fixtures(), {});
  REQUIRE(g.handle(s3_request("PUT", "/vone")).status == 200);
  for (const char* key : {"/vone/a", "/vone/d/1", "/vone/d/2", "/vone/e"})
    REQUIRE(g.handle(s3_request("PUT", key, "1")).status == 200);
  HttpResponse first = g.handle(s3_request("GET", "/vone?delimiter=%2F&max-keys=2"));
  CHECK(first.status == 200);
  CHECK(elements(first.body, "Key") == std::vector<std::string>{"a"});
  CHECK(first_element(first.body, "IsTruncated") == "true");
  CHECK(first_element(first.body, "Marker") == "");
  CHECK(first_element(first.body, "NextMarker") == "d/");
  CHECK(first_element(first.body, "DisplayName") != "<none>");  // v1 lists owners
  CHECK(first_element(first.body, "KeyCount") == "<none>");
  HttpResponse second = g.handle(s3_request("GET", "/vone?delimiter=%2F&max-keys=2&marker=d%2F"));
  CHECK(elements(second.body, "Key") == std::vector<std::string>{"e"});
  CHECK(first_element(second.body, "IsTruncated") == "false");
  CHECK(first_element(second.body, "NextMarker") == "<none>");
  HttpResponse plain = g.handle(s3_request("GET", "/vone?marker=d%2F1"));
  CHECK(elements(plain.body, "Key") == std::vector<std::string>{"d/2", "e"});
}

TEST_CASE("S3 routing leaves EC2 Query, SSM and the control plane as they were", "[s3]") {
  auto is_s3 = [](HttpRequest r) { return s3::is_s3_request(r); };
  CHECK(is_s3(s3_request("GET", "/")));
  CHECK(is_s3(unsigned_request("GET", "/bucket/key", "127.0.0.1:4566")));
  CHECK(is_s3(unsigned_request("GET", "/", "bucket.s3.amazonaws.com")));
  CHECK(is_s3(unsigned_request("GET", "/", "s3.eu-west-1.amazonaws.com")));
  CHECK_FALSE(is_s3(unsigned_request("GET", "/", "127.0.0.1:4566")));
  CHECK_FALSE(is_s3(unsigned_request("GET", "/?Action=DescribeRegions", "127.0.0.1:4566")));
  CHECK_FALSE(is_s3(unsigned_request("GET", "/x?Action=DescribeRegions", "127.0.0.1:4566")));
  CHECK_FALSE(is_s3(unsigned_request("POST", "/x", "127.0.0.1:4566")));
  CHECK_FALSE(is_s3(unsigned_request("GET", "/", "ec2.eu-west-1.amazonaws.com")));
  HttpRequest ec2_scope = unsigned_request("GET", "/some/path", "127.0.0.1");
  ec2_scope.headers.add("Authorization",
                        "AWS4-HMAC-SHA256 Credential=AK/20260101/us-east-1/ec2/aws4_request, x");
  CHECK_FALSE(is_s3(ec2_scope));
  CHECK(is_s3(unsigned_request(
      "GET", "/b/k?X-Amz-Credential=AK%2F20260101%2Fus-east-1%2Fs3%2Faws4_request", "127.0.0.1")));

  gw::Gateway g(test::fixtures(), {});
  HttpRequest ec2 = unsigned_request("POST", "/", "127.0.0.1:4566");
  ec2.body = "Action=DescribeRegions&Version=2016-11-15";
  HttpResponse regions = g.handle(ec2);
  CHECK(regions.status == 200);
  CHECK(regions.body.find("DescribeRegionsResponse") != std::string::npos);
  CHECK(
      g.handle(unsigned_request("GET", "/?Action=DescribeRegions&Version=2016-11-15", "127.0.0.1"))
          .body.find("DescribeRegionsResponse") != std::string::npos);
  HttpRequest ssm = unsigned_request("POST", "/", "127.0.0.1:4566");
  ssm.headers.add("X-Amz-Target", "AmazonSSM.GetParameter");
  ssm.body = R"({"Name": "/aws/service/nothing"})";
  CHECK(g.handle(ssm).headers.find("Content-Type")->find("json") != std::string_view::npos);
  CHECK(g.handle(unsigned_request("GET", "/_amisim/health", "127.0.0.1")).status == 200);
}

TEST_CASE("S3 calls are journaled, bodies base64, and a state document replays them", "[s3]") {
  gw::Gateway g(test::fixtures(), seeded(9));
  REQUIRE(g.handle(s3_request("PUT", "/jrnl")).status == 200);
  REQUIRE(g.handle(s3_request("PUT", "/jrnl/bin", std::string("\x00\xff\xfe ok", 6))).status ==
          200);
  REQUIRE(g.handle(s3_request("PUT", "/jrnl/gone", "x")).status == 200);
  REQUIRE(g.handle(s3_request("DELETE", "/jrnl/gone")).status == 204);
  REQUIRE(g.handle(s3_request("PUT", "/jrnl", "", "us-east-1")).status ==
          409);  // refused: changes nothing, not journaled
  REQUIRE(g.handle(s3_request("PUT", "/eu-jrnl",
                              "<CreateBucketConfiguration><LocationConstraint>"
                              "eu-west-1</LocationConstraint>"
                              "</CreateBucketConfiguration>",
                              "eu-west-1", "210987654321"))
              .status == 200);
  REQUIRE(g.handle(s3_request("PUT", "/jrnl/%FF", "x")).status == 400);  // key not UTF-8
  REQUIRE(
      g.call_s3({}, "PutObject", {{"Bucket", "jrnl"}, {"Key", "in-process"}, {"Body", "y"}}).ok());

  auto state = g.handle(unsigned_request("GET", "/_amisim/state", "127.0.0.1"));
  REQUIRE(state.status == 200);
  Json doc = Json::parse(state.body);
  int s3_entries = 0;
  bool base64_body = false;
  for (const Json& e : doc["journal"]) {
    if (!e.contains("s3")) continue;
    ++s3_entries;
    if (e["input"].value("Key", "") == "bin") base64_body = e["input"].contains("BodyBase64");
  }
  CHECK(s3_entries == 6);
  CHECK(base64_body);

  gw::Gateway fresh(test::fixtures(), {});
  HttpRequest load = unsigned_request("POST", "/_amisim/state", "127.0.0.1");
  load.body = doc.dump();
  HttpResponse loaded = fresh.handle(load);
  INFO(loaded.body);
  REQUIRE(loaded.status == 200);
  CHECK(fresh.world().digest() == g.world().digest());
  CHECK(fresh.handle(s3_request("GET", "/jrnl/bin")).body == std::string("\x00\xff\xfe ok", 6));
  CHECK(fresh.world().buckets().at("eu-jrnl").owner.str() == "210987654321");
}

TEST_CASE("Synthetic objects: HeadObject and lists give the logical size, GetObject a note",
          "[s3]") {
  test::Harness h;
  auto created = sim::create_bucket(h.world, h.caller, "model", "");
  REQUIRE(created.ok());
  sim::S3Object made;
  made.key = "ami-0123.bin";
  made.size = 8ull << 30;
  sim::put_model_object(h.world, *sim::bucket_named(h.world, "model"), made);

  auto head = s3::call(h.world, h.caller, "HeadObject", {{"Bucket", "model"}, {"Key", made.key}});
  REQUIRE(head.ok());
  CHECK(head.value()["ContentLength"] == made.size);
  CHECK(head.value()["Metadata"]["amisim-logical-size"] == std::to_string(made.size));

  auto get = s3::call(h.world, h.caller, "GetObject", {{"Bucket", "model"}, {"Key", made.key}});
  REQUIRE(get.ok());
  std::string body = get.value()["Body"];
  CHECK(body == s3::synthetic_body("model", made.key, made.size));
  CHECK(body.find(std::to_string(made.size)) != std::string::npos);
  CHECK(get.value()["ContentLength"] == body.size());

  auto list = s3::call(h.world, h.caller, "ListObjectsV2", {{"Bucket", "model"}});
  REQUIRE(list.ok());
  CHECK(list.value()["Contents"][0]["Size"] == made.size);

  s3::RestCall call{.action = "HeadObject", .input = {}, .error = {}, .head = true};
  HttpResponse r = s3::write_rest_response(call, head, "0000-1111");
  CHECK(r.headers.find("Content-Length") == std::to_string(made.size));
  CHECK(r.headers.find("x-amz-meta-amisim-logical-size") == std::to_string(made.size));
  CHECK(r.body.empty());
}

TEST_CASE("s3::call checks its input and answers NotImplemented outside the subset", "[s3]") {
  test::Harness h;
  CHECK(s3::call(h.world, h.caller, "PutBucketAcl", Json::object()).error().http_status == 501);
  CHECK(s3::call(h.world, h.caller, "CreateBucket", {{"Bucket", 5}}).error().code ==
        "InvalidArgument");
  CHECK(s3::call(h.world, h.caller, "CreateBucket", Json::object()).error().code ==
        "InvalidArgument");
  sim::Caller mars{h.caller.account, sim::RegionName{"mars-1"}};
  CHECK(s3::call(h.world, mars, "ListBuckets", Json::object()).error().code ==
        "AuthorizationHeaderMalformed");
  REQUIRE(s3::call(h.world, h.caller, "CreateBucket", {{"Bucket", "calls"}}).ok());
  auto put = s3::call(
      h.world, h.caller, "PutObject",
      {{"Bucket", "calls"}, {"Key", "k"}, {"Body", "abc"}, {"Metadata", {{"Mixed-Case", "v"}}}});
  REQUIRE(put.ok());
  CHECK(put.value()["ETag"] == "\"900150983cd24fb0d6963f7d28e17f72\"");
  auto head = s3::call(h.world, h.caller, "HeadObject", {{"Bucket", "calls"}, {"Key", "k"}});
  CHECK(head.value()["Metadata"] == Json{{"mixed-case", "v"}});
  CHECK(s3::http_date(0) == "Thu, 01 Jan 1970 00:00:00 GMT");
  CHECK(s3::http_date(1767225600000 + 86400000 * 3 + 3723000) == "Sun, 04 Jan 2026 01:02:03 GMT");
}
