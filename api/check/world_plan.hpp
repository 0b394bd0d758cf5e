// The random worlds of `amisim check` (issue 21): a WorldPlan drawn from a seed and a WorldShape
// (the ranges and weights `--world FILE` will set), and the plan as scenario steps (the scenario
// format's `call`, `advance`, `save` and `${var}`) that build it through the same handlers as
// every door. A plan holds accounts' own images of various ages — deprecated, disabled, public,
// shared, protected from deregistration, or deregistered with their snapshots left behind —
// instances running and stopped launched from them, tags, and launch templates whose versions
// name them. Deterministic: the same shape and seed give the same plan and the same steps (its
// own generator, not <random>'s distributions, which differ between standard libraries).
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "sim/core/fixtures.hpp"
#include "sim/core/time.hpp"

namespace amisim::check {

struct Range {
  int min = 0;
  int max = 0;
};

struct WorldShape {
  Range accounts{1, 2};
  std::vector<std::string> regions{"us-east-1", "us-west-2"};  // drawn from
  Range regions_per_account{1, 2};
  Range images{2, 5};  // per account and Region
  Range age_days{0, 400};
  // The share of images that are each of these (protected and deregistered exclude each other,
  // and deregistered excludes disabled).
  double deprecated = 0.2;
  double disabled = 0.05;
  double is_public = 0.05;
  double shared = 0.2;
  double protected_from_deregistration = 0.1;
  double deregistered = 0.15;
  double marketplace = 0.1;  // baked from an AWS Marketplace product (never public)
  Range instances{0, 2};     // per image not deregistered
  double stopped = 0.4;      // the share of those instances stopped
  Range templates{0, 2};     // per account and Region
  Range versions{1, 3};      // per template, each naming an image of its account and Region
  double ssm = 0.2;          // the share of templates with one more version naming a public SSM
                             // parameter (resolve:ssm:/aws/service/...) instead of an image ID
};

// A shape from a `--world FILE` document: every member optional, the defaults above for the rest.
//   {"accounts": {"min": 1, "max": 2}, "regions": ["us-east-1", "eu-west-1"],
//    "regions_per_account": {...}, "images": {...}, "age_days": {...}, "instances": {...},
//    "templates": {...}, "versions": {...},
//    "weights": {"deprecated": 0.2, "disabled": 0.05, "public": 0.05, "shared": 0.2,
//                "protected": 0.1, "deregistered": 0.15, "stopped": 0.4, "marketplace": 0.1,
//                "ssm": 0.2}}
// Bounds: accounts 1-6, images 0-50, ages 0-3650 days, instances 0-10, templates 0-10, versions
// 1-10, weights 0-1, Regions the fixtures know and enable by default, each once; a range given one
// bound past the other's default moves that one too. nullopt with *error set to one line naming
// the member for anything else.
std::optional<WorldShape> parse_world_shape(const nlohmann::json& doc,
                                            const sim::Fixtures& fixtures, std::string* error);

struct PlannedImage {
  std::string account;
  std::string region;
  std::string name;
  int age_days = 0;
  bool deprecated = false;
  int deprecated_after_days = 0;  // its DeprecateAt, days after its creation
  bool disabled = false;
  bool is_public = false;
  bool shared = false;  // with another account of the plan (or 999988887777 when alone)
  bool protected_from_deregistration = false;
  bool deregistered = false;
  // Baked from an instance of an AWS Marketplace product's image (the account subscribed), so it
  // carries the product code; where no product of the fixtures is offered in its Region, from the
  // usual base image.
  bool marketplace = false;
  int running = 0;
  int stopped = 0;
  std::string team;  // its "team" tag
};

struct PlannedTemplate {
  std::string account;
  std::string region;
  std::string name;
  std::vector<std::size_t> versions;  // indexes into WorldPlan::images, one per version
  bool ssm_version = false;  // then one more version: the Region's Amazon Linux SSM parameter
};

struct WorldPlan {
  std::vector<std::string> accounts;
  std::vector<PlannedImage> images;  // oldest first
  std::vector<PlannedTemplate> templates;
};

WorldPlan random_plan(const WorldShape& shape, std::uint64_t seed);

// Puts the images oldest first again (a stable sort), the templates' version indexes following
// them: after a change of ages.
void reorder(WorldPlan& plan);

// The scenario steps that build `plan` in a world that starts at `start` (the images made oldest
// first, the clock advanced between them and after the youngest, so that each is its age at the
// end: the oldest image is made at `start`); base images are
// the catalogue's al2023-x86_64 of each Region. Run with the scenario's "clock": "instant".
nlohmann::json plan_steps(const WorldPlan& plan, const sim::Fixtures& fixtures, sim::TimeMs start);

}  // namespace amisim::check
