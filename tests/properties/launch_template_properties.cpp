// Launch template properties: random sequences of create-version / delete-versions /
// modify-default (and launches) against a tiny reference model of the version numbers, the
// default and each version's AMI.
#include <rapidcheck/catch.h>

#include <catch2/catch.hpp>
#include <map>
#include <set>

#include "api/ec2/dispatch.hpp"
#include "harness.hpp"
#include "sim/instances/launch_templates.hpp"
#include "steps.hpp"
#include "unity_id.hpp"

namespace AMISIM_UNITY_ID {

using namespace sim;

namespace {

enum class Op { kCreateVersion, kDeleteVersions, kModifyDefault, kLaunch, kAdvance };

std::string_view op_name(Op op) {
  static constexpr std::string_view kNames[] = {"create-version", "delete-versions",
                                                "modify-default", "launch", "advance"};
  return kNames[static_cast<std::size_t>(op)];
}

// amount: a version number to use (source, default, first to delete) or an AMI pick; variant: a
// second number (how many to delete, or whether to use a source).
using Step = test::props::Step<Op>;

rc::Gen<std::vector<Step>> steps() {
  return test::props::steps<Op>({.op = rc::gen::weightedElement<Op>({{4, Op::kCreateVersion},
                                                                     {3, Op::kDeleteVersions},
                                                                     {3, Op::kModifyDefault},
                                                                     {2, Op::kLaunch},
                                                                     {1, Op::kAdvance}}),
                                 .picks = 1,
                                 .amount = rc::gen::inRange(1, 12),
                                 .variant = rc::gen::inRange(0, 6)});
}

// x86_64 catalogue families, so every one launches on a t3.micro.
const std::vector<std::string> kFamilies = {"al2023-x86_64",       "al2-x86_64",
                                            "debian-12-x86_64",    "ubuntu-22.04-x86_64",
                                            "ubuntu-24.04-x86_64", "rhel-9-x86_64"};

// What the template should hold, kept independently of sim/instances/launch_templates.cpp.
struct Reference {
  std::map<std::int64_t, std::string> versions;  // live number -> its AMI
  std::int64_t default_version = 1;
  std::int64_t highest_issued = 1;
};

struct Checker {
  test::Harness h{7};
  LaunchTemplateId id;
  Reference ref;
  std::vector<std::string> launched;  // instance IDs

  std::string ami(int pick) const {
    return h.catalogue_image(kFamilies[static_cast<std::size_t>(pick) % kFamilies.size()]).str();
  }

  Checker() {
    CreateLaunchTemplateRequest r;
    r.name = "fleet";
    r.data.image_id = ami(0);
    r.data.instance_type = "t3.micro";
    auto lt = create_launch_template(h.world, h.caller, r);
    RC_ASSERT(lt.ok());
    id = (*lt)->id;
    ref.versions[1] = ami(0);
  }

  const LaunchTemplate& model() const {
    return h.world.region_of(h.caller).launch_templates.at(id);
  }

  void create_version(const Step& s) {
    CreateLaunchTemplateVersionRequest r;
    r.ref.id = id.str();
    const bool with_source = s.variant % 2 == 0 && ref.versions.count(s.amount);
    if (with_source)
      r.source_version = std::to_string(s.amount);
    else
      r.data.instance_type = "t3.micro";
    if (s.variant % 3 != 0 || !with_source) r.data.image_id = ami(s.amount + s.variant);
    auto out = create_launch_template_version(h.world, h.caller, r);
    RC_ASSERT(out.ok());
    const std::int64_t n = out->version->number;
    RC_ASSERT(n == ref.highest_issued + 1);  // numbers only grow, none reused
    ref.highest_issued = n;
    ref.versions[n] = r.data.image_id ? *r.data.image_id : ref.versions.at(s.amount);
  }

  void delete_versions(const Step& s) {
    std::vector<std::string> texts;
    for (int k = 0; k <= s.variant % 3; ++k) texts.push_back(std::to_string(s.amount + k));
    auto out = delete_launch_template_versions(h.world, h.caller, {id.str(), ""}, texts);
    RC_ASSERT(out.ok());
    for (const auto& d : out->deleted) {
      RC_ASSERT(d.number != ref.default_version);
      RC_ASSERT(ref.versions.erase(d.number) == 1);
    }
    for (const auto& f : out->failed)
      RC_ASSERT(f.number == ref.default_version || !ref.versions.count(f.number));
  }

  void modify_default(const Step& s) {
    auto out = modify_launch_template(h.world, h.caller, {id.str(), ""}, std::to_string(s.amount));
    RC_ASSERT(out.ok() == (ref.versions.count(s.amount) == 1));
    if (out.ok()) ref.default_version = s.amount;
  }

  amisim::protocol::WireResult<nlohmann::json> describe_launched() {
    return amisim::ec2::call(h.world, h.caller, "DescribeInstances", nlohmann::json::object());
  }

  void launch() {
    if (launched.size() >= 6) return;
    RunInstancesRequest r;
    r.launch_template = LaunchTemplateSpecification{id.str(), "", ""};
    auto out = run_instances(h.world, h.caller, r);
    RC_ASSERT(out.ok());
    const Instance& i = *out->instances.at(0);
    RC_ASSERT(i.image_id.str() == ref.versions.at(ref.default_version));  // the default's AMI
    launched.push_back(i.id.str());
  }

  void apply(const Step& s) {
    switch (s.op) {
      case Op::kCreateVersion:
        create_version(s);
        break;
      case Op::kDeleteVersions:
        delete_versions(s);
        break;
      case Op::kModifyDefault: {
        // Rolling back (or forward) changes no existing instance: the describe is identical.
        auto before = describe_launched();
        modify_default(s);
        auto after = describe_launched();
        RC_ASSERT(before.ok() && after.ok() && before.value() == after.value());
        break;
      }
      case Op::kLaunch:
        launch();
        break;
      case Op::kAdvance:
        h.advance((1 + s.amount) * 20 * kSecondMs);
        break;
    }
  }

  // After every step (props::run): the template matches the reference.
  void check() const {
    const LaunchTemplate& lt = model();
    std::set<std::int64_t> live;
    for (const auto& [n, v] : lt.versions) {
      live.insert(n);
      RC_ASSERT(v.number == n);
      RC_ASSERT(v.data.image_id == std::optional<std::string>(ref.versions.at(n)));
    }
    std::set<std::int64_t> expected;
    for (const auto& [n, a] : ref.versions) expected.insert(n);
    RC_ASSERT(live == expected);
    RC_ASSERT(lt.default_version == ref.default_version);
    RC_ASSERT(lt.versions.count(lt.default_version) == 1);
    RC_ASSERT(lt.latest_version() == *expected.rbegin());
    RC_ASSERT(lt.next_version == ref.highest_issued + 1);
  }
};

}  // namespace

TEST_CASE("Launch template versions only grow, and a rollback leaves instances alone") {
  rc::prop(
      "after every step: live versions, default and latest match the reference; a new version "
      "is always numbered past every number issued; launches use the default's AMI; changing "
      "the default changes no existing instance",
      [] {
        Checker c;
        test::props::run(c, *steps());
        RC_CLASSIFY(c.ref.default_version != 1, "the default moved");
        RC_CLASSIFY(c.ref.versions.size() < static_cast<std::size_t>(c.ref.highest_issued),
                    "a version was deleted");
      });
}

}  // namespace AMISIM_UNITY_ID
