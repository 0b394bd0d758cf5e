// The public world plan (include/amisim/world_plan.hpp) as `amisim check`'s (api/check/
// world_plan.hpp): its rules checked, and the one conversion between the two. Everything a public
// plan means is decided here; api/check turns the converted plan into scenario steps.
#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include "amisim/world_plan.hpp"
#include "api/check/world_plan.hpp"
#include "sim/core/fixtures.hpp"

namespace amisim::lib {

// The first rule of world_plan.hpp that `plan` breaks, as one line naming the member
// ("images[3].deprecated_after_days must be from 1 to age_days (40)"); nullopt when it keeps them.
std::optional<std::string> plan_error(const WorldPlan& plan, const sim::Fixtures& fixtures);

// What each planned image and template is called once built: the given name, else the default
// world_plan.hpp names.
std::string image_name(const WorldPlan& plan, std::size_t index);
std::string template_name(const WorldPlan& plan, std::size_t index);

// `plan` (which keeps the rules) as check's plan: names filled in, then put oldest first as
// plan_steps wants it (check::reorder: a stable order, template versions following their images).
check::WorldPlan to_check_plan(const WorldPlan& plan);

}  // namespace amisim::lib
