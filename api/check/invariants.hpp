// The built-in invariants of `amisim check` (issue 21): what a user's workflow (a clean-up job, a
// promotion script) must never break, judged on the world before the workflow ran and the world
// after it. Each is a pure function of the two worlds; none reads a clock or the environment.
//
//   no-dangling-launch-template  no launch-template version names an image that is deregistered
//                                or gone from its Region, unless it did so before the workflow
//                                ran (a random world may hold such versions: not the workflow's
//                                doing)
//   no-orphan-snapshots          no snapshot of an image the workflow deregistered is left
//                                unless an image not deregistered uses it (snapshots the world
//                                began with, of images deregistered before, are not its doing)
//   never-deregisters-in-use     no image that a pending, running, stopping or stopped instance
//                                was launched from was deregistered
//   never-deletes-protected      nothing protected, locked or shared was removed: an image with
//                                deregistration protection, public or shared with accounts; a
//                                snapshot locked, public or shared with accounts
//   bill-under:USD               the bill from the workflow's start to the end is at most USD
//
// Only the accounts' own resources count (not the public catalogue's).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/core/prices.hpp"
#include "sim/state/world.hpp"

namespace amisim::check {

struct Invariant {
  std::string name;                    // one of invariant_names()
  std::optional<sim::MicroUsd> limit;  // bill-under's
};

// What broke an invariant, in words: "image ami-… (web-2026-01-03) was deregistered while
// instance i-… (running) was launched from it".
struct Violation {
  std::string invariant;
  std::string what;
};

// The built-in invariants' names ("bill-under:USD" as written in usage).
const std::vector<std::string>& invariant_names();

// An invariant by name ("bill-under:12.50" takes a non-negative amount in US dollars); nullopt
// with *error set to a one-line reason for an unknown name or a bad amount.
std::optional<Invariant> parse_invariant(std::string_view text, std::string* error);

// Every violation of `invariant` (as parse_invariant made it) from `before` (the world the
// workflow was given) to `after` (the world it left), in a stable order; empty when it holds.
std::vector<Violation> violations(const Invariant& invariant, const sim::World& before,
                                  const sim::World& after);

}  // namespace amisim::check
