#include "api/rbin/rbin.hpp"

#include <array>

#include "api/protocol/form_encoding.hpp"
#include "api/protocol/rest_json.hpp"
#include "sim/core/errors.hpp"
#include "sim/core/time.hpp"
#include "sim/rbin/rbin.hpp"

namespace amisim::rbin {
namespace {

using protocol::WireError;
using protocol::WireResult;

struct Operation {
  std::string_view name;
  bool mutates;
  int status;  // the success status the model gives (responseCode)
};

constexpr std::array<Operation, 10> kOperations{{
    {"CreateRule", true, 201},
    {"GetRule", false, 200},
    {"UpdateRule", true, 200},
    {"DeleteRule", true, 204},
    {"LockRule", true, 200},
    {"UnlockRule", true, 200},
    {"ListRules", false, 200},
    {"TagResource", true, 201},
    {"UntagResource", true, 204},
    {"ListTagsForResource", false, 200},
}};

const Operation* find_operation(std::string_view name) {
  for (const auto& op : kOperations) {
    if (op.name == name) return &op;
  }
  return nullptr;
}

// A bad member: thrown by the accessors, caught by call().
struct Invalid {
  WireError error;
};
[[noreturn]] void invalid(const sim::Error& e) { throw Invalid{protocol::to_wire(e)}; }
[[noreturn]] void invalid(std::string_view field, std::string_view constraint) {
  invalid(sim::errors::rbin_field_invalid(field, constraint));
}

const Json* find(const Json& in, std::string_view key) {
  auto it = in.find(key);
  return it == in.end() || it->is_null() ? nullptr : &*it;
}
std::optional<std::string> opt_string(const Json& in, std::string_view key,
                                      std::string_view field) {
  const Json* v = find(in, key);
  if (v == nullptr) return std::nullopt;
  if (!v->is_string()) invalid(field, "Member must be a string");
  return v->get<std::string>();
}
std::optional<int> opt_int(const Json& in, std::string_view key, std::string_view field) {
  const Json* v = find(in, key);
  if (v == nullptr) return std::nullopt;
  if (!v->is_number_integer()) invalid(field, "Member must be an integer");
  const auto n = v->get<std::int64_t>();
  if (n < -1000000 || n > 1000000) invalid(field, "Member must be an integer in range");
  return static_cast<int>(n);
}
const Json* opt_object(const Json& in, std::string_view key, std::string_view field) {
  const Json* v = find(in, key);
  if (v != nullptr && !v->is_object()) invalid(field, "Member must be a structure");
  return v;
}
const Json* opt_array(const Json& in, std::string_view key, std::string_view field) {
  const Json* v = find(in, key);
  if (v != nullptr && !v->is_array()) invalid(field, "Member must be a list");
  return v;
}
std::string required(const Json& in, std::string_view key, std::string_view field) {
  auto s = opt_string(in, key, field);
  if (!s) invalid(field, "Member must not be null");
  return *s;
}

std::optional<std::vector<sim::RbinResourceTag>> resource_tags(const Json& in, std::string_view key,
                                                               std::string_view field) {
  const Json* list = opt_array(in, key, field);
  if (list == nullptr) return std::nullopt;
  std::vector<sim::RbinResourceTag> out;
  for (const Json& item : *list) {
    if (!item.is_object()) invalid(field, "Member must be a list of structures");
    sim::RbinResourceTag t;
    t.key = required(item, "ResourceTagKey", std::string(field) + ".member.resourceTagKey");
    t.value = opt_string(item, "ResourceTagValue", std::string(field) + ".member.resourceTagValue");
    out.push_back(std::move(t));
  }
  return out;
}

std::vector<sim::Tag> tag_list(const Json& in) {
  std::vector<sim::Tag> out;
  const Json* list = opt_array(in, "Tags", "tags");
  if (list == nullptr) return out;
  for (const Json& item : *list) {
    if (!item.is_object()) invalid("tags", "Member must be a list of structures");
    out.push_back(
        {required(item, "Key", "tags.member.key"), required(item, "Value", "tags.member.value")});
  }
  return out;
}

void read_lock(const Json& in, sim::RbinRuleSpec& spec) {
  const Json* lock = opt_object(in, "LockConfiguration", "lockConfiguration");
  if (lock == nullptr) return;
  const Json* delay = opt_object(*lock, "UnlockDelay", "lockConfiguration.unlockDelay");
  if (delay == nullptr) invalid("lockConfiguration.unlockDelay", "Member must not be null");
  spec.unlock_delay_days =
      opt_int(*delay, "UnlockDelayValue", "lockConfiguration.unlockDelay.unlockDelayValue");
  spec.unlock_delay_unit =
      opt_string(*delay, "UnlockDelayUnit", "lockConfiguration.unlockDelay.unlockDelayUnit");
  if (!spec.unlock_delay_days)
    invalid("lockConfiguration.unlockDelay.unlockDelayValue", "Member must not be null");
  if (!spec.unlock_delay_unit)
    invalid("lockConfiguration.unlockDelay.unlockDelayUnit", "Member must not be null");
}

sim::RbinRuleSpec rule_spec(const Json& in) {
  sim::RbinRuleSpec spec;
  spec.description = opt_string(in, "Description", "description");
  spec.resource_type = opt_string(in, "ResourceType", "resourceType");
  if (const Json* period = opt_object(in, "RetentionPeriod", "retentionPeriod")) {
    spec.retention_days =
        opt_int(*period, "RetentionPeriodValue", "retentionPeriod.retentionPeriodValue");
    spec.retention_unit =
        opt_string(*period, "RetentionPeriodUnit", "retentionPeriod.retentionPeriodUnit");
    if (!spec.retention_days)
      invalid("retentionPeriod.retentionPeriodValue", "Member must not be null");
    if (!spec.retention_unit)
      invalid("retentionPeriod.retentionPeriodUnit", "Member must not be null");
  }
  spec.resource_tags = resource_tags(in, "ResourceTags", "resourceTags");
  spec.exclude_resource_tags = resource_tags(in, "ExcludeResourceTags", "excludeResourceTags");
  spec.tags = tag_list(in);
  read_lock(in, spec);
  return spec;
}

Json resource_tags_json(const std::vector<sim::RbinResourceTag>& tags) {
  Json out = Json::array();
  for (const auto& t : tags) {
    Json item = {{"ResourceTagKey", t.key}};
    if (t.value) item["ResourceTagValue"] = *t.value;
    out.push_back(std::move(item));
  }
  return out;
}

Json tags_json(const std::vector<sim::Tag>& tags) {
  Json out = Json::array();
  for (const auto& t : tags) out.push_back({{"Key", t.key}, {"Value", t.value}});
  return out;
}

// restJson1 timestamps are epoch seconds.
double epoch_seconds(sim::TimeMs t) { return static_cast<double>(t) / 1000.0; }

Json retention_json(const sim::RetentionRule& rule) {
  return {{"RetentionPeriodValue", rule.retention_days}, {"RetentionPeriodUnit", "DAYS"}};
}

// The members every rule reply shares (GetRuleResponse's); `with_tags` for CreateRule.
Json rule_json(const sim::RetentionRule& rule, sim::TimeMs now, bool with_tags) {
  Json out = {{"Identifier", rule.id},
              {"Description", rule.description},
              {"ResourceType", std::string(sim::to_string(rule.resource_type))},
              {"RetentionPeriod", retention_json(rule)},
              {"Status", std::string(sim::rule_status(rule, now))},
              {"RuleArn", sim::rule_arn(rule)}};
  if (!rule.resource_tags.empty()) out["ResourceTags"] = resource_tags_json(rule.resource_tags);
  if (!rule.exclude_resource_tags.empty())
    out["ExcludeResourceTags"] = resource_tags_json(rule.exclude_resource_tags);
  if (rule.unlock_delay_days)
    out["LockConfiguration"] = {
        {"UnlockDelay",
         {{"UnlockDelayValue", *rule.unlock_delay_days}, {"UnlockDelayUnit", "DAYS"}}}};
  if (auto state = sim::rule_lock_state(rule, now); !state.empty())
    out["LockState"] = std::string(state);
  if (auto end = sim::rule_lock_end_time(rule, now)) out["LockEndTime"] = epoch_seconds(*end);
  if (with_tags && !rule.tags.empty()) out["Tags"] = tags_json(rule.tags);
  return out;
}

template <class T>
T ok_or_throw(sim::Result<T>&& r) {
  if (!r.ok()) invalid(r.error());
  return std::move(r).value();
}
void ok_or_throw(sim::Status&& s) {
  if (!s.ok()) invalid(s.error());
}

Json run(sim::World& world, const sim::Caller& caller, std::string_view op, const Json& in) {
  const sim::TimeMs now = world.now();
  if (op == "CreateRule")
    return rule_json(*ok_or_throw(sim::create_rule(world, caller, rule_spec(in))), world.now(),
                     true);
  if (op == "GetRule")
    return rule_json(
        *ok_or_throw(sim::get_rule(world, caller, required(in, "Identifier", "identifier"))), now,
        false);
  if (op == "UpdateRule") {
    const std::string id = required(in, "Identifier", "identifier");
    return rule_json(*ok_or_throw(sim::update_rule(world, caller, id, rule_spec(in))), now, false);
  }
  if (op == "DeleteRule") {
    ok_or_throw(sim::delete_rule(world, caller, required(in, "Identifier", "identifier")));
    return Json::object();
  }
  if (op == "LockRule") {
    const std::string id = required(in, "Identifier", "identifier");
    sim::RbinRuleSpec lock;
    read_lock(in, lock);
    if (!lock.unlock_delay_days) invalid("lockConfiguration", "Member must not be null");
    return rule_json(*ok_or_throw(sim::lock_rule(world, caller, id, lock)), now, false);
  }
  if (op == "UnlockRule")
    return rule_json(
        *ok_or_throw(sim::unlock_rule(world, caller, required(in, "Identifier", "identifier"))),
        now, false);
  if (op == "ListRules") {
    sim::ListRulesRequest r;
    r.resource_type = opt_string(in, "ResourceType", "resourceType");
    r.lock_state = opt_string(in, "LockState", "lockState");
    r.resource_tags = resource_tags(in, "ResourceTags", "resourceTags");
    r.exclude_resource_tags = resource_tags(in, "ExcludeResourceTags", "excludeResourceTags");
    if (auto max = opt_int(in, "MaxResults", "maxResults")) r.page.max_results = *max;
    r.page.next_token = opt_string(in, "NextToken", "nextToken").value_or("");
    auto found = ok_or_throw(sim::list_rules(world, caller, r));
    Json rules = Json::array();
    for (const sim::RetentionRule* rule : found.rules) {
      Json item = {{"Identifier", rule->id},
                   {"Description", rule->description},
                   {"RetentionPeriod", retention_json(*rule)},
                   {"RuleArn", sim::rule_arn(*rule)}};
      if (auto state = sim::rule_lock_state(*rule, now); !state.empty())
        item["LockState"] = std::string(state);
      rules.push_back(std::move(item));
    }
    Json out = {{"Rules", std::move(rules)}};
    if (!found.next_token.empty()) out["NextToken"] = found.next_token;
    return out;
  }
  if (op == "TagResource") {
    ok_or_throw(
        sim::tag_rule(world, caller, required(in, "ResourceArn", "resourceArn"), tag_list(in)));
    return Json::object();
  }
  if (op == "UntagResource") {
    std::vector<std::string> keys;
    if (const Json* list = opt_array(in, "TagKeys", "tagKeys")) {
      for (const Json& k : *list) {
        if (!k.is_string()) invalid("tagKeys", "Member must be a list of strings");
        keys.push_back(k.get<std::string>());
      }
    }
    ok_or_throw(sim::untag_rule(world, caller, required(in, "ResourceArn", "resourceArn"), keys));
    return Json::object();
  }
  // ListTagsForResource
  return {{"Tags", tags_json(ok_or_throw(sim::rule_tags(
                       world, caller, required(in, "ResourceArn", "resourceArn"))))}};
}

std::string_view path_of(const http::HttpRequest& request) {
  return std::string_view(request.target).substr(0, request.target.find('?'));
}

std::optional<std::string> decode_segment(std::string_view segment) {
  auto fields = protocol::decode_form("v=" + std::string(segment), 1);
  if (!fields || fields.value().empty()) return std::nullopt;
  return fields.value()[0].value;
}

}  // namespace

bool mutates(std::string_view operation) {
  const Operation* op = find_operation(operation);
  return op != nullptr && op->mutates;
}

bool is_operation(std::string_view operation) { return find_operation(operation) != nullptr; }

RbinCall parse_request(const http::HttpRequest& request) {
  RbinCall call;
  const std::string_view path = path_of(request);
  const std::string_view method = request.method;
  std::string param;  // the {identifier} or {resourceArn} segment, decoded
  auto tail = [&](std::string_view prefix) -> bool {
    if (path.substr(0, prefix.size()) != prefix || path.size() == prefix.size()) return false;
    auto decoded = decode_segment(path.substr(prefix.size()));
    if (!decoded) return false;
    param = *decoded;
    return true;
  };
  if (path == "/rules" && method == "POST") {
    call.operation = "CreateRule";
  } else if (path == "/list-rules" && method == "POST") {
    call.operation = "ListRules";
  } else if (tail("/tags/")) {
    call.operation = method == "POST"     ? "TagResource"
                     : method == "DELETE" ? "UntagResource"
                     : method == "GET"    ? "ListTagsForResource"
                                          : "";
    call.input["ResourceArn"] = param;
  } else if (tail("/rules/")) {
    std::string_view id = param;
    std::string_view suffix;
    if (auto slash = id.find('/'); slash != std::string_view::npos) {
      suffix = id.substr(slash);
      id = id.substr(0, slash);
    }
    if (suffix.empty()) {
      call.operation = method == "GET"      ? "GetRule"
                       : method == "PATCH"  ? "UpdateRule"
                       : method == "DELETE" ? "DeleteRule"
                                            : "";
    } else if (method == "PATCH" && (suffix == "/lock" || suffix == "/unlock")) {
      call.operation = suffix == "/lock" ? "LockRule" : "UnlockRule";
    }
    call.input["Identifier"] = std::string(id);
  }
  if (call.operation.empty()) {
    // API Gateway's answer to a resource it does not have [?] (as for the Account API).
    call.error = WireError{
        "UnknownOperationException",
        "No rbin operation matches " + std::string(method) + " " + std::string(path), 404};
    return call;
  }
  if (call.operation == "UntagResource") {
    const auto q = request.target.find('?');
    if (q != std::string::npos) {
      auto fields = protocol::decode_form(std::string_view(request.target).substr(q + 1), 400);
      if (!fields) {
        call.error = protocol::wire_errors::serialization_exception();
        return call;
      }
      Json keys = Json::array();
      for (const auto& f : fields.value()) {
        if (f.name == "tagKeys") keys.push_back(f.value);
      }
      call.input["TagKeys"] = std::move(keys);
    }
  }
  call.error = protocol::merge_json_body(request.body, call.input);
  return call;
}

WireResult<Json> call(sim::World& world, const sim::Caller& caller, std::string_view operation,
                      const Json& input) {
  if (!is_operation(operation))
    return WireError{"UnknownOperationException",
                     "Unknown rbin operation: " + std::string(operation), 404};
  if (auto refused = protocol::admit_call(world, caller, input)) return *refused;
  try {
    static const Json kEmpty = Json::object();
    return run(world, caller, operation, input.is_object() ? input : kEmpty);
  } catch (const Invalid& e) {
    return e.error;
  }
}

http::HttpResponse write_response(std::string_view operation, const WireResult<Json>& result,
                                  const std::string& request_id) {
  http::HttpResponse r;
  r.headers.add("Content-Type", "application/json");
  r.headers.add("x-amzn-RequestId", request_id);
  if (result.ok()) {
    const Operation* op = find_operation(operation);
    r.status = op != nullptr ? op->status : 200;
    if (r.status != 204) r.body = result.value().dump();
    return r;
  }
  const WireError& e = result.error();
  r.status = e.http_status;
  r.headers.add("x-amzn-ErrorType", e.code);
  Json body = {{"message", e.message}};
  // The Reason member of the model's error shapes.
  if (e.code == "ValidationException")
    body["Reason"] = e.message == "The NextToken is not valid." ? "INVALID_PAGE_TOKEN"
                                                                : "INVALID_PARAMETER_VALUE";
  else if (e.code == "ResourceNotFoundException")
    body["Reason"] = "RULE_NOT_FOUND";
  else if (e.code == "ConflictException")
    body["Reason"] = "INVALID_RULE_STATE";
  else if (e.code == "ServiceQuotaExceededException")
    body["Reason"] = "SERVICE_QUOTA_EXCEEDED";
  r.body = body.dump();
  return r;
}

}  // namespace amisim::rbin
