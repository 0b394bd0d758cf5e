// Shrinking a failing random world (issue 21, `amisim check`): the plans smaller or simpler than
// a plan — fewer accounts, Regions, images, launch templates and versions, instances and flags,
// younger images — the biggest cuts first, and the greedy search that keeps the first of them that
// still fails, until none does. Pure: the caller's predicate runs the workflow.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "api/check/world_plan.hpp"

namespace amisim::check {

// "2 accounts, 1 Region, 3 images (1 deregistered, the oldest 120 days old), 2 instances, 1 launch
// template (2 versions)".
std::string describe(const WorldPlan& plan);

// Every plan one step smaller or simpler than `plan`, in the order to try them: an account (one
// stays; the first account's credentials are the workflow's), an account's Region, half the images,
// then a quarter, ..., a launch template, an image, a version, an image's instances, one of its
// flags, its age (to 0, then ever closer to its own). Each keeps a plan's rules (world_plan.hpp).
std::vector<WorldPlan> shrink_candidates(const WorldPlan& plan);

struct ShrinkResult {
  WorldPlan plan;      // the smallest found that still fails
  unsigned tries = 0;  // candidates tried
};

// Greedy: the first candidate for which `still_fails` is true replaces the plan (`shrunk` is told),
// and the search goes on from the same place in the new plan's candidates (those before it did
// not fail a moment ago), round and round until a whole round finds nothing or `max_tries`
// candidates have been tried.
ShrinkResult shrink(const WorldPlan& plan, unsigned max_tries,
                    const std::function<bool(const WorldPlan&)>& still_fails,
                    const std::function<void(const WorldPlan&, unsigned tries)>& shrunk = {});

}  // namespace amisim::check
