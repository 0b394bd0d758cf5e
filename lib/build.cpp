#include "lib/build.hpp"

#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <utility>

#include "api/check/world_plan.hpp"
#include "api/scenario/door.hpp"
#include "api/scenario/loader.hpp"
#include "api/scenario/runner.hpp"
#include "lib/plan.hpp"

namespace amisim::lib {
namespace {

using Json = nlohmann::json;
using Place = std::tuple<std::string, std::string, std::string>;  // account, Region, name

// What the plan's calls made, by account, Region and name (the plan's names are distinct there),
// and the last error a call answered.
struct Made {
  std::map<Place, std::string> images;     // CreateImage's Name -> ImageId
  std::map<Place, std::string> templates;  // CreateLaunchTemplate's name -> LaunchTemplateId
  std::optional<protocol::WireError> error;
};

// A door onto the World's gateway that notes what each call made.
class RecordingDoor final : public scenario::Door {
 public:
  RecordingDoor(gateway::Gateway& gateway, Made& made)
      : inner_(scenario::in_process_door(gateway)), made_(made) {}

  std::uint64_t seed() const override { return inner_->seed(); }
  sim::TimeMs now() override { return inner_->now(); }
  protocol::WireResult<Json> call(scenario::Service service, const sim::Caller& caller,
                                  std::string_view action, const Json& params) override {
    auto result = inner_->call(service, caller, action, params);
    if (!result.ok()) {
      made_.error = result.error();
      return result;
    }
    const Json& out = result.value();
    auto place = [&](const char* name_member) {
      return Place{caller.account.str(), caller.region.str(), params.value(name_member, "")};
    };
    if (action == "CreateImage") made_.images[place("Name")] = out.value("ImageId", "");
    if (action == "CreateLaunchTemplate")
      made_.templates[place("LaunchTemplateName")] =
          out.value("/LaunchTemplate/LaunchTemplateId"_json_pointer, "");
    return result;
  }
  protocol::WireResult<bool> advance(sim::DurationMs by) override { return inner_->advance(by); }
  protocol::WireResult<bool> subscription(const sim::AccountId& account, const std::string& code,
                                          bool subscribe) override {
    return inner_->subscription(account, code, subscribe);
  }
  protocol::WireResult<sim::Bill> bill(const sim::BillRequest& request) override {
    return inner_->bill(request);
  }
  std::string state_digest() override { return inner_->state_digest(); }
  gateway::Gateway* gateway() override { return inner_->gateway(); }
  const sim::World* world() override { return inner_->world(); }

 private:
  std::unique_ptr<scenario::Door> inner_;
  Made& made_;
};

Error invalid_plan(const std::string& why) {
  return Error{"amisim.InvalidPlan", "The world plan is invalid: " + why, 400};
}

// The plan's steps as a scenario (check::plan_steps's steps load; a load error is a defect, and
// reported as one).
scenario::LoadResult plan_scenario(const Json& steps, std::uint64_t seed) {
  const Json doc = {{"name", "world plan"}, {"seed", seed}, {"clock", "instant"}, {"steps", steps}};
  return scenario::parse_scenario(doc.dump(), "world-plan");
}

Error build_failed(const std::string& why) { return Error{"amisim.BuildFailed", why, 500}; }

// The IDs made, in the public plan's order.
BuildResult ids_of(const WorldPlan& plan, const Made& made) {
  BuildResult out;
  for (std::size_t i = 0; i < plan.images.size(); ++i) {
    auto it =
        made.images.find({plan.images[i].account, plan.images[i].region, image_name(plan, i)});
    out.image_ids.push_back(it == made.images.end() ? "" : it->second);
  }
  for (std::size_t t = 0; t < plan.templates.size(); ++t) {
    auto it = made.templates.find(
        {plan.templates[t].account, plan.templates[t].region, template_name(plan, t)});
    out.launch_template_ids.push_back(it == made.templates.end() ? "" : it->second);
  }
  return out;
}

}  // namespace

Error to_public(const protocol::WireError& error) {
  return Error{error.code, error.message, error.http_status};
}

BuildResult build_plan(gateway::Gateway& gateway,
                       const std::shared_ptr<const sim::Fixtures>& fixtures,
                       const WorldPlan& plan) {
  if (auto why = plan_error(plan, *fixtures)) return BuildResult{{}, {}, invalid_plan(*why)};
  const Json steps = check::plan_steps(to_check_plan(plan), *fixtures, gateway.now());
  if (steps.empty()) return BuildResult{};  // no images: nothing to make
  const scenario::LoadResult loaded = plan_scenario(steps, gateway.seed());
  if (!loaded.ok()) return BuildResult{{}, {}, build_failed(loaded.error())};
  Made made;
  scenario::RunOptions options;
  options.door = [&](std::uint64_t, bool) {
    return std::make_unique<RecordingDoor>(gateway, made);
  };
  const gateway::ClockSetting was = gateway.clock_setting();
  gateway.set_clock({gateway::ClockMode::kInstant});
  const scenario::ScenarioResult run = scenario::run_scenario(loaded.value(), fixtures, options);
  gateway.set_clock(was);
  BuildResult out = ids_of(plan, made);
  if (!run.passed) {
    out.error = made.error
                    ? to_public(*made.error)
                    : build_failed(run.failure ? run.failure->what + ": " + run.failure->actual
                                               : "the plan's steps did not run");
  }
  return out;
}

}  // namespace amisim::lib
