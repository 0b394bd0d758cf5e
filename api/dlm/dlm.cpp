#include "api/dlm/dlm.hpp"

#include <array>

#include "api/dlm/policy_json.hpp"
#include "api/dlm/shapes.hpp"
#include "api/protocol/form_encoding.hpp"
#include "api/protocol/rest_json.hpp"
#include "sim/core/time.hpp"
#include "sim/dlm/dlm.hpp"

namespace amisim::dlm {
namespace {

using protocol::WireError;
using protocol::WireResult;

struct Operation {
  std::string_view name;
  bool mutates;
};

// Every operation answers 200 (the model gives no other responseCode).
constexpr std::array<Operation, 8> kOperations{{
    {"CreateLifecyclePolicy", true},
    {"GetLifecyclePolicies", false},
    {"GetLifecyclePolicy", false},
    {"UpdateLifecyclePolicy", true},
    {"DeleteLifecyclePolicy", true},
    {"TagResource", true},
    {"UntagResource", true},
    {"ListTagsForResource", false},
}};

const Operation* find_operation(std::string_view name) {
  for (const auto& op : kOperations) {
    if (op.name == name) return &op;
  }
  return nullptr;
}

// --- input ------------------------------------------------------------------------------------

template <class T>
T ok_or_throw(sim::Result<T>&& r) {
  if (!r.ok()) throw shape::Invalid{r.error()};
  return std::move(r).value();
}
void ok_or_throw(sim::Status&& s) {
  if (!s.ok()) throw shape::Invalid{s.error()};
}

std::string policy_id(const Json& in) {
  return shape::required_text(in, "PolicyId", "", shape::kPolicyId);
}
std::string resource_arn(const Json& in) {
  return shape::required_text(in, "ResourceArn", "", shape::kPolicyArn);
}

// A list of strings, each of `item_shape`.
std::vector<std::string> texts(const Json& in, std::string_view key, std::size_t min,
                               std::size_t max, const shape::Text& item_shape) {
  std::vector<std::string> out;
  const Json* list = shape::list(in, key, "", min, max);
  if (list == nullptr) return out;
  for (std::size_t i = 0; i < list->size(); ++i)
    out.push_back(shape::text_value((*list)[i], shape::item(shape::child("", key), i), item_shape));
  return out;
}

// GetLifecyclePolicies' "key=value" tag filters (TagFilter: 256 characters at most).
std::vector<sim::Tag> tag_filters(const Json& in, std::string_view key, std::size_t min) {
  std::vector<sim::Tag> out;
  for (const std::string& filter : texts(in, key, min, 50, shape::Text{0, 256, ""})) {
    const auto eq = filter.find('=');
    if (eq == std::string::npos)  // [?] AWS's text for a filter without '=' is unknown
      shape::refuse_with("The tag filter '" + filter + "' in " + std::string(key) +
                         " is not of the form key=value.");
    out.push_back({filter.substr(0, eq), filter.substr(eq + 1)});
  }
  return out;
}

sim::DlmPolicyFilter policy_filter(const Json& in) {
  sim::DlmPolicyFilter f;
  f.policy_ids =
      texts(in, "PolicyIds", 0, std::numeric_limits<std::size_t>::max(), shape::kPolicyId);
  f.state = shape::one_of(in, "State", "", {"ENABLED", "DISABLED", "ERROR"});
  if (const Json* types = shape::list(in, "ResourceTypes", "", 1, 1)) {
    const Json& type = (*types)[0];
    if (type != "VOLUME" && type != "INSTANCE")
      shape::refuse("resourceTypes.1.member", &type,
                    "Member must satisfy enum value set: [VOLUME, INSTANCE]");
    f.resource_types.push_back(type.get<std::string>());
  }
  f.target_tags = tag_filters(in, "TargetTags", 1);
  f.tags_to_add = tag_filters(in, "TagsToAdd", 0);
  return f;
}

// --- output -----------------------------------------------------------------------------------

// The PolicyDetails the caller gave, as kept (a document that does not parse is left out).
std::optional<Json> details_json(const sim::LifecyclePolicy& p) {
  Json doc = Json::parse(p.details_document, nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) return std::nullopt;
  return doc;
}

// GetLifecyclePolicy's Policy (LifecyclePolicy). Timestamps: the model's timestampFormat iso8601.
Json policy_json(const sim::LifecyclePolicy& p) {
  Json out = {{"PolicyId", p.id},
              {"Description", p.description},
              {"State", std::string(sim::policy_state(p))},
              {"StatusMessage", p.status_message},
              {"ExecutionRoleArn", p.execution_role_arn},
              {"DateCreated", sim::format_iso8601(p.created)},
              {"DateModified", sim::format_iso8601(p.modified)},
              {"PolicyArn", sim::policy_arn(p)},
              {"DefaultPolicy", false}};
  if (auto details = details_json(p)) out["PolicyDetails"] = std::move(*details);
  if (!p.tags.empty()) out["Tags"] = tag_map_json(p.tags);  // TagMap has at least one entry
  return out;
}

// GetLifecyclePolicies' LifecyclePolicySummary.
Json summary_json(const sim::LifecyclePolicy& p) {
  Json out = {{"PolicyId", p.id},
              {"Description", p.description},
              {"State", std::string(sim::policy_state(p))},
              {"PolicyType", std::string(sim::to_string(p.details.type))},
              {"DefaultPolicy", false}};
  if (!p.tags.empty()) out["Tags"] = tag_map_json(p.tags);
  return out;
}

Json get_policies(const sim::World& world, const sim::Caller& caller, const Json& in) {
  sim::DlmPolicyFilter filter = policy_filter(in);
  // Only default policies have a DefaultPolicyType, and amisim makes none [?].
  if (shape::one_of(in, "DefaultPolicyType", "", {"VOLUME", "INSTANCE", "ALL"}))
    return {{"Policies", Json::array()}};
  Json policies = Json::array();
  for (const sim::LifecyclePolicy* p :
       ok_or_throw(sim::get_lifecycle_policies(world, caller, filter)))
    policies.push_back(summary_json(*p));
  return {{"Policies", std::move(policies)}};
}

Json tag_resource(sim::World& world, const sim::Caller& caller, const Json& in) {
  const std::string arn = resource_arn(in);
  if (shape::find(in, "Tags") == nullptr) shape::refuse("tags", nullptr, "Member must not be null");
  ok_or_throw(sim::tag_lifecycle_policy(world, caller, arn, read_tag_map(in, "Tags")));
  return Json::object();
}

Json untag_resource(sim::World& world, const sim::Caller& caller, const Json& in) {
  const std::string arn = resource_arn(in);
  if (shape::find(in, "TagKeys") == nullptr)
    shape::refuse("tagKeys", nullptr, "Member must not be null");
  ok_or_throw(sim::untag_lifecycle_policy(world, caller, arn,
                                          texts(in, "TagKeys", 1, 200, shape::kTagKey)));
  return Json::object();
}

Json run(sim::World& world, const sim::Caller& caller, std::string_view op, const Json& in) {
  if (op == "CreateLifecyclePolicy") {
    const sim::DlmPolicySpec spec = read_policy_spec(in, true);
    return {{"PolicyId", ok_or_throw(sim::create_lifecycle_policy(world, caller, spec))->id}};
  }
  if (op == "GetLifecyclePolicies") return get_policies(world, caller, in);
  if (op == "GetLifecyclePolicy")
    return {{"Policy",
             policy_json(*ok_or_throw(sim::get_lifecycle_policy(world, caller, policy_id(in))))}};
  if (op == "UpdateLifecyclePolicy") {
    const std::string id = policy_id(in);
    ok_or_throw(sim::update_lifecycle_policy(world, caller, id, read_policy_spec(in, false)));
    return Json::object();
  }
  if (op == "DeleteLifecyclePolicy") {
    ok_or_throw(sim::delete_lifecycle_policy(world, caller, policy_id(in)));
    return Json::object();
  }
  if (op == "TagResource") return tag_resource(world, caller, in);
  if (op == "UntagResource") return untag_resource(world, caller, in);
  return {{"Tags",
           tag_map_json(ok_or_throw(sim::lifecycle_policy_tags(world, caller, resource_arn(in))))}};
}

// --- the HTTP request -------------------------------------------------------------------------

// The query members of GetLifecyclePolicies (lists repeat their name) and UntagResource.
struct QueryMember {
  std::string_view wire;
  std::string_view member;
  bool list;
};
constexpr std::array<QueryMember, 7> kQueryMembers{{
    {"policyIds", "PolicyIds", true},
    {"state", "State", false},
    {"resourceTypes", "ResourceTypes", true},
    {"targetTags", "TargetTags", true},
    {"tagsToAdd", "TagsToAdd", true},
    {"defaultPolicyType", "DefaultPolicyType", false},
    {"tagKeys", "TagKeys", true},
}};

std::optional<WireError> read_query(std::string_view query, Json& input) {
  auto fields = protocol::decode_form(query, 400);
  if (!fields) return protocol::wire_errors::serialization_exception();
  for (const auto& f : fields.value()) {
    for (const auto& m : kQueryMembers) {
      if (f.name != m.wire) continue;
      const std::string key(m.member);
      if (!m.list)
        input[key] = f.value;
      else
        input[key].push_back(f.value);
    }
  }
  return std::nullopt;
}

// The operation a method and path name ("" for none), and the path's member.
std::string operation_of(std::string_view method, std::string_view path, Json& input) {
  auto label = [&](std::string_view prefix, std::string_view member) {
    if (path.substr(0, prefix.size()) != prefix || path.size() == prefix.size()) return false;
    auto decoded = protocol::decode_path_segment(path.substr(prefix.size()));
    if (!decoded) return false;
    input[std::string(member)] = *decoded;
    return true;
  };
  if (path == "/policies")
    return method == "GET"    ? "GetLifecyclePolicies"
           : method == "POST" ? "CreateLifecyclePolicy"
                              : "";
  if (label("/policies/", "PolicyId"))
    return method == "GET"      ? "GetLifecyclePolicy"
           : method == "PATCH"  ? "UpdateLifecyclePolicy"
           : method == "DELETE" ? "DeleteLifecyclePolicy"
                                : "";
  if (label("/tags/", "ResourceArn"))
    return method == "POST"     ? "TagResource"
           : method == "DELETE" ? "UntagResource"
           : method == "GET"    ? "ListTagsForResource"
                                : "";
  return "";
}

}  // namespace

bool mutates(std::string_view operation) {
  const Operation* op = find_operation(operation);
  return op != nullptr && op->mutates;
}

bool is_operation(std::string_view operation) { return find_operation(operation) != nullptr; }

DlmCall parse_request(const http::HttpRequest& request) {
  DlmCall call;
  const auto q = request.target.find('?');
  const std::string_view path = std::string_view(request.target).substr(0, q);
  call.operation = operation_of(request.method, path, call.input);
  if (call.operation.empty()) {
    // API Gateway's answer to a resource it does not have [?] (as for rbin and the Account API).
    call.error =
        WireError{"UnknownOperationException",
                  "No dlm operation matches " + request.method + " " + std::string(path), 404};
    return call;
  }
  if (q != std::string::npos) {
    call.error = read_query(std::string_view(request.target).substr(q + 1), call.input);
    if (call.error) return call;
  }
  call.error = protocol::merge_json_body(request.body, call.input);
  return call;
}

WireResult<Json> call(sim::World& world, const sim::Caller& caller, std::string_view operation,
                      const Json& input) {
  if (!is_operation(operation))
    return WireError{"UnknownOperationException",
                     "Unknown dlm operation: " + std::string(operation), 404};
  if (auto refused = protocol::admit_call(world, caller, input)) return *refused;
  try {
    return run(world, caller, operation, input.is_object() ? input : Json::object());
  } catch (const shape::Invalid& e) {
    return protocol::to_wire(e.error);
  }
}

http::HttpResponse write_response(std::string_view operation, const WireResult<Json>& result,
                                  const std::string& request_id) {
  (void)operation;  // every operation answers 200
  http::HttpResponse r;
  r.headers.add("Content-Type", "application/json");
  r.headers.add("x-amzn-RequestId", request_id);
  if (result.ok()) {
    r.status = 200;
    r.body = result.value().dump();
    return r;
  }
  const WireError& e = result.error();
  r.status = e.http_status;
  r.headers.add("x-amzn-ErrorType", e.code);
  // The error shapes' members (InvalidRequestException, ResourceNotFoundException, ...): Message
  // and Code [?] (no capture of a DLM error body was found; botocore reads message or Message).
  r.body = Json{{"Message", e.message}, {"Code", e.code}}.dump();
  return r;
}

}  // namespace amisim::dlm
