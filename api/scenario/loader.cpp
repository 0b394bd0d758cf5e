#include "api/scenario/loader.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <optional>

#include "api/check/invariants.hpp"
#include "api/io/state_file.hpp"
#include "api/scenario/paths.hpp"
#include "api/scenario/values.hpp"
#include "api/scenario/waiters.hpp"
#include "sim/core/ids.hpp"

namespace amisim::scenario {
namespace {

// What is wrong and what was expected: the two halves of a one-line message.
struct Problem {
  std::string what;
  std::string expected;
};
using Check = std::optional<Problem>;

constexpr std::string_view kKinds =
    "one of \"call\", \"advance\", \"wait\", \"subscribe\", \"unsubscribe\", \"expect_bill\", "
    "\"workflow\" or \"note\"";
constexpr std::string_view kDurationExample =
    "a duration such as \"90s\", \"10m\", \"2h\" or \"30d\"";

std::string type_of(const Json& v) {
  switch (v.type()) {
    case Json::value_t::null:
      return "null";
    case Json::value_t::boolean:
      return v.get<bool>() ? "true" : "false";
    case Json::value_t::string:
      return "a string";
    case Json::value_t::object:
      return "an object";
    case Json::value_t::array:
      return "an array";
    default:
      return "a number";
  }
}

// `"key" is <the value, briefly>`.
std::string is_what(std::string_view key, const Json& v) {
  if (v.is_string()) {
    std::string text = v.get<std::string>();
    if (text.size() > 40) text = text.substr(0, 37) + "...";
    return fmt::format("\"{}\" is {}", key,
                       Json(text).dump(-1, ' ', false, Json::error_handler_t::replace));
  }
  if (v.is_number()) return fmt::format("\"{}\" is {}", key, v.dump());
  return fmt::format("\"{}\" is {}", key, type_of(v));
}

Check only_keys(const Json& object, std::initializer_list<std::string_view> allowed,
                std::string_view where) {
  for (const auto& [key, value] : object.items()) {
    bool known = false;
    for (auto a : allowed) known = known || key == a;
    if (known) continue;
    std::string list;
    for (auto a : allowed) list += fmt::format("{}\"{}\"", list.empty() ? "" : ", ", a);
    return Problem{fmt::format("unknown member \"{}\"{}", key, where),
                   fmt::format("only {}", list)};
  }
  return std::nullopt;
}

// A string member (optional unless `required`); `expected` describes a good value.
Check string_member(const Json& object, std::string_view key, bool required,
                    std::string_view expected) {
  auto it = object.find(key);
  if (it == object.end()) {
    if (!required) return std::nullopt;
    return Problem{fmt::format("\"{}\" is missing", key), std::string(expected)};
  }
  if (!it->is_string() || (required && it->get<std::string>().empty()))
    return Problem{is_what(key, *it), std::string(expected)};
  return std::nullopt;
}

Check object_member(const Json& object, std::string_view key, std::string_view expected) {
  auto it = object.find(key);
  if (it == object.end() || it->is_object()) return std::nullopt;
  return Problem{is_what(key, *it), std::string(expected)};
}

// A string member whose text (when it holds no `${...}`) must pass `valid`.
template <class Valid>
Check checked_string(const Json& object, std::string_view key, bool required,
                     std::string_view expected, Valid valid) {
  if (auto p = string_member(object, key, required, expected)) return p;
  auto it = object.find(key);
  if (it == object.end()) return std::nullopt;
  const std::string& text = it->get_ref<const std::string&>();
  if (has_reference(text) || valid(text)) return std::nullopt;
  return Problem{is_what(key, *it), std::string(expected)};
}

Check account_member(const Json& object) {
  return checked_string(object, "account", false, kAccountIdExpected,
                        [](const std::string& t) { return sim::is_account_id(t); });
}

Check caller_members(const Json& step) {
  if (auto p = string_member(step, "region", false, "a Region name such as \"eu-west-1\""))
    return p;
  return account_member(step);
}

bool is_var_name(std::string_view name) {
  if (name.empty() || (name[0] >= '0' && name[0] <= '9')) return false;
  for (char c : name) {
    if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'))
      return false;
  }
  return true;
}

Check check_save(const Json& step) {
  auto it = step.find("save");
  if (it == step.end()) return std::nullopt;
  constexpr std::string_view kSave =
      "an object of variable names to output paths, e.g. {\"ami\": \"ImageId\"}";
  if (!it->is_object()) return Problem{is_what("save", *it), std::string(kSave)};
  for (const auto& [var, path] : it->items()) {
    if (!is_var_name(var))
      return Problem{fmt::format("\"save\" names the variable \"{}\"", var),
                     "a name of letters, digits and _ that does not start with a digit"};
    if (!path.is_string() ||
        (!has_reference(path.get<std::string>()) && !is_member_path(path.get<std::string>())))
      return Problem{is_what("save." + var, path),
                     "an output path such as \"Instances[0].InstanceId\""};
  }
  return std::nullopt;
}

Check check_expect(const Json& step) {
  auto it = step.find("expect");
  if (it == step.end()) return std::nullopt;
  constexpr std::string_view kExpect =
      "{\"error\": \"<code>\"} (with an optional \"message\": \"<text>\") or {\"output\": "
      "{\"<path>\": <value>, ...}}";
  // {"error"}, {"error", "message"} or {"output"}.
  const bool error_form = it->is_object() && it->contains("error") &&
                          (it->size() == 1 || (it->size() == 2 && it->contains("message")));
  const bool output_form = it->is_object() && it->size() == 1 && it->contains("output");
  if (!error_form && !output_form)
    return Problem{it->is_object() ? "\"expect\" is not exactly one of error or output"
                                   : is_what("expect", *it),
                   std::string(kExpect)};
  if (auto p = string_member(*it, "error", false,
                             "an AWS error code such as "
                             "\"InvalidAMIID.NotFound\""))
    return p;
  if (auto p = string_member(*it, "message", false, "the error's message text")) return p;
  auto output = it->find("output");
  if (output == it->end()) return std::nullopt;
  if (!output->is_object() || output->empty())
    return Problem{is_what("expect.output", *output), std::string(kExpect)};
  for (const auto& [path, value] : output->items()) {
    if (!has_reference(path) && !is_member_path(path))
      return Problem{fmt::format("\"expect.output\" has the path \"{}\"", path),
                     "an output path such as \"Images[0].State\""};
  }
  return std::nullopt;
}

// "service": one of the doors' services (door.hpp).
Check service_member(const Json& object) {
  return checked_string(
      object, "service", false, "\"ec2\", \"s3\", \"ssm\", \"account\", \"rbin\" or \"dlm\"",
      [](const std::string& t) {
        return t == "ec2" || t == "s3" || t == "ssm" || t == "account" || t == "rbin" || t == "dlm";
      });
}

Check check_call(const Json& step) {
  if (auto p = only_keys(
          step, {"call", "service", "region", "account", "params", "save", "expect", "note"},
          " in a call step"))
    return p;
  if (auto p = string_member(step, "call", true, "an action name such as \"RunInstances\""))
    return p;
  if (auto p = service_member(step)) return p;
  if (auto p = caller_members(step)) return p;
  if (auto p = object_member(step, "params", "an object of the action's input members")) return p;
  if (auto p = check_save(step)) return p;
  return check_expect(step);
}

Check check_advance(const Json& step) {
  if (auto p = only_keys(step, {"advance", "note"}, " in an advance step")) return p;
  return checked_string(step, "advance", true, kDurationExample,
                        [](const std::string& t) { return parse_duration(t).has_value(); });
}

std::string waiter_list() {
  std::string out;
  for (const auto& n : waiter_names()) out += fmt::format("{}\"{}\"", out.empty() ? "" : ", ", n);
  return out;
}

Check check_waiter_config(const Json& params) {
  auto it = params.find("WaiterConfig");
  if (it == params.end()) return std::nullopt;
  constexpr std::string_view kConfig =
      "{\"Delay\": <seconds, 0 or more>, \"MaxAttempts\": <1 to 10000>}";
  if (!it->is_object()) return Problem{is_what("params.WaiterConfig", *it), std::string(kConfig)};
  if (auto p = only_keys(*it, {"Delay", "MaxAttempts"}, " in WaiterConfig")) return p;
  for (const char* key : {"Delay", "MaxAttempts"}) {
    auto v = it->find(key);
    if (v == it->end()) continue;
    const long low = std::string_view(key) == "Delay" ? 0 : 1;
    if (!v->is_number_integer() || v->get<long>() < low || v->get<long>() > 10'000)
      return Problem{is_what(std::string("params.WaiterConfig.") + key, *v), std::string(kConfig)};
  }
  return std::nullopt;
}

Check check_wait(const Json& step) {
  if (auto p = only_keys(step, {"wait", "region", "account", "params", "note"}, " in a wait step"))
    return p;
  const std::string expected = "a waiter name: " + waiter_list();
  if (auto p = checked_string(step, "wait", true, expected,
                              [](const std::string& t) { return find_waiter(t) != nullptr; }))
    return p;
  if (auto p = caller_members(step)) return p;
  if (auto p = object_member(step, "params", "an object of the describe call's input members"))
    return p;
  auto params = step.find("params");
  return params == step.end() ? std::nullopt : check_waiter_config(*params);
}

Check check_subscription(const Json& step, std::string_view kind) {
  if (auto p = only_keys(
          step, {kind, "account", "note"},
          fmt::format(" in a{} step", kind == "subscribe" ? "" : "n") + fmt::format(" {}", kind)))
    return p;
  if (auto p = string_member(step, kind, true, "an AWS Marketplace product code")) return p;
  return account_member(step);
}

Check check_bill_time(const Json& bill, std::string_view key) {
  return checked_string(bill, key, false,
                        "an ISO-8601 time such as \"2026-01-31T00:00:00Z\" or a duration before "
                        "now such as \"-30d\"",
                        [](const std::string& t) { return parse_bill_time(t, 0).has_value(); });
}

Check check_usd(const Json& object, std::string_view key) {
  return checked_string(object, key, false,
                        "a dollar amount as a string with at most 6 decimals, e.g. \"0.400000\"",
                        [](const std::string& t) { return parse_usd(t).has_value(); });
}

Check check_line_items(const Json& bill) {
  auto it = bill.find("line_items");
  if (it == bill.end()) return std::nullopt;
  constexpr std::string_view kItems =
      "an array of objects with some of \"account\", \"region\", \"usage_type\", "
      "\"resource_id\", \"cost_usd\"";
  if (!it->is_array() || it->empty())
    return Problem{is_what("expect_bill.line_items", *it), std::string(kItems)};
  for (const Json& item : *it) {
    if (!item.is_object() || item.empty())
      return Problem{is_what("a line item", item), std::string(kItems)};
    if (auto p = only_keys(item, {"account", "region", "usage_type", "resource_id", "cost_usd"},
                           " in a line item"))
      return p;
    for (const auto& [key, value] : item.items()) {
      if (!value.is_string()) return Problem{is_what(key, value), "a string"};
    }
    if (auto p = check_usd(item, "cost_usd")) return p;
  }
  return std::nullopt;
}

Check check_expect_bill(const Json& step) {
  if (auto p = only_keys(step, {"expect_bill", "note"}, " in an expect_bill step")) return p;
  const Json& bill = step["expect_bill"];
  constexpr std::string_view kBill =
      "an object with \"total_usd\" and/or \"line_items\" (and optional \"from\", \"to\", "
      "\"account\")";
  if (!bill.is_object()) return Problem{is_what("expect_bill", bill), std::string(kBill)};
  if (auto p =
          only_keys(bill, {"total_usd", "from", "to", "account", "line_items"}, " in expect_bill"))
    return p;
  if (!bill.contains("total_usd") && !bill.contains("line_items"))
    return Problem{"\"expect_bill\" has neither \"total_usd\" nor \"line_items\"",
                   std::string(kBill)};
  if (auto p = check_usd(bill, "total_usd")) return p;
  if (auto p = check_bill_time(bill, "from")) return p;
  if (auto p = check_bill_time(bill, "to")) return p;
  if (auto p = account_member(bill)) return p;
  return check_line_items(bill);
}

Check check_count(const Json& invariant) {
  auto it = invariant.find("count");
  if (it == invariant.end()) return std::nullopt;
  constexpr std::string_view kCount = "{\"min\": n, \"max\": n} with whole numbers from 0";
  if (!it->is_object() || it->empty()) return Problem{is_what("count", *it), std::string(kCount)};
  if (auto p = only_keys(*it, {"min", "max"}, " in count")) return p;
  for (const auto& [key, value] : it->items()) {
    if (!value.is_number_unsigned() && !(value.is_number_integer() && value.get<long long>() >= 0))
      return Problem{is_what("count." + key, value), std::string(kCount)};
  }
  if (it->contains("min") && it->contains("max") &&
      (*it)["min"].get<long long>() > (*it)["max"].get<long long>())
    return Problem{"\"count\" has min above max", "min at most max"};
  if (!invariant.contains("each")) return Problem{"\"count\" without \"each\"", "\"each\""};
  return std::nullopt;
}

// A user invariant (workflow.hpp): a describe call whose output must match.
Check check_user_invariant(const Json& inv) {
  constexpr std::string_view kWhere = " in an invariant";
  if (auto p = only_keys(inv,
                         {"name", "call", "service", "region", "account", "params", "each",
                          "expect", "count", "note"},
                         kWhere))
    return p;
  if (auto p = string_member(inv, "name", true, "a name for the invariant")) return p;
  if (auto p = string_member(inv, "call", true, "a describe action such as \"DescribeImages\""))
    return p;
  if (auto p = service_member(inv)) return p;
  if (auto p = caller_members(inv)) return p;
  if (auto p = object_member(inv, "params", "an object of the action's input members")) return p;
  if (auto p = checked_string(inv, "each", false, "an output path to a list, such as \"Images\"",
                              [](const std::string& t) { return is_member_path(t); }))
    return p;
  if (inv.contains("expect")) {
    const Json& e = inv["expect"];
    if (!e.is_object() || e.size() != 1 || !e.contains("output"))
      return Problem{is_what("expect", e), "{\"output\": {\"<path>\": <value>, ...}}"};
    if (auto p = check_expect(inv)) return p;
  }
  if (auto p = check_count(inv)) return p;
  if (!inv.contains("expect") && !inv.contains("count"))
    return Problem{"the invariant has neither \"expect\" nor \"count\"",
                   "what its output must hold"};
  return std::nullopt;
}

Check check_invariant(const Json& entry) {
  if (entry.is_string()) {
    std::string error;
    if (check::parse_invariant(entry.get<std::string>(), &error)) return std::nullopt;
    return Problem{error, "a built-in invariant or an invariant object"};
  }
  if (!entry.is_object())
    return Problem{"an invariant is " + type_of(entry),
                   "a built-in invariant's name or an invariant object"};
  return check_user_invariant(entry);
}

Check check_names(const Json& step, std::string_view key, bool accounts) {
  auto it = step.find(key);
  if (it == step.end()) return std::nullopt;
  const std::string expected =
      accounts ? "a non-empty list of 12-digit account IDs" : "a non-empty list of Region names";
  if (!it->is_array() || it->empty()) return Problem{is_what(key, *it), expected};
  for (const Json& v : *it) {
    if (!v.is_string() || v.get<std::string>().empty() ||
        (accounts && !has_reference(v.get<std::string>()) &&
         !sim::is_account_id(v.get<std::string>())))
      return Problem{is_what(std::string(key) + " entry", v), expected};
  }
  return std::nullopt;
}

Check check_workflow(const Json& step) {
  if (auto p = only_keys(step,
                         {"workflow", "account", "region", "accounts", "regions", "timeout",
                          "advance_before", "advance_after", "expect_exit", "invariants", "note"},
                         " in a workflow step"))
    return p;
  if (auto p = string_member(step, "workflow", true, "a command such as \"python3 cleanup.py\""))
    return p;
  if (auto p = caller_members(step)) return p;
  if (auto p = check_names(step, "accounts", true)) return p;
  if (auto p = check_names(step, "regions", false)) return p;
  for (const char* key : {"advance_before", "advance_after"}) {
    if (auto p = checked_string(step, key, false, kDurationExample,
                                [](const std::string& t) { return parse_duration(t).has_value(); }))
      return p;
  }
  if (auto p = checked_string(step, "timeout", false, "a duration from \"1s\" to \"24h\"",
                              [](const std::string& t) {
                                auto d = parse_duration(t);
                                return d && *d >= sim::kSecondMs && *d <= 24 * sim::kHourMs;
                              }))
    return p;
  if (auto e = step.find("expect_exit"); e != step.end()) {
    const bool any = e->is_string() && e->get<std::string>() == "any";
    const bool status =
        e->is_number_integer() && e->get<long long>() >= 0 && e->get<long long>() <= 255;
    if (!any && !status)
      return Problem{is_what("expect_exit", *e), "an exit status from 0 to 255, or \"any\""};
  }
  if (auto it = step.find("invariants"); it != step.end()) {
    if (!it->is_array())
      return Problem{is_what("invariants", *it), "a list of invariants' names or objects"};
    for (std::size_t i = 0; i < it->size(); ++i) {
      if (auto p = check_invariant((*it)[i])) {
        p->what = fmt::format("invariant {}: {}", i + 1, p->what);
        return p;
      }
    }
  }
  return std::nullopt;
}

// The step's kind: the one kind key it holds (a lone "note" is a note step).
sim::Result<StepKind, Problem> kind_of(const Json& step) {
  static constexpr std::pair<std::string_view, StepKind> kKeys[] = {
      {"call", StepKind::kCall},
      {"advance", StepKind::kAdvance},
      {"wait", StepKind::kWait},
      {"subscribe", StepKind::kSubscribe},
      {"unsubscribe", StepKind::kUnsubscribe},
      {"expect_bill", StepKind::kExpectBill},
      {"workflow", StepKind::kWorkflow}};
  std::optional<std::pair<std::string_view, StepKind>> found;
  for (const auto& [key, kind] : kKeys) {
    if (!step.contains(key)) continue;
    if (found)
      return Problem{fmt::format("the step has both \"{}\" and \"{}\"", found->first, key),
                     "exactly " + std::string(kKinds)};
    found = std::pair{key, kind};
  }
  if (found) return found->second;
  if (step.contains("note")) return StepKind::kNote;
  std::string keys;
  for (const auto& [key, value] : step.items())
    keys += fmt::format("{}\"{}\"", keys.empty() ? "" : ", ", key);
  return Problem{keys.empty() ? "the step is empty" : "unknown step kind (members " + keys + ")",
                 std::string(kKinds)};
}

Check check_step(const Json& step, StepKind& kind) {
  if (!step.is_object())
    return Problem{"the step is " + type_of(step), "an object, " + std::string(kKinds)};
  auto k = kind_of(step);
  if (!k.ok()) return k.error();
  kind = k.value();
  if (auto p = string_member(step, "note", false, "text")) return p;
  switch (kind) {
    case StepKind::kCall:
      return check_call(step);
    case StepKind::kAdvance:
      return check_advance(step);
    case StepKind::kWait:
      return check_wait(step);
    case StepKind::kSubscribe:
      return check_subscription(step, "subscribe");
    case StepKind::kUnsubscribe:
      return check_subscription(step, "unsubscribe");
    case StepKind::kExpectBill:
      return check_expect_bill(step);
    case StepKind::kWorkflow:
      return check_workflow(step);
    case StepKind::kNote:
      return only_keys(step, {"note"}, " in a note step");
  }
  return std::nullopt;
}

// The byte offset where `text` first nests arrays and objects deeper than `limit`, if it does
// (checked before parsing: copying or printing a deeper document recurses too far).
std::optional<std::size_t> too_deep(std::string_view text, int limit) {
  int depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\')
        ++i;
      else if (c == '"')
        in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > limit) return i;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return std::nullopt;
}

std::string line_of(std::string_view text, std::size_t byte) {
  std::size_t line = 1;
  for (std::size_t i = 0; i < byte && i < text.size(); ++i) line += text[i] == '\n';
  return std::to_string(line);
}

// nlohmann's message without its "[json.exception.parse_error.101] parse error at line L,
// column C: " prefix.
std::string parse_reason(const std::string& message) {
  const std::size_t column = message.find("column ");
  const std::size_t colon = column == std::string::npos ? column : message.find(": ", column);
  return colon == std::string::npos ? message : message.substr(colon + 2);
}

// "images": a file or a list of files, relative to the scenario's folder; "images_replace": true
// or false, with "images" only.
Check check_images(const Json& doc, Scenario& out) {
  auto images = doc.find("images");
  auto replace = doc.find("images_replace");
  if (replace != doc.end() && !replace->is_boolean())
    return Problem{is_what("images_replace", *replace), "true or false"};
  if (images == doc.end()) {
    if (replace != doc.end()) return Problem{"\"images_replace\" without \"images\"", "\"images\""};
    return std::nullopt;
  }
  std::vector<std::string> files;
  if (images->is_string() && !images->get<std::string>().empty()) {
    files.push_back(images->get<std::string>());
  } else if (images->is_array() && !images->empty()) {
    for (const Json& f : *images) {
      if (!f.is_string() || f.get<std::string>().empty())
        return Problem{"an \"images\" entry is " + type_of(f), "a file name"};
      files.push_back(f.get<std::string>());
    }
  } else {
    return Problem{is_what("images", *images), "a file name or a non-empty list of file names"};
  }
  const std::filesystem::path folder = std::filesystem::path(out.file).parent_path();
  for (const auto& f : files) {
    const std::filesystem::path path(f);
    out.image_files.push_back(path.is_absolute() ? f : (folder / path).string());
  }
  out.images_replace = replace != doc.end() && replace->get<bool>();
  return std::nullopt;
}

Check check_top(const Json& doc, Scenario& out) {
  if (!doc.is_object()) return Problem{"the file holds " + type_of(doc), "a scenario object"};
  if (auto p = only_keys(
          doc,
          {"$schema", "name", "description", "seed", "clock", "images", "images_replace", "steps"},
          ""))
    return p;
  if (auto p = check_images(doc, out)) return p;
  if (auto p = string_member(doc, "name", true, "a non-empty scenario name")) return p;
  if (auto p = string_member(doc, "description", false, "text")) return p;
  if (auto p = checked_string(doc, "clock", false, "\"manual\" or \"instant\"",
                              [](const std::string& t) { return t == "manual" || t == "instant"; }))
    return p;
  if (auto seed = doc.find("seed"); seed != doc.end()) {
    if (!seed->is_number_unsigned() && !(seed->is_number_integer() && seed->get<long>() >= 0))
      return Problem{is_what("seed", *seed), "a whole number from 0"};
    out.seed = seed->get<std::uint64_t>();
  }
  auto steps = doc.find("steps");
  if (steps == doc.end()) return Problem{"\"steps\" is missing", "an array of steps"};
  if (!steps->is_array() || steps->empty())
    return Problem{steps->is_array() ? "\"steps\" is empty" : is_what("steps", *steps),
                   "an array of at least one step"};
  out.name = doc["name"].get<std::string>();
  out.description = doc.value("description", "");
  out.clock = doc.value("clock", "manual") == "instant" ? ClockKind::kInstant : ClockKind::kManual;
  return std::nullopt;
}

std::string one_line(const std::string& file, const std::string& where, const Problem& p) {
  return fmt::format("{}: {}{}; expected {}", file, where, p.what, p.expected);
}

}  // namespace

LoadResult parse_scenario(std::string_view text, const std::string& file) {
  constexpr int kMaxDepth = 64;
  if (auto at = too_deep(text, kMaxDepth))
    return fmt::format("{}: line {}: nested more than {} levels deep; expected at most {}", file,
                       line_of(text, *at), kMaxDepth, kMaxDepth);
  Json doc;
  try {
    doc = Json::parse(text);
  } catch (const Json::parse_error& e) {
    return fmt::format("{}: line {}: not JSON: {}", file, line_of(text, e.byte),
                       parse_reason(e.what()));
  }
  Scenario out;
  out.file = file;
  if (auto p = check_top(doc, out)) return one_line(file, "", *p);
  for (std::size_t i = 0; i < doc["steps"].size(); ++i) {
    Step step;
    if (auto p = check_step(doc["steps"][i], step.kind))
      return one_line(file, fmt::format("step {}: ", i + 1), *p);
    step.body = doc["steps"][i];
    out.steps.push_back(std::move(step));
  }
  return out;
}

std::string invariant_problem(const Json& entry) {
  auto p = check_invariant(entry);
  return p ? fmt::format("{}; expected {}", p->what, p->expected) : "";
}

LoadResult load_scenario(const std::string& path) {
  std::string error;
  auto text = io::read_file(path, &error);
  if (!text) return fmt::format("{}: cannot read: {}", path, error);
  return parse_scenario(*text, path);
}

}  // namespace amisim::scenario
