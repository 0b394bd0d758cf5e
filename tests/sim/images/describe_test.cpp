// DescribeImages: scope, Owners, ExecutableUsers, ImageIds, filters, hidden states, pagination.
#include <algorithm>
#include <memory>
#include <set>

#include "sim/instances/instances.hpp"
#include "sim/tagging.hpp"
#include "tests/sim/images/image_fixture.hpp"
#include "tests/sim/instances/instance_test_helpers.hpp"

using namespace sim;
using test::expect_error;
using test::expect_ok;

namespace {

using test::kOther;
using test::kThird;

std::set<std::string> ids_of(const DescribeImagesResult& r) {
  std::set<std::string> out;
  for (const Image* i : r.images) out.insert(i->id.str());
  return out;
}

std::set<std::string> describe(test::Harness& h, const Caller& c, DescribeImagesRequest r = {}) {
  return ids_of(expect_ok(describe_images(h.world, c, r)));
}

DescribeImagesRequest with_filter(const std::string& name, std::vector<std::string> values) {
  DescribeImagesRequest r;
  r.filters.push_back(Filter{name, std::move(values)});
  return r;
}

// Four images: mine, another account's private one, one shared with me, one public.
struct Scene {
  test::Harness h;
  Caller other = h.as(kOther);
  ImageId mine = test::registered_image(h, h.caller, "mine");
  ImageId hidden = test::registered_image(h, other, "hidden");
  ImageId shared = test::registered_image(h, other, "shared");
  ImageId published = test::registered_image(h, other, "published");
  Scene() {
    expect_ok(test::share(h, other, shared, h.caller.account.str()));
    expect_ok(test::make_public(h, other, published));
  }
};

}  // namespace

TEST_CASE("DescribeImages by default lists what the caller can launch: public, own and shared") {
  Scene s;
  const auto ids = describe(s.h, s.h.caller);
  CHECK(ids.count(s.mine.str()));
  CHECK(ids.count(s.shared.str()));
  CHECK(ids.count(s.published.str()));
  CHECK(ids.count(s.h.catalogue_image("al2023-x86_64").str()));
  CHECK_FALSE(ids.count(s.hidden.str()));
  // The catalogue of other Regions is not listed.
  CHECK_FALSE(ids.count(s.h.catalogue_image("al2023-x86_64", "eu-west-1").str()));
}

TEST_CASE("DescribeImages Owners narrows to self, an alias or an account") {
  Scene s;
  DescribeImagesRequest self;
  self.owners = {"self"};
  CHECK(describe(s.h, s.h.caller, self) == std::set<std::string>{s.mine.str()});

  DescribeImagesRequest other;
  other.owners = {kOther};
  CHECK(describe(s.h, s.h.caller, other) ==
        std::set<std::string>{s.shared.str(), s.published.str()});

  DescribeImagesRequest both;
  both.owners = {"self", kOther};
  CHECK(describe(s.h, s.h.caller, both).size() == 3);
}

TEST_CASE("DescribeImages Owners amazon returns the public Amazon images of the caller's Region") {
  test::Harness h;
  DescribeImagesRequest r;
  r.owners = {"amazon"};
  const auto result = expect_ok(describe_images(h.world, h.caller, r));
  std::size_t expected = 0;
  for (const auto& c : h.world.fixtures().images)
    expected += c.region == h.caller.region && c.owner_alias == "amazon";
  REQUIRE(expected > 0);
  CHECK(result.images.size() == expected);
  for (const Image* i : result.images) {
    CHECK(i->region == h.caller.region);
    CHECK(i->owner_alias == "amazon");
    CHECK(i->is_public);
  }
}

TEST_CASE("DescribeImages refuses an Owners or ExecutableUsers value that is no user") {
  test::Harness h;
  DescribeImagesRequest r;
  r.owners = {"amazonian"};
  const Error e = expect_error(describe_images(h.world, h.caller, r), "InvalidUserID.Malformed");
  CHECK(e.message == "Invalid user id: \"amazonian\"");
  DescribeImagesRequest x;
  x.executable_users = {"12345"};
  expect_error(describe_images(h.world, h.caller, x), "InvalidUserID.Malformed");
}

TEST_CASE(
    "DescribeImages ExecutableUsers: all is public, self is shared with me, an account is "
    "shared with it") {
  Scene s;
  DescribeImagesRequest all;
  all.executable_users = {"all"};
  const auto pub = describe(s.h, s.h.caller, all);
  CHECK(pub.count(s.published.str()));
  CHECK_FALSE(pub.count(s.mine.str()));
  CHECK_FALSE(pub.count(s.shared.str()));

  DescribeImagesRequest self;
  self.executable_users = {"self"};
  CHECK(describe(s.h, s.h.caller, self) == std::set<std::string>{s.shared.str()});

  expect_ok(test::share(s.h, s.h.caller, s.mine, kThird));
  DescribeImagesRequest third;
  third.executable_users = {kThird};
  CHECK(describe(s.h, s.h.caller, third) == std::set<std::string>{s.mine.str()});
}

TEST_CASE(
    "DescribeImages by ID returns the named images, and fails on an unknown or invisible one") {
  Scene s;
  DescribeImagesRequest r;
  r.image_ids = {s.shared, s.mine};
  const auto result = expect_ok(describe_images(s.h.world, s.h.caller, r));
  REQUIRE(result.images.size() == 2);
  CHECK(result.images[0]->id < result.images[1]->id);  // ordered by ID

  r.image_ids = {s.hidden};
  const Error e = expect_error(describe_images(s.h.world, s.h.caller, r), "InvalidAMIID.NotFound");
  CHECK(e.message == "The image id '[" + s.hidden.str() + "]' does not exist");
  r.image_ids = {ImageId("ami-0123456789abcdef0")};
  expect_error(describe_images(s.h.world, s.h.caller, r), "InvalidAMIID.NotFound");
  r.image_ids = {ImageId("ami-zz")};
  expect_error(describe_images(s.h.world, s.h.caller, r), "InvalidAMIID.Malformed");
}

TEST_CASE("DescribeImages refuses MaxResults together with ImageIds") {
  Scene s;
  DescribeImagesRequest r;
  r.image_ids = {s.mine};
  r.page.max_results = 10;
  const Error e =
      expect_error(describe_images(s.h.world, s.h.caller, r), "InvalidParameterCombination");
  CHECK(e.message == "The parameter imageIdsSet cannot be used with the parameter maxResults");
}

TEST_CASE("DescribeImages refuses an unknown filter name") {
  test::Harness h;
  const Error e = expect_error(describe_images(h.world, h.caller, with_filter("colour", {"red"})),
                               "InvalidFilter");
  CHECK(e.message == "The filter 'colour' is invalid");
  expect_error(describe_images(h.world, h.caller, with_filter("Name", {"x"})), "InvalidFilter");
}

TEST_CASE(
    "DescribeImages name filter: '*' any run, '?' zero or one character, a backslash escapes") {
  test::Harness h;
  std::map<std::string, ImageId> by_name;
  for (const char* n : {"web-ab", "web-ab1", "web-ab12", "web-axb"})
    by_name[n] = test::registered_image(h, h.caller, n);
  auto names = [&](const std::string& pattern) {
    std::set<std::string> out;
    DescribeImagesRequest r = with_filter("name", {pattern});
    r.owners = {"self"};
    for (const Image* i : expect_ok(describe_images(h.world, h.caller, r)).images)
      out.insert(i->name);
    return out;
  };
  CHECK(names("web-ab?") == std::set<std::string>{"web-ab", "web-ab1"});
  CHECK(names("web-ab*") == std::set<std::string>{"web-ab", "web-ab1", "web-ab12"});
  CHECK(names("web-a\\?b").empty());  // an escaped '?' is a literal question mark
  CHECK(names("web\\-ab") == std::set<std::string>{"web-ab"});
  CHECK(names("web-a?b") == std::set<std::string>{"web-ab", "web-axb"});
  CHECK(names("*ab1*") == std::set<std::string>{"web-ab1", "web-ab12"});  // no literal prefix
  CHECK(names("web-ab") == std::set<std::string>{"web-ab"});
  CHECK(names("WEB-AB").empty());  // case-sensitive
}

TEST_CASE("A backslash escapes '*' in a filter value") {
  test::Harness h;
  RegisterImageRequest star = test::register_request("starred", test::own_snapshot(h, h.caller));
  star.description = "50% * off";
  const ImageId starred = expect_ok(register_image(h.world, h.caller, star));
  RegisterImageRequest plain = test::register_request("plain", test::own_snapshot(h, h.caller));
  plain.description = "50% ** off";
  expect_ok(register_image(h.world, h.caller, plain));
  DescribeImagesRequest r = with_filter("description", {"50% \\* off"});
  r.owners = {"self"};
  CHECK(describe(h, h.caller, r) == std::set<std::string>{starred.str()});
  r.filters[0].values = {"50% * off"};
  CHECK(describe(h, h.caller, r).size() == 2);
}

TEST_CASE("A prefix name filter finds what a full scan finds") {
  test::Harness h;
  const DescribeImagesRequest indexed = with_filter("name", {"al2023-ami-*", "ubuntu/*"});
  DescribeImagesRequest scanned = indexed;
  // A second filter that every image passes, on a name the index does not use, keeps the
  // result the same; a leading wildcard forces the full scan.
  scanned.filters[0].values = {"*al2023-ami-*", "*ubuntu/*"};
  const auto a = describe(h, h.caller, indexed);
  const auto b = describe(h, h.caller, scanned);
  CHECK(a.size() >= 2);
  CHECK(a == b);
}

// The name index points at the Region's images (sim/state/image_name_index.hpp): a copied world
// must answer from its own images, not the original's, and go on after the original is gone.
TEST_CASE("A copied world's name filter answers from its own images") {
  auto original = std::make_unique<test::Harness>();
  const ImageId mine = test::registered_image(*original, original->caller, "named-for-the-copy");
  const DescribeImagesRequest by_name = with_filter("name", {"named-for-*"});
  World copy = original->world;
  expect_ok(deregister_image(original->world, original->caller, mine));
  CHECK(describe(*original, original->caller, by_name).empty());
  const Caller caller = original->caller;
  CHECK(ids_of(expect_ok(describe_images(copy, caller, by_name))) ==
        std::set<std::string>{mine.str()});
  original.reset();
  CHECK(ids_of(expect_ok(describe_images(copy, caller, by_name))) ==
        std::set<std::string>{mine.str()});
  // The copy's index follows the copy's own changes.
  const SnapshotId snapshot =
      *copy.region(caller.region)->images.at(mine).mappings.at(0).ebs->snapshot_id;
  expect_ok(deregister_image(copy, caller, mine));
  CHECK(ids_of(expect_ok(describe_images(copy, caller, by_name))).empty());
  const ImageId again = expect_ok(
      register_image(copy, caller, test::register_request("named-for-the-copy", snapshot)));
  CHECK(ids_of(expect_ok(describe_images(copy, caller, by_name))) ==
        std::set<std::string>{again.str()});
}

TEST_CASE("DescribeImages filters read the documented attributes") {
  test::Harness h;
  const ImageId mine = test::registered_image(h, h.caller, "filtered");
  std::vector<Tag> tags = {{"team", "blue"}};
  expect_ok(create_tags(h.world, h.caller, {mine.str()}, tags));
  const Image& image = test::image_of(h, h.caller, mine);
  const std::string snap = image.mappings.at(0).ebs->snapshot_id->str();
  const std::set<std::string> just_mine{mine.str()};
  auto self = [&](DescribeImagesRequest r) {
    r.owners = {"self"};
    return describe(h, h.caller, r);
  };
  CHECK(self(with_filter("tag:team", {"blue"})) == just_mine);
  CHECK(self(with_filter("tag:team", {"red"})).empty());
  CHECK(self(with_filter("tag-key", {"te*"})) == just_mine);
  CHECK(self(with_filter("block-device-mapping.snapshot-id", {snap})) == just_mine);
  CHECK(self(with_filter("block-device-mapping.volume-size", {"8"})) == just_mine);
  CHECK(self(with_filter("architecture", {"x86_64"})) == just_mine);
  CHECK(self(with_filter("architecture", {"arm64"})).empty());
  CHECK(self(with_filter("is-public", {"false"})) == just_mine);
  CHECK(self(with_filter("state", {"available"})) == just_mine);
  CHECK(self(with_filter("image-type", {"machine"})) == just_mine);
  CHECK(self(with_filter("root-device-type", {"ebs"})) == just_mine);
  CHECK(self(with_filter("owner-id", {h.caller.account.str()})) == just_mine);
  CHECK(self(with_filter("creation-date", {"2026-01-01T*"})) == just_mine);
  CHECK(self(with_filter("platform", {"*"})).empty());  // no platform: matches nothing
  CHECK(self(with_filter("image-id", {mine.str()})) == just_mine);

  DescribeImagesRequest win = with_filter("platform", {"windows"});
  win.owners = {"amazon"};
  const auto windows = describe(h, h.caller, win);
  CHECK(windows == std::set<std::string>{h.catalogue_image("windows-2022-x86_64").str()});
  DescribeImagesRequest amazon = with_filter("owner-alias", {"amazon"});
  CHECK_FALSE(describe(h, h.caller, amazon).count(mine.str()));
}

TEST_CASE("Filters AND together, values within a filter OR") {
  test::Harness h;
  DescribeImagesRequest r = with_filter("architecture", {"arm64", "x86_64"});
  r.owners = {"amazon"};
  const auto both = describe(h, h.caller, r);
  r.filters.push_back(Filter{"architecture", {"arm64"}});
  const auto arm = describe(h, h.caller, r);
  CHECK(arm.size() < both.size());
  CHECK(arm == std::set<std::string>{h.catalogue_image("al2023-arm64").str()});
}

TEST_CASE("Deprecated images are hidden from other accounts unless asked for or named") {
  Scene s;
  expect_ok(enable_image_deprecation(s.h.world, s.other, s.published, s.h.world.now() + kHourMs));
  s.h.advance(2 * kHourMs);
  CHECK_FALSE(describe(s.h, s.h.caller).count(s.published.str()));
  DescribeImagesRequest inc;
  inc.include_deprecated = true;
  CHECK(describe(s.h, s.h.caller, inc).count(s.published.str()));
  DescribeImagesRequest named;
  named.image_ids = {s.published};
  CHECK(describe(s.h, s.h.caller, named).count(s.published.str()));
  // The owner always sees its deprecated images.
  DescribeImagesRequest own;
  own.owners = {"self"};
  CHECK(describe(s.h, s.other, own).count(s.published.str()));
}

TEST_CASE("Disabled images are listed only with IncludeDisabled") {
  Scene s;
  expect_ok(disable_image(s.h.world, s.h.caller, s.mine));
  CHECK_FALSE(describe(s.h, s.h.caller).count(s.mine.str()));
  DescribeImagesRequest inc;
  inc.include_disabled = true;
  const auto result = expect_ok(describe_images(s.h.world, s.h.caller, inc));
  auto it = std::find_if(result.images.begin(), result.images.end(),
                         [&](const Image* i) { return i->id == s.mine; });
  REQUIRE(it != result.images.end());
  CHECK((*it)->state == ImageState::kDisabled);
}

TEST_CASE("A deregistered image leaves the listing, answers by ID briefly, then is unknown") {
  Scene s;
  expect_ok(deregister_image(s.h.world, s.h.caller, s.mine));
  CHECK_FALSE(describe(s.h, s.h.caller).count(s.mine.str()));
  DescribeImagesRequest named;
  named.image_ids = {s.mine};
  const auto result = expect_ok(describe_images(s.h.world, s.h.caller, named));
  REQUIRE(result.images.size() == 1);
  CHECK(result.images[0]->state == ImageState::kDeregistered);
  s.h.advance(kDeregisteredImageVisibleMs);
  expect_error(describe_images(s.h.world, s.h.caller, named), "InvalidAMIID.NotFound");
}

TEST_CASE("DescribeImages pages cover every image exactly once, in ID order") {
  Scene s;
  const auto everything = expect_ok(describe_images(s.h.world, s.h.caller, {}));
  for (long size : {5L, 7L, 1000L, 5000L}) {
    DescribeImagesRequest r;
    r.page.max_results = size;
    std::vector<std::string> seen;
    for (int guard = 0; guard < 1000; ++guard) {
      const auto page = expect_ok(describe_images(s.h.world, s.h.caller, r));
      CHECK(page.images.size() <= static_cast<std::size_t>(std::min(size, 1000L)));
      for (const Image* i : page.images) seen.push_back(i->id.str());
      if (page.next_token.empty()) break;
      r.page.next_token = page.next_token;
    }
    CHECK(std::is_sorted(seen.begin(), seen.end()));
    CHECK(std::adjacent_find(seen.begin(), seen.end()) == seen.end());
    CHECK(seen.size() == everything.images.size());
  }
}

TEST_CASE("DescribeImages checks MaxResults and NextToken") {
  test::Harness h;
  DescribeImagesRequest r;
  r.page.max_results = 4;
  const Error e = expect_error(describe_images(h.world, h.caller, r), "InvalidParameterValue");
  CHECK(e.message ==
        "Value ( 4 ) for parameter maxResults is invalid. Expecting a value greater than 5.");
  DescribeImagesRequest t;
  t.page.next_token = "not-a-token";
  expect_error(describe_images(h.world, h.caller, t), "InvalidPaginationToken");
}

// Image.FreeTierEligible and the free-tier-eligible filter (EC2 API reference, DescribeImages).
TEST_CASE("The free-tier-eligible filter finds the catalogue images and baked images inherit it") {
  test::Harness h;
  const auto eligible = describe(h, h.caller, with_filter("free-tier-eligible", {"true"}));
  CHECK(eligible.count(h.catalogue_image("al2023-x86_64").str()) == 1);
  CHECK(eligible.count(h.catalogue_image("windows-2022-x86_64").str()) == 1);
  const ImageId registered = test::registered_image(h, h.caller, "from-a-snapshot");
  const auto not_eligible = describe(h, h.caller, with_filter("free-tier-eligible", {"false"}));
  CHECK(not_eligible.count(registered.str()) == 1);
  CHECK(eligible.count(registered.str()) == 0);
  CHECK(not_eligible.count(h.catalogue_image("al2023-x86_64").str()) == 0);
  const InstanceId builder = test::launch(h);
  h.settle();
  CreateImageRequest bake;
  bake.instance_id = builder;
  bake.name = "baked-from-al2023";
  const ImageId baked = expect_ok(create_image(h.world, h.caller, bake));
  CHECK(describe(h, h.caller, with_filter("free-tier-eligible", {"true"})).count(baked.str()) == 1);
}
