// What every model-based property shares (CONVENTIONS.md, Habits 12). A Step is plain data that
// RapidCheck generates and shrinks: every field is a small number the suite's driver interprets
// ("the pick-th existing volume", "the account-th account"), so a step means the same thing in
// every world with the same history, and a shrunk sequence still makes sense. A suite keeps only
// what is its own: its Op kinds and their names, how its driver applies one step, and the
// invariants the driver checks.
//
//   enum class Op { kRun, kStop, kAdvance };
//   std::string_view op_name(Op op);  // beside Op: RapidCheck prints steps with it
//   struct Driver {
//     std::string apply(const Step<Op>& s);  // does one step, says what came of it
//     void check();                          // optional: the invariants, after every step
//   };
//   rc::prop("...", [] {
//     Driver d;
//     props::run(d, *props::steps<Op>({.op = props::any_of<Op>(3), .picks = 4}));
//   });
#pragma once

#include <rapidcheck.h>

#include <ostream>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "sim/core/result.hpp"
#include "sim/state/world.hpp"

namespace test::props {

namespace sim = amisim::sim;

template <class Op>
struct Step {
  Op op{};
  int account = 0;  // who acts: an index into the suite's accounts, taken modulo their number
  int region = 0;   // where: an index into the suite's Regions, likewise
  int pick = 0;     // which existing resource: the pick-th, modulo how many there are
  int amount = 0;   // the op's number: seconds to advance, blocks to write, a size, a version
  int variant = 0;  // a second number or a switch: where to write, whether to encrypt, ...
};

// What a suite's steps range over. Each field takes 0 .. n-1 (amount and variant: what their
// generators give), shrinking toward 0; a field a suite does not use stays 0.
template <class Op>
struct Shape {
  rc::Gen<Op> op;
  int accounts = 1;
  int regions = 1;
  int picks = 16;
  rc::Gen<int> amount = rc::gen::just(0);
  rc::Gen<int> variant = rc::gen::just(0);
};

// Every one of `kinds` Op kinds (0 .. kinds-1) equally likely at every size. gen::inRange scales
// its range with RapidCheck's size, so the first (small) runs would see only the first kinds;
// drawing from a range 97 times wider and folding it keeps every kind in play, and still shrinks
// toward the first kind. (For other weights: rc::gen::weightedElement.)
template <class Op>
rc::Gen<Op> any_of(int kinds) {
  return rc::gen::map(rc::gen::inRange(0, kinds * 97),
                      [kinds](int k) { return static_cast<Op>(k % kinds); });
}

template <class Op>
rc::Gen<Step<Op>> step(const Shape<Op>& shape) {
  using S = Step<Op>;
  return rc::gen::build<S>(rc::gen::set(&S::op, shape.op),
                           rc::gen::set(&S::account, rc::gen::inRange(0, shape.accounts)),
                           rc::gen::set(&S::region, rc::gen::inRange(0, shape.regions)),
                           rc::gen::set(&S::pick, rc::gen::inRange(0, shape.picks)),
                           rc::gen::set(&S::amount, shape.amount),
                           rc::gen::set(&S::variant, shape.variant));
}

// A random sequence of steps (RapidCheck shrinks it by dropping steps and shrinking fields).
template <class Op>
rc::Gen<std::vector<Step<Op>>> steps(const Shape<Op>& shape) {
  return rc::gen::container<std::vector<Step<Op>>>(step(shape));
}

// "stop{pick=3, amount=120}": a step as a counterexample shows it (fields at 0 are left out),
// named by the suite's op_name(Op), found beside Op by argument-dependent lookup.
template <class Op>
void showValue(const Step<Op>& s, std::ostream& os) {
  os << op_name(s.op) << "{";
  const char* sep = "";
  for (const auto& [name, value] : {std::pair{"account", s.account},
                                    {"region", s.region},
                                    {"pick", s.pick},
                                    {"amount", s.amount},
                                    {"variant", s.variant}}) {
    if (value == 0) continue;
    os << sep << name << "=" << value;
    sep = ", ";
  }
  os << "}";
}

// Applies `steps` in order: driver.apply(step) does one (and may assert as it goes), then
// driver.check(), when the driver has one, asserts the suite's invariants. Each step and what it
// returned go to RapidCheck's log, which is printed only under a failing (shrunk) sequence.
template <class Driver, class Op>
void run(Driver& driver, const std::vector<Step<Op>>& steps) {
  for (const Step<Op>& step : steps) {
    if constexpr (std::is_void_v<decltype(driver.apply(step))>) {
      RC_LOG() << rc::toString(step) << "\n";
      driver.apply(step);
    } else {
      RC_LOG() << rc::toString(step) << " -> " << driver.apply(step) << "\n";
    }
    if constexpr (requires { driver.check(); }) driver.check();
  }
}

// "ok", or the AWS error code a call failed with: what a driver's apply() says of a call.
inline std::string outcome(const sim::Status& s) {
  return s.ok() ? "ok" : std::string(s.error().name());
}
template <class T>
std::string outcome(const sim::Result<T>& r) {
  return r.ok() ? "ok" : std::string(r.error().name());
}

// The accounts the suites act as: two, so that sharing and cross-account rules have someone to
// act on; the first is the model's default account (sim::kDefaultAccount).
inline const std::vector<std::string> kAccounts = {"123456789012", "210987654321"};

// The index-th of `items`, modulo their number (`items` must not be empty).
template <class T>
const T& cycle(const std::vector<T>& items, int index) {
  return items[static_cast<std::size_t>(index) % items.size()];
}

// The pick-th of `items`, modulo their number; nullptr when there are none.
template <class T>
T* nth(std::vector<T>& items, int pick) {
  return items.empty() ? nullptr : &items[static_cast<std::size_t>(pick) % items.size()];
}
template <class T>
const T* nth(const std::vector<T>& items, int pick) {
  return items.empty() ? nullptr : &items[static_cast<std::size_t>(pick) % items.size()];
}

// The pick-th value of `map` (in key order) for which `pred` holds, likewise.
template <class Map, class Pred>
auto* nth_where(Map& map, int pick, Pred pred) {
  std::vector<decltype(&map.begin()->second)> matching;
  for (auto& [key, value] : map) {
    if (pred(value)) matching.push_back(&value);
  }
  return matching.empty() ? nullptr : matching[static_cast<std::size_t>(pick) % matching.size()];
}

// The index-th of kAccounts, modulo their number.
inline sim::AccountId account(int index) { return sim::AccountId(cycle(kAccounts, index)); }

// The caller a step acts as: the account-th of kAccounts in the region-th of `regions`.
inline sim::Caller caller(int account_index, int region, const std::vector<std::string>& regions) {
  return sim::Caller{account(account_index), sim::RegionName(cycle(regions, region))};
}

}  // namespace test::props
