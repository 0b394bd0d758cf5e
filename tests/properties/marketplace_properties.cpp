// AWS Marketplace rules under random sequences (sim/marketplace.hpp): two accounts run instances
// from product AMIs and plain ones, make images from their instances, share and copy images
// (across Regions and accounts), try to make them public, subscribe and unsubscribe. Always:
//   (a) a newly launched instance's image carries no marketplace code the launching account is
//       not subscribed to at that moment;
//   (b) no image with a product code is public, except the product AMIs themselves;
//   (c) a successful CopyImage never crosses accounts for an image with a marketplace code.
#include <rapidcheck/catch.h>

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include "harness.hpp"
#include "sim/copies.hpp"
#include "sim/images.hpp"
#include "sim/instances.hpp"
#include "sim/marketplace.hpp"

using namespace sim;

namespace {

enum class Op : int { kRun, kCreateImage, kCopy, kShare, kPublic, kSubscribe, kUnsubscribe,
                      kSettle };
constexpr int kOps = 8;

struct Step {
  Op op = Op::kSettle;
  int account = 0;
  int region = 0;
  int pick = 0;
  int type = 0;
};

const std::vector<std::string> kAccounts = {"123456789012", "210987654321"};
const std::vector<std::string> kRegions = {"us-east-1", "us-west-2", "eu-central-1"};

class Driver {
 public:
  Driver() {
    for (const auto& p : h_.world.fixtures().marketplace) {
      for (const auto& [region, id] : p.images) images_.emplace_back(region, id);
    }
    for (const auto& r : kRegions)
      images_.emplace_back(RegionName(r), h_.catalogue_image("al2023-x86_64", r));
    for (const auto& a : kAccounts) h_.world.ensure_account(AccountId(a));
  }

  std::string apply(const Step& s) {
    std::string out;
    switch (s.op) {
      case Op::kRun: out = run(s); break;
      case Op::kCreateImage: out = create(s); break;
      case Op::kCopy: out = copy(s); break;
      case Op::kShare: out = share(s); break;
      case Op::kPublic: out = make_public(s); break;
      case Op::kSubscribe:
      case Op::kUnsubscribe: out = subscription(s); break;
      case Op::kSettle: h_.settle(); out = "settle"; break;
    }
    check_no_public_coded_image();
    return out;
  }
  int launches() const { return launches_; }

 private:
  Caller caller(const Step& s, int region) const {
    return Caller{AccountId(kAccounts[static_cast<std::size_t>(s.account) % kAccounts.size()]),
                  RegionName(kRegions[static_cast<std::size_t>(region) % kRegions.size()])};
  }
  const std::pair<RegionName, ImageId>& pick(const Step& s) const {
    return images_[static_cast<std::size_t>(s.pick) % images_.size()];
  }
  const Image* image_of(const std::pair<RegionName, ImageId>& ref) const {
    const RegionState* r = h_.world.region(ref.first);
    auto it = r->images.find(ref.second);
    return it == r->images.end() ? nullptr : &it->second;
  }

  std::string run(const Step& s) {
    const auto& ref = pick(s);
    const Caller c{caller(s, 0).account, ref.first};
    const Image* image = image_of(ref);
    if (!image) return "run: gone";
    // An instance type the product lists, or one it may not (all x86_64 / arm64 types qualify).
    const std::vector<std::string> types = {"t3.micro", "m5.large", "t4g.medium", "c5.large"};
    RunInstancesRequest r;
    r.image_id = ref.second.str();
    r.instance_type = types[static_cast<std::size_t>(s.type) % types.size()];
    auto result = run_instances(h_.world, c, r);
    if (!result) return fmt::format("run {}: {}", r.image_id, result.error().name());
    for (const Instance* i : result->instances) {
      const Image& launched = h_.world.region(c.region)->images.at(i->image_id);
      for (const ProductCode& code : launched.product_codes)
        RC_ASSERT(code.type != "marketplace" || is_subscribed(h_.world, c.account, code.code));
      instances_.emplace_back(c, i->id);
    }
    ++launches_;
    return fmt::format("run {} as {}", r.image_id, c.account.str());
  }

  std::string create(const Step& s) {
    if (instances_.empty()) return "create: none";
    const auto& [c, id] = instances_[static_cast<std::size_t>(s.pick) % instances_.size()];
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
    const Caller c = caller(s, s.region);
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
    m.launch_permission.add_users = {AccountId(kAccounts[static_cast<std::size_t>(s.type) % 2])};
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
    const auto& p = products[static_cast<std::size_t>(s.pick) % products.size()];
    const AccountId a = caller(s, 0).account;
    auto done = s.op == Op::kSubscribe ? subscribe(h_.world, a, p.code)
                                       : unsubscribe(h_.world, a, p.code);
    RC_ASSERT(done.ok());
    return fmt::format("{} {} {}", s.op == Op::kSubscribe ? "subscribe" : "unsubscribe",
                       a.str(), p.code);
  }

  void check_no_public_coded_image() const {  // (b)
    for (const auto& [name, region] : h_.world.regions()) {
      for (const auto& [id, image] : region.images) {
        if (image.product_codes.empty() || !image.is_public) continue;
        RC_ASSERT(image.owner_alias == "aws-marketplace");
        RC_ASSERT(h_.world.fixtures().find_product(image.product_codes.at(0).code) != nullptr);
      }
    }
  }

  test::Harness h_{11};
  std::vector<std::pair<RegionName, ImageId>> images_;
  std::vector<std::pair<Caller, InstanceId>> instances_;
  int names_ = 0;
  int launches_ = 0;
};

}  // namespace

namespace rc {
template <>
struct Arbitrary<Step> {
  static Gen<Step> arbitrary() {
    return gen::build<Step>(
        gen::set(&Step::op,
                 gen::map(gen::inRange(0, kOps), [](int k) { return static_cast<Op>(k); })),
        gen::set(&Step::account, gen::inRange(0, 2)), gen::set(&Step::region, gen::inRange(0, 3)),
        gen::set(&Step::pick, gen::inRange(0, 32)), gen::set(&Step::type, gen::inRange(0, 4)));
  }
};
}  // namespace rc

TEST_CASE("Marketplace: no launch without a subscription, no public coded image, no "
          "cross-account copy of a coded image") {
  rc::prop("after any sequence of runs, images, copies, shares and subscriptions",
           [](const std::vector<Step>& steps) {
             Driver d;
             for (const Step& s : steps) RC_LOG() << d.apply(s) << "\n";
             RC_CLASSIFY(d.launches() > 0, "with launches");
           });
}
