// DescribeInstances' tag filters read an index of the instances' tags (RegionState::instance_tags,
// issue 19 §3) instead of scanning every instance. Under random launches with tags, CreateTags,
// DeleteTags (by key, by key and value, all of the caller's), terminations and time (a terminated
// instance is purged an hour later), by two accounts, after every step:
//   (a) the index is exactly the instances' tags: what rebuild_tag_index makes of them;
//   (b) DescribeInstances with a tag:<key> filter of random patterns (literal, with '*', '?', an
//       escaped '*'), alone or with a state filter, answers exactly the caller's instances a scan
//       of every instance finds, in the same order.
#include <rapidcheck/catch.h>

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "harness.hpp"
#include "sim/core/query.hpp"
#include "sim/instances/instances.hpp"
#include "sim/tagging.hpp"
#include "steps.hpp"
#include "unity_id.hpp"

namespace AMISIM_UNITY_ID {

using namespace sim;

namespace {

enum class Op : int {
  kLaunch,
  kTag,
  kUntagKey,
  kUntagValue,
  kUntagAll,
  kTerminate,
  kAdvance,
  kAsk
};
constexpr int kOps = 8;

std::string_view op_name(Op op) {
  static constexpr std::string_view kNames[] = {
      "launch", "tag", "untag-key", "untag-value", "untag-all", "terminate", "advance", "ask"};
  static_assert(std::size(kNames) == kOps);
  return kNames[static_cast<std::size_t>(op)];
}

using Step = test::props::Step<Op>;

const std::vector<std::string> kKeys = {"team", "env", "Name"};
const std::vector<std::string> kValues = {"web", "web-1", "db", "prod", "a*b", ""};
// Filter values: literal, prefix*, '?' (zero or one character), everything, an escaped '*'.
const std::vector<std::string> kPatterns = {"web",   "web*", "w?b", "*",     "d*",
                                            "a\\*b", "prod", "",    "web-?", "*b"};

struct Driver {
  test::Harness h;
  std::vector<InstanceId> instances;  // every instance launched, by either account

  Caller caller(int account) { return h.as(test::props::cycle(test::props::kAccounts, account)); }
  RegionState& region() { return h.world.region_of(h.caller); }

  std::string id(int pick) {
    const InstanceId* i = test::props::nth(instances, pick);
    return i ? i->str() : "i-0123456789abcdef0";
  }

  std::string apply(const Step& s) {
    const Caller who = caller(s.account);
    const std::string& key = test::props::cycle(kKeys, s.variant);
    const std::string& value = test::props::cycle(kValues, s.amount);
    switch (s.op) {
      case Op::kLaunch: {
        RunInstancesRequest r;
        r.image_id = h.catalogue_image("al2023-x86_64").str();
        r.instance_type = "t3.micro";
        r.min_count = r.max_count = 1 + s.pick % 3;
        if (s.variant % 4 != 3)  // now and then a launch without tags
          r.tag_specifications = {{"instance", {{key, value}}}};
        auto out = run_instances(h.world, who, r);
        if (out)
          for (const Instance* i : out->instances) instances.push_back(i->id);
        return test::props::outcome(out);
      }
      case Op::kTag:
        return test::props::outcome(create_tags(h.world, who, {id(s.pick)}, {{key, value}}));
      case Op::kUntagKey:
        return test::props::outcome(delete_tags(h.world, who, {id(s.pick)}, {{key, std::nullopt}}));
      case Op::kUntagValue:
        return test::props::outcome(delete_tags(h.world, who, {id(s.pick)}, {{key, value}}));
      case Op::kUntagAll:
        return test::props::outcome(delete_tags(h.world, who, {id(s.pick)}, {}));
      case Op::kTerminate:
        return test::props::outcome(terminate_instances(h.world, who, {id(s.pick)}));
      case Op::kAdvance:
        h.advance(static_cast<DurationMs>(s.amount) * 6 * kMinuteMs);  // up to 10 hours
        return "ok";
      case Op::kAsk: {
        std::vector<std::string> patterns = {test::props::cycle(kPatterns, s.amount)};
        if (s.pick % 2) patterns.push_back(test::props::cycle(kPatterns, s.amount / 3 + s.pick));
        std::vector<Filter> filters = {{"tag:" + key, patterns}};
        if (s.pick % 3 == 2) filters.push_back({"instance-state-name", {"running", "pending"}});
        ask(who, filters);
        return "asked tag:" + key;
      }
    }
    return "";
  }

  // (b): the page DescribeInstances gives equals a scan of every instance of the caller's.
  void ask(const Caller& who, const std::vector<Filter>& filters) {
    DescribeInstancesRequest request;
    request.filters = filters;
    auto out = describe_instances(h.world, who, request);
    RC_ASSERT(out.ok());
    RC_ASSERT(out->next_token.empty());
    std::vector<std::string> got;
    for (const auto& reservation : out->reservations)
      for (const Instance* i : reservation.instances) got.push_back(i->id.str());

    std::vector<const Instance*> scanned;
    for (const auto& [id, i] : h.world.region_of(who).instances) {
      if (i.owner != who.account) continue;
      bool all = true;
      for (const Filter& f : filters) {
        std::string v;
        if (f.name == "instance-state-name") {
          v = std::string(to_string(i.state));
        } else {
          auto tag = i.tags.find(f.name.substr(4));
          if (tag == i.tags.end()) {
            all = false;
            break;
          }
          v = tag->second;
        }
        all = all && any_match(f.values, v);
      }
      if (all) scanned.push_back(&i);
    }
    // DescribeInstances' order: by reservation, then launch index.
    std::sort(scanned.begin(), scanned.end(), [](const Instance* a, const Instance* b) {
      return std::pair(a->reservation_id.str(), a->ami_launch_index) <
             std::pair(b->reservation_id.str(), b->ami_launch_index);
    });
    std::vector<std::string> expected;
    for (const Instance* i : scanned) expected.push_back(i->id.str());
    RC_ASSERT(got == expected);
  }

  void check() {
    const auto indexed = region().instance_tags;
    rebuild_tag_index(region());
    RC_ASSERT(indexed == region().instance_tags);  // (a)
    for (const std::string& key : kKeys) ask(h.caller, {{"tag:" + key, {"*"}}});
  }
};

}  // namespace

TEST_CASE("DescribeInstances' tag index holds exactly the instances' tags and answers as a scan") {
  const auto shape = test::props::Shape<Op>{.op = test::props::any_of<Op>(kOps),
                                            .accounts = 2,
                                            .picks = 12,
                                            .amount = rc::gen::inRange(0, 100),
                                            .variant = rc::gen::inRange(0, 12)};
  rc::prop("the index is the instances' tags, and a tag filter finds what a scan finds", [&] {
    Driver d;
    test::props::run(d, *test::props::steps<Op>(shape));
  });
}

}  // namespace AMISIM_UNITY_ID
