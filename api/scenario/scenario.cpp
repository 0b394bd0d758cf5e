#include "api/scenario/scenario.hpp"

namespace amisim::scenario {

std::string_view kind_name(StepKind kind) {
  switch (kind) {
    case StepKind::kCall:
      return "call";
    case StepKind::kAdvance:
      return "advance";
    case StepKind::kWait:
      return "wait";
    case StepKind::kSubscribe:
      return "subscribe";
    case StepKind::kUnsubscribe:
      return "unsubscribe";
    case StepKind::kExpectBill:
      return "expect_bill";
    case StepKind::kWorkflow:
      return "workflow";
    case StepKind::kNote:
      return "note";
  }
  return "note";
}

}  // namespace amisim::scenario
