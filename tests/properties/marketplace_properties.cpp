// AWS Marketplace rules under random sequences (sim/images/marketplace.hpp): two accounts run
// instances from product AMIs and plain ones, make images from their instances, share and copy
// images (across Regions and accounts), try to make them public, subscribe and unsubscribe. Always:
//   (a) a newly launched instance's image carries no marketplace code the launching account is
//       not subscribed to at that moment;
//   (b) no image with a product code is public, except the product AMIs themselves;
//   (c) a successful CopyImage never crosses accounts for an image with a marketplace code.
// Storing AMIs in S3 and restoring them (sim/s3/image_tasks.hpp) is in the mix, so a round trip
// through a bucket cannot strip a code either; and for every restore:
//   (d) the restored AMI's ID is new (never the stored AMI's, never an existing image's);
//   (e) restoring never changes the original AMI (when it still exists).
#include <fmt/format.h>
#include <rapidcheck/catch.h>

#include <catch2/catch.hpp>

#include "harness.hpp"
#include "sim/copies/copies.hpp"
#include "sim/images/images.hpp"
#include "sim/images/marketplace.hpp"
#include "sim/instances/instances.hpp"
#include "sim/s3/image_tasks.hpp"
#include "steps.hpp"
#include "unity_id.hpp"

namespace AMISIM_UNITY_ID {

using namespace sim;

namespace {

enum class Op : int {
  kRun,
  kCreateImage,
  kCopy,
  kShare,
  kPublic,
  kSubscribe,
  kUnsubscribe,
  kSettle,
  kStore,
  kRestore
};
constexpr int kOps = 10;

std::string_view op_name(Op op) {
  static constexpr std::string_view kNames[] = {"run",    "create-image", "copy",        "share",
                                                "public", "subscribe",    "unsubscribe", "settle",
                                                "store",  "restore"};
  static_assert(std::size(kNames) == kOps);
  return kNames[static_cast<std::size_t>(op)];
}

// account: who acts; region: a copy's destination; pick: which image, instance, product or
// stored object; variant: which instance type to run, whom to share with.
using Step = test::props::Step<Op>;

rc::Gen<std::vector<Step>> steps() {
  return test::props::steps<Op>({.op = test::props::any_of<Op>(kOps),
                                 .accounts = 2,
                                 .regions = 3,
                                 .picks = 32,
                                 .variant = rc::gen::inRange(0, 4)});
}

const std::vector<std::string> kRegions = {"us-east-1", "us-west-2", "eu-central-1"};

class Driver {
 public:
  Driver() {
    for (const auto& p : h_.world.fixtures().marketplace) {
      for (const auto& [region, id] : p.images) images_.emplace_back(region, id);
    }
    for (const auto& r : kRegions)
      images_.emplace_back(RegionName(r), h_.catalogue_image("al2023-x86_64", r));
    for (const auto& a : test::props::kAccounts) {
      h_.world.ensure_account(AccountId(a));
      for (const auto& r : kRegions) {  // one bucket per account and Region
        Bucket b;
        b.name = bucket_name(AccountId(a), RegionName(r));
        b.owner = AccountId(a);
        b.region = RegionName(r);
        h_.world.buckets()[b.name] = b;
      }
    }
    // Each account starts with an instance and an image of its own, so that stores and restores
    // happen in short sequences too.
    for (std::size_t a = 0; a < test::props::kAccounts.size(); ++a) {
      Step seed;
      seed.account = static_cast<int>(a);
      seed.pick = static_cast<int>(images_.size()) - 1;  // the last catalogue image (AL2023)
      run(seed);
      seed.pick = static_cast<int>(instances_.size()) - 1;
      create(seed);
    }
    h_.settle();
  }

  std::string apply(const Step& s) {
    std::string out;
    switch (s.op) {
      case Op::kRun:
        out = run(s);
        break;
      case Op::kCreateImage:
        out = create(s);
        break;
      case Op::kCopy:
        out = copy(s);
        break;
      case Op::kShare:
        out = share(s);
        break;
      case Op::kPublic:
        out = make_public(s);
        break;
      case Op::kSubscribe:
      case Op::kUnsubscribe:
        out = subscription(s);
        break;
      case Op::kSettle:
        h_.settle();
        out = "settle";
        break;
      case Op::kStore:
        out = store(s);
        break;
      case Op::kRestore:
        out = restore(s);
        break;
    }
    return out;
  }
  void check() const { check_no_public_coded_image(); }
  int launches() const { return launches_; }
  int restores() const { return restores_; }

 private:
  Caller caller(const Step& s) const { return test::props::caller(s.account, s.region, kRegions); }
  const std::pair<RegionName, ImageId>& pick(const Step& s) const {
    return test::props::cycle(images_, s.pick);  // never empty: the catalogue images are in it
  }
  const Image* image_of(const std::pair<RegionName, ImageId>& ref) const {
    const RegionState* r = h_.world.region(ref.first);
    auto it = r->images.find(ref.second);
    return it == r->images.end() ? nullptr : &it->second;
  }

  std::string run(const Step& s) {
    const auto& ref = pick(s);
    const Caller c{test::props::account(s.account), ref.first};
    const Image* image = image_of(ref);
    if (!image) return "run: gone";
    // An instance type the product lists, or one it may not (all x86_64 / arm64 types qualify).
    const std::vector<std::string> types = {"t3.micro", "m5.large", "t4g.medium", "c5.large"};
    RunInstancesRequest r;
    r.image_id = ref.second.str();
    r.instance_type = test::props::cycle(types, s.variant);
    auto result = run_instances(h_.world, c, r);
    if (!result) return fmt::format("run {}: {}", r.image_id, result.error().name());
    for (const Instance* i : result->instances) {
      const Image& launched = h_.world.region(c.region)->images.at(i->image_id);
      for (const ProductCode& code : launched.traits.product_codes)
        RC_ASSERT(code.type != "marketplace" || is_subscribed(h_.world, c.account, code.code));
      instances_.emplace_back(c, i->id);
    }
    ++launches_;
    return fmt::format("run {} as {}", r.image_id, c.account.str());
  }

  std::string create(const Step& s) {
    const auto* picked = test::props::nth(instances_, s.pick);
    if (!picked) return "create: none";
    const auto& [c, id] = *picked;
    h_.settle();
    CreateImageRequest r;
    r.instance_id = id;
    r.name = fmt::format("img-{}", names_++);
    r.no_reboot = true;
    auto made = create_image(h_.world, c, r);
    if (!made) return fmt::format("create: {}", made.error().name());
    images_.emplace_back(c.region, *made);
    return "create " + made->str();
  }

  std::string copy(const Step& s) {
    h_.settle();
    const auto& ref = pick(s);
    const Image* source = image_of(ref);
    if (!source) return "copy: gone";
    const Caller c = caller(s);
    CopyImageRequest r;
    r.source_region = ref.first;
    r.source_image_id = ref.second;
    r.name = fmt::format("copy-{}", names_++);
    const bool coded = has_marketplace_code(*source);
    const AccountId owner = source->owner;
    auto made = copy_image(h_.world, c, r);
    if (!made) return fmt::format("copy: {}", made.error().name());
    RC_ASSERT(!coded || owner == c.account);  // (c)
    images_.emplace_back(c.region, *made);
    return "copy " + made->str();
  }

  std::string share(const Step& s) {
    const auto& ref = pick(s);
    const Image* image = image_of(ref);
    if (!image) return "share: gone";
    ModifyImageAttributeRequest m;
    m.image_id = ref.second;
    m.attribute = "launchPermission";
    m.launch_permission.add_users = {test::props::account(s.variant)};
    auto done = modify_image_attribute(h_.world, Caller{image->owner, ref.first}, m);
    return done ? "share" : fmt::format("share: {}", done.error().name());
  }

  std::string make_public(const Step& s) {
    const auto& ref = pick(s);
    const Image* image = image_of(ref);
    if (!image) return "public: gone";
    ModifyImageAttributeRequest m;
    m.image_id = ref.second;
    m.attribute = "launchPermission";
    m.launch_permission.add_public = true;
    auto done = modify_image_attribute(h_.world, Caller{image->owner, ref.first}, m);
    return done ? "public" : fmt::format("public: {}", done.error().name());
  }

  std::string subscription(const Step& s) {
    const auto& products = h_.world.fixtures().marketplace;
    const auto& p = test::props::cycle(products, s.pick);
    const AccountId a = test::props::account(s.account);
    auto done =
        s.op == Op::kSubscribe ? subscribe(h_.world, a, p.code) : unsubscribe(h_.world, a, p.code);
    RC_ASSERT(done.ok());
    return fmt::format("{} {} {}", s.op == Op::kSubscribe ? "subscribe" : "unsubscribe", a.str(),
                       p.code);
  }

  static std::string bucket_name(const AccountId& a, const RegionName& r) {
    return "b-" + a.str() + "-" + r.str();
  }

  std::string store(const Step& s) {
    h_.settle();
    // One of the account's own images (a public one is refused, which other tests cover).
    const AccountId account = test::props::account(s.account);
    std::vector<std::pair<RegionName, ImageId>> own;
    for (const auto& ref : images_) {
      const Image* image = image_of(ref);
      if (image && image->owner == account) own.push_back(ref);
    }
    const auto* picked = test::props::nth(own, s.pick);
    if (!picked) return "store: no own image";
    const auto& ref = *picked;
    const Caller c{account, ref.first};
    StoreImageRequest r;
    r.image_id = ref.second;
    r.bucket = bucket_name(c.account, c.region);
    auto done = store_image(h_.world, c, r);
    return done ? "store " + ref.second.str() : fmt::format("store: {}", done.error().name());
  }

  // What restoring must leave alone: the original's identity, state, data and sharing.
  static std::string signature(const Image& i) {
    std::string out = fmt::format("{} {} {} {} {}", i.id.str(), i.name, static_cast<int>(i.state),
                                  i.is_public, i.description);
    for (const auto& m : i.mappings)
      if (m.ebs && m.ebs->snapshot_id) out += " " + m.ebs->snapshot_id->str();
    for (const auto& a : i.launch_permissions) out += " p:" + a.str();
    for (const auto& [k, v] : i.tags) out += " t:" + k + "=" + v;
    for (const auto& p : i.traits.product_codes) out += " c:" + p.code;
    return out;
  }

  std::string restore(const Step& s) {
    // Any stored AMI in one of the account's buckets (each bucket is in its own Region).
    h_.settle();
    const AccountId account = test::props::account(s.account);
    std::vector<std::pair<const Bucket*, const S3Object*>> stored;
    for (const auto& [name, b] : h_.world.buckets()) {
      if (b.owner != account) continue;
      for (const auto& [key, o] : b.objects)
        if (o.stored_image) stored.emplace_back(&b, &o);
    }
    const auto* picked = test::props::nth(stored, s.pick);
    if (!picked) return "restore: nothing stored";
    const auto& [bucket, object] = *picked;
    const Bucket& b = *bucket;
    const S3Object& o = *object;
    const Caller c{account, b.region};
    const StoredImage& content = *o.stored_image;
    const Image* original = nullptr;
    for (const auto& [name, region] : h_.world.regions()) {
      auto it = region.images.find(content.image.id);
      if (it != region.images.end()) original = &it->second;
    }
    const std::string before = original ? signature(*original) : "";
    RestoreImageRequest r;
    r.bucket = b.name;
    r.object_key = o.key;
    r.name = fmt::format("restored-{}", names_++);
    auto made = restore_image(h_.world, c, r);
    if (!made) return fmt::format("restore: {}", made.error().name());
    RC_ASSERT(*made != content.image.id);  // (d)
    int holders = 0;
    for (const auto& [name, region] : h_.world.regions()) holders += region.images.count(*made);
    RC_ASSERT(holders == 1);
    if (original) RC_ASSERT(signature(*original) == before);  // (e)
    // The restored AMI keeps the stored AMI's product codes.
    const Image& restored = h_.world.region(c.region)->images.at(*made);
    RC_ASSERT(restored.traits.product_codes->size() == content.image.traits.product_codes->size());
    images_.emplace_back(c.region, *made);
    ++restores_;
    return "restore " + made->str() + " from " + o.key;
  }

  void check_no_public_coded_image() const {  // (b)
    for (const auto& [name, region] : h_.world.regions()) {
      for (const auto& [id, image] : region.images) {
        if (image.traits.product_codes->empty() || !image.is_public) continue;
        RC_ASSERT(image.owner_alias == "aws-marketplace");
        RC_ASSERT(h_.world.fixtures().find_product(image.traits.product_codes->at(0).code) !=
                  nullptr);
      }
    }
  }

  test::Harness h_{11};
  std::vector<std::pair<RegionName, ImageId>> images_;
  std::vector<std::pair<Caller, InstanceId>> instances_;
  int names_ = 0;
  int launches_ = 0;
  int restores_ = 0;
};

}  // namespace

TEST_CASE(
    "Marketplace: no launch without a subscription, no public coded image, no "
    "cross-account copy of a coded image, and a restore is a new AMI and leaves the original "
    "alone") {
  rc::prop(
      "after any sequence of runs, images, copies, shares, subscriptions, stores and "
      "restores",
      [] {
        Driver d;
        test::props::run(d, *steps());
        RC_CLASSIFY(d.launches() > 0, "with launches");
        RC_CLASSIFY(d.restores() > 0, "with restores");
      });
}

}  // namespace AMISIM_UNITY_ID
