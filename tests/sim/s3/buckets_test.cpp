// The S3 rules of sim/s3/s3.hpp: bucket names, location constraints, ownership, non-empty deletes,
// and ListObjectsV2 paging with prefixes and delimiters.
#include <catch2/catch.hpp>

#include "sim/s3/s3.hpp"
#include "tests/harness.hpp"

namespace {

using test::expect_error;
using test::expect_ok;

sim::S3Object put(test::Harness& h, const std::string& bucket, const std::string& key,
                  const std::string& body = "x") {
  sim::PutObjectRequest r{.bucket = bucket,
                          .key = key,
                          .body = body,
                          .etag = "\"e\"",
                          .content_type = "",
                          .metadata = {}};
  return *expect_ok(sim::put_object(h.world, h.caller, r));
}

std::vector<std::string> keys_of(const sim::ListObjectsResult& page) {
  std::vector<std::string> out;
  for (const sim::S3Object* o : page.objects) out.push_back(o->key);
  return out;
}

sim::ListObjectsRequest listing(const std::string& bucket, const std::string& prefix = "",
                                const std::string& delimiter = "", int max_keys = 1000,
                                const std::string& start_after = "",
                                const std::string& token = "") {
  sim::ListObjectsRequest r;
  r.bucket = bucket;
  r.prefix = prefix;
  r.delimiter = delimiter;
  r.max_keys = max_keys;
  r.continuation_token = token;
  r.start_after = start_after;
  return r;
}

}  // namespace

TEST_CASE("S3 bucket names follow the naming rules", "[s3]") {
  for (const char* good : {"abc", "my-bucket.v2", "a1b", "0123456789"})
    CHECK(sim::is_valid_bucket_name(good));
  CHECK(sim::is_valid_bucket_name(std::string(63, 'a')));
  for (const char* bad : {"ab", "Abc", "a_b", "-abc", "abc-", "a..b", "192.168.5.4", "xn--abc",
                          "abc-s3alias", ".abc", "a b c"})
    CHECK_FALSE(sim::is_valid_bucket_name(bad));
  CHECK_FALSE(sim::is_valid_bucket_name(std::string(64, 'a')));
  CHECK(sim::is_valid_bucket_name("192.168.5.a"));
}

TEST_CASE("CreateBucket places the bucket in the caller's Region under its location rules",
          "[s3]") {
  test::Harness h;
  h.advance(5000);
  const sim::Bucket* b = expect_ok(sim::create_bucket(h.world, h.caller, "b-east", ""));
  CHECK(b->region.str() == "us-east-1");
  CHECK(b->owner == h.caller.account);
  CHECK(b->created == h.world.now());
  // us-east-1 spelt out is not a valid constraint; the us-east-1 endpoint places a bucket in the
  // Region its constraint names (S3 API reference, CreateBucket).
  expect_error(sim::create_bucket(h.world, h.caller, "b-east2", "us-east-1"),
               "InvalidLocationConstraint");
  expect_error(sim::create_bucket(h.world, h.caller, "b-east2", "mars-north-1"),
               "InvalidLocationConstraint");
  CHECK(expect_ok(sim::create_bucket(h.world, h.caller, "b-east3", "eu-west-1"))->region.str() ==
        "eu-west-1");

  sim::Caller eu = h.in("eu-west-1");
  auto missing = expect_error(sim::create_bucket(h.world, eu, "b-eu", ""),
                              "IllegalLocationConstraintException");
  CHECK(missing.message.find("unspecified") != std::string::npos);
  expect_error(sim::create_bucket(h.world, eu, "b-eu", "us-west-2"),
               "IllegalLocationConstraintException");
  CHECK(expect_ok(sim::create_bucket(h.world, eu, "b-eu", "eu-west-1"))->region.str() ==
        "eu-west-1");
  expect_error(sim::create_bucket(h.world, h.caller, "Bad_Name", ""), "InvalidBucketName");
}

TEST_CASE("Bucket names are global: the owner's repeat and another account's are refused", "[s3]") {
  test::Harness h;
  expect_ok(sim::create_bucket(h.world, h.caller, "shared", ""));
  auto again =
      expect_error(sim::create_bucket(h.world, h.caller, "shared", ""), "BucketAlreadyOwnedByYou");
  CHECK(again.http_status() == 409);
  sim::Caller other = h.as("210987654321");
  CHECK(expect_error(sim::create_bucket(h.world, other, "shared", ""), "BucketAlreadyExists")
            .http_status() == 409);
}

TEST_CASE("Another account gets AccessDenied on every bucket and object call", "[s3]") {
  test::Harness h;
  expect_ok(sim::create_bucket(h.world, h.caller, "mine", ""));
  put(h, "mine", "k");
  sim::Caller other = h.as("210987654321");
  CHECK(expect_error(sim::find_bucket(h.world, other.account, "mine"), "AccessDenied")
            .http_status() == 403);
  expect_error(sim::get_object(h.world, other.account, "mine", "k"), "AccessDenied");
  expect_error(sim::put_object(h.world, other,
                               {.bucket = "mine",
                                .key = "k2",
                                .body = "",
                                .etag = "",
                                .content_type = "",
                                .metadata = {}}),
               "AccessDenied");
  REQUIRE_FALSE(sim::delete_object(h.world, other, "mine", "k").ok());
  REQUIRE_FALSE(sim::delete_bucket(h.world, other, "mine").ok());
  expect_error(sim::list_objects(h.world, other.account, listing("mine")), "AccessDenied");
  CHECK(sim::list_buckets(h.world, other.account).empty());
  CHECK(sim::list_buckets(h.world, h.caller.account).size() == 1);
  expect_error(sim::find_bucket(h.world, h.caller.account, "nobody"), "NoSuchBucket");
}

TEST_CASE("DeleteBucket refuses a bucket with objects, DeleteObject succeeds for missing keys",
          "[s3]") {
  test::Harness h;
  expect_ok(sim::create_bucket(h.world, h.caller, "full", ""));
  put(h, "full", "a");
  auto status = sim::delete_bucket(h.world, h.caller, "full");
  REQUIRE_FALSE(status.ok());
  CHECK(std::string(status.error().name()) == "BucketNotEmpty");
  test::expect_ok(sim::delete_object(h.world, h.caller, "full", "a"));
  test::expect_ok(sim::delete_object(h.world, h.caller, "full", "a"));
  test::expect_ok(sim::delete_bucket(h.world, h.caller, "full"));
  CHECK(h.world.buckets().count("full") == 0);
  REQUIRE_FALSE(sim::delete_bucket(h.world, h.caller, "full").ok());
}

TEST_CASE("PutObject stores the body and metadata, replaces a key and checks key length", "[s3]") {
  test::Harness h;
  expect_ok(sim::create_bucket(h.world, h.caller, "objs", ""));
  h.advance(1000);
  sim::S3Object first = put(h, "objs", "k", "hello");
  CHECK(first.size == 5);
  CHECK(first.content_type == "binary/octet-stream");
  CHECK(first.last_modified == h.world.now());
  h.advance(1000);
  put(h, "objs", "k", "hi");
  const sim::S3Object* got = expect_ok(sim::get_object(h.world, h.caller.account, "objs", "k"));
  CHECK(got->body == "hi");
  CHECK(got->last_modified == h.world.now());
  expect_error(sim::get_object(h.world, h.caller.account, "objs", "nope"), "NoSuchKey");
  expect_error(sim::put_object(h.world, h.caller,
                               {.bucket = "objs",
                                .key = std::string(1025, 'k'),
                                .body = "",
                                .etag = "",
                                .content_type = "",
                                .metadata = {}}),
               "InvalidArgument");
  expect_error(sim::put_object(h.world, h.caller,
                               {.bucket = "objs",
                                .key = "",
                                .body = "",
                                .etag = "",
                                .content_type = "",
                                .metadata = {}}),
               "InvalidArgument");
}

TEST_CASE("ListObjectsV2 lists keys in byte order with prefix, delimiter and start-after", "[s3]") {
  test::Harness h;
  expect_ok(sim::create_bucket(h.world, h.caller, "lst", ""));
  for (const char* k : {"b", "a/2", "a/1", "a/x/deep", "c/1", "Z", "a-", "c/2"}) put(h, "lst", k);
  auto all = expect_ok(sim::list_objects(h.world, h.caller.account, listing("lst")));
  CHECK(keys_of(all) ==
        std::vector<std::string>{"Z", "a-", "a/1", "a/2", "a/x/deep", "b", "c/1", "c/2"});
  CHECK_FALSE(all.is_truncated);

  auto top = expect_ok(sim::list_objects(h.world, h.caller.account, listing("lst", "", "/")));
  CHECK(keys_of(top) == std::vector<std::string>{"Z", "a-", "b"});
  CHECK(top.common_prefixes == std::vector<std::string>{"a/", "c/"});

  auto in_a = expect_ok(sim::list_objects(h.world, h.caller.account, listing("lst", "a/", "/")));
  CHECK(keys_of(in_a) == std::vector<std::string>{"a/1", "a/2"});
  CHECK(in_a.common_prefixes == std::vector<std::string>{"a/x/"});

  auto past_group =
      expect_ok(sim::list_objects(h.world, h.caller.account, listing("lst", "", "/", 1000, "a/")));
  CHECK(keys_of(past_group) == std::vector<std::string>{"b"});
  CHECK(past_group.common_prefixes == std::vector<std::string>{"c/"});

  auto after =
      expect_ok(sim::list_objects(h.world, h.caller.account, listing("lst", "", "", 1000, "a/2")));
  CHECK(keys_of(after) == std::vector<std::string>{"a/x/deep", "b", "c/1", "c/2"});
}

TEST_CASE("ListObjectsV2 pages with max-keys and continuation tokens, prefixes count once",
          "[s3]") {
  test::Harness h;
  expect_ok(sim::create_bucket(h.world, h.caller, "pages", ""));
  for (const char* k : {"a", "d/1", "d/2", "d/3", "e", "f"}) put(h, "pages", k);
  std::vector<std::string> seen;
  sim::ListObjectsRequest r = listing("pages", "", "/", 2);
  int pages = 0;
  while (true) {
    auto page = expect_ok(sim::list_objects(h.world, h.caller.account, r));
    CHECK(page.objects.size() + page.common_prefixes.size() <= 2);
    for (const auto* o : page.objects) seen.push_back(o->key);
    for (const auto& p : page.common_prefixes) seen.push_back(p);
    ++pages;
    if (!page.is_truncated) break;
    REQUIRE_FALSE(page.next_continuation_token.empty());
    r.continuation_token = page.next_continuation_token;
    REQUIRE(pages < 10);
  }
  CHECK(pages == 2);
  CHECK(seen == std::vector<std::string>{"a", "d/", "e", "f"});

  auto none = expect_ok(sim::list_objects(h.world, h.caller.account, listing("pages", "", "", 0)));
  CHECK(none.objects.empty());
  expect_error(sim::list_objects(h.world, h.caller.account, listing("pages", "", "", -1)),
               "InvalidArgument");
  expect_error(
      sim::list_objects(h.world, h.caller.account, listing("pages", "", "", 1000, "", "garbage")),
      "InvalidArgument");
  auto exact = expect_ok(sim::list_objects(h.world, h.caller.account, listing("pages", "", "", 6)));
  CHECK(exact.objects.size() == 6);
  CHECK_FALSE(exact.is_truncated);
}

TEST_CASE("The world digest covers buckets and objects", "[s3]") {
  test::Harness a;
  test::Harness b;
  CHECK(a.world.digest() == b.world.digest());
  expect_ok(sim::create_bucket(a.world, a.caller, "dig", ""));
  CHECK(a.world.digest() != b.world.digest());
  expect_ok(sim::create_bucket(b.world, b.caller, "dig", ""));
  CHECK(a.world.digest() == b.world.digest());
  put(a, "dig", "k", "one");
  put(b, "dig", "k", "two");
  CHECK(a.world.digest() != b.world.digest());
  put(b, "dig", "k", "one");
  CHECK(a.world.digest() == b.world.digest());
}
