// A scenario: a named, seeded list of steps that drive one fresh world (DESIGN.md "Interfaces
// users rely on"; README "Scenarios"). The loader (loader.hpp) builds it from a JSON file and
// checks every step's shape; the runner (runner.hpp) plays it.
//
// A step keeps its JSON body: `${var}` substitution happens when the step runs (variables are
// saved by earlier steps), and substitution only replaces text inside strings, so the types the
// loader checked still hold afterwards. Values whose text may contain `${...}` (durations,
// accounts, dollar amounts, times) are checked again after substitution.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace amisim::scenario {

using Json = nlohmann::json;

enum class StepKind {
  kCall,
  kAdvance,
  kWait,
  kSubscribe,
  kUnsubscribe,
  kExpectBill,
  kWorkflow,
  kNote
};

// "call", "advance", "wait", "subscribe", "unsubscribe", "expect_bill", "workflow", "note": the key
// that names the kind in a step object.
std::string_view kind_name(StepKind kind);

struct Step {
  StepKind kind = StepKind::kNote;
  Json body;  // the step object as written (checked by the loader)
};

enum class ClockKind { kManual, kInstant };

struct Scenario {
  std::string file;  // as given on the command line (for messages and the replay line)
  std::string name;
  std::string description;
  std::uint64_t seed = 0;
  ClockKind clock = ClockKind::kManual;
  // "images": image files (api/io/catalog.hpp) this scenario's world loads, resolved against the
  // scenario file's folder; "images_replace": they replace the built-in catalogue.
  std::vector<std::string> image_files;
  bool images_replace = false;
  std::vector<Step> steps;
};

}  // namespace amisim::scenario
